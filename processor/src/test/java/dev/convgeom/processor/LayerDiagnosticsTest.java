package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes visible in one layer annotation alone. Every model is {@code test.Net} in the layout of
 * {@link Sources}: the first layer is on line 5, indented by 4, so a literal's column is 5 plus
 * its index in the layer string. Each case gives exactly one diagnostic, under the literal to
 * blame (or, with nothing to blame, at the annotation, column 5).
 */
class LayerDiagnosticsTest {

    // --- not positive: kernel, stride, dilation, groups, out, in -------------------------------

    static Stream<Arguments> notPositive() {
        return Stream.of(
                // layer line,                                         column, message
                Arguments.of("@Conv(out = 8, k = 0) Object conv1;", 24,
                        "layer 'conv1': k = 0, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, kh = -1, kw = 3) Object conv1;", 25,
                        "layer 'conv1': kh = -1, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, kh = 3, kw = 0) Object conv1;", 33,
                        "layer 'conv1': kw = 0, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, s = 0) Object conv1;", 31,
                        "layer 'conv1': s = 0, but a stride must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, sh = -2) Object conv1;", 32,
                        "layer 'conv1': sh = -2, but a stride must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, sw = 0) Object conv1;", 32,
                        "layer 'conv1': sw = 0, but a stride must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, d = 0) Object conv1;", 31,
                        "layer 'conv1': d = 0, but a dilation must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, dh = 0) Object conv1;", 32,
                        "layer 'conv1': dh = 0, but a dilation must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, dw = -1) Object conv1;", 32,
                        "layer 'conv1': dw = -1, but a dilation must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, groups = 0) Object conv1;", 36,
                        "layer 'conv1': groups = 0, but groups must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 0, k = 3) Object conv1;", 17,
                        "layer 'conv1': out = 0, but out (the number of outputs) must be at least 1"
                                + " [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = 3, in = 0) Object conv1;", 32,
                        "layer 'conv1': in = 0, but in (the expected number of inputs) must be at least 1"
                                + " [convgeom:not-positive]"),
                Arguments.of("@FullyConnected(out = -5) Object fc;", 27,
                        "layer 'fc': out = -5, but out (the number of outputs) must be at least 1"
                                + " [convgeom:not-positive]"),
                Arguments.of("@FullyConnected(out = 10, in = 0) Object fc;", 36,
                        "layer 'fc': in = 0, but in (the expected number of inputs) must be at least 1"
                                + " [convgeom:not-positive]"),
                Arguments.of("@MaxPool(k = 0) Object pool1;", 18,
                        "layer 'pool1': k = 0, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@MaxPool(k = 2, s = 0) Object pool1;", 25,
                        "layer 'pool1': s = 0, but a stride must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@AvgPool(kh = 2, kw = -3) Object pool1;", 27,
                        "layer 'pool1': kw = -3, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@MaxPool(k = 3, d = 0) Object pool1;", 25,
                        "layer 'pool1': d = 0, but a dilation must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@AvgPool(k = 3, dh = 2, dw = -1) Object pool1;", 34,
                        "layer 'pool1': dw = -1, but a dilation must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Conv(out = 8, k = Integer.MIN_VALUE) Object conv1;", 31,   // javac: caret at the '.'
                        "layer 'conv1': k = -2147483648, but a kernel size must be at least 1 [convgeom:not-positive]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notPositive(String layer, int column, String message) {
        oneError(net(layer), 5, column, message);
    }

    @Test
    void everyNonPositiveValueOfOneLayerIsReportedAtItsOwnLiteral() {
        JavaFileObject src = net("@Conv(out = 8, k = 3, s = 0, d = 0) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("layer 'conv1': s = 0, but a stride must be at least 1")
                .inFile(src).onLine(5).atColumn(31);
        assertThat(c).hadErrorContaining("layer 'conv1': d = 0, but a dilation must be at least 1")
                .inFile(src).onLine(5).atColumn(38);
    }

    // --- padding --------------------------------------------------------------------------------

    static Stream<Arguments> negativePadding() {
        String why = " is negative; padding must be 0 or more (to shrink a map, crop it or use a larger stride)"
                + " [convgeom:negative-padding]";
        return Stream.of(
                Arguments.of("@Conv(out = 8, k = 3, p = -1) Object conv1;", 31, "layer 'conv1': padding p = -1" + why),
                Arguments.of("@Conv(out = 8, k = 3, ph = -1) Object conv1;", 32, "layer 'conv1': padding ph = -1" + why),
                Arguments.of("@Conv(out = 8, k = 3, pw = -2) Object conv1;", 32, "layer 'conv1': padding pw = -2" + why),
                Arguments.of("@MaxPool(k = 3, p = -1) Object pool1;", 25, "layer 'pool1': padding p = -1" + why),
                Arguments.of("@Deconv(k = 4, s = 2, padBottom = -1) Object up;", 39,
                        "layer 'up': padding padBottom = -1" + why),
                Arguments.of("@Deconv(k = 4, s = 2, p = 1, padRight = -2) Object up;", 45,
                        "layer 'up': padding padRight = -2" + why));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void negativePadding(String layer, int column, String message) {
        oneError(net(layer), 5, column, message);
    }

    static Stream<Arguments> poolPaddingTooLarge() {
        return Stream.of(
                // p = 2 is too much on both axes: one mistake, one error
                Arguments.of("@MaxPool(k = 3, p = 2) Object pool1;", 25,
                        "layer 'pool1': padding p = 2 is more than half the window's height (3), so an edge window"
                                + " would see only padding; use p <= 1 [convgeom:pool-padding-too-large]"),
                Arguments.of("@AvgPool(kh = 3, kw = 5, pw = 3) Object pool1;", 35,
                        "layer 'pool1': padding pw = 3 is more than half the window's width (5), so an edge window"
                                + " would see only padding; use pw <= 2 [convgeom:pool-padding-too-large]"),
                Arguments.of("@MaxPool(kh = 2, kw = 6, ph = 2) Object pool1;", 35,
                        "layer 'pool1': padding ph = 2 is more than half the window's height (2), so an edge window"
                                + " would see only padding; use ph <= 1 [convgeom:pool-padding-too-large]"),
                // dilated: the limit is half the span d * (k - 1) + 1 = 5, not half of k = 3
                Arguments.of("@AvgPool(k = 3, d = 2, p = 3) Object pool1;", 32,
                        "layer 'pool1': padding p = 3 is more than half the window's height (5), so an edge window"
                                + " would see only padding; use p <= 2 [convgeom:pool-padding-too-large]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void poolPaddingTooLarge(String layer, int column, String message) {
        oneError(net(layer), 5, column, message);
    }

    @Test
    void poolPaddingOfExactlyHalfTheKernelIsFine() {
        clean(net("@MaxPool(k = 4, s = 2, p = 2) Object pool1;"));
    }

    @Test
    void poolPaddingOfHalfTheDilatedSpanIsFine() {
        clean(net("@MaxPool(k = 3, s = 1, dh = 2, ph = 2, pw = 1) Object pool1;"));
    }

    @Test
    void poolPaddingTooLargeOnBothAxesWithTwoLiteralsIsTwoErrors() {
        JavaFileObject src = net("@MaxPool(k = 2, ph = 5, pw = 5) Object pool1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("padding ph = 5 is more than half the window's height (2)")
                .inFile(src).onLine(5).atColumn(26);
        assertThat(c).hadErrorContaining("padding pw = 5 is more than half the window's width (2)")
                .inFile(src).onLine(5).atColumn(34);
    }

    static Stream<Arguments> paddingConflict() {
        return Stream.of(
                Arguments.of("@Conv(out = 8, k = 3, padding = Padding.SAME, p = 1) Object conv1;", 55,
                        "layer 'conv1': padding = SAME computes its own padding, so p = 1 cannot apply; remove p,"
                                + " or use padding = Padding.EXPLICIT [convgeom:padding-conflict]"),
                Arguments.of("@Conv(out = 8, k = 3, padding = Padding.VALID, ph = 0) Object conv1;", 57,
                        "layer 'conv1': padding = VALID computes its own padding, so ph = 0 cannot apply; remove ph,"
                                + " or use padding = Padding.EXPLICIT [convgeom:padding-conflict]"),
                Arguments.of("@MaxPool(k = 2, padding = Padding.SAME, pw = 1) Object pool1;", 50,
                        "layer 'pool1': padding = SAME computes its own padding, so pw = 1 cannot apply; remove pw,"
                                + " or use padding = Padding.EXPLICIT [convgeom:padding-conflict]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void paddingConflict(String layer, int column, String message) {
        oneError(net(layer), 5, column, message);
    }

    @Test
    void explicitPaddingModeWithExplicitPaddingIsFine() {
        clean(net("@Conv(out = 8, k = 3, padding = Padding.EXPLICIT, p = 1) Object conv1;",
                "@Conv(out = 8, k = 3, padding = Padding.SAME) Object conv2;"));
    }

    // --- a kernel at all ------------------------------------------------------------------------

    static Stream<Arguments> missingKernel() {
        return Stream.of(
                Arguments.of("@Conv(out = 8) Object conv1;",
                        "layer 'conv1': @Conv needs a kernel size: give k, or both kh and kw (missing: kh and kw)"
                                + " [convgeom:missing-kernel]"),
                Arguments.of("@Conv(out = 8, kh = 3) Object conv1;",
                        "layer 'conv1': @Conv needs a kernel size: give k, or both kh and kw (missing: kw)"
                                + " [convgeom:missing-kernel]"),
                Arguments.of("@MaxPool(s = 2) Object pool1;",
                        "layer 'pool1': @MaxPool needs a kernel size: give k, or both kh and kw (missing: kh and kw)"
                                + " [convgeom:missing-kernel]"),
                Arguments.of("@AvgPool(kw = 2) Object pool1;",
                        "layer 'pool1': @AvgPool needs a kernel size: give k, or both kh and kw (missing: kh)"
                                + " [convgeom:missing-kernel]"));
    }

    /** Nothing written to point at: the caret goes under the annotation's {@code @}, column 5. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void missingKernel(String layer, String message) {
        oneError(net(layer), 5, 5, message);
    }

    // --- one layer per field --------------------------------------------------------------------

    @Test
    void twoLayerAnnotationsOnOneField() {
        // the caret goes under the second annotation's '@'
        oneError(net("@Conv(out = 8, k = 3) @Relu Object conv1;"), 5, 27,
                "field 'conv1' has two layer annotations, @Conv and @Relu; a field is one layer: declare the"
                        + " second layer on a field of its own [convgeom:two-layer-annotations]");
    }

    @Test
    void threeLayerAnnotationsOnOneFieldAreTwoErrorsAtTheExtraOnes() {
        JavaFileObject src = net("@Conv(out = 8, k = 3) @MaxPool(k = 2) @Relu Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("field 'conv1' has two layer annotations, @Conv and @MaxPool")
                .inFile(src).onLine(5).atColumn(27);
        assertThat(c).hadErrorContaining("field 'conv1' has two layer annotations, @Conv and @Relu")
                .inFile(src).onLine(5).atColumn(43);
    }
}
