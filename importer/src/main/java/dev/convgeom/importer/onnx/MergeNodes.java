package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.onnx.Value.ChannelStat;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Known;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Operators that combine tensors unit by unit: the element-wise ones (a merge of maps, a map and a
 * constant along the channels, a {@code @Gate}, a statistic broadcast back over the channels) and
 * {@code Concat} of channels.
 */
final class MergeNodes extends NodeReader {

    /** Element-wise operators of two tensors. */
    static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Mean",
            "Pow");

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    MergeNodes(NodeReader shared) {
        super(shared);
    }

    /**
     * An element-wise operator. Its maps must share a layout (channels first, or channels last after
     * a Transpose, the result keeping it); a constant may vary along the channels only; a statistic
     * over the channels ({@link ChannelStat}) is broadcast over the channels of a map of the same rows
     * and columns, so its own map joins the merge (or, being the map itself, adds nothing).
     */
    void elementwise(NodeProto node) throws ImportException {
        List<FeatureMap> maps = new ArrayList<>();
        List<Constant> constants = new ArrayList<>();
        List<ChannelStat> stats = new ArrayList<>();
        Boolean last = null;
        for (int i = 0; i < node.getInputCount(); i++) {
            Value v = value(node, i);
            if (v instanceof Known k) {
                constants.add(k.constant());
                continue;
            }
            boolean inLast = v instanceof ChannelsLast || v instanceof ChannelStat st && st.last();
            if (last != null && last != inLast) {
                throw fail(node, "combines a map in channels-last layout with one in channels-first layout;"
                        + " their units do not correspond");
            }
            last = inLast;
            if (v instanceof FeatureMap m) {
                maps.add(m);
            } else if (v instanceof ChannelsLast c) {
                maps.add(c.map());
            } else if (v instanceof ChannelStat st) {
                stats.add(st);
            } else {
                throw fail(node, "input " + i + " ('" + node.getInput(i) + "') is not a feature map in a layout"
                        + " convgeom follows (a grouped or reshaped map)");
            }
        }
        boolean channelsLast = Boolean.TRUE.equals(last);
        if (maps.isEmpty()) {
            // Only statistics (and constants): a function of one statistic is a statistic of the same map.
            for (ChannelStat st : stats) {
                if (st.map().layer() != stats.get(0).map().layer()) {
                    throw fail(node, "combines statistics over the channels of two different maps; not declared");
                }
            }
            values.put(node.getOutput(0), stats.get(0));
            return;
        }
        String op = node.getOpType();
        FeatureMap first = maps.get(0);
        for (ChannelStat st : stats) {
            Shape a = st.map().shape();
            if (a.height() != first.shape().height() || a.width() != first.shape().width() || first.flat()) {
                throw fail(node, "broadcasts a statistic over the channels of a " + a + " map onto a " + first.shape()
                        + " map; their rows and columns differ");
            }
            if (maps.stream().noneMatch(m -> m.layer() == st.map().layer())) {
                if (a.channels() != first.shape().channels()) {
                    throw fail(node, "broadcasts a statistic over the channels of a " + a + " map onto a "
                            + first.shape() + " map; convgeom merges maps of equal shapes only");
                }
                maps.add(new FeatureMap(st.map().layer(), first.shape(), false));
            }
        }
        if (maps.size() > 1 && maps.stream().allMatch(m -> m.layer() == first.layer()
                && m.shape().equals(first.shape()) && m.flat() == first.flat())) {
            maps.subList(1, maps.size()).clear();   // x * x, or x - mean(x): unit by unit
        }
        if (maps.size() == 1) {
            for (Constant c : constants) {
                checkBroadcast(node, first, c, channelsLast);
            }
            if (first.flat() && op.equals("Add") && first.layer() >= 0
                    && layers.get(first.layer()).kind() == LayerKind.FULLY_CONNECTED) {
                // MatMul + Add is Gemm: the bias belongs to the fully connected layer.
                values.put(node.getOutput(0), first);
                return;
            }
            String label = !stats.isEmpty() ? op + " by a statistic over the channels of the same units"
                    : constants.isEmpty() ? op + " of the map with itself" : op + " by a constant";
            int index = add(ImportedLayer.pointwise(nameOf(node), op, LayerKind.POINTWISE, first.layer(),
                    first.shape(), label));
            FeatureMap result = new FeatureMap(index, first.shape(), first.flat());
            values.put(node.getOutput(0), channelsLast ? new ChannelsLast(result) : result);
            return;
        }
        if (!constants.isEmpty()) {
            throw fail(node, "mixes feature maps and constants in one " + op + "; not supported");
        }
        if (!channelsLast && maps.size() == 2 && gate(node, maps.get(0), maps.get(1))) {
            return;
        }
        List<Integer> from = new ArrayList<>();
        for (FeatureMap m : maps) {
            if (!m.shape().equals(first.shape()) || m.flat() != first.flat()) {
                boolean gate = op.equals("Mul") && (m.shape().height() == 1 && m.shape().width() == 1
                        || first.shape().height() == 1 && first.shape().width() == 1);
                throw fail(node, gate
                        ? "multiplies a map by a C x 1 x 1 tensor computed from the network (a squeeze-and-excitation"
                        + " gate): every unit then also depends on the whole map, which convgeom's annotations cannot"
                        + " state yet; refused rather than approximated"
                        : "combines maps of shapes " + first.shape() + " and " + m.shape() + "; broadcasting between"
                        + " feature maps is not supported");
            }
            from.add(m.layer());
        }
        String label = (op.equals("Add") || op.equals("Sum") ? ""
                : op + ", an element-wise merge like the sum: it reads the same units")
                + (stats.isEmpty() ? "" : (op.equals("Add") || op.equals("Sum") ? "" : "; ")
                + "a statistic over the channels of a map, broadcast over the channels, reads that map's units")
                + (channelsLast ? (op.equals("Add") && stats.isEmpty() ? "" : "; ") + "in channels-last layout" : "");
        int index = add(ImportedLayer.merge(nameOf(node), op, LayerKind.ADD, from, first.shape(), label));
        FeatureMap result = new FeatureMap(index, first.shape(), first.flat());
        values.put(node.getOutput(0), channelsLast ? new ChannelsLast(result) : result);
    }

    /**
     * Declares {@code a op b} as a {@code @Gate} when one of them is a map of one unit per channel
     * ({@code C x 1 x 1}, or one channel) broadcast over the other's rows and columns: a
     * squeeze-and-excitation {@code Mul} (either operand order: torchvision writes
     * {@code scale * input}), or an {@code Add}, {@code Sub} or {@code Div} by such a map, whose
     * units read the same. False when neither is such a map.
     */
    private boolean gate(NodeProto node, FeatureMap a, FeatureMap b) throws ImportException {
        boolean aUnit = !a.flat() && a.shape().height() == 1 && a.shape().width() == 1;
        boolean bUnit = !b.flat() && b.shape().height() == 1 && b.shape().width() == 1;
        if (aUnit == bUnit || a.flat() || b.flat()) {
            return false;
        }
        FeatureMap map = bUnit ? a : b;
        FeatureMap gate = bUnit ? b : a;
        String op = node.getOpType();
        if (!Set.of("Mul", "Add", "Sub", "Div").contains(op)) {
            return false;
        }
        int c = gate.shape().channels();
        if (c != 1 && c != map.shape().channels()) {
            throw fail(node, "combines a " + map.shape() + " map with a " + gate.shape() + " one: a gate has one"
                    + " factor per channel of the map, or one for all");
        }
        String label = op.equals("Mul") ? "the map times a " + gate.shape() + " gate (squeeze-and-excitation):"
                + " every unit also reads the whole of what the gate pooled"
                : op + " of a " + gate.shape() + " map broadcast over the rows and columns: every unit also reads"
                + " the whole of what that map pooled";
        int index = add(ImportedLayer.gate(nameOf(node), op, map.layer(), gate.layer(), map.shape(), label));
        values.put(node.getOutput(0), new FeatureMap(index, map.shape(), false));
        return true;
    }

    /**
     * A constant may scale or shift channels, never vary along H or W (axes 2 and 3, or 1 and 2 of a
     * channels-last map).
     */
    private static void checkBroadcast(NodeProto node, FeatureMap map, Constant c, boolean channelsLast)
            throws ImportException {
        long[] d = c.dims();
        int rank = map.flat() ? 2 : 4;
        if (d.length > rank) {
            throw fail(node, "a constant of shape " + Arrays.toString(d) + " broadcast over a feature map");
        }
        if (!map.flat()) {
            for (int i = 0; i < d.length; i++) {
                int axis = rank - d.length + i;
                boolean spatial = channelsLast ? axis == 1 || axis == 2 : axis >= 2;
                if (spatial && d[i] != 1) {
                    throw fail(node, "a constant of shape " + Arrays.toString(d) + " varies along the height or"
                            + " width; not a unit-by-unit operation");
                }
            }
        }
    }

    /** A {@code Concat} of maps along the channels: one {@code @Concat} (of one map, a pointwise layer). */
    void concat(NodeProto node) throws ImportException {
        long axis = integer(node, "axis", 1);
        List<Integer> from = new ArrayList<>();
        Shape first = null;
        int channels = 0;
        for (int i = 0; i < node.getInputCount(); i++) {
            FeatureMap m = map(node, i);
            if (first == null) {
                first = m.shape();
            }
            if (axis != 1 && axis != -3) {
                throw fail(node, "concatenates feature maps along axis " + axis + "; convgeom's @Concat joins"
                        + " channels (axis 1)");
            }
            if (m.shape().height() != first.height() || m.shape().width() != first.width()) {
                throw fail(node, "joins maps of " + first + " and " + m.shape() + ": heights and widths differ");
            }
            channels += m.shape().channels();
            from.add(m.layer());
        }
        Shape output = new Shape(channels, first.height(), first.width());
        int index = from.size() == 1
                ? add(ImportedLayer.pointwise(nameOf(node), "Concat", LayerKind.POINTWISE, from.get(0), first,
                        "Concat of one map"))
                : add(ImportedLayer.merge(nameOf(node), "Concat", LayerKind.CONCAT, from, output, ""));
        out(node, 0, index, output, false);
    }
}
