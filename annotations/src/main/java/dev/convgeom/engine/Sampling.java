package dev.convgeom.engine;

import dev.convgeom.Ratio;

/**
 * Which input units one axis of an upsampling reads, exactly: output unit {@code v} sits at input
 * position {@code q(v) = (a * v + b) / d}; nearest copies unit {@code round(q)}, rounded as its
 * {@link NearestRounding} says (with half-pixel centres and a whole factor {@code f}, rounded to
 * nearest either way, that is {@code floor(v / f)}: {@code q} lies strictly between
 * {@code floor(v / f) - 1/2} and {@code floor(v / f) + 1/2}), linear interpolation reads
 * {@code floor(q)} and {@code ceil(q)}, one unit where {@code q} is whole, with weights
 * {@code 1 - frac(q)} and {@code frac(q)}; cubic interpolation reads {@code floor(q) - 1 .. floor(q) + 2}
 * with its kernel's weights ({@link CubicKernel}), the units of weight 0 left out.
 *
 * <p>The factor is the exact ratio {@code f = factor / per} (ONNX {@code Resize} to {@code sizes}
 * that are no whole multiple of the input: 33 units to 65 is {@code 65 / 33}); {@code n} input
 * units give {@code floor(n * factor / per)} output units. A factor below 1 ({@code per > factor})
 * shrinks the map: linear interpolation then still reads {@code floor(q)} and {@code ceil(q)} (ONNX
 * {@code linear} without antialiasing), nearest copying {@code round(q)}, the positions advance by
 * more than one unit, and some input units are read by no output unit.
 *
 * <p>ONNX clamps a nearest unit to {@code [0, n - 1]}. The engine's fields follow one pattern
 * (virtual units beyond the map stand for padding), so a real output unit whose rounded position
 * lies outside the map would copy the border unit while its pattern says a virtual one: such a
 * size does not {@link #fits fit} ({@link #nearestInside}), and is refused rather than guessed.
 *
 * <p>The positions advance by {@code a / d} input units per output unit, so every
 * {@link #period()} output units they advance by a whole {@link #advance()} input units and the
 * units read repeat, moved by that many: {@code q(v + period) = q(v) + advance}. For half-pixel
 * and asymmetric positions that is {@code f} units advancing by 1; aligned corners advance by
 * {@code (n - 1) / (N - 1)}, which repeats only every {@code (N - 1) / gcd(n - 1, f - 1)} units.
 *
 * @param a       the position's step numerator
 * @param b       the position of unit 0, numerator
 * @param d       the common denominator, positive
 * @param factor  the factor's numerator: output units per {@code per} input units
 * @param per     the factor's denominator, at least 1
 * @param linear  linear interpolation, else nearest
 * @param rounding which unit nearest copying takes (unused for linear)
 * @param cubic    the kernel of a cubic interpolation, null for another ({@code linear} then false):
 *                 it reads {@code floor(q) - 1 .. floor(q) + 2}, or only {@code floor(q) .. floor(q) + 1}
 *                 when its outer taps weigh 0 ({@code a = 0}), and one unit where {@code q} is whole
 *                 ({@link CubicKernel})
 */
