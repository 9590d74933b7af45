package io.hptransfer.sweep;

import java.nio.file.Path;

/**
 * A child process for the store tests. "write DIR": writes trial records as fast as it can until
 * killed. "hold DIR ID": claims one trial, prints "held", then sleeps until killed.
 */
public final class StoreWriterMain {
    public static void main(String[] args) throws Exception {
        ResultStore store = ResultStore.open(Path.of(args[1]));
        if (args[0].equals("hold")) {
            var claim = store.tryClaim(args[2]);
            System.out.println(claim.isPresent() ? "held" : "busy");
            System.out.flush();
            Thread.sleep(60_000);
            return;
        }
        System.out.println("writing");
        System.out.flush();
        for (int i = 0; ; i++) {
            // big records (a long id padding the config) make a torn write likely if writes were not atomic
            store.put(SyntheticRecords.record("sp", 8 + i % 50, 2, -(i % 1000) / 10.0, i, 1.0 + i));
        }
    }
}
