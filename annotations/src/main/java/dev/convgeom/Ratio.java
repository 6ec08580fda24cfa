package dev.convgeom;

import java.math.BigInteger;

/**
 * An exact fraction of two {@code long}s, always in lowest terms with a positive denominator.
 *
 * <p>Jumps and centres are whole in a chain of convolutions and pooling, but an upsampling layer
 * divides the jump (FCN's stride-32 deconvolution makes it {@code 1/32} of a pixel per unit), and
 * an even kernel puts a centre between two pixels. Doubles would round {@code 1/3}; generated code
 * writes these as exact fractions ({@code 1/2}, read by {@link Literals}) so that
 * {@link AxisGeometry} can reason about them exactly (whole shifts, exact mappings between layers).
 *
 * <p>Every arithmetic operation is exact or throws {@link ArithmeticException}: the result never
 * silently wraps around.
 *
 * @param numerator   the numerator, carrying the sign
 * @param denominator the denominator, positive after construction
 */
public record Ratio(long numerator, long denominator) implements Comparable<Ratio> {

    private static final Ratio ZERO = new Ratio(0, 1);
    private static final Ratio ONE = new Ratio(1, 1);

    /**
     * Normalizes: the denominator becomes positive and the fraction is reduced to lowest terms,
     * so that equal values are equal records ({@code new Ratio(2, -4)} equals {@code Ratio.of(-1, 2)}).
     *
     * @throws ArithmeticException if {@code denominator} is 0, or the value needs the negation of
     *                             {@link Long#MIN_VALUE}
     */
    public Ratio {
        if (denominator == 0) {
            throw new ArithmeticException("denominator 0 in " + numerator + "/0");
        }
        // Whole numbers, most of a network's jumps and centres, are in lowest terms already.
        long g = denominator == 1 ? 1 : gcd(numerator, denominator);
        if (g == Long.MIN_VALUE) {
            // gcd 2^63: both are Long.MIN_VALUE (the value 1) or the numerator is 0.
            numerator = numerator == 0 ? 0 : 1;
            denominator = 1;
        } else {
            // Dividing before negating keeps MIN_VALUE representable whenever the reduced value is.
            numerator /= g;
            denominator /= g;
        }
        if (denominator < 0) {
            numerator = Math.negateExact(numerator);
            denominator = Math.negateExact(denominator);
        }
    }

    /** The whole number {@code value}. */
    public static Ratio of(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Ratio(value, 1);
    }

    /**
     * The fraction {@code numerator / denominator}, reduced.
     *
     * @throws ArithmeticException if {@code denominator} is 0
     */
    public static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator);
    }

    /** {@code this + other}. */
    public Ratio plus(Ratio other) {
        if (denominator == 1 && other.denominator == 1) {
            return new Ratio(Math.addExact(numerator, other.numerator), 1);
        }
        // Over the lcm of the denominators rather than their product: smaller intermediates.
        long g = gcd(denominator, other.denominator);
        long left = Math.multiplyExact(numerator, other.denominator / g);
        long right = Math.multiplyExact(other.numerator, denominator / g);
        return new Ratio(Math.addExact(left, right), Math.multiplyExact(denominator / g, other.denominator));
    }

    /** {@code this - other}. */
    public Ratio minus(Ratio other) {
        return plus(other.negate());
    }

    /** {@code this * other}. */
    public Ratio times(Ratio other) {
        if (denominator == 1 && other.denominator == 1) {
            return new Ratio(Math.multiplyExact(numerator, other.numerator), 1);
        }
        // Cross-reduce first so that products of already reduced fractions rarely overflow.
        long g1 = gcd(numerator, other.denominator);
        long g2 = gcd(other.numerator, denominator);
        return new Ratio(Math.multiplyExact(numerator / g1, other.numerator / g2),
                Math.multiplyExact(denominator / g2, other.denominator / g1));
    }

    /** {@code this * value}. */
    public Ratio times(long value) {
        return times(of(value));
    }

    /**
     * {@code this / other}.
     *
     * @throws ArithmeticException if {@code other} is 0
     */
    public Ratio dividedBy(Ratio other) {
        if (other.numerator == 0) {
            throw new ArithmeticException("division of " + this + " by 0");
        }
        return times(new Ratio(other.denominator, other.numerator));
    }

    /** {@code -this}. */
    public Ratio negate() {
        return new Ratio(Math.negateExact(numerator), denominator);
    }

    /** {@code |this|}. */
    public Ratio abs() {
        return numerator < 0 ? negate() : this;
    }

    /**
     * The value as a {@code long}.
     *
     * @throws ArithmeticException if the value is not a whole number
     */
    public long longValueExact() {
        if (denominator != 1) {
            throw new ArithmeticException(this + " is not a whole number");
        }
        return numerator;
    }

    /** Whether the value is a whole number. */
    public boolean isInteger() {
        return denominator == 1;
    }

    /** The sign: -1, 0 or 1. */
    public int signum() {
        return Long.signum(numerator);
    }

    /** The nearest {@code double} (exact when the fraction is a small dyadic one). */
    public double doubleValue() {
        return (double) numerator / denominator;
    }

    /** The largest whole number not above the value. */
    public long floor() {
        return Math.floorDiv(numerator, denominator);
    }

    /** The smallest whole number not below the value. */
    public long ceil() {
        return -Math.floorDiv(-numerator, denominator);
    }

    /** Orders by value; exact also where the cross products exceed the {@code long} range. */
    @Override
    public int compareTo(Ratio other) {
        try {
            return Long.compare(Math.multiplyExact(numerator, other.denominator),
                    Math.multiplyExact(other.numerator, denominator));
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(other.denominator))
                    .compareTo(BigInteger.valueOf(other.numerator).multiply(BigInteger.valueOf(denominator)));
        }
    }

    /**
     * Equal values: both fractions are in lowest terms, so equal components. Written out, as the
     * record's own would compare: the generated one links through {@code ObjectMethods} the
     * first time it runs, which a fresh JVM running the processor once pays (BENCHMARKS.md).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ratio r && r.numerator == numerator && r.denominator == denominator;
    }

    /** The record's own hash, written out for the reason {@link #equals} is (so hash orders stay as they were). */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(numerator) + Long.hashCode(denominator);
    }

    /** {@code "16"} for a whole number, otherwise {@code "numerator/denominator"}, as {@code "-1/2"}. */
    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    /**
     * The gcd of {@code a} and {@code b}, not both 0, as a positive number, or
     * {@link Long#MIN_VALUE} standing for 2^63 (the gcd of MIN_VALUE with itself or with 0).
     */
    private static long gcd(long a, long b) {
        // Work on non-positive values: their range includes the magnitude of Long.MIN_VALUE.
        a = a > 0 ? -a : a;
        b = b > 0 ? -b : b;
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        // a is -gcd, which negates to itself only for 2^63.
        return -a;
    }
}
