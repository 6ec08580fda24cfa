package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.EffectiveFields.AxisField;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short cuts the effective fields take for speed, each against its definition: the sums carried
 * from layer to layer ({@link EffectiveProfile}'s moments) against the sums over the weights, a
 * layer's reported statistics ({@link SpreadSums}: extents by precomputed bars, variances compared
 * unreduced) against the largest of its phases' {@link EffectiveSpread} statistics (which
 * {@code EffectiveFieldOracleTest} checks against the brute force), and the extents' bars in
 * {@code long}s against {@link BigInteger}s.
 */
class EffectiveStatisticsTest {

    @Test
    void carriedSumsAndReportedStatisticsMatchTheirDefinitions() {
        int phases = 0;
        int multiPhase = 0;
        for (long seed = 0; seed < 150; seed++) {
            Dag dag = RandomDags.generate(20_261_206L + seed);
            GeometryResult g = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            List<LayerField> fields = EffectiveFields.of(g);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) == null) {
                    continue;
                }
                for (Axis axis : Axis.values()) {
                    AxisField field = fields.get(i).axis(axis);
                    EffectiveProfile p = field.profile();
                    double sigma = 0;
                    long e50 = 0;
                    long e90 = 0;
                    for (int r = 0; r < p.period(); r++) {
                        EffectiveSpread s = p.spread(r);
                        BigInteger[] direct = sums(s.start(), s.weights());
                        String where = dag.toJava() + "\nlayer " + i + " " + axis + " phase " + r;
                        assertEquals(direct[0], s.total(), where);
                        assertEquals(direct[1], s.sum(), where);
                        assertEquals(direct[2], s.sumSquare(), where);
                        sigma = Math.max(sigma, s.sigma());
                        e50 = Math.max(e50, s.extentWidth(50));
                        e90 = Math.max(e90, s.extentWidth(90));
                        phases++;
                    }
                    if (p.period() > 1) {
                        multiPhase++;
                    }
                    String where = dag.toJava() + "\nlayer " + i + " " + axis;
                    assertEquals(sigma, field.sigma(), 0.0, where);
                    assertEquals(e50, field.extent50(), where);
                    assertEquals(e90, field.extent90(), where);
                }
            }
        }
        assertTrue(phases > 2000, "too few phases: " + phases);
        assertTrue(multiPhase > 50, "too few profiles with several phases: " + multiPhase);
    }

    @Test
    void extentsInLongsAndInBigIntegersAgree() {
        java.util.Random random = new java.util.Random(5);
        for (int c = 0; c < 2000; c++) {
            int n = 1 + random.nextInt(12);
            BigInteger[] small = new BigInteger[n];
            BigInteger[] large = new BigInteger[n];
            // The same weights times 2^70: the bars scale with them, so the extents must not move.
            for (int i = 0; i < n; i++) {
                small[i] = BigInteger.valueOf(random.nextInt(4) == 0 && i > 0 && i < n - 1 ? 0 : 1 + random.nextInt(50));
                large[i] = small[i].shiftLeft(70);
            }
            SpreadSums a = SpreadSums.of(small, sums(0, small));
            SpreadSums b = SpreadSums.of(large, sums(0, large));
            EffectiveSpread s = new EffectiveSpread(0, a.total, a.sum, a.sumSquare, small);
            for (int k = 0; k < SpreadSums.PERCENTS.length; k++) {
                assertEquals(s.extentWidth(SpreadSums.PERCENTS[k]), a.width(k), java.util.Arrays.toString(small));
                assertEquals(a.width(k), b.width(k), java.util.Arrays.toString(small));
            }
        }
    }

    @Test
    void aOneTapWindowKeepsItsInputsProfile() {
        EffectiveProfile in = EffectiveAxis.window(EffectiveProfile.input(), 3, 2, 1, 1);
        assertSame(in, EffectiveAxis.window(in, 1, 1, 3, 0));
        assertSame(in, EffectiveAxis.crop(in, 0));
    }

    /** {@code {sum of w, sum of x w, sum of x^2 w}} over {@code x = start, start + 1, ...}, by definition. */
    private static BigInteger[] sums(long start, BigInteger[] weights) {
        BigInteger total = BigInteger.ZERO;
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumSquare = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            BigInteger x = BigInteger.valueOf(start + i);
            total = total.add(weights[i]);
            sum = sum.add(x.multiply(weights[i]));
            sumSquare = sumSquare.add(x.multiply(x).multiply(weights[i]));
        }
        return new BigInteger[] {total, sum, sumSquare};
    }
}
