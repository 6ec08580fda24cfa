package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LimbArray}, the effective profiles' in-place arithmetic, against {@link BigInteger}: sums
 * of scaled rows on random values and on the values whose carries run through every limb (all
 * ones, powers of two at limb boundaries), factors of every size (1, small, 62 bits, beyond), the
 * first tap copied and the next two added in one pass, the running sums and comparisons
 * {@link SpreadSums} makes, and overflow refused, never cut.
 */
class LimbArrayTest {

    private static final BigInteger LIMB = BigInteger.ONE.shiftLeft(LimbArray.BITS);

    /** Values whose carries cross limb boundaries: 0, 1, 2^k - 1 and 2^k around multiples of 62. */
    private static BigInteger[] extremes(int maxBits) {
        java.util.List<BigInteger> v = new java.util.ArrayList<>();
        v.add(BigInteger.ZERO);
        v.add(BigInteger.ONE);
        for (int bits = 1; bits <= maxBits; bits++) {
            if (bits % LimbArray.BITS <= 1 || bits % LimbArray.BITS == LimbArray.BITS - 1 || bits == maxBits) {
                v.add(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
                v.add(BigInteger.ONE.shiftLeft(bits - 1));
            }
        }
        return v.toArray(BigInteger[]::new);
    }

    private static BigInteger random(Random random, int maxBits) {
        int bits = random.nextInt(maxBits + 1);
        BigInteger v = new BigInteger(bits, random);
        // Runs of ones make long carries; random numbers rarely have them.
        return random.nextInt(4) == 0 ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) : v;
    }

