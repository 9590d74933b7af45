package io.hptransfer.parity;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Finds a python3 that can import torch. PATH's python3 may be a pyenv build without it; Debian's
 * python3-torch lives under /usr/bin/python3.
 */
public final class TorchPython {
    public static final String INSTALL_HINT = "apt-get install python3-torch";

    private TorchPython() {
    }

    /** The first candidate that imports torch, or null. */
    public static String find() {
        String env = System.getProperty("hpt.torch.python", System.getenv("HPT_TORCH_PYTHON"));
        String[] candidates = env != null ? new String[]{env} : new String[]{"/usr/bin/python3", "python3"};
        for (String py : candidates) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import torch, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0) return py;
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** As {@link #find()}, or an error that says how to install it. */
    public static String require() {
        String py = find();
        if (py == null) {
            throw new MissingTorchException("no python3 with torch found (tried /usr/bin/python3 and python3 on PATH): "
                    + INSTALL_HINT + " (Debian's python3, not a pyenv one), or set HPT_TORCH_PYTHON");
        }
        return py;
    }

    /** The reference environment is absent: the CLI maps this to exit 2. */
    public static final class MissingTorchException extends IllegalStateException {
        public MissingTorchException(String msg) {
            super(msg);
        }
    }
}
