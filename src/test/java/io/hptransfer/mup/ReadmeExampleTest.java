package io.hptransfer.mup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's muP example is examples/mup-user's source, word for word; compiled here against the library and run.
 * (That folder is also a Maven project of its own, depending on the installed jar: README, "Your own DL4J model".)
 */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("examples/mup-user/src/main/java/example/MyCnnMuP.java");

    @Test
    void theReadmeShowsTheExampleThatCompilesAndRuns(@TempDir Path tmp) throws Exception {
        String source = Files.readString(EXAMPLE);
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("```java\n" + source + "```"), "README.md must show " + EXAMPLE + " verbatim in a ```java block");

        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), "-cp",
                System.getProperty("java.class.path"), EXAMPLE.toString());
        assertEquals(0, rc, "the example compiles against the library");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader cl = new URLClassLoader(new URL[]{tmp.toUri().toURL()}, getClass().getClassLoader());
             PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            cl.loadClass("example.MyCnnMuP").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertTrue(printed.contains("conv2") && printed.contains("HIDDEN") && printed.contains("readout multiplier 0.125"), printed);
        assertTrue(printed.contains("coordinate check sp: FAIL"), printed);
        assertTrue(printed.contains("coordinate check mup: PASS"), printed);
    }
}
