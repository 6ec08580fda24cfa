package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The extents of palindromic weights past 63 bits, which {@link SpreadSums} finds from each
 * weight's leading bits where they decide and by the exact running sum where they do not, against
 * the extents by their definition in {@link BigInteger}s: the first pixel whose cumulative weight
 * {@code C} has {@code 200 C > W (100 - p)} and the first with {@code 200 C >= W (100 + p)}.
 * Random palindromes (where the leading bits decide nearly always), and palindromes built so that
 * a cumulative weight, or the weight between a pixel and the middle, lands on or beside a bar with
 * low bits set, where they cannot decide.
 */
class LeadingExtentsTest {

    @Test
    void randomPalindromesGiveTheExtentsByDefinition() {
        Random random = new Random(20261207);
        for (int t = 0; t < 3_000; t++) {
            int half = 1 + random.nextInt(60);
            int bits = 63 + random.nextInt(400);
            BigInteger[] w = new BigInteger[2 * half - random.nextInt(2)];
            for (int i = 0; i < half; i++) {
                // Some zeros and small values among the wide ones, as a profile's tails have.
                int b = random.nextInt(5) == 0 ? random.nextInt(8) : bits - random.nextInt(20);
                w[i] = new BigInteger(b, random);
                w[w.length - 1 - i] = w[i];
            }
            if (total(w).bitLength() < 63) {
                w[0] = w[0].add(BigInteger.ONE.shiftLeft(63));
                w[w.length - 1] = w[0];
            }
            assertExtents(w, "case " + t);
        }
    }

    @Test
    void palindromesWithTotalsBelow63BitsGiveTheExtentsByDefinition() {
        // The shallow layers' profiles: totals from 1 to 2^62, every weight read whole (s = 0
        // below 2^61), or by its leading 61 bits; small ones make many cumulative weights fall
        // exactly on a bar.
        Random random = new Random(20261208);
        for (int t = 0; t < 4_000; t++) {
            int half = 1 + random.nextInt(40);
            int bits = t % 4 == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(55);
            BigInteger[] w = new BigInteger[2 * half - random.nextInt(2)];
            for (int i = 0; i < half; i++) {
                w[i] = new BigInteger(random.nextInt(5) == 0 ? random.nextInt(3) : bits, random);
                w[w.length - 1 - i] = w[i];
            }
            if (total(w).signum() == 0) {
                w[0] = BigInteger.ONE;
                w[w.length - 1] = w[0];
            }
            assertTrue(total(w).bitLength() < 63);
            assertExtents(w, "case " + t);
        }
        // Binomial rows, as a stack of 2-tap windows makes them: the bars fall on sums of them.
        for (int n = 1; n < 62; n++) {
            BigInteger[] w = new BigInteger[n + 1];
            for (int k = 0; k <= n; k++) {
                w[k] = binomial(n, k);
            }
            assertExtents(w, "binomial " + n);
        }
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            b = b.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return b;
    }

    @Test
    void cumulativeWeightsAtTheBarsAreDecidedExactly() {
        Random random = new Random(7);
        int undecided = 0;
        for (int t = 0; t < 2_000; t++) {
            // {x, y, z, y, x} with z = 18 (x + y) + d: the total is 20 (x + y) + d, so the bar of the
            // 90% extent's first pixel, floor(W / 20) + 1, lies within 3 of C = x + y, and the
            // 50% extent's, floor(W / 4) + 1, within 2 of C = 5 (x + y) + ... for the middle.
            int bits = 64 + random.nextInt(300);
            BigInteger x = new BigInteger(bits, random).setBit(bits - 1);
            BigInteger y = new BigInteger(bits, random).setBit(0);
            BigInteger z = x.add(y).multiply(BigInteger.valueOf(18)).add(BigInteger.valueOf(random.nextInt(81) - 40));
            BigInteger[] w = {x, y, z, y, x};
            assertExtents(w, "case " + t);
            // Where the leading bits leave C = x + y and the bar in one band of doubt, the exact
            // pass decided: count them, so that this test is known to reach it.
            BigInteger total = total(w);
            int s = total.bitLength() - 61;
            BigInteger bar = total.multiply(BigInteger.TEN).divide(BigInteger.valueOf(200)).add(BigInteger.ONE);
            BigInteger h = x.shiftRight(s).add(y.shiftRight(s));
            BigInteger unit = BigInteger.ONE.shiftLeft(s);
            boolean sureAbove = h.multiply(unit).compareTo(bar) >= 0;
            boolean sureBelow = h.add(BigInteger.TWO).multiply(unit).compareTo(bar) <= 0;
            if (!sureAbove && !sureBelow) {
                undecided++;
            }
        }
        assertTrue(undecided > 500, "too few cases the leading bits leave undecided: " + undecided);
    }

