package io.hptransfer.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepSpecTest {
    static final String GOOD = """
            widths: [8, 16]
            depths: [2, 4]
            parameterizations: [sp, mup-depth]
            optimizers:
              - kind: adam
                log2Lr: {from: -10, to: -6, step: 2}
            steps: 20
            """;

    static Path write(Path dir, String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void defaultsAndCrossGridExpansion(@TempDir Path tmp) throws Exception {
        SweepSpec s = SweepSpec.read(write(tmp, "mine.yaml", GOOD));
        assertEquals("mine", s.name(), "the file name names the sweep");
        assertEquals(8, s.baseWidth());
        assertEquals(2, s.baseDepth());
        assertEquals(List.of(0L), s.seeds());
        assertEquals(128, s.batch());
        // cross: (8,2) (16,2) (8,4) = 3 shapes x 2 params x 3 LRs
        List<Trial> trials = Trials.expand(s, 1000);
        assertEquals(18, trials.size());
        assertEquals(trials.size(), trials.stream().map(Trial::id).distinct().count(), "ids are unique");
        assertTrue(trials.stream().noneMatch(t -> t.key().width() == 16 && t.key().depth() == 4), "cross grid has no (16, 4)");
        Trial t = trials.stream().filter(x -> x.key().width() == 16).findFirst().orElseThrow();
        assertEquals(8, t.config().resnet().baseWidth(), "the rules are relative to the sweep's base shape");
        assertEquals(Math.pow(2, t.key().log2Lr()), t.config().optimizer().lr(), 0);
        SweepSpec full = SweepSpec.read(write(tmp, "full.yaml", GOOD + "grid: full\n"));
        assertEquals(24, Trials.expand(full, 1000).size());
        SweepSpec ep = SweepSpec.read(write(tmp, "ep.yaml", GOOD.replace("steps: 20", "epochs: 2\nbatch: 100")));
        assertEquals(20, Trials.expand(ep, 1000).get(0).config().steps(), "2 epochs of 1000 images at batch 100");
    }

    @Test
    void badSpecsFailWithAPreciseMessage(@TempDir Path tmp) throws Exception {
        String[][] cases = {
                {GOOD + "widht: 3\n", "unknown key 'widht'"},
                {GOOD.replace("widths: [8, 16]", "widths: []"), "widths is empty"},
                {GOOD.replace("from: -10, to: -6", "from: -6, to: -10"), "log2Lr is empty"},
                {GOOD.replace("step: 2", "step: -1"), "log2Lr step must be > 0"},
                {GOOD.replace("steps: 20", ""), "the budget is missing"},
                {GOOD.replace("steps: 20", "steps: -5"), "steps must be >= 1"},
                {GOOD.replace("sp, mup-depth", "sp, mupp"), "mupp"},
                {GOOD + "baseWidth: 12\n", "must contain baseWidth 12"},
                {GOOD.replace("depths: [2, 4]", "depths: [2, 2]"), "depths lists a value twice"},
                {GOOD.replace("kind: adam", "kind: adamw"), "adamw"},
                {GOOD + "grid: diagonal\n", "unknown grid 'diagonal'"},
                {GOOD + "model: {stages: 3}\n", "not a multiple of model.stages 3"},
                {GOOD.replace("steps: 20", "steps: 20\nbatch: 0"), "batch must be >= 1"},
                {GOOD + "dataset: mnist\n", "unknown dataset 'mnist'"},
                {"widths: [8\n", "widths"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(write(tmp, "bad.yaml", c[0])), c[1]);
            assertTrue(e.getMessage().contains(c[1]), "expected '" + c[1] + "' in: " + e.getMessage());
            assertTrue(e.getMessage().contains("bad.yaml"), "the message names the file: " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(tmp.resolve("missing.yaml")));
    }

    @Test
    void committedExampleSpecsAreValid() throws Exception {
        try (var files = Files.list(Path.of("sweeps"))) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(specs.size() >= 3, "quickstart, CIFAR-10 and image-folder examples: " + specs);
            for (Path p : specs) assertTrue(Trials.expand(SweepSpec.read(p), 50_000).size() > 0, p.toString());
        }
    }
}
