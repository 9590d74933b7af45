package io.hptransfer.parity;

import io.hptransfer.cli.Hpt;
import io.hptransfer.cli.ParityCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `hpt parity` end to end against the PyTorch reference (Debian's python3-torch; .ci/run installs
 * it). Skipped, with the reason printed, only where no python3 with torch exists.
 */
class ParityTest {
    private static boolean torch;

    @BeforeAll
    static void findTorch() {
        torch = TorchPython.find() != null;
        if (!torch) System.err.println("ParityTest: SKIPPED, no python3 with torch (" + TorchPython.INSTALL_HINT + ")");
    }

    private record Run(int exit, String out) {
    }

    private static Run hpt(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int exit;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            CommandLine cl = Hpt.commandLine();
            exit = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return new Run(exit, out);
    }

    /** The reduced run CI keeps: ResNet (Adam, SGD, batch norm) and ViT, every rule active, in float32. */
    @Test
    void theCiCasesAgreeWithPyTorch() {
        assumeTrue(torch, "no python3 with torch: " + TorchPython.INSTALL_HINT);
        Run r = hpt("parity", "--ci", "--steps", "10");
        assertEquals(0, r.exit(), "parity failed:\n" + r.out());
        assertTrue(r.out().contains("parity: 4 of 4 cases agree"), r.out());
    }

    /** Breaks one rule on the PyTorch side; parity must exit 4 and name where the runs part. */
    private static String broken(String parityCase, String steps, String fault, String expected) {
        assumeTrue(torch, "no python3 with torch: " + TorchPython.INSTALL_HINT);
        Run r = hpt("parity", "--cases", parityCase, "--steps", steps, "--fault", fault);
        assertEquals(ParityCommand.EXIT_DIFFER, r.exit(), r.out());
        assertTrue(r.out().contains(expected), r.out());
        return r.out();
    }

    /** A hidden weight's Adam LR left undivided by m_N = 4 on the PyTorch side: step 1's update of the first one. */
    @Test
    void aBrokenLearningRateRuleIsNamedAtItsFirstStepAndTensor() {
        String out = broken("resnet-W32L8-mup-depth-adam", "3", "hidden-adam-lr",
                "first parts at step 1, update (optimizer step) of block0_conv1/W");
        assertTrue(out.contains("ratio 0.25"), "hpt's update is 1/m_N of the broken one:\n" + out);
    }

    /** muP's readout multiplier forgotten on the PyTorch side: the very first forward pass differs. */
    @Test
    void aBrokenForwardMultiplierIsNamedAtTheFirstLoss() {
        broken("vit-W32L4-mup-depth-adam", "2", "readout-mult", "first parts at step 1, loss (forward pass)");
    }

    /** Even DL4J's Adam epsilon placement, a 1e-8-sized detail, is caught in float32. */
    @Test
    void dl4jsAdamEpsilonPlacementIsCaught() {
        broken("resnet-W8L2-sp-adam", "3", "dl4j-adam-eps", "first parts at step 1, update (optimizer step)");
    }

    @Test
    void noTorchIsAOneLineErrorWithTheInstallCommandAndExit2() {
        String old = System.getProperty("hpt.torch.python");
        System.setProperty("hpt.torch.python", "/nonexistent/python3");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        int exit;
        try (PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(ps);
            exit = Hpt.commandLine().execute("parity", "--cases", "resnet-W8L2-sp-adam");
        } finally {
            System.setErr(oldErr);
            if (old == null) System.clearProperty("hpt.torch.python");
            else System.setProperty("hpt.torch.python", old);
        }
        String msg = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(Hpt.EXIT_USAGE, exit); // no torch: a usage-level exit, nothing was compared
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("apt-get install python3-torch"), msg);
    }
}
