package io.hptransfer.mup;

import java.util.List;

/**
 * Your model as a function of its width and depth: what {@link MuCoordCheck} and sweeps build at each size.
 *
 * @param <C> MultiLayerConfiguration or ComputationGraphConfiguration
 */
@FunctionalInterface
public interface ModelFamily<C> {
    /** The configuration at this width and depth (depth: residual blocks; ignore it if the model has none). */
    C at(int width, int depth);

    /** The vertex ending each residual branch at this depth (h + branch(h): the input that is not h); none by default. */
    default List<String> branchEnds(int depth) {
        return List.of();
    }
}
