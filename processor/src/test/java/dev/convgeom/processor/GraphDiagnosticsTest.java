package dev.convgeom.processor;

import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Sources.net;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Mistakes that only a graph shows: merges of maps that differ in size, resolution or position,
 * and crops that cannot align. Layout as in {@link Sources}: layers from line 5, indented by 4,
 * on a 3x32x32 input; columns are found from the layer text, so a test names the literal it
 * expects the caret on.
 */
class GraphDiagnosticsTest {

    /** The column of {@code token} in a layer line (indented by 4), counting from 1. */
    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    // --- merges -------------------------------------------------------------------------------

    @Test
    void concatOfDifferentSizesNamesBothShapesAtTheSecondName() {
        String cat = "@Concat(from = {\"a\", \"b\"}) Object cat;";
        oneError(net("@Conv(out = 8, k = 3, p = 1) Object a;",        // 8x32x32
                        "@Conv(out = 8, k = 3, from = \"input\") Object b;", // 8x30x30
                        cat),
                7, column(cat, "\"b\""),
                "layer 'cat': @Concat needs inputs of equal height and width, but 'a' is 8x32x32 and 'b' is 8x30x30."
                        + " Crop the larger to the smaller with @Crop(from = ..., like = ...), or change the layers"
                        + " before the merge [convgeom:merge-size-mismatch]");
    }

    @Test
    void addOfDifferentChannelsSuggestsAProjection() {
        String sum = "@Add(from = {\"a\", \"b\"}) Object sum;";
        oneError(net("@Conv(out = 8, k = 3, p = 1) Object a;",
                        "@Conv(out = 16, k = 3, p = 1, from = \"input\") Object b;",
                        sum),
                7, column(sum, "\"b\""),
                "layer 'sum': @Add needs inputs of equal channels, height and width, but 'a' is 8x32x32 and 'b' is"
                        + " 16x32x32. Give both paths the same number of channels (for a residual connection, a 1x1"
                        + " projection on the shortcut) [convgeom:merge-size-mismatch]");
    }

    @Test
    void mergeOfDifferentJumpsIsRefusedEvenWhenSizesAgree() {
        // a: k 2, s 2 on 32 -> 16 units, jump 2; b: k 17, s 1 on 32 -> 16 units, jump 1
        String cat = "@Concat(from = {\"a\", \"b\"}, allowMisaligned = true) Object cat;";
        oneError(net("@Conv(out = 8, k = 2, s = 2) Object a;",
                        "@Conv(out = 8, k = 17, from = \"input\") Object b;",
                        cat),
                7, column(cat, "\"b\""),
                "layer 'cat': inputs 'a' and 'b' have different jumps along the height/width (2 and 1 input pixels"
                        + " per unit), so their units drift apart and no offset aligns them; the paths part at the"
                        + " network input: input -> a and input -> b. Give both the same total stride (a stride,"
                        + " @Upsample or @Deconv on one path) [convgeom:merge-jumps-differ]");
    }

    @Test
    void misalignedAddNamesBothPathsTheOffsetAndTheCropThatFixesIt() {
        // a: k 3, p 1: unit 0 centred on pixel 0. b: 2 rows/columns of zeros after, then k 3
        // without padding: 32 units again, but unit 0 centred on pixel 1.
        String sum = "@Add(from = {\"a\", \"b\"}) Object sum;";
        oneError(net("@Conv(out = 8, k = 3, p = 1) Object a;",
                        "@Pad(from = \"input\", bottom = 2, right = 2) Object b0;",
                        "@Conv(out = 8, k = 3) Object b;",
                        sum),
                8, column(sum, "\"b\""),
                "layer 'sum': inputs 'a' and 'b' are not aligned along the height/width: unit 0 of 'a' is centred on"
                        + " input row/column 0 and unit 0 of 'b' on 1, 1 input pixel apart (1 unit of jump 1); the"
                        + " paths part at the network input: input -> a and input -> b0 -> b. Cropping 'a' by 1 unit"
                        + " (@Crop(from = \"a\", like = \"b\")) aligns them where it is large enough. Or accept the"
                        + " offset with allowMisaligned = true [convgeom:misaligned-merge]");
    }

