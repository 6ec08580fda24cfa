package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The uniform-weight effective receptive field of every unit of a map along one axis, exactly:
 * for each input coordinate, the weight it has in the unit's value when every kernel tap weighs the
 * same ({@link EffectiveAxis} defines the weights layer by layer).
 *
 * <p>Like {@link FieldPattern} it has a period: the profiles of units {@code r} and
 * {@code r + period} are the same weights moved by {@code shift} input pixels. It keeps, per phase
 * {@code r}, the first input coordinate of the profile and the weights from there on, as integer
 * numerators over one {@link #denominator()} shared by all phases (so weights of different
 * phases add without fractions). Coordinates are unclipped: positions in padding count.
 *
 * <p>The numerators are held as fixed-width limbs ({@link LimbArray}), added in place layer by
 * layer; they become {@link BigInteger}s only where a caller asks for them.
 */
public final class EffectiveProfile {

    private final long shift;
    private final long[] start;
    private final LimbArray[] weights;
    private final BigInteger denominator;
    /**
     * Per phase, the sums of the numerators, of {@code x * w(x)} and of {@code x^2 * w(x)} over the
     * phase's coordinates {@code x}: carried from layer to layer (a layer's sums are its inputs'
     * sums moved and scaled, a few operations per tap) rather than summed over every weight again.
     */
    private final BigInteger[][] moments;
    /**
     * Known to read the same backwards: one phase whose weights are a palindrome, from its
     * construction ({@link #isPalindrome()}); false where not known, not where known to differ.
     */
    private boolean palindrome;

    private EffectiveProfile(long shift, long[] start, LimbArray[] weights, BigInteger denominator,
                             BigInteger[][] moments) {
        this.shift = shift;
        this.start = start;
        this.weights = weights;
        this.denominator = denominator;
        this.moments = moments;
    }

    /** The network input: every pixel is its own value, weight 1. */
    public static EffectiveProfile input() {
        EffectiveProfile input = new EffectiveProfile(1, new long[] {0},
                new LimbArray[] {LimbArray.of(new BigInteger[] {BigInteger.ONE})}, BigInteger.ONE,
                new BigInteger[][] {{BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO}});
        input.palindrome = true;
        return input;
    }

    /**
     * A window's profile from {@code in}'s: as {@link #of(long, Accumulator[], BigInteger)}, and
     * where {@code in} reads the same backwards and the window keeps one phase, the result does
     * too, and only its first half is summed ({@link Accumulator#sumMirrored}). Why: the phase
     * sums copies of one palindrome at offsets equally spaced ({@code dilation} units of
     * {@code in}'s shift apart), each with weight 1, and such a sum is symmetric about the middle
     * of its span; so are its zero ends, trimmed, and its division by a common factor.
     */
    static EffectiveProfile ofWindow(EffectiveProfile in, long shift, Accumulator[] phases, BigInteger denominator) {
        boolean symmetric = in.isPalindrome() && phases.length == 1;
        if (symmetric) {
            phases[0].mirrored = true;
        }
        EffectiveProfile out = of(shift, phases, denominator);
        out.palindrome = symmetric && out.period() == 1;
        return out;
    }

    /**
     * The profile whose unit {@code u} is this profile's unit {@code u + offset}: what
     * {@link EffectiveAxis#window} makes of a window of one tap and stride 1 (a crop, a zero
     * padding), without summing the weights again. The same profile, number for number, as the
     * window's sum: each of its phases {@code r} is the one run {@code weights(r + offset)} at
     * {@code start(r + offset)} times 1, with the moments {@link #addTo} gives it, over the same
     * denominator and shift; the runs are already trimmed (every phase of a profile is); the common
     * factor the sum would look for is 1, as this profile's weights and denominator were divided
     * by theirs (or are the input's, over 1); and the same {@link #reduce} shortens the period. A
     * palindrome stays one, as {@link #ofWindow} flags it (one phase in, one out).
     */
    EffectiveProfile renumbered(long offset) {
        int period = start.length;
        long[] starts = new long[period];
        LimbArray[] runs = new LimbArray[period];
        BigInteger[][] sums = new BigInteger[period][];
        for (int r = 0; r < period; r++) {
            long u = Math.addExact(r, offset);
            int q = phase(u);
            starts[r] = start(u);
            runs[r] = weights[q];
            sums[r] = movedMoments(q, Math.subtractExact(starts[r], start[q]));
        }
        EffectiveProfile out = reduce(shift, starts, runs, denominator, sums);
        out.palindrome = isPalindrome() && out.period() == 1;
        return out;
    }

    /** Whether the profile has one phase and is known to read the same backwards (see {@link #ofWindow}). */
    boolean isPalindrome() {
        return palindrome && start.length == 1;
    }

