package dev.convgeom;

import static dev.convgeom.Narrowing.toInt;

import java.util.Arrays;

/**
 * The exact geometry of one axis of a map while walking a graph: centre map
 * {@code center + jump * u}, and the fields of units {@code 0 .. period-1}, every other unit's
 * following by {@code shift = period * jump} pixels per period (virtual units too). Kept in
 * {@code long} and {@link Ratio}, checked for overflow; narrowed to {@code int} only at the end.
 */
final class PhasedField {

    /**
     * The longest period of phased fields {@link NetworkSpec#forInput} follows: beyond it (after
     * many upsamplings by factors that share no divisor) it gives up rather than fill the memory.
     */
    private static final int MAX_PERIOD = 1 << 20;

    /** The input itself: unit u reads pixel u, centred on it. */
    static final PhasedField INPUT = new PhasedField(Ratio.of(1), Ratio.of(0), new long[] {0}, new long[] {0});

    private final Ratio jump;
    private final Ratio center;
    private final int period;
    private final long shift;
    private final long[] lo;
    private final long[] hi;

    /** Takes the fields of one period, and keeps them over the shortest period they repeat with. */
    PhasedField(Ratio jump, Ratio center, long[] lo, long[] hi) {
        Ratio moved = jump.times(lo.length);
        if (!moved.isInteger()) {
            throw new IllegalStateException("fields of " + lo.length + " units move by " + moved + " pixels");
        }
        int p = shortestPeriod(jump, lo, hi, moved.numerator());
        this.jump = jump;
        this.center = center;
        this.period = p;
        this.shift = jump.times(p).numerator();
        this.lo = Arrays.copyOf(lo, p);
        this.hi = Arrays.copyOf(hi, p);
    }

    /** The distance between the centres of neighbouring units, in input pixels; merges need it equal. */
    Ratio jump() {
        return jump;
    }

    long lo(long u) {
        return Math.addExact(lo[(int) Math.floorMod(u, period)], Math.multiplyExact(shift, Math.floorDiv(u, period)));
    }

    long hi(long u) {
        return Math.addExact(hi[(int) Math.floorMod(u, period)], Math.multiplyExact(shift, Math.floorDiv(u, period)));
    }

    /**
     * A window of extent {@code ke} (dilation included), stride {@code s}, padding {@code pb}:
     * unit v reads units {@code s v - pb .. s v - pb + ke - 1}. Stepping by s units, the
     * pattern repeats after {@code period / gcd(period, s)} output units.
     */
    PhasedField window(long ke, long s, long pb) {
        int p = checkedPeriod(period / gcd(period, s));
        long[] newLo = new long[p];
        long[] newHi = new long[p];
        for (int v = 0; v < p; v++) {
            long first = Math.subtractExact(Math.multiplyExact(s, (long) v), pb);
            newLo[v] = lo(first);
            newHi[v] = hi(Math.addExact(first, ke - 1));
        }
        Ratio c = center.plus(Ratio.of(Math.subtractExact(ke - 1, Math.multiplyExact(2, pb)), 2).times(jump));
        return new PhasedField(jump.times(s), c, newLo, newHi);
    }

    /**
     * A transposed convolution: unit v is reached by the units u with
     * {@code 0 <= v + pb - s u <= k - 1}, from {@code ceil((v + pb - k + 1) / s)} to
     * {@code floor((v + pb) / s)}; the pattern repeats after {@code period * s} units.
     */
    PhasedField deconv(long k, long s, long pb) {
        int p = checkedPeriod(Math.multiplyExact((long) period, s));
        long[] newLo = new long[p];
        long[] newHi = new long[p];
        for (int v = 0; v < p; v++) {
            newLo[v] = lo(-Math.floorDiv(-(v + pb - k + 1), s));
            newHi[v] = hi(Math.floorDiv(v + pb, s));
        }
        Ratio c = center.minus(Ratio.of(Math.subtractExact(k - 1, Math.multiplyExact(2, pb)), 2)
                .times(jump).dividedBy(Ratio.of(s)));
        return new PhasedField(jump.dividedBy(Ratio.of(s)), c, newLo, newHi);
    }

