package io.hptransfer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Verifies a folder's SHA256SUMS file (sha256sum format) when it has one. */
public final class Checksums {
    public static final String FILE = "SHA256SUMS";

    private Checksums() {
    }

    public static void verifyIfListed(Path dir) {
        Path sums = dir.resolve(FILE);
        if (!Files.exists(sums)) return;
        try {
            for (String line : Files.readAllLines(sums)) {
                if (line.isBlank()) continue;
                String[] parts = line.trim().split("\\s+\\*?", 2);
                Path f = dir.resolve(parts[1]);
                if (!Files.exists(f)) throw new DataException("missing " + f + " (listed in " + sums + "): restore it with git checkout");
                String actual = Bytes.sha256(f);
                if (!actual.equalsIgnoreCase(parts[0])) {
                    throw new DataException(f + " has SHA-256 " + actual + " but " + sums + " says " + parts[0]
                            + ": the file is corrupt, restore or re-download it");
                }
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new DataException("unreadable checksum file " + sums + ": " + e.getMessage(), e);
        }
    }

    /** Writes SHA256SUMS for the given files of a folder. */
    public static void write(Path dir, java.util.List<String> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : files) sb.append(Bytes.sha256(dir.resolve(f))).append("  ").append(f).append('\n');
        Files.writeString(dir.resolve(FILE), sb.toString());
    }
}