    /**
     * The profiles of units {@code 0 .. period - 1}, repeating with {@code shift}; numerators and
     * denominator are reduced by their common factor, zero weights at the ends trimmed, and the
     * period shortened where the phases repeat.
     */
    static EffectiveProfile of(long shift, Accumulator[] phases, BigInteger denominator) {
        int period = phases.length;
        long[] start = new long[period];
        LimbArray[] weights = new LimbArray[period];
        BigInteger[][] moments = new BigInteger[period][];
        BigInteger common = denominator;
        for (int r = 0; r < period; r++) {
            Accumulator a = phases[r].trimmed();
            start[r] = a.start;
            weights[r] = a.weights;
            moments[r] = a.moments;
            // Once the common factor is 1 it stays 1; a gcd costs the length of its operands.
            for (int i = 0; i < a.weights.count() && !common.equals(BigInteger.ONE); i++) {
                common = common.gcd(a.weights.get(i));
            }
        }
        if (!common.equals(BigInteger.ONE)) {
            for (int r = 0; r < period; r++) {
                BigInteger[] phase = weights[r].toBigIntegers();
                for (int i = 0; i < phase.length; i++) {
                    phase[i] = phase[i].divide(common);
                }
                weights[r] = LimbArray.of(phase);
            }
            for (BigInteger[] m : moments) {
                for (int i = 0; i < m.length; i++) {
                    m[i] = m[i].divide(common);
                }
            }
            denominator = denominator.divide(common);
        }
        return reduce(shift, start, weights, denominator, moments);
    }

    private static EffectiveProfile reduce(long shift, long[] start, LimbArray[] weights, BigInteger denominator,
                                           BigInteger[][] moments) {
        int period = start.length;
        for (int p = 2; p <= period; p++) {
            while (period % p == 0 && shift % p == 0 && repeats(start, weights, period, period / p, shift / p)) {
                period /= p;
                shift /= p;
            }
        }
        return new EffectiveProfile(shift, Arrays.copyOf(start, period), Arrays.copyOf(weights, period), denominator,
                Arrays.copyOf(moments, period));
    }

    private static boolean repeats(long[] start, LimbArray[] weights, int period, int step, long shift) {
        for (int r = step; r < period; r++) {
            if (start[r] != start[r - step] + shift || !weights[r].sameValues(weights[r - step])) {
                return false;
            }
        }
        return true;
    }

    /** Units after which the profiles repeat. */
    public int period() {
        return start.length;
    }

    /** Input pixels the profiles move per period. */
    public long shift() {
        return shift;
    }

    /** The denominator every weight is over. */
    public BigInteger denominator() {
        return denominator;
    }

    /** First input coordinate with a weight in unit {@code u}'s profile ({@code u} may lie outside the map). */
    public long start(long u) {
        return Math.addExact(start[phase(u)], Math.multiplyExact(Math.floorDiv(u, start.length), shift));
    }

    /**
     * The numerators of unit {@code u}'s weights, from {@link #start(long) start(u)} on; a copy.
     * Every unit of one phase has the same weights.
     */
    public BigInteger[] weights(long u) {
        return weights[phase(u)].toBigIntegers();
    }

    /** The profile of phase {@code r} (unit {@code r}) as exact statistics. */
    public EffectiveSpread spread(int r) {
        return new EffectiveSpread(start[r], moments[r][0], moments[r][1], moments[r][2], weights[r].toBigIntegers());
    }

    /** The sums and extents of phase {@code r}, for {@link EffectiveFields.AxisField}. */
    SpreadSums sums(int r) {
        return SpreadSums.of(weights[r], moments[r], isPalindrome());
    }

    /** Adds {@code factor} times unit {@code u}'s numerators into {@code into}. */
    void addTo(Accumulator into, long u, BigInteger factor) {
        int r = phase(u);
        into.add(start(u), weights[r], factor, movedMoments(r, Math.subtractExact(start(u), start[r])));
    }

    /** The moments of phase {@code r}'s weights moved by {@code by} pixels. */
    private BigInteger[] movedMoments(int r, long by) {
        // Phase r moved by d pixels: sum x w becomes S1 + d W, sum x^2 w becomes S2 + 2 d S1 + d^2 W.
        BigInteger d = BigInteger.valueOf(by);
        BigInteger[] m = moments[r];
        BigInteger sum = m[1].add(d.multiply(m[0]));
        BigInteger sumSquare = m[2].add(d.multiply(m[1].shiftLeft(1).add(d.multiply(m[0]))));
        return new BigInteger[] {m[0], sum, sumSquare};
    }

