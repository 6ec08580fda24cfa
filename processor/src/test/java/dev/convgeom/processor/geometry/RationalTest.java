package dev.convgeom.processor.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.function.BinaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** {@link Rational}: lowest terms, exact arithmetic, and an exception rather than a wrapped number. */
class RationalTest {

    @Test
    void normalisesToLowestTermsWithAPositiveDenominator() {
        Rational r = Rational.of(6, -4);
        assertEquals(-3, r.numerator());
        assertEquals(2, r.denominator());
        assertEquals(Rational.of(-3, 2), r);
        assertEquals(Rational.of(3, -2).hashCode(), r.hashCode());
        assertEquals("-3/2", r.toString());
        assertEquals(Rational.ZERO, Rational.of(0, -7));
        assertEquals(1, Rational.of(0, -7).denominator());
        assertEquals(Rational.of(5), Rational.of(-10, -2));
        assertEquals("5", Rational.of(-10, -2).toString());
        assertTrue(Rational.of(10, 5).isInteger());
        assertFalse(Rational.of(1, 2).isInteger());
        assertEquals(Rational.of(1), Rational.ONE);
        assertEquals(Rational.of(Long.MAX_VALUE, Long.MAX_VALUE), Rational.ONE);
    }

    @Test
    void arithmetic() {
        Rational half = Rational.of(1, 2);
        Rational third = Rational.of(1, 3);
        assertEquals(Rational.of(5, 6), half.plus(third));
        assertEquals(Rational.of(1, 6), half.minus(third));
        assertEquals(Rational.of(1, 6), half.times(third));
        assertEquals(Rational.of(3, 2), half.dividedBy(third));
        assertEquals(Rational.of(-1, 2), half.negate());
        assertEquals(Rational.of(5, 2), half.times(5));
        assertEquals(Rational.ONE, Rational.of(1, 4).plus(Rational.of(3, 4)));   // same denominators, then reduced
        assertEquals(Rational.ZERO, half.minus(half));
        assertEquals(0.5, half.toDouble());
        assertTrue(third.compareTo(half) < 0);
        assertTrue(Rational.of(-1, 2).compareTo(Rational.of(-1, 3)) < 0);
        assertEquals(0, Rational.of(2, 4).compareTo(half));
        assertNotEquals(half, third);
    }

    @Test
    void floorAndCeilOfNegatives() {
        assertEquals(-2, Rational.of(-3, 2).floor());
        assertEquals(-1, Rational.of(-3, 2).ceil());
        assertEquals(-3, Rational.of(-3).floor());
        assertEquals(-3, Rational.of(-3).ceil());
        assertEquals(-1, Rational.of(-1, 3).floor());
        assertEquals(0, Rational.of(-1, 3).ceil());
        assertEquals(1, Rational.of(3, 2).floor());
        assertEquals(2, Rational.of(3, 2).ceil());
        assertEquals(0, Rational.ZERO.floor());
        assertEquals(0, Rational.ZERO.ceil());
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Rational max = Rational.of(Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> max.plus(Rational.ONE));
        assertThrows(ArithmeticException.class, () -> max.times(2));
        assertThrows(ArithmeticException.class, () -> max.negate().minus(Rational.of(2)));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, Long.MAX_VALUE).plus(Rational.of(1, Long.MAX_VALUE - 1)));
        assertThrows(ArithmeticException.class, () -> Rational.of(Long.MIN_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Rational.ONE.dividedBy(Rational.ZERO));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 2).longValueExact());
        assertEquals(Long.MAX_VALUE, max.longValueExact());
        assertEquals(Rational.of(Long.MAX_VALUE - 1), max.minus(Rational.ONE));
    }

    // --- against exact BigInteger fractions ------------------------------------------------------

    @Provide
    Arbitrary<Rational> rationals() {
        Arbitrary<Long> small = Arbitraries.longs().between(-1000, 1000);
        Arbitrary<Long> any = Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE);
        Arbitrary<Long> huge = Arbitraries.oneOf(Arbitraries.longs().between(Long.MAX_VALUE - 1000, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1000),
                Arbitraries.longs().between(1L << 31, 1L << 33));
        Arbitrary<Long> nums = Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(2, any), Tuple.of(2, huge));
        Arbitrary<Long> dens = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(1, 12)),
                Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE)), Tuple.of(1, huge))
                .filter(d -> d != 0);
        return nums.flatMap(n -> dens.map(d -> Rational.of(n, d)));
    }

    /** Every operation is either exactly right and in lowest terms, or throws ArithmeticException. */
    @Property(tries = 2000)
    void operationsAreExactOrThrow(@ForAll("rationals") Rational a, @ForAll("rationals") Rational b) {
        check(a, b, Rational::plus, (x, y) -> x.add(y));
        check(a, b, Rational::minus, (x, y) -> x.subtract(y));
        check(a, b, Rational::times, (x, y) -> x.multiply(y));
        if (b.numerator() != 0) {
            check(a, b, Rational::dividedBy, (x, y) -> x.divide(y));
        }
        assertEquals(Integer.signum(Big.of(a).compareTo(Big.of(b))), Integer.signum(a.compareTo(b)));
        assertEquals(Big.of(a).floor(), BigInteger.valueOf(a.floor()));
        assertEquals(Big.of(a).ceil(), BigInteger.valueOf(a.ceil()));
    }

    private static void check(Rational a, Rational b, BinaryOperator<Rational> op, BinaryOperator<Big> exact) {
        Big expected = exact.apply(Big.of(a), Big.of(b));
        Rational actual;
        try {
            actual = op.apply(a, b);
        } catch (ArithmeticException overflow) {
            // The contract is "exact or an exception": a result that does not fit must throw; one
            // that fits may still throw when an intermediate product does not (counted, not failed).
            Statistics.label("outcome").collect(expected.fitsInLong() ? "threw, result would fit" : "threw, too large");
            return;
        }
        Statistics.label("outcome").collect("exact");
        assertEquals(expected, Big.of(actual), () -> a + " op " + b);
        assertTrue(actual.denominator() > 0);
        assertEquals(BigInteger.ONE, BigInteger.valueOf(actual.numerator()).gcd(BigInteger.valueOf(actual.denominator())),
                () -> actual + " is not in lowest terms");
    }

    /** An exact fraction in lowest terms, positive denominator. */
    private record Big(BigInteger num, BigInteger den) {

        static Big of(Rational r) {
            return make(BigInteger.valueOf(r.numerator()), BigInteger.valueOf(r.denominator()));
        }

        static Big make(BigInteger num, BigInteger den) {
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger g = num.gcd(den);
            return new Big(num.divide(g), den.divide(g));
        }

        Big add(Big o) {
            return make(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Big subtract(Big o) {
            return add(new Big(o.num.negate(), o.den));
        }

        Big multiply(Big o) {
            return make(num.multiply(o.num), den.multiply(o.den));
        }

        Big divide(Big o) {
            return make(num.multiply(o.den), den.multiply(o.num));
        }

        int compareTo(Big o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        boolean fitsInLong() {
            return num.bitLength() < 64 && den.bitLength() < 64;
        }

        BigInteger floor() {
            BigInteger[] qr = num.divideAndRemainder(den);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }

        BigInteger ceil() {
            BigInteger[] qr = num.divideAndRemainder(den);
            return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        }
    }
}
