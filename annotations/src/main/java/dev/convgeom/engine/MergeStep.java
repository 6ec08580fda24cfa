package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.count;
import static dev.convgeom.engine.MessageText.shape;

import dev.convgeom.Ratio;
import java.util.ArrayList;
import java.util.List;

/**
 * Add or concat: equal sizes (and, to add, equal channels), equal jumps, and, unless the layer
 * accepts an offset, equal centres. The output maps like the first input and sees the union of
 * the inputs' fields.
 */
final class MergeStep {

    private final NetworkSoFar soFar;
    private final int index;
    private final LayerSpec layer;
    private final List<Integer> inputs;

    MergeStep(NetworkSoFar soFar, int index, LayerSpec layer, List<Integer> inputs) {
        this.soFar = soFar;
        this.index = index;
        this.layer = layer;
        this.inputs = inputs;
    }

    /** The merged map; null when the inputs do not fit together (reported). */
    ComputedLayer compute() {
        ComputedLayer first = soFar.map(inputs.get(0));
        boolean add = layer.kind() == LayerKind.ADD;
        boolean sizes = true;
        long channels = first.channels();
        for (int i = 1; i < inputs.size(); i++) {
            ComputedLayer other = soFar.map(inputs.get(i));
            boolean spatial = other.y().size() == first.y().size() && other.x().size() == first.x().size();
            boolean channelsDiffer = add && first.hasChannels() && other.hasChannels()
                    && first.channels() != other.channels();
            if (!spatial || channelsDiffer) {
                String what = add ? "channels, height and width" : "height and width";
                String fix = !spatial
                        ? "Crop the larger to the smaller with @Crop(from = ..., like = ...), or change the layers before"
                                + " the merge"
                        : "Give both paths the same number of channels (for a residual connection, a 1x1 projection"
                                + " on the shortcut)";
                soFar.report(index, Param.FROM, i, null, GeometryMessage.MERGE_SIZE_MISMATCH, layer.name(),
                        layer.kind().displayName(), what, soFar.name(inputs.get(0)), shape(first),
                        soFar.name(inputs.get(i)), shape(other), fix);
                sizes &= spatial;
            }
            if (add) {
                channels = first.hasChannels() ? first.channels() : other.channels();
            } else {
                channels = channels == ComputedLayer.UNKNOWN_CHANNELS || !other.hasChannels()
                        ? ComputedLayer.UNKNOWN_CHANNELS : Math.addExact(channels, other.channels());
            }
        }
        if (!sizes) {
            return null;
        }
        boolean jumps = true;
        for (int i = 1; i < inputs.size(); i++) {
            for (Axis axis : Axis.values()) {
                jumps &= checkAligned(i, axis);
            }
        }
        if (!jumps) {
            return null;
        }
        List<AxisState> ys = new ArrayList<>();
        List<AxisState> xs = new ArrayList<>();
        for (int input : inputs) {
            ys.add(soFar.map(input).y());
            xs.add(soFar.map(input).x());
        }
        return new ComputedLayer(layer, inputs, channels, LayerAxis.resample(layer, Axis.Y, ys, 0, 0),
                LayerAxis.resample(layer, Axis.X, xs, 0, 0), null, null, 0, 0);
    }

    /** Whether input {@code i} has the first input's jump; reports misalignment. */
    private boolean checkAligned(int i, Axis axis) {
        int a = inputs.get(0);
        int b = inputs.get(i);
        AxisState first = soFar.map(a).axis(axis);
        AxisState other = soFar.map(b).axis(axis);
        if (!first.jump().equals(other.jump())) {
            Paths paths = Paths.between(soFar.layers(), a, b);
            soFar.report(index, Param.FROM, i, axis, GeometryMessage.MERGE_JUMPS_DIFFER, layer.name(), soFar.name(a),
                    soFar.name(b), axis.extent(), first.jump(), other.jump(), paths.fork(), paths.toFirst(),
                    paths.toSecond());
            return false;
        }
        Ratio apart = other.center().minus(first.center());
        if (apart.signum() != 0 && !layer.extras().allowMisaligned()) {
            Paths paths = Paths.between(soFar.layers(), a, b);
            Ratio units = apart.dividedBy(first.jump());
            String crop = "";
            if (units.isInteger()) {
                // Unit 0 of the map that starts further out matches a later unit of the other: a
                // crop of that other one, starting there, lines them up.
                int later = apart.signum() > 0 ? a : b;
                int earlier = apart.signum() > 0 ? b : a;
                crop = "Cropping '" + soFar.name(later) + "' by " + count(units.abs(), "unit")
                        + " (@Crop(from = \"" + soFar.name(later) + "\", like = \"" + soFar.name(earlier)
                        + "\")) aligns them where it is large enough. ";
            }
            soFar.report(index, Param.FROM, i, axis, GeometryMessage.MISALIGNED_MERGE, layer.name(), soFar.name(a),
                    soFar.name(b), axis.extent(), soFar.name(a), axis.unit(), first.center(), soFar.name(b),
                    other.center(), count(apart.abs(), "input pixel"), count(units.abs(), "unit"), first.jump(),
                    paths.fork(), paths.toFirst(), paths.toSecond(), crop);
        }
        return true;
    }
}