    private int phase(long u) {
        return Math.toIntExact(Math.floorMod(u, (long) start.length));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EffectiveProfile p && p.shift == shift && Arrays.equals(p.start, start)
                && p.denominator.equals(denominator))) {
            return false;
        }
        for (int r = 0; r < start.length; r++) {
            if (!p.weights[r].sameValues(weights[r])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        BigInteger[][] all = new BigInteger[start.length][];
        for (int r = 0; r < start.length; r++) {
            all[r] = weights[r].toBigIntegers();
        }
        return Arrays.hashCode(start) * 31 + Arrays.deepHashCode(all);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("period " + start.length + ", shift " + shift + ", /" + denominator + ":");
        for (int r = 0; r < start.length; r++) {
            s.append(" @").append(start[r]).append(Arrays.toString(weights[r].toBigIntegers()));
        }
        return s.toString();
    }

    /**
     * A sum of shifted weight runs over input coordinates. The runs are collected as they arrive
     * and added when {@link #trimmed()} asks for the sum: by then the sum's total (its first
     * moment, carried exactly) bounds every weight, so the limbs are sized once and every addition
     * is in place.
     */
    static final class Accumulator {
        private long start;
        private long end;
        private final List<Run> runs = new ArrayList<>();
        private LimbArray weights;
        private BigInteger[] moments = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        /** Set by {@link #ofWindow}: the sum reads the same backwards, so half of it is summed. */
        private boolean mirrored;

        /** Adds {@code factor} times {@code run}, placed at {@code at}, whose moments are {@code runMoments}. */
        void add(long at, LimbArray run, BigInteger factor, BigInteger[] runMoments) {
            if (run.count() == 0) {
                return;
            }
            for (int i = 0; i < moments.length; i++) {
                moments[i] = moments[i].add(runMoments[i].multiply(factor));
            }
            long runEnd = Math.addExact(at, run.count());
            if (runs.isEmpty()) {
                start = at;
                end = runEnd;
            } else {
                start = Math.min(start, at);
                end = Math.max(end, runEnd);
            }
            runs.add(new Run(at, run, factor));
        }

        /**
         * The sum, without zero weights at either end (a bilinear tap that falls exactly on a
         * unit). Every weight is a sum of non-negative terms, so none exceeds the total: limbs for
         * the total hold them all (an addition that would not fit throws, it is not cut).
         */
        Accumulator trimmed() {
            weights = LimbArray.zeros(Math.toIntExact(end - start), LimbArray.limbsFor(moments[0].bitLength()));
            boolean halved = mirrored && sumMirrored();
            if (!halved) {
                sumAll();
            }
            int from = 0;
            int to = weights.count();
            while (from < to && weights.isZero(from)) {
                from++;
            }
            if (halved) {
                // The row reads the same backwards: as many zeros end it as start it (its value
                // to - 1 mirrors value from, not zero), and its second half, not yet copied, stays so.
                to = from < to ? to - from : to;
            } else {
                while (to > from && weights.isZero(to - 1)) {
                    to--;
                }
            }
            if (from == to) {
                throw new IllegalStateException("a unit with no weight: a bug in the effective field");
            }
            Accumulator t = new Accumulator();
            t.start = start + from;
            t.end = start + to;
            t.weights = from == 0 && to == weights.count() ? weights : weights.range(from, to);
            // Zero weights add nothing to the sums.
            t.moments = moments.clone();
            return t;
        }

        /**
         * The first half of a sum known to read the same backwards, and the rest as its mirror:
         * where every run has factor 1 and one width (a window's taps), else false, nothing done.
         */
        private boolean sumMirrored() {
            if (runs.isEmpty()) {
                return false;
            }
            int w = runs.get(0).weights.width();
            int[] offsets = new int[runs.size()];
            LimbArray[] rows = new LimbArray[runs.size()];
            for (int k = 0; k < runs.size(); k++) {
                Run r = runs.get(k);
                if (!r.factor.equals(BigInteger.ONE) || r.weights.width() != w || w > weights.width()) {
                    return false;
                }
                offsets[k] = Math.toIntExact(r.at - start);
                rows[k] = r.weights;
            }
            weights.sumBelow((weights.count() + 1) / 2, offsets, rows);
            weights.mirror();
            return true;
        }

        /** Every run added into the zero row. */
        private void sumAll() {
            for (int k = 0; k < runs.size(); k++) {
                Run r = runs.get(k);
                int offset = Math.toIntExact(r.at - start);
                if (k == 0 && r.factor.equals(BigInteger.ONE)) {
                    // The row is all zeros: the first run (most layers' first tap) is copied, not added.
                    weights.copy(offset, r.weights);
                } else if (k + 1 < runs.size() && r.factor.equals(BigInteger.ONE)
                        && runs.get(k + 1).factor.equals(BigInteger.ONE)) {
                    // A window's taps by two (LimbArray.addBoth).
                    Run next = runs.get(++k);
                    weights.addBoth(offset, r.weights, Math.toIntExact(next.at - start), next.weights);
                } else {
                    weights.addScaled(offset, r.weights, r.factor);
                }
            }
        }

        /** {@code factor} times {@code weights}, placed at {@code at}. */
        private record Run(long at, LimbArray weights, BigInteger factor) {
        }
    }
}
