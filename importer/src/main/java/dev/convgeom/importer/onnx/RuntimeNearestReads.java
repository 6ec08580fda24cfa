package dev.convgeom.importer.onnx;

import dev.convgeom.Upsample;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;

/**
 * Whether ONNX Runtime's nearest {@code Resize} copies, along one axis, exactly the input units
 * convgeom's exact geometry says it copies.
 *
 * <p>ONNX Runtime (CPU, {@code upsamplebase.h} and {@code upsample.cc}) maps output unit {@code x}
 * of an axis whose float scale is exactly 1 to unit {@code x}; otherwise it computes the position
 * in 32-bit floats as for linear resizing ({@link RuntimeLinearReads}), rounds it with the
 * {@code nearest_mode}: {@code round_prefer_ceil} is C's {@code round} (halves away from zero),
 * {@code round_prefer_floor} the same except that a position equal to its truncation plus
 * {@code 0.5f} goes to the floor, {@code floor} and {@code ceil} as named, and before opset 11
 * truncation, which is the floor of the non-negative positions an upsampling has; and clamps the
 * unit to {@code [0, in - 1]}. A float position that lands on a half, or just off one, picks
 * another unit than the exact rational position. This class repeats those operations in Java's
 * IEEE {@code float} for every output unit and compares the unit with the engine's
 * {@link Sampling}, which the import has already checked stays inside the input
 * ({@link Sampling#fits}), so that no clamping is involved on convgeom's side.
 */
final class RuntimeNearestReads {

    private RuntimeNearestReads() {
    }

    /**
     * The first output unit where ONNX Runtime copies another input unit than the exact geometry,
     * or -1 where every unit agrees.
     *
     * @param coordinates {@code half_pixel}, {@code pytorch_half_pixel}, {@code asymmetric} or
     *                    {@code align_corners}
     * @param rounding    the {@code nearest_mode} as convgeom names it
     * @param scale       the float scale ONNX Runtime uses
     * @param in          input units along the axis
     * @param out         output units along the axis
     * @param layer       the declared nearest upsampling (its factor along {@code axis} is {@code out / in})
     */
    static long firstDisagreement(String coordinates, Upsample.Rounding rounding, float scale, long in, long out,
                                  LayerSpec layer, Axis axis) {
        Sampling exact = Sampling.of(layer, axis, in);
        for (long x = 0; x < out; x++) {
            long unit;
            if (scale == 1f) {
                unit = x;
            } else {
                float position = RuntimeLinearReads.original(coordinates, (float) x, scale, in, out);
                unit = Math.max(0, Math.min(nearest(rounding, position), in - 1));
            }
            if (unit != exact.first(x)) {
                return x;
            }
        }
        return -1;
    }

    /** ONNX Runtime's nearest pixel of a float position, unclamped. */
    static long nearest(Upsample.Rounding rounding, float position) {
        return switch (rounding) {
            case FLOOR -> (long) Math.floor(position);
            case CEIL -> (long) Math.ceil(position);
            case ROUND_PREFER_CEIL -> roundHalfAway(position);
            case ROUND_PREFER_FLOOR -> position == (float) (long) position + 0.5f ? (long) Math.floor(position)
                    : roundHalfAway(position);
        };
    }

    /** C's {@code round}: the nearest whole number, halves away from zero (computed exactly in double). */
    private static long roundHalfAway(float position) {
        double magnitude = Math.abs((double) position);
        double whole = Math.floor(magnitude);
        double rounded = magnitude - whole >= 0.5 ? whole + 1 : whole;
        return (long) Math.copySign(rounded, position);
    }

    /** The {@code nearest_mode} as convgeom names it, or null for another. */
    static Upsample.Rounding rounding(String nearestMode) {
        return switch (nearestMode) {
            case "round_prefer_floor" -> Upsample.Rounding.ROUND_PREFER_FLOOR;
            case "round_prefer_ceil" -> Upsample.Rounding.ROUND_PREFER_CEIL;
            case "floor" -> Upsample.Rounding.FLOOR;
            case "ceil" -> Upsample.Rounding.CEIL;
            default -> null;
        };
    }
}