public record Sampling(long a, long b, long d, long factor, long per, boolean linear, NearestRounding rounding,
                       CubicKernel cubic) {

    /** A nearest or linear sampling. */
    public Sampling(long a, long b, long d, long factor, long per, boolean linear, NearestRounding rounding) {
        this(a, b, d, factor, per, linear, rounding, null);
    }

    /**
     * The sampling of {@code layer}, an upsampling, along {@code axis} of an input of {@code n}
     * units. Aligned corners need {@code n >= 2} unless the factor is 1 ({@link #fits}).
     */
    public static Sampling of(LayerSpec layer, Axis axis, long n) {
        LayerSpec.Extras e = layer.extras();
        long f = e.factor(axis);
        long p = e.per(axis);
        boolean linear = e.bilinear();
        NearestRounding r = e.rounding();
        Sampling s = switch (e.coordinates()) {
            // (v + 1/2) * p / f - 1/2 = (2 p v + p - f) / (2 f)
            case HALF_PIXEL -> new Sampling(Math.multiplyExact(2L, p), p - f, Math.multiplyExact(2L, f), f, p, linear, r);
            case ASYMMETRIC -> new Sampling(p, 0, f, f, p, linear, r);
            // (v + 1/2) * p / f = (2 p v + p) / (2 f)
            case TF_HALF_PIXEL_FOR_NN -> new Sampling(Math.multiplyExact(2L, p), p, Math.multiplyExact(2L, f), f, p,
                    linear, r);
            case ALIGN_CORNERS -> {
                long out = size(layer, axis, n);
                // One output unit sits on unit 0 (ONNX and PyTorch take position 0 there); the step
                // n - 1 it is given is the one the next unit would take, so that the jump stays positive.
                yield out == n ? new Sampling(1, 0, 1, f, p, linear, r)
                        : out == 1 ? new Sampling(n - 1, 0, 1, f, p, linear, r)
                        : new Sampling(n - 1, 0, out - 1, f, p, linear, r);
            }
            case CROP_AND_RESIZE -> crop(e.crop() == null ? CropRegion.WHOLE : e.crop(), axis, n,
                    size(layer, axis, n), f, p, linear, r);
        };
        return e.cubic() == null ? s : new Sampling(s.a, s.b, s.d, f, p, false, r, e.cubic());
    }

    /**
     * The sampling of a crop and resize ({@link Coordinates#CROP_AND_RESIZE}) of the region
     * {@code [start, end]} of {@code n} units to {@code out} units: over a common denominator
     * {@code D}, {@code start = s / D} and {@code end = t / D}, unit {@code v} sits at
     * {@code (s (n - 1) (out - 1) + v (t - s) (n - 1)) / (D (out - 1))}. The one unit of
     * {@code out = 1} sits at {@code (s + t) (n - 1) / (2 D)}; the step it is given is the one two
     * units would take, {@code (t - s) (n - 1) / D} (1 where that is 0), so that the jump stays
     * positive. One input unit stretched over several has step 0 ({@link #fits} refuses it).
     */
    private static Sampling crop(CropRegion region, Axis axis, long n, long out, long f, long p, boolean linear,
                                 NearestRounding r) {
        dev.convgeom.Ratio start = region.start(axis);
        dev.convgeom.Ratio end = region.end(axis);
        long den = Math.max(start.denominator(), end.denominator()); // powers of two: the larger is a multiple
        long s = Math.multiplyExact(start.numerator(), den / start.denominator());
        long t = Math.multiplyExact(end.numerator(), den / end.denominator());
        long step = Math.multiplyExact(t - s, n - 1);
        long a;
        long b;
        long d;
        if (out == 1) {
            a = Math.multiplyExact(2L, step == 0 ? den : step);
            b = Math.multiplyExact(Math.addExact(s, t), n - 1);
            d = Math.multiplyExact(2L, den);
        } else {
            a = step;
            b = Math.multiplyExact(Math.multiplyExact(s, n - 1), out - 1);
            d = Math.multiplyExact(den, out - 1);
        }
        long g = WindowAxis.gcd(WindowAxis.gcd(a, b), d);
        return new Sampling(a / g, b / g, d / g, f, p, linear, r);
    }

    /** The units {@code layer}, an upsampling, puts out along {@code axis} for {@code n} input units. */
    public static long size(LayerSpec layer, Axis axis, long n) {
        LayerSpec.Extras e = layer.extras();
        return Math.floorDiv(Math.multiplyExact(n, e.factor(axis)), e.per(axis));
    }

    /**
     * Whether {@code layer} can upsample {@code n} units along {@code axis}: a shrinking
     * ({@code per > factor}) must leave at least one unit ({@link #empty}), and with aligned corners
     * one unit cannot be stretched over several (every output unit would sit on it: no step).
     */
    public static boolean fits(LayerSpec layer, Axis axis, long n) {
        LayerSpec.Extras e = layer.extras();
        boolean stretches = (e.coordinates() != Coordinates.ALIGN_CORNERS || n >= 2 || size(layer, axis, n) == n)
                && (e.coordinates() != Coordinates.CROP_AND_RESIZE || n >= 2 || size(layer, axis, n) == 1);
        return !empty(layer, axis, n) && (interpolates(e) ? stretches : stretches && nearestInside(layer, axis, n))
                && (!stretches || cubicOrdered(layer, axis, n));
    }

    /** Whether {@code layer}, shrinking, puts out no unit for {@code n} input units along {@code axis}. */
    public static boolean empty(LayerSpec layer, Axis axis, long n) {
        return size(layer, axis, n) < 1;
    }

    /**
     * Whether every real output unit of {@code layer}, a nearest upsampling (true for another), copies a real unit of
     * an input of {@code n} units along {@code axis}: the first output unit rounds to unit 0 or
     * later, the last to unit {@code n - 1} or earlier (positions increase with the unit, so the
     * others lie between). Half-pixel centres with {@link NearestRounding#FLOOR} round unit 0
     * below the map, and {@link NearestRounding#CEIL} the last unit beyond it, as do asymmetric
     * positions rounded to nearest with a factor above 2: ONNX clamps those reads to the border
     * unit, which one field pattern cannot say.
     */
    public static boolean nearestInside(LayerSpec layer, Axis axis, long n) {
        long out = size(layer, axis, n);
        if (interpolates(layer.extras()) || out < 1 || n < 1) {
            return true;
        }
        Sampling s = of(layer, axis, n);
        return s.first(0) >= 0 && s.last(out - 1) <= n - 1;
    }

    /**
     * Whether the fields of {@code layer}, a cubic upsampling (true for another), move forwards
     * from unit to unit along {@code axis} for {@code n} input units, as every {@link FieldPattern}
     * must: a unit on an input unit reads that one unit, a unit between two reads four when the
     * kernel has outer taps, so where both occur (odd factors with half-pixel centres, asymmetric
     * and aligned-corner positions, whose unit 0 sits on input unit 0) one end of the fields steps
     * back unless the positions advance by enough (a shrinking). It holds when the kernel's
     * coefficient is 0 (two taps, as linear), where no position, or every position, is whole, and
     * where the units read never step back, checked over one period.
     */
    public static boolean cubicOrdered(LayerSpec layer, Axis axis, long n) {
        CubicKernel kernel = layer.extras().cubic();
        if (kernel == null || !kernel.outerTaps()) {
            return true;
        }
        Sampling s = of(layer, axis, n);
        // A period beyond what a field pattern keeps is refused as too large anyway
        // (ResampleAxis.MAX_PERIOD): not walked here, where it may run to billions of units.
        return s.period() > ResampleAxis.MAX_PERIOD || firstStepBack(s) < 0;
    }

    /**
     * The first unit {@code v} of one period (and the first of the next) whose first or last unit
     * read lies before unit {@code v - 1}'s, or -1 where they never step back.
     */
    public static long firstStepBack(Sampling s) {
        for (long v = 1; v <= s.period(); v++) {
            if (s.first(v) < s.first(v - 1) || s.last(v) < s.last(v - 1)) {
                return v;
            }
        }
        return -1;
    }

    /** Whether the upsampling of {@code extras} interpolates (linear or cubic) rather than copying a unit. */
    private static boolean interpolates(LayerSpec.Extras extras) {
        return extras.bilinear() || extras.cubic() != null;
    }

    /** Output units after which the units read repeat. */
    public long period() {
        return d / WindowAxis.gcd(a, d);
    }

    /** Input units the positions advance per {@link #period()}. */
    public long advance() {
        return Math.multiplyExact(a, period()) / d;
    }

    /** Output unit {@code v}'s position on the input, in input units. */
    public Ratio position(long v) {
        return Ratio.of(numerator(v), d);
    }

    /** The first input unit {@code v} reads. */
    public long first(long v) {
        if (cubic != null) {
            long below = Math.floorDiv(numerator(v), d);
            return Math.floorMod(numerator(v), d) == 0 || !cubic.outerTaps() ? below : below - 1;
        }
        return linear ? Math.floorDiv(numerator(v), d) : rounding.unit(numerator(v), d);
    }

    /** The last input unit {@code v} reads. */
    public long last(long v) {
        if (cubic != null) {
            long below = Math.floorDiv(numerator(v), d);
            return Math.floorMod(numerator(v), d) == 0 ? below : below + (cubic.outerTaps() ? 2 : 1);
        }
        return linear ? -Math.floorDiv(-numerator(v), d) : rounding.unit(numerator(v), d);
    }

    /**
     * The weight of unit {@link #last(long) last(v)} in a linear interpolation, as a numerator over
     * {@link #d()}: {@code frac(q) * d} (0 where {@code q} is whole, so {@code first} has it all).
     */
    public long upperWeight(long v) {
        return Math.floorMod(numerator(v), d);
    }

    /**
     * The cubic kernel's weights of units {@code floor(q) - 1 .. floor(q) + 2} for output unit
     * {@code v}, as {@link CubicKernel#weights} gives them (over a common denominator); for a cubic
     * sampling only.
     */
    public java.math.BigInteger[] cubicWeights(long v) {
        return cubic.weights(Math.floorMod(numerator(v), d), d);
    }

    private long numerator(long v) {
        return Math.addExact(Math.multiplyExact(a, v), b);
    }
}
