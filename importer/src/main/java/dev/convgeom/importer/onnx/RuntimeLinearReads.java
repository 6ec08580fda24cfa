package dev.convgeom.importer.onnx;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;

/**
 * Whether ONNX Runtime's linear {@code Resize} reads, along one axis, exactly the input units
 * convgeom's exact geometry says it reads.
 *
 * <p>ONNX Runtime (CPU, 1.22) works in 32-bit floats: the scale is the {@code scales} value, or
 * {@code float(out) / float(in)} for {@code sizes}; output unit {@code x} sits at
 * {@code (x + 0.5f) / scale - 0.5f} ({@code half_pixel}), {@code x / scale}
 * ({@code asymmetric}), {@code (x + 0.5f) / scale} ({@code tf_half_pixel_for_nn}) or {@code x * (in - 1) / (out - 1)} ({@code align_corners}), or at {@code x}
 * when the scale is exactly 1; the position is clamped to {@code [0, in - 1]}, and units
 * {@code x1 = (long) position} and {@code x2 = min(x1 + 1, in - 1)} are weighed
 * {@code |position - x2|} and {@code |position - x1|}. A float position rounded onto a whole
 * number, or off one, reads one unit more or fewer than the exact rational position does. This
 * class repeats that arithmetic in Java's IEEE {@code float} (the same operations, in the same
 * order, as ONNX Runtime's {@code upsamplebase.h} and {@code upsample.cc}) for every output unit,
 * and compares the units read with the engine's {@link Sampling}, clipped to the real units as
 * the runtime clamps them.
 */
final class RuntimeLinearReads {

    private RuntimeLinearReads() {
    }

    /**
     * The first output unit where ONNX Runtime reads other input units than the exact geometry,
     * or -1 where every unit agrees.
     *
     * @param coordinates {@code half_pixel}, {@code pytorch_half_pixel}, {@code asymmetric},
     *                    {@code align_corners} or {@code tf_half_pixel_for_nn}
     * @param scale       the float scale ONNX Runtime uses
     * @param in          input units along the axis
     * @param out         output units along the axis
     * @param layer       the declared upsampling (its factor along {@code axis} is {@code out / in})
     */
    static long firstDisagreement(String coordinates, float scale, long in, long out, LayerSpec layer, Axis axis) {
        Sampling exact = Sampling.of(layer, axis, in);
        for (long x = 0; x < out; x++) {
            float position = scale == 1f ? (float) x : original(coordinates, (float) x, scale, in, out);
            long[] runtime = reads(position, in);
            long exactFirst = clip(exact.first(x), in);
            long exactLast = clip(exact.last(x), in);
            if (runtime[0] != exactFirst || runtime[1] != exactLast) {
                return x;
            }
        }
        return -1;
    }

    /** The coordinate modes this class knows, as convgeom places them; null for another. */
    static Coordinates placed(String coordinates) {
        return switch (coordinates) {
            case "half_pixel", "pytorch_half_pixel" -> Coordinates.HALF_PIXEL;
            case "asymmetric" -> Coordinates.ASYMMETRIC;
            case "align_corners" -> Coordinates.ALIGN_CORNERS;
            case "tf_half_pixel_for_nn" -> Coordinates.TF_HALF_PIXEL_FOR_NN;
            default -> null;
        };
    }

    /** ONNX Runtime's float position of output unit {@code x} (not clamped), for a scale other than 1. */
    static float original(String coordinates, float x, float scale, long in, long out) {
        return switch (coordinates) {
            case "asymmetric" -> x / scale;
            case "pytorch_half_pixel" -> out > 1 ? (x + 0.5f) / scale - 0.5f : 0f;
            case "align_corners" -> out == 1 ? 0f : x * (float) (in - 1) / (float) (out - 1);
            case "tf_half_pixel_for_nn" -> (x + 0.5f) / scale;
            default -> (x + 0.5f) / scale - 0.5f;
        };
    }

    /**
     * The first and last of {@code in} units ONNX Runtime's linear mode weighs other than 0 at
     * float position {@code q}: the position clamped to the map, its unit and the next (one unit
     * when the two coincide or the position falls on a unit).
     */
    static long[] reads(float q, long in) {
        float position = Math.max(0f, Math.min(q, (float) (in - 1)));
        long x1 = Math.min((long) position, in - 1);
        long x2 = Math.min(x1 + 1, in - 1);
        long first = x1 != x2 && Math.abs(position - (float) x2) == 0f ? x2 : x1;
        long last = x1 != x2 && Math.abs(position - (float) x1) != 0f ? x2 : first;
        return new long[] {first, last};
    }

    private static long clip(long unit, long in) {
        return Math.max(0, Math.min(unit, in - 1));
    }
}
