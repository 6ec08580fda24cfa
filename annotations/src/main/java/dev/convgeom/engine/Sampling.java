package dev.convgeom.engine;

import dev.convgeom.Ratio;

/**
 * Which input units one axis of an upsampling reads, exactly: output unit {@code v} sits at input
 * position {@code q(v) = (a * v + b) / d}; nearest copies unit {@code floor(v / f)} (half-pixel
 * centres only), linear interpolation reads {@code floor(q)} and {@code ceil(q)}, one unit where
 * {@code q} is whole, with weights {@code 1 - frac(q)} and {@code frac(q)}.
 *
 * <p>The factor is the exact ratio {@code f = factor / per} (ONNX {@code Resize} to {@code sizes}
 * that are no whole multiple of the input: 33 units to 65 is {@code 65 / 33}); {@code n} input
 * units give {@code floor(n * factor / per)} output units. Nearest copying takes whole factors only
 * ({@code per = 1}). A factor below 1 ({@code per > factor}) shrinks the map: linear
 * interpolation then still reads {@code floor(q)} and {@code ceil(q)} (ONNX {@code linear} without
 * antialiasing), the positions advance by more than one unit, and some input units are read by
 * no output unit.
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
 * @param per     the factor's denominator, at least 1 (1 for nearest)
 * @param linear  linear interpolation, else nearest
 */
public record Sampling(long a, long b, long d, long factor, long per, boolean linear) {

    /**
     * The sampling of {@code layer}, an upsampling, along {@code axis} of an input of {@code n}
     * units. Aligned corners need {@code n >= 2} unless the factor is 1 ({@link #fits}). Nearest
     * upsampling samples with half-pixel centres whatever its coordinates.
     */
    public static Sampling of(LayerSpec layer, Axis axis, long n) {
        LayerSpec.Extras e = layer.extras();
        long f = e.factor(axis);
        long p = e.per(axis);
        boolean linear = e.bilinear();
        // Nearest copies floor(v / f) with half-pixel centres, whatever the coordinates say.
        return switch (linear ? e.coordinates() : Coordinates.HALF_PIXEL) {
            // (v + 1/2) * p / f - 1/2 = (2 p v + p - f) / (2 f)
            case HALF_PIXEL -> new Sampling(Math.multiplyExact(2L, p), p - f, Math.multiplyExact(2L, f), f, p, linear);
            case ASYMMETRIC -> new Sampling(p, 0, f, f, p, linear);
            // (v + 1/2) * p / f = (2 p v + p) / (2 f)
            case TF_HALF_PIXEL_FOR_NN -> new Sampling(Math.multiplyExact(2L, p), p, Math.multiplyExact(2L, f), f, p,
                    linear);
            case ALIGN_CORNERS -> {
                long out = size(layer, axis, n);
                // One output unit sits on unit 0 (ONNX and PyTorch take position 0 there); the step
                // n - 1 it is given is the one the next unit would take, so that the jump stays positive.
                yield out == n ? new Sampling(1, 0, 1, f, p, linear)
                        : out == 1 ? new Sampling(n - 1, 0, 1, f, p, linear)
                        : new Sampling(n - 1, 0, out - 1, f, p, linear);
            }
        };
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
        return !empty(layer, axis, n) && (!e.bilinear() || e.coordinates() != Coordinates.ALIGN_CORNERS || n >= 2
                || size(layer, axis, n) == n);
    }

    /** Whether {@code layer}, shrinking, puts out no unit for {@code n} input units along {@code axis}. */
    public static boolean empty(LayerSpec layer, Axis axis, long n) {
        return size(layer, axis, n) < 1;
    }

    /** Output units after which the units read repeat. */
    public long period() {
        return linear ? d / WindowAxis.gcd(a, d) : factor;
    }

    /** Input units the positions advance per {@link #period()}. */
    public long advance() {
        return linear ? Math.multiplyExact(a, period()) / d : 1;
    }

    /** Output unit {@code v}'s position on the input, in input units. */
    public Ratio position(long v) {
        return Ratio.of(numerator(v), d);
    }

    /** The first input unit {@code v} reads. */
    public long first(long v) {
        return linear ? Math.floorDiv(numerator(v), d) : Math.floorDiv(v, factor);
    }

    /** The last input unit {@code v} reads. */
    public long last(long v) {
        return linear ? -Math.floorDiv(-numerator(v), d) : Math.floorDiv(v, factor);
    }

    /**
     * The weight of unit {@link #last(long) last(v)} in a linear interpolation, as a numerator over
     * {@link #d()}: {@code frac(q) * d} (0 where {@code q} is whole, so {@code first} has it all).
     */
    public long upperWeight(long v) {
        return Math.floorMod(numerator(v), d);
    }

    private long numerator(long v) {
        return Math.addExact(Math.multiplyExact(a, v), b);
    }
}
