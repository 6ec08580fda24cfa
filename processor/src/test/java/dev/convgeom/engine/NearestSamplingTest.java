package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.oracle.Frac;
import dev.convgeom.engine.oracle.GraphOracle;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Nearest upsampling's reads, by brute force: the default (half-pixel centres, a whole factor)
 * copies unit {@code floor(v / f)} with either rounding to nearest, so declarations written before
 * {@code rounding} existed keep their meaning; and the engine refuses a size exactly where ONNX's
 * definition (the oracle's {@link GraphOracle#nearestUnit}, on exact fractions) rounds a real unit
 * outside the input.
 */
class NearestSamplingTest {

    private static LayerSpec nearest(long factor, long per, Coordinates c, NearestRounding r) {
        return new LayerSpec("u", LayerKind.UPSAMPLE, java.util.List.of(), null, null, java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), 1, LayerSpec.Extras.NONE.withFactors(factor, factor, false)
                .withPers(per, per).withCoordinates(c).withRounding(r));
    }

    @Test
    void halfPixelWithAWholeFactorCopiesFloorVOverFWithEitherRoundingToNearest() {
        for (long f = 1; f <= 16; f++) {
            for (NearestRounding r : new NearestRounding[] {NearestRounding.ROUND_PREFER_FLOOR,
                    NearestRounding.ROUND_PREFER_CEIL}) {
                LayerSpec layer = nearest(f, 1, Coordinates.HALF_PIXEL, r);
                for (long n = 1; n <= 12; n++) {
                    Sampling s = Sampling.of(layer, Axis.X, n);
                    assertTrue(Sampling.fits(layer, Axis.X, n), f + " " + r + " " + n);
                    // Virtual units beyond both ends too: the pattern is the same there.
                    for (long v = -3 * f; v < (n + 3) * f; v++) {
                        assertEquals(Math.floorDiv(v, f), s.first(v), "f " + f + " " + r + " v " + v);
                        assertEquals(Math.floorDiv(v, f), s.last(v), "f " + f + " " + r + " v " + v);
                    }
                }
            }
        }
    }

    /**
     * Every coordinate mode, rounding, factor {@code F / P} with {@code 1 <= P, F <= 9} (enlarging
     * and shrinking) and input of 1 to 24 units (those left with no unit aside): the engine's unit equals ONNX's for every real and a few virtual
     * units, and the size fits exactly where no real unit rounds outside the input.
     */
    @Test
    void everyModeReadsTheUnitOnnxRoundsToAndRefusesExactlyWhereItWouldClamp() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Coordinates c : Coordinates.values()) {
            for (NearestRounding r : NearestRounding.values()) {
                int[] fitsOf = counts.computeIfAbsent(c + " " + r, k -> new int[2]);
                for (long f = 1; f <= 9; f++) {
                    for (long p = 1; p <= 9; p++) {
                        LayerSpec layer = nearest(f, p, c, r);
                        for (long n = 1; n <= 24; n++) {
                            long out = Sampling.size(layer, Axis.X, n);
                            if (out == 0 || (c == Coordinates.ALIGN_CORNERS || c == Coordinates.CROP_AND_RESIZE) && n == 1 && out > 1) {
                                continue;
                            }
                            Sampling s = Sampling.of(layer, Axis.X, n);
                            boolean inside = true;
                            // One unit kept (a factor of 1 with aligned corners): ONNX puts every
                            // unit, virtual ones too, at 0; only the real one is compared.
                            boolean one = c == Coordinates.ALIGN_CORNERS && out == 1;
                            for (long v = one ? 0 : -2; v < (one ? 1 : out + 2); v++) {
                                Frac q = GraphOracle.sourcePosition(layer, Axis.X, n, Frac.of(v));
                                long unit = GraphOracle.nearestUnit(layer, q);
                                String at = c + " " + r + " " + f + "/" + p + " n " + n + " v " + v;
                                assertEquals(unit, s.first(v), at);
                                assertEquals(unit, s.last(v), at);
                                assertEquals(q, Frac.of(s.position(v).numerator(), s.position(v).denominator()), at);
                                inside &= v < 0 || v >= out || unit >= 0 && unit < n;
                            }
                            assertEquals(inside, Sampling.fits(layer, Axis.X, n), c + " " + r + " " + f + "/" + p
                                    + " n " + n);
                            fitsOf[inside ? 0 : 1]++;
                        }
                    }
                }
            }
        }
        counts.forEach((k, v) -> System.out.printf("nearest %s: %d sizes fit, %d refused%n", k, v[0], v[1]));
        // The default and PyTorch's modes never clamp.
        assertEquals(0, counts.get("HALF_PIXEL ROUND_PREFER_FLOOR")[1]);
        assertEquals(0, counts.get("ASYMMETRIC FLOOR")[1]);
        assertEquals(0, counts.get("ALIGN_CORNERS ROUND_PREFER_CEIL")[1]);
    }
}
