package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;
import java.util.List;

/**
 * One axis of a resize as the readers of its modes check it: its units in and out, the engine's
 * axis, what its units are called in a message, and the {@code scales} value the file gives for it.
 * The readers ({@link ResizeNodes} for linear, {@link NearestResize}, {@link CubicResize},
 * {@link CropResize}) each check the columns, then the rows, by the same few facts, so these are
 * worked out here once.
 *
 * @param in       the input's units along the axis
 * @param out      the output's units along the axis
 * @param axis     the engine's axis
 * @param unit     "column" or "row"
 * @param declared the file's {@code scales} value for the axis, or {@code Double.NaN} when ONNX Runtime
 *                 divides the {@code sizes}
 */
record ResizedAxis(long in, long out, Axis axis, String unit, double declared) {

    /**
     * The columns, then the rows, of a resize of {@code s} to {@code outH x outW}.
     *
     * @param scales the {@code scales} ONNX Runtime uses (4 values, N C H W), or null when it divides
     *               {@code sizes}
     */
    static List<ResizedAxis> of(Shape s, long outH, long outW, double[] scales) {
        return List.of(new ResizedAxis(s.width(), outW, Axis.X, "column", scales != null ? scales[3] : Double.NaN),
                new ResizedAxis(s.height(), outH, Axis.Y, "row", scales != null ? scales[2] : Double.NaN));
    }

    /** The float scale ONNX Runtime places the output units with: the file's, or {@code out / in} in float. */
    float scale() {
        return Double.isNaN(declared) ? (float) out / (float) in : (float) declared;
    }

    /**
     * Why a resize whose fields step back along this axis ({@link Sampling#cubicOrdered} false: a unit on
     * an input unit reads that one only, its neighbour between units reads four) cannot be declared.
     *
     * @param how what the message says the resize is done with: its coordinate transformation mode
     */
    String stepsBack(LayerSpec layer, String how) {
        Sampling exact = Sampling.of(layer, axis, in);
        long v = Sampling.firstStepBack(exact);
        return "resizes " + in + " to " + out + " " + unit + "s with " + how + ": output "
                + unit + " " + (v - 1) + " sits at input position " + exact.position(v - 1) + " and reads "
                + unit + "s " + exact.first(v - 1) + " to " + exact.last(v - 1) + ", " + unit + " " + v
                + " at " + exact.position(v) + " reads " + exact.first(v) + " to " + exact.last(v) + " (a"
                + " position on a unit reads that unit only): the fields step back, which convgeom's fields"
                + " cannot state; refused rather than approximated";
    }
}
