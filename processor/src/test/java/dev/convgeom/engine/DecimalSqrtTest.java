package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalSqrt} against the form it replaces, written out here as it was in
 * {@link EffectiveSpread#sigma}: the fraction reduced, divided to 34 digits, its 34-digit square
 * root, then the nearest double. Every answer the shortcut gives must be that double, bit for bit,
 * on random fractions of every size, on the sums of random profiles, on exact squares, and on
 * fractions placed within {@code 2^-90} of a midpoint between two doubles (where a shortcut that
 * rounded once would differ); where it declines ({@code NaN}) {@link EffectiveSpread#sigma} must
 * still give the decimal answer, and on ordinary values it must rarely decline.
 */
class DecimalSqrtTest {

    private static final MathContext PRECISION = new MathContext(34);

    /** The decimal form, as {@code EffectiveSpread.sigma} computed it before the shortcut. */
    private static double decimal(BigInteger num, BigInteger den) {
        BigInteger g = num.gcd(den);
        BigInteger[] v = g.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ONE}
                : new BigInteger[] {num.divide(g), den.divide(g)};
        return new BigDecimal(v[0]).divide(new BigDecimal(v[1]), PRECISION).sqrt(PRECISION).doubleValue();
    }

    private int declined;
    private int answered;

    private void check(BigInteger num, BigInteger den) {
        double expected = decimal(num, den);
        double fast = DecimalSqrt.of(num, den);
        if (Double.isNaN(fast)) {
            declined++;
        } else {
            answered++;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(fast),
                    () -> num + " / " + den + ": " + expected + " decimal, " + fast + " shortcut");
        }
    }

    @Test
    void randomFractionsOfEverySize() {
        Random random = new Random(34);
        for (int trial = 0; trial < 20_000; trial++) {
            BigInteger num = new BigInteger(1 + random.nextInt(random.nextBoolean() ? 64 : 1500), random);
            BigInteger den = new BigInteger(1 + random.nextInt(random.nextBoolean() ? 64 : 1500), random)
                    .add(BigInteger.ONE);
            check(num, den);
        }
        for (int a = 0; a <= 300; a++) {
            for (int b = 1; b <= 60; b++) {
                check(BigInteger.valueOf(a), BigInteger.valueOf(b));
            }
        }
        assertTrue(declined * 1000 < answered, declined + " declined of " + (declined + answered));
    }

    @Test
    void sumsOfRandomProfilesAsSigmaSeesThem() {
        Random random = new Random(35);
        for (int trial = 0; trial < 5_000; trial++) {
            int bits = 1 + random.nextInt(random.nextBoolean() ? 20 : 800);
            int length = 1 + random.nextInt(60);
            long start = random.nextInt(2000) - 1000;
            BigInteger total = BigInteger.ZERO;
            BigInteger sum = BigInteger.ZERO;
            BigInteger sumSquare = BigInteger.ZERO;
            BigInteger[] weights = new BigInteger[length];
            for (int i = 0; i < length; i++) {
                weights[i] = new BigInteger(bits, random).add(BigInteger.ONE);
                BigInteger x = BigInteger.valueOf(start + i);
                total = total.add(weights[i]);
                sum = sum.add(x.multiply(weights[i]));
                sumSquare = sumSquare.add(x.multiply(x).multiply(weights[i]));
            }
            BigInteger num = EffectiveSpread.varianceNumerator(total, sum, sumSquare);
            BigInteger den = total.multiply(total);
            check(num, den);
            assertEquals(Double.doubleToRawLongBits(decimal(num, den)),
                    Double.doubleToRawLongBits(new EffectiveSpread(start, total, sum, sumSquare, weights).sigma()));
        }
        assertTrue(declined * 1000 < answered, declined + " declined of " + (declined + answered));
    }

    @Test
    void exactSquaresAndFractionsAtMidpoints() {
        Random random = new Random(36);
        for (int trial = 0; trial < 5_000; trial++) {
            // A double d = m 2^q with a mantissa of any length and an exponent near pixels' scale.
            long m = (1L << 52) | (random.nextInt(3) == 0 ? 0 : random.nextLong() & ((1L << 52) - 1));
            int q = random.nextInt(80) - 90;
            // d^2 exactly: the root is d.
            BigInteger mm = BigInteger.valueOf(m);
            check(mm.multiply(mm), BigInteger.ONE.shiftLeft(-2 * q));
            // The midpoints to both neighbours, squared, moved by 0 or by about 2^-90 of the value, or
            // 2^-120 (inside the 34 digits' reach): the decimal path decides there, the shortcut must
            // decline or agree.
            BigInteger[] halves = {BigInteger.valueOf(2 * m + 1), BigInteger.valueOf(2 * m - 1)};
            for (BigInteger h : halves) {
                BigInteger square = h.multiply(h);
                BigInteger den = BigInteger.ONE.shiftLeft(-2 * (q - 1));
                for (int nudge : new int[] {90, 120}) {
                    BigInteger scaled = square.shiftLeft(nudge);
                    BigInteger scaledDen = den.shiftLeft(nudge);
                    check(scaled, scaledDen);
                    check(scaled.add(square), scaledDen);
                    check(scaled.subtract(square), scaledDen);
                    check(scaled.add(BigInteger.ONE), scaledDen);
                    check(scaled.subtract(BigInteger.ONE), scaledDen);
                }
            }
        }
        // A power of two's lower midpoint is half as far: 2^52 (2^54 - 1) / 2^54 around 2^26.
        BigInteger lower = BigInteger.ONE.shiftLeft(54).subtract(BigInteger.ONE);
        check(lower.multiply(lower), BigInteger.ONE.shiftLeft(56));
        check(lower.multiply(lower).shiftLeft(100).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(156));
        check(lower.multiply(lower).shiftLeft(100).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(156));
        assertEquals(0.0, DecimalSqrt.of(BigInteger.ZERO, BigInteger.TEN));
        assertTrue(answered > 0 && declined > 0, answered + " answered, " + declined + " declined");
    }
}
