package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link Ratio} against {@link BigInteger} arithmetic on the unreduced fractions. */
class RatioTest {

    @Property
    void isNormalizedAndKeepsItsValue(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long n,
                                      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long d) {
        Assume.that(d != 0);
        Ratio r = Ratio.of(n, d);
        assertTrue(r.denominator() > 0);
        assertEquals(BigInteger.ONE, big(r.numerator()).gcd(big(r.denominator())), "lowest terms (0 is 0/1)");
        assertEquals(big(n).multiply(big(r.denominator())), big(r.numerator()).multiply(big(d)), "same value");
        assertEquals(Math.floorDiv(n, d), r.floor());
        assertEquals(-Math.floorDiv(-n, d), r.ceil());
        assertEquals(n % d == 0, r.isInteger());
        assertEquals((double) n / d, r.doubleValue(), 1e-12 * Math.max(1, Math.abs((double) n / d)));
    }

    @Property
    void arithmeticMatchesCrossMultiplication(@ForAll @LongRange(min = -100_000, max = 100_000) long a,
                                              @ForAll @LongRange(min = 1, max = 100_000) long b,
                                              @ForAll @LongRange(min = -100_000, max = 100_000) long c,
                                              @ForAll @LongRange(min = -100_000, max = 100_000) long d) {
        Assume.that(d != 0);
        Ratio x = Ratio.of(a, b);
        Ratio y = Ratio.of(c, d);
        // a/b + c/d = (ad + cb) / bd, and so on; compared by value.
        assertValue(big(a).multiply(big(d)).add(big(c).multiply(big(b))), big(b).multiply(big(d)), x.plus(y));
        assertValue(big(a).multiply(big(d)).subtract(big(c).multiply(big(b))), big(b).multiply(big(d)), x.minus(y));
        assertValue(big(a).multiply(big(c)), big(b).multiply(big(d)), x.times(y));
        assertValue(big(-a), big(b), x.negate());
        if (c != 0) {
            assertValue(big(a).multiply(big(d)), big(b).multiply(big(c)), x.dividedBy(y));
        }
        // Signs: compare a/b and c/d with positive denominators.
        BigInteger left = big(a).multiply(big(Math.abs(d)));
        BigInteger right = big(c * Long.signum(d)).multiply(big(b));
        assertEquals(Integer.signum(left.compareTo(right)), Integer.signum(x.compareTo(y)));
        assertEquals(x.compareTo(y) == 0, x.equals(y));
    }

    @Property
    void toStringReadsBack(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long n,
                           @ForAll @LongRange(min = 1, max = 1_000_000) long d) {
        Ratio r = Ratio.of(n, d);
        String[] parts = r.toString().split("/");
        Ratio back = parts.length == 1 ? Ratio.of(Long.parseLong(parts[0]))
                : Ratio.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        assertEquals(r, back);
    }

    @Test
    void examples() {
        assertEquals("16", Ratio.of(16).toString());
        assertEquals("-1/2", Ratio.of(2, -4).toString());
        assertEquals(Ratio.of(-1, 2), new Ratio(2, -4));
        assertEquals("0", Ratio.of(0, -7).toString());
        assertEquals(Ratio.of(1), Ratio.of(Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(Ratio.of(0), Ratio.of(0, Long.MIN_VALUE));
        // -2^62 / -2^63 = 1/2, and -2^63 / -2 = 2^62: reducing before negating keeps both in range.
        assertEquals(Ratio.of(1, 2), Ratio.of(Long.MIN_VALUE / 2, Long.MIN_VALUE));
        assertEquals(Ratio.of(1L << 62), Ratio.of(Long.MIN_VALUE, -2));
        assertEquals(-1, Ratio.of(-1, 2).floor());
        assertEquals(0, Ratio.of(-1, 2).ceil());
        assertEquals(Ratio.of(5, 6), Ratio.of(1, 2).plus(Ratio.of(1, 3)));
    }

    @Test
    void failsRatherThanWraps() {
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ratio.of(Long.MAX_VALUE).plus(Ratio.of(1)));
        assertThrows(ArithmeticException.class, () -> Ratio.of(Long.MAX_VALUE).times(Ratio.of(2)));
        assertThrows(ArithmeticException.class, () -> Ratio.of(Long.MIN_VALUE).negate());
        assertThrows(ArithmeticException.class, () -> Ratio.of(1, Long.MAX_VALUE).plus(Ratio.of(1, Long.MAX_VALUE - 1)));
        assertThrows(ArithmeticException.class, () -> Ratio.of(3).dividedBy(Ratio.of(0)));
        // Comparison never overflows.
        assertTrue(Ratio.of(Long.MAX_VALUE, 3).compareTo(Ratio.of(Long.MAX_VALUE - 1, 3)) > 0);
        assertTrue(Ratio.of(Long.MAX_VALUE - 1, Long.MAX_VALUE).compareTo(Ratio.of(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1)) > 0);
    }

    private static void assertValue(BigInteger num, BigInteger den, Ratio r) {
        assertEquals(num.multiply(big(r.denominator())), big(r.numerator()).multiply(den), r + " vs " + num + "/" + den);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