    @Test
    void aKnownMisalignmentCanBeAccepted() {
        clean(net("@Conv(out = 8, k = 3, p = 1) Object a;",
                "@Pad(from = \"input\", bottom = 2, right = 2) Object b0;",
                "@Conv(out = 8, k = 3) Object b;",
                "@Add(from = {\"a\", \"b\"}, allowMisaligned = true) Object sum;"));
    }

    @Test
    void aDroppedBorderAnotherBranchReadsIsNoProblem() {
        // a (k 2, s 2) leaves row/column 32 of the 33 unread, but b (k 3, s 2, p 1: windows at -1 .. 31)
        // reads it: no warning
        Expect.clean(Sources.network("Net", "@Network(input = @Input(channels = 3, height = 33, width = 33))",
                "@Conv(out = 8, k = 2, s = 2) Object a;",
                "@Conv(out = 8, k = 3, s = 2, p = 1, from = \"input\") Object b;"));
    }

    @Test
    void droppedBorderInAGraphSuggestsSizesForItsOwnPathOnly() {
        // a (k 2, s 2) reads the input directly: 33 - 2 = 31, odd, so the last row/column is never
        // read, nor by b (k 4, s 2: windows at 0 .. 28 read up to 31); 32 or 34 tile a, whatever
        // the other branch then needs
        String a = "@Conv(out = 8, k = 2, s = 2) Object a;";
        Compilation c = Compilers.compile(Sources.network("Net", "@Network(input = @Input(channels = 3, height = 33,"
                + " width = 33))", a,
                "@Conv(out = 8, k = 4, s = 2, from = \"input\") Object b;"));
        assertThat(c).hadWarningContaining("layer 'a': the windows do not tile its input along the height/width:"
                + " (33 + 0 + 0 - 2) mod 2 = 1, so the last 1 row/column of the input is never read. Use input"
                + " height/width 32 or 34 (every window layer from the input to this one then tiles its input"
                + " exactly), or pad 1 more after.").inFile(c.sourceFiles().get(0)).onLine(5).atColumn(column(a, "s = 2") + 4);
    }

    // --- crops --------------------------------------------------------------------------------

    @Test
    void cropToAMapOfAnotherResolutionIsRefusedAtLike() {
        String crop = "@Crop(from = \"input\", like = \"a\") Object c;";
        oneError(net("@Conv(out = 8, k = 2, s = 2) Object a;", crop),
                6, column(crop, "\"a\""),
                "layer 'c': cannot align 'input' with 'a' along the height/width: their jumps differ (1 and 2 input"
                        + " pixels per unit), so no crop offset lines up more than one unit; crop a map of the same"
                        + " resolution as 'a' [convgeom:crop-jumps-differ]");
    }

    @Test
    void cropNeedingHalfAUnitSaysSo() {
        // a: k 2 on 32 -> unit 0 centred between pixels 0 and 1, at 1/2
        String crop = "@Crop(from = \"input\", like = \"a\") Object c;";
        oneError(net("@Conv(out = 8, k = 2) Object a;", crop),
                6, column(crop, "\"a\""),
                "layer 'c': aligning 'input' with 'a' along the height/width needs a crop offset of 1/2 unit (1/2"
                        + " input pixel), which is not a whole number of units; change a padding or kernel on one path"
                        + " so that the centres differ by a multiple of the jump, 1 input pixel, or give offset and"
                        + " allowMisaligned = true [convgeom:crop-not-whole]");
    }

