package dev.convgeom.engine;

import dev.convgeom.Ratio;
import java.math.BigInteger;

/**
 * The cubic convolution kernel of a cubic upsampling (ONNX {@code Resize} with
 * {@code mode = cubic}), exact: a unit at distance {@code x} from the position weighs
 * <pre>
 *   W(x) = (a + 2)|x|^3 - (a + 3)|x|^2 + 1        for |x| &lt;= 1, that is (|x| - 1)((a + 2)|x|^2 - |x| - 1)
 *   W(x) = a|x|^3 - 5a|x|^2 + 8a|x| - 4a           for 1 &lt; |x| &lt; 2, that is a(|x| - 1)(|x| - 2)^2
 *   W(x) = 0                                       otherwise
 * </pre>
 * so a position {@code q = i + t} ({@code i = floor(q)}, {@code 0 <= t < 1}) reads units
 * {@code i - 1 .. i + 2} at distances {@code 1 + t, t, 1 - t, 2 - t}.
 *
 * <p>Which of them weigh something follows from the factored forms: at {@code t = 0} only unit
 * {@code i} (the others sit at distance 1 or 2, where {@code W} vanishes); otherwise the two inner
 * units always ({@code (a + 2)x^2 - x - 1} is negative on {@code (0, 1)} when {@code a <= 0}: it is
 * -1 at 0 and {@code a} at 1, below its chord when convex, below {@code -x - 1} when not), and the
 * two outer units exactly when {@code a != 0}. The coefficient is therefore limited to
 * {@code -2 <= a <= 0} ({@link #accepts}); in that range, too, no unit's weight cancels where ONNX
 * clamps a read beyond the map onto the border unit ({@code W(t) + W(1 + t) = (t - 1)((a + 1)(2t^2 - t) - 1)}
 * is positive) nor where {@code exclude_outside} renormalises the units inside (their sum is at
 * least that), so the units read are the taps above, whichever way the map's ends are treated.
 *
 * @param coefficient    {@code a}: ONNX {@code cubic_coeff_a}; PyTorch's bicubic and ONNX's default
 *                       are -0.75, TensorFlow's -0.5
 * @param excludeOutside whether taps beyond the map weigh 0 and the others are renormalised (ONNX
 *                       {@code exclude_outside = 1}); else a tap beyond the map reads the border unit
 */
public record CubicKernel(Ratio coefficient, boolean excludeOutside) {

    /** The coefficients are multiples of this (1/1024), so that a decimal literal states one exactly. */
    public static final long COEFFICIENT_DENOMINATOR = 1024;

    /** PyTorch's and ONNX's default kernel: {@code a = -0.75}, taps beyond the map read the border. */
    public static final CubicKernel PYTORCH = new CubicKernel(Ratio.of(-3, 4), false);

    /** @throws IllegalArgumentException if the coefficient is not {@link #accepts accepted} */
    public CubicKernel {
        if (coefficient == null || !accepts(coefficient.doubleValue())
                || COEFFICIENT_DENOMINATOR % coefficient.denominator() != 0) {
            throw new IllegalArgumentException("cubic coefficient " + coefficient + " must be a multiple of 1/"
                    + COEFFICIENT_DENOMINATOR + " from -2 to 0");
        }
    }

    /** The kernel of coefficient {@code a}, a value {@link #accepts} takes. */
    public static CubicKernel of(double a, boolean excludeOutside) {
        if (!accepts(a)) {
            throw new IllegalArgumentException("cubic coefficient " + a + " must be a multiple of 1/"
                    + COEFFICIENT_DENOMINATOR + " from -2 to 0");
        }
        return new CubicKernel(Ratio.of(Math.round(a * COEFFICIENT_DENOMINATOR), COEFFICIENT_DENOMINATOR),
                excludeOutside);
    }

    /**
     * Whether {@code a} is a coefficient convgeom states exactly: from -2 to 0 (where the taps
     * read are known without computing a weight, see the class comment) and a multiple of 1/1024,
     * so that the decimal written in a source file (-0.75, -0.5) is the double, the float ONNX
     * stores and the fraction the weights use, all at once.
     */
    public static boolean accepts(double a) {
        double scaled = a * COEFFICIENT_DENOMINATOR;
        return a >= -2 && a <= 0 && scaled == Math.rint(scaled);
    }

    /** Whether the outer taps ({@code i - 1} and {@code i + 2}) weigh anything: {@code a != 0}. */
    public boolean outerTaps() {
        return coefficient.signum() != 0;
    }

    /**
     * The weights of units {@code i - 1 .. i + 2} for a position {@code i + r / d}
     * ({@code 0 <= r < d}), as numerators over {@code d^3} times the coefficient's denominator,
     * before any treatment of the map's ends.
     */
    public BigInteger[] weights(long r, long d) {
        BigInteger[] w = new BigInteger[4];
        long[] distances = {d + r, r, d - r, 2 * d - r};
        for (int k = 0; k < 4; k++) {
            w[k] = weight(BigInteger.valueOf(distances[k]), BigInteger.valueOf(d));
        }
        return w;
    }

    /** {@code W(m / d)} times {@code d^3} and the coefficient's denominator, {@code 0 <= m <= 2d}. */
    private BigInteger weight(BigInteger m, BigInteger d) {
        BigInteger an = BigInteger.valueOf(coefficient.numerator());
        BigInteger ad = BigInteger.valueOf(coefficient.denominator());
        BigInteger mMinusD = m.subtract(d);
        if (m.compareTo(d) <= 0) {
            // (x - 1)((a + 2)x^2 - x - 1), x = m / d, a = an / ad
            BigInteger quadratic = an.add(ad.shiftLeft(1)).multiply(m).multiply(m)
                    .subtract(ad.multiply(m).multiply(d)).subtract(ad.multiply(d).multiply(d));
            return mMinusD.multiply(quadratic);
        }
        BigInteger mMinus2D = m.subtract(d.shiftLeft(1));
        return an.multiply(mMinusD).multiply(mMinus2D).multiply(mMinus2D);
    }
}
