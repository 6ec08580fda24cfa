package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.processor.diagnostics.Message;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build set up wrongly, as javac sees it: the processor loaded from a processor path without the
 * API jar, or the API missing from the class path. Each is one error that names
 * what is missing and how to add it, never javac's "Bad service configuration file" nor convgeom's
 * internal error. (The fresh-project tests of the integration module do the same with the packaged
 * jars and the javac command.)
 */
class SetupTest {

    private static final JavaFileObject NET = Sources.net("@Conv(out = 8, k = 3) Object conv1;");

    @Test
    void apiJarMissingFromTheProcessorPath(@TempDir Path out) {
        ProcessorPaths.Result r = ProcessorPaths.compile(List.of(ProcessorPaths.PROCESSOR),
                List.of(ProcessorPaths.API), out, List.of(), NET);
        assertFalse(r.success(), r::describe);
        assertEquals(List.of("ERROR convgeom cannot run: its processor path lacks dev.convgeom.Network, from"
                + " convgeom-api.jar (dev.convgeom:convgeom-api); put convgeom-api.jar on the processor path beside"
                + " convgeom-processor.jar (javac: -processorpath convgeom-processor.jar" + File.pathSeparator
                + "convgeom-api.jar; Maven's annotationProcessorPaths and Gradle's annotationProcessor configuration"
                + " bring it with the processor) [convgeom:setup-processor-path]"), r.diagnostics(), r::describe);
    }

    @Test
    void aClassOfTheApiThatDoesNotLoadMidwayIsASetUpErrorToo(@TempDir Path out) {
        ProcessorPaths.Result r = ProcessorPaths.compile(
                List.of(ProcessorPaths.PROCESSOR, ProcessorPaths.API),
                name -> name.equals("dev.convgeom.NetworkSpec"), List.of(ProcessorPaths.API), out, List.of(), NET);
        assertFalse(r.success(), r::describe);
        assertEquals(1, r.diagnostics().size(), r::describe);
        String error = r.diagnostics().get(0);
        assertTrue(error.startsWith("ERROR convgeom cannot run: its processor path lacks dev.convgeom.NetworkSpec, from"
                + " convgeom-api.jar or convgeom-processor.jar; use convgeom-api.jar and convgeom-processor.jar of one"
                + " and the same version"), error);
        assertTrue(error.endsWith("[convgeom:setup-processor-path]"), error);
    }

    @Test
    void apiMissingFromTheClassPath(@TempDir Path out) {
        ProcessorPaths.Result r = ProcessorPaths.compile(
                List.of(ProcessorPaths.PROCESSOR, ProcessorPaths.API),
                List.of(out.toFile()), out, List.of(), NET);
        assertFalse(r.success(), r::describe);
        assertTrue(r.diagnostics().contains("ERROR convgeom cannot run: the convgeom API (dev.convgeom.Network, in"
                + " convgeom-api.jar) is not on the class path, so @Network and the layer annotations do not resolve,"
                + " and the generated code could not compile or run; add dev.convgeom:convgeom-api as an ordinary"
                + " dependency (javac: -cp convgeom-api.jar; Maven: a <dependency> of compile scope; Gradle:"
                + " implementation) [convgeom:setup-class-path]"), r::describe);
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.contains(Message.INTERNAL_ERROR.tag())), r::describe);
    }

    @Test
    void aCompleteSetUpCompilesCleanly(@TempDir Path out) {
        ProcessorPaths.Result r = ProcessorPaths.compile(
                List.of(ProcessorPaths.PROCESSOR, ProcessorPaths.API),
                List.of(ProcessorPaths.API), out, List.of("-Xlint:all", "-Werror"), NET);
        assertTrue(r.success() && r.diagnostics().isEmpty(), r::describe);
        assertTrue(out.resolve("test/NetGeometry.java").toFile().isFile(), r::describe);
        assertTrue(out.resolve("META-INF/convgeom/test.Net.json").toFile().isFile(), r::describe);
    }
}
