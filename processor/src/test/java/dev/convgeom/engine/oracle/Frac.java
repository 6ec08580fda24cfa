package dev.convgeom.engine.oracle;

import dev.convgeom.Ratio;
import java.math.BigInteger;

/**
 * An exact fraction over unbounded integers, for the oracles' own centres. Deliberately not the
 * core's {@code Ratio}: an oracle that shared the core's arithmetic (and its overflow limits)
 * would share its bugs.
 */
public record Frac(BigInteger num, BigInteger den) implements Comparable<Frac> {

    public static final Frac ZERO = of(0);
    public static final Frac HALF = of(1, 2);

    public Frac {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) {
            den = BigInteger.ONE;
        }
    }

    public static Frac of(long value) {
        return new Frac(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Frac of(long num, long den) {
        return new Frac(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }

    public Frac plus(Frac o) {
        return new Frac(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    public Frac minus(Frac o) {
        return plus(o.negate());
    }

    public Frac negate() {
        return new Frac(num.negate(), den);
    }

    public Frac times(Frac o) {
        return new Frac(num.multiply(o.num), den.multiply(o.den));
    }

    public Frac times(long factor) {
        return times(of(factor));
    }

    public Frac dividedBy(Frac o) {
        return new Frac(num.multiply(o.den), den.multiply(o.num));
    }

    public Frac dividedBy(long divisor) {
        return dividedBy(of(divisor));
    }

    public int signum() {
        return num.signum();
    }

    public boolean isWhole() {
        return den.equals(BigInteger.ONE);
    }

    /** The value as a long; only for whole values that fit. */
    public long longValueExact() {
        if (!isWhole()) {
            throw new ArithmeticException(this + " is not whole");
        }
        return num.longValueExact();
    }

    @Override
    public int compareTo(Frac o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
        return isWhole() ? num.toString() : num + "/" + den;
    }
}
