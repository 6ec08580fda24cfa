package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.floating;
import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import java.math.BigDecimal;
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
 * {@code Resize} with {@code tf_crop_and_resize} on ONNX Runtime, column by column: a one-row map
 * of {@code n} columns resized to {@code N} (sizes) with the region {@code [start, end]} of the
 * columns, every input pixel set to 1 alone on a zero map, and the output columns that change
 * recorded (a single term per column, so a negative cubic weight shows as surely as a positive
 * one; a column sampled outside the map takes {@code extrapolation_value = 0} and changes for no
 * pixel).
 *
 * <p>The exact reads come from the ONNX definition in rational arithmetic written here: column
 * {@code v} sits at {@code start (n - 1) + v (end - start) (n - 1) / (N - 1)}, the one column of
 * {@code N = 1} at {@code (start + end) / 2 (n - 1)}, the bounds the floats' exact values; nearest
 * rounds it by the {@code nearest_mode}'s definition, linear reads floor and ceil, cubic the taps
 * of nonzero weight (one at a whole position, else two for {@code a = 0}, four otherwise, clamped).
 *
 * <p>Each case states what must happen: {@code ACCEPT} (the runtime reads the exact columns
 * everywhere; the import is accepted, compiles, and the geometry's field of every column, clipped,
 * is what the runtime reads), {@code FLOAT} (the runtime reads other columns, or samples outside
 * the map, where the exact positions do not; the import refuses, naming the first), {@code SCALE_ONE}
 * (at a scale of exactly 1 the runtime ignores the region and copies each column: refused),
 * {@code STEPS_BACK} (cubic: some positions whole, others not: refused) or {@code PERIOD} (float32
 * bounds such as 0.3f repeat only every millions of columns, past what a field pattern keeps:
 * refused as too large).
 */
class CropResizeRuntimeTest {

    enum Expect { ACCEPT, FLOAT, SCALE_ONE, STEPS_BACK, PERIOD }

    @TempDir
    Path dir;

    static Stream<Arguments> resizes() {
        return Stream.of(
                // Linear: enlarging, shrinking, to one column, the whole map.
                Arguments.of("linear", "", 0f, 8, 16, 0.25f, 0.75f, Expect.ACCEPT),
                Arguments.of("linear", "", 0f, 9, 12, 0f, 0.5f, Expect.ACCEPT),
                Arguments.of("linear", "", 0f, 13, 5, 0.5f, 1f, Expect.ACCEPT),
                Arguments.of("linear", "", 0f, 6, 1, 0.25f, 0.75f, Expect.ACCEPT),
                Arguments.of("linear", "", 0f, 7, 1, 0.125f, 0.5f, Expect.ACCEPT),
                Arguments.of("linear", "", 0f, 8, 12, 0f, 1f, Expect.ACCEPT),
                // Nearest in every rounding.
                Arguments.of("nearest", "round_prefer_floor", 0f, 8, 16, 0.25f, 0.75f, Expect.ACCEPT),
                Arguments.of("nearest", "round_prefer_ceil", 0f, 7, 12, 0.125f, 0.875f, Expect.ACCEPT),
                Arguments.of("nearest", "floor", 0f, 8, 5, 0.5f, 1f, Expect.ACCEPT),
                Arguments.of("nearest", "ceil", 0f, 8, 5, 0f, 0.5f, Expect.ACCEPT),
                Arguments.of("nearest", "round_prefer_floor", 0f, 9, 17, 0.25f, 0.75f, Expect.ACCEPT),
                // Cubic: positions never whole (a = -0.75), two taps (a = 0), and stepping back.
                Arguments.of("cubic", "", -0.75f, 8, 16, 0.25f, 0.75f, Expect.ACCEPT),
                Arguments.of("cubic", "", 0f, 8, 15, 0f, 1f, Expect.ACCEPT),
                Arguments.of("cubic", "", -0.5f, 6, 12, 0.125f, 0.625f, Expect.ACCEPT),
                Arguments.of("cubic", "", -0.75f, 5, 9, 0f, 1f, Expect.STEPS_BACK),
                Arguments.of("cubic", "", 0f, 9, 9, 0.25f, 0.75f, Expect.SCALE_ONE),
                // Scale 1: the runtime skips the transformation, whatever the region.
                Arguments.of("linear", "", 0f, 9, 9, 0.25f, 0.75f, Expect.SCALE_ONE),
                Arguments.of("nearest", "round_prefer_floor", 0f, 8, 8, 0.5f, 1f, Expect.SCALE_ONE),
                // Float positions past the last column: the runtime extrapolates there.
                Arguments.of("linear", "", 0f, 4, 8, 0.3f, 1f, Expect.FLOAT),
                Arguments.of("nearest", "round_prefer_floor", 0f, 12, 20, 0.1f, 1f, Expect.FLOAT),
                // Float32 bounds whose exact periods are far beyond 1,024 columns.
                Arguments.of("linear", "", 0f, 10, 14, 0.1f, 0.9f, Expect.PERIOD));
    }

