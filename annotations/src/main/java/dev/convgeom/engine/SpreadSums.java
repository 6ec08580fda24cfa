package dev.convgeom.engine;

import java.math.BigInteger;

/**
 * The exact sums behind one phase's {@link EffectiveSpread}, taken in one pass over its weights with
 * additions only, and the pixels where the cumulative weight crosses the central extents' bars.
 *
 * <p><b>Why additions only.</b> The weights of deep networks are integers of thousands of bits, so
 * every operation on them costs in proportion to their length, and multiplying each by its
 * coordinate (twice, for the second moment) cost more than the profile itself. With the running
 * sums {@code C(j) = w(0) + ... + w(j)}, {@code D(j) = C(0) + ... + C(j)} and
 * {@code B = D(0) + ... + D(n - 1)} over the {@code n} weights, and {@code t = n - i}:
 * {@code D(n - 1) = sum of w(i) t}, {@code B = sum of w(i) t (t + 1) / 2}, hence
 * {@code sum of i w(i) = n W - D(n - 1)} and
 * {@code sum of i^2 w(i) = n^2 W - 2 n D(n - 1) + 2 B - D(n - 1)}; moving the origin to
 * {@code start} takes a few multiplications per phase, not per pixel.
 *
 * <p><b>The extents' bars.</b> {@link EffectiveSpread#extent} asks for the first pixel where
 * {@code 200 C > W (100 - p)} and the first where {@code 200 C >= W (100 + p)}; as {@code C} is an
 * integer these are {@code C > floor(W (100 - p) / 200)} and {@code C >= ceil(W (100 + p) / 200)},
 * thresholds computed once, so the pass only compares.
 *
 * <p>While every running sum fits in a {@code long} (checked by {@link Math#addExact}), the pass runs
 * in {@code long}s; the first overflow restarts it with {@link BigInteger}s. Both give the same
 * integers.
 */
final class SpreadSums {

    /** The percentages whose extents {@link #of} finds. */
    static final int[] PERCENTS = {50, 90};

    final BigInteger total;
    final BigInteger sum;
    final BigInteger sumSquare;
    /** Per entry of {@link #PERCENTS}: the extent's first and last index into the weights. */
    final int[] first = new int[PERCENTS.length];
    final int[] last = new int[PERCENTS.length];

    private SpreadSums(BigInteger total, BigInteger sum, BigInteger sumSquare) {
        this.total = total;
        this.sum = sum;
        this.sumSquare = sumSquare;
    }

    /** The sums of {@code weights} at coordinates {@code start, start + 1, ...} and their extents. */
    static SpreadSums of(long start, BigInteger[] weights) {
        SpreadSums sums = ofLongs(start, weights);
        return sums != null ? sums : ofBigIntegers(start, weights);
    }

    /** The width in pixels of the extent of {@code PERCENTS[index]}. */
    long width(int index) {
        return (long) last[index] - first[index] + 1;
    }

    /** The pass in {@code long}s; null if a weight or a running sum does not fit. */
    private static SpreadSums ofLongs(long start, BigInteger[] weights) {
        int n = weights.length;
        long total = 0;
        for (BigInteger w : weights) {
            if (w.bitLength() > 62) {
                return null;
            }
            total += w.longValue();
            if (total < 0) {
                return null;
            }
        }
        long[] low = new long[PERCENTS.length];
        long[] high = new long[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            BigInteger[] bars = bars(BigInteger.valueOf(total), PERCENTS[k]);
            low[k] = bars[0].longValue();
            high[k] = bars[1].longValue();
        }
        int[] first = new int[PERCENTS.length];
        int[] last = new int[PERCENTS.length];
        java.util.Arrays.fill(first, -1);
        java.util.Arrays.fill(last, -1);
        long c = 0;
        long d = 0;
        long b = 0;
        try {
            for (int i = 0; i < n; i++) {
                c += weights[i].longValue();
                d = Math.addExact(d, c);
                b = Math.addExact(b, d);
                for (int k = 0; k < PERCENTS.length; k++) {
                    if (first[k] < 0 && c > low[k]) {
                        first[k] = i;
                    }
                    if (last[k] < 0 && c >= high[k]) {
                        last[k] = i;
                    }
                }
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        SpreadSums sums = moments(start, n, BigInteger.valueOf(total), BigInteger.valueOf(d), BigInteger.valueOf(b));
        System.arraycopy(first, 0, sums.first, 0, first.length);
        System.arraycopy(last, 0, sums.last, 0, last.length);
        return sums;
    }

    private static SpreadSums ofBigIntegers(long start, BigInteger[] weights) {
        int n = weights.length;
        BigInteger total = BigInteger.ZERO;
        for (BigInteger w : weights) {
            total = total.add(w);
        }
        BigInteger[] low = new BigInteger[PERCENTS.length];
        BigInteger[] high = new BigInteger[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            BigInteger[] bars = bars(total, PERCENTS[k]);
            low[k] = bars[0];
            high[k] = bars[1];
        }
        int[] first = new int[PERCENTS.length];
        int[] last = new int[PERCENTS.length];
        java.util.Arrays.fill(first, -1);
        java.util.Arrays.fill(last, -1);
        BigInteger c = BigInteger.ZERO;
        BigInteger d = BigInteger.ZERO;
        BigInteger b = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            c = c.add(weights[i]);
            d = d.add(c);
            b = b.add(d);
            for (int k = 0; k < PERCENTS.length; k++) {
                if (first[k] < 0 && c.compareTo(low[k]) > 0) {
                    first[k] = i;
                }
                if (last[k] < 0 && c.compareTo(high[k]) >= 0) {
                    last[k] = i;
                }
            }
        }
        SpreadSums sums = moments(start, n, total, d, b);
        System.arraycopy(first, 0, sums.first, 0, first.length);
        System.arraycopy(last, 0, sums.last, 0, last.length);
        return sums;
    }

    /**
     * The bars of the extent of {@code percent}: {@code {floor(W (100 - p) / 200),
     * ceil(W (100 + p) / 200)}} (see the class comment).
     */
    static BigInteger[] bars(BigInteger total, int percent) {
        BigInteger twoHundred = BigInteger.valueOf(200);
        BigInteger low = total.multiply(BigInteger.valueOf(100 - percent)).divide(twoHundred);
        BigInteger[] q = total.multiply(BigInteger.valueOf(100 + percent)).divideAndRemainder(twoHundred);
        BigInteger high = q[1].signum() == 0 ? q[0] : q[0].add(BigInteger.ONE);
        return new BigInteger[] {low, high};
    }

    /** The moments about the origin from the running sums' ends (see the class comment). */
    private static SpreadSums moments(long start, int n, BigInteger total, BigInteger d, BigInteger b) {
        BigInteger count = BigInteger.valueOf(n);
        BigInteger first = count.multiply(total).subtract(d);
        BigInteger second = count.multiply(count).multiply(total)
                .subtract(count.shiftLeft(1).multiply(d)).add(b.shiftLeft(1)).subtract(d);
        BigInteger origin = BigInteger.valueOf(start);
        BigInteger sum = origin.multiply(total).add(first);
        BigInteger sumSquare = origin.multiply(origin).multiply(total).add(origin.shiftLeft(1).multiply(first))
                .add(second);
        return new SpreadSums(total, sum, sumSquare);
    }
}
