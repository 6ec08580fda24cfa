package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Known;
import dev.convgeom.importer.onnx.Value.Picked;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.List;

/**
 * Operators that pick channels of a map: {@code Split}, {@code Slice} and {@code Gather} on the channel
 * axis (and the {@code Unsqueeze} that restores the axis a scalar Gather drops), each part one
 * {@code @Channels} layer; the ranges themselves are {@link ChannelRanges}'.
 */
final class ChannelPickNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    ChannelPickNodes(NodeReader shared) {
        super(shared);
    }

    /** A Split along the channels: one {@code @Channels} layer per output, named by the output. */
    void split(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        Shape s = m.shape();
        long[] sizes = opset >= 13 && node.getInputCount() > 1 && !node.getInput(1).isEmpty()
                ? knownLongs(node, 1, "the split sizes")
                : attribute(node, "split") != null ? ints(node, "split") : null;
        if (sizes == null && opset >= 18 && attribute(node, "num_outputs") != null) {
            sizes = numOutputs(node, s, integer(node, "axis", 0));
        }
        List<long[]> ranges;
        try {
            ranges = ChannelRanges.split(new long[] {1, s.channels(), s.height(), s.width()}, integer(node, "axis", 0),
                    sizes, node.getOutputCount());
        } catch (IllegalArgumentException e) {
            throw fail(node, e.getMessage());
        }
        for (int k = 0; k < ranges.size(); k++) {
            Shape shape = new Shape((int) ranges.get(k)[1], s.height(), s.width());
            int index = add(ImportedLayer.channels(node.getOutput(k), "Split", m.layer(), s.channels(),
                    (int) ranges.get(k)[0], shape, "part " + (k + 1) + " of " + ranges.size() + " of '" + nameOf(node)
                    + "'"));
            out(node, k, index, shape, false);
        }
    }

    /**
     * The part sizes of an opset-18 Split by {@code num_outputs} along the channels: parts of
     * {@code ceil(C / n)} channels, the last one smaller when they do not divide C (the operator's
     * rule), or null along another axis (refused by {@link ChannelRanges#split}).
     */
    private static long[] numOutputs(NodeProto node, Shape s, long axis) throws ImportException {
        long n = integer(node, "num_outputs", 0);
        if (n != node.getOutputCount() || n < 1) {
            throw fail(node, "num_outputs " + n + " with " + node.getOutputCount() + " outputs");
        }
        if (axis != 1 && axis != -3) {
            return null;
        }
        long part = -Math.floorDiv(-s.channels(), n);
        long[] sizes = new long[(int) n];
        Arrays.fill(sizes, part);
        sizes[(int) n - 1] = s.channels() - part * (n - 1);
        return sizes;
    }

    /** A Slice of the channels, with constant starts and ends and step 1: one {@code @Channels} layer. */
    void slice(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        Shape s = m.shape();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (opset >= 10) {
            starts = knownLongs(node, 1, "starts");
            ends = knownLongs(node, 2, "ends");
            axes = node.getInputCount() > 3 && !node.getInput(3).isEmpty() ? knownLongs(node, 3, "axes") : null;
            steps = node.getInputCount() > 4 && !node.getInput(4).isEmpty() ? knownLongs(node, 4, "steps") : null;
        } else {
            starts = ints(node, "starts");
            ends = ints(node, "ends");
            axes = attribute(node, "axes") != null ? ints(node, "axes") : null;
        }
        long[] range;
        try {
            range = ChannelRanges.slice(new long[] {1, s.channels(), s.height(), s.width()}, starts, ends, axes, steps);
        } catch (IllegalArgumentException e) {
            throw fail(node, e.getMessage());
        }
        Shape shape = new Shape((int) range[1], s.height(), s.width());
        out(node, 0, add(ImportedLayer.channels(nameOf(node), "Slice", m.layer(), s.channels(), (int) range[0], shape,
                "")), shape, false);
    }

    /**
     * A Gather of a feature map on axis 1 with constant indices picks channels: one index (a scalar,
     * which drops the axis until an {@code Unsqueeze} restores it, as torchvision's
     * {@code transform_input} writes {@code x[:, 0]}) or a run of consecutive ones is a
     * {@code @Channels} layer. Other axes pick rows or columns; computed indices pick by value.
     */
    void gather(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (!(v instanceof FeatureMap m) || m.flat()) {
            throw fail(node, "a Gather of " + (v instanceof FeatureMap ? "a flattened map" : "a tensor that is not an"
                    + " N x C x H x W feature map") + "; only one of channels (axis 1) with constant indices is declared");
        }
        long axis = integer(node, "axis", 0);
        if (axis != 1 && axis != -3) {
            throw fail(node, "a Gather on axis " + axis + " picks " + (axis == 0 || axis == -4 ? "images of the batch"
                    : "rows or columns") + ", which is not convolutional geometry; only one of channels (axis 1) with"
                    + " constant indices is declared (@Channels)");
        }
        if (!(value(node, 1) instanceof Known k)) {
            throw fail(node, "the indices ('" + node.getInput(1) + "') are computed by the network: a Gather then picks"
                    + " channels by values, which is not convolutional geometry; only constant indices are declared");
        }
        long[] indices = k.constant().longs();
        long[] dims = k.constant().dims();
        Shape s = m.shape();
        if (indices == null || indices.length == 0 || dims.length > 1) {
            throw fail(node, "indices of shape " + Arrays.toString(dims) + "; one index or a list of them is declared");
        }
        long[] resolved = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            resolved[i] = indices[i] < 0 ? indices[i] + s.channels() : indices[i];
            if (resolved[i] < 0 || resolved[i] >= s.channels()) {
                throw fail(node, "index " + indices[i] + " is outside the " + s.channels() + " channels");
            }
            if (i > 0 && resolved[i] != resolved[i - 1] + 1) {
                throw fail(node, "indices " + Arrays.toString(indices) + " are not consecutive channels in order;"
                        + " @Channels takes one run of them");
            }
        }
        Shape shape = new Shape(indices.length, s.height(), s.width());
        String label = dims.length == 0 ? "channel " + resolved[0] + " (Gather of one index, on axis 1)"
                : "channels " + resolved[0] + " to " + resolved[indices.length - 1] + " (Gather on axis 1)";
        int index = add(ImportedLayer.channels(nameOf(node), "Gather", m.layer(), s.channels(), (int) resolved[0],
                shape, label));
        FeatureMap picked = new FeatureMap(index, shape, false);
        values.put(node.getOutput(0), dims.length == 0 ? new Picked(picked) : picked);
    }

    /** The Unsqueeze of axis 1 that gives a channel picked by a scalar Gather its channel axis back. */
    void unsqueeze(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        long[] axes = opset >= 13 && node.getInputCount() > 1 ? knownLongs(node, 1, "axes") : ints(node, "axes");
        if (v instanceof Picked p && axes.length == 1 && (axes[0] == 1 || axes[0] == -3)) {
            values.put(node.getOutput(0), p.map());
            return;
        }
        throw fail(node, "an Unsqueeze of axes " + Arrays.toString(axes) + " of a feature map adds an axis; only"
                + " restoring the channel axis (1) of one channel picked by a Gather is declared");
    }
}
