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

        /** Reflective so the project also compiles against the CUDA backend, which has no CPU bindings. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }
}