    private static BigInteger randomFactor(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> BigInteger.ONE;
            case 1 -> BigInteger.valueOf(random.nextInt(1000));
            case 2 -> LIMB.subtract(BigInteger.ONE);                      // the largest 62-bit factor
            case 3 -> new BigInteger(1 + random.nextInt(LimbArray.BITS), random);
            default -> new BigInteger(LimbArray.BITS + 1 + random.nextInt(200), random); // through BigInteger
        };
    }

    @Test
    void valuesSurviveTheRoundTrip() {
        BigInteger[] values = extremes(400);
        LimbArray a = LimbArray.of(values);
        assertEquals(LimbArray.limbsFor(400), a.width());
        assertArrayEquals(values, a.toBigIntegers());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i].signum() == 0, a.isZero(i));
            assertArrayEquals(a.toBigIntegers()[i].toByteArray(), values[i].toByteArray());
        }
        assertEquals(1, LimbArray.limbsFor(0));
        assertEquals(1, LimbArray.limbsFor(62));
        assertEquals(2, LimbArray.limbsFor(63));
    }

    @Test
    void scaledSumsAreBigIntegerSums() {
        Random random = new Random(20_261_206L);
        for (int trial = 0; trial < 3_000; trial++) {
            int count = 1 + random.nextInt(12);
            int bits = trial % 3 == 0 ? random.nextInt(70) : random.nextInt(700);
            BigInteger[] expected = new BigInteger[count + 8];
            java.util.Arrays.fill(expected, BigInteger.ZERO);
            java.util.List<Object[]> adds = new java.util.ArrayList<>();
            BigInteger max = BigInteger.ZERO;
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                BigInteger[] run = new BigInteger[count];
                for (int i = 0; i < count; i++) {
                    run[i] = random.nextInt(8) == 0 ? extremes(bits + 1)[random.nextInt(extremes(bits + 1).length)]
                            : random(random, bits);
                }
                int offset = random.nextInt(9);
                BigInteger factor = randomFactor(random);
                adds.add(new Object[] {offset, run, factor});
                for (int i = 0; i < count; i++) {
                    expected[offset + i] = expected[offset + i].add(run[i].multiply(factor));
                }
            }
            for (BigInteger e : expected) {
                max = max.max(e);
            }
            // Exactly as wide as the largest sum, as the profiles size them: every carry must land.
            LimbArray sum = LimbArray.zeros(expected.length, LimbArray.limbsFor(max.bitLength()));
            for (Object[] add : adds) {
                sum.addScaled((int) add[0], LimbArray.of((BigInteger[]) add[1]), (BigInteger) add[2]);
            }
            assertArrayEquals(expected, sum.toBigIntegers(), "trial " + trial);
            assertTrue(sum.sameValues(LimbArray.of(expected)), "trial " + trial);
        }
    }

    @Test
    void copiesAndPairedSumsAreBigIntegerSums() {
        Random random = new Random(62);
        for (int trial = 0; trial < 3_000; trial++) {
            int bits = random.nextInt(500);
            BigInteger[] first = new BigInteger[1 + random.nextInt(10)];
            BigInteger[] a = new BigInteger[1 + random.nextInt(10)];
            // Half the trials add one row twice, as a window's taps do.
            BigInteger[] b = random.nextBoolean() ? a : new BigInteger[1 + random.nextInt(10)];
            for (BigInteger[] row : new BigInteger[][] {first, a, b}) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextInt(5) == 0 ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                            : random(random, bits);
                }
            }
            int offFirst = random.nextInt(6);
            int offA = random.nextInt(12);
            int offB = random.nextInt(12);
            BigInteger[] expected = new BigInteger[24];
            java.util.Arrays.fill(expected, BigInteger.ZERO);
            for (int i = 0; i < first.length; i++) {
                expected[offFirst + i] = first[i];
            }
            for (int i = 0; i < a.length; i++) {
                expected[offA + i] = expected[offA + i].add(a[i]);
            }
            for (int i = 0; i < b.length; i++) {
                expected[offB + i] = expected[offB + i].add(b[i]);
            }
            BigInteger max = java.util.Arrays.stream(expected).reduce(BigInteger.ZERO, BigInteger::max);
            // Exactly wide enough, or wider; rows of different widths take the two-call path.
            LimbArray sum = LimbArray.zeros(expected.length, LimbArray.limbsFor(max.bitLength()) + random.nextInt(2));
            LimbArray rowA = LimbArray.of(a);
            LimbArray rowB = b == a ? rowA : LimbArray.of(b);
            sum.copy(offFirst, LimbArray.of(first));
            sum.addBoth(offA, rowA, offB, rowB);
            assertArrayEquals(expected, sum.toBigIntegers(), "trial " + trial);
        }
        LimbArray narrow = LimbArray.zeros(1, 1);
        assertThrows(ArithmeticException.class, () -> narrow.copy(0, LimbArray.of(new BigInteger[] {LIMB})));
        BigInteger top = LIMB.subtract(BigInteger.ONE);
        LimbArray full = LimbArray.zeros(1, 1);
        full.copy(0, LimbArray.of(new BigInteger[] {top}));
        assertThrows(ArithmeticException.class, () -> full.addBoth(0, LimbArray.of(new BigInteger[] {BigInteger.ONE}),
                0, LimbArray.of(new BigInteger[] {BigInteger.ZERO})));
    }

    @Test
    void carriesRunThroughEveryLimb() {
        // (2^620 - 1) + 1 = 2^620: a carry through all ten limbs into an eleventh.
        BigInteger ones = BigInteger.ONE.shiftLeft(620).subtract(BigInteger.ONE);
        LimbArray a = LimbArray.zeros(1, LimbArray.limbsFor(621));
        a.addScaled(0, LimbArray.of(new BigInteger[] {ones}), BigInteger.ONE);
        a.addScaled(0, LimbArray.of(new BigInteger[] {BigInteger.ONE}), BigInteger.ONE);
        assertEquals(BigInteger.ONE.shiftLeft(620), a.get(0));
        // (2^62 - 1) * (2^62 - 1) added to 2^124 - 1: the product's high half and the carry together.
        BigInteger f = LIMB.subtract(BigInteger.ONE);
        LimbArray b = LimbArray.zeros(1, 3);
        b.addScaled(0, LimbArray.of(new BigInteger[] {LIMB.multiply(LIMB).subtract(BigInteger.ONE)}), BigInteger.ONE);
        b.addScaled(0, LimbArray.of(new BigInteger[] {f}), f);
        assertEquals(LIMB.multiply(LIMB).subtract(BigInteger.ONE).add(f.multiply(f)), b.get(0));
        // A factor of 0 adds nothing.
        b.addScaled(0, LimbArray.of(new BigInteger[] {f}), BigInteger.ZERO);
        assertEquals(LIMB.multiply(LIMB).subtract(BigInteger.ONE).add(f.multiply(f)), b.get(0));
    }

    @Test
    void sumsThatDoNotFitAreRefused() {
        LimbArray one = LimbArray.zeros(1, 1);
        BigInteger[] top = {LIMB.subtract(BigInteger.ONE)};
        one.addScaled(0, LimbArray.of(top), BigInteger.ONE);
        assertThrows(ArithmeticException.class, () -> one.addScaled(0, LimbArray.of(top), BigInteger.ONE));
        LimbArray two = LimbArray.zeros(1, 2);
        assertThrows(ArithmeticException.class,
                () -> two.addScaled(0, LimbArray.of(new BigInteger[] {LIMB.multiply(LIMB).subtract(BigInteger.ONE)}),
                        BigInteger.valueOf(2)));
        assertThrows(ArithmeticException.class,
                () -> two.addScaled(0, LimbArray.of(new BigInteger[] {LIMB}), LIMB.shiftLeft(1)));
        assertThrows(ArithmeticException.class, () -> LimbArray.toLimbs(LIMB, 1));
        assertThrows(ArithmeticException.class, () -> LimbArray.of(new BigInteger[] {LIMB.shiftLeft(1)}).longValue(0));
        assertEquals(Long.MAX_VALUE, LimbArray.of(new BigInteger[] {BigInteger.valueOf(Long.MAX_VALUE)}).longValue(0));
        long[] sum = LimbArray.toLimbs(LIMB.subtract(BigInteger.ONE), 1);
        assertThrows(ArithmeticException.class, () -> LimbArray.of(new BigInteger[] {BigInteger.ONE}).addTo(sum, 0));
    }

    @Test
    void runningSumsAndComparisonsAreBigIntegers() {
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            BigInteger[] values = new BigInteger[1 + random.nextInt(30)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random(random, 300);
            }
            LimbArray a = LimbArray.of(values);
            int width = Math.max(a.width(), LimbArray.limbsFor(310));
            long[] running = new long[width];
            BigInteger expected = BigInteger.ZERO;
            BigInteger bar = random(random, 300 + 5);
            for (int i = 0; i < values.length; i++) {
                a.addTo(running, i);
                expected = expected.add(values[i]);
                assertArrayEquals(LimbArray.toLimbs(expected, width), running);
                assertEquals(expected.compareTo(bar), LimbArray.compare(running, LimbArray.toLimbs(bar, width)));
                assertEquals(0, LimbArray.compare(running, LimbArray.toLimbs(expected, width)));
            }
        }
        assertFalse(LimbArray.of(new BigInteger[] {BigInteger.ONE}).sameValues(LimbArray.of(new BigInteger[] {LIMB})));
        // The same values in rows of different widths.
        LimbArray narrow = LimbArray.of(new BigInteger[] {BigInteger.ONE, BigInteger.TWO});
        LimbArray wide = LimbArray.zeros(2, 3);
        wide.addScaled(0, narrow, BigInteger.ONE);
        assertTrue(narrow.sameValues(wide));
        assertTrue(wide.sameValues(narrow));
        wide.addScaled(1, LimbArray.of(new BigInteger[] {LIMB}), BigInteger.ONE);
        assertFalse(narrow.sameValues(wide));
        assertEquals(LIMB.add(BigInteger.TWO), wide.range(1, 2).get(0));
    }

    /**
     * A mirrored row writes its second half only where it is read: each way of reading a row,
     * applied first to a freshly mirrored palindrome, sees the values the palindrome has (built
     * in {@link BigInteger}s, not through the row), and reads before it do not change them.
     */
    @Test
    void mirroredHalvesReadAsThePalindrome() {
        Random random = new Random(20_261_207L);
        for (int trial = 0; trial < 2_000; trial++) {
            int count = 1 + random.nextInt(30);
            int bits = 1 + random.nextInt(trial % 2 == 0 ? 61 : 400);
            BigInteger[] values = new BigInteger[count];
            for (int i = 0; i < (count + 1) / 2; i++) {
                values[i] = random(random, bits);
                values[count - 1 - i] = values[i];
            }
            int reader = trial % 12;
            LimbArray row = mirrored(values, LimbArray.limbsFor(bits) + random.nextInt(2));
            int i = random.nextInt(count);
            String where = "trial " + trial + ", reader " + reader;
            switch (reader) {
                case 0 -> assertArrayEquals(values, row.toBigIntegers(), where);
                case 1 -> assertEquals(values[i], row.get(i), where);
                case 2 -> assertEquals(values[i].signum() == 0, row.isZero(i), where);
                case 3 -> {
                    int s = Math.max(0, bits - 61);
                    assertEquals(values[i].shiftRight(s).longValueExact(), row.leading(i, s), where);
                }
                case 4 -> {
                    if (values[i].bitLength() < 63) {
                        assertEquals(values[i].longValueExact(), row.longValue(i), where);
                    }
                }
                case 5 -> {
                    int from = random.nextInt(count);
                    int to = from + 1 + random.nextInt(count - from);
                    assertArrayEquals(java.util.Arrays.copyOfRange(values, from, to),
                            row.range(from, to).toBigIntegers(), where);
                }
                case 6 -> assertTrue(row.sameValues(LimbArray.of(values)) && LimbArray.of(values).sameValues(row), where);
                case 7 -> {
                    long[] sum = new long[row.width() + 1];
                    BigInteger expected = BigInteger.ZERO;
                    for (int k = 0; k < count; k++) {
                        row.addTo(sum, k);
                        expected = expected.add(values[k]);
                    }
                    assertArrayEquals(LimbArray.toLimbs(expected, sum.length), sum, where);
                }
                case 8 -> {
                    LimbArray target = LimbArray.zeros(count + 2, row.width());
                    target.copy(1, row);
                    assertArrayEquals(shifted(values, 1, count + 2), target.toBigIntegers(), where);
                }
                case 9 -> {
                    LimbArray target = LimbArray.zeros(count + 2, row.width() + 1);
                    target.addBoth(0, row, 2, row);
                    assertArrayEquals(add(shifted(values, 0, count + 2), shifted(values, 2, count + 2)),
                            target.toBigIntegers(), where);
                }
                case 10 -> {
                    BigInteger factor = randomFactor(random);
                    BigInteger[] expected = shifted(values, 1, count + 1);
                    int most = 0;
                    for (int k = 0; k < expected.length; k++) {
                        expected[k] = expected[k].multiply(factor);
                        most = Math.max(most, expected[k].bitLength());
                    }
                    LimbArray target = LimbArray.zeros(count + 1, LimbArray.limbsFor(most));
                    target.addScaled(1, row, factor);
                    assertArrayEquals(expected, target.toBigIntegers(), where);
                }
                default -> {
                    // The next layer's half sum: three taps of the row, d apart, then mirrored too.
                    int d = 1 + random.nextInt(3);
                    int n = count + 2 * d;
                    BigInteger[] expected = add(add(shifted(values, 0, n), shifted(values, d, n)),
                            shifted(values, 2 * d, n));
                    LimbArray sum = LimbArray.zeros(n, row.width() + 1);
                    sum.sumBelow((n + 1) / 2, new int[] {0, d, 2 * d}, new LimbArray[] {row, row, row});
                    sum.mirror();
                    assertArrayEquals(expected, sum.toBigIntegers(), where);
                }
            }
            // Whatever was read first, the whole row is the palindrome.
            assertArrayEquals(values, row.toBigIntegers(), where);
        }
    }

    /** {@code values}, a palindrome, as the effective profiles make it: its first half summed, then mirrored. */
    private static LimbArray mirrored(BigInteger[] values, int width) {
        int half = (values.length + 1) / 2;
        LimbArray row = LimbArray.zeros(values.length, width);
        row.sumBelow(half, new int[] {0}, new LimbArray[] {LimbArray.of(values)});
        row.mirror();
        return row;
    }

    private static BigInteger[] shifted(BigInteger[] values, int offset, int length) {
        BigInteger[] out = new BigInteger[length];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        System.arraycopy(values, 0, out, offset, values.length);
        return out;
    }

    private static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        BigInteger[] out = new BigInteger[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].add(b[i]);
        }
        return out;
    }
}
