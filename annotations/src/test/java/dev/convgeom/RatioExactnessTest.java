package dev.convgeom;

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

/**
 * {@link Ratio}, the one fraction type of the API and the engine: lowest terms, exact arithmetic, and an exception
 * rather than a wrapped number (these checks were the engine's own Rational's, before the two merged).
 */
class RatioExactnessTest {

    @Test
    void normalisesToLowestTermsWithAPositiveDenominator() {
        Ratio r = Ratio.of(6, -4);
        assertEquals(-3, r.numerator());
        assertEquals(2, r.denominator());
        assertEquals(Ratio.of(-3, 2), r);
        assertEquals(Ratio.of(3, -2).hashCode(), r.hashCode());
        assertEquals("-3/2", r.toString());
        assertEquals(Ratio.of(0), Ratio.of(0, -7));
        assertEquals(1, Ratio.of(0, -7).denominator());
        assertEquals(Ratio.of(5), Ratio.of(-10, -2));
        assertEquals("5", Ratio.of(-10, -2).toString());
        assertTrue(Ratio.of(10, 5).isInteger());
        assertFalse(Ratio.of(1, 2).isInteger());
        assertEquals(Ratio.of(1), Ratio.of(1));
        assertEquals(Ratio.of(Long.MAX_VALUE, Long.MAX_VALUE), Ratio.of(1));
    }

    @Test
    void arithmetic() {
        Ratio half = Ratio.of(1, 2);
        Ratio third = Ratio.of(1, 3);
        assertEquals(Ratio.of(5, 6), half.plus(third));
        assertEquals(Ratio.of(1, 6), half.minus(third));
        assertEquals(Ratio.of(1, 6), half.times(third));
        assertEquals(Ratio.of(3, 2), half.dividedBy(third));
        assertEquals(Ratio.of(-1, 2), half.negate());
        assertEquals(Ratio.of(5, 2), half.times(5));
        assertEquals(Ratio.of(1), Ratio.of(1, 4).plus(Ratio.of(3, 4)));   // same denominators, then reduced
        assertEquals(Ratio.of(0), half.minus(half));
        assertEquals(0.5, half.doubleValue());
        assertTrue(third.compareTo(half) < 0);
        assertTrue(Ratio.of(-1, 2).compareTo(Ratio.of(-1, 3)) < 0);
        assertEquals(0, Ratio.of(2, 4).compareTo(half));
        assertNotEquals(half, third);
    }

    @Test
    void floorAndCeilOfNegatives() {
        assertEquals(-2, Ratio.of(-3, 2).floor());
        assertEquals(-1, Ratio.of(-3, 2).ceil());
        assertEquals(-3, Ratio.of(-3).floor());
        assertEquals(-3, Ratio.of(-3).ceil());
        assertEquals(-1, Ratio.of(-1, 3).floor());
        assertEquals(0, Ratio.of(-1, 3).ceil());
        assertEquals(1, Ratio.of(3, 2).floor());
        assertEquals(2, Ratio.of(3, 2).ceil());
        assertEquals(0, Ratio.of(0).floor());
        assertEquals(0, Ratio.of(0).ceil());
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Ratio max = Ratio.of(Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> max.plus(Ratio.of(1)));
        assertThrows(ArithmeticException.class, () -> max.times(2));
        assertThrows(ArithmeticException.class, () -> max.negate().minus(Ratio.of(2)));
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, Long.MAX_VALUE).plus(Ratio.of(1, Long.MAX_VALUE - 1)));
        // The engine's old Rational refused -2^63 outright; Ratio (the one fraction type) holds it as
        // a whole number (RatioTest) and throws where it would have to be negated.
        assertThrows(ArithmeticException.class, () -> Ratio.of(Long.MIN_VALUE, 1).negate());
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Ratio.of(1).dividedBy(Ratio.of(0)));
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, 2).longValueExact());
        assertEquals(Long.MAX_VALUE, max.longValueExact());
        assertEquals(Ratio.of(Long.MAX_VALUE - 1), max.minus(Ratio.of(1)));
    }

    // --- against exact BigInteger fractions ------------------------------------------------------

    @Provide
    Arbitrary<Ratio> rationals() {
        Arbitrary<Long> small = Arbitraries.longs().between(-1000, 1000);
        Arbitrary<Long> any = Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE);
        Arbitrary<Long> huge = Arbitraries.oneOf(Arbitraries.longs().between(Long.MAX_VALUE - 1000, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1000),
                Arbitraries.longs().between(1L << 31, 1L << 33));
        Arbitrary<Long> nums = Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(2, any), Tuple.of(2, huge));
        Arbitrary<Long> dens = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(1, 12)),
                Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE)), Tuple.of(1, huge))
                .filter(d -> d != 0);
        return nums.flatMap(n -> dens.map(d -> Ratio.of(n, d)));
    }

    /** Every operation is either exactly right and in lowest terms, or throws ArithmeticException. */
    @Property(tries = 2000)
    void operationsAreExactOrThrow(@ForAll("rationals") Ratio a, @ForAll("rationals") Ratio b) {
        check(a, b, Ratio::plus, (x, y) -> x.add(y));
        check(a, b, Ratio::minus, (x, y) -> x.subtract(y));
        check(a, b, Ratio::times, (x, y) -> x.multiply(y));
        if (b.numerator() != 0) {
            check(a, b, Ratio::dividedBy, (x, y) -> x.divide(y));
        }
        assertEquals(Integer.signum(Big.of(a).compareTo(Big.of(b))), Integer.signum(a.compareTo(b)));
        assertEquals(Big.of(a).floor(), BigInteger.valueOf(a.floor()));
        assertEquals(Big.of(a).ceil(), BigInteger.valueOf(a.ceil()));
    }

    private static void check(Ratio a, Ratio b, BinaryOperator<Ratio> op, BinaryOperator<Big> exact) {
        Big expected = exact.apply(Big.of(a), Big.of(b));
        Ratio actual;
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

        static Big of(Ratio r) {
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
