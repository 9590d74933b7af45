package io.hptransfer.mup;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A user's model family for sweeps (arch user): a CNN with `depth` hidden conv layers on the bundled 32x32 images. */
public class TinyUserFamily implements ModelFamily<MultiLayerConfiguration> {
    @Override
    public MultiLayerConfiguration at(int width, int depth) {
        var list = new NeuralNetConfiguration.Builder().weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).name("stem").nOut(width).activation(Activation.RELU).build());
        for (int i = 0; i < depth; i++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).name("conv" + i).nOut(width).activation(Activation.RELU).build());
        }
        return list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 1))
                .build();
    }
}
