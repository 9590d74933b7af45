package io.hptransfer.sweep;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed-spec drill: each broken spec is refused with one line that names the file and the problem in
 * plain words (no Java type names, no stack trace text), and nothing is silently accepted.
 */
class MalformedSpecTest {
    private static final String OK = "widths: [8]\ndepths: [2]\nparameterizations: [sp]\n"
            + "optimizers: [{kind: adam, log2Lr: {from: -8, to: -6}}]\nsteps: 10\n";

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("misspelled key", "widhts: [8]\\ndepths: [2]\\nparameterizations: [sp]\\noptimizers: [{kind: adam, log2Lr: {from: -8, to: -6}}]\\nsteps: 10", "did you mean 'widths'"),
                Arguments.of("duplicate key", "steps: 5\\n{OK}", "Duplicate field 'steps'"),
                Arguments.of("fractional steps", "{OK}batch: 2.5", "expected a whole number, got '2.5'"),
                Arguments.of("text for a number", "{OK}batch: many", "expected a whole number, got 'many'"),
                Arguments.of("nan", "{OK}divergeAbove: .nan", "Malformed numeric value"),
                Arguments.of("zero stages", "{OK}model: {stages: 0}", "model.stages must be >= 1"),
                Arguments.of("warmup past the budget", "{OK}warmup: 50", "warmup 50 is not shorter than the 10 steps"),
                Arguments.of("same parameterization", "widths: [8]\\ndepths: [2]\\nparameterizations: [sp, SP]\\noptimizers: [{kind: adam, log2Lr: {from: -8, to: -6}}]\\nsteps: 10", "parameterizations lists one twice"),
                Arguments.of("unknown dataset", "{OK}dataset: imagenet", "imagenet"),
                Arguments.of("list for a number", "{OK}batch: [1, 2]", "expected a whole number"),
                Arguments.of("unclosed list", "widths: [8", "expected ',' or ']'"),
                Arguments.of("tab indentation", "{OK}model:\n\tstages: 1", "Do not use"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void refusedInOnePlainLine(String what, String yaml, String mustContain, @TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, yaml.replace("{OK}", OK).replace("\\n", "\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(spec), what);
        String m = e.getMessage();
        assertTrue(m.contains(mustContain), what + ": " + m);
        assertFalse(m.contains("\n"), what + ": one line: " + m);
        assertFalse(m.contains("java.") || m.contains("io.hptransfer") || m.contains("Cannot construct instance"),
                what + ": no Java names: " + m);
    }
}
