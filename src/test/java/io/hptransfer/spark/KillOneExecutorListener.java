package io.hptransfer.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fault injection (installed with spark.extraListeners): once some trial has written two
 * training rows into its run folder under spark.hpt.test.watch, kill -9 the executor JVM that
 * runs it, i.e. a machine lost in the middle of a trial. Trials are found as the runner finds them
 * ({@link TaskAttempts}: a job's description is its trial id).
 */
public final class KillOneExecutorListener extends TaskAttempts {
    static volatile String killedTrial;

    private final Path watch;
    private final Map<String, String> executorOfTrial = new ConcurrentHashMap<>();
    private volatile String appId;
    private volatile boolean started;

    public KillOneExecutorListener(SparkConf conf) {
        this.watch = Path.of(conf.get("spark.hpt.test.watch"));
        killedTrial = null;
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart app) {
        appId = app.appId().get();
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart task) {
        String trial = trialOf(task.stageId());
        if (trial != null) executorOfTrial.put(trial, task.taskInfo().executorId());
        if (!started) {
            started = true;
            Thread t = new Thread(this::watchAndKill, "kill-one-executor");
            t.setDaemon(true);
            t.start();
        }
    }

    private void watchAndKill() {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            for (Map.Entry<String, String> e : executorOfTrial.entrySet()) {
                Path metrics = watch.resolve(e.getKey()).resolve("metrics.csv");
                if (rows(metrics) >= 3 && kill(e.getValue())) {
                    killedTrial = e.getKey();
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static long rows(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The full command line (ProcessHandle.Info cuts it at 4096 bytes, and an executor's classpath is longer). */
    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** kill -9 of the executor process with this id in this application. */
    private boolean kill(String executorId) {
        return ProcessHandle.allProcesses().filter(p -> {
            String args = cmdline(p.pid());
            return args.contains("CoarseGrainedExecutorBackend") && args.contains("--executor-id " + executorId + " ")
                    && appId != null && args.contains(appId);
        }).findFirst().map(ProcessHandle::destroyForcibly).orElse(false);
    }
}
