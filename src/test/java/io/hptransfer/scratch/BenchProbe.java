package io.hptransfer.scratch;
public class BenchProbe {
    public static void main(String[] a) {
        io.hptransfer.model.OneDnn.enable();
        System.out.println(io.hptransfer.bench.TrainingBenchmark.run(io.hptransfer.model.ResNetConfig.of(32, 4), 3, 32, 128, 3, 10, 1).summary());
    }
}
