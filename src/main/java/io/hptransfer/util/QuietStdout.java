package io.hptransfer.util;

import java.io.PrintStream;

/**
 * ND4J M2.1's SameDiff prints "Added differentiated op ..." with System.out.println, unconditionally,
 * for every op each time a model's gradient function is built (134 lines per ViT). This drops
 * exactly those lines so the CLI's stdout stays the tool's own output; everything else passes.
 */
public final class QuietStdout extends PrintStream {
    static final String NOISE = "Added differentiated op ";

    private QuietStdout(PrintStream out) {
        super(out, true);
    }

    public static void install() {
        if (!(System.out instanceof QuietStdout)) System.setOut(new QuietStdout(System.out));
    }

    @Override
    public void println(String x) {
        if (x != null && x.startsWith(NOISE)) return;
        super.println(x);
    }
}
