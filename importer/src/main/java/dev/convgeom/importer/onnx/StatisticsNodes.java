package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.onnx.Value.ChannelStat;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.GroupsFlat;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Operators that compute statistics: the normalisations (over the whole map, {@code @InstanceNorm};
 * over the channels, unit by unit) and the reductions (a global pooling, or a statistic over the
 * channels that later nodes broadcast back).
 */
final class StatisticsNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    StatisticsNodes(NodeReader shared) {
        super(shared);
    }

    /**
     * A normalisation: statistics over the rows and columns (instance and group normalisation, layer
     * normalisation from axis 1 or 2, mean-variance normalisation over axes holding 2 and 3) make
     * every unit read the whole map, {@code @InstanceNorm}; statistics over the channels only (or
     * over a flattened map, which is one unit) are unit by unit; over only one of height and width,
     * refused.
     */
    void normalization(NodeProto node) throws ImportException {
        if (value(node, 0) instanceof ChannelsLast c) {
            channelsLastNormalization(node, c.map());
            return;
        }
        if (value(node, 0) instanceof GroupsFlat g && node.getOpType().equals("InstanceNormalization")) {
            groupNormalization(node, g);
            return;
        }
        FeatureMap m = map(node, 0);
        String op = node.getOpType();
        Set<Long> axes = new HashSet<>();
        switch (op) {
            case "InstanceNormalization", "GroupNormalization" -> axes.addAll(List.of(2L, 3L));
            case "LayerNormalization" -> {
                long axis = integer(node, "axis", -1);
                for (long a = axis < 0 ? axis + 4 : axis; a < 4; a++) {
                    axes.add(a);
                }
            }
            default -> {
                for (long a : ints(node, "axes", 0, 2, 3)) {
                    axes.add(a < 0 ? a + 4 : a);
                }
            }
        }
        boolean rows = !m.flat() && axes.contains(2L);
        boolean columns = !m.flat() && axes.contains(3L);
        if (rows != columns) {
            throw fail(node, op + " over axes " + axes + ": statistics along only one of height and width make each"
                    + " unit read its whole row or column, which convgeom's annotations cannot state");
        }
        if (!rows) {
            int index = add(ImportedLayer.pointwise(nameOf(node), op, LayerKind.POINTWISE, m.layer(), m.shape(),
                    op + " over the channels: unit by unit"));
            values.put(node.getOutput(0), new FeatureMap(index, m.shape(), m.flat()));
            return;
        }
        int index = add(ImportedLayer.instanceNorm(nameOf(node), op, m.layer(), m.shape(),
                op + ": statistics over the whole map, which every unit reads"));
        values.put(node.getOutput(0), new FeatureMap(index, m.shape(), false));
    }

    /**
     * The InstanceNormalization of a map reshaped to {@code N x groups x (C/groups * H * W)}: group
     * normalisation as torch.onnx writes it before opset 18. Its statistics span the last axis, all
     * rows and columns of a group's channels, so every unit reads the whole map:
     * {@code @InstanceNorm}, named by this node, whose result becomes a map at the Reshape back.
     */
    private void groupNormalization(NodeProto node, GroupsFlat g) throws ImportException {
        FeatureMap m = g.map();
        int index = add(ImportedLayer.instanceNorm(nameOf(node), "InstanceNormalization", m.layer(), m.shape(),
                "group normalisation in " + g.groups() + " groups (Reshape '" + nameOf(g.reshape())
                        + "' to N x " + g.groups() + " x -1, InstanceNormalization): statistics over whole maps of each"
                        + " group's channels, which every unit reads"));
        values.put(node.getOutput(0), new GroupsFlat(new FeatureMap(index, m.shape(), false), g.groups(), g.reshape()));
    }

    /**
     * A LayerNormalization of a map in {@code N x H x W x C} layout: over the last axis, the
     * channels, it works unit by unit; from axis 1 it spans the whole map; from axis 2 only the
     * width and channels, refused.
     */
    private void channelsLastNormalization(NodeProto node, FeatureMap m) throws ImportException {
        long axis = integer(node, "axis", -1);
        long from = axis < 0 ? axis + 4 : axis;
        String op = node.getOpType();
        int index;
        if (from == 3) {
            index = add(ImportedLayer.pointwise(nameOf(node), op, LayerKind.POINTWISE, m.layer(), m.shape(),
                    op + " over the channels of the channels-last map: unit by unit"));
        } else if (from == 1) {
            index = add(ImportedLayer.instanceNorm(nameOf(node), op, m.layer(), m.shape(),
                    op + ": statistics over the whole channels-last map, which every unit reads"));
        } else {
            throw fail(node, op + " from axis " + axis + " of a channels-last map: statistics along the width only"
                    + " make each unit read its whole row, which convgeom's annotations cannot state");
        }
        values.put(node.getOutput(0), new ChannelsLast(new FeatureMap(index, m.shape(), false)));
    }

    /**
     * A reduction over the height and width is a global pooling; over the channel axis alone
     * (keeping it), of either layout, a statistic over the channels of each unit (LayerNorm as
     * exported before opset 17). Anything else is refused.
     */
    void reduce(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        boolean channelsLast = v instanceof ChannelsLast;
        FeatureMap m = v instanceof ChannelsLast c ? c.map() : map(node, 0);
        long[] axes = opset >= 18 && node.getInputCount() > 1 ? knownLongs(node, 1, "axes") : ints(node, "axes");
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
            set.add(a < 0 ? a + 4 : a);
        }
        String op = node.getOpType();
        if (set.equals(Set.of(channelsLast ? 3L : 1L)) && integer(node, "keepdims", 1) != 0) {
            values.put(node.getOutput(0), new ChannelStat(m, channelsLast));
            return;
        }
        if (channelsLast) {
            throw fail(node, op + " over axes " + Arrays.toString(axes) + " of a channels-last map (N x H x W x C):"
                    + " only a reduction over the channels (axis 3 or -1, keepdims 1) is declared there");
        }
        if (!set.equals(Set.of(2L, 3L)) || !(op.equals("ReduceMean") || op.equals("ReduceMax"))) {
            throw fail(node, op + " over axes " + Arrays.toString(axes) + "; only ReduceMean or ReduceMax over the"
                    + " height and width (axes 2, 3) is a global pooling");
        }
        boolean keep = integer(node, "keepdims", 1) != 0;
        int index = add(ImportedLayer.globalPool(nameOf(node), op, m.layer(), m.shape().channels(),
                op.equals("ReduceMax") ? "global max over the map: reads the whole map, as the average does"
                        : "the mean over height and width: a global average pooling"));
        out(node, 0, index, new Shape(m.shape().channels(), 1, 1), !keep);
    }
}
