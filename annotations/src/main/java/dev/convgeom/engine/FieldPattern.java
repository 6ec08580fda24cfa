package dev.convgeom.engine;

import java.util.Arrays;

/**
 * The receptive fields of every unit of a map along one axis, exactly, also after upsampling.
 *
 * <p>In a chain of window layers unit {@code u}'s field is unit 0's moved by {@code jump * u}.
 * After a transposed convolution or an upsampling that no longer holds: a stride-2 transposed
 * convolution gives units {@code 2t} and {@code 2t + 1} the same box, then jumps (geometry.md,
 * "Phases propagate"). What does hold is a period: the fields of units {@code r} and
 * {@code r + period} differ by a whole {@code shift} of input pixels ({@code shift = period * jump}).
 * So a pattern keeps the boxes of units {@code 0 .. period - 1} and moves them by the shift; unit
 * {@code u = r + t * period} has the field {@code [lo[r] + t * shift, hi[r] + t * shift]}. Units
 * outside the map ({@code u < 0}, {@code u >= size}) follow the same pattern: they stand for the
 * padding a later layer adds, whose fields are virtual input coordinates beyond the image.
 *
 * <p>Both ends are non-decreasing in {@code u} for every layer convgeom knows (each maps a range
 * of units to a range of units, monotonically), which is what lets a window's field be read off its
 * first and last unit; the constructor checks it. Patterns are kept at their shortest period.
 */
public final class FieldPattern {

    private final long shift;
    private final long[] lo;
    private final long[] hi;

    private FieldPattern(long shift, long[] lo, long[] hi) {
        this.shift = shift;
        this.lo = lo;
        this.hi = hi;
    }

    /** Every unit's field is unit 0's, {@code [lo, hi]}, moved by {@code jump} per unit. */
    public static FieldPattern uniform(long lo, long hi, long jump) {
        return of(jump, new long[] {lo}, new long[] {hi});
    }

    /**
     * The pattern with the boxes {@code [lo[r], hi[r]]} of units {@code 0 .. lo.length - 1},
     * repeating with {@code shift}, reduced to its shortest period.
     *
     * @throws IllegalArgumentException if an end decreases from one unit to the next, or a box is
     *                                  empty: no layer produces that, so it is a bug
     */
    public static FieldPattern of(long shift, long[] lo, long[] hi) {
        int period = lo.length;
        if (period == 0 || hi.length != period) {
            throw new IllegalArgumentException("need one box per phase");
        }
        for (int r = 0; r < period; r++) {
            long nextLo = r + 1 < period ? lo[r + 1] : Math.addExact(lo[0], shift);
            long nextHi = r + 1 < period ? hi[r + 1] : Math.addExact(hi[0], shift);
            if (hi[r] < lo[r] || nextLo < lo[r] || nextHi < hi[r]) {
                throw new IllegalArgumentException("fields must be non-empty and move forwards: " + Arrays.toString(lo)
                        + " " + Arrays.toString(hi) + " shift " + shift);
            }
        }
        return reduce(shift, lo.clone(), hi.clone());
    }

    /** The shortest period that describes the same fields. */
    private static FieldPattern reduce(long shift, long[] lo, long[] hi) {
        int period = lo.length;
        for (int p = 2; p <= period; p++) {
            while (period % p == 0 && shift % p == 0 && repeats(lo, hi, period, period / p, shift / p)) {
                period /= p;
                shift /= p;
            }
        }
        return new FieldPattern(shift, Arrays.copyOf(lo, period), Arrays.copyOf(hi, period));
    }

    /** Whether the first {@code period} boxes repeat with {@code step} units and {@code shift} pixels. */
    private static boolean repeats(long[] lo, long[] hi, int period, int step, long shift) {
        for (int r = step; r < period; r++) {
            if (lo[r] != lo[r - step] + shift || hi[r] != hi[r - step] + shift) {
                return false;
            }
        }
        return true;
    }

    /** Units after which the pattern repeats. */
    public int period() {
        return lo.length;
    }

    /** Input pixels the fields move per period. */
    public long shift() {
        return shift;
    }

    /** First input pixel of unit {@code u}'s field ({@code u} may lie outside the map). */
    public long lo(long u) {
        return Math.addExact(lo[Math.toIntExact(Math.floorMod(u, (long) lo.length))],
                Math.multiplyExact(Math.floorDiv(u, lo.length), shift));
    }

    /** Last input pixel of unit {@code u}'s field. */
    public long hi(long u) {
        return Math.addExact(hi[Math.toIntExact(Math.floorMod(u, (long) hi.length))],
                Math.multiplyExact(Math.floorDiv(u, hi.length), shift));
    }

    /** The widest field over the phases, {@code max(hi - lo + 1)}: the receptive-field size. */
    public long widest() {
        long widest = 0;
        for (int r = 0; r < lo.length; r++) {
            widest = Math.max(widest, Math.addExact(Math.subtractExact(hi[r], lo[r]), 1));
        }
        return widest;
    }

    /** The boxes' first ends, units {@code 0 .. period - 1}. */
    public long[] los() {
        return lo.clone();
    }

    /** The boxes' last ends, units {@code 0 .. period - 1}. */
    public long[] his() {
        return hi.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPattern f && f.shift == shift && Arrays.equals(f.lo, lo) && Arrays.equals(f.hi, hi);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(shift) * 31 + Arrays.hashCode(lo)) * 31 + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        if (lo.length == 1) {
            return "[" + lo[0] + ", " + hi[0] + "] + " + shift + "u";
        }
        StringBuilder s = new StringBuilder("period " + lo.length + ", shift " + shift + ":");
        for (int r = 0; r < lo.length; r++) {
            s.append(" [").append(lo[r]).append(", ").append(hi[r]).append(']');
        }
        return s.toString();
    }
}
