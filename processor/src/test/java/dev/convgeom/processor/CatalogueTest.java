package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convgeom.engine.GeometryMessage;
import dev.convgeom.processor.diagnostics.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks on the test suite itself. */
class CatalogueTest {

    /**
     * Messages no source can trigger: the layer annotations are {@code @Target(FIELD)}, so javac
     * rejects one on a method or type itself, and processing does not even run.
     */
    private static final Set<Message> UNREACHABLE = EnumSet.of(Message.LAYER_NOT_A_FIELD);

    /** Every message the processor can print (its own and the engine's) is asserted, by its tag, in some test of this package. */
    @Test
    void everyMessageHasATest() throws IOException {
        Path dir = Paths.get(System.getProperty("basedir", "."), "src/test/java/dev/convgeom/processor");
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Test.java")).toList()) {
                tests.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        List<Enum<?>> untested = new ArrayList<>();
        for (Message message : Message.values()) {
            if (!UNREACHABLE.contains(message) && tests.indexOf(message.tag()) < 0) {
                untested.add(message);
            }
        }
        // The geometry's messages are the engine's; the processor prints them, so its tests assert them.
        for (GeometryMessage message : GeometryMessage.values()) {
            if (tests.indexOf(message.tag()) < 0) {
                untested.add(message);
            }
        }
        assertEquals(List.of(), untested, "messages without a test asserting their tag");
    }

    /** compile-testing runs without JUnit 4: a stray {@code @org.junit.Test} would not compile. */
    @Test
    void noJunit4OnTheTestClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.junit.Test"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("junit.framework.TestCase"));
    }
}
