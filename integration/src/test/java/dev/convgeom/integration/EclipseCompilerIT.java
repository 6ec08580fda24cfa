package dev.convgeom.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.internal.compiler.batch.Main;
import org.junit.jupiter.api.Test;

/**
 * The Eclipse compiler (ecj, the batch compiler Eclipse and its Maven and Gradle integrations run)
 * with the processor writes the same generated sources and manifests as javac, byte for byte, for
 * every example network. ecj runs in this JVM; javac is the JDK's command. Both get the same
 * packaged jars and the same sources.
 */
class EclipseCompilerIT {

    @Test
    void ecjAndJavacGenerateIdenticalFiles() {
        FreshProject javacProject = FreshProject.named("ecj-vs-javac/javac");
        FreshProject ecjProject = FreshProject.named("ecj-vs-javac/ecj");
        List<String> common = List.of("-processorpath",
                FreshProject.path(FreshProject.PROCESSOR_JAR, FreshProject.API_JAR),
                "-cp", FreshProject.API_JAR.toString());

        List<String> javacArgs = new ArrayList<>(List.of("--release", "17"));
        javacArgs.addAll(common);
        javacArgs.addAll(List.of("-d", "classes", "-s", "generated"));
        javacArgs.addAll(FreshProject.exampleSources());
        FreshProject.Run javac = javacProject.javac(javacArgs);
        assertEquals(0, javac.exit(), javac::describe);

        List<String> ecjArgs = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8",
                "-nowarn"));
        ecjArgs.addAll(common);
        ecjArgs.addAll(List.of("-d", ecjProject.dir.resolve("classes").toString(),
                "-s", ecjProject.dir.resolve("generated").toString()));
        ecjArgs.addAll(FreshProject.exampleSources());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean ok = new Main(new PrintWriter(out), new PrintWriter(err), false, null, null)
                .compile(ecjArgs.toArray(String[]::new));
        assertTrue(ok, () -> "ecj " + String.join(" ", ecjArgs) + "\n" + out + err);

        compare(javacProject.dir.resolve("generated"), ecjProject.dir.resolve("generated"));
        compare(javacProject.dir.resolve("classes/META-INF/convgeom"), ecjProject.dir.resolve("classes/META-INF/convgeom"));
    }

    private static void compare(Path javac, Path ecj) {
        Map<String, byte[]> byJavac = FreshProject.files(javac);
        Map<String, byte[]> byEcj = FreshProject.files(ecj);
        assertEquals(byJavac.keySet(), byEcj.keySet(), "the files written under " + javac.getFileName());
        assertTrue(byJavac.size() >= 8, byJavac.keySet()::toString);
        for (String name : byJavac.keySet()) {
            assertArrayEquals(byJavac.get(name), byEcj.get(name), () -> name + " differs:\njavac:\n"
                    + new String(byJavac.get(name), StandardCharsets.UTF_8) + "\necj:\n"
                    + new String(byEcj.get(name), StandardCharsets.UTF_8));
        }
    }
}
