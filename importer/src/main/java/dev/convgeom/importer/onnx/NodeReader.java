package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.GroupsFlat;
import dev.convgeom.importer.onnx.Value.Known;
import dev.convgeom.importer.onnx.Value.Picked;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every reader of ONNX operators shares within one import: the tensors read so far (each a
 * {@link Value}) and the layers declared, the ways to read a node's inputs and attributes, and
 * the refusal that names the node. {@link OnnxImporter} walks the graph and hands each node to the
 * reader of its operator family; all of them extend this class so that they read alike.
 */
abstract class NodeReader {

    /** Every tensor read so far, by name: the one record shared by every reader of one import. */
    final Map<String, Value> values;

    /** The layers declared so far, in the order of the graph's nodes. */
    final List<ImportedLayer> layers;

    /** The version of the default operator set the model imports. */
    final int opset;

    /** Starts an import of a model of {@code opset}: no tensor, no layer yet. */
    NodeReader(int opset) {
        this.values = new HashMap<>();
        this.layers = new ArrayList<>();
        this.opset = opset;
    }

    /** A reader of other operators in the same import: the same tensors and layers. */
    NodeReader(NodeReader shared) {
        this.values = shared.values;
        this.layers = shared.layers;
        this.opset = shared.opset;
    }

    /** The refusal of {@code node}: its name (or the tensor it writes), its operator and {@code reason}. */
    static ImportException fail(NodeProto node, String reason) {
        String name = node.getName().isEmpty() && node.getOutputCount() > 0 ? "" : node.getName();
        String who = name.isEmpty() && node.getOutputCount() > 0 ? " writing '" + node.getOutput(0) + "'" : "";
        return ImportException.at(name, node.getOpType() + who, reason);
    }

    /** The layer's name in the model: the node's, or its first output's when it has none. */
    static String nameOf(NodeProto node) {
        return !node.getName().isEmpty() || node.getOutputCount() == 0 ? node.getName() : node.getOutput(0);
    }

    /** Declares {@code layer} after those so far; its index, by which later layers read it. */
    int add(ImportedLayer layer) {
        layers.add(layer);
        return layers.size() - 1;
    }

    /** Records output {@code index} of {@code node} as a feature map written by layer {@code layer}. */
    void out(NodeProto node, int index, int layer, Shape shape, boolean flat) {
        values.put(node.getOutput(index), new FeatureMap(layer, shape, flat));
    }

    /** What input {@code index} of {@code node} is; null when the node leaves that optional input out. */
    Value value(NodeProto node, int index) throws ImportException {
        if (index >= node.getInputCount() || node.getInput(index).isEmpty()) {
            return null;
        }
        Value v = values.get(node.getInput(index));
        if (v == null) {
            throw fail(node, "reads '" + node.getInput(index) + "', which no earlier node writes (the graph is"
                    + " not in topological order, or the tensor comes from an unsupported node)");
        }
        return v;
    }

    /**
     * Input {@code index} of {@code node} as an N x C x H x W feature map, or the refusal saying what it is instead.
     */
    FeatureMap map(NodeProto node, int index) throws ImportException {
        Value v = value(node, index);
        if (v instanceof GroupsFlat g) {
            throw fail(node, "reads '" + node.getInput(index) + "', which '" + nameOf(g.reshape()) + "' "
                    + SpatialReshape.what(g.map().shape(), new long[] {1, g.groups(), -1}, false) + "; convgeom"
                    + " declares that reshape only in a group normalisation (InstanceNormalization, then the Reshape"
                    + " back to N x C x H x W)");
        }
        if (v instanceof Picked) {
            throw fail(node, "reads '" + node.getInput(index) + "', one channel picked by a Gather without its channel"
                    + " axis; declared only where an Unsqueeze of axis 1 gives the axis back");
        }
        if (!(v instanceof FeatureMap m) || m.flat()) {
            throw fail(node, "input " + index + " ('" + (index < node.getInputCount() ? node.getInput(index) : "")
                    + "') is not an N x C x H x W feature map");
        }
        return m;
    }

    /** Input {@code index} of {@code node} as a constant ({@code what} names it in the refusal). */
    Constant known(NodeProto node, int index, String what) throws ImportException {
        Value v = value(node, index);
        if (!(v instanceof Known k)) {
            throw fail(node, what + " ('" + (index < node.getInputCount() ? node.getInput(index) : "")
                    + "') must be a constant, known at import");
        }
        return k.constant();
    }

    /** Input {@code index} of {@code node} as constant integers ({@code what} names it in the refusal). */
    long[] knownLongs(NodeProto node, int index, String what) throws ImportException {
        long[] v = known(node, index, what).longs();
        if (v == null) {
            throw fail(node, what + " ('" + node.getInput(index) + "') is too large or stored externally");
        }
        return v;
    }

    /** The attribute {@code name} of {@code node}, or null when the node does not set it. */
    static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The integers of attribute {@code name}, or {@code byDefault} when it is absent or empty. */
    static long[] ints(NodeProto node, String name, long... byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null || a.getIntsCount() == 0 ? byDefault
                : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The integer attribute {@code name}, or {@code byDefault} when it is absent. */
    static long integer(NodeProto node, String name, long byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null ? byDefault : a.getI();
    }

    /** The string attribute {@code name}, or {@code byDefault} when it is absent. */
    static String string(NodeProto node, String name, String byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null ? byDefault : a.getS().toStringUtf8();
    }

    /** {@code value} as an int, or the refusal saying that {@code what} is out of range. */
    static int toInt(NodeProto node, long value, String what) throws ImportException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fail(node, what + " " + value + " is out of range");
        }
        return (int) value;
    }
}
