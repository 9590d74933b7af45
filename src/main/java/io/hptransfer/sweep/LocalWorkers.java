package io.hptransfer.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a sweep's pending trials in {@link Jobs#jobs()} worker processes on this machine, each one
 * `hpt sweep SPEC --worker` with {@link Jobs#threadsEach()} native threads (OMP_NUM_THREADS). The
 * workers share the store's claims like any processes running one sweep, so each trial runs once,
 * an interrupted one resumes, and a trial's numbers depend only on its config and its thread count.
 * This process trains nothing: it starts the workers, reports records as they land, and waits.
 */
public final class LocalWorkers {
    private static final long POLL_MS = 1000;

    private LocalWorkers() {
    }

    public static SweepRunner.Summary run(SweepSpec spec, Path specFile, Path out, ResultStore store, List<Trial> trials,
                                          Jobs jobs, PrintStream err) throws IOException, InterruptedException {
        double totalCost = trials.stream().mapToDouble(Trial::cost).sum();
        SweepProgress progress = new SweepProgress(err, trials.size(), totalCost);
        Set<String> seen = new HashSet<>();
        int before = 0;
        for (Trial t : trials) {
            Optional<TrialRecord> r = store.recorded(t);
            if (r.isPresent()) {
                seen.add(t.id());
                before++;
                progress.skipped(r.get(), t.cost(), spec.metric());
            }
        }
        err.println("running " + (trials.size() - before) + " trials with " + jobs + " (worker logs: " + store.workerLogs() + ")");
        List<Process> workers = new ArrayList<>();
        Thread reaper = new Thread(() -> workers.forEach(LocalWorkers::stop)); // Ctrl-C here stops the workers too
        Runtime.getRuntime().addShutdownHook(reaper);
        int ran = 0, diverged = 0;
        try {
            Files.createDirectories(store.workerLogs());
            for (int i = 0; i < jobs.jobs(); i++) workers.add(start(specFile, out, jobs.threadsEach(), store.workerLog(i)));
            boolean running = true;
            while (running) {
                running = workers.stream().anyMatch(Process::isAlive);
                if (running) Thread.sleep(POLL_MS);
                for (Trial t : trials) {
                    if (seen.contains(t.id())) continue;
                    Optional<TrialRecord> r = store.get(t.id());
                    if (r.isEmpty()) continue;
                    seen.add(t.id());
                    ran++;
                    if (r.get().diverged()) diverged++;
                    progress.finished(r.get(), t.cost(), spec.metric());
                }
            }
        } finally {
            workers.forEach(LocalWorkers::stop);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            int code = workers.get(i).exitValue();
            if (code != 0) {
                throw new IllegalStateException("sweep worker " + i + " failed (exit " + code + "): " + lastLine(store.workerLog(i))
                        + " (finished trials are kept; rerun the same command to continue; full log: " + store.workerLog(i) + ")");
            }
        }
        int busy = trials.size() - seen.size();
        return new SweepRunner.Summary(trials.size(), ran, before, busy, diverged);
    }

    /** The same JVM (settings, class path) running `hpt sweep SPEC --worker` with its own native thread count. */
    private static Process start(Path specFile, Path out, int threads, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // settings travel; debuggers, agents and flight recordings (one output file) do not
            if (a.startsWith("-D") || a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")
                    || a.startsWith("--add-opens") || a.startsWith("--enable-native-access")) cmd.add(a);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hptransfer.cli.Hpt",
                "sweep", specFile.toString(), "--out", out.toString(), "--jobs", "1", "--worker"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        return pb.start();
    }

    private static void stop(Process p) {
        if (!p.isAlive()) return;
        p.destroy(); // SIGTERM: its claim (an OS file lock) goes with it, its last checkpoint stays for the rerun
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        return "(empty log)";
    }
}
