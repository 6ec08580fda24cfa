package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mistakes in the names graphs read ({@code from}, {@code like}) and in the annotations only
 * graphs use, one annotation at a time. Models are in the layout of {@link Sources}: the first
 * layer on line 5, indented by 4, so a literal's column is 5 plus its index in the layer string.
 * A name's diagnostic goes under that one string, also inside an array.
 */
class GraphNamesDiagnosticsTest {

    private static final String CONV1 = "@Conv(out = 8, k = 3) Object conv1;";

    // --- unknown names --------------------------------------------------------------------------

    static Stream<Arguments> unknownName() {
        String unknown = ", but the network has no layer of that name; ";
        return Stream.of(
                // layer after conv1 (line 6),                      column, message
                Arguments.of("@Relu(from = \"cnv1\") Object relu1;", 18,
                        "layer 'relu1': from names 'cnv1'" + unknown + "did you mean 'conv1'? [convgeom:unknown-layer]"),
                Arguments.of("@Relu(from = \"Conv1\") Object relu1;", 18,
                        "layer 'relu1': from names 'Conv1'" + unknown + "did you mean 'conv1'? [convgeom:unknown-layer]"),
                Arguments.of("@Relu(from = \"data\") Object relu1;", 18,
                        "layer 'relu1': from names 'data'" + unknown + "did you mean 'input'? [convgeom:unknown-layer]"),
                // the second element of an array
                Arguments.of("@Concat(from = {\"conv1\", \"Input\"}) Object cat;", 30,
                        "layer 'cat': from names 'Input'" + unknown + "did you mean 'input'? [convgeom:unknown-layer]"),
                Arguments.of("@Crop(from = \"conv1\", like = \"inptu\") Object crop;", 34,
                        "layer 'crop': like names 'inptu'" + unknown + "did you mean 'input'? [convgeom:unknown-layer]"),
                // nothing close: the layers it can read
                Arguments.of("@Relu(from = \"zzz\") Object relu1;", 18,
                        "layer 'relu1': from names 'zzz'" + unknown + "it can read 'input' or an earlier layer:"
                                + " 'conv1' [convgeom:unknown-layer]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void unknownName(String layer, int column, String message) {
        oneError(net(CONV1, layer), 6, column, message);
    }

    @Test
    void unknownNameAfterManyLayersListsTheNearestEarlierOnes() {
        JavaFileObject src = net("@Relu Object c1;", "@Relu Object c2;", "@Relu Object c3;", "@Relu Object c4;",
                "@Relu Object c5;", "@Relu Object c6;", "@Relu(from = \"zzz\") Object relu7;");
        oneError(src, 11, 18, "layer 'relu7': from names 'zzz', but the network has no layer of that name; it can"
                + " read 'input' or an earlier layer: ..., 'c2', 'c3', 'c4', 'c5', 'c6' [convgeom:unknown-layer]");
    }

    @Test
    void unknownNameOnTheFirstLayer() {
        oneError(net("@Relu(from = \"zzz\") Object relu1;"), 5, 18, "layer 'relu1': from names 'zzz', but the"
                + " network has no layer of that name; the first layer can read only 'input' [convgeom:unknown-layer]");
    }

    // --- forward and self references ------------------------------------------------------------

    @Test
    void forwardReference() {
        JavaFileObject src = net("@Relu(from = \"conv2\") Object relu1;", "@Conv(out = 8, k = 3) Object conv2;");
        oneError(src, 5, 18, "layer 'relu1': from names 'conv2', which is declared after it; a layer reads only"
                + " earlier layers (or 'input'), so move the field 'conv2' above 'relu1' [convgeom:forward-reference]");
    }

    @Test
    void forwardReferenceInLike() {
        JavaFileObject src = net(CONV1, "@Crop(like = \"pool1\") Object crop;", "@MaxPool(k = 2) Object pool1;");
        oneError(src, 6, 18, "layer 'crop': like names 'pool1', which is declared after it; a layer reads only"
                + " earlier layers (or 'input'), so move the field 'pool1' above 'crop' [convgeom:forward-reference]");
    }

    static Stream<Arguments> selfReference() {
        String self = " itself, but a layer reads only earlier layers (or 'input'); ";
        return Stream.of(
                Arguments.of("@Relu(from = \"relu1\") Object relu1;", 18, "layer 'relu1': from names 'relu1'" + self
                        + "name an earlier layer, or leave from out to read the layer just before it"
                        + " [convgeom:self-reference]"),
                Arguments.of("@Add(from = {\"conv1\", \"sum\"}) Object sum;", 27, "layer 'sum': from names 'sum'" + self
                        + "name the earlier layers it merges [convgeom:self-reference]"),
                Arguments.of("@Crop(from = \"conv1\", like = \"crop\") Object crop;", 34, "layer 'crop': like names"
                        + " 'crop'" + self + "name the earlier layer (or 'input') whose height and width it takes"
                        + " [convgeom:self-reference]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void selfReference(String layer, int column, String message) {
        oneError(net(CONV1, layer), 6, column, message);
    }

    // --- how many names -------------------------------------------------------------------------

    @Test
    void severalNamesOnASingleInputLayer() {
        // the caret goes under the first name too many
        oneError(net(CONV1, "@Relu(from = {\"conv1\", \"input\"}) Object relu1;"), 6, 28,
                "layer 'relu1': @Relu reads one map, but from names 2 ('conv1', 'input'); merge them first with"
                        + " @Concat or @Add, and name the merge in from [convgeom:several-inputs]");
    }

    static Stream<Arguments> mergeOfOne() {
        String message = "layer '%s': @%s merges two or more maps, but from names only 'conv1'; name a second layer"
                + " (or 'input'), or drop the @%s and read 'conv1' directly [convgeom:merge-one-input]";
        return Stream.of(
                Arguments.of("@Add(from = \"conv1\") Object sum;", 17, String.format(Locale.ROOT, message, "sum", "Add", "Add")),
                Arguments.of("@Concat(from = {\"conv1\"}) Object cat;", 21,
                        String.format(Locale.ROOT, message, "cat", "Concat", "Concat")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mergeOfOne(String layer, int column, String message) {
        oneError(net(CONV1, layer), 6, column, message);
    }

    @Test
    void emptyMerge() {
        // the caret goes under the empty array
        oneError(net(CONV1, "@Concat(from = {}) Object cat;"), 6, 20,
                "layer 'cat': @Concat merges two or more maps, but from = {} names none (a merge does not read the"
                        + " layer before it by default); name at least two earlier layers (or 'input')"
                        + " [convgeom:empty-merge]");
    }

    @Test
    void everyWrongNameOfOneLayerIsReportedAtItsOwnString() {
        JavaFileObject src = net(CONV1, "@Concat(from = {\"conv9\", \"later\"}) Object cat;", "@Relu Object later;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("from names 'conv9', but the network has no layer of that name; did you"
                + " mean 'conv1'?").inFile(src).onLine(6).atColumn(21);
        assertThat(c).hadErrorContaining("from names 'later', which is declared after it")
                .inFile(src).onLine(6).atColumn(30);
    }

    // --- per-annotation checks of the graph layers ----------------------------------------------

    static Stream<Arguments> graphLayerChecks() {
        String outputPadding = "layer 'up': outputPadding = %d, but it must be 0 or more and less than the stride"
                + " (%s = %d), since it only adds back units the stride leaves out; use 0 <= outputPadding <= %d"
                + " [convgeom:output-padding-out-of-range]";
        return Stream.of(
                Arguments.of("@Upsample(factor = 0) Object up;", 24,
                        "layer 'up': factor = 0, but an upsampling factor must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Upsample(factorY = 0, factor = 2) Object up;", 25,
                        "layer 'up': factorY = 0, but an upsampling factor must be at least 1"
                                + " [convgeom:not-positive]"),
                // javac places an enum constant's value at its last dot
                Arguments.of("@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR, rounding = Upsample.Rounding.FLOOR)"
                                + " Object up;", 86,
                        "layer 'up': rounding = FLOOR chooses the unit a NEAREST upsampling copies, but mode = BILINEAR"
                                + " interpolates; remove rounding, or use mode = Upsample.Mode.NEAREST"
                                + " [convgeom:rounding-not-nearest]"),
                // a cubic kernel's attributes belong to mode = CUBIC; each is reported where written
                Arguments.of("@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR, excludeOutside = true) Object up;", 75,
                        "layer 'up': excludeOutside shapes the kernel of a CUBIC upsampling, but mode = BILINEAR;"
                                + " remove excludeOutside, or use mode = Upsample.Mode.CUBIC"
                                + " [convgeom:cubic-option-not-cubic]"),
                Arguments.of("@Upsample(factor = 2, cubicCoefficient = -0.5) Object up;", 46,
                        "layer 'up': cubicCoefficient shapes the kernel of a CUBIC upsampling, but mode = NEAREST;"
                                + " remove cubicCoefficient, or use mode = Upsample.Mode.CUBIC"
                                + " [convgeom:cubic-option-not-cubic]"),
                // -0.6 is no multiple of 1/1024 (its double is not -0.6): the nearest multiple is offered
                Arguments.of("@Upsample(factor = 2, mode = Upsample.Mode.CUBIC, cubicCoefficient = -0.6) Object up;", 74,
                        "layer 'up': cubicCoefficient = -0.6, but convgeom states a cubic kernel exactly only for a"
                                + " multiple of 1/1024 from -2 to 0 (there the decimal written is the exact fraction, and"
                                + " the taps read are known); use -0.599609375 [convgeom:cubic-coefficient]"),
                Arguments.of("@Upsample(factor = 2, mode = Upsample.Mode.CUBIC, cubicCoefficient = 0.5) Object up;", 74,
                        "layer 'up': cubicCoefficient = 0.5, but convgeom states a cubic kernel exactly only for a"
                                + " multiple of 1/1024 from -2 to 0 (there the decimal written is the exact fraction, and"
                                + " the taps read are known); use 0.0 [convgeom:cubic-coefficient]"),
                // a region of interest belongs to CROP_AND_RESIZE coordinates; each mistake is reported
                // at the array (count, order) or at the bound (range, exactness)
                Arguments.of("@Upsample(factor = 2, roiX = {0.25, 0.75}) Object up;", 34,
                        "layer 'up': roiX is the region a CROP_AND_RESIZE upsampling stretches over its output, but"
                                + " coordinates = HALF_PIXEL; remove roiX, or use coordinates ="
                                + " Upsample.Coordinates.CROP_AND_RESIZE [convgeom:roi-not-crop-and-resize]"),
                Arguments.of("@Upsample(factor = 2, coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiY = {0.25})"
                                + " Object up;", 86,
                        "layer 'up': roiY = {0.25}: a region has a start and an end, 2 values, not 1; write {start,"
                                + " end} with 0 <= start < end <= 1, each a multiple of 1/2^32, whose decimal is its"
                                + " exact value (float32 0.1f is 0.100000001490116119384765625) [convgeom:crop-region]"),
                Arguments.of("@Upsample(factor = 2, coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiX = {0.25, 1.5})"
                                + " Object up;", 93,
                        "layer 'up': roiX = {0.25, 1.5}: 1.5 lies outside [0, 1]: a sample beyond the map takes"
                                + " ONNX's extrapolation_value and reads no unit, which no field states; write {start,"
                                + " end} with 0 <= start < end <= 1, each a multiple of 1/2^32, whose decimal is its"
                                + " exact value (float32 0.1f is 0.100000001490116119384765625) [convgeom:crop-region]"),
                Arguments.of("@Upsample(factor = 2, coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiX = {0.1, 0.5})"
                                + " Object up;", 87,
                        "layer 'up': roiX = {0.1, 0.5}: 0.1 is no multiple of 1/2^32: as a double it is"
                                + " 0.1000000000000000055511151231257827021181583404541015625, not the decimal written;"
                                + " write {start, end} with 0 <= start < end <= 1, each a multiple of 1/2^32, whose"
                                + " decimal is its exact value (float32 0.1f is 0.100000001490116119384765625)"
                                + " [convgeom:crop-region]"),
                Arguments.of("@Upsample(factor = 2, coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiX = {0.75, 0.25})"
                                + " Object up;", 86,
                        "layer 'up': roiX = {0.75, 0.25}: the start does not lie before the end (a flipped region"
                                + " reads the input backwards, an empty one puts every unit on one position; neither"
                                + " has fields that move forwards); write {start, end} with 0 <= start < end <= 1, each"
                                + " a multiple of 1/2^32, whose decimal is its exact value (float32 0.1f is"
                                + " 0.100000001490116119384765625) [convgeom:crop-region]"),
                // fractional factors: factor over per, per at least 1 (above the factor: a shrinking)
                Arguments.of("@Upsample(factor = 2, per = 0, mode = Upsample.Mode.BILINEAR) Object up;", 33,
                        "layer 'up': per = 0, but an upsampling factor's per must be at least 1"
                                + " [convgeom:not-positive]"),
                // the caret goes under the annotation: nothing written to point at
                Arguments.of("@Upsample Object up;", 5,
                        "layer 'up': @Upsample needs a factor: give factor, or both factorX and factorY (missing:"
                                + " factorX and factorY) [convgeom:missing-factor]"),
                Arguments.of("@Upsample(factorX = 2, mode = Upsample.Mode.BILINEAR) Object up;", 5,
                        "layer 'up': @Upsample needs a factor: give factor, or both factorX and factorY (missing:"
                                + " factorY) [convgeom:missing-factor]"),
                Arguments.of("@Deconv(out = 8, k = 0, s = 2) Object up;", 26,
                        "layer 'up': k = 0, but a kernel size must be at least 1 [convgeom:not-positive]"),
                Arguments.of("@Deconv(out = 8, k = 4, s = 2, ph = -1) Object up;", 41,
                        "layer 'up': padding ph = -1 is negative; padding must be 0 or more (to shrink a map, crop"
                                + " it or use a larger stride) [convgeom:negative-padding]"),
                Arguments.of("@Deconv(out = 8, s = 2) Object up;", 5,
                        "layer 'up': @Deconv needs a kernel size: give k, or both kh and kw (missing: kh and kw)"
                                + " [convgeom:missing-kernel]"),
                Arguments.of("@Deconv(out = 8, k = 4, s = 2, outputPadding = 2) Object up;", 52,
                        String.format(Locale.ROOT, outputPadding, 2, "s", 2, 1)),
                Arguments.of("@Deconv(out = 8, k = 4, s = 2, outputPadding = -1) Object up;", 52,
                        String.format(Locale.ROOT, outputPadding, -1, "s", 2, 1)),
                Arguments.of("@Deconv(out = 8, k = 3, outputPadding = 1) Object up;", 45,
                        String.format(Locale.ROOT, outputPadding, 1, "s", 1, 0)),
                Arguments.of("@Deconv(out = 8, k = 4, sh = 2, sw = 3, outputPadding = 2) Object up;", 61,
                        String.format(Locale.ROOT, outputPadding, 2, "sh", 2, 1)),
                // one square kernel and stride: one mistake, one error
                Arguments.of("@Deconv(out = 8, k = 2, s = 4) Object up;", 26,
                        "layer 'up': the kernel k = 2 is smaller than the stride s = 4, so 2 of every 4 output rows"
                                + " and columns would be reached by no input; use k >= 4"
                                + " [convgeom:deconv-kernel-below-stride]"),
                Arguments.of("@Deconv(out = 8, kh = 4, kw = 2, s = 4) Object up;", 35,
                        "layer 'up': the kernel kw = 2 is smaller than the stride s = 4, so 2 of every 4 output"
                                + " columns would be reached by no input; use kw >= 4"
                                + " [convgeom:deconv-kernel-below-stride]"),
                // a dilation with a stride above 1: one square dilation and stride, one error
                Arguments.of("@Deconv(out = 8, k = 4, s = 2, d = 3) Object up;", 40,
                        "layer 'up': the dilation d = 3 with the stride s = 2 interleaves the taps, so output rows and"
                                + " columns would read input units out of order (a unit's field can start before the"
                                + " previous one's), which convgeom's geometry cannot state; a dilated @Deconv needs"
                                + " stride 1 along that axis [convgeom:deconv-dilated-stride]"),
                Arguments.of("@Deconv(out = 8, k = 6, sh = 1, sw = 3, dw = 2) Object up;", 50,
                        "layer 'up': the dilation dw = 2 with the stride sw = 3 interleaves the taps, so output columns"
                                + " would read input units out of order (a unit's field can start before the previous"
                                + " one's), which convgeom's geometry cannot state; a dilated @Deconv needs stride 1"
                                + " along that axis [convgeom:deconv-dilated-stride]"),
                Arguments.of("@Pad(top = 1, left = -2) Object pad1;", 26,
                        "layer 'pad1': padding left = -2 is negative; padding must be 0 or more (to shrink a map,"
                                + " crop it or use a larger stride) [convgeom:negative-padding]"),
                // the caret goes under the first value too many
                Arguments.of("@Crop(like = \"input\", offset = {1, 2, 3}) Object crop;", 40,
                        "layer 'crop': offset has 3 values, but takes one, for both axes; write offsetX and offsetY"
                                + " for different offsets per axis, or leave them out to have them computed"
                                + " [convgeom:crop-offset-count]"),
                // a pair is not read in some axis order: the error says what to write for it
                Arguments.of("@Crop(like = \"input\", offset = {5, 7}) Object crop;", 36,
                        "layer 'crop': offset takes one value for both axes; for {5, 7} ({y, x}) write"
                                + " offsetX = 7, offsetY = 5 [convgeom:crop-offset-pair]"),
                Arguments.of("@Crop(like = \"input\", offset = {-1}) Object crop;", 37,
                        "layer 'crop': offset -1 is negative, but a crop starts inside the map it crops; use 0 or"
                                + " more (to start outside the map, pad it first with @Pad) [convgeom:negative-offset]"),
                Arguments.of("@Crop(like = \"input\", offsetX = 0, offsetY = -2) Object crop;", 50,
                        "layer 'crop': offsetY -2 is negative, but a crop starts inside the map it crops; use 0 or"
                                + " more (to start outside the map, pad it first with @Pad) [convgeom:negative-offset]"),
                Arguments.of("@Crop(like = \"input\", offset = -4) Object crop;", 36,
                        "layer 'crop': offset -4 is negative, but a crop starts inside the map it crops; use 0 or"
                                + " more (to start outside the map, pad it first with @Pad) [convgeom:negative-offset]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void graphLayerChecks(String layer, int column, String message) {
        oneError(net(layer), 5, column, message);
    }

    @Test
    void deconvKernelBelowStrideOnBothAxesWithTheirOwnValues() {
        JavaFileObject src = net("@Deconv(out = 8, kh = 1, kw = 2, sh = 2, sw = 3) Object up;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("the kernel kh = 1 is smaller than the stride sh = 2, so 1 of every 2 output"
                + " rows would be reached by no input; use kh >= 2").inFile(src).onLine(5).atColumn(27);
        assertThat(c).hadErrorContaining("the kernel kw = 2 is smaller than the stride sw = 3, so 1 of every 3 output"
                + " columns would be reached by no input; use kw >= 3").inFile(src).onLine(5).atColumn(35);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"@Concat Object cat;", "@Add Object sum;", "@Crop Object crop;"})
    void missingRequiredAttributeIsLeftToJavac(String layer) {
        Compilation c = Compilers.compile(net(CONV1, layer));
        assertThat(c).failed();
        Expect.nothingFromProcessor(c);
    }

    // --- valid graphs ---------------------------------------------------------------------------

    @Test
    void aDilationAlongAnAxisOfStrideOneIsFine() {
        clean(net("@Deconv(out = 8, k = 3, d = 3) Object up;",
                "@Deconv(out = 8, kh = 2, kw = 3, sh = 2, dw = 2) Object up2;"));
    }

    @Test
    void chainWithExplicitNamesCompilesCleanly() {
        clean(net("@Conv(from = \"input\", out = 8, k = 3) Object conv1;", "@Relu(from = {\"conv1\"}) Object relu1;",
                "@MaxPool(from = \"relu1\", k = 2) Object pool1;", "@Relu(from = {}) Object relu2;"));
    }

    /** Tags of the messages this class tests: none of them may appear for a valid graph. */
    private static final List<String> NAME_AND_LAYER_TAGS = List.of("[convgeom:unknown-layer]",
            "[convgeom:forward-reference]", "[convgeom:self-reference]", "[convgeom:several-inputs]",
            "[convgeom:merge-one-input]", "[convgeom:empty-merge]", "[convgeom:output-padding-out-of-range]",
            "[convgeom:deconv-kernel-below-stride]", "[convgeom:deconv-dilated-stride]",
            "[convgeom:crop-offset-count]", "[convgeom:negative-offset]",
            "[convgeom:not-positive]", "[convgeom:negative-padding]", "[convgeom:missing-kernel]",
            "[convgeom:pool-padding-too-large]", "[convgeom:missing-factor]",
            "[convgeom:rounding-not-nearest]", "[convgeom:cubic-option-not-cubic]", "[convgeom:cubic-coefficient]",
            "[convgeom:roi-not-crop-and-resize]", "[convgeom:crop-region]");

    /**
     * An FCN-like graph using every graph annotation passes the names and per-layer checks, and
     * the whole build: no diagnostic at all (see {@code GraphSpecsTest} in the validation package
     * for the specs it is given).
     */
    @Test
    void validGraphHasNoNameOrLayerDiagnostics() {
        JavaFileObject src = net(
                "@Conv(out = 8, k = 3, p = 1) Object conv1;",
                "@MaxPool(k = 2) Object pool1;",
                "@Conv(out = 8, k = 1) Object score;",
                "@Deconv(out = 8, k = 4, s = 2, p = 1) Object up;",
                "@Crop(from = \"up\", like = \"conv1\") Object upc;",
                "@Add(from = {\"conv1\", \"upc\"}) Object fuse;",
                "@Concat(from = {\"fuse\", \"input\"}) Object cat;",
                "@Pad(top = 1, bottom = 1, left = 1, right = 1) Object padded;",
                "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR) Object up2;",
                "@GlobalAvgPool Object gap;");
        Compilation c = Compilers.run(Compilers.withProcessor(), src);
        List<String> ours = Expect.fromProcessor(c).stream().map(d -> d.getMessage(Locale.ROOT))
                .filter(m -> NAME_AND_LAYER_TAGS.stream().anyMatch(m::contains)).toList();
        assertEquals(List.of(), ours);
        Expect.clean(src);
    }
}
