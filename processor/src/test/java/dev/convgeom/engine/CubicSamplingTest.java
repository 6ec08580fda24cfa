package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Ratio;
import dev.convgeom.engine.oracle.CubicOracle;
import dev.convgeom.engine.oracle.Frac;
import dev.convgeom.engine.oracle.GraphOracle;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cubic upsampling's reads and weights against {@link CubicOracle}, the ONNX reference's
 * coefficients in exact fractions: the units read are the taps of nonzero weight, for every
 * coordinate mode, factor {@code F / P} up to 9 / 9 and input up to 16 units; the claims
 * {@link CubicKernel}'s comment makes about the map's ends, checked by brute force; and the
 * effective-field weighting {@code |w| / sum |w|}, where the signed weights' variance is negative.
 */
class CubicSamplingTest {

    private static final double[] COEFFICIENTS = {-0.75, -0.5, 0, -2, -1, -1.0 / 1024};

    private static LayerSpec cubic(long factor, long per, Coordinates c, double a, boolean exclude) {
        return new LayerSpec("u", LayerKind.UPSAMPLE, List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, LayerSpec.Extras.NONE.withFactors(factor, factor, false)
                .withPers(per, per).withCoordinates(c).withCubic(CubicKernel.of(a, exclude)));
    }

    /**
     * Where the size fits, every real and a few virtual units read the oracle's taps; it fits
     * exactly where the oracle's reads never step back (and the size is one an upsampling takes).
     */
    @Test
    void readsAreTheNonzeroTapsAndRefusedExactlyWhereFieldsStepBack() {
        Map<String, int[]> counts = new TreeMap<>();
        for (double a : COEFFICIENTS) {
            for (Coordinates c : Coordinates.values()) {
                int[] count = counts.computeIfAbsent(c + " a " + a, k -> new int[2]);
                for (long f = 1; f <= 9; f++) {
                    for (long p = 1; p <= 9; p++) {
                        LayerSpec layer = cubic(f, p, c, a, false);
                        for (long n = 1; n <= 16; n++) {
                            long out = Sampling.size(layer, Axis.X, n);
                            if (out < 1 || (c == Coordinates.ALIGN_CORNERS || c == Coordinates.CROP_AND_RESIZE) && n == 1 && out > 1) {
                                assertFalse(Sampling.fits(layer, Axis.X, n));
                                continue;
                            }
                            Sampling s = Sampling.of(layer, Axis.X, n);
                            Frac frac = Frac.of(Math.round(a * 1024), 1024);
                            boolean ordered = true;
                            long[] previous = null;
                            long reach = 2 * f + out;
                            for (long v = -reach; v <= out + reach; v++) {
                                List<CubicOracle.Weighted> taps = CubicOracle.taps(
                                        GraphOracle.sourcePosition(layer, Axis.X, n, Frac.of(v)), frac);
                                long[] box = {taps.get(0).unit(), taps.get(taps.size() - 1).unit()};
                                String where = c + " " + f + "/" + p + " n " + n + " a " + a + " v " + v;
                                assertEquals(box[0], s.first(v), where);
                                assertEquals(box[1], s.last(v), where);
                                assertEquals(box[1] - box[0] + 1, taps.size(), "taps are contiguous: " + where);
                                if (previous != null && (box[0] < previous[0] || box[1] < previous[1])) {
                                    ordered = false;
                                }
                                previous = box;
                            }
                            assertEquals(ordered, Sampling.fits(layer, Axis.X, n), c + " " + f + "/" + p + " n " + n);
                            count[ordered ? 0 : 1]++;
                        }
                    }
                }
            }
        }
        System.out.println("cubic sampling (fitting, refused): " + counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).toList());
        // PyTorch's bicubic by 2 (half-pixel) fits; asymmetric and aligned corners enlarging with outer taps do not.
        assertTrue(Sampling.fits(cubic(2, 1, Coordinates.HALF_PIXEL, -0.75, false), Axis.X, 7));
        assertFalse(Sampling.fits(cubic(2, 1, Coordinates.ASYMMETRIC, -0.75, false), Axis.X, 7));
        assertTrue(Sampling.fits(cubic(2, 1, Coordinates.ASYMMETRIC, 0, false), Axis.X, 7));
    }

    /** The engine's weights (factored kernel) equal the oracle's (ONNX's Horner forms), tap by tap. */
    @Test
    void weightsAreOnnxs() {
        for (double a : COEFFICIENTS) {
            CubicKernel kernel = CubicKernel.of(a, false);
            Frac frac = Frac.of(Math.round(a * 1024), 1024);
            for (long d = 1; d <= 24; d++) {
                for (long r = 0; r < d; r++) {
                    BigInteger[] w = kernel.weights(r, d);
                    BigInteger den = BigInteger.valueOf(d).pow(3).multiply(BigInteger.valueOf(
                            kernel.coefficient().denominator()));
                    List<CubicOracle.Weighted> taps = CubicOracle.taps(Frac.of(r, d), frac);
                    int k = 0;
                    for (int t = 0; t < 4; t++) {
                        Frac engine = new Frac(w[t], den);
                        if (k < taps.size() && taps.get(k).unit() == t - 1) {
                            assertEquals(taps.get(k++).weight(), engine, "a " + a + " q " + r + "/" + d + " tap " + t);
                        } else {
                            assertEquals(Frac.ZERO, engine, "a " + a + " q " + r + "/" + d + " tap " + t);
                        }
                    }
                }
            }
        }
    }

    /**
     * Near a map's ends no real unit's weight cancels, for any accepted coefficient, so the units
     * read are the taps clipped to the map whichever way ONNX treats the ends: clamped taps added
     * onto the border unit, or outside taps excluded and the rest renormalised. By brute force
     * over positions in steps of 1/64, maps of 1 to 5 units and coefficients every 1/16 from -2 to 0.
     */
    @Test
    void noRealUnitsWeightCancelsAtTheEnds() {
        for (long an = -32; an <= 0; an++) {
            Frac a = Frac.of(an, 16);
            for (long n = 1; n <= 5; n++) {
                for (long qn = -32; qn <= 64 * n - 32; qn++) {
                    Frac q = Frac.of(qn, 64);
                    Frac[] clamped = new Frac[(int) n];
                    Frac[] inside = new Frac[(int) n];
                    java.util.Arrays.fill(clamped, Frac.ZERO);
                    java.util.Arrays.fill(inside, Frac.ZERO);
                    Frac insideSum = Frac.ZERO;
                    for (CubicOracle.Weighted t : CubicOracle.taps(q, a)) {
                        int u = (int) Math.max(0, Math.min(n - 1, t.unit()));
                        clamped[u] = clamped[u].plus(t.weight());
                        if (t.unit() >= 0 && t.unit() < n) {
                            inside[u] = t.weight();
                            insideSum = insideSum.plus(t.weight());
                        }
                    }
                    assertTrue(insideSum.compareTo(Frac.ZERO) > 0, "a " + a + " n " + n + " q " + q);
                    for (CubicOracle.Weighted t : CubicOracle.taps(q, a)) {
                        if (t.unit() >= 0 && t.unit() < n) {
                            String where = "a " + a + " n " + n + " q " + q + " unit " + t.unit();
                            assertTrue(clamped[(int) t.unit()].compareTo(Frac.ZERO) != 0, where);
                            assertTrue(inside[(int) t.unit()].compareTo(Frac.ZERO) != 0, where);
                        }
                    }
                }
            }
        }
    }

    /**
     * Halfway between two units, a = -0.75: signed weights -3/32, 19/32, 19/32, -3/32 about the
     * centre have variance -1/8 (so a standard deviation would be NaN); the stated weights
     * |w| / sum |w| = 3/44, 19/44, 19/44, 3/44 give 2 (3/44 (3/2)^2 + 19/44 (1/2)^2) = 23/44.
     */
    @Test
    void effectiveWeightsAreMagnitudesOverTheirSum() {
        List<CubicOracle.Weighted> signed = CubicOracle.taps(Frac.of(1, 2), Frac.of(-3, 4));
        Frac variance = Frac.ZERO;
        Frac[] offsets = {Frac.of(-3, 2), Frac.of(-1, 2), Frac.of(1, 2), Frac.of(3, 2)};
        for (int k = 0; k < 4; k++) {
            variance = variance.plus(signed.get(k).weight().times(offsets[k]).times(offsets[k]));
        }
        assertEquals(Frac.of(-1, 8), variance);
        assertEquals(List.of(Frac.of(3, 44), Frac.of(19, 44), Frac.of(19, 44), Frac.of(3, 44)),
                CubicOracle.effectiveTaps(Frac.of(1, 2), Frac.of(-3, 4)).stream().map(CubicOracle.Weighted::weight)
                        .toList());
        // The engine, on PyTorch's bicubic by 2 of the input (units a quarter and three quarters
        // past an input unit), phase by phase against the oracle's weights.
        LayerSpec up = cubic(2, 1, Coordinates.HALF_PIXEL, -0.75, false);
        EffectiveProfile profile = EffectiveAxis.upsample(EffectiveProfile.input(), Sampling.of(up, Axis.X, 8));
        for (long v = 0; v < 4; v++) {
            List<CubicOracle.Weighted> taps = CubicOracle.effectiveTaps(
                    GraphOracle.sourcePosition(up, Axis.X, 8, Frac.of(v)), Frac.of(-3, 4));
            BigInteger[] w = profile.weights(v);
            assertEquals(taps.get(0).unit(), profile.start(v), "v " + v);
            assertEquals(taps.size(), w.length, "v " + v);
            for (int k = 0; k < w.length; k++) {
                assertEquals(taps.get(k).weight(), new Frac(w[k], profile.denominator()), "v " + v + " tap " + k);
            }
        }
    }

    @Test
    void coefficientsOutsideTheStatedRangeOrNotMultiplesOf1Over1024AreRefused() {
        assertTrue(CubicKernel.accepts(-0.75));
        assertTrue(CubicKernel.accepts(0));
        assertTrue(CubicKernel.accepts(-2));
        assertFalse(CubicKernel.accepts(-0.6));
        assertFalse(CubicKernel.accepts(0.5));
        assertFalse(CubicKernel.accepts(-2.0009765625));
        assertFalse(CubicKernel.accepts(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CubicKernel.of(-0.6, false));
        assertThrows(IllegalArgumentException.class, () -> new CubicKernel(Ratio.of(1, 3), false));
        assertEquals(Ratio.of(-3, 4), CubicKernel.of(-0.75, false).coefficient());
    }
}
