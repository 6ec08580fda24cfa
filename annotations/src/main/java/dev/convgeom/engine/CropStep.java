package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.count;

import dev.convgeom.Ratio;
import java.util.List;
import java.util.OptionalLong;

/** A crop: offsets computed to align with its reference, or given and checked. */
final class CropStep {

    private final NetworkSoFar soFar;
    private final int index;
    private final LayerSpec layer;
    private final List<Integer> inputs;
    private final ComputedLayer from;
    private final ComputedLayer like;

    CropStep(NetworkSoFar soFar, int index, LayerSpec layer, List<Integer> inputs) {
        this.soFar = soFar;
        this.index = index;
        this.layer = layer;
        this.inputs = inputs;
        this.from = soFar.map(inputs.get(0));
        this.like = soFar.map(layer.extras().like());
    }

    /** The cropped map; null when an offset does not work (reported). */
    ComputedLayer compute() {
        long[] offsets = new long[2];
        boolean ok = true;
        for (Axis axis : Axis.values()) {
            Long offset = offset(axis);
            ok &= offset != null;
            offsets[axis.ordinal()] = offset == null ? 0 : offset;
        }
        if (!ok) {
            return null;
        }
        return new ComputedLayer(layer, inputs, from.channels(),
                LayerAxis.resample(layer, Axis.Y, List.of(from.y()), offsets[0], like.y().size()),
                LayerAxis.resample(layer, Axis.X, List.of(from.x()), offsets[1], like.x().size()), null, null,
                offsets[0], offsets[1]);
    }

    /** The offset along {@code axis}, or null when it does not work (reported). */
    private Long offset(Axis axis) {
        AxisState a = from.axis(axis);
        AxisState b = like.axis(axis);
        String fromName = soFar.name(inputs.get(0));
        String likeName = soFar.name(layer.extras().like());
        boolean sameJump = a.jump().equals(b.jump());
        Ratio aligning = sameJump ? b.center().minus(a.center()).dividedBy(a.jump()) : null;
        OptionalLong given = layer.extras().offset(axis);
        if (given.isPresent()) {
            return checkGiven(axis, given.getAsLong(), aligning, fromName, likeName);
        }
        if (!sameJump) {
            soFar.report(index, Param.LIKE, axis, GeometryMessage.CROP_JUMPS_DIFFER, layer.name(), fromName, likeName,
                    axis.extent(), a.jump(), b.jump(), likeName);
            return null;
        }
        Ratio pixels = b.center().minus(a.center());
        if (!aligning.isInteger()) {
            soFar.report(index, Param.LIKE, axis, GeometryMessage.CROP_NOT_WHOLE, layer.name(), fromName, likeName,
                    axis.extent(), count(aligning, "unit"), count(pixels, "input pixel"),
                    count(a.jump(), "input pixel"));
            return null;
        }
        long o = aligning.longValueExact();
        if (o < 0) {
            soFar.report(index, Param.LIKE, axis, GeometryMessage.CROP_NEGATIVE_OFFSET, layer.name(), fromName,
                    count(Ratio.of(-o), "unit"), count(pixels.negate(), "input pixel"), likeName, axis.extent(),
                    likeName, o, likeName, fromName, count(Ratio.of(-o), axis.unit()));
            return null;
        }
        if (Math.addExact(o, b.size()) > a.size()) {
            soFar.report(index, Param.LIKE, axis, GeometryMessage.CROP_TOO_SMALL, layer.name(), fromName, likeName,
                    axis.extent(), o, fromName, o, b.size(), o + b.size(), axis.units(), a.size(), fromName);
            return null;
        }
        return o;
    }

    /**
     * Offset {@code o}, written on the layer, when it keeps the crop inside its input and (unless
     * the layer allows misalignment) is the one that aligns; null otherwise (reported).
     *
     * @param aligning the offset that aligns the two maps, or null when their jumps differ
     */
    private Long checkGiven(Axis axis, long o, Ratio aligning, String fromName, String likeName) {
        AxisState a = from.axis(axis);
        AxisState b = like.axis(axis);
        if (Math.addExact(o, b.size()) > a.size()) {
            soFar.report(index, Param.OFFSET, axis, GeometryMessage.CROP_OFFSET_OUT_OF_RANGE, layer.name(), o, b.size(),
                    axis.units(), likeName, o + b.size(), a.size(), axis.units(), fromName, a.size() - b.size());
            return null;
        }
        if (!layer.extras().allowMisaligned() && (aligning == null || !aligning.equals(Ratio.of(o)))) {
            Ratio apart = b.center().minus(a.center().plus(a.jump().times(o)));
            String aligned = aligning == null
                    ? "their jumps differ (" + a.jump() + " and " + b.jump() + "), so no offset aligns them"
                    : aligning.isInteger() && aligning.signum() >= 0
                            ? "offset " + aligning + " aligns them"
                            : "no whole offset aligns them (it would be " + aligning + ")";
            soFar.report(index, Param.OFFSET, axis, GeometryMessage.CROP_OFFSET_MISALIGNED, layer.name(), o, axis.extent(),
                    fromName, likeName, aligning == null ? "a varying number of input pixels"
                            : count(apart.abs(), "input pixel"), aligned);
            return null;
        }
        return o;
    }
}
