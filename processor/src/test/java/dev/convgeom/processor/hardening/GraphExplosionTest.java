package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Graphs whose sizes or field periods explode (upsampling by 1000 three times: the fields repeat
 * every 10^9 units). The fuzzer meets these only now and then; here each is pinned: the processor
 * ends within a deadline (a period tracked unit by unit would not), throws nothing, and reports
 * exactly one NUMBER_TOO_LARGE at the first layer out of range, with nothing generated.
 */
class GraphExplosionTest {

    /** A network of {@code size x size} input, whose line 5 onwards are {@code layers} (split at '|'). */
    private static String model(int size, String layers) {
        StringBuilder b = new StringBuilder("""
                package p;
                import dev.convgeom.*;
                @Network(input = @Input(channels = 3, height = %d, width = %d))
                public class Net {
                """.formatted(size, size));
        for (String layer : layers.split("\\|")) {
            b.append("    ").append(layer.strip()).append(";\n");
        }
        return b.append("}\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            upsample 1000 three times       ; 8 ; 6 ; @Upsample(factor = 1000) Object u1 | @Upsample(factor = 1000) Object u2 | @Upsample(factor = 1000) Object u3
            the same on a 1 x 1 input       ; 1 ; 6 ; @Upsample(factor = 1000) Object u1 | @Upsample(factor = 1000) Object u2 | @Upsample(factor = 1000) Object u3
            bilinear, then nearest          ; 1 ; 6 ; @Upsample(factor = 1000, mode = Upsample.Mode.BILINEAR) Object u1 | @Upsample(factor = 1000, mode = Upsample.Mode.BILINEAR) Object u2 | @Upsample(factor = 1000) Object u3
            upsample by Integer.MAX_VALUE   ; 1 ; 5 ; @Upsample(factor = Integer.MAX_VALUE) Object u1 | @Conv(out = 2, k = 3) Object c
            period past the cap at once     ; 1 ; 5 ; @Upsample(factor = 46341) Object u1 | @Upsample(factor = 46341) Object u2 | @MaxPool(k = 2, s = 2) Object p
            deconv of huge kernel, stride   ; 2 ; 5 ; @Deconv(out = 4, k = Integer.MAX_VALUE, s = Integer.MAX_VALUE) Object d
            deconv of huge kernel, stride 1 ; 4 ; 5 ; @Deconv(k = Integer.MAX_VALUE) Object d
            dilated deconv of huge kernel   ; 4 ; 5 ; @Deconv(k = Integer.MAX_VALUE, d = 2) Object d
            padding past int                ; 2 ; 5 ; @Pad(top = Integer.MAX_VALUE, bottom = Integer.MAX_VALUE) Object d
            upsampled branch merged         ; 8 ; 7 ; @Conv(out = 3, k = 1) Object c | @Upsample(factor = 1000) Object u1 | @Upsample(factor = 1000) Object u2 | @Concat(from = {"u2", "input"}) Object cat
            """)
    void reportsNumberTooLargeAtTheLayer(String name, int size, int line, String layers) {
        String source = model(size, layers);
        HardeningCompiler.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source))));
        assertNull(result.thrown(), source);
        List<Diagnostic<? extends JavaFileObject>> errors = result.errors();
        assertEquals(1, errors.size(), () -> source + result.describeDiagnostics());
        Diagnostic<? extends JavaFileObject> error = errors.get(0);
        assertTrue(FuzzRun.message(error).endsWith("[convgeom:number-too-large]"), result::describeDiagnostics);
        assertEquals(line, error.getLineNumber(), result::describeDiagnostics);
        assertTrue(result.sources().isEmpty() && result.resources().isEmpty(), "nothing generated");
    }

    /**
     * Found by the graph fuzzer: the processor accepted a field period of 3000 (under its cap of
     * 65536 then) and wrote the pattern as array literals into one static initializer, which javac
     * refused ("code too large"): the user's build failed in generated code. Now periods beyond
     * 1024 are a located NUMBER_TOO_LARGE, and a period is one string constant per axis.
     */
    @Test
    void largeFieldPatternCompilesOrIsRefused() {
        String source = model(16, "@Upsample(factor = 1000) Object u1 | @Upsample(factor = 3) Object u2");
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source)));
        assertNull(result.thrown(), source);
        if (result.errors().isEmpty()) {
            HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(result);
            assertTrue(strict.success() && strict.diagnostics().isEmpty(), strict::describeDiagnostics);
        } else {
            assertEquals(1, result.errors().size(), result::describeDiagnostics);
            assertTrue(FuzzRun.message(result.errors().get(0)).endsWith("[convgeom:number-too-large]"),
                    result::describeDiagnostics);
        }
    }

    /** A period of 1000, under the cap: written as text, it compiles, and the class initializes. */
    @Test
    void periodOfAThousandCompiles() {
        String source = model(16, "@Upsample(factor = 1000) Object u1 | @Relu Object r1 | @Relu Object r2");
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source)));
        assertNull(result.thrown(), source);
        assertEquals(List.of(), result.errors(), result::describeDiagnostics);
        HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(result);
        assertTrue(strict.success() && strict.diagnostics().isEmpty(), strict::describeDiagnostics);
    }
}
