package io.hptransfer.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;

/**
 * Switches DL4J's oneDNN layer helpers on and reports whether they are really in use.
 * Three things must hold (shared/reference/dl4j-facts.md): the libnd4j build has oneDNN
 * (the -onednn classifier), the helpers property is false, and DL4J's helper check can find
 * org.nd4j.nativeblas.Nd4jCpu$Environment (our shim).
 */
public final class OneDnn {
    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private OneDnn() {
    }

    /** Must run before any DL4J layer is constructed: helpers are created in layer constructors. */
    public static void enable() {
        if (System.getProperty(HELPERS_PROPERTY) == null) {
            System.setProperty(HELPERS_PROPERTY, "false");
        }
    }

    /** True when the loaded libnd4j was compiled with oneDNN. */
    public static boolean nativeBuildHasOneDnn() {
        String info = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        if (!"CPU".equalsIgnoreCase(info)) return false;
        return buildInfo().contains("HAVE_ONEDNN");
    }

    /** Backend build string, for `hpt doctor`. */
    public static String buildInfo() {
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }

    /** True when DL4J's own helper check says oneDNN helpers may be used. */
    public static boolean helperCheckPasses() {
        return org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Counts conv and batch-norm layers of a built graph and how many of them run on a oneDNN
     * helper that has not failed (a failed helper makes DL4J fall back to im2col for good).
     */
    public static HelperReport inspect(ComputationGraph graph) {
        int conv = 0, convOnDnn = 0, bn = 0, bnOnDnn = 0;
        for (Layer l : graph.getLayers()) {
            if (l instanceof ConvolutionLayer c) {
                conv++;
                if (c.getHelper() instanceof MKLDNNConvHelper && failCount(c) == 0) convOnDnn++;
            } else if (l instanceof BatchNormalization b) {
                bn++;
                if (b.getHelper() != null && failCount(b) == 0) bnOnDnn++;
            }
        }
        return new HelperReport(conv, convOnDnn, bn, bnOnDnn);
    }

    private static int failCount(Object layer) {
        for (Class<?> c = layer.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("helperCountFail");
                f.setAccessible(true);
                return f.getInt(layer);
            } catch (NoSuchFieldException e) {
                // keep looking in the superclass
            } catch (IllegalAccessException e) {
                return -1;
            }
        }
        return 0;
    }

    /** How many conv / batch-norm layers are on oneDNN helpers. */
    public record HelperReport(int convLayers, int convOnOneDnn, int bnLayers, int bnOnOneDnn) {
        public boolean allActive() {
            return convLayers == convOnOneDnn && bnLayers == bnOnOneDnn;
        }

        @Override
        public String toString() {
            if (convLayers == 0 && bnLayers == 0) return "oneDNN helpers: none needed (no conv or batch-norm layers)";
            return "oneDNN helpers: conv " + convOnOneDnn + "/" + convLayers + ", batchnorm "
                    + bnOnOneDnn + "/" + bnLayers + (allActive() ? " (active)" : " (FALLBACK to im2col)");
        }
    }
}