    @Test
    void weightsBetweenThePixelAndTheMiddleAtTheBarAreDecidedExactly() {
        Random random = new Random(11);
        int undecided = 0;
        for (int t = 0; t < 2_000; t++) {
            // {x, y, z, y, x} with z = 2 x - 2 y + e: the total is 4 x + e, so the 50% extent's bar,
            // floor(W / 4) + 1, lies within 11 of x = C(0), and the weight between pixel 1 and the
            // middle, y, within 11 of K = C(1) - bar.
            int bits = 64 + random.nextInt(300);
            BigInteger x = new BigInteger(bits, random).setBit(bits - 1);
            BigInteger y = new BigInteger(bits - 2, random).setBit(0);
            int e = random.nextInt(81) - 40;
            BigInteger z = x.subtract(y).shiftLeft(1).add(BigInteger.valueOf(e));
            BigInteger[] w = {x, y, z, y, x};
            assertExtents(w, "case " + t);
            // The walk from the middle reads y first: count where its leading bits leave y and K in
            // one band of doubt, so that this test is known to reach the exact pass.
            BigInteger total = total(w);
            int s = total.bitLength() - 61;
            BigInteger k = x.add(y).subtract(total.divide(BigInteger.valueOf(4)).add(BigInteger.ONE));
            long h = y.shiftRight(s).longValueExact();
            boolean surePast = k.signum() >= 0 && h > k.shiftRight(s).longValueExact();
            boolean sureWithin = k.signum() >= 0 && h + 1 <= k.add(BigInteger.ONE).shiftRight(s).longValueExact();
            if (k.signum() >= 0 && !surePast && !sureWithin) {
                undecided++;
            }
        }
        assertTrue(undecided > 500, "too few cases the leading bits leave undecided: " + undecided);
    }

    private static void assertExtents(BigInteger[] w, String where) {
        BigInteger total = total(w);
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumSquare = BigInteger.ZERO;
        for (int i = 0; i < w.length; i++) {
            BigInteger x = BigInteger.valueOf(i);
            sum = sum.add(x.multiply(w[i]));
            sumSquare = sumSquare.add(x.multiply(x).multiply(w[i]));
        }
        SpreadSums sums = SpreadSums.of(LimbArray.of(w), new BigInteger[] {total, sum, sumSquare}, true);
        for (int e = 0; e < SpreadSums.PERCENTS.length; e++) {
            assertEquals(widthByDefinition(w, total, SpreadSums.PERCENTS[e]), sums.width(e),
                    where + ", " + SpreadSums.PERCENTS[e] + "%");
        }
    }

    private static long widthByDefinition(BigInteger[] w, BigInteger total, int percent) {
        BigInteger c = BigInteger.ZERO;
        BigInteger twoHundred = BigInteger.valueOf(200);
        int first = -1;
        for (int i = 0; i < w.length; i++) {
            c = c.add(w[i]);
            if (first < 0 && c.multiply(twoHundred).compareTo(total.multiply(BigInteger.valueOf(100 - percent))) > 0) {
                first = i;
            }
            if (c.multiply(twoHundred).compareTo(total.multiply(BigInteger.valueOf(100 + percent))) >= 0) {
                return i - first + 1;
            }
        }
        throw new AssertionError("weights do not add up");
    }

    private static BigInteger total(BigInteger[] w) {
        BigInteger t = BigInteger.ZERO;
        for (BigInteger v : w) {
            t = t.add(v);
        }
        return t;
    }
}