    @Test
    void cropThatWouldStartBeforeItsMapSuggestsTheOtherWayRound() {
        // a: k 3 without padding: unit 0 centred on pixel 1, after the input's pixel 0
        String crop = "@Crop(from = \"a\", like = \"input\") Object c;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", crop),
                6, column(crop, "\"input\""),
                "layer 'c': 'a' starts 1 unit (1 input pixel) after 'input' along the height/width, so no crop of it"
                        + " aligns with 'input' (the offset would be -1); crop 'input' instead, or pad 'a' by at least"
                        + " 1 row/column before [convgeom:crop-negative-offset]");
    }

    @Test
    void cropOfAMapTooSmallForTheAligningOffset() {
        // p0: one row/column of zeros before -> 33 units, unit 0 at -1; a: k 3 -> 31 units at 0
        String crop = "@Crop(from = \"a\", like = \"input\") Object c;";
        oneError(net("@Pad(top = 1, left = 1) Object p0;", "@Conv(out = 8, k = 3) Object a;", crop),
                7, column(crop, "\"input\""),
                "layer 'c': aligning 'a' with 'input' along the height/width takes offset 0, so 'a' needs 0 + 32 = 32"
                        + " rows/columns, but has 31; use a larger input or more padding on the path to 'a'"
                        + " [convgeom:crop-too-small]");
    }

    @Test
    void explicitOffsetBeyondTheMap() {
        String crop = "@Crop(from = \"input\", like = \"a\", offset = 5) Object c;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", crop),
                6, column(crop, "5"),
                "layer 'c': offset 5 plus the 30 rows/columns of 'a' is 35, more than the 32 rows/columns of"
                        + " 'input'; use an offset of at most 2 [convgeom:crop-offset-out-of-range]");
    }

    @Test
    void explicitOffsetThatDoesNotAlignNamesTheOneThatDoes() {
        // a: k 3 without padding, unit 0 centred on pixel 1: offset 1 aligns, 0 leaves 1 pixel
        String crop = "@Crop(from = \"input\", like = \"a\", offset = 0) Object c;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", crop),
                6, column(crop, "0)"),
                "layer 'c': offset 0 along the height/width leaves 'input' misaligned with 'a' by 1 input pixel;"
                        + " offset 1 aligns them. Leave offset out to have it computed, or set allowMisaligned = true"
                        + " [convgeom:crop-offset-misaligned]");
    }

    @Test
    void explicitMisalignedOffsetCanBeAccepted() {
        clean(net("@Conv(out = 8, k = 3) Object a;",
                "@Crop(from = \"input\", like = \"a\", offset = 0, allowMisaligned = true) Object c;"));
    }

    // --- upsampling --------------------------------------------------------------------------------

    @Test
    void alignedCornersCannotStretchOneUnit() {
        // conv k 32 -> 1x1: aligned corners would put all 2 output units on the one input unit
        String up = "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,"
                + " coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up;";
        oneError(net("@Conv(out = 8, k = 32) Object a;", up),
                6, column(up, ".ALIGN_CORNERS"),
                "layer 'up': coordinates = ALIGN_CORNERS stretches the first to the last unit of its input, but"
                        + " the input's height/width is 1 unit, so all 2 output units would sit on it; use a larger"
                        + " input, or HALF_PIXEL or ASYMMETRIC coordinates [convgeom:align-corners-one-unit]");
    }

    @Test
    void cropAndResizeCannotStretchOneUnit() {
        // conv k 32 -> 1x1: crop and resize would put all 2 output units on the one input unit
        String up = "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,"
                + " coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiX = {0.25, 0.75}) Object up;";
        oneError(net("@Conv(out = 8, k = 32) Object a;", up),
                6, column(up, ".CROP_AND_RESIZE"),
                "layer 'up': coordinates = CROP_AND_RESIZE stretches its region of the input over the output, but"
                        + " the input's height/width is 1 unit, so all 2 output units would sit on it; use a larger"
                        + " input, or a factor that leaves one unit [convgeom:crop-and-resize-one-unit]");
    }

    @Test
    void cropAndResizeToOneUnitOfOneUnitFits() {
        // one unit to one: it sits on the one input unit, the region's centre times 0
        clean(net("@Conv(out = 8, k = 32) Object a;", "@Upsample(factor = 1, mode = Upsample.Mode.BILINEAR,"
                + " coordinates = Upsample.Coordinates.CROP_AND_RESIZE, roiX = {0.25, 0.75}) Object up;"));
    }

    @Test
    void nearestRoundingAboveTheLastUnitIsRefusedAtTheCoordinates() {
        // asymmetric x3 rounded to nearest: the last unit sits at n - 1/3, which rounds to unit n
        String up = "@Upsample(factor = 3, coordinates = Upsample.Coordinates.ASYMMETRIC) Object up;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", up),
                6, column(up, ".ASYMMETRIC"),
                "layer 'up': ASYMMETRIC coordinates rounded ROUND_PREFER_FLOOR put output unit 89 of 90 along the"
                        + " height/width at input position 89/3, which rounds to unit 30, outside the 30 units of its input; the runtime copies the border unit there, which one"
                        + " field pattern cannot state, so convgeom does not guess: use HALF_PIXEL with a ROUND_PREFER"
                        + " rounding, ASYMMETRIC with FLOOR, or ALIGN_CORNERS [convgeom:nearest-outside-map]");
    }

    @Test
    void nearestFlooringBelowTheFirstUnitIsRefusedAtTheRounding() {
        // half-pixel x2 floored: unit 0 sits at -1/4, which floors to unit -1
        String up = "@Upsample(factorX = 2, factorY = 1, rounding = Upsample.Rounding.FLOOR) Object up;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", up),
                6, column(up, ".FLOOR"),
                "layer 'up': HALF_PIXEL coordinates rounded FLOOR put output unit 0 of 60 along the width at input"
                        + " position -1/4, which rounds to unit -1, outside the 30 units of its input; the runtime copies the border unit there, which one"
                        + " field pattern cannot state, so convgeom does not guess: use HALF_PIXEL with a ROUND_PREFER"
                        + " rounding, ASYMMETRIC with FLOOR, or ALIGN_CORNERS [convgeom:nearest-outside-map]");
    }

    @Test
    void cubicFieldsThatStepBackAreRefusedAtTheCoordinates() {
        // asymmetric x2: unit 0 sits on input unit 0 (one tap), unit 1 at 1/2 reads units -1 to 2
        String up = "@Upsample(factor = 2, mode = Upsample.Mode.CUBIC, coordinates = Upsample.Coordinates.ASYMMETRIC)"
                + " Object up;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", up),
                6, column(up, ".ASYMMETRIC"),
                "layer 'up': CUBIC upsampling with ASYMMETRIC coordinates puts output unit 0 along the height/width at"
                        + " input position 0, reading units 0 to 0, and unit 1 at 1/2, reading units -1 to 2 (a"
                        + " position on a unit reads only that unit, one between units four): the fields step back"
                        + " from one unit to the next, which one field pattern cannot state, so convgeom does not"
                        + " guess; use HALF_PIXEL coordinates with a factor whose positions never fall on a unit (an"
                        + " even factor, as PyTorch's bicubic by 2), or cubicCoefficient = 0 (two taps)"
                        + " [convgeom:cubic-unordered]");
    }

    @Test
    void cubicWithPyTorchsKernelOrTwoTapsIsClean() {
        clean(net("@Conv(out = 8, k = 3) Object a;", "@Upsample(factor = 2, mode = Upsample.Mode.CUBIC) Object up;",
                "@Upsample(factor = 3, mode = Upsample.Mode.CUBIC, cubicCoefficient = 0,"
                        + " coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up2;",
                "@Upsample(factor = 1, per = 2, mode = Upsample.Mode.CUBIC, cubicCoefficient = -0.5,"
                        + " excludeOutside = true) Object down;"));
    }

    @Test
    void nearestRoundingsThatStayInsideAreClean() {
        clean(net("@Conv(out = 8, k = 3) Object a;", "@Upsample(factor = 3, coordinates = Upsample.Coordinates.ASYMMETRIC,"
                + " rounding = Upsample.Rounding.FLOOR) Object up;", "@Upsample(factor = 65, per = 33,"
                + " rounding = Upsample.Rounding.CEIL, coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up2;"));
    }

    @Test
    void shrinkingThatLeavesNoUnit() {
        // conv 32x31 -> 1x2: half of the one row is no row; the two columns give one
        String down = "@Upsample(factor = 1, per = 2, mode = Upsample.Mode.BILINEAR) Object down;";
        oneError(net("@Conv(out = 8, kh = 32, kw = 31) Object a;", down),
                6, column(down, "factor = 1") + 9,
                "layer 'down': the factor 1/2 shrinks its input's height of 1 to floor(1 * 1 / 2) = 0 units; give"
                        + " it an input of at least 2, or a larger factor [convgeom:upsample-empty]");
    }

    @Test
    void shrinkingAndTfHalfPixelCoordinatesCompile() {
        // 32 -> 16; 16 -> 9 columns and 4 rows (3/5 and 2/7); 16 -> 1 with aligned corners (1/9);
        // then 1 -> 1 by 3/2 at (v + 1/2) * 2/3
        clean(net("@Upsample(factor = 1, per = 2, mode = Upsample.Mode.BILINEAR) Object half;",
                "@Upsample(factorX = 3, perX = 5, factorY = 2, perY = 7, mode = Upsample.Mode.BILINEAR,"
                        + " coordinates = Upsample.Coordinates.ASYMMETRIC) Object odd;",
                "@Upsample(factor = 1, per = 9, mode = Upsample.Mode.BILINEAR,"
                        + " coordinates = Upsample.Coordinates.ALIGN_CORNERS, from = \"half\") Object one;",
                "@Upsample(factor = 3, per = 2, mode = Upsample.Mode.BILINEAR,"
                        + " coordinates = Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN) Object tf;",
                "@Conv(out = 4, k = 3, p = 1, from = \"half\") Object after;"));
    }

    @Test
    void alignedCornersStretchingOnlyTheLongAxisFit() {
        // 1 x 16 after the conv: the width has 16 units to stretch, the height 1 unit kept (factorY = 1)
        clean(net("@Conv(out = 8, kh = 32, kw = 17) Object a;", "@Upsample(factorX = 2, factorY = 1,"
                + " mode = Upsample.Mode.BILINEAR, coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up;"));
    }

    // --- transposed convolution -----------------------------------------------------------------

    @Test
    void deconvWhosePaddingEatsTheWholeOutput() {
        // conv k 32 -> 1x1; deconv: (1 - 1) * 2 - 2 - 2 + 2 + 0 = -2 units
        String up = "@Deconv(out = 4, k = 2, s = 2, p = 2) Object up;";
        oneError(net("@Conv(out = 8, k = 32) Object a;", up),
                6, column(up, "p = 2") + 4,
                "layer 'up': the height/width would have no units: (1 - 1) * 2 - 2 - 2 + 2 + 0 = -2; use less"
                        + " padding or a larger kernel [convgeom:deconv-no-output]");
    }

    @Test
    void deconvWhoseBottomPaddingEatsTheHeightIsBlamedOnPadBottom() {
        // rows: (1 - 1) * 2 - 0 - 3 + 2 + 0 = -1; columns: (1 - 1) * 2 - 0 - 0 + 2 + 0 = 2 units.
        // p = 0 did not empty the map, padBottom = 3 did: the error points at padBottom.
        String up = "@Deconv(out = 4, k = 2, s = 2, p = 0, padBottom = 3) Object up;";
        oneError(net("@Conv(out = 8, k = 32) Object a;", up),
                6, column(up, "padBottom = 3") + 12,
                "layer 'up': the height would have no units: (1 - 1) * 2 - 0 - 3 + 2 + 0 = -1; use less"
                        + " padding or a larger kernel [convgeom:deconv-no-output]");
    }
}
