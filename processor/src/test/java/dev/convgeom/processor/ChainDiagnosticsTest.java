package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static dev.convgeom.processor.Sources.network;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Mistakes that only the chain shows: shapes flowing from layer to layer. Layout as in
 * {@link Sources}: {@code @Network} on line 3, layers from line 5, indented by 4.
 */
class ChainDiagnosticsTest {

    private static final String ALEXNET_224 = "@Network(input = @Input(channels = 3, height = 224, width = 224))";

    // --- kernel larger than the padded input ----------------------------------------------------

    @Test
    void kernelLargerThanTheInputIsOneErrorForBothAxes() {
        oneError(net("@Conv(out = 8, k = 40) Object conv1;"), 5, 24,
                "layer 'conv1': the height/width kernel does not fit its input: input height/width 32 + padding 0"
                        + " + 0 = 32 < kernel 40; no window fits, so the output would have no rows/columns. Use"
                        + " padding of at least 4 on each side, a kernel of at most 32, or a larger input"
                        + " (height/width at least 40). [convgeom:kernel-too-large]");
    }

    @Test
    void kernelTooLargeAlongOneAxisBlamesKhWhenKhIsWritten() {
        // k = 3 fits the width; kh = 40 overrides it for the height and is the literal to blame
        oneError(net("@Conv(out = 8, k = 3, kh = 40) Object conv1;"), 5, 32,
                "layer 'conv1': the height kernel does not fit its input: input height 32 + padding 0 + 0 = 32"
                        + " < kernel 40; no window fits, so the output would have no rows. Use padding of at least 4"
                        + " on each side, a kernel of at most 32, or a larger input (height at least 40)."
                        + " [convgeom:kernel-too-large]");
    }

    @Test
    void kernelTooLargeAlongOneAxisBlamesKWhenOnlyKwOverridesIt() {
        // kw = 3 fixes the width; the height still uses k = 40, so k is to blame
        oneError(net("@Conv(out = 8, k = 40, kw = 3) Object conv1;"), 5, 24,
                "layer 'conv1': the height kernel does not fit its input: input height 32 + padding 0 + 0 = 32"
                        + " < kernel 40;");
    }

