package io.hptransfer.cli;

import io.hptransfer.sweep.SweepSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `hpt bench --trial --sizes`: WIDTHxDEPTH entries, or all = the spec's own grid. */
class BenchSizesTest {
    private static String show(List<int[]> shapes) {
        return String.join(",", shapes.stream().map(s -> s[0] + "x" + s[1]).toList());
    }

    @Test
    void allIsTheQuickstartsGridAndEntriesParse() throws Exception {
        SweepSpec quickstart = SweepSpec.read(Path.of("sweeps/quickstart.yaml"));
        assertEquals("8x2,16x2,32x2,8x4,8x8", show(BenchCommand.shapes(List.of("all"), quickstart)));
        assertEquals("8x2,32x4", show(BenchCommand.shapes(List.of("8x2", " 32X4"), quickstart)));
        for (String bad : List.of("8", "8x", "x2", "8x2x3", "0x2", "eightx2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BenchCommand.shapes(List.of(bad), quickstart), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("e.g. 8x2"), e.getMessage());
        }
    }
}
