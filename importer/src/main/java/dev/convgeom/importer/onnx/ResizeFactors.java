package dev.convgeom.importer.onnx;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact factor, {@code factor / per} in lowest terms, that an ONNX {@code Resize} (or
 * {@code Upsample}) applies along one axis, as an {@code @Upsample} declares it.
 *
 * <p>Given {@code sizes}, the runtime's scale is {@code out / in}, so that is the factor. Given
 * {@code scales}, the runtime places the output units with the scale itself, and
 * {@code floor(in * scale)} units come out: a scale of 0.5 on 7 units gives 3 units placed two
 * input units apart, not 3/7 apart. A float scale is a dyadic fraction, exact as
 * {@code factor / per}; that is the factor when its terms stay small ({@link #MAX_TERM}, so the
 * fields' period stays within what the geometry keeps) and it gives the same output size. Otherwise
 * {@code out / in}, whose reads at the declared size the importer then checks against the
 * runtime's unit by unit (and refuses where they differ).
 */
final class ResizeFactors {

    /** The largest numerator or denominator taken from a scale. */
    static final long MAX_TERM = 1 << 10;

    private ResizeFactors() {
    }

    /**
     * {@code {factor, per}} for a resize of {@code in} units to {@code out} units.
     *
     * @param scale the {@code scales} value along the axis, or {@code Double.NaN} where
     *              {@code sizes} were given
     */
    static long[] of(long in, long out, double scale) {
        if (!Double.isNaN(scale) && scale > 0 && !Double.isInfinite(scale)) {
            BigDecimal exact = new BigDecimal(scale);
            BigInteger num = exact.unscaledValue();
            BigInteger den = BigInteger.TEN.pow(Math.max(0, exact.scale()));
            if (exact.scale() < 0) {
                num = num.multiply(BigInteger.TEN.pow(-exact.scale()));
            }
            BigInteger g = num.gcd(den);
            num = num.divide(g);
            den = den.divide(g);
            BigInteger max = BigInteger.valueOf(MAX_TERM);
            if (num.compareTo(max) <= 0 && den.compareTo(max) <= 0) {
                long f = num.longValueExact();
                long p = den.longValueExact();
                if (Math.floorDiv(in * f, p) == out) {
                    return new long[] {f, p};
                }
            }
        }
        long g = gcd(out, in);
        return new long[] {out / g, in / g};
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
