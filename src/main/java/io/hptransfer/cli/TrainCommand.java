package io.hptransfer.cli;

import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.train.Progress;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.TrainOutcome;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one configuration into checkpoints/<run>/ (" + Trainer.CONFIG + ", " + Trainer.METRICS + ", " + Trainer.MODEL + ", " + Trainer.STATE + "). "
                + "Exit 0 finished, 3 diverged (NaN/Inf loss), 1 error.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML/JSON TrainConfig file (as written to " + Trainer.CONFIG + "); other options are ignored")
    Path configFile;
    @Option(names = "--run", description = "run name (folder under --checkpoints); default derived from the config")
    String run;
    @Option(names = {"--out", "--checkpoints"}, defaultValue = "checkpoints", description = "output folder of run folders; the run goes to <out>/<run>")
    Path checkpoints;
    @Option(names = "--resume", description = "continue --run from its last checkpoint")
    boolean resume;

    @picocli.CommandLine.Mixin
    TrainOptions o;

    @Override
    public Integer call() throws Exception {
        if (run != null) io.hptransfer.util.FolderName.check("--run", run); // a folder under --checkpoints, never a path
        Trainer trainer;
        TrainOutcome out;
        if (resume) {
            if (run == null) throw new IllegalArgumentException("--resume needs --run <name> of the run to continue");
            Path dir = checkpoints.resolve(run);
            TrainConfig cfg = Json.read(dir.resolve(Trainer.CONFIG), TrainConfig.class);
            trainer = new Trainer(System.err, new Progress(System.err, cfg.steps()));
            out = trainer.resume(dir);
        } else {
            TrainConfig partial = configFile != null ? Json.read(configFile, TrainConfig.class) : o.fromOptions(1);
            TrainTest data = Datasets.load(partial.data());
            TrainConfig cfg = configFile != null ? partial : o.fromOptions(o.stepsFor(data));
            String name = run != null ? run : defaultRunName(cfg);
            trainer = new Trainer(System.err, new Progress(System.err, cfg.steps()));
            System.err.println("run " + checkpoints.resolve(name) + ": " + cfg.parameterization() + " W" + cfg.model().width()
                    + " L" + cfg.model().depth() + " " + cfg.optimizer().kind() + " lr " + cfg.optimizer().lr());
            out = trainer.start(cfg, checkpoints.resolve(name), data);
        }
        System.out.printf(Locale.ROOT, "%s after %d steps: train loss %.4f%s%n", out.status(), out.steps(),
                out.finalTrainLoss(), out.test() == null ? ""
                        : String.format(Locale.ROOT, ", test loss %.4f, test acc %.4f", out.test().loss(), out.test().accuracy()));
        return out.diverged() ? Hpt.EXIT_DIVERGED : 0;
    }

    static String defaultRunName(TrainConfig c) {
        return String.format(Locale.ROOT, "%s-%s-w%d-l%d-%s-lr%s-s%d", c.data().dataset(), c.parameterization(),
                c.model().width(), c.model().depth(), c.optimizer().kind().name().toLowerCase(Locale.ROOT),
                c.optimizer().lr(), c.seed());
    }
}
