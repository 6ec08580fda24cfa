package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.LayerGeometry;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nearest {@code Resize} in every coordinate mode and {@code nearest_mode} on ONNX Runtime, unit
 * by unit: a one-row map of {@code n} columns resized to {@code N} (by {@code sizes}, or by a
 * {@code scales} factor, enlarging or shrinking), every input pixel lit alone, and the input column each output
 * column copies recorded. The exact column comes from ONNX's definition in rational arithmetic
 * written here: the position ({@code ((2v + 1) n - N) / 2N} half-pixel, {@code v n / N}
 * asymmetric, {@code v (n - 1) / (N - 1)} aligned corners) rounded as the mode says.
 *
 * <p>Each case states what must happen, and the test checks both the runtime and the importer:
 * {@code ACCEPT} (the runtime copies the exact column everywhere, no exact position rounds
 * outside the map; the import is accepted, compiles, and its geometry's field of every column is
 * the one column the runtime copies), {@code OUTSIDE} (an exact position rounds outside the map,
 * where ONNX clamps; the import refuses, naming that column) or {@code FLOAT} (the runtime's float
 * positions copy another column than the exact ones; the import refuses, naming the first).
 */
class NearestResizeRuntimeTest {

    enum Expect { ACCEPT, OUTSIDE, FLOAT }

    @TempDir
    Path dir;

    static Stream<Arguments> resizes() {
        return Stream.of(
                // PyTorch mode='nearest' (asymmetric floor) by scale and by size, and the default.
                Arguments.of("asymmetric", "floor", 8, 24, true, Expect.ACCEPT),
                Arguments.of("asymmetric", "floor", 33, 65, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "round_prefer_floor", 8, 24, true, Expect.ACCEPT),
                // 'nearest-exact' (half-pixel, halves up) and the ONNX default to sizes 33 -> 65.
                Arguments.of("half_pixel", "round_prefer_ceil", 33, 65, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "round_prefer_floor", 33, 65, false, Expect.ACCEPT),
                Arguments.of("pytorch_half_pixel", "round_prefer_ceil", 33, 65, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "round_prefer_floor", 2, 3, false, Expect.ACCEPT),  // a tie: column 1 at 1/2
                Arguments.of("half_pixel", "round_prefer_ceil", 2, 3, false, Expect.ACCEPT),
                // Aligned corners (TensorFlow's align_corners = True rounds halves up).
                Arguments.of("align_corners", "round_prefer_floor", 5, 12, false, Expect.ACCEPT),
                Arguments.of("align_corners", "round_prefer_ceil", 5, 9, false, Expect.ACCEPT),
                Arguments.of("align_corners", "floor", 5, 12, false, Expect.ACCEPT),
                Arguments.of("align_corners", "ceil", 5, 12, false, Expect.ACCEPT),
                Arguments.of("asymmetric", "round_prefer_floor", 8, 16, true, Expect.ACCEPT),
                // Shrinking: PyTorch's nearest by scale 1/2 and to a size, the ONNX default's ties
                // (2v + 1/2 rounds down), floor, aligned corners.
                Arguments.of("asymmetric", "floor", 10, 5, true, Expect.ACCEPT),
                Arguments.of("asymmetric", "floor", 9, 4, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "round_prefer_floor", 8, 4, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "round_prefer_ceil", 8, 4, false, Expect.ACCEPT),
                Arguments.of("half_pixel", "floor", 9, 3, false, Expect.ACCEPT),
                Arguments.of("align_corners", "round_prefer_floor", 7, 3, false, Expect.ACCEPT),
                Arguments.of("asymmetric", "round_prefer_ceil", 13, 5, false, Expect.ACCEPT),
                // Rounded outside the map: ONNX copies the border column there.
                Arguments.of("asymmetric", "round_prefer_floor", 8, 24, true, Expect.OUTSIDE),
                Arguments.of("half_pixel", "floor", 8, 16, true, Expect.OUTSIDE),
                Arguments.of("half_pixel", "ceil", 8, 16, true, Expect.OUTSIDE),
                Arguments.of("asymmetric", "ceil", 33, 65, false, Expect.OUTSIDE),
                // Float positions landing on the other side of a half or a whole number (the first
                // such size of each mode in RuntimeNearestReadsTest's sweep).
                Arguments.of("half_pixel", "round_prefer_floor", 14, 19, false, Expect.FLOAT),
                Arguments.of("half_pixel", "round_prefer_ceil", 14, 39, false, Expect.FLOAT),
                Arguments.of("asymmetric", "floor", 14, 16, false, Expect.FLOAT),
                Arguments.of("asymmetric", "round_prefer_ceil", 7, 8, false, Expect.FLOAT),
                Arguments.of("asymmetric", "round_prefer_floor", 23, 28, false, Expect.FLOAT));
    }