    @Test
    void kernelTooLargeForTheWidthOfANonSquareInputBlamesKw() {
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 64, width = 32))",
                "@Conv(out = 8, kh = 3, kw = 40) Object conv1;");
        oneError(src, 5, 33,
                "layer 'conv1': the width kernel does not fit its input: input width 32 + padding 0 + 0 = 32"
                        + " < kernel 40; no window fits, so the output would have no columns. Use padding of at"
                        + " least 4 on each side, a kernel of at most 32, or a larger input (width at least 40)."
                        + " [convgeom:kernel-too-large]");
    }

    @Test
    void oneSquareKernelTooLargeForBothAxesWithDifferentNumbersGivesEachAxisItsFix() {
        // 30x20: the fixes differ per axis (kernel at most 30 / at most 20), so both are shown
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 30, width = 20))",
                "@Conv(out = 8, k = 31) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("the height kernel does not fit its input: input height 30 + padding 0 + 0"
                + " = 30 < kernel 31").inFile(src).onLine(5).atColumn(24);
        assertThat(c).hadErrorContaining("the width kernel does not fit its input: input width 20 + padding 0 + 0"
                + " = 20 < kernel 31").inFile(src).onLine(5).atColumn(24);
    }

    @Test
    void kernelTooLargeCountsThePadding() {
        oneError(net("@Conv(out = 8, k = 40, p = 2) Object conv1;"), 5, 24,
                "layer 'conv1': the height/width kernel does not fit its input: input height/width 32 + padding 2"
                        + " + 2 = 36 < kernel 40; no window fits, so the output would have no rows/columns. Use"
                        + " padding of at least 4 on each side, a kernel of at most 36, or a larger input"
                        + " (height/width at least 36). [convgeom:kernel-too-large]");
    }

    @Test
    void dilatedKernelTooLargeNamesKAndD() {
        // d*(k - 1) + 1 = 20*2 + 1 = 41 > 32
        oneError(net("@Conv(out = 8, k = 3, d = 20) Object conv1;"), 5, 24,
                "layer 'conv1': the height/width kernel does not fit its input: input height/width 32 + padding 0"
                        + " + 0 = 32 < dilated kernel 41 (k = 3, d = 20); no window fits, so the output would have no"
                        + " rows/columns. Use padding of at least 5 on each side, a kernel of at most 32, or a larger"
                        + " input (height/width at least 41). [convgeom:kernel-too-large]");
    }

    @Test
    void outputBelowOneDeeperInTheChain() {
        // conv1: (32 + 1 + 1 - 4) / 2 + 1 = 16 (tiles exactly); pool1's 17 no longer fits 16
        JavaFileObject src = net(
                "@Conv(out = 8, k = 4, s = 2, p = 1) Object conv1;",
                "@MaxPool(k = 17) Object pool1;");
        oneError(src, 6, 18,
                "layer 'pool1': the height/width kernel does not fit its input: input height/width 16 + padding 0"
                        + " + 0 = 16 < kernel 17; no window fits, so the output would have no rows/columns. Use"
                        + " padding of at least 1 on each side, a kernel of at most 16, or a larger input."
                        + " [convgeom:kernel-too-large]");
    }

    // --- channels -------------------------------------------------------------------------------

    @Test
    void inDifferentFromTheNetworkInputChannels() {
        oneError(net("@Conv(out = 8, k = 3, in = 1) Object conv1;"), 5, 32,
                "layer 'conv1': in = 1, but its input has 3 channels (shape 3x32x32, from the network input);"
                        + " use in = 3, or change the channels produced upstream [convgeom:in-channels-mismatch]");
    }

    @Test
    void inDifferentFromThePreviousLayersChannels() {
        JavaFileObject src = net(
                "@Conv(out = 8, k = 3) Object conv1;",
                "@Relu Object relu1;",
                "@Conv(out = 16, k = 3, in = 16) Object conv2;");
        oneError(src, 7, 33,
                "layer 'conv2': in = 16, but its input has 8 channels (shape 8x30x30, from 'relu1'); use in = 8,"
                        + " or change the channels produced upstream [convgeom:in-channels-mismatch]");
    }

    @Test
    void matchingInAndInAfterUnknownChannelsAreFine() {
        clean(net(
                "@Conv(out = 8, k = 3, in = 3) Object conv1;",
                "@Conv(k = 3, in = 8) Object conv2;",
                // conv2 declares no out: the channels are unknown, so this in cannot be checked
                "@Conv(out = 4, k = 3, in = 5) Object conv3;"));
    }

    @Test
    void groupsNotDividingTheInputChannels() {
        oneError(net("@Conv(out = 6, k = 3, groups = 2) Object conv1;"), 5, 36,
                "layer 'conv1': groups = 2 does not divide the 3 input channels (from the network input); groups"
                        + " must divide both the input and the output channels, e.g. groups = 3"
                        + " [convgeom:groups-in-mismatch]");
    }

    @Test
    void groupsNotDividingOut() {
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 4, height = 32, width = 32))",
                "@Conv(out = 6, k = 3, groups = 4) Object conv1;");
        oneError(src, 5, 36,
                "layer 'conv1': groups = 4 does not divide out = 6; groups must divide both the input and the output"
                        + " channels, e.g. out = 8 [convgeom:groups-out-mismatch]");
    }

    @Test
    void groupsDividingNeitherInNorOutIsReportedForEach() {
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 6, height = 32, width = 32))",
                "@Conv(out = 10, k = 3, groups = 4) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("groups = 4 does not divide the 6 input channels (from the network input)")
                .inFile(src).onLine(5).atColumn(37);
        assertThat(c).hadErrorContaining("groups = 4 does not divide out = 10")
                .inFile(src).onLine(5).atColumn(37);
    }

    @Test
    void groupedConvolutionsThatDivideAreFine() {
        clean(net(
                "@Conv(out = 96, k = 3, p = 1) Object conv1;",
                "@Conv(out = 256, k = 3, p = 1, groups = 2, in = 96) Object conv2;"));
    }

    @Test
    void fullyConnectedInDifferentFromChannelsTimesHeightTimesWidth() {
        JavaFileObject src = net(
                "@Conv(out = 8, k = 3) Object conv1;",
                "@FullyConnected(out = 10, in = 7000) Object fc;");
        oneError(src, 6, 36,
                "layer 'fc': in = 7000, but its input is 8x30x30 = 7200 values (channels x height x width, from"
                        + " 'conv1'); use in = 7200, or change the layers before it [convgeom:fc-in-mismatch]");
    }

    @Test
    void fullyConnectedInIsComparedExactlyBeyondTheIntRange() {
        JavaFileObject src = network("Net",
                "@Network(input = @Input(channels = Integer.MAX_VALUE, height = 2, width = 2))",
                "@FullyConnected(out = 1, in = 5) Object fc;");
        oneError(src, 5, 35,
                "layer 'fc': in = 5, but its input is 2147483647x2x2 = 8589934588 values (channels x height x"
                        + " width, from the network input)");
    }

    @Test
    void fullyConvolutionalNeedsTheChannelsEnteringAFullyConnectedLayer() {
        JavaFileObject src = network("Net",
                "@Network(input = @Input(channels = 3, height = 32, width = 32), fullyConvolutional = true)",
                "@Conv(k = 3) Object conv1;",
                "@Relu Object relu1;",
                "@FullyConnected(out = 10) Object fc;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("layer 'fc': @Network(fullyConvolutional = true) needs the channels entering"
                        + " it, to state the convolution it is equivalent to (kernel ? x 30 x 30), but they are unknown"
                        + " because 'conv1' does not give out; add out = ... to 'conv1' [convgeom:fc-channels-unknown]")
                .inFile(src).onLineContaining("Object fc;");
        // Without the attribute the same network compiles: its convolution form has unknown channels.
        clean(network("Net", "@Network(input = @Input(channels = 3, height = 32, width = 32))",
                "@Conv(k = 3) Object conv1;", "@Relu Object relu1;", "@FullyConnected(out = 10) Object fc;"));
    }

    @Test
    void fullyConnectedWithTheRightInIsFine() {
        clean(net("@Conv(out = 8, k = 3) Object conv1;", "@FullyConnected(out = 10, in = 7200) Object fc;"));
    }

    // --- dropped border -------------------------------------------------------------------------

    @Test
    void alexNetOn224DropsABorderAWarningByDefault() {
        JavaFileObject src = network("AlexNet", ALEXNET_224, "@Conv(out = 96, k = 11, s = 4) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining(
                "layer 'conv1': the windows do not tile its input along the height/width: (224 + 0 + 0 - 11) mod 4"
                        + " = 1, so the last 1 row/column of the input is never read. Use input height/width 223 or 227"
                        + " (every window layer then tiles its input exactly), or"
                        + " pad 3 more after. (@Network(strict = true) makes this an error.)"
                        + " [convgeom:dropped-border]")
                .inFile(src).onLine(5).atColumn(33);
        // a warning does not stop generation
        assertThat(c).generatedSourceFile("test.AlexNetGeometry");
    }

    @Test
    void alexNetOn224InStrictModeIsAnError() {
        JavaFileObject src = network("AlexNet",
                "@Network(input = @Input(channels = 3, height = 224, width = 224), strict = true)",
                "@Conv(out = 96, k = 11, s = 4) Object conv1;");
        oneError(src, 5, 33,
                "layer 'conv1': the windows do not tile its input along the height/width: (224 + 0 + 0 - 11) mod 4"
                        + " = 1, so the last 1 row/column of the input is never read. Use input height/width 223 or 227"
                        + " (every window layer then tiles its input exactly), or"
                        + " pad 3 more after. (An error because of @Network(strict = true).)"
                        + " [convgeom:dropped-border]");
    }

    @Test
    void alexNetOn227IsCleanEvenInStrictMode() {
        clean(network("AlexNet", "@Network(input = @Input(channels = 3, height = 227, width = 227), strict = true)",
                "@Conv(out = 96, k = 11, s = 4) Object conv1;"));
    }

    @Test
    void droppedBorderAlongOneAxisOnly() {
        // 227 tiles the width; only the rows lose one
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 224, width = 227))",
                "@Conv(out = 96, k = 11, s = 4) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining(
                "layer 'conv1': the windows do not tile its input along the height: (224 + 0 + 0 - 11) mod 4 = 1,"
                        + " so the last 1 row of the input is never read. Use input height 223 or 227 (every window layer"
                        + " then tiles its input exactly), or pad 3 more after.")
                .inFile(src).onLine(5).atColumn(33);
    }

    @Test
    void droppedBorderBlamesSh() {
        JavaFileObject src = net("@Conv(out = 8, k = 3, sh = 2) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'conv1': the windows do not tile its input along the height:"
                + " (32 + 0 + 0 - 3) mod 2 = 1, so the last 1 row of the input is never read. Use input height 31 or 33"
                + " (every window layer then tiles its input exactly), or pad 1 more after.").inFile(src).onLine(5).atColumn(32);
    }

    @Test
    void droppedBorderOfSeveralPixels() {
        // k = 5, s = 4 on 32: windows at 0, 4, ..., 24 read 0 to 28; (32 - 5) mod 4 = 3 pixels never read
        JavaFileObject src = net("@Conv(out = 8, k = 5, s = 4) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("(32 + 0 + 0 - 5) mod 4 = 3, so the last 3 rows/columns of the input are"
                + " never read. Use input height/width 29 or 33 (every window layer then tiles its input exactly), or pad 1"
                + " more after.").inFile(src).onLine(5).atColumn(31);
    }

    @Test
    void droppedBorderDeeperInTheChainInStrictMode() {
        // conv1 keeps 32, pool1 halves to 16, conv2's stride 2 leaves (16 - 3) mod 2 = 1. Every
        // layer tiles when pool1 gets an even size and conv2 an odd one: inputs 2 mod 4, 30 or 34.
        JavaFileObject src = network("Net",
                "@Network(input = @Input(channels = 3, height = 32, width = 32), strict = true)",
                "@Conv(out = 8, k = 3, p = 1) Object conv1;",
                "@MaxPool(k = 2, s = 2) Object pool1;",
                "@Conv(out = 8, k = 3, s = 2) Object conv2;");
        oneError(src, 7, 31,
                "layer 'conv2': the windows do not tile its input along the height/width: (16 + 0 + 0 - 3) mod 2 = 1,"
                        + " so the last 1 row/column of its input (the output of 'pool1') is never read. Use input"
                        + " height/width 30 or 34 (every window layer then tiles its input exactly)."
                        + " (An error because of @Network(strict = true).) [convgeom:dropped-border]");
    }

    // --- numbers too large: hostile values ------------------------------------------------------

    @Test
    void hugePaddingGivesAnOutputTooLargeToRepresent() {
        // (32 + 2 * 2147483647 - 3) / 1 + 1 = 4294967324; nothing to blame alone, so at the annotation
        oneError(net("@Conv(out = 8, k = 3, p = Integer.MAX_VALUE) Object conv1;"), 5, 5,
                "layer 'conv1': its output height is too large to represent (4294967324 > 2147483647); use smaller"
                        + " sizes [convgeom:number-too-large]");
    }

    @Test
    void hugeKernelIsTooLargeForTheInputNotWrapped() {
        // javac puts the caret of Integer.MAX_VALUE under its '.'
        oneError(net("@Conv(out = 8, k = Integer.MAX_VALUE) Object conv1;"), 5, 31,
                "layer 'conv1': the height/width kernel does not fit its input: input height/width 32 + padding 0"
                        + " + 0 = 32 < kernel 2147483647;");
    }

    @Test
    void hugeDilationIsTooLargeForTheInputNotWrapped() {
        // 2147483647 * 2 + 1 = 4294967295, beyond int: computed exactly
        oneError(net("@Conv(out = 8, k = 3, d = Integer.MAX_VALUE) Object conv1;"), 5, 24,
                "< dilated kernel 4294967295 (k = 3, d = 2147483647)");
    }

    @Test
    void hugeInputWithPaddingGivesAFieldBeyondTheIntRange() {
        JavaFileObject src = network("Net",
                "@Network(input = @Input(channels = 3, height = Integer.MAX_VALUE, width = Integer.MAX_VALUE))",
                "@Conv(out = 8, k = 3, p = 1) Object conv1;",
                "@Conv(out = 8, k = 3, p = 1) Object conv2;",
                "@FullyConnected(out = 10) Object fc;");
        oneError(src, 6, 5,
                "layer 'conv2': its receptive field is too large to represent (it spans input rows -2 to 2147483648,"
                        + " beyond the int range); use smaller sizes [convgeom:number-too-large]");
    }

    @Test
    void everythingHugeAtOnceIsOneError() {
        JavaFileObject src = network("Net",
                "@Network(input = @Input(channels = Integer.MAX_VALUE, height = Integer.MAX_VALUE,"
                        + " width = Integer.MAX_VALUE))",
                "@Conv(out = Integer.MAX_VALUE, k = 3, p = Integer.MAX_VALUE, d = Integer.MAX_VALUE) Object conv1;",
                "@FullyConnected(out = Integer.MAX_VALUE) Object fc;");
        oneError(src, 5, 5, "layer 'conv1': its receptive field is too large to represent (it spans input rows"
                + " -2147483647 to 4294967293, beyond the int range); use smaller sizes [convgeom:number-too-large]");
    }

    @Test
    void hugeStridesGiveAJumpTooLargeAtTheSecondStride() {
        // conv1 covers 3 of 1000 rows (a warning); conv2's jump is 2147483647^2, beyond the int literal
        // that generated code writes it as
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 1000, width = 1000))",
                "@Conv(out = 8, k = 3, s = Integer.MAX_VALUE) Object conv1;",
                "@Conv(out = 8, k = 1, s = Integer.MAX_VALUE) Object conv2;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("layer 'conv2': its height/width jump is too large to represent (4611686014132420609"
                + " > 2147483647); use smaller sizes [convgeom:number-too-large]").inFile(src).onLine(6).atColumn(38);
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("the last 997 rows/columns of the input are never read")
                .inFile(src).onLine(5).atColumn(38);
    }

    @Test
    void stridesBeyondExact64BitArithmeticAreRefusedNotWrapped() {
        // conv3's jump would pass even 64-bit arithmetic; the int limit of generated code stops the
        // chain at conv2 already, and conv3 gets no second error
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 1000, width = 1000))",
                "@Conv(out = 8, k = 3, s = Integer.MAX_VALUE) Object conv1;",
                "@Conv(out = 8, k = 1, s = Integer.MAX_VALUE) Object conv2;",
                "@Conv(out = 8, k = 1, s = Integer.MAX_VALUE) Object conv3;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("layer 'conv2': its height/width jump is too large to represent"
                + " (4611686014132420609 > 2147483647); use smaller sizes [convgeom:number-too-large]")
                .inFile(src).onLine(6).atColumn(38);
    }

    @Test
    void aHugeButValidNetworkIsGenerated() {
        Compilation c = clean(network("Net",
                "@Network(input = @Input(channels = Integer.MAX_VALUE, height = Integer.MAX_VALUE,"
                        + " width = Integer.MAX_VALUE))",
                "@Conv(out = Integer.MAX_VALUE, k = Integer.MAX_VALUE) Object conv1;",
                "@FullyConnected(out = Integer.MAX_VALUE) Object fc;"));
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "test/NetGeometry.class");
    }
}
