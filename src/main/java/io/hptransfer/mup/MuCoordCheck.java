package io.hptransfer.mup;

import io.hptransfer.coord.CoordAnalysis;
import io.hptransfer.coord.CoordRow;
import io.hptransfer.coord.CoordStats;
import io.hptransfer.coord.CoordVerdict;
import io.hptransfer.param.Axis;
import io.hptransfer.train.NativeMemory;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * mup's coordinate check ({@code get_coord_data}) for your own model family: the configuration at each width
 * goes through {@link MuP} (base = the smallest width, delta = twice it), trains {@code steps} steps on one
 * fixed batch, and every layer's output and the logits are measured at each step; the same statistics,
 * verdict and figure as {@code hpt coord-check} ({@link CoordAnalysis}): under muP every layer's change since
 * init must stay Theta(1) across widths.
 */
public final class MuCoordCheck {
    /** The logits' row label (as in hpt's own checks). */
    public static final String LOGITS = "logits";

    private MuCoordCheck() {
    }

    /** Every measurement and the verdict. */
    public record Result(List<CoordRow> rows, CoordVerdict verdict) {
        public String summary() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s (worst |slope| %.3f, tolerance %.3f)%n",
                    verdict.pass() ? "PASS" : "FAIL", verdict.worstSlope(), verdict.tolerance()));
            for (CoordVerdict.Entry e : verdict.entries()) {
                if (e.judged()) b.append(String.format(Locale.ROOT, "  %-24s t%d %+.2f%s%n", e.layer(), e.step(), e.slope(), e.pass() ? "" : " !"));
            }
            return b.toString();
        }
    }

    /**
     * @param family a configuration per width (MultiLayerConfiguration or ComputationGraphConfiguration), with the
     *               optimizer and LR to check at (a large LR shows a wrong rule in a few steps)
     * @param widths at least two; the smallest is the base
     */
    public static <C> Result width(IntFunction<C> family, List<Integer> widths, MuOptions options, DataSet batch, int steps,
                                   int seeds, double tolerance) {
        if (widths == null || widths.size() < 2) throw new IllegalArgumentException("a coordinate check needs at least 2 widths, got " + widths);
        if (steps < 1 || seeds < 1) throw new IllegalArgumentException("steps and seeds must be >= 1, got " + steps + ", " + seeds);
        List<Integer> sorted = widths.stream().sorted().toList();
        int base = sorted.get(0);
        C b = family.apply(base), d = family.apply(2 * base);
        List<CoordRow> rows = new ArrayList<>();
        for (int w : sorted) {
            for (int seed = 0; seed < seeds; seed++) {
                NativeMemory.reclaim(); // the previous width's network is garbage now
                Probe net = probe(MuP.applyAny(family.apply(w), b, d, options), 1000L * seed + 17);
                Map<String, INDArray> init = net.activations(batch.getFeatures());
                for (int t = 0; t <= steps; t++) {
                    if (t > 0) net.fit(batch);
                    Map<String, INDArray> act = t == 0 ? init : net.activations(batch.getFeatures());
                    for (var e : act.entrySet()) {
                        INDArray a = e.getValue();
                        rows.add(new CoordRow(options.param().name(), "user", Axis.WIDTH, w, seed, t, e.getKey(), CoordStats.l1(a),
                                CoordStats.rms(a), CoordStats.deltaL1(a, init.get(e.getKey()))));
                    }
                }
            }
        }
        return new Result(rows, CoordAnalysis.judge(rows, tolerance));
    }

    /** A built network that trains on a batch and reports each parameterized layer's output and the logits. */
    private interface Probe {
        void fit(DataSet ds);

        Map<String, INDArray> activations(INDArray x);
    }

    private static Probe probe(MuModel<?> m, long seed) {
        if (m.configuration() instanceof MultiLayerConfiguration c) {
            for (NeuralNetConfiguration n : c.getConfs()) n.setSeed(seed);
            MultiLayerNetwork net = new MultiLayerNetwork(c);
            net.init();
            List<String> names = new ArrayList<>(MuP.layers(c).keySet());
            return new Probe() {
                public void fit(DataSet ds) {
                    net.fit(ds);
                }

                public Map<String, INDArray> activations(INDArray x) {
                    List<INDArray> acts = net.feedForward(x, false); // [input, layer 0's output, ...]
                    Map<String, INDArray> out = new LinkedHashMap<>();
                    for (int i = 0; i < names.size() - 1; i++) {
                        Layer l = c.getConf(i).getLayer();
                        if (LayerRoles.hasParams(l)) out.put(names.get(i), acts.get(i + 1).dup());
                    }
                    INDArray readoutInput = acts.get(names.size() - 1); // the multiplier layer's output
                    out.put(LOGITS, logits(net.getLayer(names.size() - 1), readoutInput));
                    return out;
                }
            };
        }
        ComputationGraphConfiguration c = (ComputationGraphConfiguration) m.configuration();
        c.getDefaultConfiguration().setSeed(seed);
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        String output = c.getNetworkOutputs().get(0);
        Map<String, Layer> layers = MuP.layers(c);
        return new Probe() {
            public void fit(DataSet ds) {
                g.fit(ds);
            }

            public Map<String, INDArray> activations(INDArray x) {
                Map<String, INDArray> all = g.feedForward(new INDArray[]{x}, false, false);
                Map<String, INDArray> out = new LinkedHashMap<>();
                layers.forEach((name, l) -> {
                    if (!name.equals(output) && LayerRoles.hasParams(l)) out.put(name, all.get(name).dup());
                });
                out.put(LOGITS, logits(g.getLayer(output), all.get(MuP.READOUT_MULTIPLIER)));
                return out;
            }
        };
    }

    /** W x + b of the output layer (DL4J only exposes its softmax). */
    private static INDArray logits(org.deeplearning4j.nn.api.Layer out, INDArray readoutInput) {
        INDArray x = readoutInput.rank() == 2 ? readoutInput : readoutInput.reshape(readoutInput.size(0), -1);
        return x.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
    }
}
