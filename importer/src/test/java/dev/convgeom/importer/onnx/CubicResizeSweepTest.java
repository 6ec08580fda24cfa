package dev.convgeom.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every ONNX cubic resize of {@code n} (1 to 40) columns to {@code N} ({@code n / 2} to
 * {@code 3n}) by {@code sizes}, in each coordinate mode the importer places, with coefficients
 * -0.75 and 0, the outside clamped or excluded: what {@link CubicResize} decides, counted. The
 * decisions are confirmed on ONNX Runtime by {@code CubicResizeRuntimeTest}; here the sweep pins
 * that PyTorch's bicubic by 2 and every two-tap kernel (a = 0, except where the runtime's floats
 * differ) are accepted, and prints the counts.
 */
class CubicResizeSweepTest {

    private static final String[] COORDINATES = {"half_pixel", "pytorch_half_pixel", "asymmetric", "align_corners",
        "tf_half_pixel_for_nn"};

    @Test
    void sweepOfEveryModeAndSize() {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> floatExamples = new ArrayList<>();
        for (String c : COORDINATES) {
            for (float a : new float[] {-0.75f, 0f}) {
                for (boolean exclude : new boolean[] {false, true}) {
                    int[] count = counts.computeIfAbsent(c + " a " + a + (exclude ? " excluded" : ""),
                            k -> new int[3]);
                    for (int n = 1; n <= 40; n++) {
                        for (int bigN = Math.max(1, n / 2); bigN <= 3 * n; bigN++) {
                            if (c.equals("align_corners") && n == 1 && bigN > 1) {
                                continue;
                            }
                            int g = gcd(bigN, n);
                            CubicResize r = CubicResize.of("up", c, a, exclude, null, new Shape(1, 1, n), 1, bigN,
                                    bigN / g, n / g, 1, 1);
                            if (r.refusal() == null) {
                                count[0]++;
                            } else if (r.refusal().contains("the fields step back")) {
                                count[1]++;
                            } else {
                                assertTrue(r.refusal().contains("ONNX Runtime computes the positions and weights in"
                                        + " float"), r.refusal());
                                count[2]++;
                                if (count[2] == 1) {
                                    floatExamples.add(c + " a " + a + " " + n + "->" + bigN);
                                }
                            }
                        }
                    }
                }
            }
        }
        int[] total = new int[3];
        counts.forEach((k, v) -> {
            System.out.printf("cubic %s: %d accepted, %d refused (fields step back), %d refused (float reads)%n", k,
                    v[0], v[1], v[2]);
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        });
        System.out.printf("cubic, all: %d accepted, %d refused stepping back, %d refused float; the first refused"
                + " for float per case: %s%n", total[0], total[1], total[2], floatExamples);
        for (String c : COORDINATES) {
            assertEquals(0, counts.get(c + " a 0.0")[1], c);
            assertEquals(0, counts.get(c + " a 0.0 excluded")[1], c);
        }
        for (int n = 1; n <= 40; n++) {
            assertNull(CubicResize.of("up", "pytorch_half_pixel", -0.75f, false, null, new Shape(1, 1, n), 1, 2 * n,
                    2, 1, 1, 1).refusal(), "bicubic by 2 of " + n);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
