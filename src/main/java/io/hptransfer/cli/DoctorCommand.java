package io.hptransfer.cli;

import io.hptransfer.data.Cifar10Reader;
import io.hptransfer.data.Checksums;
import io.hptransfer.data.DataException;
import io.hptransfer.data.FashionMnist;
import io.hptransfer.model.OneDnn;
import io.hptransfer.model.ResNetBuilder;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the ND4J backend, whether oneDNN helpers are really active, threads and datasets. Exit 1 if training would run slow or cannot find data.")
public final class DoctorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        boolean ok = true;
        line("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        line("nd4j backend", backend + " " + Nd4j.getBackend().getClass().getSimpleName());
        if ("CPU".equalsIgnoreCase(backend)) {
            ok &= check("libnd4j built with oneDNN", OneDnn.nativeBuildHasOneDnn(),
                    "depend on the nd4j-native linux-x86_64-onednn classifier (see pom.xml)");
            ok &= check("DL4J helper check passes", OneDnn.helperCheckPasses(),
                    "set -D" + OneDnn.HELPERS_PROPERTY + "=false and keep org.nd4j.nativeblas.Nd4jCpu on the classpath");
            OneDnn.HelperReport r = probe();
            ok &= check("conv layers on oneDNN helpers", r.allActive(), r + ": training would use im2col, ~15x slower");
        } else {
            line("oneDNN checks", "skipped: backend is " + backend);
        }
        line("cores", Runtime.getRuntime().availableProcessors() + ", OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset: all cores)"));
        line("max heap", Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        try {
            Checksums.verifyIfListed(FashionMnist.BUNDLED);
            ok &= check("bundled Fashion-MNIST subset", Files.exists(FashionMnist.BUNDLED.resolve(Checksums.FILE)),
                    "run hpt from the repository root (datasets/fashion-mnist)");
        } catch (DataException e) {
            ok &= check("bundled Fashion-MNIST subset", false, e.getMessage());
        }
        line("full Fashion-MNIST", Files.isDirectory(FashionMnist.DEBIAN) ? FashionMnist.DEBIAN + " (use --data-dir)"
                : "absent (apt-get install dataset-fashion-mnist)");
        Path cifar = Path.of("datasets", "cifar10");
        line("CIFAR-10", Files.exists(cifar.resolve(Cifar10Reader.ARCHIVE)) || Files.isDirectory(cifar.resolve("cifar-10-batches-bin"))
                ? cifar + " present" : "absent (hpt datasets download cifar10)");
        System.out.println(ok ? "doctor: OK" : "doctor: PROBLEMS FOUND");
        return ok ? 0 : Hpt.EXIT_ERROR;
    }

    /** Builds a tiny ResNet and reports which of its layers got oneDNN helpers. */
    private static OneDnn.HelperReport probe() {
        ResNetConfig cfg = ResNetConfig.of(8, 2).withBatchNorm(true);
        ComputationGraph g = new ResNetBuilder(cfg, cfg.rules(Parameterization.SP, Optimizer.SGD), new UpdaterFactory(OptimizerConfig.sgd(0.01), ScheduleConfig.constant(), 1))
                .build(3, 16, 10, 0, DataType.FLOAT).graph();
        g.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.randn(DataType.FLOAT, 4, 3, 16, 16),
                Nd4j.eye(10).getRows(0, 1, 2, 3).castTo(DataType.FLOAT)));
        return OneDnn.inspect(g);
    }

    private static void line(String what, String value) {
        System.out.printf("%-32s %s%n", what, value);
    }

    private static boolean check(String what, boolean ok, String fix) {
        line(what, ok ? "yes" : "NO: " + fix);
        return ok;
    }
}
