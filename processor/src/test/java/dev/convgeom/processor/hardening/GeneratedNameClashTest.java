package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Two networks whose geometry classes would have one name, or a network whose geometry class
 * the user declared already: a located error at the second network, not javac's FilerException
 * turned into an internal error (found by the fuzzer), and the first is still generated.
 */
class GeneratedNameClashTest {

    @Test
    void nestedAndTopLevelNetworksWithOneGeometryName() {
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(
                HardeningCompiler.source("p.Outer", """
                        package p;
                        import dev.convgeom.*;
                        public class Outer {
                            @Network(input = @Input(channels = 1, height = 8, width = 8))
                            static class Net {
                                @Conv(out = 4, k = 3) Object conv;
                            }
                        }
                        """),
                HardeningCompiler.source("p.Outer_Net", """
                        package p;
                        import dev.convgeom.*;
                        @Network(input = @Input(channels = 1, height = 8, width = 8))
                        public class Outer_Net {
                            @Conv(out = 4, k = 3) Object conv;
                        }
                        """)));
        Diagnostic<? extends JavaFileObject> error = onlyError(result);
        assertEquals("network p.Outer_Net would generate p.Outer_NetGeometry, which network p.Outer.Net already"
                + " generates; rename one of them (a nested Outer.Inner generates Outer_InnerGeometry)"
                + " [convgeom:generated-name-clash]", error.getMessage(Locale.ROOT));
        assertTrue(error.getSource().getName().endsWith("Outer_Net.java"));
        assertEquals(4, error.getLineNumber());
        assertTrue(result.source("p.Outer_NetGeometry").orElseThrow().contains("Geometry of {@link p.Outer.Net}"));
        assertTrue(result.manifest("p.Outer$Net").isPresent());
        assertFalse(result.manifest("p.Outer_Net").isPresent());
    }

    @Test
    void geometryClassDeclaredByTheUser() {
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(
                HardeningCompiler.source("p.Net", """
                        package p;
                        import dev.convgeom.*;
                        @Network(input = @Input(channels = 1, height = 8, width = 8))
                        public class Net {
                            @Conv(out = 4, k = 3) Object conv;
                        }
                        """),
                HardeningCompiler.source("p.NetGeometry", """
                        package p;
                        public class NetGeometry {
                        }
                        """)));
        Diagnostic<? extends JavaFileObject> error = onlyError(result);
        assertEquals("network p.Net would generate p.NetGeometry, but a type of that name exists already (Attempt"
                + " to recreate a file for type p.NetGeometry); rename one of them [convgeom:generated-class-exists]",
                error.getMessage(Locale.ROOT));
        assertTrue(error.getSource().getName().endsWith("p/Net.java"));
        assertEquals(4, error.getLineNumber());
        assertFalse(result.manifest("p.Net").isPresent());
    }

    private static Diagnostic<? extends JavaFileObject> onlyError(HardeningCompiler.Result result) {
        assertEquals(1, result.errors().size(), result::describeDiagnostics);
        return result.errors().get(0);
    }
}
