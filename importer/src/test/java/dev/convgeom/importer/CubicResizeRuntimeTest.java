package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.floating;
import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cubic {@code Resize} on ONNX Runtime, unit by unit: a one-row map of {@code n} columns resized
 * to {@code N}, every input pixel set to 1 alone on a zero map, and the output columns that change
 * recorded. Each output column is then the lit pixel's weight (the sum of the kernel's
 * coefficients of the taps clamped onto it, or its renormalised coefficient): a single term, so a
 * negative weight changes the column as surely as a positive one (the test asks for a change, not
 * an increase), and nothing can cancel.
 *
 * <p>The exact reads come from the ONNX definition in rational arithmetic written here: column
 * {@code v} sits at {@code ((2v + 1) n - N) / 2N} (half-pixel), {@code v n / N} (asymmetric),
 * {@code (2v + 1) n / 2N} ({@code tf_half_pixel_for_nn}) or {@code v (n - 1) / (N - 1)} (aligned
 * corners); Keys' kernel vanishes at distances 1 and 2, and its outer lobe is {@code a} times a
 * polynomial without roots strictly between 1 and 2, so the taps with a weight are unit
 * {@code floor(q)} alone at a whole position, else {@code floor(q) .. floor(q) + 1} for
 * {@code a = 0} and {@code floor(q) - 1 .. floor(q) + 2} otherwise, clamped to the map.
 *
 * <p>Each case states what must happen: {@code ACCEPT} (the runtime reads the exact columns
 * everywhere; the import is accepted, compiles, and the geometry's field of every column, clipped,
 * is what the runtime reads), {@code STEPS_BACK} (some positions are whole and read one column,
 * others four: the import refuses, naming the two columns) or {@code FLOAT} (the runtime reads
 * other columns than the exact positions; the import refuses, naming the first).
 */
class CubicResizeRuntimeTest {

    enum Expect { ACCEPT, STEPS_BACK, FLOAT }

    @TempDir
    Path dir;

    static Stream<Arguments> resizes() {
        return Stream.of(
                // PyTorch's bicubic by 2, enlarging, both ways at the ends.
                Arguments.of("pytorch_half_pixel", -0.75f, false, 8, 16, Expect.ACCEPT),
                Arguments.of("half_pixel", -0.75f, true, 8, 16, Expect.ACCEPT),
                // Fractional factors whose positions are never whole; TensorFlow's -0.5.
                Arguments.of("half_pixel", -0.5f, false, 7, 10, Expect.ACCEPT),
                Arguments.of("half_pixel", -0.5f, true, 7, 10, Expect.ACCEPT),
                Arguments.of("half_pixel", -0.75f, false, 10, 15, Expect.ACCEPT),
                Arguments.of("tf_half_pixel_for_nn", -0.75f, false, 8, 16, Expect.ACCEPT),
                Arguments.of("tf_half_pixel_for_nn", -0.5f, true, 7, 10, Expect.ACCEPT),
                // a = 0: two taps, as linear; every coordinate mode fits.
                Arguments.of("half_pixel", 0f, false, 8, 24, Expect.ACCEPT),
                Arguments.of("asymmetric", 0f, false, 8, 16, Expect.ACCEPT),
                Arguments.of("asymmetric", 0f, true, 7, 10, Expect.ACCEPT),
                Arguments.of("align_corners", 0f, false, 5, 9, Expect.ACCEPT),
                Arguments.of("align_corners", 0f, true, 7, 10, Expect.ACCEPT),
                // Shrinking: half-pixel by 1/2 (positions 2v + 1/2), and all-whole positions.
                Arguments.of("half_pixel", -0.75f, false, 10, 5, Expect.ACCEPT),
                Arguments.of("half_pixel", -0.5f, true, 10, 5, Expect.ACCEPT),
                Arguments.of("asymmetric", -0.75f, false, 10, 5, Expect.ACCEPT),
                Arguments.of("align_corners", -0.75f, true, 9, 5, Expect.ACCEPT),
                Arguments.of("half_pixel", -0.75f, false, 33, 17, Expect.ACCEPT),
                // Whole positions among others: odd factors half-pixel, asymmetric and aligned corners enlarging.
                Arguments.of("half_pixel", -0.75f, false, 8, 24, Expect.STEPS_BACK),
                Arguments.of("half_pixel", -0.75f, false, 33, 65, Expect.STEPS_BACK),
                Arguments.of("asymmetric", -0.75f, false, 8, 16, Expect.STEPS_BACK),
                Arguments.of("asymmetric", -0.5f, true, 7, 10, Expect.STEPS_BACK),
                Arguments.of("align_corners", -0.75f, false, 5, 9, Expect.STEPS_BACK),
                Arguments.of("align_corners", -0.5f, true, 7, 10, Expect.STEPS_BACK),
                // pytorch_half_pixel puts a single output unit at 0, not at 4; at scale 1 the
                // runtime copies each unit, where tf_half_pixel_for_nn's positions are v + 1/2.
                Arguments.of("pytorch_half_pixel", -0.75f, false, 9, 1, Expect.FLOAT),
                Arguments.of("tf_half_pixel_for_nn", -0.75f, false, 7, 7, Expect.FLOAT),
                // Float positions on the wrong side of a whole number (the first of CubicResizeSweepTest's
                // sweep per mode): 10 to 6 half-pixel puts column 1 at 1.9999999 for the exact 2.
                Arguments.of("half_pixel", -0.75f, false, 10, 6, Expect.FLOAT),
                Arguments.of("asymmetric", -0.75f, true, 14, 8, Expect.FLOAT));
    }

