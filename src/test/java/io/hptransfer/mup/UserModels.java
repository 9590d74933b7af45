package io.hptransfer.mup;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Models a user writes in plain DL4J, knowing nothing of hpt: what {@link MuP} must handle. */
final class UserModels {
    private UserModels() {
    }

    /** A small CNN as a MultiLayerNetwork: conv, pool, conv, batch norm, global pool, dense, softmax. */
    static MultiLayerConfiguration cnn(int width, IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(width).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(width).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(32, 32, 1))
                .build();
    }

    /** A residual CNN as a ComputationGraph: stem, blocks h + conv(relu(conv(relu(h)))), pool, softmax. */
    static ComputationGraphConfiguration resnet(int width, IUpdater updater, long seed) {
        return resnet(width, 2, updater, seed);
    }

    /** The vertex ending block b's branch (what is added to the stream). */
    static String branchEnd(int b) {
        return "b" + b + "_conv2";
    }

    static ComputationGraphConfiguration resnet(int width, int blocks, IUpdater updater, long seed) {
        var g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(32, 32, 1))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(width).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER).build(), "image");
        String h = "stem";
        for (int b = 0; b < blocks; b++) {
            g.addLayer("b" + b + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), h);
            g.addLayer("b" + b + "_conv1", new ConvolutionLayer.Builder(3, 3).nOut(width).activation(Activation.RELU).build(), "b" + b + "_relu");
            g.addLayer("b" + b + "_conv2", new ConvolutionLayer.Builder(3, 3).nOut(width).activation(Activation.IDENTITY).build(), "b" + b + "_conv1");
            g.addVertex("b" + b + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), h, "b" + b + "_conv2");
            h = "b" + b + "_add";
        }
        return g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), h)
                .addLayer("readout", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool")
                .setOutputs("readout")
                .build();
    }
}
