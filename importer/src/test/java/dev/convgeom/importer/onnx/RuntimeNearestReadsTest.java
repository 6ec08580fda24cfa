package dev.convgeom.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every ONNX nearest resize of {@code n} (1 to 40) columns to {@code N} (n to 3n) by
 * {@code sizes}, in each coordinate mode the importer places and each {@code nearest_mode}: what
 * {@link NearestResize} decides, counted. The decisions themselves are confirmed on ONNX Runtime
 * by {@code NearestResizeRuntimeTest}; here the sweep pins that the default and PyTorch's modes are
 * never refused for rounding outside the map, and prints the counts.
 */
class RuntimeNearestReadsTest {

    private static final String[] COORDINATES = {"half_pixel", "pytorch_half_pixel", "asymmetric", "align_corners"};
    private static final String[] MODES = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};

    @Test
    void sweepOfEveryModeAndSize() {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> floatExamples = new ArrayList<>();
        for (String c : COORDINATES) {
            for (String m : MODES) {
                int[] count = counts.computeIfAbsent(c + " " + m, k -> new int[3]);
                for (int n = 1; n <= 40; n++) {
                    for (int bigN = n; bigN <= 3 * n; bigN++) {
                        if (c.equals("align_corners") && n == 1 && bigN > 1) {
                            continue;
                        }
                        int g = gcd(bigN, n);
                        NearestResize r = NearestResize.of("up", c, m, null, new Shape(1, 1, n), 1, bigN, bigN / g,
                                n / g, 1, 1);
                        if (r.refusal() == null) {
                            count[0]++;
                        } else if (r.refusal().contains("outside the")) {
                            count[1]++;
                        } else {
                            assertTrue(r.refusal().contains("ONNX Runtime computes the positions in float"), r.refusal());
                            count[2]++;
                            if (count[2] == 1) {
                                floatExamples.add(c + " " + m + " " + n + "->" + bigN);
                            }
                        }
                    }
                }
            }
        }
        int[] total = new int[3];
        counts.forEach((k, v) -> {
            System.out.printf("nearest %s: %d accepted, %d refused (rounded outside), %d refused (float reads)%n", k,
                    v[0], v[1], v[2]);
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        });
        System.out.printf("nearest, all: %d accepted, %d refused outside, %d refused float; the first refused for"
                + " float per mode: %s%n",
                total[0], total[1], total[2], floatExamples);
        for (String c : new String[] {"half_pixel", "pytorch_half_pixel"}) {
            for (String m : new String[] {"round_prefer_floor", "round_prefer_ceil"}) {
                assertEquals(0, counts.get(c + " " + m)[1], c + " " + m);
            }
        }
        assertEquals(0, counts.get("asymmetric floor")[1]);
        for (String m : MODES) {
            assertEquals(0, counts.get("align_corners " + m)[1], m);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