    /**
     * Upsampling by f: unit v sits at input unit {@code p = (v + 1/2) / f - 1/2 = (2v + 1 - f) / (2f)};
     * nearest reads {@code floor(v / f)}, bilinear reads {@code floor(p)} and {@code ceil(p)}.
     */
    PhasedField upsample(long f, boolean bilinear) {
        int p = checkedPeriod(Math.multiplyExact((long) period, f));
        long[] newLo = new long[p];
        long[] newHi = new long[p];
        for (int v = 0; v < p; v++) {
            if (bilinear) {
                long twice = 2L * v + 1 - f;
                newLo[v] = lo(Math.floorDiv(twice, 2 * f));
                newHi[v] = hi(-Math.floorDiv(-twice, 2 * f));
            } else {
                newLo[v] = lo(v / f);
                newHi[v] = hi(v / f);
            }
        }
        Ratio newJump = jump.dividedBy(Ratio.of(f));
        return new PhasedField(newJump, center.minus(jump.times(f - 1).dividedBy(Ratio.of(2 * f))), newLo, newHi);
    }

    /** A crop from unit {@code o}: unit v is unit {@code v + o}, the phases rotate. */
    PhasedField crop(long o) {
        long[] newLo = new long[period];
        long[] newHi = new long[period];
        for (int v = 0; v < period; v++) {
            newLo[v] = lo(v + o);
            newHi[v] = hi(v + o);
        }
        return new PhasedField(jump, center.plus(jump.times(o)), newLo, newHi);
    }

    /** A merge: the first map's centres, per unit the union of the fields, over the lcm of the periods. */
    static PhasedField union(PhasedField[] joined) {
        long p = 1;
        for (PhasedField f : joined) {
            p = Math.multiplyExact(p / gcd(p, f.period), (long) f.period);
            checkedPeriod(p);
        }
        long[] newLo = new long[(int) p];
        long[] newHi = new long[(int) p];
        for (int v = 0; v < p; v++) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (PhasedField f : joined) {
                first = Math.min(first, f.lo(v));
                last = Math.max(last, f.hi(v));
            }
            newLo[v] = first;
            newHi[v] = last;
        }
        return new PhasedField(joined[0].jump, joined[0].center, newLo, newHi);
    }

    AxisGeometry geometry(int inputSize, long size) {
        int[] intLo = new int[period];
        int[] intHi = new int[period];
        for (int r = 0; r < period; r++) {
            intLo[r] = toInt(lo[r]);
            intHi[r] = toInt(hi[r]);
        }
        return new AxisGeometry(inputSize, toInt(size), jump, center, intLo, intHi);
    }

    private static int checkedPeriod(long p) {
        if (p > MAX_PERIOD) {
            throw new IllegalArgumentException("the fields repeat only every " + p + " units, beyond the "
                    + MAX_PERIOD + " that convgeom follows");
        }
        return (int) p;
    }

    /** As {@link AxisGeometry}'s: the smallest divisor of the period after which the pattern repeats. */
    private static int shortestPeriod(Ratio jump, long[] lo, long[] hi, long shift) {
        int p = lo.length;
        for (int d = 1; d < p; d++) {
            Ratio moved = jump.times(d);
            if (p % d != 0 || !moved.isInteger()) {
                continue;
            }
            boolean repeats = true;
            for (int r = 0; r < p && repeats; r++) {
                int next = r + d;
                long loNext = next < p ? lo[next] : lo[next - p] + shift;
                long hiNext = next < p ? hi[next] : hi[next - p] + shift;
                repeats = loNext == lo[r] + moved.numerator() && hiNext == hi[r] + moved.numerator();
            }
            if (repeats) {
                return d;
            }
        }
        return p;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }
}
