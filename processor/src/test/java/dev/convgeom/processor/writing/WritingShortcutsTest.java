package dev.convgeom.processor.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.NetworkSpec;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Shortcuts the writers take for speed give what the long way gives: {@link RuntimeSpecs#of}'s
 * default outputs, found by index, are the outputs {@code NetworkSpec}'s own constructor finds from
 * the names its layers read; and {@link Numbers#stringLiteral}'s whole-string path for text with
 * nothing to escape gives the literal that escaping char by char gives, written out here.
 */
class WritingShortcutsTest {

    @Test
    void defaultOutputsByIndexAreTheSpecsOwn() {
        int graphs = 0;
        int severalOutputs = 0;
        Random random = new Random(83);
        for (long seed = 0; graphs < 300; seed++) {
            Dag dag = RandomDags.generate(83_000 + seed);
            // A random graph has one output; its first layers alone leave several layers unread.
            var layers = dag.layers().subList(0, 1 + random.nextInt(dag.layers().size()));
            GeometryResult geometry = GeometryCalculator.compute(dag.input(), layers, false);
            if (geometry.hasErrors()) {
                continue;
            }
            graphs++;
            NetworkSpec spec = RuntimeSpecs.of("dag", geometry);
            NetworkSpec byNames = new NetworkSpec("dag", spec.input(), spec.layers());
            assertEquals(byNames.outputs(), spec.outputs(), "seed " + (83_000 + seed));
            if (spec.outputs().size() > 1) {
                severalOutputs++;
            }
        }
        // Graphs with layers that nothing reads besides the last, not only single-output ones.
        assertTrue(severalOutputs > 10, severalOutputs + " graphs with several outputs");
    }

    /** A Java string literal by definition: quote, backslash and line feed escaped, other controls as u-escapes. */
    private static String literalCharByChar(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c == '\n') {
                s.append("\\n");
            } else if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    @Test
    void stringLiteralsAreEscapedCharByChar() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = "a" + (char) c + "b";
            assertEquals(literalCharByChar(one), Numbers.stringLiteral(one), "char " + c);
        }
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            char[] text = new char[random.nextInt(40)];
            for (int k = 0; k < text.length; k++) {
                text[k] = (char) (random.nextBoolean() ? 32 + random.nextInt(96) : random.nextInt(0xA0));
            }
            String s = new String(text);
            assertEquals(literalCharByChar(s), Numbers.stringLiteral(s), s);
        }
        assertEquals("\"1.5,2.0,3,3,5,5;-\"", Numbers.stringLiteral("1.5,2.0,3,3,5,5;-"));
    }
}
