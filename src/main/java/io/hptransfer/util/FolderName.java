package io.hptransfer.util;

/**
 * A name the user gives that becomes one folder inside another (a sweep under --out, a run under
 * --checkpoints): a plain name, never a path, so nothing is written outside the folder it belongs in.
 */
public final class FolderName {
    private FolderName() {
    }

    /** The name itself, or an error naming what it names and the rule. */
    public static String check(String what, String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(what + " '" + name + "' must be a plain folder name: letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (no '/', no '..', no absolute path)");
        }
        return name;
    }
}
