package io.hptransfer.util;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** JSON/YAML for config records; unknown keys are errors so typos are caught. */
public final class Json {
    public static final ObjectMapper JSON = configure(new ObjectMapper());
    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Json() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Writes durably and atomically (see {@link #writeAtomic(Path, byte[])}). */
    public static void writeAtomic(Path p, Object value) throws IOException {
        byte[] bytes = (p.toString().endsWith(".yaml") ? YAML : JSON).writeValueAsBytes(value);
        writeAtomic(p, bytes);
    }

    /**
     * Temp file, forced to disk, atomically renamed, folder forced: after kill -9 or power loss the
     * file is the old one or the new one, never half. The temp name is unique per process and
     * thread (two sweep runners writing spec.json at once raced on one shared name).
     */
    public static void writeAtomic(Path p, byte[] bytes) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(p.toAbsolutePath().getParent());
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }

    /** Reads a config file; a malformed one fails with one line naming the file, field and line. */
    public static <T> T read(Path p, Class<T> type) throws IOException {
        if (!Files.exists(p)) throw new IllegalArgumentException("config file " + p + " does not exist");
        try {
            return (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") ? YAML : JSON).readValue(p.toFile(), type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(p + ": unknown key '" + e.getPropertyName() + "'" + where(e)
                    + "; known keys here: " + e.getKnownPropertyIds(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? " at '" + m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> a + "." + b).orElse("") + "'" : "";
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            String msg = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(p + field + where(e) + ": " + msg.lines().findFirst().orElse(msg)
                    .replace(" (set DeserializationConfig.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)",
                            " (missing value)"), e);
        }
    }

    private static String where(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
