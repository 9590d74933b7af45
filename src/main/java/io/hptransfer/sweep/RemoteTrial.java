package io.hptransfer.sweep;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One trial shipped to another JVM (a Spark executor) as plain strings, and what comes back. The
 * executor runs the same {@link TrialRunner} as local mode, in a scratch folder of its own
 * machine (a retry on that machine resumes from the checkpoint there); it never touches the
 * sweep's store: the driver records the returned result.
 *
 * @param trialJson    the {@link Trial} as JSON
 * @param dataBase     the driver's working folder: the trial's data dir is resolved against it
 * @param scratch      where the executor keeps run folders; null = the executor's java.io.tmpdir/hpt-trials
 */
public record RemoteTrial(String trialJson, double divergeAbove, String dataBase, String scratch) implements Serializable {

    /** What the driver stores: the record, and the run's metrics.csv and train.log for runs/&lt;id&gt;/. */
    public record Result(String recordJson, String metricsCsv, String trainLog) implements Serializable {
        public TrialRecord record() throws IOException {
            return Json.JSON.readValue(recordJson, TrialRecord.class);
        }
    }

    /** Datasets loaded in this JVM: an executor runs many trials on the same data. */
    private static final Map<DataConfig, TrainTest> DATA = new ConcurrentHashMap<>();

    public static RemoteTrial of(Trial t, double divergeAbove, Path dataBase, Path scratch) throws IOException {
        return new RemoteTrial(Json.JSON.writeValueAsString(t), divergeAbove, dataBase.toAbsolutePath().toString(),
                scratch == null ? null : scratch.toAbsolutePath().toString());
    }

    public Trial trial() throws IOException {
        return Json.JSON.readValue(trialJson, Trial.class);
    }

    /** Runs the trial here (executor side). */
    public Result run() throws IOException {
        Trial t = trial();
        DataConfig where = Datasets.resolvedAgainst(t.config().data(), Path.of(dataBase));
        TrainTest data = DATA.computeIfAbsent(where, Datasets::load);
        Path root = scratch != null ? Path.of(scratch) : Path.of(System.getProperty("java.io.tmpdir"), "hpt-trials");
        Path runDir = root.resolve(t.id());
        TrialRecord r = new TrialRunner(divergeAbove).run(t, runDir, data);
        return new Result(Json.JSON.writeValueAsString(r), read(runDir.resolve(io.hptransfer.train.Trainer.METRICS)),
                read(runDir.resolve(io.hptransfer.train.Trainer.LOG)));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
