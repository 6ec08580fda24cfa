package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Code being edited: a missing value, an unresolved name, a value of the wrong type. javac
 * reports each mistake once; the processor must add nothing to it (the same diagnostics as javac
 * alone, counted), and a broken model must not keep a valid one beside it from being generated.
 */
class HalfTypedCodeTest {

    private static final String VALID = """
            package p;
            import dev.convgeom.*;
            @Network(input = @Input(channels = 3, height = 32, width = 32))
            public class Good {
                @Conv(out = 8, k = 3, p = 1) Object conv1;
                @MaxPool(k = 2) Object pool1;
            }
            """;

    /** A model whose line 5 is {@code layer}; the rest is valid. */
    private static String model(String network, String layer) {
        return """
                package p;
                import dev.convgeom.*;
                %s
                public class Net {
                    %s
                    @Relu Object relu1;
                    @MaxPool(k = 2) Object pool1;
                }
                """.formatted(network, layer);
    }

    private static final String NETWORK = "@Network(input = @Input(channels = 3, height = 32, width = 32))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing value            | 5 | NETWORK | @Conv(out = 8, k = ) Object conv1;
            unresolved constant      | 5 | NETWORK | @Conv(out = 8, k = Sizes.K) Object conv1;
            unresolved simple name   | 5 | NETWORK | @Conv(out = 8, k = K3) Object conv1;
            unresolved enum constant | 5 | NETWORK | @Conv(out = 8, k = 3, padding = Padding.SAMEE) Object conv1;
            unresolved annotation    | 5 | NETWORK | @Convv(out = 8, k = 3) Object conv1;
            unresolved field type    | 5 | NETWORK | @Conv(out = 8, k = 3) Tensor conv1;
            unknown attribute        | 5 | NETWORK | @Conv(out = 8, kk = 3) Object conv1;
            unknown attribute, both  | 5 | NETWORK | @Conv(out = 8, kernel = 3, stride = 2) Object conv1;
            value of the wrong type  | 5 | NETWORK | @Conv(out = 8, k = "3") Object conv1;
            unfinished annotation    | 5 | NETWORK | @Conv(out = 8, k = 3 Object conv1;
            missing input size       | 3 | NO_WIDTH      | @Conv(out = 8, k = 3) Object conv1;
            unresolved input size    | 3 | HEIGHT_H      | @Conv(out = 8, k = 3) Object conv1;
            unknown input attribute  | 3 | HEIGTH        | @Conv(out = 8, k = 3) Object conv1;
            unknown network attribute | 3 | STRCIT       | @Conv(out = 8, k = 3) Object conv1;
            missing input            | 3 | NO_INPUT      | @Conv(out = 8, k = 3) Object conv1;
            """)
    void oneMistakeGivesJavacsErrorsAndNothingMore(String mistake, int line, String network, String layer) {
        String source = model(switch (network) {
            case "NO_WIDTH" -> "@Network(input = @Input(channels = 3, height = 32))";
            case "HEIGHT_H" -> "@Network(input = @Input(channels = 3, height = H, width = 32))";
            case "HEIGTH" -> "@Network(input = @Input(channels = 3, heigth = 32, width = 32))";
            case "STRCIT" -> "@Network(input = @Input(channels = 3, height = 32, width = 32), strcit = true)";
            case "NO_INPUT" -> "@Network";
            default -> NETWORK;
        }, layer);
        List<JavaFileObject> files = List.of(HardeningCompiler.source("p.Net", source));
        HardeningCompiler.Result with = HardeningCompiler.compile(files);
        HardeningCompiler.Result without = HardeningCompiler.compileWith(files);
        assertFalse(with.success());
        assertEquals(without.describeDiagnostics(), with.describeDiagnostics(), mistake);
        assertTrue(with.errors().stream().allMatch(d -> d.getLineNumber() == line), with::describeDiagnostics);
        long mistakes = layer.contains("stride") || network.equals("HEIGTH") ? 2 : 1;
        assertEquals(mistakes, with.errors().size(), with::describeDiagnostics);
    }

    @Test
    void anUnresolvedNameHidesTheOtherMistakesOfItsModelUntilFixed() {
        String source = model(NETWORK, "@Conv(out = 8, k = Sizes.K) Object conv1; @Conv(out = 0, k = 3) Object conv2;");
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source)));
        assertEquals(List.of("cannot find symbol"), result.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElseThrow()).toList());
    }

    /**
     * Found by the graph fuzzer: only a field's first layer annotation was read for unresolved
     * values and attributes javac drops, so an unresolved name or an unknown attribute in a second
     * one still let the processor report the field's two annotations and the model's other
     * mistakes beside javac's error.
     */
    @Test
    void anUnresolvedNameInASecondLayerAnnotationAlsoHidesTheModel() {
        for (String second : List.of("@Conv(k = 1, pw = Nope.K)", "@Conv(k = 1, nope = 1)")) {
            String source = model(NETWORK, "@Relu " + second + " Object relu0; @Conv(out = 0, k = 3) Object conv2;");
            HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source)));
            assertEquals(List.of("cannot find symbol"), result.errors().stream()
                    .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElseThrow()).toList(), second);
        }
    }

    /**
     * Found by the fuzzer: a layer field named like another field is dropped by javac ("already
     * defined"), and with it the unresolved name in its annotation, so the model looked complete
     * and its other mistakes were reported beside javac's errors.
     */
    @Test
    void aFieldJavacDropsAsADuplicateHidesTheModel() {
        String source = model(NETWORK, "static final int K = 3; @Conv(out = 1, k = Nope.K) Object K;"
                + " @MaxPool(k = -7) Object pool;");
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("p.Net", source)));
        assertTrue(result.errors().stream().noneMatch(d -> d.getMessage(Locale.ROOT).contains("[convgeom:")),
                result::describeDiagnostics);
        assertFalse(result.errors().isEmpty());
    }

    @Test
    void aBrokenModelDoesNotStopAValidOneBesideIt() {
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(
                HardeningCompiler.source("p.Net", model(NETWORK, "@Conv(out = 8, k = Sizes.K) Object conv1;")),
                HardeningCompiler.source("p.Good", VALID),
                HardeningCompiler.source("p.Bad", model(NETWORK, "@Conv(out = 0, k = 3) Object conv1;")
                        .replace("class Net", "class Bad"))));
        assertEquals(List.of("p/Bad.java:5 layer 'conv1': out = 0, but out (the number of outputs) must be at least 1"
                        + " [convgeom:not-positive]", "p/Net.java:5 cannot find symbol"),
                result.errors().stream().map(HalfTypedCodeTest::where).sorted().toList());
        assertTrue(result.source("p.GoodGeometry").isPresent());
        assertTrue(result.manifest("p.Good").isPresent());
        assertFalse(result.source("p.NetGeometry").isPresent());
        assertFalse(result.source("p.BadGeometry").isPresent());
    }

    /**
     * Some mistakes javac finds before any processor runs (a value of the wrong type, a missing
     * value): it then runs no processor at all, so nothing in that compilation is generated. A
     * processor cannot change that; RELIABILITY.md says so.
     */
    @Test
    void aValueOfTheWrongTypeStopsAllProcessingInJavacItself() {
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(
                HardeningCompiler.source("p.Net", model(NETWORK, "@Conv(out = 8, k = \"3\") Object conv1;")),
                HardeningCompiler.source("p.Good", VALID)));
        assertEquals(0, result.rounds());
        assertEquals(1, result.errors().size(), result::describeDiagnostics);
        assertTrue(result.sources().isEmpty());
    }

    private static String where(Diagnostic<? extends JavaFileObject> d) {
        String name = d.getSource().getName();
        return name.substring(name.indexOf("p/")) + ":" + d.getLineNumber() + " "
                + d.getMessage(Locale.ROOT).lines().findFirst().orElseThrow();
    }
}
