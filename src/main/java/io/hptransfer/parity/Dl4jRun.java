package io.hptransfer.parity;

import io.hptransfer.data.BatchSampler;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.TensorRole;
import io.hptransfer.train.BatchMetrics;
import io.hptransfer.train.ModelFactory;
import io.hptransfer.util.NativeMemory;
import io.hptransfer.train.TrainConfig;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains a case the way hpt trains a trial (same model factory, same batch sampler, graph.fit per
 * step) and records its {@link Trajectory}. Gradients are read by a listener between backprop and
 * the updater, where DL4J holds the gradient of the batch-SUM loss; it is divided by the batch size.
 */
public final class Dl4jRun {
    private Dl4jRun() {
    }

    /** The built model before any step: the reference starts from exactly these tensors. */
    public record Start(BuiltModel model, List<String> names, double[][] init, int[][] batches) {
    }

    public static Start prepare(TrainConfig cfg, TrainTest data, DataType dtype) {
        NativeMemory.reclaim();
        BuiltModel m = ModelFactory.build(cfg, data.train(), dtype);
        List<String> names = new ArrayList<>();
        List<double[]> init = new ArrayList<>();
        for (TensorRole t : m.tensors()) {
            names.add(name(t));
            init.add(values(param(m.graph(), t)));
        }
        BatchSampler sampler = new BatchSampler(data.train(), cfg.batch(), cfg.seed(), false);
        int[][] batches = new int[cfg.steps()][];
        for (int s = 0; s < cfg.steps(); s++) batches[s] = sampler.indices(s);
        return new Start(m, List.copyOf(names), init.toArray(new double[0][]), batches);
    }

    public static Trajectory train(TrainConfig cfg, TrainTest data, Start start, DataType dtype) {
        ComputationGraph g = start.model().graph();
        List<TensorRole> tensors = start.model().tensors();
        int n = tensors.size();
        double[] losses = new double[cfg.steps()];
        double[][][] grads = new double[cfg.steps()][n][];
        double[][][] params = new double[cfg.steps()][n][];
        GradientTap tap = new GradientTap(tensors, cfg.batch());
        BatchMetrics metrics = new BatchMetrics(); // the loss hpt records for a trial
        g.setListeners(tap, metrics);
        BatchSampler sampler = new BatchSampler(data.train(), cfg.batch(), cfg.seed(), false);
        for (int s = 0; s < cfg.steps(); s++) {
            BatchSampler.Batch b = sampler.batch(s);
            metrics.expect(b.labels());
            DataSet batch = b.data();
            batch.setFeatures(batch.getFeatures().castTo(dtype));
            batch.setLabels(batch.getLabels().castTo(dtype));
            g.fit(batch);
            losses[s] = metrics.loss();
            grads[s] = tap.last;
            for (int t = 0; t < n; t++) params[s][t] = values(param(g, tensors.get(t)));
        }
        g.setListeners();
        return new Trajectory(start.names(), start.init(), losses, grads, params);
    }

    static String name(TensorRole t) {
        return t.layer() + "/" + t.paramKey();
    }

    private static INDArray param(ComputationGraph g, TensorRole t) {
        return g.getLayer(t.layer()).getParam(t.paramKey());
    }

    /** A tensor's values in C order (its logical layout), as doubles. */
    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    /** Copies each tensor's gradient when DL4J has computed it and before the updater rewrites it in place. */
    private static final class GradientTap extends BaseTrainingListener {
        private final List<TensorRole> tensors;
        private final int batch;
        double[][] last;

        GradientTap(List<TensorRole> tensors, int batch) {
            this.tensors = tensors;
            this.batch = batch;
        }

        @Override
        public void onGradientCalculation(Model model) {
            Gradient gr = model.gradient();
            last = new double[tensors.size()][];
            for (int i = 0; i < tensors.size(); i++) {
                TensorRole t = tensors.get(i);
                INDArray a = gr.getGradientFor(t.layer() + "_" + t.paramKey());
                if (a == null) throw new IllegalStateException("DL4J computed no gradient for " + name(t));
                double[] v = values(a);
                for (int k = 0; k < v.length; k++) v[k] /= batch;
                last[i] = v;
            }
        }
    }
}
