package io.hptransfer.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Counts failed task attempts per trial (a job's description is its trial id): what Spark retried. */
class TaskAttempts extends SparkListener {
    private final Map<Integer, String> trialOfStage = new ConcurrentHashMap<>();
    private final Map<String, Integer> failed = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String trial = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
        if (trial == null) return;
        scala.collection.Iterator<Object> it = job.stageIds().iterator();
        while (it.hasNext()) trialOfStage.put((Integer) it.next(), trial);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (task.taskInfo().successful()) return;
        failed.merge(trialOfStage.getOrDefault(task.stageId(), "stage " + task.stageId()), 1, Integer::sum);
    }

    /** The trial a stage belongs to, or null for a job that is not a trial. */
    String trialOf(int stageId) {
        return trialOfStage.get(stageId);
    }

    Map<String, Integer> failedByTrial() {
        return new TreeMap<>(failed);
    }
}
