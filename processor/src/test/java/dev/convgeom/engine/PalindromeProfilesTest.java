package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The symmetry short cut of the effective profiles ({@link EffectiveProfile#ofWindow}: a window
 * over a palindrome sums half and mirrors it; {@link SpreadSums} then finds only the extents' first
 * pixels): every profile flagged as a palindrome must read the same backwards (on random graphs),
 * and deep chains of windows, whose numerators pass 63 bits so the extents run in limbs, must give
 * the weights of the sum written out by definition here (each tap a copy of the input's profile,
 * in {@link BigInteger}s) and the extents {@link EffectiveSpread} defines.
 */
class PalindromeProfilesTest {

    @Test
    void flaggedProfilesReadTheSameBackwards() {
        int flagged = 0;
        for (long seed = 0; seed < 150; seed++) {
            Dag dag = RandomDags.generate(20_261_207L + seed);
            GeometryResult g = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            List<LayerField> fields = EffectiveFields.of(g);
            for (LayerField field : fields) {
                if (field == null) {
                    continue;
                }
                for (Axis axis : Axis.values()) {
                    EffectiveProfile p = field.axis(axis).profile();
                    if (p.isPalindrome()) {
                        flagged++;
                        BigInteger[] w = p.weights(0);
                        BigInteger[] reversed = w.clone();
                        java.util.Collections.reverse(Arrays.asList(reversed));
                        assertEquals(Arrays.asList(w), Arrays.asList(reversed), dag.toJava());
                    }
                }
            }
        }
        assertTrue(flagged > 500, "too few palindromes: " + flagged);
    }

    @Test
    void deepChainsOfWindowsMatchTheirSumsByDefinition() {
        Random random = new Random(2026);
        int inLimbs = 0;
        for (int chain = 0; chain < 60; chain++) {
            EffectiveProfile p = EffectiveProfile.input();
            // By definition: unit 0's weights from `start`, units `shift` apart, over `den`.
            BigInteger[] weights = {BigInteger.ONE};
            long start = 0;
            long shift = 1;
            BigInteger den = BigInteger.ONE;
            int depth = 20 + random.nextInt(60);
            for (int layer = 0; layer < depth; layer++) {
                long k = 1 + random.nextInt(5);
                long s = 1 + random.nextInt(layer < 4 ? 3 : 1);
                long d = 1 + random.nextInt(3);
                long pb = random.nextInt((int) k);
                if (k == 1 && s == 1 && pb == 0) {
                    continue;
                }
                p = EffectiveAxis.window(p, k, s, d, pb);
                // Tap j of unit 0 reads input unit j d - pb, whose weights start shift (j d - pb) later.
                long first = start - pb * shift;
                long last = start + ((k - 1) * d - pb) * shift + weights.length - 1;
                BigInteger[] sum = new BigInteger[Math.toIntExact(last - first + 1)];
                Arrays.fill(sum, BigInteger.ZERO);
                for (long j = 0; j < k; j++) {
                    long at = start + (j * d - pb) * shift - first;
                    for (int i = 0; i < weights.length; i++) {
                        sum[(int) at + i] = sum[(int) at + i].add(weights[i]);
                    }
                }
                weights = sum;
                start = first;
                shift *= s;
                den = den.multiply(BigInteger.valueOf(k));
                String where = "chain " + chain + " layer " + layer;
                assertEquals(1, p.period(), where);
                assertTrue(p.isPalindrome(), where);
                assertEquals(start, p.start(0), where);
                BigInteger[] got = p.weights(0);
                assertEquals(weights.length, got.length, where);
                for (int i = 0; i < got.length; i++) {
                    // Equal as fractions: the profile divides out common factors.
                    assertEquals(weights[i].multiply(p.denominator()), got[i].multiply(den), where + " weight " + i);
                }
                EffectiveSpread spread = p.spread(0);
                SpreadSums sums = p.sums(0);
                for (int e = 0; e < SpreadSums.PERCENTS.length; e++) {
                    assertEquals(spread.extentWidth(SpreadSums.PERCENTS[e]), sums.width(e), where);
                }
                if (spread.total().bitLength() >= 63) {
                    inLimbs++;
                }
            }
        }
        assertTrue(inLimbs > 300, "too few layers with extents in limbs: " + inLimbs);
    }
}
