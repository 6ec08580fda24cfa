package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @Pointwise} names are free text and end up in the generated Javadoc. A comment closer
 * in one, or a backslash-u that javac would read as a Unicode escape inside the comment, made the
 * generated class fail to compile (found by the hardening fuzzer).
 */
class FreeTextInJavadocTest {

    @Test
    void anyPointwiseNameGivesCompilingJavadoc() {
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", """
                package p;
                import dev.convgeom.*;
                @Network(input = @Input(channels = 1, height = 4, width = 4))
                public class Net {
                    @Pointwise("a */ b") Object closer;
                    @Pointwise("\\\\u002a/") Object escapedCloser;
                    @Pointwise("\\\\uZZZZ") Object illegalEscape;
                    @Pointwise("{@code x") Object brace;
                    @Pointwise("line\\nbreak\\r\\t\\0 \\"quoted\\" \\\\ <b>&") Object controls;
                    @Pointwise(value = "ReLU6") Object plain;
                }
                """)));
        assertTrue(result.errors().isEmpty(), result::describeDiagnostics);
        HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(result);
        assertTrue(strict.success() && strict.diagnostics().isEmpty(), strict::describeDiagnostics);
        String source = result.source("p.NetGeometry").orElseThrow();
        assertTrue(source.contains("declared <code>&#64;Pointwise(value = \"a *&#47; b\")</code>"), source);
        assertTrue(source.contains("declared {@code @Pointwise(value = \"\\\\uZZZZ\")}"), source);
        assertTrue(source.contains(
                "declared {@code @Pointwise(value = \"line\\nbreak\\r\\t\\0 \\\"quoted\\\" \\\\ <b>&\")}"), source);
        assertTrue(source.contains("declared {@code @Pointwise(value = \"ReLU6\")}"), source);
        assertEquals(6, source.split("}, declared ", -1).length - 1);
    }
}
