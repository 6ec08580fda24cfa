package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.Sampling;

/**
 * A nearest ONNX {@code Resize} (or {@code Upsample}) as a NEAREST {@code @Upsample}: its
 * {@code coordinate_transformation_mode} as {@code coordinates}, its {@code nearest_mode} as
 * {@code rounding}, its exact factor per axis; or why it cannot be declared exactly.
 *
 * <p>Refused: a coordinate mode convgeom does not place ({@code tf_crop_and_resize}), a real output unit whose
 * rounded position lies outside the input (ONNX clamps it to the border unit; convgeom's fields
 * cannot state that, {@link Sampling#nearestInside}), and a size where ONNX Runtime's float
 * positions pick another unit than the exact ones ({@link RuntimeNearestReads}). Aligned corners on one
 * unit are refused before the modes part, for every mode alike.
 *
 * @param coordinates where the units sit, as declared
 * @param rounding    which unit each copies, as declared
 * @param refusal     why the resize cannot be declared exactly, or null when it can
 */
record NearestResize(Upsample.Coordinates coordinates, Upsample.Rounding rounding, String refusal) {

    /**
     * The declaration of a nearest resize of {@code s} to {@code outH x outW}, by the exact factors
     * {@code fx / px} and {@code fy / py}.
     *
     * @param scales the {@code scales} ONNX Runtime uses (4 values), or null when it divides {@code sizes}
     */
    static NearestResize of(String name, String coordinates, String nearestMode, double[] scales, Shape s, long outH,
                            long outW, int fx, int px, int fy, int py) {
        Coordinates placed = RuntimeLinearReads.placed(coordinates);
        if (placed == null) {
            return refused("mode nearest with coordinate_transformation_mode " + coordinates + ": convgeom's @Upsample"
                    + " places units with HALF_PIXEL (half_pixel, pytorch_half_pixel), ASYMMETRIC, ALIGN_CORNERS or"
                    + " TF_HALF_PIXEL_FOR_NN coordinates only; refused rather than approximated");
        }
        Upsample.Rounding rounding = RuntimeNearestReads.rounding(nearestMode);
        if (rounding == null) {
            return refused("nearest_mode '" + nearestMode + "' is none of round_prefer_floor, round_prefer_ceil, floor"
                    + " and ceil");
        }
        LayerSpec up = LayerSpec.upsample(name, fx, fy, false);
        LayerSpec layer = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                up.extras().withPers(px, py).withCoordinates(placed)
                        .withRounding(NearestRounding.valueOf(rounding.name())));
        for (ResizedAxis r : ResizedAxis.of(s, outH, outW, scales)) {
            long in = r.in();
            long out = r.out();
            Axis axis = r.axis();
            String units = r.unit();
            if (!Sampling.nearestInside(layer, axis, in)) {
                Sampling exact = Sampling.of(layer, axis, in);
                long v = exact.first(0) < 0 ? 0 : out - 1;
                return refused("resizes " + in + " to " + out + " " + units + "s with " + coordinates + " and "
                        + nearestMode + ": output " + units + " " + v + " sits at input position " + exact.position(v)
                        + ", which rounds to " + units + " " + exact.first(v) + ", outside the " + in + " of the input;"
                        + " ONNX copies the border " + units + " there, which convgeom's fields cannot state; refused"
                        + " rather than approximated");
            }
            float scale = r.scale();
            long unit = RuntimeNearestReads.firstDisagreement(coordinates, rounding, scale, in, out, layer, axis);
            if (unit >= 0) {
                return refused("resizes " + in + " to " + out + " " + units + "s with " + coordinates + " and "
                        + nearestMode + ", but ONNX Runtime computes the positions in float (scale " + scale
                        + "), and its output " + units + " " + unit + " copies another input " + units + " than the"
                        + " exact factor " + out + "/" + in + " gives; refused rather than approximated");
            }
        }
        return new NearestResize(Upsample.Coordinates.valueOf(placed.name()), rounding, null);
    }

    private static NearestResize refused(String reason) {
        return new NearestResize(Upsample.Coordinates.HALF_PIXEL, Upsample.Rounding.ROUND_PREFER_FLOOR, reason);
    }
}
