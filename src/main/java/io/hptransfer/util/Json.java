package io.hptransfer.util;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    /** Writes via a temp file + atomic rename: a crash leaves the old file or the new one, never half. */
    public static void writeAtomic(Path p, Object value) throws IOException {
        byte[] bytes = (p.toString().endsWith(".yaml") ? YAML : JSON).writeValueAsBytes(value);
        writeAtomic(p, bytes);
    }

    public static void writeAtomic(Path p, byte[] bytes) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static <T> T read(Path p, Class<T> type) throws IOException {
        return (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") ? YAML : JSON).readValue(p.toFile(), type);
    }
}
