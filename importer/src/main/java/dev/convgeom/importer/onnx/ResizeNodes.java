package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Known;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;

/**
 * {@code Resize} and {@code Upsample}: the exact factor of each axis, then the mode's own reading
 * (linear, {@link CubicResize}, {@link NearestResize}, {@link CropResize}), refused where ONNX
 * Runtime's float arithmetic reads other units than that factor. Apart from the other operators
 * because a resize has more attributes and refusals than all of them together.
 */
final class ResizeNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    ResizeNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Resize} or {@code Upsample}: one {@code @Upsample} in its mode, or the refusal. */
    void resize(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        Shape s = m.shape();
        String op = node.getOpType();
        String mode = string(node, "mode", "nearest");
        boolean old = op.equals("Upsample") || opset < 11;
        String coordinates = old ? "asymmetric" : string(node, "coordinate_transformation_mode", "half_pixel");
        String nearestMode = old ? "floor" : string(node, "nearest_mode", "round_prefer_floor");
        long outH;
        long outW;
        double[] scales = null;
        long[] sizes = null;
        if (op.equals("Upsample") && opset < 9) {
            AttributeProto a = attribute(node, "scales");
            scales = a == null ? null : a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
        } else {
            int scalesInput = old ? 1 : 2;
            Value sv = value(node, scalesInput);
            if (sv instanceof Known k && k.constant().size() > 0) {
                scales = k.constant().values();
            }
            if (!old && value(node, 3) instanceof Known k && k.constant().size() > 0) {
                sizes = k.constant().longs();
            }
        }
        if (sizes != null && sizes.length == 4) {
            outH = sizes[2];
            outW = sizes[3];
        } else if (scales != null && scales.length == 4) {
            if (scales[0] != 1 || scales[1] != 1) {
                throw fail(node, "scales " + Arrays.toString(scales) + " resize the batch or the channels");
            }
            outH = (long) Math.floor(s.height() * scales[2]);
            outW = (long) Math.floor(s.width() * scales[3]);
        } else {
            throw fail(node, "neither scales nor sizes are known at import (4 values, constant or computed from"
                    + " the fixed input size)");
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        boolean cubic = mode.equals("cubic");
        if (!linear && !cubic && !mode.equals("nearest")) {
            throw fail(node, "mode '" + mode + "' is none of nearest, linear and cubic, the modes convgeom's @Upsample"
                    + " states; refused rather than approximated");
        }
        if (outH < 1 || outW < 1) {
            throw fail(node, "resizes " + s.height() + "x" + s.width() + " to " + outH + "x" + outW
                    + ": an axis of no units; refused");
        }
        boolean shrinks = outH < s.height() || outW < s.width();
        if (shrinks && integer(node, "antialias", 0) != 0) {
            throw fail(node, "resizes " + s.height() + "x" + s.width() + " to " + outH + "x" + outW
                    + " with antialias = 1, which widens the interpolation beyond the " + (cubic ? "four" : "two")
                    + " units around each position when shrinking; convgeom's " + (cubic ? "CUBIC" : "BILINEAR")
                    + " @Upsample reads those " + (cubic ? "four" : "two") + " only, so it is refused rather than"
                    + " approximated");
        }
        // One check for every mode: aligned corners cannot stretch one unit over several.
        boolean oneUnit = s.height() == 1 && outH > 1 || s.width() == 1 && outW > 1;
        if (RuntimeLinearReads.placed(coordinates) == dev.convgeom.engine.Coordinates.ALIGN_CORNERS && oneUnit) {
            throw fail(node, "align_corners stretches a map of " + s.height() + "x" + s.width() + " to " + outH
                    + "x" + outW + ": one unit stretched over several has no step; refused");
        }
        // The exact factor per axis, in lowest terms: factor over per (ResizeFactors).
        boolean byScales = !(sizes != null && sizes.length == 4);
        long[] ry = ResizeFactors.of(s.height(), outH, byScales ? scales[2] : Double.NaN);
        long[] rx = ResizeFactors.of(s.width(), outW, byScales ? scales[3] : Double.NaN);
        int fy = toInt(node, ry[0], "factor");
        int py = toInt(node, ry[1], "per");
        int fx = toInt(node, rx[0], "factor");
        int px = toInt(node, rx[1], "per");
        if (coordinates.equals("tf_crop_and_resize")) {
            cropAndResize(node, mode, nearestMode, sizes == null ? scales : null, m, fx, px, fy, py, outH, outW);
            return;
        }
        Upsample.Coordinates placed = Upsample.Coordinates.HALF_PIXEL;
        if (linear) {
            dev.convgeom.engine.Coordinates engine = RuntimeLinearReads.placed(coordinates);
            if (engine == null) {
                throw fail(node, "linear mode with coordinate_transformation_mode " + coordinates
                        + ": convgeom's @Upsample places bilinear samples with HALF_PIXEL, ASYMMETRIC,"
                        + " ALIGN_CORNERS or TF_HALF_PIXEL_FOR_NN coordinates only; refused rather than approximated");
            }
            placed = Upsample.Coordinates.valueOf(engine.name());
            dev.convgeom.engine.LayerSpec up = dev.convgeom.engine.LayerSpec.upsample(nameOf(node), fx, fy, true);
            runtimeReadsExactly(node, coordinates, sizes == null ? scales : null, s, outH, outW,
                    new dev.convgeom.engine.LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(),
                            1, up.extras().withPers(px, py).withCoordinates(engine)));
        }
        dev.convgeom.engine.CubicKernel kernel = null;
        if (cubic) {
            AttributeProto a = attribute(node, "cubic_coeff_a");
            CubicResize resize = CubicResize.of(nameOf(node), coordinates, a == null ? -0.75f : a.getF(),
                    integer(node, "exclude_outside", 0) != 0, sizes == null ? scales : null, s, outH, outW, fx, px,
                    fy, py);
            if (resize.refusal() != null) {
                throw fail(node, resize.refusal());
            }
            placed = resize.coordinates();
            kernel = resize.kernel();
        }
        Upsample.Rounding rounding = Upsample.Rounding.ROUND_PREFER_FLOOR;
        if (!linear && !cubic) {
            NearestResize nearest = NearestResize.of(nameOf(node), coordinates, nearestMode,
                    sizes == null ? scales : null, s, outH, outW, fx, px, fy, py);
            if (nearest.refusal() != null) {
                throw fail(node, nearest.refusal());
            }
            placed = nearest.coordinates();
            rounding = nearest.rounding();
        }
        Shape output = new Shape(s.channels(), (int) outH, (int) outW);
        out(node, 0, add(ImportedLayer.upsample(nameOf(node), op, m.layer(), fx, px, fy, py, linear, placed, output,
                mode + ", " + coordinates + (linear || cubic ? "" : ", " + nearestMode)).withRounding(rounding)
                .withCubic(kernel)), output, false);
    }

    /** A {@code tf_crop_and_resize} resize as a CROP_AND_RESIZE {@code @Upsample}, or its refusal ({@link CropResize}). */
    private void cropAndResize(NodeProto node, String mode, String nearestMode, double[] scales, FeatureMap m, int fx,
                               int px, int fy, int py, long outH, long outW) throws ImportException {
        AttributeProto a = attribute(node, "cubic_coeff_a");
        double[] roi = value(node, 1) instanceof Known k && k.constant().size() > 0 ? k.constant().values() : null;
        CropResize crop = CropResize.of(nameOf(node), mode, nearestMode, a == null ? -0.75f : a.getF(),
                integer(node, "exclude_outside", 0) != 0, roi, scales, m.shape(), outH, outW, fx, px, fy, py);
        if (crop.refusal() != null) {
            throw fail(node, crop.refusal());
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        Shape output = new Shape(m.shape().channels(), (int) outH, (int) outW);
        out(node, 0, add(ImportedLayer.upsample(nameOf(node), node.getOpType(), m.layer(), fx, px, fy, py, linear,
                Upsample.Coordinates.CROP_AND_RESIZE, output, mode + ", tf_crop_and_resize"
                        + (mode.equals("nearest") ? ", " + nearestMode : "")).withRounding(crop.rounding())
                .withCubic(crop.kernel()).withCrop(crop.region())), output, false);
    }

    /**
     * Refuses a linear resize where ONNX Runtime's float arithmetic reads other units than the
     * exact factor says, at the declared size ({@link RuntimeLinearReads}), naming the first
     * output unit that differs.
     *
     * @param scales the {@code scales} ONNX Runtime uses, or null when it divides {@code sizes}
     */
    private void runtimeReadsExactly(NodeProto node, String coordinates, double[] scales, Shape s, long outH,
                                     long outW, dev.convgeom.engine.LayerSpec layer) throws ImportException {
        for (ResizedAxis r : ResizedAxis.of(s, outH, outW, scales)) {
            long in = r.in();
            long out = r.out();
            float scale = r.scale();
            long unit = RuntimeLinearReads.firstDisagreement(coordinates, scale, in, out, layer, r.axis());
            if (unit >= 0) {
                throw fail(node, "resizes " + in + " to " + out + " " + r.unit() + "s with "
                        + coordinates + " coordinates, but ONNX Runtime computes the positions in float (scale "
                        + scale + "), and its output " + r.unit() + " " + unit + " reads other input"
                        + " units than the exact factor " + out + "/" + in + " gives; refused rather than"
                        + " approximated");
            }
        }
    }
}