    @ParameterizedTest(name = "{0} a {1} exclude {2}: {3} to {4}")
    @MethodSource("resizes")
    void theImportAcceptsExactlyWhereTheRuntimeReadsTheExactUnits(String coordinates, float a, boolean exclude,
                                                                  int n, int bigN, Expect expect) throws Exception {
        boolean opset11 = coordinates.equals("tf_half_pixel_for_nn");
        OnnxBuilder b = new OnnxBuilder(opset11 ? 11 : 13, "data", 1, 1, n);
        b.map("Resize", "up", List.of("data", opset11 ? b.floatTensor("roi") : "", opset11 ? b.floatTensor("none") : "",
                b.intTensor("sizes", 1, 1, 1, bigN)), string("mode", "cubic"),
                string("coordinate_transformation_mode", coordinates), floating("cubic_coeff_a", a),
                integer("exclude_outside", exclude ? 1 : 0));
        ModelProto proto = b.build("up_out");
        int[][] runtime = FractionalResizeRuntimeTest.runtimeReads(proto, n, bigN);
        int firstDifference = -1;
        boolean stepsBack = false;
        int[] previous = null;
        for (int v = 0; v < bigN; v++) {
            int[] exact = exactReads(coordinates, a, n, bigN, v);
            if (firstDifference < 0 && (exact[0] != runtime[v][0] || exact[1] != runtime[v][1])) {
                firstDifference = v;
            }
            int[] unclipped = exactTaps(coordinates, a, n, bigN, v);
            stepsBack |= previous != null && (unclipped[0] < previous[0] || unclipped[1] < previous[1]);
            previous = unclipped;
        }
        assertEquals(expect == Expect.FLOAT, firstDifference >= 0,
                "the runtime reads other columns than the exact positions at column " + firstDifference);
        assertEquals(expect == Expect.STEPS_BACK, stepsBack, "whether the exact reads step back");
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        if (expect != Expect.ACCEPT) {
            ImportException e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, null, "Imported", line -> { }));
            assertTrue(e.getMessage().contains("'up' (Resize): resizes " + n + " to " + bigN + " columns with "
                    + coordinates), e.getMessage());
            assertTrue(e.getMessage().contains(expect == Expect.FLOAT ? "its output column " + firstDifference
                    + " reads other input columns than the exact factor" : "the fields step back"), e.getMessage());
            return;
        }
        String source = FractionalResizeRuntimeTest.importReadsAsTheRuntime(file, n, bigN, runtime);
        assertTrue(source.contains("mode = Upsample.Mode.CUBIC"), source);
    }

    /** The first and last input column output column {@code v} reads by exact arithmetic, clamped. */
    private static int[] exactReads(String coordinates, float a, int n, int bigN, int v) {
        int[] taps = exactTaps(coordinates, a, n, bigN, v);
        return new int[] {Math.max(0, Math.min(taps[0], n - 1)), Math.max(0, Math.min(taps[1], n - 1))};
    }

    /** The first and last tap of output column {@code v} with a weight, before clamping. */
    private static int[] exactTaps(String coordinates, float a, long n, long bigN, long v) {
        long[] position = FractionalResizeRuntimeTest.exactPosition(coordinates, n, bigN, v);
        long num = position[0];
        long den = position[1];
        int floor = (int) Math.floorDiv(num, den);
        if (Math.floorMod(num, den) == 0) {
            return new int[] {floor, floor};
        }
        return a == 0f ? new int[] {floor, floor + 1} : new int[] {floor - 1, floor + 2};
    }
}
