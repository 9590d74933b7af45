package io.hptransfer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** File helpers shared by the readers: read whole (gunzipping when the gzip magic is present), hash. */
final class Bytes {
    private Bytes() {
    }

    static byte[] readMaybeGzip(Path p) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(p))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new DataException("missing file " + p + ": place it there or pass --data-dir");
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new DataException("corrupt or truncated gzip file " + p + " (" + e.getMessage() + "): download it again");
        } catch (IOException e) {
            throw new DataException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path p) {
        return digest(p, "SHA-256");
    }

    static String md5(Path p) {
        return digest(p, "MD5");
    }

    private static String digest(Path p, String algorithm) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new DataException("cannot hash " + p + ": " + e.getMessage(), e);
        }
    }
}
