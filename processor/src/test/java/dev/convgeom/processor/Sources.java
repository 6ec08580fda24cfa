package dev.convgeom.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Test models in one fixed layout, so that a test can name the exact line and column of every
 * literal:
 *
 * <pre>
 * line 1  package test;
 * line 2  import dev.convgeom.*;
 * line 3  &#64;Network(input = &#64;Input(channels = 3, height = 32, width = 32))   (or the given one)
 * line 4  class Net {
 * line 5      first layer, indented by 4 spaces: column = 4 + its index in the string + 1
 * line 6      second layer ...
 * </pre>
 */
final class Sources {

    static final String DEFAULT_NETWORK = "@Network(input = @Input(channels = 3, height = 32, width = 32))";

    /** Line of the first layer. */
    static final int FIRST_LAYER_LINE = 5;

    private Sources() {
    }

    /** {@code test.Net} on a 3x32x32 input with the given layer lines. */
    static JavaFileObject net(String... layers) {
        return network("Net", DEFAULT_NETWORK, layers);
    }

    /** {@code test.<name>} with the given {@code @Network} line and layer lines. */
    static JavaFileObject network(String name, String networkAnnotation, String... layers) {
        List<String> lines = new ArrayList<>();
        lines.add("package test;");
        lines.add("import dev.convgeom.*;");
        lines.add(networkAnnotation);
        lines.add("class " + name + " {");
        for (String layer : layers) {
            lines.add("    " + layer);
        }
        lines.add("}");
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }
}
