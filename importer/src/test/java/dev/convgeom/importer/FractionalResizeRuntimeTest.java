package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.convgeom.LayerGeometry;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear {@code Resize} by fractional factors on ONNX Runtime, unit by unit: a one-row map of
 * {@code n} columns resized to {@code N}, every input pixel lit alone, and the output columns
 * that change recorded. The exact reads come from rational arithmetic written here (column
 * {@code v} sits at {@code ((2v + 1) n - N) / 2N} for half-pixel, {@code v n / N} asymmetric,
 * {@code (2v + 1) n / 2N} for {@code tf_half_pixel_for_nn},
 * {@code v (n - 1) / (N - 1)} aligned corners, and reads the units either side, clamped to the
 * map). Where they agree with the runtime at every column the import must accept the model and
 * its geometry must say the same; where the runtime's float positions read one unit more or fewer
 * (11 to 13 columns: {@code 6.5 / float(13/11) - 0.5} is just below 5, so column 6 also reads
 * column 4 with a weight of about {@code 5e-7}) the import must refuse, naming that column.
 */
class FractionalResizeRuntimeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> resizes() {
        return Stream.of(
                Arguments.of("half_pixel", 33, 65, -1),        // LR-ASPP at 520 pixels
                Arguments.of("pytorch_half_pixel", 33, 65, -1),
                Arguments.of("half_pixel", 65, 520, -1),       // and back to the image
                Arguments.of("half_pixel", 63, 500, -1),
                Arguments.of("half_pixel", 7, 10, -1),
                Arguments.of("pytorch_half_pixel", 7, 10, -1),
                Arguments.of("asymmetric", 7, 10, -1),
                Arguments.of("asymmetric", 63, 500, -1),
                Arguments.of("align_corners", 7, 10, -1),
                Arguments.of("align_corners", 63, 500, -1),
                Arguments.of("half_pixel", 10, 5, -1),          // shrinking (linear, no antialiasing)
                Arguments.of("half_pixel", 33, 17, -1),
                Arguments.of("pytorch_half_pixel", 20, 9, -1),
                Arguments.of("asymmetric", 10, 4, -1),
                Arguments.of("asymmetric", 63, 20, -1),
                Arguments.of("align_corners", 10, 4, -1),
                Arguments.of("align_corners", 9, 1, -1),
                Arguments.of("half_pixel", 9, 1, -1),
                Arguments.of("pytorch_half_pixel", 9, 1, 0),    // its one unit at 0, not at 4: refused
                Arguments.of("tf_half_pixel_for_nn", 7, 10, -1), // opset 11
                Arguments.of("tf_half_pixel_for_nn", 8, 16, -1),
                Arguments.of("tf_half_pixel_for_nn", 10, 4, -1),
                Arguments.of("tf_half_pixel_for_nn", 33, 65, -1),
                // At scale 1 ONNX Runtime reads unit v alone, not v and v + 1 around v + 1/2: refused.
                Arguments.of("tf_half_pixel_for_nn", 7, 7, 0),
                Arguments.of("half_pixel", 11, 13, 6),         // float rounding: refused
                Arguments.of("half_pixel", 7, 19, 9),
                Arguments.of("asymmetric", 14, 16, 8));
    }

    @ParameterizedTest(name = "{0} {1} to {2}")
    @MethodSource("resizes")
    void theImportAcceptsExactlyWhereTheRuntimeReadsTheExactUnits(String coordinates, int n, int bigN,
                                                                  int differs) throws Exception {
        OnnxBuilder b = new OnnxBuilder(coordinates.equals("tf_half_pixel_for_nn") ? 11 : 13, "data", 1, 1, n);
        // Opset 11 (tf_half_pixel_for_nn's) requires roi and scales as inputs: empty tensors.
        boolean opset11 = coordinates.equals("tf_half_pixel_for_nn");
        b.map("Resize", "up", List.of("data", opset11 ? b.floatTensor("roi") : "", opset11 ? b.floatTensor("none") : "",
                b.intTensor("sizes", 1, 1, 1, bigN)), string("mode", "linear"),
                string("coordinate_transformation_mode", coordinates));
        ModelProto proto = b.build("up_out");
        int[][] runtime = runtimeReads(proto, n, bigN);
        int firstDifference = -1;
        for (int v = 0; v < bigN && firstDifference < 0; v++) {
            int[] exact = exactReads(coordinates, n, bigN, v);
            if (exact[0] != runtime[v][0] || exact[1] != runtime[v][1]) {
                firstDifference = v;
            }
        }
        assertEquals(differs, firstDifference, "the first column where the runtime reads other units");
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        if (differs >= 0) {
            ImportException e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, null, "Imported", line -> { }));
            assertTrue(e.getMessage().contains("'up' (Resize): resizes " + n + " to " + bigN + " columns with "
                    + coordinates + " coordinates, but ONNX Runtime computes the positions in float"), e.getMessage());
            assertTrue(e.getMessage().contains("its output column " + differs + " reads other input units than the"
                    + " exact factor " + bigN + "/" + n + " gives"), e.getMessage());
            return;
        }
        importReadsAsTheRuntime(file, n, bigN, runtime);
    }

    /**
     * Imports {@code file}, whose one layer resizes {@code n} columns to {@code bigN}, compiles the
     * class written for it, and checks that each output column's field, clamped to the input, spans
     * exactly the first and last column ONNX Runtime reads ({@code runtime}); the source written.
     */
    static String importReadsAsTheRuntime(Path file, int n, int bigN, int[][] runtime) throws Exception {
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        String source = JavaWriter.write(checked, "com.example", "Imported");
        Generated.compile("com.example", "Imported", source);
        LayerGeometry up = checked.geometry().get(0);
        assertEquals(bigN, up.output().width());
        for (int v = 0; v < bigN; v++) {
            dev.convgeom.Box field = up.receptiveField(v, 0);
            assertEquals(runtime[v][0], Math.max(field.left(), 0), "first column read by " + v);
            assertEquals(runtime[v][1], Math.min(field.right(), n - 1), "last column read by " + v);
        }
        return source;
    }

    /**
     * Per output column, the first and last input column whose lighting changes it, on ONNX
     * Runtime: a one-row map of {@code n} columns, each lit alone ({@code NearestResizeRuntimeTest}
     * reads nearest copies with it too).
     */
    static int[][] runtimeReads(ModelProto proto, int n, int bigN) throws Exception {
        int[][] reads = litColumnReads(proto, n, bigN);
        for (int v = 0; v < bigN; v++) {
            assertNotEquals(null, reads[v], "column " + v + " reads nothing");
        }
        return reads;
    }

    /**
     * As {@link #runtimeReads}, but null for a column no lit pixel changes (sampled outside the
     * map: {@code CropResizeRuntimeTest}'s extrapolation).
     */
    static int[][] litColumnReads(ModelProto proto, int n, int bigN) throws Exception {
        int[][] reads = new int[bigN][];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions())) {
            for (int px = 0; px < n; px++) {
                float[] image = new float[n];
                image[px] = 1f;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 1, 1, n});
                     OrtSession.Result result = session.run(Map.of("data", t), Set.of("up_out"))) {
                    float[][][][] out = (float[][][][]) result.get(0).getValue();
                    assertEquals(1, out[0][0].length, "output rows");
                    float[] row = out[0][0][0];
                    assertEquals(bigN, row.length, "output columns");
                    for (int v = 0; v < bigN; v++) {
                        if (row[v] != 0f) {
                            reads[v] = reads[v] == null ? new int[] {px, px}
                                    : new int[] {Math.min(reads[v][0], px), Math.max(reads[v][1], px)};
                        }
                    }
                }
            }
        }
        return reads;
    }

    /** The first and last input column output column {@code v} reads by exact arithmetic, clamped. */
    private static int[] exactReads(String coordinates, long n, long bigN, long v) {
        long[] position = exactPosition(coordinates, n, bigN, v);
        long num = position[0];
        long den = position[1];
        if (num <= 0) {
            return new int[] {0, 0};
        }
        if (num >= (n - 1) * den) {
            return new int[] {(int) n - 1, (int) n - 1};
        }
        int floor = (int) (num / den);
        return new int[] {floor, num % den == 0 ? floor : floor + 1};
    }

    /**
     * Output column {@code v}'s input position as {@code {num, den}}, from the ONNX spec's
     * coordinate transformation for {@code n} columns resized to {@code bigN} (pytorch_half_pixel
     * and half_pixel alike where {@code bigN} exceeds 1).
     */
    static long[] exactPosition(String coordinates, long n, long bigN, long v) {
        long num;
        long den;
        switch (coordinates) {
            case "asymmetric" -> {
                num = v * n;
                den = bigN;
            }
            case "align_corners" -> {
                num = v * (n - 1);
                den = Math.max(1, bigN - 1);
            }
            case "tf_half_pixel_for_nn" -> {
                num = (2 * v + 1) * n;
                den = 2 * bigN;
            }
            default -> {
                num = (2 * v + 1) * n - bigN;
                den = 2 * bigN;
            }
        }
        return new long[] {num, den};
    }
}
