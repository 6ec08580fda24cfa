package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A network whose geometry class the user declared already: javac's Filer refuses to recreate
 * the type, which used to surface as an internal error (found by the hardening fuzzer, see
 * {@code hardening/GeneratedNameClashTest}). Here so that the catalogue check sees the tag.
 */
class GeneratedClassExistsTest {

    @Test
    void geometryClassDeclaredByTheUser() {
        JavaFileObject net = JavaFileObjects.forSourceLines("test.Net",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 1, height = 8, width = 8))",
                "public class Net {",
                "    @Conv(out = 4, k = 3) Object conv;",
                "}");
        JavaFileObject taken = JavaFileObjects.forSourceLines("test.NetGeometry",
                "package test;",
                "public class NetGeometry {",
                "}");
        Compilation c = Compilers.compile(net, taken);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("network test.Net would generate test.NetGeometry, but a type of that name"
                        + " exists already (Attempt to recreate a file for type test.NetGeometry); rename one of them"
                        + " [convgeom:generated-class-exists]")
                .inFile(net).onLineContaining("public class Net");
    }
}
