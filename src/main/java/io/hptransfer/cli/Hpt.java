package io.hptransfer.cli;

import io.hptransfer.model.OneDnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `hpt` command line. */
@Command(name = "hpt", mixinStandardHelpOptions = true, version = Hpt.VERSION,
        description = "Hyperparameter transfer (muP + depth scaling) for vision models on Deeplearning4j.",
        subcommands = {TrainCommand.class, QuickstartCommand.class, SweepCommand.class, TuneCommand.class, TransferCommand.class, ReportCommand.class, TrialsCommand.class, BestCommand.class, CoordCheckCommand.class, ParityCommand.class, LimitCommand.class, DoctorCommand.class, BenchCommand.class, DatasetsCommand.class,
                CommandLine.HelpCommand.class})
public final class Hpt implements java.util.concurrent.Callable<Integer> {
    public static final String VERSION = "hptransfer 0.1.0";
    // Every command's exit codes, in one place (0 = done, all checks passed).
    /** Bad input or a failure: one line saying what and how to fix it. */
    public static final int EXIT_ERROR = 1;
    /** Bad command-line usage (picocli's own code), or `hpt parity` without python3 + torch: nothing was run. */
    public static final int EXIT_USAGE = 2;
    /** A run that ended because its loss became NaN/Inf (kept and marked diverged; distinct from errors). */
    public static final int EXIT_DIVERGED = 3;
    /** A check ran and failed: `hpt coord-check`, `hpt parity` (a difference beyond its allowance), `hpt limit`. */
    public static final int EXIT_CHECK_FAILED = 4;
    /** A sweep or quickstart that left trials unrecorded (held by other processes, or beyond --max-trials): rerun it. */
    public static final int EXIT_INCOMPLETE = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bare `hpt`: the usage, and a usage exit (nothing was asked). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return EXIT_USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hpt());
        everyCommand(cl);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // bad input is expected: one clear line, no stack trace
            Throwable t = ex;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException) && !(t instanceof IllegalStateException)
                    && !(t instanceof io.hptransfer.data.DataException)) t = t.getCause();
            String msg = t.getMessage() == null ? t.toString() : t.getMessage();
            commandLine.getErr().println("error: " + msg);
            if (System.getenv("HPT_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return EXIT_ERROR;
        });
        return cl;
    }

    /** Defaults in every option's help, and --version on every command (picocli shows them only where asked). */
    private static void everyCommand(CommandLine c) {
        c.getCommandSpec().usageMessage().showDefaultValues(true);
        if (c.getCommandSpec().version().length == 0) c.getCommandSpec().version(VERSION);
        c.getSubcommands().values().forEach(Hpt::everyCommand);
    }

    public static void main(String[] args) {
        OneDnn.enable();
        io.hptransfer.util.QuietStdout.install();
        try {
            System.exit(commandLine().execute(args));
        } catch (OutOfMemoryError e) {
            // finished trials and checkpoints are already on disk; rerunning resumes
            System.err.println("error: out of memory (" + e.getMessage() + "): use a smaller --batch or model, or give Java more "
                    + "memory with HPT_JAVA_OPTS=-Xmx...; finished results are kept, rerun to resume");
            System.exit(EXIT_ERROR);
        }
    }
}
