package dev.convgeom.processor.geometry;

import java.math.BigInteger;

/**
 * An exact fraction {@code num / den} over {@code long}, always in lowest terms with a positive
 * denominator. Jumps and centres become fractions after upsampling and halves with even kernels;
 * keeping them exact means the processor never accumulates rounding error over a deep network.
 *
 * <p>Every operation is exact or throws {@link ArithmeticException} on overflow, which the
 * calculator turns into a located "number too large" error: a number is never wrapped.
 */
public final class Rational implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(0, 1);
    public static final Rational ONE = new Rational(1, 1);

    private final long num;
    private final long den;

    private Rational(long num, long den) {
        this.num = num;
        this.den = den;
    }

    public static Rational of(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Rational(value, 1);
    }

    public static Rational of(long num, long den) {
        if (den == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (num == Long.MIN_VALUE || den == Long.MIN_VALUE) {
            throw new ArithmeticException("long overflow");
        }
        if (den < 0) {
            num = -num;
            den = -den;
        }
        long g = gcd(Math.abs(num), den);
        return new Rational(num / g, den / g);
    }

    public long numerator() {
        return num;
    }

    public long denominator() {
        return den;
    }

    public boolean isInteger() {
        return den == 1;
    }

    /** The value as a long; only for integers. */
    public long longValueExact() {
        if (den != 1) {
            throw new ArithmeticException(this + " is not an integer");
        }
        return num;
    }

    public Rational plus(Rational o) {
        if (den == o.den) {
            return of(Math.addExact(num, o.num), den);
        }
        long g = gcd(den, o.den);
        long lcm = Math.multiplyExact(den / g, o.den);
        return of(Math.addExact(Math.multiplyExact(num, lcm / den), Math.multiplyExact(o.num, lcm / o.den)), lcm);
    }

    public Rational minus(Rational o) {
        return plus(o.negate());
    }

    public Rational times(Rational o) {
        long g1 = gcd(Math.abs(num), o.den);
        long g2 = gcd(Math.abs(o.num), den);
        return of(Math.multiplyExact(num / g1, o.num / g2), Math.multiplyExact(den / g2, o.den / g1));
    }

    public Rational times(long factor) {
        return times(of(factor));
    }

    public Rational dividedBy(Rational o) {
        if (o.num == 0) {
            throw new ArithmeticException("division by zero");
        }
        return times(of(o.den, o.num));
    }

    /** -1, 0 or 1, as this is negative, zero or positive. */
    public int signum() {
        return Long.signum(num);
    }

    public Rational abs() {
        return num < 0 ? negate() : this;
    }

    public Rational negate() {
        return of(Math.negateExact(num), den);
    }

    public long floor() {
        return Math.floorDiv(num, den);
    }

    public long ceil() {
        return -Math.floorDiv(-num, den);
    }

    public double toDouble() {
        return (double) num / den;
    }

    @Override
    public int compareTo(Rational o) {
        BigInteger left = BigInteger.valueOf(num).multiply(BigInteger.valueOf(o.den));
        BigInteger right = BigInteger.valueOf(o.num).multiply(BigInteger.valueOf(den));
        return left.compareTo(right);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && r.num == num && r.den == den;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(num) * 31 + Long.hashCode(den);
    }

    /** {@code 5}, {@code -3/2}. */
    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
