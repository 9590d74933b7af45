package io.hptransfer.train;

/** Contents of checkpoints/&lt;run&gt;/state.json: how far the run got and how it ended. */
public record RunStatus(String status, int step, double lastLoss) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String DIVERGED = "diverged";
}
