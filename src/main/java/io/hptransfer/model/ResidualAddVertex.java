package io.hptransfer.model;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The residual sum stream + branch: DL4J's ElementWiseVertex(Add) with one op instead of two in the forward
 * pass (it copies the first input into the output, then adds the second in place; here one add writes the
 * output). The same sum of the same two numbers, so bit for bit DL4J's; the backward pass is DL4J's (a copy of
 * the gradient for each input, in the gradient workspace).
 */
public final class ResidualAddVertex extends ElementWiseVertex {

    public ResidualAddVertex() {
        super(Op.Add);
    }

    @Override
    public ResidualAddVertex clone() {
        return new ResidualAddVertex();
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                     INDArray paramsView, boolean initializeParams,
                                                                     DataType dtype) {
        return new Runtime(graph, name, idx, dtype);
    }

    static final class Runtime extends org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex {
        Runtime(ComputationGraph graph, String name, int idx, DataType dtype) {
            super(graph, name, idx, Op.Add, dtype);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            if (!canDoForward()) throw new IllegalStateException("Cannot do forward pass: inputs not set");
            if (inputs.length != 2 || !inputs[0].equalShapes(inputs[1])) {
                throw new IllegalStateException(getVertexName() + " adds two arrays of one shape, got " + inputs.length
                        + " inputs" + (inputs.length == 2 ? " of shapes " + java.util.Arrays.toString(inputs[0].shape()) + " and "
                        + java.util.Arrays.toString(inputs[1].shape()) : ""));
            }
            INDArray sum = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, inputs[0].shape());
            Nd4j.getExecutioner().exec(new AddOp(inputs[0].castTo(dataType), inputs[1].castTo(dataType), sum));
            return sum;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            if (!canDoBackward()) throw new IllegalStateException("Cannot do backward pass: errors not set");
            return new Pair<>(null, new INDArray[]{mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon),
                    mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon)});
        }
    }
}
