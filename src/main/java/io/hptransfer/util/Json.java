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
import java.util.List;

/** JSON/YAML for config records; unknown keys are errors so typos are caught. */
public final class Json {
    public static final ObjectMapper JSON = configure(new ObjectMapper());
    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Json() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key twice: refused
        return m.enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // steps: 2.5 is an error, not 2
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
            writeThrough(p, tmp, bytes);
        } catch (IOException e) {
            throw cannotWrite(p, e);
        }
    }

    /**
     * A failed write as one line naming the file (an IOException from a channel says only "No space left on
     * device"); unchecked, so the CLI prints it as it is.
     */
    public static IllegalStateException cannotWrite(Path p, IOException e) {
        return new IllegalStateException("cannot write " + p + ": " + e.getMessage()
                + " (a full or read-only disk? free it and rerun: finished results are kept)", e);
    }

    private static void writeThrough(Path p, Path tmp, byte[] bytes) throws IOException {
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
        ObjectMapper mapper = p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") ? YAML : JSON;
        try {
            return mapper.readValue(p.toFile(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a record's constructor validates before Jackson reports unknown keys, so a misspelled key would
            // surface as "widths is empty": on any failure look for a typo first (good files are parsed once)
            if (type.isRecord()) {
                com.fasterxml.jackson.databind.JsonNode tree;
                try {
                    tree = mapper.readTree(p.toFile());
                } catch (com.fasterxml.jackson.core.JsonProcessingException syntax) {
                    throw explained(p, e); // not even a tree: the syntax error says it
                }
                unknownKeys(p, tree, type);
            }
            throw explained(p, e);
        }
    }

    /** A parse or mapping failure as one line in a YAML user's words. */
    private static IllegalArgumentException explained(Path p, com.fasterxml.jackson.core.JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) { // a syntax error, even when data binding wrapped it
            if (c instanceof com.fasterxml.jackson.core.exc.StreamReadException r
                    && !(c instanceof com.fasterxml.jackson.databind.JsonMappingException)) return syntax(p, r);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return unknownKey(p, u.getPropertyName(), u.getKnownPropertyIds(), where(u), u);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null
                && !m.getPath().isEmpty()) {
            Object got = m.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser jp ? text(jp) : null;
            return new IllegalArgumentException(p + " at '" + path(m) + "'" + where(m) + ": expected " + plain(m.getTargetType())
                    + (got != null ? ", got " + got : ""), m);
        }
        return general(p, e);
    }

    private static IllegalArgumentException unknownKey(Path p, String key, java.util.Collection<?> known, String where, Exception cause) {
        String closest = closest(key, known);
        return new IllegalArgumentException(p + ": unknown key '" + key + "'" + where
                + (closest != null ? "; did you mean '" + closest + "'?" : "") + " Known keys here: " + known, cause);
    }

    private static IllegalArgumentException general(Path p, com.fasterxml.jackson.core.JsonProcessingException e) {
        String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " at '" + path(m) + "'" : "";
        String msg = e.getOriginalMessage();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) { // our own validation message, if one is behind it
            if (c instanceof NumberFormatException) {
                msg = "not a number: " + c.getMessage().replace("For input string: ", "");
                break;
            }
            if (c instanceof RuntimeException && !(c instanceof com.fasterxml.jackson.core.JacksonException)) {
                msg = c.getMessage();
                break;
            }
        }
        return new IllegalArgumentException(p + field + where(e) + ": " + msg.lines().findFirst().orElse(msg)
                .replace(" (set DeserializationConfig.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)",
                        " (missing value)"), e);
    }

    /** Every key of the tree must be a component of the record it fills (recursively for record-typed components). */
    private static void unknownKeys(Path p, com.fasterxml.jackson.databind.JsonNode node, Class<?> type) throws IOException {
        if (node == null || !node.isObject() || !type.isRecord()) return;
        java.util.Map<String, java.lang.reflect.RecordComponent> known = new java.util.LinkedHashMap<>();
        for (var c : type.getRecordComponents()) known.put(c.getName(), c);
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            var c = known.get(key);
            if (c == null) throw unknownKey(p, key, known.keySet(), lineOf(p, key), null);
            if (c.getType().isRecord()) unknownKeys(p, node.get(key), c.getType());
        }
    }

    /** " (line N)" of the first line that starts with this key, or "". */
    private static String lineOf(Path p, String key) throws IOException {
        List<String> lines = Files.readAllLines(p);
        java.util.regex.Pattern k = java.util.regex.Pattern.compile("^\\s*[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:");
        for (int i = 0; i < lines.size(); i++) if (k.matcher(lines.get(i)).find()) return " (line " + (i + 1) + ")";
        return "";
    }

    /** A syntax error: the parser's own reason (its "expected ..." / "found ..." line) and the offending source line. */
    private static IllegalArgumentException syntax(Path p, com.fasterxml.jackson.core.JsonProcessingException e) {
        String all = e.getOriginalMessage() == null ? String.valueOf(e.getMessage()) : e.getOriginalMessage();
        String reason = all.lines().map(String::strip).filter(l -> l.startsWith("expected") || l.startsWith("found")
                || l.contains("Duplicate field")).findFirst().orElse(all.lines().findFirst().orElse(all));
        String source = "";
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            try {
                List<String> lines = Files.readAllLines(p);
                int n = e.getLocation().getLineNr();
                if (n <= lines.size()) source = ": \"" + lines.get(n - 1).replace("\t", "<TAB>").strip() + "\"";
            } catch (IOException ignored) {
                // the reason alone still says what is wrong
            }
        }
        return new IllegalArgumentException(p + where(e) + source + ": syntax: " + reason.replace("\t", "<TAB>"), e);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException m) {
        return m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .reduce((a, b) -> a + "." + b).orElse("");
    }

    /** A Java type as a YAML user reads it. */
    private static String plain(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "a whole number";
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t == String.class) return "a word or text";
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) return "a list, e.g. [1, 2]";
        if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) return "a group of keys, e.g. {key: value}";
        return t.getSimpleName();
    }

    private static String text(com.fasterxml.jackson.core.JsonParser jp) {
        try {
            String s = jp.getText();
            return s == null ? null : "'" + s + "'";
        } catch (IOException e) {
            return null;
        }
    }

    /** The known key nearest to a misspelled one (edit distance at most 2), or null. */
    static String closest(String key, java.util.Collection<?> known) {
        String best = null;
        int bestD = 3;
        for (Object o : known) {
            String k = String.valueOf(o);
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** Edit distance where swapping two neighbours counts as one edit (widhts -> widths). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String where(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
