package io.hptransfer.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    /** Two sweep runners write spec.json at once; with one shared temp name a rename found its temp gone. */
    @Test
    void concurrentAtomicWritesOfOneFileNeitherFailNorTear(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("spec.json");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) Json.writeAtomic(p, Map.of("writer", id, "i", i));
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(199, ((Number) Json.read(p, Map.class).get("i")).intValue());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }

    /** A failed write names the file it could not write (a channel's IOException says only "No space left on device"). */
    @Test
    void aFailedWriteNamesItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        java.nio.file.Path target = tmp.resolve("missing-folder").resolve("r.json");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Json.writeAtomic(target, new byte[]{1}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("finished results are kept"), e.getMessage());
    }
}
