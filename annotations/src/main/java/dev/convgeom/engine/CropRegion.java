package dev.convgeom.engine;

import dev.convgeom.Ratio;
import java.math.BigDecimal;

/**
 * The region of interest of an upsampling with {@link Coordinates#CROP_AND_RESIZE} coordinates
 * (ONNX {@code Resize}'s {@code roi} with {@code tf_crop_and_resize}), per axis as fractions of
 * the input: along an axis of {@code n} input units the output's first unit sits at
 * {@code start * (n - 1)} and its last at {@code end * (n - 1)}.
 *
 * <p>Every bound lies in {@code [0, 1]}: a sample outside the map takes ONNX's
 * {@code extrapolation_value} and reads nothing, which a field cannot state. The start lies before
 * the end: a flipped region reads the input backwards. Every bound is a multiple of
 * {@code 1 / 2^32} ({@link #DENOMINATOR}), as every float32 from {@code 2^-9} to 1 is, so that the
 * decimal a declaration writes is the exact value the geometry uses ({@link #accepts}).
 *
 * @param startX the first column's position, as a fraction of the input's width minus one
 * @param endX   the last column's
 * @param startY the first row's
 * @param endY   the last row's
 */
public record CropRegion(Ratio startX, Ratio endX, Ratio startY, Ratio endY) {

    /** Every bound is a multiple of one over this: {@code 2^32}. */
    public static final long DENOMINATOR = 1L << 32;

    /** The whole map along both axes: {@code [0, 1]}. */
    public static final CropRegion WHOLE = new CropRegion(Ratio.of(0), Ratio.of(1), Ratio.of(0), Ratio.of(1));

    /** @throws IllegalArgumentException unless {@code 0 <= start < end <= 1} along both axes, in multiples of {@link #DENOMINATOR} */
    public CropRegion {
        for (Ratio[] axis : new Ratio[][] {{startX, endX}, {startY, endY}}) {
            for (Ratio bound : axis) {
                if (bound.signum() < 0 || bound.compareTo(Ratio.of(1)) > 0 || DENOMINATOR % bound.denominator() != 0) {
                    throw new IllegalArgumentException("a crop bound " + bound + " lies in [0, 1] and is a multiple"
                            + " of 1/2^32");
                }
            }
            if (axis[0].compareTo(axis[1]) >= 0) {
                throw new IllegalArgumentException("a crop starts before it ends: " + axis[0] + " >= " + axis[1]);
            }
        }
    }

    /**
     * The region of the exact values of four doubles, each {@link #accepts accepted}.
     *
     * @throws IllegalArgumentException if a bound is not accepted, or a start does not lie before its end
     */
    public static CropRegion of(double startX, double endX, double startY, double endY) {
        return new CropRegion(exact(startX), exact(endX), exact(startY), exact(endY));
    }

    /**
     * Whether {@code value} can bound a region: from 0 to 1, and a multiple of {@code 1 / 2^32},
     * so that its decimal (at most 32 digits after the point) is its exact value.
     */
    public static boolean accepts(double value) {
        if (!(value >= 0 && value <= 1)) {
            return false;
        }
        double scaled = Math.scalb(value, 32);
        return scaled == Math.rint(scaled);
    }

    /** {@code value}, {@link #accepts accepted}, as an exact fraction. */
    public static Ratio exact(double value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException("a crop bound " + value + " lies in [0, 1] and is a multiple of 1/2^32");
        }
        return Ratio.of((long) Math.scalb(value, 32), DENOMINATOR);
    }

    /** {@code value} as the shortest decimal that states it exactly (no exponent, no trailing zeros). */
    public static String decimal(Ratio value) {
        return new BigDecimal(value.numerator()).divide(new BigDecimal(value.denominator())).stripTrailingZeros()
                .toPlainString();
    }

    /** The first unit's position along {@code axis}, as a fraction of the input's last unit. */
    public Ratio start(Axis axis) {
        return axis == Axis.Y ? startY : startX;
    }

    /** The last unit's position along {@code axis}, as a fraction of the input's last unit. */
    public Ratio end(Axis axis) {
        return axis == Axis.Y ? endY : endX;
    }
}
