package dev.convgeom.importer.onnx;

import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.engine.CubicKernel;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.Sampling;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * An ONNX {@code Resize} with {@code coordinate_transformation_mode = tf_crop_and_resize} as a
 * {@code CROP_AND_RESIZE} {@code @Upsample}: its {@code roi} as the region, exactly (a float is a
 * dyadic fraction), its mode, rounding or kernel as for the other coordinate modes; or why it
 * cannot be declared exactly.
 *
 * <p>Refused: a roi not known at import (computed from the input at run time); a roi that crops
 * the batch or the channels; a bound that is no float32, lies outside {@code [0, 1]} (the units
 * sampled outside the map take {@code extrapolation_value} and read nothing, which no field
 * states), or below {@code 2^-9} with bits no multiple of {@code 1/2^32} carries; a start not before its end
 * (flipped or empty regions); {@code scales} where the specification's output size,
 * {@code floor(n * (end - start) * scale)}, and ONNX Runtime's, {@code floor(n * scale)}, differ;
 * one unit stretched over several; cubic fields that step back ({@link Sampling#cubicOrdered}); positions
 * that repeat only after more than {@link #MAX_PERIOD} units (float32 bounds such as {@code 0.1f});
 * and a size where ONNX Runtime's float positions read other units, or sample outside the map,
 * where the exact ones do not ({@link RuntimeCropReads}).
 *
 * @param region   the region, or null for the whole map
 * @param rounding which unit a nearest resize copies
 * @param kernel   a cubic resize's kernel, or null
 * @param refusal  why the resize cannot be declared exactly, or null when it can
 */
record CropResize(CropRegion region, Upsample.Rounding rounding, CubicKernel kernel, String refusal) {

    /** The longest field pattern the engine keeps (its {@code ResampleAxis.MAX_PERIOD}). */
    static final long MAX_PERIOD = 1024;

    /**
     * The declaration of a {@code tf_crop_and_resize} resize of {@code s} to {@code outH x outW},
     * by the exact factors {@code fx / px} and {@code fy / py}.
     *
     * @param mode     {@code nearest}, {@code linear} or {@code cubic}
     * @param roi      the {@code roi} input's values, or null when it is not known at import
     * @param scales   the {@code scales} ONNX Runtime uses (4 values), or null when it divides {@code sizes}
     * @param a        {@code cubic_coeff_a} as the file holds it (cubic only)
     */
    static CropResize of(String name, String mode, String nearestMode, float a, boolean excludeOutside, double[] roi,
                         double[] scales, Shape s, long outH, long outW, int fx, int px, int fy, int py) {
        if (roi == null) {
            return refused("coordinate_transformation_mode tf_crop_and_resize reads its region of interest from the"
                    + " roi input, which is not known at import (neither a constant nor computed from constants);"
                    + " convgeom states a crop and resize of a constant region only; refused rather than approximated");
        }
        if (roi.length != 8) {
            return refused("roi " + Arrays.toString(roi) + " has " + roi.length + " values, but a 4-D tf_crop_and_resize"
                    + " takes a start and an end per axis (8)");
        }
        double[] full = roi;
        if (full[0] != 0 || full[4] != 1 || full[1] != 0 || full[5] != 1) {
            return refused("roi " + Arrays.toString(roi) + " crops the batch or the channels (their start and end are"
                    + " not 0 and 1); convgeom's crop and resize works on the rows and columns only");
        }
        Ratio[] bounds = new Ratio[4];
        String[] names = {"rows", "columns"};
        for (int i = 0; i < 2; i++) {
            double start = full[2 + i];
            double end = full[6 + i];
            String where = "roi " + Arrays.toString(roi) + " along the " + names[i] + " (" + start + " to " + end + ")";
            for (double bound : new double[] {start, end}) {
                if ((double) (float) bound != bound) {
                    return refused(where + ": " + bound + " is no float32, and ONNX Runtime reads the roi as float32;"
                            + " refused rather than approximated");
                }
            }
            if (!(start >= 0 && end <= 1)) {
                return refused(where + " reaches beyond the map: the output units sampled outside it take"
                        + " extrapolation_value and read no input unit, which convgeom's fields cannot state; refused"
                        + " rather than approximated");
            }
            if (!(start < end)) {
                return refused(where + ": the start does not lie before the end (a flipped region reads the map"
                        + " backwards, an empty one puts every unit on one position), which convgeom's fields cannot"
                        + " state; refused");
            }
            if (!CropRegion.accepts(start) || !CropRegion.accepts(end)) {
                return refused(where + ": a bound is no multiple of 1/2^32 (a float32 below 2^-9 with its low bits"
                        + " set), which @Upsample's roiX and roiY do not take; refused rather than approximated");
            }
            bounds[2 * i] = CropRegion.exact(start);
            bounds[2 * i + 1] = CropRegion.exact(end);
        }
        CropRegion region = new CropRegion(bounds[2], bounds[3], bounds[0], bounds[1]);
        if (scales != null) {
            for (ResizedAxis r : ResizedAxis.of(s, outH, outW, scales)) {
                Ratio span = region.end(r.axis()).minus(region.start(r.axis()));
                BigDecimal spec = new BigDecimal(r.in()).multiply(new BigDecimal(span.numerator()))
                        .multiply(new BigDecimal(r.declared()))
                        .divide(new BigDecimal(span.denominator()), 0, RoundingMode.FLOOR);
                if (spec.longValueExact() != r.out()) {
                    return refused("resizes by scales with a region of interest: the ONNX specification gives"
                            + " floor(n * (end - start) * scale) = " + spec + " " + r.unit() + "s, ONNX Runtime floor(n *"
                            + " scale) = " + r.out() + "; give sizes instead of scales (both then agree); refused"
                            + " rather than guessed");
                }
            }
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        CubicKernel kernel = null;
        Upsample.Rounding rounding = Upsample.Rounding.ROUND_PREFER_FLOOR;
        if (mode.equals("cubic")) {
            if (!CubicKernel.accepts(a)) {
                return refused("cubic_coeff_a = " + a + ": convgeom states a cubic kernel exactly for a coefficient"
                        + " from -2 to 0 that is a multiple of 1/1024 (PyTorch's -0.75, TensorFlow's -0.5); refused"
                        + " rather than approximated");
            }
            kernel = CubicKernel.of(a, excludeOutside);
        } else if (!linear) {
            rounding = RuntimeNearestReads.rounding(nearestMode);
            if (rounding == null) {
                return refused("nearest_mode '" + nearestMode + "' is none of round_prefer_floor, round_prefer_ceil,"
                        + " floor and ceil");
            }
        }
        LayerSpec up = LayerSpec.upsample(name, fx, fy, linear);
        LayerSpec layer = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                up.extras().withPers(px, py).withCoordinates(Coordinates.CROP_AND_RESIZE)
                        .withRounding(NearestRounding.valueOf(rounding.name())).withCubic(kernel).withCrop(region));
        for (ResizedAxis r : ResizedAxis.of(s, outH, outW, scales)) {
            long in = r.in();
            long out = r.out();
            Axis axis = r.axis();
            String units = r.unit();
            if (in == 1 && out > 1) {
                return refused("tf_crop_and_resize stretches 1 " + units + " over " + out + ": every unit sits on it,"
                        + " with no step; refused");
            }
            if (!Sampling.cubicOrdered(layer, axis, in)) {
                return refused(r.stepsBack(layer, "tf_crop_and_resize"));
            }
            float scale = r.scale();
            String differs = RuntimeCropReads.firstDisagreement(units, scale, in, out, (float) region.start(axis)
                    .doubleValue(), (float) region.end(axis).doubleValue(), a, layer, axis);
            if (differs != null) {
                return refused("resizes " + in + " to " + out + " " + units + "s with tf_crop_and_resize and mode "
                        + mode + ", but " + differs + "; refused rather than approximated");
            }
            long period = Sampling.of(layer, axis, in).period();
            if (period > MAX_PERIOD) {
                return refused("resizes " + in + " to " + out + " " + units + "s with tf_crop_and_resize: the " + units
                        + "s' positions repeat only every " + period + " " + units + "s (the region's bounds "
                        + CropRegion.decimal(region.start(axis)) + " and " + CropRegion.decimal(region.end(axis))
                        + " are the exact values of the file's floats), more than the " + MAX_PERIOD + " a field"
                        + " pattern keeps; refused (bounds in eighths or sixteenths repeat far sooner)");
            }
        }
        return new CropResize(region.equals(CropRegion.WHOLE) ? null : region, rounding, kernel, null);
    }

    private static CropResize refused(String reason) {
        return new CropResize(null, Upsample.Rounding.ROUND_PREFER_FLOOR, null, reason);
    }
}
