package io.hptransfer.mup;

import io.hptransfer.coord.CoordAnalysis;
import io.hptransfer.coord.CoordRow;
import io.hptransfer.coord.CoordStats;
import io.hptransfer.coord.CoordVerdict;
import io.hptransfer.param.Axis;
import io.hptransfer.util.NativeMemory;
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

/**
 * mup's coordinate check ({@code get_coord_data}) for your own model family: the configuration at each size
 * goes through {@link MuP} (base = the smallest width, delta = twice it), trains {@code steps} steps on one
 * fixed batch, and every layer's output and the logits are measured at each step; the same statistics,
 * verdict and figure as {@code hpt coord-check} ({@link CoordAnalysis}).
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
                if (e.judged()) {
                    b.append(String.format(Locale.ROOT, "  %-24s %-9s t%d %+.2f%s%n", e.layer(), e.statistic(), e.step(), e.slope(),
                            e.pass() ? "" : " !"));
                }
            }
            return b.toString();
        }
    }

    /**
     * Width check: every parameterized layer's output and the logits must change by Theta(1) across widths.
     *
     * @param family the model, with the optimizer and LR to check at (a large LR shows a wrong rule in a few steps)
     * @param widths at least two; the smallest is the base (delta: twice it)
     * @param depth  the depth every width is built at
     */
    public static <C> Result width(ModelFamily<C> family, List<Integer> widths, int depth, MuOptions options, DataSet batch,
                                   int steps, int seeds, double tolerance) {
        List<Integer> sorted = checked(widths, steps, seeds);
        int base = sorted.get(0);
        C b = family.at(base, depth), d = family.at(2 * base, depth);
        List<CoordRow> rows = new ArrayList<>();
        for (int w : sorted) {
            MuModel<C> m = MuP.applyAny(family.at(w, depth), b, d, options);
            rows.addAll(measure(m, null, options, Axis.WIDTH, w, batch, steps, seeds));
        }
        return new Result(rows, CoordAnalysis.judge(rows, tolerance));
    }

    /**
     * Depth check (a ComputationGraph with residual branches): the last residual stream's size and change and the
     * logits' change must stay Theta(1) across depths, as in {@code hpt coord-check --axis depth}.
     *
     * @param depths at least two; the smallest is the base depth
     * @param beta   beta of the branch multiplier beta * m_L^-alpha (depth variants only)
     */
    public static <C> Result depth(ModelFamily<C> family, int width, List<Integer> depths, io.hptransfer.param.Parameterization param,
                                   double beta, DataSet batch, int steps, int seeds, double tolerance) {
        List<Integer> sorted = checked(depths, steps, seeds);
        List<CoordRow> rows = new ArrayList<>();
        for (int depth : sorted) {
            C target = family.at(width, depth);
            if (!(target instanceof ComputationGraphConfiguration g)) {
                throw new IllegalArgumentException("a depth check needs residual branches, so a ComputationGraph: the family gives "
                        + target.getClass().getSimpleName());
            }
            List<String> ends = family.branchEnds(depth);
            if (ends.isEmpty()) throw new IllegalArgumentException("the family names no residual branches at depth " + depth + ": implement branchEnds");
            Map<String, String> adds = new LinkedHashMap<>();
            ResidualBranches.layersIn(g, ends, adds);
            MuOptions o = (param.depthScaling() ? MuOptions.depth(param, depth, sorted.get(0), ends.toArray(String[]::new))
                    : MuOptions.of(param)).withBranchBeta(beta);
            MuModel<C> m = MuP.applyAny(target, target, family.at(2 * width, depth), o);
            rows.addAll(measure(m, adds.get(ends.get(ends.size() - 1)), o, Axis.DEPTH, depth, batch, steps, seeds));
        }
        return new Result(rows, CoordAnalysis.judge(rows, tolerance));
    }

    private static List<Integer> checked(List<Integer> sizes, int steps, int seeds) {
        if (sizes == null || sizes.size() < 2) throw new IllegalArgumentException("a coordinate check needs at least 2 sizes, got " + sizes);
        if (steps < 1 || seeds < 1) throw new IllegalArgumentException("steps and seeds must be >= 1, got " + steps + ", " + seeds);
        return sizes.stream().sorted().toList();
    }

    /** Trains one size's network per seed and measures it at every step; streamLast: the depth check's vertex, else null. */
    private static List<CoordRow> measure(MuModel<?> m, String streamLast, MuOptions o, Axis axis, int size, DataSet batch,
                                          int steps, int seeds) {
        List<CoordRow> rows = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            NativeMemory.reclaim(); // the previous network is garbage now
            Probe net = probe(m, 1000L * seed + 17, streamLast);
            Map<String, INDArray> init = net.activations(batch.getFeatures());
            for (int t = 0; t <= steps; t++) {
                if (t > 0) net.fit(batch);
                Map<String, INDArray> act = t == 0 ? init : net.activations(batch.getFeatures());
                for (var e : act.entrySet()) {
                    INDArray a = e.getValue();
                    rows.add(new CoordRow(o.param().name(), "user", axis, size, seed, t, e.getKey(), CoordStats.l1(a),
                            CoordStats.rms(a), CoordStats.deltaL1(a, init.get(e.getKey()))));
                }
            }
        }
        return rows;
    }

    /** A built network that trains on a batch and reports each parameterized layer's output and the logits. */
    private interface Probe {
        void fit(DataSet ds);

        Map<String, INDArray> activations(INDArray x);
    }

    /** The last residual stream's row label in a depth check (as in hpt's own checks). */
    public static final String STREAM_LAST = "stream_last";

    private static Probe probe(MuModel<?> m, long seed, String streamLast) {
        if (m.configuration() instanceof MultiLayerConfiguration original) {
            MultiLayerConfiguration c = original.clone();
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
                    out.put(LOGITS, io.hptransfer.model.Readout.logits(net.getLayer(names.size() - 1), readoutInput));
                    return out;
                }
            };
        }
        ComputationGraphConfiguration c = ((ComputationGraphConfiguration) m.configuration()).clone();
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
                if (streamLast != null) out.put(STREAM_LAST, all.get(streamLast).dup());
                else layers.forEach((name, l) -> {
                    if (!name.equals(output) && LayerRoles.hasParams(l)) out.put(name, all.get(name).dup());
                });
                out.put(LOGITS, io.hptransfer.model.Readout.logits(g.getLayer(output), all.get(MuP.READOUT_MULTIPLIER)));
                return out;
            }
        };
    }

}
