package io.hptransfer.sweep;

import io.hptransfer.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of one sweep, in sweeps/&lt;name&gt;/: spec.json (the accepted spec),
 * trials/&lt;id&gt;.json (one record per finished trial), claims/&lt;id&gt;.lock (who runs what now),
 * runs/&lt;id&gt;/ (a trial's checkpoints and metrics), workers/worker-&lt;i&gt;.log (what `--jobs` workers printed).
 *
 * Durability: a record is written by {@link Json#writeAtomic} (temp file, forced, atomic rename,
 * folder forced), so after kill -9 or power loss a record is whole or absent.
 * Claims are OS file locks, which the kernel drops when a process dies: a crashed run never
 * leaves a trial claimed, and two live processes never run the same trial.
 */
public final class ResultStore {
    /** The spec the sweep runs, and a tune's result: the two study files commands name in their help. */
    public static final String SPEC = "spec.json";
    public static final String TUNE = "tune.json";
    private final Path root;
    private final Path trials;
    private final Path claims;
    private final Path runs;

    private ResultStore(Path root) {
        this.root = root;
        this.trials = root.resolve("trials");
        this.claims = root.resolve("claims");
        this.runs = root.resolve("runs");
    }

    public static ResultStore open(Path root) throws IOException {
        ResultStore s = new ResultStore(root);
        for (Path d : List.of(s.trials, s.claims, s.runs)) Files.createDirectories(own(d));
        return s;
    }

    /**
     * The path itself, refused if it is a symbolic link: records, claims and runs are written only inside the
     * sweep's own folder, never wherever a link points.
     */
    private static Path own(Path p) {
        if (Files.isSymbolicLink(p)) {
            throw new IllegalArgumentException(p + " is a symbolic link: a sweep writes only inside its own folder; "
                    + "replace the link with a real folder (or move the sweep to where the link points)");
        }
        return p;
    }

    /** The layout of a study folder, to name its files (nothing is checked or created). */
    public static ResultStore at(Path root) {
        return new ResultStore(root);
    }

    /** An existing store, for reading: a clear error if the sweep never ran. */
    public static ResultStore existing(Path root) {
        if (!Files.isDirectory(root.resolve("trials"))) {
            throw new IllegalArgumentException("no sweep results in " + root + ": run `hpt sweep <spec.yaml>` first");
        }
        return new ResultStore(root);
    }

    public Path root() {
        return root;
    }

    /** A tune's result (hpt tune writes it, hpt transfer --from reads it). */
    public Path tuneFile() {
        return root.resolve(TUNE);
    }

    /** Where `hpt report` writes the study's report. */
    public Path reportDir() {
        return root.resolve("report");
    }

    /** The spec this study runs, or a one-line error when the folder holds no sweep. */
    public SweepSpec spec() throws IOException {
        if (!Files.exists(specFile())) {
            throw new IllegalArgumentException("no sweep in " + root + " (no " + SPEC + "): run `hpt sweep <spec.yaml>` first");
        }
        return io.hptransfer.util.Json.read(specFile(), SweepSpec.class);
    }

    /** The spec the sweep runs (report and transfer read it). */
    public Path specFile() {
        return root.resolve(SPEC);
    }

    /**
     * Records the spec this sweep now runs, after checking every finished trial against it: a refused spec
     * (a trial recorded with other settings) must not replace the accepted one, which report and transfer read.
     */
    public void accept(SweepSpec spec, List<Trial> trials) throws IOException {
        for (Trial t : trials) recorded(t);
        Json.writeAtomic(specFile(), spec);
    }

    /** The trial's record; an error if it was made with different settings (the spec changed under the same name). */
    public Optional<TrialRecord> recorded(Trial t) {
        return recorded(t.id(), t.config());
    }

    /** The record under this id; an error if it was made with other settings than config. */
    public Optional<TrialRecord> recorded(String id, io.hptransfer.train.TrainConfig config) {
        Optional<TrialRecord> r = get(id);
        if (r.isPresent() && !r.get().config().sameResultsAs(config)) {
            throw new IllegalArgumentException("sweep " + root + " already holds trial " + id
                    + " trained with other settings (the spec's budget, data, model or optimizer changed): "
                    + "give the changed spec a new name, or delete " + root + " to start over");
        }
        return r;
    }

    public Path runDir(String id) {
        return own(runs.resolve(id));
    }

    /** Where `--jobs` worker processes write their output. */
    public Path workerLogs() {
        return root.resolve("workers");
    }

    public Path workerLog(int worker) {
        return workerLogs().resolve("worker-" + worker + ".log");
    }

    public Optional<TrialRecord> get(String id) {
        Path p = trials.resolve(id + ".json");
        if (!Files.exists(p)) return Optional.empty();
        try {
            return Optional.of(Json.read(p, TrialRecord.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("trial record " + p + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
                    + "): delete it; it is rebuilt from runs/" + id + "/ (delete that folder too to train the trial again)", e);
        }
    }

    public List<TrialRecord> all() {
        List<TrialRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(trials)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String f = p.getFileName().toString();
                get(f.substring(0, f.length() - 5)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + trials + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void put(TrialRecord r) throws IOException {
        Json.writeAtomic(own(trials.resolve(r.id() + ".json")), Json.JSON.writeValueAsBytes(r));
    }

    /** The trial's claim, or empty if another process (or thread) holds it. */
    public Optional<Claim> tryClaim(String id) throws IOException {
        Path file = claims.resolve(id + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock != null) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
                // the locked file's identity (device, inode): if it is deleted and another process claims a new one,
                // the path's identity changes and this holder learns its claim was taken (Claim.held)
                return Optional.of(new Claim(ch, lock, file, identity(file)));
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        ch.close();
        return Optional.empty();
    }

    /** A file's (device, inode) from stat; "missing" when it is gone, null where the file system has no such key. */
    private static Object identity(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Held while a trial runs; closing it (or the process dying) releases it. */
    public static final class Claim implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final Path file;
        private final Object identity;

        private Claim(FileChannel channel, FileLock lock, Path file, Object identity) {
            this.channel = channel;
            this.lock = lock;
            this.file = file;
            this.identity = identity;
        }

        /**
         * Whether the claim file at its path is still this claim's: false once someone deleted it (and maybe
         * another process claimed the trial anew). The holder then stops instead of writing beside the other.
         */
        public boolean held() {
            // stat, never open: closing any descriptor of a locked file drops this process's lock on it (POSIX)
            Object now = identity(file);
            return identity == null || identity.equals(now);
        }

        /** An error for a claim found taken: one line naming the trial's claim file. */
        public IllegalStateException taken() {
            return new IllegalStateException("the claim " + file + " was deleted or replaced while this process ran the trial; "
                    + "stopping this copy so the two do not write the same run folder (never delete claims of a running sweep)");
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
