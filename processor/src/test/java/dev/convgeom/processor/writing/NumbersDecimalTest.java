package dev.convgeom.processor.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Numbers#display}'s decimals in {@code long}s against the {@code BigDecimal} form they
 * replace (division, trailing zeros stripped, plain string), written out here: every terminating
 * fraction with a denominator {@code 2^a 5^b} up to {@code 2^40} and {@code 5^17}, numerators small,
 * random and near the ends of {@code long}, both signs; where the scaled numerator does not fit a
 * {@code long} the shortcut declines (null) and the decimal form is used.
 */
class NumbersDecimalTest {

    private static String bigDecimal(Ratio r) {
        return new BigDecimal(BigInteger.valueOf(r.numerator())).divide(new BigDecimal(BigInteger.valueOf(r.denominator())))
                .stripTrailingZeros().toPlainString();
    }

    @Test
    void decimalsInLongsAreTheBigDecimalForm() {
        Random random = new Random(10);
        int compared = 0;
        int declined = 0;
        for (int twos = 0; twos <= 40; twos++) {
            for (int fives = 0; fives <= 17; fives++) {
                BigInteger exact = BigInteger.TWO.pow(twos).multiply(BigInteger.valueOf(5).pow(fives));
                if (exact.bitLength() > 62 || exact.equals(BigInteger.ONE)) {
                    continue;
                }
                long den = exact.longValueExact();
                long[] nums = {1, -1, 3, -3, 7, 49, -1_000_001, random.nextInt(), random.nextLong() >> random.nextInt(64),
                    Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE / 3};
                for (long n : nums) {
                    Ratio r = Ratio.of(n, den);
                    if (r.isInteger()) {
                        continue;
                    }
                    String fast = Numbers.decimalInLongs(r.numerator(), r.denominator());
                    if (fast == null) {
                        declined++;
                    } else {
                        compared++;
                        assertEquals(bigDecimal(r), fast, n + "/" + den);
                    }
                    assertEquals(bigDecimal(r), Numbers.display(r), n + "/" + den);
                }
            }
        }
        for (int n = -400; n <= 400; n++) {
            for (long den : new long[] {2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80, 100, 125, 128, 1024}) {
                Ratio r = Ratio.of(n, den);
                if (!r.isInteger()) {
                    compared++;
                    assertEquals(bigDecimal(r), Numbers.decimalInLongs(r.numerator(), r.denominator()), n + "/" + den);
                }
            }
        }
        assertTrue(compared > 10_000 && declined > 0, compared + " compared, " + declined + " declined");
        assertNull(Numbers.decimalInLongs(Long.MAX_VALUE, 1L << 62));
    }
}
