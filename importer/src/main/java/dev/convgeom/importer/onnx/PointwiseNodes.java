package dev.convgeom.importer.onnx;

import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.onnx.Value.ChannelStat;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Map;
import java.util.Set;

/**
 * Operators of one map that keep every unit at its place: activations, batch normalisation, dropout
 * and the other unit-by-unit functions, and a softmax across the channels.
 */
final class PointwiseNodes extends NodeReader {

    /** Operators that leave the geometry alone, with the annotation they become. */
    static final Map<String, LayerKind> NEUTRAL = Map.ofEntries(
            Map.entry("Relu", LayerKind.RELU), Map.entry("Sigmoid", LayerKind.SIGMOID),
            Map.entry("Tanh", LayerKind.TANH), Map.entry("BatchNormalization", LayerKind.BATCH_NORM),
            Map.entry("Dropout", LayerKind.DROPOUT), Map.entry("LRN", LayerKind.LRN));

    /** Unit-by-unit operators declared as {@code @Pointwise("op")}. */
    static final Set<String> POINTWISE = Set.of("LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "HardSigmoid",
            "HardSwish", "Clip", "Gelu", "Mish", "Softplus", "Softsign", "Erf", "Exp", "Log", "Abs", "Neg", "Sqrt",
            "Reciprocal", "Identity", "ThresholdedRelu", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign", "Cast");

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    PointwiseNodes(NodeReader shared) {
        super(shared);
    }

    /** A unit-by-unit operator of one map (or of a statistic over the channels, which stays one). */
    void pointwise(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (v instanceof ChannelStat st) {
            // A function of a statistic over the channels reads what the statistic reads.
            values.put(node.getOutput(0), st);
            return;
        }
        boolean channelsLast = v instanceof ChannelsLast;
        if (v instanceof ChannelsLast c) {
            v = c.map();
        }
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "reads no feature map");
        }
        String op = node.getOpType();
        LayerKind kind = NEUTRAL.getOrDefault(op, LayerKind.POINTWISE);
        int index = add(ImportedLayer.pointwise(nameOf(node), op, kind, m.layer(), m.shape(), op));
        FeatureMap result = new FeatureMap(index, m.shape(), m.flat());
        values.put(node.getOutput(0), channelsLast ? new ChannelsLast(result) : result);
        for (int i = 1; i < node.getOutputCount(); i++) {   // Dropout's mask, BatchNormalization's statistics
            if (!node.getOutput(i).isEmpty()) {
                values.put(node.getOutput(i), channelsLast ? new ChannelsLast(result) : result);
            }
        }
    }

    /** A {@code Softmax} or {@code LogSoftmax} over the channels alone; one that mixes units across the map is refused. */
    void softmax(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "reads no feature map");
        }
        long axis = integer(node, "axis", opset >= 13 ? -1 : 1);
        int rank = m.flat() ? 2 : 4;
        long resolved = axis < 0 ? axis + rank : axis;
        boolean acrossChannels = resolved == 1 && (opset >= 13 || m.flat()
                || (m.shape().height() == 1 && m.shape().width() == 1));
        if (!acrossChannels) {
            throw fail(node, "a softmax over axis " + axis + " (opset " + opset + ") mixes units across the map;"
                    + " only one across the channels is geometry-neutral");
        }
        int index = add(ImportedLayer.pointwise(nameOf(node), node.getOpType(),
                node.getOpType().equals("Softmax") ? LayerKind.SOFTMAX : LayerKind.POINTWISE, m.layer(), m.shape(),
                node.getOpType()));
        values.put(node.getOutput(0), new FeatureMap(index, m.shape(), m.flat()));
    }
}
