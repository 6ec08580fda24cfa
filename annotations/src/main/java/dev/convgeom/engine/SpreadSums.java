package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One phase's statistics as {@link EffectiveFields.AxisField} needs them: the exact sums behind its
 * {@link EffectiveSpread} (carried through the layers by {@link EffectiveProfile}, so not summed
 * here) and its 50% and 90% central extents, found in one pass over the weights that only adds and
 * compares.
 *
 * <p><b>The extents' bars.</b> {@link EffectiveSpread#extent} asks for the first pixel where
 * {@code 200 C > W (100 - p)} and the first where {@code 200 C >= W (100 + p)}, {@code C} the
 * cumulative weight; as {@code C} is an integer these are {@code C > floor(W (100 - p) / 200)} and
 * {@code C >= ceil(W (100 + p) / 200)}: thresholds computed once per phase. The weights of deep
 * networks are integers of thousands of bits, so each operation per pixel costs their length.
 *
 * <p>While the total fits in a {@code long} (so does every cumulative weight, the weights being
 * positive) the pass runs in {@code long}s, else in fixed-width limbs ({@link LimbArray}) wide
 * enough for the total, added and compared in place; both compare the same integers. Weights that
 * read the same backwards take neither: they are walked from the middle
 * ({@link #of(LimbArray, BigInteger[], boolean)}).
 */
final class SpreadSums {

    /** The percentages whose extents {@link #of} finds. */
    static final int[] PERCENTS = {50, 90};

    /** The sum of the numerators, of {@code x * w(x)} and of {@code x^2 * w(x)}. */
    final BigInteger total;
    final BigInteger sum;
    final BigInteger sumSquare;
    /** Per entry of {@link #PERCENTS}: the extent's first and last index into the weights. */
    private final int[] first = new int[PERCENTS.length];
    private final int[] last = new int[PERCENTS.length];

    private SpreadSums(BigInteger[] moments) {
        this.total = moments[0];
        this.sum = moments[1];
        this.sumSquare = moments[2];
        Arrays.fill(first, -1);
        Arrays.fill(last, -1);
    }

    /** The extents of {@code weights}, whose moments are {@code {total, sum, sumSquare}}. */
    static SpreadSums of(BigInteger[] weights, BigInteger[] moments) {
        return of(LimbArray.of(weights), moments);
    }

    /** The extents of {@code weights}, whose moments are {@code {total, sum, sumSquare}}. */
    static SpreadSums of(LimbArray weights, BigInteger[] moments) {
        return of(weights, moments, false);
    }

    /**
     * As {@link #of(LimbArray, BigInteger[])}; {@code palindrome}: the weights are known to read
     * the same backwards, so each extent's last pixel mirrors its first and the pass stops at the
     * first pixels.
     *
     * <p>Why: with {@code w(i) = w(n - 1 - i)}, {@code C(i) = W - C(n - 2 - i)}, and
     * {@code W - ceil(W (100 + p) / 200) = floor(W (100 - p) / 200)}, so the last pixel where
     * {@code C < ceil(W (100 + p) / 200)} mirrors the last where {@code C <= floor(W (100 - p) / 200)},
     * the one before the first: {@code last = n - 1 - first}.
     */
    static SpreadSums of(LimbArray weights, BigInteger[] moments, boolean palindrome) {
        SpreadSums s = new SpreadSums(moments);
        // A palindrome takes the walk from the middle whatever its total: it visits the pixels
        // from the middle to the 5 % point, where the pass in longs visits those from the start
        // to the 95 % point (most of a shallow layer's profile). Both find the same pixels (see
        // above and leadingMirroredExtents, which with a total below 2^61 reads whole weights).
        if (s.total.bitLength() < 63 && !palindrome) {
            s.extentsInLongs(weights);
        } else {
            s.extentsInLimbs(weights, palindrome);
        }
        for (int k = 0; k < PERCENTS.length; k++) {
            if (s.last[k] < 0) {
                throw new IllegalStateException("weights do not add up to their total");
            }
        }
        return s;
    }

    /** The width in pixels of the extent of {@code PERCENTS[index]}. */
    long width(int index) {
        return (long) last[index] - first[index] + 1;
    }

    private void extentsInLongs(LimbArray weights) {
        long[] low = new long[PERCENTS.length];
        long[] high = new long[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            BigInteger[] bars = bars(total, PERCENTS[k]);
            low[k] = bars[0].longValueExact();
            high[k] = bars[1].longValueExact();
        }
        long c = 0;
        // The last bar of the widest extent comes last: PERCENTS ascend.
        for (int i = 0; i < weights.count() && last[PERCENTS.length - 1] < 0; i++) {
            c = Math.addExact(c, weights.longValue(i));
            for (int k = 0; k < PERCENTS.length; k++) {
                if (first[k] < 0 && c > low[k]) {
                    first[k] = i;
                }
                if (last[k] < 0 && c >= high[k]) {
                    last[k] = i;
                }
            }
        }
    }

    private void extentsInLimbs(LimbArray weights, boolean palindrome) {
        // The cumulative weight never exceeds the total, nor do the bars: limbs for the total hold them.
        int width = Math.max(weights.width(), LimbArray.limbsFor(total.bitLength()));
        if (palindrome) {
            if (!leadingMirroredExtents(weights)) {
                Arrays.fill(first, -1);
                Arrays.fill(last, -1);
                mirroredExtents(weights, width);
            }
            return;
        }
        // Each bar as "C >= t" (C > low is C >= low + 1), in ascending t: as C only grows, a pixel
        // need only be compared with the next bar not yet reached, not with all of them.
        int events = 2 * PERCENTS.length;
        BigInteger[] thresholds = new BigInteger[events];
        for (int k = 0; k < PERCENTS.length; k++) {
            BigInteger[] bars = bars(total, PERCENTS[k]);
            thresholds[2 * k] = bars[0].add(BigInteger.ONE);
            thresholds[2 * k + 1] = bars[1];
        }
        Integer[] order = new Integer[events];
        for (int e = 0; e < events; e++) {
            order[e] = e;
        }
        java.util.Arrays.sort(order, (x, y) -> thresholds[x].compareTo(thresholds[y]));
        long[][] limbs = new long[events][];
        for (int e = 0; e < events; e++) {
            limbs[e] = LimbArray.toLimbs(thresholds[order[e]], width);
        }
        long[] c = new long[width];
        int next = 0;
        for (int i = 0; i < weights.count() && next < events; i++) {
            weights.addTo(c, i);
            while (next < events && LimbArray.compare(c, limbs[next]) >= 0) {
                int e = order[next++];
                if (e % 2 == 0) {
                    first[e / 2] = i;
                } else {
                    last[e / 2] = i;
                }
            }
        }
    }

    /**
     * As {@link #mirroredExtents}, walking from the middle out and reading each weight's leading
     * bits only, where they decide; false where they do not (then nothing is known, and the
     * caller runs the exact pass from the start).
     *
     * <p>Why from the middle: a deep profile's tails are long and light (its width grows with the
     * depth, its spread with the square root), so its 5 % and 25 % points lie far nearer the
     * middle than the start. With {@code m = floor(n / 2)} the palindrome fixes the cumulative
     * weight {@code C(m - 1)} exactly: {@code W / 2} for even {@code n}, {@code (W - w(m)) / 2} for
     * odd. The first pixel of a bar {@code t} is the first {@code j} with {@code C(j) >= t}, that is
     * where {@code D = w(j + 1) + ... + w(m - 1)} still has {@code D <= K = C(m - 1) - t}, found
     * going down from {@code j = m - 1} as the first {@code j} at which adding {@code w(j)} passes
     * {@code K}.
     *
     * <p>Why the leading bits decide exactly: with {@code a(j) = floor(w(j) / 2^s)} and {@code H}
     * the sum of the {@code c} terms of {@code D}, {@code D} lies in {@code [H 2^s, (H + c) 2^s)}. So
     * {@code D > K} where {@code H > floor(K / 2^s)}, and {@code D <= K} where
     * {@code H + c <= floor((K + 1) / 2^s)}; between the two the pass gives up. {@code s} leaves
     * the total 61 bits, so {@code H} and the bars fit a {@code long}, and the band of doubt is a
     * fraction below {@code 2^-40} of the total for fewer than {@code 2^17} weights
     * ({@link EffectiveFields#MAX_WEIGHTS}): one addition of a {@code long} per pixel instead of
     * one per limb, over the pixels between the middle and the 5 % point only.
     */
    private boolean leadingMirroredExtents(LimbArray weights) {
        int n = weights.count();
        int m = n / 2;
        BigInteger[] half = (n % 2 == 0 ? total : total.subtract(weights.get(m))).divideAndRemainder(BigInteger.TWO);
        if (m == 0 || half[1].signum() != 0) {
            return false;
        }
        int s = Math.max(0, total.bitLength() - 61);
        // Per percentage, ascending, so K ascends: floor(K / 2^s) and floor((K + 1) / 2^s).
        long[] passes = new long[PERCENTS.length];
        long[] within = new long[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            BigInteger bound = half[0].subtract(bars(total, PERCENTS[k])[0].add(BigInteger.ONE));
            if (bound.signum() < 0) {
                // The bar lies at the middle or beyond it: the pass from the start finds it.
                return false;
            }
            passes[k] = bound.shiftRight(s).longValueExact();
            within[k] = bound.add(BigInteger.ONE).shiftRight(s).longValueExact();
        }
        long h = 0;
        int next = 0;
        for (int j = m - 1; j >= 0 && next < PERCENTS.length; j--) {
            h += weights.leading(j, s);
            long terms = m - j;
            while (next < PERCENTS.length) {
                if (h > passes[next]) {
                    first[next] = j;
                    last[next] = n - 1 - j;
                    next++;
                } else if (h + terms <= within[next]) {
                    break;
                } else {
                    return false;
                }
            }
        }
        return next == PERCENTS.length;
    }

    /**
     * The extents of weights that read the same backwards (see {@link #of(LimbArray, BigInteger[],
     * boolean)}): each first pixel, {@code C > floor(W (100 - p) / 200)}, found by the running sum,
     * which stops there; each last pixel its mirror.
     */
    private void mirroredExtents(LimbArray weights, int width) {
        // The widest extent's bar is the lowest: PERCENTS ascend, so their bars are met in reverse.
        long[][] lowBars = new long[PERCENTS.length][];
        for (int k = 0; k < PERCENTS.length; k++) {
            lowBars[k] = LimbArray.toLimbs(bars(total, PERCENTS[k])[0].add(BigInteger.ONE), width);
        }
        long[] c = new long[width];
        int next = PERCENTS.length - 1;
        for (int i = 0; i < weights.count() && next >= 0; i++) {
            weights.addTo(c, i);
            while (next >= 0 && LimbArray.compare(c, lowBars[next]) >= 0) {
                first[next] = i;
                last[next] = weights.count() - 1 - i;
                next--;
            }
        }
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
}
