package dev.convgeom.importer.onnx;

import dev.convgeom.Upsample;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;

/**
 * Whether ONNX Runtime's {@code Resize} with {@code tf_crop_and_resize} reads, along one axis,
 * exactly the input units convgeom's exact geometry says it reads.
 *
 * <p>ONNX Runtime (CPU, {@code upsamplebase.h} and {@code upsample.cc}) places output unit
 * {@code x} of {@code N} at {@code start * (n - 1) + x * (end - start) * (n - 1) / (N - 1)} in
 * 32-bit floats, in that order ({@code start} and {@code end} the roi's floats), and the one unit
 * of {@code N = 1} at {@code 0.5 * (start + end) * (n - 1)} in doubles, rounded to a float; at a
 * scale of exactly 1 it skips the transformation and reads unit {@code x}, whatever the region.
 * A position below 0 or above {@code n - 1} gives the unit {@code extrapolation_value}: it reads
 * nothing. Otherwise the modes read as for the other coordinate modes: nearest rounds by the
 * {@code nearest_mode} ({@link RuntimeNearestReads#nearest}), linear weighs {@code (long) q} and
 * the unit after it by their distances, cubic weighs four units by Keys' kernel in floats
 * ({@link RuntimeCubicReads#coefficients}), taps beyond the map clamped or excluded. This class
 * repeats that arithmetic in Java's IEEE {@code float} and compares the units read with the
 * engine's {@link Sampling} unit by unit.
 */
final class RuntimeCropReads {

    private RuntimeCropReads() {
    }

    /** ONNX Runtime's float position of output unit {@code x} of {@code out}, at a scale other than 1. */
    static float position(long x, long in, long out, float start, float end) {
        if (out > 1) {
            float last = (float) (in - 1);
            return start * last + ((float) x * (end - start) * last) / (float) (out - 1);
        }
        return (float) (0.5 * (double) (start + end) * (double) (float) (in - 1));
    }

    /**
     * Why ONNX Runtime reads other units than the exact geometry at the first output unit where it
     * does, or null where every unit agrees.
     *
     * @param units    {@code "column"} or {@code "row"}, for the message
     * @param scale    the float scale ONNX Runtime uses
     * @param start    the roi's start along the axis, as the float the file holds
     * @param end      its end
     * @param a        {@code cubic_coeff_a} (cubic only)
     * @param layer    the declared upsampling
     */
    static String firstDisagreement(String units, float scale, long in, long out, float start, float end, float a,
                                    LayerSpec layer, Axis axis) {
        Sampling exact = Sampling.of(layer, axis, in);
        boolean identity = scale == 1f;
        for (long x = 0; x < out; x++) {
            float q = identity ? (float) x : position(x, in, out, start, end);
            if (q < 0 || q > (float) (in - 1)) {
                return "ONNX Runtime computes the positions in float and puts output " + units + " " + x + " at " + q
                        + ", outside the input's 0 to " + (in - 1) + " (the exact position is " + exact.position(x)
                        + "): it gives that " + units + " extrapolation_value and reads no input " + units;
            }
            long[] runtime = reads(q, in, a, layer);
            long exactFirst = Math.max(0, Math.min(exact.first(x), in - 1));
            long exactLast = Math.max(0, Math.min(exact.last(x), in - 1));
            if (runtime[0] != exactFirst || runtime[1] != exactLast) {
                return identity
                        ? "at a scale of exactly 1 ONNX Runtime skips the coordinate transformation, so its output "
                                + units + " " + x + " reads input " + units + " " + x + ", where the region puts it at "
                                + exact.position(x)
                        : "ONNX Runtime computes the positions in float (scale " + scale + "), and its output " + units
                                + " " + x + " at " + q + " reads input " + units + "s " + runtime[0] + " to " + runtime[1]
                                + ", where the exact position " + exact.position(x) + " reads " + exactFirst + " to "
                                + exactLast;
            }
        }
        return null;
    }

    /** The first and last real unit ONNX Runtime reads with a weight other than 0 at float position {@code q}. */
    private static long[] reads(float q, long in, float a, LayerSpec layer) {
        LayerSpec.Extras e = layer.extras();
        if (e.cubic() != null) {
            return RuntimeCubicReads.reads(q, a, e.cubic().excludeOutside(), in);
        }
        if (e.bilinear()) {
            return RuntimeLinearReads.reads(q, in);
        }
        long unit = Math.max(0, Math.min(RuntimeNearestReads.nearest(
                Upsample.Rounding.valueOf(e.rounding().name()), q), in - 1));
        return new long[] {unit, unit};
    }
}
