package io.hptransfer.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the host every executor registered from: a test on this machine must see only loopback. */
public final class ExecutorHostsListener extends SparkListener {
    static final List<String> HOSTS = new CopyOnWriteArrayList<>();

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
        HOSTS.add(e.executorInfo().executorHost());
    }
}
