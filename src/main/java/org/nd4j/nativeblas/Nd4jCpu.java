package org.nd4j.nativeblas;

/**
 * Compatibility shim, not ND4J code. DL4J 1.0.0-M2.1's oneDNN helper check
 * (BaseMKLDNNHelper.mklDnnEnabled) looks up this class by its pre-M2 name and calls
 * isUseMKLDNN(); M2.1's bindings renamed it (isUseONEDNN on
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment), so without this class DL4J
 * silently falls back to im2col + gemm (about 25x slower convolutions). See
 * io.hptransfer.model.OneDnn.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
