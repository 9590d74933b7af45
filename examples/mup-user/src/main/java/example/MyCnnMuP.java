package example;

import io.hptransfer.mup.ModelFamily;
import io.hptransfer.mup.MuCoordCheck;
import io.hptransfer.mup.MuModel;
import io.hptransfer.mup.MuOptions;
import io.hptransfer.mup.MuP;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/** muP on a CNN written in plain DL4J: rules at width 128 relative to width 16, then a coordinate check. */
public class MyCnnMuP {
    /** The model, as a function of its width: nothing in it knows about muP. */
    static MultiLayerConfiguration cnn(int width) {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(width).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").stride(2, 2).nOut(width).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 3))
                .build();
    }

    public static void main(String[] args) {
        // base and delta: the same model at two widths; the dimensions that differ are the ones that grow
        MuModel<MultiLayerConfiguration> mu = MuP.apply(cnn(128), cnn(16), cnn(32), MuOptions.mup());
        System.out.print(mu.table());
        MultiLayerNetwork net = new MultiLayerNetwork(mu.configuration());
        net.init();

        Nd4j.getRandom().setSeed(1);
        INDArray labels = Nd4j.zeros(32, 10);
        for (int i = 0; i < 32; i++) labels.putScalar(i, i % 10, 1.0);
        DataSet batch = new DataSet(Nd4j.rand(32, 3, 16, 16), labels);
        net.fit(batch);
        System.out.printf("one step at width 128: loss %.4f%n", net.score());

        // the coordinate check: every layer's change since init must not grow with width under muP
        ModelFamily<MultiLayerConfiguration> family = (width, depth) -> cnn(width);
        for (MuOptions o : List.of(MuOptions.sp(), MuOptions.mup())) {
            MuCoordCheck.Result r = MuCoordCheck.width(family, List.of(16, 32, 64, 128), 1, o, batch, 3, 2, 0.25);
            System.out.println("coordinate check " + o.param() + ": " + r.summary().lines().findFirst().orElseThrow());
        }
    }
}
