package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Upsampling by whole factors without weights: each unit becomes {@code factorX} columns by
 * {@code factorY} rows of units ({@code factor x factor} when one {@link #factor()} is given).
 * Channels pass through.
 *
 * <p>By default the output's units are centred as PyTorch's {@code align_corners = false} places
 * them: along an axis with factor {@code f}, output unit {@code v} sits at input unit
 * {@code (v + 0.5) / f - 0.5} ({@link #coordinates()} chooses another placement).
 * {@link Mode#NEAREST} copies the unit that position rounds to ({@link #rounding()}), so the
 * field stays that of one input unit; {@link Mode#BILINEAR} reads the two neighbours on each axis,
 * so the field grows by one input jump (by none where the position falls exactly on a unit).
 * Either way the field depends on the unit's phase, {@code v mod factor} (with aligned corners or
 * a fractional factor, a longer period), which the generated geometry tracks. With the default
 * half-pixel centres and a whole factor, nearest rounded to nearest (either way) copies unit
 * {@code floor(v / f)}: the position never falls halfway between two units.
 *
 * <p>A factor need not be whole: {@code factor = 65, per = 33} makes 65 output units of every 33
 * input units, exactly (an input of {@code n} units gives {@code floor(n * 65 / 33)}), as ONNX
 * {@code Resize} does when asked for {@code sizes} that are no whole multiple of the input
 * (torchvision's LR-ASPP at 520 pixels resizes 33 units to 65). The factor is the layer's at every
 * input size: {@code forInput} scales a new input by it, which is what a {@code Resize} by
 * {@code scales} does, but not what a {@code Resize} to constant {@code sizes} does.
 *
 * <p>ONNX clamps a nearest read to the input; where a real output unit's position rounds outside
 * the input (half-pixel centres rounded by {@link Rounding#FLOOR} or {@link Rounding#CEIL},
 * asymmetric positions rounded to nearest with a factor above 2, or by {@code CEIL}) the unit
 * would copy the border unit, which convgeom's fields cannot state exactly: that is an error,
 * {@code [convgeom:nearest-outside-map]}.
 *
 * <p>A factor below 1 ({@code per > factor}) shrinks the map, as ONNX {@code Resize} with
 * {@code mode = linear} and no antialiasing does: each output unit still reads the two input units
 * around its position (a {@link Mode#NEAREST} unit the one its position rounds to), so the
 * positions step over some input units, which no unit reads. An input
 * of {@code n} units gives {@code floor(n * factor / per)} units; an input that would give none is
 * an error at the factor.
 *
 * <pre>{@code
 * @Upsample(factor = 2)                                Object up1;
 * @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR) Object up2;
 * @Upsample(factorX = 2, factorY = 1)                 Object up3;   // twice as wide
 * @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,
 *           coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up4;
 * @Upsample(factor = 65, per = 33, mode = Upsample.Mode.BILINEAR) Object up5;  // 33 units to 65
 * @Upsample(factorX = 3, perX = 2, factorY = 2, mode = Upsample.Mode.BILINEAR) Object up6;
 * @Upsample(factor = 2, coordinates = Upsample.Coordinates.ASYMMETRIC,
 *           rounding = Upsample.Rounding.FLOOR)     Object up7;   // PyTorch mode = 'nearest'
 * @Upsample(factor = 65, per = 33)                    Object up8;   // 'nearest-exact' 33 units to 65
 * @Upsample(factor = 1, per = 2, mode = Upsample.Mode.BILINEAR) Object down;  // half the size
 * @Upsample(factor = 2, mode = Upsample.Mode.CUBIC)   Object up9;   // PyTorch 'bicubic'
 * @Upsample(factor = 2, mode = Upsample.Mode.CUBIC, cubicCoefficient = -0.5,
 *           excludeOutside = true)                  Object up10;  // TensorFlow's kernel
 * @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR, coordinates = Upsample.Coordinates.CROP_AND_RESIZE,
 *           roiX = {0.25, 0.75}, roiY = {0, 0.5})  Object up11;  // ONNX tf_crop_and_resize
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Upsample {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /**
     * The factor along both axes; at least 1. Required unless both {@link #factorX()} and
     * {@link #factorY()} are given.
     */
    int factor() default 0;

    /** The factor along the columns (the width); at least 1. Not given: {@link #factor()}. */
    int factorX() default 0;

    /** The factor along the rows (the height); at least 1. Not given: {@link #factor()}. */
    int factorY() default 0;

    /**
     * The input units that give {@link #factor()} output units, along both axes: the factor is
     * {@code factor / per}; at least 1. Not given: 1, a whole factor. A per above the factor
     * shrinks the map: {@code factor = 1, per = 2} halves it, as PyTorch's
     * {@code interpolate(scale_factor = 0.5)} does.
     */
    int per() default 0;

    /** The input columns that give {@link #factorX()} output columns. Not given: {@link #per()}. */
    int perX() default 0;

    /** The input rows that give {@link #factorY()} output rows. Not given: {@link #per()}. */
    int perY() default 0;

    /** How output units take their values. */
    Mode mode() default Mode.NEAREST;

    /** Where the output units sit on the input, and so which input units each reads. */
    Coordinates coordinates() default Coordinates.HALF_PIXEL;

    /**
     * Where output unit {@code v} sits on an input of {@code n} units upsampled by {@code f} to
     * {@code N = n * f}: ONNX {@code Resize}'s {@code coordinate_transformation_mode}. Bilinear
     * interpolation reads the input units either side of that position, one where it falls on a
     * unit; the field, jump and centre follow from it exactly.
     */
    enum Coordinates {
        /**
         * At {@code (v + 1/2) / f - 1/2}: unit centres of both maps evenly spread over the same
         * extent (PyTorch's {@code align_corners = false}; ONNX {@code half_pixel},
         * {@code pytorch_half_pixel}).
         */
        HALF_PIXEL,
        /** At {@code v / f}: unit 0 of both maps coincides (ONNX {@code asymmetric}). */
        ASYMMETRIC,
        /**
         * At {@code v * (n - 1) / (N - 1)}: the first and last units of both maps coincide
         * (PyTorch's {@code align_corners = true}; ONNX {@code align_corners}). The step, so the
         * jump, depends on the input size, and the fields repeat only every
         * {@code (N - 1) / gcd(n - 1, f - 1)} units; an input of one unit along an upsampled axis
         * is an error.
         */
        ALIGN_CORNERS,
        /**
         * At {@code (v + 1/2) / f}: ONNX {@code tf_half_pixel_for_nn} (opsets 11 and 12), which
         * TensorFlow's converters write; half-pixel centres without the {@code - 1/2}, so unit 0
         * sits at {@code 1 / (2 f)}, a little after input unit 0.
         */
        TF_HALF_PIXEL_FOR_NN,
        /**
         * At {@code start * (n - 1) + v * (end - start) * (n - 1) / (N - 1)}: ONNX
         * {@code tf_crop_and_resize}, which stretches the region {@code [start, end]} of the input
         * ({@link #roiX()}, {@link #roiY()}: fractions of it, the whole map when not given) over
         * the output; one output unit sits at {@code (start + end) / 2 * (n - 1)}. As with
         * {@link #ALIGN_CORNERS} the step depends on the input size, and an input of one unit
         * along an axis with several output units is an error. The output size is
         * {@code floor(n * factor / per)} as in every mode (ONNX {@code Resize} to {@code sizes},
         * or by {@code scales} as ONNX Runtime computes it).
         */
        CROP_AND_RESIZE
    }

    /** How an upsampled unit is computed from the input. */
    enum Mode {
        /** A copy of the nearest input unit. */
        NEAREST,
        /** Bilinear interpolation of the two units per axis around each unit's position ({@link #coordinates()}). */
        BILINEAR,
        /**
         * Cubic convolution of the four units per axis around each unit's position (ONNX
         * {@code mode = cubic}, PyTorch's {@code bicubic}): units {@code floor(q) - 1 .. floor(q) + 2},
         * weighed by the kernel of {@link #cubicCoefficient()}; one unit where {@code q} is whole,
         * and the inner two only when the coefficient is 0 (the outer taps then weigh nothing). The
         * field grows by three input jumps (one with coefficient 0). Taps beyond the map read the
         * border unit, or weigh 0 with {@link #excludeOutside()}; either way the field is stated
         * as for every layer, virtual units beyond the map included.
         */
        CUBIC
    }

    /**
     * Which input unit {@link Mode#NEAREST} copies for a position {@code q} ({@link #coordinates()}):
     * ONNX {@code Resize}'s {@code nearest_mode}, computed exactly. Only for nearest upsampling:
     * written with another mode, it is an error. Not given: {@link Rounding#ROUND_PREFER_FLOOR}, as
     * in ONNX.
     */
    Rounding rounding() default Rounding.ROUND_PREFER_FLOOR;

    /** How a nearest upsampling rounds a unit's position to the input unit it copies. */
    enum Rounding {
        /** The nearest unit, the lower one halfway (ONNX {@code round_prefer_floor}). */
        ROUND_PREFER_FLOOR,
        /** The nearest unit, the upper one halfway (ONNX {@code round_prefer_ceil}). */
        ROUND_PREFER_CEIL,
        /** The unit at or below {@code q} (ONNX {@code floor}; PyTorch's {@code mode = 'nearest'} with asymmetric positions). */
        FLOOR,
        /** The unit at or above {@code q} (ONNX {@code ceil}). */
        CEIL
    }

    /**
     * The {@code a} of a {@link Mode#CUBIC} upsampling's kernel (ONNX {@code cubic_coeff_a}):
     * -0.75 is PyTorch's {@code bicubic} and ONNX's default, -0.5 TensorFlow's. Only from -2 to 0
     * and a multiple of 1/1024 (-0.75, -0.5, -0.6015625), so that the decimal written is the exact
     * fraction the weights use and the float ONNX stores; written with another mode, an error. Only
     * whether it is 0 changes the fields; the effective field uses its weights.
     */
    double cubicCoefficient() default -0.75;

    /**
     * Whether a {@link Mode#CUBIC} upsampling gives taps beyond the map weight 0 and renormalises
     * the others (ONNX {@code exclude_outside = 1}); not given, they read the border unit, as
     * PyTorch does. The units read are the same either way; written with another mode, an error.
     */
    boolean excludeOutside() default false;

    /**
     * The region of the input's columns a {@link Coordinates#CROP_AND_RESIZE} upsampling stretches
     * over its output, {@code {start, end}} as fractions of the input ({@code x} from
     * {@code start * (width - 1)} to {@code end * (width - 1)}): ONNX {@code Resize}'s {@code roi}
     * along the width. Both within {@code [0, 1]} (a sample beyond the map reads nothing: ONNX
     * gives it {@code extrapolation_value}), the start before the end, and each a multiple of
     * {@code 1 / 2^32} (every float32 from {@code 2^-9} to 1 is), so that the decimal written is the
     * exact value: {@code 0.25}, {@code 0.100000001490116119384765625} (float32 {@code 0.1f}), not
     * {@code 0.1}. Not given: {@code {0, 1}}, the whole width; written with other coordinates, an
     * error.
     */
    double[] roiX() default {};

    /** As {@link #roiX()}, along the rows (the height). */
    double[] roiY() default {};
}
