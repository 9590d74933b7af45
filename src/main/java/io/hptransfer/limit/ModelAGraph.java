package io.hptransfer.limit;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Model A as a DL4J ComputationGraph in the standard (folded) form: the multipliers 1/D and
 * alpha/(L M) live in the weights, W_up = U/D with LR eta L M / (alpha^2 D), W_down = alpha/(L M) V^T
 * with LR eta D / (L M) (an SGD multiplier m on a weight equals LR m^2 on the folded weight).
 * Double precision. W_E and W_U are layers that never train: SGD with LR 0 (DL4J's NoOp updater applies
 * the raw gradient, it does not freeze).
 */
public final class ModelAGraph {
    private final ComputationGraph graph;
    private final LimitProblem prob;
    private final int depth;

    /** The graph with exactly the weights of {@code init} (same U, V, W_E, W_U). */
    public ModelAGraph(ModelA cfg, LimitProblem prob, ModelANetwork init) {
        this.prob = prob;
        this.depth = cfg.depth();
        int d = prob.dim(), m = cfg.hidden(), dIn = prob.x()[0].length;
        // DL4J's L2 loss is sum (f - y)^2 per sample: twice our 1/2 ||f - y||^2, so half the LR
        double upLr = cfg.rawLr(d) / ((double) d * d) / 2, downLr = cfg.rawLr(d) * cfg.branch() * cfg.branch() / 2;
        var g = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).graphBuilder().addInputs("x");
        g.addLayer("embed", new DenseLayer.Builder().nIn(dIn).nOut(d).hasBias(false).activation(Activation.IDENTITY)
                .updater(new Sgd(0.0)).build(), "x");
        String h = "embed";
        for (int k = 0; k < depth; k++) {
            g.addLayer("up" + k, new DenseLayer.Builder().nIn(d).nOut(m).hasBias(false)
                    .activation(cfg.tanh() ? Activation.TANH : Activation.IDENTITY).updater(new Sgd(upLr)).build(), h);
            g.addLayer("down" + k, new DenseLayer.Builder().nIn(m).nOut(d).hasBias(false).activation(Activation.IDENTITY)
                    .updater(new Sgd(downLr)).build(), "up" + k);
            g.addVertex("h" + (k + 1), new ElementWiseVertex(ElementWiseVertex.Op.Add), h, "down" + k);
            h = "h" + (k + 1);
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.L2).nIn(d).nOut(prob.dOut()).hasBias(false)
                .activation(Activation.IDENTITY).updater(new Sgd(0.0)).build(), h);
        g.setOutputs("out");
        graph = new ComputationGraph(g.build());
        graph.init();
        graph.getLayer("embed").setParam("W", Nd4j.create(Mat.transpose(prob.wE())));
        graph.getLayer("out").setParam("W", Nd4j.create(Mat.mul(prob.wU(), 1.0 / d)));
        for (int k = 0; k < depth; k++) {
            graph.getLayer("up" + k).setParam("W", Nd4j.create(Mat.mul(init.u[k], 1.0 / d)));
            graph.getLayer("down" + k).setParam("W", Nd4j.create(Mat.mul(Mat.transpose(init.v[k]), cfg.branch())));
        }
    }

    /** One full-batch GD step. */
    public void step() {
        graph.fit(new DataSet(Nd4j.create(prob.x()), Nd4j.create(prob.y())));
    }

    public double[][] output() {
        return graph.outputSingle(Nd4j.create(prob.x())).toDoubleMatrix();
    }

    public double[][] finalStream() {
        INDArray h = graph.feedForward(Nd4j.create(prob.x()), false).get("h" + depth);
        return h.toDoubleMatrix();
    }
}