    @ParameterizedTest(name = "{0} {1} a {2}: {3} to {4}, [{5}, {6}]")
    @MethodSource("resizes")
    void theImportAcceptsExactlyWhereTheRuntimeReadsTheExactUnits(String mode, String nearestMode, float a, int n,
                                                                  int bigN, float start, float end, Expect expect)
            throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "data", 1, 1, n);
        b.map("Resize", "up", List.of("data", b.floatTensor("roi", 0, 0, 0, start, 1, 1, 1, end), "",
                b.intTensor("sizes", 1, 1, 1, bigN)), string("mode", mode),
                string("coordinate_transformation_mode", "tf_crop_and_resize"),
                string("nearest_mode", nearestMode.isEmpty() ? "round_prefer_floor" : nearestMode),
                floating("cubic_coeff_a", a), integer("exclude_outside", 0));
        ModelProto proto = b.build("up_out");
        int[][] runtime = FractionalResizeRuntimeTest.litColumnReads(proto, n, bigN);
        int firstDifference = -1;
        boolean stepsBack = false;
        int[] previous = null;
        for (int v = 0; v < bigN; v++) {
            int[] taps = exactTaps(mode, nearestMode, a, n, bigN, v, start, end);
            int[] exact = {Math.max(0, Math.min(taps[0], n - 1)), Math.max(0, Math.min(taps[1], n - 1))};
            if (firstDifference < 0 && (runtime[v] == null || exact[0] != runtime[v][0] || exact[1] != runtime[v][1])) {
                firstDifference = v;
            }
            stepsBack |= previous != null && (taps[0] < previous[0] || taps[1] < previous[1]);
            previous = taps;
        }
        boolean runtimeDiffers = expect == Expect.FLOAT || expect == Expect.SCALE_ONE;
        assertEquals(runtimeDiffers, firstDifference >= 0,
                "the runtime reads other columns than the exact positions at column " + firstDifference);
        assertEquals(expect == Expect.STEPS_BACK, stepsBack, "whether the exact reads step back");
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        if (expect != Expect.ACCEPT) {
            ImportException e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, null, "Imported", line -> { }));
            String message = e.getMessage();
            assertTrue(message.contains("'up' (Resize)"), message);
            switch (expect) {
                case FLOAT -> assertTrue(message.contains("resizes " + n + " to " + bigN + " columns with"
                        + " tf_crop_and_resize and mode " + mode + ", but ONNX Runtime computes the positions in float")
                        && message.contains("output column " + firstDifference + " "), message);
                case SCALE_ONE -> assertTrue(message.contains("at a scale of exactly 1 ONNX Runtime skips the coordinate"
                        + " transformation, so its output column " + firstDifference + " reads input column "
                        + firstDifference), message);
                case STEPS_BACK -> assertTrue(message.contains("the fields step back"), message);
                default -> assertTrue(message.contains("resizes " + n + " to " + bigN + " columns with tf_crop_and_resize:"
                        + " the columns' positions repeat only every") && message.contains("more than the 1024 a field"
                        + " pattern keeps"), message);
            }
            return;
        }
        String source = FractionalResizeRuntimeTest.importReadsAsTheRuntime(file, n, bigN, runtime);
        assertTrue(source.contains("coordinates = Upsample.Coordinates.CROP_AND_RESIZE"), source);
        assertTrue(start == 0f && end == 1f || source.contains("roiX = {" + new BigDecimal(start).stripTrailingZeros()
                .toPlainString() + ", " + new BigDecimal(end).stripTrailingZeros().toPlainString() + "}"), source);
    }

    /** Output column {@code v}'s exact position, {num, den}, by the ONNX formula. */
    private static BigInteger[] position(long n, long bigN, long v, float start, float end) {
        BigInteger[] s = exact(start);
        BigInteger[] e = exact(end);
        // start = s0 / s1, end = e0 / e1; over s1 e1.
        BigInteger num0 = s[0].multiply(e[1]);
        BigInteger num1 = e[0].multiply(s[1]);
        BigInteger den = s[1].multiply(e[1]);
        BigInteger last = BigInteger.valueOf(n - 1);
        if (bigN == 1) {
            return new BigInteger[] {num0.add(num1).multiply(last), den.shiftLeft(1)};
        }
        BigInteger steps = BigInteger.valueOf(bigN - 1);
        return new BigInteger[] {num0.multiply(last).multiply(steps)
                .add(BigInteger.valueOf(v).multiply(num1.subtract(num0)).multiply(last)), den.multiply(steps)};
    }

    private static BigInteger[] exact(float value) {
        BigDecimal d = new BigDecimal(value);
        return d.scale() <= 0 ? new BigInteger[] {d.toBigIntegerExact(), BigInteger.ONE}
                : new BigInteger[] {d.unscaledValue(), BigInteger.TEN.pow(d.scale())};
    }

    /** The first and last column output column {@code v} reads with a weight, before clamping. */
    private static int[] exactTaps(String mode, String nearestMode, float a, long n, long bigN, long v, float start,
                                   float end) {
        BigInteger[] q = position(n, bigN, v, start, end);
        BigInteger[] qr = q[0].divideAndRemainder(q[1]);
        int floor = qr[0].intValueExact() - (qr[1].signum() < 0 ? 1 : 0);
        BigInteger rest = q[0].subtract(BigInteger.valueOf(floor).multiply(q[1]));
        boolean whole = rest.signum() == 0;
        int half = rest.shiftLeft(1).compareTo(q[1]);
        switch (mode) {
            case "nearest" -> {
                int unit = switch (nearestMode) {
                    case "floor" -> floor;
                    case "ceil" -> whole ? floor : floor + 1;
                    case "round_prefer_ceil" -> half < 0 ? floor : floor + 1;
                    default -> half <= 0 ? floor : floor + 1;
                };
                return new int[] {unit, unit};
            }
            case "linear" -> {
                return new int[] {floor, whole ? floor : floor + 1};
            }
            default -> {
                return whole ? new int[] {floor, floor} : a == 0f ? new int[] {floor, floor + 1}
                        : new int[] {floor - 1, floor + 2};
            }
        }
    }
}
