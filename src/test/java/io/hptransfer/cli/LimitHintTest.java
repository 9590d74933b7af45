package io.hptransfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `hpt limit c2 --seeds 2` measures a bias of 0 (the seed noise swamps it): the NaN slope comes with the fix. */
class LimitHintTest {
    @Test
    void aNanSlopeAtFewSeedsSaysToAddSeeds(@TempDir Path tmp) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Hpt.commandLine().execute("limit", "c2", "--seeds", "2", "--out", tmp.toString());
        } finally {
            System.setOut(old);
        }
        String out = b.toString(StandardCharsets.UTF_8);
        assertEquals(Hpt.EXIT_CHECK_FAILED, code, out);
        assertTrue(out.contains("NaN") && out.contains("rerun with more --seeds"), out);
    }
}
