package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.param.Parameterization;
import io.hptransfer.util.NativeMemory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that builds model after model must not keep the old ones' native memory: without
 * {@link NativeMemory#reclaim()} each W256 model left ~1.9 GB behind (W128: ~0.5 GB) and a 5-width,
 * 8-seed coordinate check was killed by the kernel at 24 GB. Here: ~0.9 GB per W128 model without it
 * (3.7 GB over the 4 measured), flat alone with it; inside the full suite the allocator's noise reached +0.4 GB.
 */
class NativeMemoryTest {
    @Test
    void buildingModelAfterModelDoesNotAccumulateNativeMemory() {
        ImageDataset data = Datasets.load(DataConfig.bundled()).train();
        CoordCheckSpec spec = new CoordCheckSpec(Parameterization.MUP, OptimizerConfig.sgd(0.05), Axis.WIDTH,
                List.of(16, 128), 16, 2, 1, 6, 64, false, 1.0, false, null);
        List<Long> resident = new ArrayList<>();
        CoordCheck.run(spec, data, s -> {
            if (s.contains(" 128 ")) resident.add(NativeMemory.residentBytes());
        });
        long growth = resident.get(resident.size() - 1) - resident.get(1);
        System.out.println("resident before each W128 model (MB): " + resident.stream().map(b -> b >> 20).toList());
        assertTrue(growth < (1500L << 20), "resident memory grew by " + (growth >> 20) + " MB over 4 W128 models: " + resident);
    }
}
