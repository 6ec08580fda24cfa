package dev.convgeom.engine;

import java.math.BigInteger;

/**
 * {@link EffectiveSpread#sigma}'s double, without decimal arithmetic where it provably does not
 * matter. The sigma printed is the square root of an exact fraction {@code V = num / den} taken
 * through 34 significant digits ({@code BigDecimal} division, then its square root, each rounded
 * half up to 34 digits), then rounded to the nearest double. In a fresh JVM that decimal square
 * root (Newton's method on {@code BigDecimal}s, run interpreted) was several percent of the
 * processor's time on a deep network.
 *
 * <p><b>Why the answer is the same.</b> Rounding to 34 digits moves a value by at most half a unit
 * in its 34th digit, a relative {@code 5e-34}; the square root is within half a unit too (a
 * relative {@code 1e-33} allowed here, a full unit). So the decimal root lies within a relative
 * {@code 2^-108} of {@code sqrt(V)}. A double {@code d} is the nearest double to every number
 * strictly between the midpoints {@code lo} and {@code hi} to its neighbours. If
 * {@code V (1 - 2^-99) > lo^2} and {@code V (1 + 2^-98) < hi^2} (integers compared exactly), then
 * {@code sqrt(V)} lies a relative {@code 2^-100} inside both midpoints, the decimal root strictly
 * between them, and the double it rounds to is {@code d}. Where no candidate passes (the root is
 * within {@code 2^-100} of a midpoint, or out of the normal doubles' range) the answer is
 * {@link Double#NaN} and the caller takes the decimal path.
 */
final class DecimalSqrt {

    private static final int MANTISSA_BITS = 52;
    private static final BigInteger BELOW = BigInteger.ONE.shiftLeft(99).subtract(BigInteger.ONE);
    private static final BigInteger ABOVE = BigInteger.ONE.shiftLeft(98).add(BigInteger.ONE);

    private DecimalSqrt() {
    }

    /**
     * The double nearest the 34-digit square root of {@code num / den} (see the class comment), or
     * {@link Double#NaN} where that needs the decimal arithmetic; {@code num >= 0}, {@code den > 0}.
     */
    static double of(BigInteger num, BigInteger den) {
        if (num.signum() == 0) {
            return 0.0;
        }
        double d = approximateRoot(num, den);
        if (!(d > 0x1p-1000 && d < 0x1p1000)) {
            return Double.NaN;
        }
        // The approximation is within a few units of the last place; a candidate that fails one
        // side names its neighbour on that side.
        for (int attempt = 0; attempt < 4; attempt++) {
            long bits = Double.doubleToRawLongBits(d);
            int q = Math.getExponent(d) - MANTISSA_BITS;
            long m = (bits & ((1L << MANTISSA_BITS) - 1)) | (1L << MANTISSA_BITS);
            // lo = L 2^el, hi = H 2^eh: halfway to the next double down and up.
            BigInteger lo;
            int el;
            if (m == 1L << MANTISSA_BITS) {
                // A power of two: the double below is half as far.
                lo = BigInteger.valueOf((1L << (MANTISSA_BITS + 2)) - 1);
                el = q - 2;
            } else {
                lo = BigInteger.valueOf(2 * m - 1);
                el = q - 1;
            }
            BigInteger hi = BigInteger.valueOf(2 * m + 1);
            int eh = q - 1;
            // num (2^99 - 1) > den L^2 2^(2 el + 99)
            if (compare(num.multiply(BELOW), den.multiply(lo.multiply(lo)), 2 * el + 99) <= 0) {
                d = Math.nextDown(d);
                continue;
            }
            // num (2^98 + 1) < den H^2 2^(2 eh + 98)
            if (compare(num.multiply(ABOVE), den.multiply(hi.multiply(hi)), 2 * eh + 98) >= 0) {
                d = Math.nextUp(d);
                continue;
            }
            return d;
        }
        return Double.NaN;
    }

    /** The sign of {@code a - b 2^e}. */
    private static int compare(BigInteger a, BigInteger b, int e) {
        return e >= 0 ? a.compareTo(b.shiftLeft(e)) : a.shiftLeft(-e).compareTo(b);
    }

    /** {@code sqrt(num / den)} to within a few units of a double's last place (possibly infinite or zero). */
    private static double approximateRoot(BigInteger num, BigInteger den) {
        int shiftNum = Math.max(0, num.bitLength() - 62);
        int shiftDen = Math.max(0, den.bitLength() - 62);
        double ratio = (double) num.shiftRight(shiftNum).longValue() / den.shiftRight(shiftDen).longValue();
        // sqrt(r 2^e) = sqrt(r 2^(e mod 2)) 2^(e / 2): the fraction itself may lie beyond a double's range.
        int e = shiftNum - shiftDen;
        int odd = Math.floorMod(e, 2);
        return Math.scalb(Math.sqrt(Math.scalb(ratio, odd)), (e - odd) / 2);
    }
}
