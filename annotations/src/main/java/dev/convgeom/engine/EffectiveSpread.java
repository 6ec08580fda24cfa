package dev.convgeom.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Exact statistics of one unit's effective-field profile along one axis: the weights normalised to
 * sum to 1, their mean (centre of mass), variance, and central extents.
 *
 * <p><b>Central extent.</b> The central extent holding a fraction {@code p} of the weight is the
 * run of whole input pixels {@code [first, last]} that leaves at most {@code (1 - p) / 2} of the
 * weight on each side: {@code first} is the first pixel where the cumulative weight
 * {@code F(x) = sum of w(t) for t <= x} exceeds {@code (1 - p) / 2}, {@code last} the first pixel
 * where it reaches {@code (1 + p) / 2}. The run holds at least {@code p} of the weight; for a profile
 * symmetric about its centre it is symmetric too. Its width is {@code last - first + 1} pixels.
 *
 * @param start     first input coordinate with a weight
 * @param total     the sum of the numerators
 * @param sum       sum of {@code x * w(x)} over the numerators
 * @param sumSquare sum of {@code x^2 * w(x)} over the numerators
 * @param weights   the numerators from {@code start} on
 */
public record EffectiveSpread(long start, BigInteger total, BigInteger sum, BigInteger sumSquare,
                              BigInteger[] weights) {

    private static final MathContext PRECISION = new MathContext(34);

    /** Last input coordinate with a weight. */
    public long end() {
        return start + weights.length - 1;
    }

    /** The centre of mass as an exact fraction {@code {numerator, denominator}}. */
    public BigInteger[] exactMean() {
        return reduced(sum, total);
    }

    /**
     * The variance as an exact fraction {@code {numerator, denominator}}:
     * {@code (W * S2 - S1^2) / W^2}.
     */
    public BigInteger[] exactVariance() {
        return reduced(varianceNumerator(total, sum, sumSquare), total.multiply(total));
    }

    /** {@code W * S2 - S1^2}: the variance times {@code W^2}. */
    static BigInteger varianceNumerator(BigInteger total, BigInteger sum, BigInteger sumSquare) {
        return total.multiply(sumSquare).subtract(sum.multiply(sum));
    }

    /** The centre of mass, input coordinate. */
    public double mean() {
        BigInteger[] m = exactMean();
        return new BigDecimal(m[0]).divide(new BigDecimal(m[1]), PRECISION).doubleValue();
    }

    /** The standard deviation in input pixels, the square root of the exact variance, rounded once. */
    public double sigma() {
        return sigma(total, sum, sumSquare);
    }

    /** {@link #sigma()} of the sums given. */
    static double sigma(BigInteger total, BigInteger sum, BigInteger sumSquare) {
        BigInteger numerator = varianceNumerator(total, sum, sumSquare);
        BigInteger denominator = total.multiply(total);
        // The same double without the decimal square root, where provably the same (DecimalSqrt).
        double sigma = DecimalSqrt.of(numerator, denominator);
        if (!Double.isNaN(sigma)) {
            return sigma;
        }
        BigInteger[] v = reduced(numerator, denominator);
        return new BigDecimal(v[0]).divide(new BigDecimal(v[1]), PRECISION).sqrt(PRECISION).doubleValue();
    }

    /**
     * The central extent holding {@code percent}% of the weight (see the class comment), as
     * {@code {first, last}} input coordinates.
     */
    public long[] extent(int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("percent must lie strictly between 0 and 100: " + percent);
        }
        // cum / W > (100 - p) / 200, and cum / W >= (100 + p) / 200, as bars on the integer cum.
        BigInteger[] bars = SpreadSums.bars(total, percent);
        BigInteger cumulative = BigInteger.ZERO;
        long first = Long.MIN_VALUE;
        for (int i = 0; i < weights.length; i++) {
            cumulative = cumulative.add(weights[i]);
            if (first == Long.MIN_VALUE && cumulative.compareTo(bars[0]) > 0) {
                first = start + i;
            }
            if (cumulative.compareTo(bars[1]) >= 0) {
                return new long[] {first, start + i};
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** The width in pixels of {@link #extent(int)}. */
    public long extentWidth(int percent) {
        long[] e = extent(percent);
        return e[1] - e[0] + 1;
    }

    /** Weight of coordinate {@code start + i}, normalised, as a double. */
    public double weight(int i) {
        return new BigDecimal(weights[i]).divide(new BigDecimal(total), PRECISION).doubleValue();
    }

    private static BigInteger[] reduced(BigInteger num, BigInteger den) {
        BigInteger g = num.gcd(den);
        if (g.signum() == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        return new BigInteger[] {num.divide(g), den.divide(g)};
    }
}