    @ParameterizedTest(name = "{0} {1} {2} to {3}")
    @MethodSource("resizes")
    void theImportAcceptsExactlyWhereTheRuntimeCopiesTheExactColumns(String coordinates, String nearestMode, int n,
                                                                     int bigN, boolean byScale, Expect expect)
            throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "data", 1, 1, n);
        List<String> inputs = byScale ? List.of("data", "", b.floatTensor("scales", 1, 1, 1, (float) bigN / n))
                : List.of("data", "", "", b.intTensor("sizes", 1, 1, 1, bigN));
        b.map("Resize", "up", inputs, string("mode", "nearest"),
                string("coordinate_transformation_mode", coordinates), string("nearest_mode", nearestMode));
        ModelProto proto = b.build("up_out");
        int[] runtime = runtimeCopies(proto, n, bigN);
        int firstDifference = -1;
        int outside = -1;
        for (int v = 0; v < bigN; v++) {
            long exact = exactColumn(coordinates, nearestMode, n, bigN, v);
            if ((exact < 0 || exact >= n) && outside < 0) {
                outside = v;
            }
            long clamped = Math.max(0, Math.min(exact, n - 1));
            if (clamped != runtime[v] && firstDifference < 0) {
                firstDifference = v;
            }
        }
        Expect found = outside >= 0 ? Expect.OUTSIDE : firstDifference >= 0 ? Expect.FLOAT : Expect.ACCEPT;
        assertEquals(expect, found, "outside at " + outside + ", runtime differs at " + firstDifference);
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        if (expect == Expect.OUTSIDE) {
            ImportException e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, null, "Imported", line -> { }));
            assertTrue(e.getMessage().contains("'up' (Resize): resizes " + n + " to " + bigN + " columns with "
                    + coordinates + " and " + nearestMode + ": output column " + outside + " sits at input position"),
                    e.getMessage());
            return;
        }
        if (expect == Expect.FLOAT) {
            ImportException e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, null, "Imported", line -> { }));
            assertTrue(e.getMessage().contains("its output column " + firstDifference + " copies another input column"),
                    e.getMessage());
            return;
        }
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        String source = JavaWriter.write(checked, "com.example", "Imported");
        Generated.compile("com.example", "Imported", source);
        LayerGeometry up = checked.geometry().get(0);
        assertEquals(bigN, up.output().width());
        for (int v = 0; v < bigN; v++) {
            dev.convgeom.Box field = up.receptiveField(v, 0);
            assertEquals(runtime[v], field.left(), "column copied by " + v);
            assertEquals(runtime[v], field.right(), "column copied by " + v);
        }
    }

    /** Per output column, the one input column whose lighting changes it. */
    static int[] runtimeCopies(ModelProto proto, int n, int bigN) throws Exception {
        int[][] reads = FractionalResizeRuntimeTest.runtimeReads(proto, n, bigN);
        int[] copies = new int[bigN];
        for (int v = 0; v < bigN; v++) {
            assertEquals(reads[v][0], reads[v][1], "column " + v + " copies one input column");
            copies[v] = reads[v][0];
        }
        return copies;
    }

    /** The column ONNX's definition picks for output column {@code v}, exactly, before clamping. */
    static long exactColumn(String coordinates, String nearestMode, long n, long bigN, long v) {
        long num;
        long den;
        switch (coordinates) {
            case "asymmetric" -> {
                num = v * n;
                den = bigN;
            }
            case "align_corners" -> {
                num = bigN == 1 ? 0 : v * (n - 1);
                den = bigN == 1 ? 1 : bigN - 1;
            }
            default -> {
                num = (2 * v + 1) * n - bigN;
                den = 2 * bigN;
            }
        }
        long floor = Math.floorDiv(num, den);
        long rest = num - floor * den;                          // 0 <= rest < den
        int half = BigInteger.valueOf(2 * rest).compareTo(BigInteger.valueOf(den));
        return switch (nearestMode) {
            case "floor" -> floor;
            case "ceil" -> rest == 0 ? floor : floor + 1;
            case "round_prefer_floor" -> half <= 0 ? floor : floor + 1;
            default -> half < 0 ? floor : floor + 1;          // round_prefer_ceil
        };
    }
}
