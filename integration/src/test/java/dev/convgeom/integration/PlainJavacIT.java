package dev.convgeom.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain javac with the packaged jars and nothing else, in a fresh project: the processor jar has
 * no dependencies of its own, so the processor path is the processor jar and the API jar (or the processor
 * jar alone, with the API jar beside it); the API jar is on the class path to compile, and again
 * to run. A jar left out is one set-up error that names it and says how to add it.
 */
class PlainJavacIT {

    private static final String TINY = """
            package com.example;

            import dev.convgeom.*;

            /** LeNet's first stage. */
            @Network(input = @Input(channels = 1, height = 28, width = 28))
            public class Tiny {
                @Conv(out = 6, k = 5, p = 2) Object conv1;
                @AvgPool(k = 2)              Object pool1;
                @FullyConnected(out = 10)    Object fc;
            }
            """;

    private static final String MAIN = """
            package com.example;

            /** Prints what the generated class says about the network. */
            public final class Main {
                private Main() {
                }

                /**
                 * Prints one line per layer.
                 *
                 * @param args not used
                 */
                public static void main(String[] args) {
                    TinyGeometry.layers().forEach(System.out::println);
                }
            }
            """;

    private static FreshProject tiny(String name) {
        FreshProject project = FreshProject.named(name);
        project.write("src/com/example/Tiny.java", TINY);
        project.write("src/com/example/Main.java", MAIN);
        return project;
    }

    private static List<String> javac(String processorPath, String classPath) {
        return List.of("--release", "17", "-Xlint:all", "-Werror", "-processorpath", processorPath, "-cp", classPath,
                "-d", "classes", "-s", "generated", "src/com/example/Tiny.java", "src/com/example/Main.java");
    }

    @Test
    void processorAndApiJarsCompileARunnableProject() throws IOException {
        FreshProject project = tiny("plain-javac");
        String api = FreshProject.API_JAR.toString();
        FreshProject.Run compile = project.javac(javac(
                FreshProject.path(FreshProject.PROCESSOR_JAR, FreshProject.API_JAR), api));
        assertEquals(0, compile.exit(), compile::describe);
        assertEquals("", compile.output(), compile::describe);
        checkGenerated(project);

        // The API jar is a run-time dependency of the generated code.
        FreshProject.Run run = project.java(List.of("-cp", FreshProject.path(project.dir.resolve("classes"),
                FreshProject.API_JAR), "com.example.Main"));
        assertEquals(0, run.exit(), run::describe);
        // 28 + 2 + 2 - 5 + 1 = 28; pooled by 2: 14; field 5, then 5 + 1 * 4 = 6 after the pool, whose
        // jump is 2; the fully connected layer reads the whole 14x14 map: 6 + (14 - 1) * 2 = 32.
        assertEquals("""
                conv1 (Conv) 6x28x28, rf 5x5, jump 1x1, center (0, 0)
                pool1 (AvgPool) 6x14x14, rf 6x6, jump 2x2, center (0.5, 0.5)
                fc (FullyConnected) 10x1x1, rf 32x32, jump 2x2, center (13.5, 13.5)
                """, run.output().replace("\r\n", "\n"), run::describe);

        FreshProject.Run withoutApi = project.java(List.of("-cp", project.dir.resolve("classes").toString(),
                "com.example.Main"));
        assertNotEquals(0, withoutApi.exit(), withoutApi::describe);
        assertTrue(withoutApi.output().contains("NoClassDefFoundError: dev/convgeom/"), withoutApi::describe);
    }

    @Test
    void theProcessorJarAloneWithTheApiJarBesideIt() throws IOException {
        FreshProject project = tiny("plain-javac-beside");
        Path processor = project.copy(FreshProject.PROCESSOR_JAR, "lib");
        Path api = project.copy(FreshProject.API_JAR, "lib");
        FreshProject.Run compile = project.javac(javac(processor.toString(), api.toString()));
        assertEquals(0, compile.exit(), compile::describe);
        assertEquals("", compile.output(), compile::describe);
        checkGenerated(project);
    }

    @Test
    void apiJarMissingFromTheProcessorPathIsASetUpError() {
        FreshProject project = tiny("plain-javac-no-api-on-processor-path");
        Path processor = project.copy(FreshProject.PROCESSOR_JAR, "lib");    // alone in its directory
        FreshProject.Run compile = project.javac(javac(processor.toString(), FreshProject.API_JAR.toString()));
        assertNotEquals(0, compile.exit(), compile::describe);
        assertTrue(compile.output().contains("error: convgeom cannot run: its processor path lacks"
                + " dev.convgeom.Network, from convgeom-api.jar (dev.convgeom:convgeom-api); put convgeom-api.jar on"
                + " the processor path beside convgeom-processor.jar"), compile::describe);
        assertTrue(compile.output().contains("[convgeom:setup-processor-path]"), compile::describe);
        assertNoCrashReport(compile);
    }

    @Test
    void apiJarMissingFromTheClassPathIsASetUpError() {
        FreshProject project = tiny("plain-javac-no-api-on-class-path");
        project.write("lib/empty/.keep", "");
        FreshProject.Run compile = project.javac(javac(
                FreshProject.path(FreshProject.PROCESSOR_JAR, FreshProject.API_JAR), "lib/empty"));
        assertNotEquals(0, compile.exit(), compile::describe);
        assertTrue(compile.output().contains("error: convgeom cannot run: the convgeom API (dev.convgeom.Network, in"
                + " convgeom-api.jar) is not on the class path"), compile::describe);
        assertTrue(compile.output().contains("[convgeom:setup-class-path]"), compile::describe);
        assertNoCrashReport(compile);
    }

    private static void assertNoCrashReport(FreshProject.Run compile) {
        for (String crash : List.of("internal error", "please report", "Bad service configuration",
                "NoClassDefFoundError", "threw an uncaught exception")) {
            assertFalse(compile.output().contains(crash), compile::describe);
        }
    }

    private static void checkGenerated(FreshProject project) throws IOException {
        Path source = project.dir.resolve("generated/com/example/TinyGeometry.java");
        assertTrue(Files.readString(source, StandardCharsets.UTF_8).contains("public final class TinyGeometry"));
        assertTrue(Files.isRegularFile(project.dir.resolve("classes/com/example/TinyGeometry.class")));
        String manifest = Files.readString(project.dir.resolve("classes/META-INF/convgeom/com.example.Tiny.json"),
                StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"output\": {\"channels\": 6, \"height\": 14, \"width\": 14}"), manifest);
        assertTrue(manifest.contains("\"output\": {\"channels\": 10, \"height\": 1, \"width\": 1}"), manifest);
    }
}
