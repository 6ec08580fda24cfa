package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A row of non-negative integers of one fixed width, in place: value {@code i} is
 * {@code width} limbs of {@link #BITS} bits, least significant first, at
 * {@code limbs[i * width ..]} of one {@code long[]}.
 *
 * <p>Why: the effective profiles of deep networks are tens of thousands of integers of hundreds
 * of bits, and a layer adds each of its inputs' profiles into its own once per tap. As
 * {@link BigInteger}s every addition allocates a new number; here it adds into the row, with no
 * allocation, and a limb of 62 bits leaves two spare bits for the carry, so a sum of three limbs
 * cannot overflow a {@code long} (read unsigned) and no carry test needs an unsigned comparison.
 *
 * <p>Exact or refused: the caller sizes the row for the largest value it will hold
 * ({@link #limbsFor}); an addition whose carry would leave the top limb throws
 * {@link ArithmeticException} instead of losing it.
 *
 * <p>A row that reads the same backwards writes its second half only when something reads it
 * ({@link #mirror}): every method that reads values first writes those it reads.
 */
final class LimbArray {

    /** Bits per limb. */
    static final int BITS = 62;
    private static final long MASK = (1L << BITS) - 1;

    private final int count;
    private final int width;
    private final long[] limbs;
    /**
     * Values {@code 0 .. written - 1} are in {@link #limbs}; from there on each is the mirror of
     * value {@code count - 1 - i}, not yet copied ({@link #mirror}). Volatile, and raised only
     * after the values below it are copied (under the row's lock), so that a thread that reads
     * it sees those values.
     */
    private volatile int written;

    private LimbArray(int count, int width, long[] limbs) {
        this.count = count;
        this.width = width;
        this.limbs = limbs;
        this.written = count;
    }

    /** Makes values {@code 0 .. upTo - 1} readable in {@link #limbs} (see {@link #mirror}). */
    private void ensure(int upTo) {
        if (upTo > written) {
            copyMirror(upTo);
        }
    }

    private synchronized void copyMirror(int upTo) {
        int from = written;
        int to = Math.min(upTo, count);
        long[] t = limbs;
        // Value count - 1 - i lies below (count + 1) / 2 <= from for every i >= from: written.
        for (int i = from; i < to; i++) {
            int into = i * width;
            int source = (count - 1 - i) * width;
            for (int l = 0; l < width; l++) {
                t[into + l] = t[source + l];
            }
        }
        if (to > from) {
            written = to;
        }
    }

    /** {@code count} zeros of {@code width} limbs each. */
    static LimbArray zeros(int count, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width " + width);
        }
        return new LimbArray(count, width, new long[Math.multiplyExact(count, width)]);
    }

    /** The values of {@code values} (none negative), as wide as the largest needs. */
    static LimbArray of(BigInteger[] values) {
        int bits = 0;
        for (BigInteger v : values) {
            if (v.signum() < 0) {
                throw new IllegalArgumentException("negative: " + v);
            }
            bits = Math.max(bits, v.bitLength());
        }
        LimbArray a = zeros(values.length, limbsFor(bits));
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /** Limbs that hold every integer of {@code bitLength} bits (at least one). */
    static int limbsFor(int bitLength) {
        return Math.max(1, (bitLength + BITS - 1) / BITS);
    }

    /** How many values. */
    int count() {
        return count;
    }

    /** Limbs per value. */
    int width() {
        return width;
    }

    /** Value {@code i}. */
    BigInteger get(int i) {
        ensure(i + 1);
        BigInteger v = BigInteger.ZERO;
        for (int l = width - 1; l >= 0; l--) {
            v = v.shiftLeft(BITS).or(BigInteger.valueOf(limbs[i * width + l]));
        }
        return v;
    }

    /** Every value, as {@link BigInteger}s. */
    BigInteger[] toBigIntegers() {
        ensure(count);
        BigInteger[] out = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /**
     * {@code floor(value(i) / 2^shift)}, for a value below {@code 2^(shift + 62)} (the caller's
     * bound; the limb above the two read is not looked at): its bits lie in at most two
     * neighbouring limbs.
     *
     * @throws ArithmeticException if the second limb read holds bits beyond 62 of the result
     */
    long leading(int i, int shift) {
        ensure(i + 1);
        int l = shift / BITS;
        int r = shift % BITS;
        int base = i * width;
        if (l >= width) {
            return 0;
        }
        long low = limbs[base + l] >>> r;
        if (l + 1 >= width) {
            return low;
        }
        long next = limbs[base + l + 1];
        if (next >>> r != 0) {
            throw new ArithmeticException("value " + i + " over 2^" + shift + " exceeds " + BITS + " bits");
        }
        // r > 0 here unless next is 0: a shift by 62 of a limb below 2^r.
        return r == 0 ? low : low | next << (BITS - r);
    }

    /** Value {@code i} as a {@code long}, which it must fit. */
    long longValue(int i) {
        ensure(i + 1);
        int base = i * width;
        for (int l = 2; l < width; l++) {
            if (limbs[base + l] != 0) {
                throw new ArithmeticException("value " + i + " does not fit a long");
            }
        }
        long high = width > 1 ? limbs[base + 1] : 0;
        if (high >>> (63 - BITS) != 0) {
            throw new ArithmeticException("value " + i + " does not fit a long");
        }
        return high << BITS | limbs[base];
    }

    /** Sets value {@code i} to {@code v}, which must be non-negative and fit the width. */
    void set(int i, BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > width * BITS) {
            throw new ArithmeticException(v + " does not fit " + width + " limbs");
        }
        long[] words = toLimbs(v, width);
        System.arraycopy(words, 0, limbs, i * width, width);
    }

    /** Whether value {@code i} is zero. */
    boolean isZero(int i) {
        ensure(i + 1);
        int base = i * width;
        for (int l = 0; l < width; l++) {
            if (limbs[base + l] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Values {@code from .. to - 1}, a new row of the same width. */
    LimbArray range(int from, int to) {
        ensure(to);
        return new LimbArray(to - from, width, Arrays.copyOfRange(limbs, from * width, to * width));
    }

    /** Sets values {@code offset, offset + 1, ...} to {@code run}'s values, which must fit this row's width. */
    void copy(int offset, LimbArray run) {
        run.ensure(run.count);
        if (run.width == width) {
            System.arraycopy(run.limbs, 0, limbs, offset * width, run.limbs.length);
            return;
        }
        for (int i = 0; i < run.count; i++) {
            int base = (offset + i) * width;
            int from = i * run.width;
            for (int l = 0; l < Math.max(width, run.width); l++) {
                long v = l < run.width ? run.limbs[from + l] : 0;
                if (l >= width) {
                    if (v != 0) {
                        throw overflow();
                    }
                } else {
                    limbs[base + l] = v;
                }
            }
        }
    }

    /**
     * Adds {@code a}'s values to values {@code offA, offA + 1, ...} and {@code b}'s to
     * {@code offB, ...}, as two {@link #addScaled} calls by 1 would, in one pass: a window's taps
     * are copies of one profile moved, and adding two at a time reads and writes this row half as
     * often. Three limbs and a carry below 3 sum to less than {@code 2^64}, read unsigned.
     */
    void addBoth(int offA, LimbArray a, int offB, LimbArray b) {
        a.ensure(a.count);
        b.ensure(b.count);
        if (b.width != a.width || a.width > width) {
            addScaled(offA, a, BigInteger.ONE);
            addScaled(offB, b, BigInteger.ONE);
            return;
        }
        addRuns(count, offA, a, offB, b);
    }

    /**
     * As {@link #copy} then {@link #addBoth} (or {@link #addScaled} by 1 for a run left alone),
     * for values below {@code limit} only: the first half of a sum that reads the same backwards
     * ({@link #mirror} makes the rest). Every run must be as wide as the first and at most as wide
     * as this row, and the row zero below {@code limit}; {@code offsets[i]} places {@code runs[i]}.
     *
     * @throws ArithmeticException if a sum does not fit this row's width
     */
    void sumBelow(int limit, int[] offsets, LimbArray[] runs) {
        // Each run is read below limit - offset only: a palindrome's mirror half mostly stays unwritten.
        for (int k = 0; k < runs.length; k++) {
            runs[k].ensure(limit - offsets[k]);
        }
        long[] t = limbs;
        int w = runs[0].width;
        // The first run copied, the others added two at a time, as EffectiveProfile's whole sum does.
        LimbArray first = runs[0];
        int copied = Math.min(first.count, limit - offsets[0]);
        if (copied > 0 && w == width) {
            System.arraycopy(first.limbs, 0, t, offsets[0] * width, copied * w);
        } else {
            // Narrower values: each into the low limbs of its place, the zeros above kept.
            for (int i = 0; i < copied; i++) {
                System.arraycopy(first.limbs, i * w, t, (offsets[0] + i) * width, w);
            }
        }
        for (int k = 1; k < runs.length; k += 2) {
            addRuns(limit, offsets[k], runs[k], k + 1 < runs.length ? offsets[k + 1] : 0,
                    k + 1 < runs.length ? runs[k + 1] : null);
        }
    }

    /**
     * The one row loop of {@link #addBoth} and {@link #sumBelow}: adds {@code a}'s values to values
     * {@code offA, offA + 1, ...} and {@code b}'s (none if null) to {@code offB, ...}, of values
     * below {@code limit} only; both as wide as each other and at most as wide as this row. Where
     * the two runs overlap a value takes both in one pass, elsewhere the one it meets; split into
     * those stretches first, so that no value asks which runs cover it.
     */
    private void addRuns(int limit, int offA, LimbArray a, int offB, LimbArray b) {
        int endA = Math.min(limit, offA + a.count);
        if (b == null) {
            addRange(offA, endA, a, offA, null, 0);
            return;
        }
        int endB = Math.min(limit, offB + b.count);
        int lo = Math.max(offA, offB);
        int hi = Math.min(endA, endB);
        if (lo >= hi) {
            addRange(offA, endA, a, offA, null, 0);
            addRange(offB, endB, b, offB, null, 0);
            return;
        }
        // Before the overlap only one run starts (the other from lo); after it only one goes on.
        addRange(offA, lo, a, offA, null, 0);
        addRange(offB, lo, b, offB, null, 0);
        addRange(lo, hi, a, offA, b, offB);
        addRange(hi, endA, a, offA, null, 0);
        addRange(hi, endB, b, offB, null, 0);
    }

    /**
     * Values {@code from .. to - 1} (none if {@code to <= from}): each plus {@code a}'s value
     * {@code v - offA} and, unless {@code b} is null, {@code b}'s value {@code v - offB}.
     */
    private void addRange(int from, int to, LimbArray a, int offA, LimbArray b, int offB) {
        long[] t = limbs;
        long[] x = a.limbs;
        int w = a.width;
        if (b == null) {
            for (int v = from; v < to; v++) {
                int base = v * width;
                int fa = (v - offA) * w;
                long carry = 0;
                for (int l = 0; l < w; l++) {
                    long sum = t[base + l] + x[fa + l] + carry;
                    t[base + l] = sum & MASK;
                    carry = sum >>> BITS;
                }
                if (carry != 0) {
                    carry(base, w, carry);
                }
            }
            return;
        }
        long[] y = b.limbs;
        for (int v = from; v < to; v++) {
            int base = v * width;
            int fa = (v - offA) * w;
            int fb = (v - offB) * w;
            long carry = 0;
            for (int l = 0; l < w; l++) {
                long sum = t[base + l] + x[fa + l] + y[fb + l] + carry;
                t[base + l] = sum & MASK;
                carry = sum >>> BITS;
            }
            if (carry != 0) {
                carry(base, w, carry);
            }
        }
    }

    /** Adds {@code carry} to the value at {@code base} from its limb {@code l} up. */
    private void carry(int base, int l, long carry) {
        long[] t = limbs;
        for (; carry != 0; l++) {
            if (l >= width) {
                throw overflow();
            }
            long sum = t[base + l] + carry;
            t[base + l] = sum & MASK;
            carry = sum >>> BITS;
        }
    }

    /**
     * Sets value {@code i} to value {@code count - 1 - i} for every {@code i} of the row's second
     * half: at once in meaning, and in {@link #limbs} as far as something reads them. Why: the
     * next layer's half sum ({@link #sumBelow}) reads a palindrome's first half and a few values
     * past it; copying the whole second half was a tenth of the effective fields' time. Nothing
     * is added to the row after (its values are final).
     */
    void mirror() {
        written = Math.min(written, (count + 1) / 2);
    }

    /**
     * Adds {@code factor} times each value of {@code run} to values {@code offset, offset + 1, ...}
     * of this row, {@code factor >= 0}.
     *
     * @throws ArithmeticException if a sum does not fit this row's width (nothing is lost silently;
     *                             the row is then partly updated)
     */
    void addScaled(int offset, LimbArray run, BigInteger factor) {
        if (factor.signum() < 0) {
            throw new IllegalArgumentException("negative factor " + factor);
        }
        if (factor.signum() == 0) {
            return;
        }
        run.ensure(run.count);
        if (factor.bitLength() > BITS) {
            // Rare (a merge of profiles whose denominators differ by more than 62 bits): exact,
            // through BigInteger.
            for (int i = 0; i < run.count; i++) {
                long[] product = toLimbs(run.get(i).multiply(factor), -1);
                addLimbs(offset + i, product, 0, product.length);
            }
            return;
        }
        long f = factor.longValue();
        int rw = run.width;
        long[] r = run.limbs;
        if (f == 1 && rw <= width) {
            // Most taps: the row loop addBoth and sumBelow use.
            addRange(offset, offset + run.count, run, offset, null, 0);
            return;
        }
        if (f == 1) {
            for (int i = 0; i < run.count; i++) {
                addLimbs(offset + i, r, i * rw, rw);
            }
            return;
        }
        for (int i = 0; i < run.count; i++) {
            int base = (offset + i) * width;
            int from = i * rw;
            long carry = 0;
            int l = 0;
            for (; l < rw; l++) {
                long a = r[from + l];
                long lo = a * f;
                // a, f < 2^62: the product is below 2^124; split it at 62 bits.
                long hi = Math.multiplyHigh(a, f);
                long low62 = lo & MASK;
                long high62 = hi << (64 - BITS) | lo >>> BITS;
                if (l >= width) {
                    if (low62 != 0 || carry != 0 || high62 != 0) {
                        throw overflow();
                    }
                    continue;
                }
                // Each term below 2^62 + 3: the sum fits 64 bits read unsigned.
                long s = limbs[base + l] + low62 + carry;
                limbs[base + l] = s & MASK;
                carry = high62 + (s >>> BITS);
            }
            for (; carry != 0; l++) {
                if (l >= width) {
                    throw overflow();
                }
                long s = limbs[base + l] + carry;
                limbs[base + l] = s & MASK;
                carry = s >>> BITS;
            }
        }
    }

    /** Adds the {@code length} limbs at {@code source[from ..]} to value {@code i}. */
    private void addLimbs(int i, long[] source, int from, int length) {
        int base = i * width;
        long carry = 0;
        int l = 0;
        for (; l < length; l++) {
            long a = source[from + l];
            if (l >= width) {
                if (a != 0 || carry != 0) {
                    throw overflow();
                }
                continue;
            }
            long s = limbs[base + l] + a + carry;
            limbs[base + l] = s & MASK;
            carry = s >>> BITS;
        }
        for (; carry != 0; l++) {
            if (l >= width) {
                throw overflow();
            }
            long s = limbs[base + l] + carry;
            limbs[base + l] = s & MASK;
            carry = s >>> BITS;
        }
    }

    /** The sign of {@code a - b}, two numbers of the same number of limbs. */
    static int compare(long[] a, long[] b) {
        for (int l = a.length - 1; l >= 0; l--) {
            if (a[l] != b[l]) {
                return a[l] < b[l] ? -1 : 1;
            }
        }
        return 0;
    }

    /** Adds value {@code i} to {@code sum}, a number in limbs at least as wide as this row's values. */
    void addTo(long[] sum, int i) {
        ensure(i + 1);
        if (sum.length < width) {
            throw new IllegalArgumentException("a sum of " + sum.length + " limbs for values of " + width);
        }
        int base = i * width;
        long carry = 0;
        for (int l = 0; l < sum.length; l++) {
            if (l >= width && carry == 0) {
                return;
            }
            long s = sum[l] + (l < width ? limbs[base + l] : 0) + carry;
            sum[l] = s & MASK;
            carry = s >>> BITS;
        }
        if (carry != 0) {
            throw overflow();
        }
    }

    /** {@code v >= 0} in limbs: {@code width} of them, or as many as it needs if {@code width < 0}. */
    static long[] toLimbs(BigInteger v, int width) {
        int n = width < 0 ? limbsFor(v.bitLength()) : width;
        if (v.bitLength() > n * BITS || v.signum() < 0) {
            throw new ArithmeticException(v + " does not fit " + n + " limbs");
        }
        long[] out = new long[n];
        for (int l = 0; l < n && v.signum() != 0; l++) {
            out[l] = v.longValue() & MASK;
            v = v.shiftRight(BITS);
        }
        return out;
    }

    private static ArithmeticException overflow() {
        return new ArithmeticException("a sum exceeds the limbs sized for it");
    }

    /** The same values, whatever the widths. */
    boolean sameValues(LimbArray o) {
        if (o.count != count) {
            return false;
        }
        ensure(count);
        o.ensure(o.count);
        if (o.width == width) {
            return Arrays.equals(o.limbs, limbs);
        }
        for (int i = 0; i < count; i++) {
            for (int l = 0; l < Math.max(width, o.width); l++) {
                long a = l < width ? limbs[i * width + l] : 0;
                long b = l < o.width ? o.limbs[i * o.width + l] : 0;
                if (a != b) {
                    return false;
                }
            }
        }
        return true;
    }
}
