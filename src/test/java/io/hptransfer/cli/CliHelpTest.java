package io.hptransfer.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI documents itself: every option described with its default shown, --version everywhere, bare hpt is a usage exit. */
class CliHelpTest {

    private static List<CommandLine> all(CommandLine c) {
        List<CommandLine> out = new ArrayList<>(List.of(c));
        c.getSubcommands().forEach((name, s) -> {
            if (!name.equals("help")) out.addAll(all(s));
        });
        return out;
    }

    @Test
    void everyOptionOfEveryCommandIsDescribedWithItsDefault() {
        List<String> undocumented = new ArrayList<>();
        for (CommandLine c : all(Hpt.commandLine())) {
            var spec = c.getCommandSpec();
            for (var o : spec.options()) {
                if (o.usageHelp() || o.versionHelp() || o.hidden()) continue;
                if (String.join(" ", o.description()).isBlank()) undocumented.add(spec.qualifiedName() + " " + o.longestName());
            }
            for (var p : spec.positionalParameters()) {
                if (String.join(" ", p.description()).isBlank()) undocumented.add(spec.qualifiedName() + " <" + p.paramLabel() + ">");
            }
            String usage = usage(c);
            for (var o : spec.options()) {
                if (o.hidden() || o.defaultValue() == null || o.usageHelp() || o.versionHelp()) continue;
                assertTrue(usage.contains("Default: " + o.defaultValue()), spec.qualifiedName() + " " + o.longestName()
                        + " hides its default " + o.defaultValue() + ":\n" + usage);
            }
        }
        assertEquals(List.of(), undocumented, "options and parameters without a description");
    }

    @Test
    void versionWorksOnEveryCommandAndBareHptIsAUsageExit() {
        for (CommandLine c : all(Hpt.commandLine())) {
            StringWriter out = new StringWriter();
            CommandLine fresh = Hpt.commandLine();
            fresh.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(List.of(c.getCommandSpec().qualifiedName().split(" ")));
            args.remove(0); // "hpt"
            args.add("--version");
            assertEquals(0, fresh.execute(args.toArray(String[]::new)), String.join(" ", args));
            assertTrue(out.toString().contains(Hpt.VERSION), String.join(" ", args) + " printed: " + out);
        }
        CommandLine bare = Hpt.commandLine();
        StringWriter err = new StringWriter();
        bare.setErr(new PrintWriter(err));
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertEquals(Hpt.EXIT_USAGE, bare.execute());
        } finally {
            System.setErr(old);
        }
        assertTrue(captured.toString().contains("Usage: hpt"), captured.toString());
    }

    private static String usage(CommandLine c) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }
}
