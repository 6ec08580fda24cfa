package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CubicKernel;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;

/**
 * A cubic ONNX {@code Resize} as a CUBIC {@code @Upsample}: its
 * {@code coordinate_transformation_mode} as {@code coordinates}, {@code cubic_coeff_a} and
 * {@code exclude_outside} as its kernel, its exact factor per axis; or why it cannot be declared
 * exactly.
 *
 * <p>Refused: a coordinate mode convgeom does not place ({@code tf_crop_and_resize}); a
 * coefficient {@link CubicKernel#accepts} does not take (above 0, below -2, or no multiple of
 * 1/1024); a size where the fields would step back from one unit to the next
 * ({@link Sampling#cubicOrdered}: some units sit on an input unit and read one, others between and
 * read four); and a size where ONNX Runtime's float arithmetic reads other units than the exact
 * geometry ({@link RuntimeCubicReads}). Aligned corners on one unit are refused before the modes
 * part, for every mode alike.
 *
 * @param coordinates where the units sit, as declared
 * @param kernel      the kernel, as declared
 * @param refusal     why the resize cannot be declared exactly, or null when it can
 */
record CubicResize(Upsample.Coordinates coordinates, CubicKernel kernel, String refusal) {

    /**
     * The declaration of a cubic resize of {@code s} to {@code outH x outW}, by the exact factors
     * {@code fx / px} and {@code fy / py}.
     *
     * @param scales the {@code scales} ONNX Runtime uses (4 values), or null when it divides {@code sizes}
     * @param a      {@code cubic_coeff_a} as the file holds it
     */
    static CubicResize of(String name, String coordinates, float a, boolean excludeOutside, double[] scales, Shape s,
                          long outH, long outW, int fx, int px, int fy, int py) {
        Coordinates placed = RuntimeLinearReads.placed(coordinates);
        if (placed == null) {
            return refused("mode cubic with coordinate_transformation_mode " + coordinates + ": convgeom's @Upsample"
                    + " places units with HALF_PIXEL (half_pixel, pytorch_half_pixel), ASYMMETRIC, ALIGN_CORNERS or"
                    + " TF_HALF_PIXEL_FOR_NN coordinates only; refused rather than approximated");
        }
        if (!CubicKernel.accepts(a)) {
            return refused("cubic_coeff_a = " + a + ": convgeom states a cubic kernel exactly for a coefficient from -2"
                    + " to 0 that is a multiple of 1/1024 (PyTorch's -0.75, TensorFlow's -0.5); refused rather than"
                    + " approximated");
        }
        CubicKernel kernel = CubicKernel.of(a, excludeOutside);
        LayerSpec up = LayerSpec.upsample(name, fx, fy, false);
        LayerSpec layer = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                up.extras().withPers(px, py).withCoordinates(placed).withCubic(kernel));
        for (ResizedAxis r : ResizedAxis.of(s, outH, outW, scales)) {
            long in = r.in();
            long out = r.out();
            Axis axis = r.axis();
            String units = r.unit();
            if (!Sampling.cubicOrdered(layer, axis, in)) {
                return refused(r.stepsBack(layer, coordinates));
            }
            float scale = r.scale();
            long unit = RuntimeCubicReads.firstDisagreement(coordinates, scale, a, excludeOutside, in, out, layer,
                    axis);
            if (unit >= 0) {
                return refused("resizes " + in + " to " + out + " " + units + "s with " + coordinates + " and mode"
                        + " cubic, but ONNX Runtime computes the positions and weights in float (scale " + scale
                        + "), and its output " + units + " " + unit + " reads other input " + units + "s than the"
                        + " exact factor " + out + "/" + in + " gives; refused rather than approximated");
            }
        }
        return new CubicResize(Upsample.Coordinates.valueOf(placed.name()), kernel, null);
    }

    private static CubicResize refused(String reason) {
        return new CubicResize(Upsample.Coordinates.HALF_PIXEL, null, reason);
    }
}
