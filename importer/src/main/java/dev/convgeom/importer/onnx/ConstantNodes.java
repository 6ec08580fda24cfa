package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Known;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;

/**
 * {@code Constant} nodes and shape arithmetic: a node whose inputs are all constants (or that takes
 * the {@code Shape} of a map) is evaluated exactly at the fixed input size ({@link Folding}), so
 * later nodes read its result as a constant.
 */
final class ConstantNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    ConstantNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Constant} node: its value, known at import. */
    void constantNode(NodeProto node) throws ImportException {
        AttributeProto a = attribute(node, "value");
        Constant c;
        if (a != null && a.hasT()) {
            c = Constant.of(a.getT());
        } else if ((a = attribute(node, "value_ints")) != null) {
            c = Constant.vector(a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
        } else if ((a = attribute(node, "value_int")) != null) {
            c = new Constant(new long[0], new double[] {a.getI()});
        } else if ((a = attribute(node, "value_floats")) != null) {
            c = Constant.vector(a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
        } else if ((a = attribute(node, "value_float")) != null) {
            c = new Constant(new long[0], new double[] {a.getF()});
        } else {
            throw fail(node, "a Constant of a kind not supported");
        }
        values.put(node.getOutput(0), new Known(c));
    }

    /** Whether every input is a constant (so the node is shape arithmetic), or it is Shape of a map. */
    boolean allKnown(NodeProto node) {
        if (node.getOpType().equals("Shape")) {
            return true;
        }
        if (node.getInputCount() == 0) {
            return false;
        }
        for (String input : node.getInputList()) {
            if (!input.isEmpty() && !(values.get(input) instanceof Known)) {
                return false;
            }
        }
        return true;
    }

    /** Evaluates shape arithmetic on constants, exactly, at the fixed input size. */
    void fold(NodeProto node) throws ImportException {
        values.put(node.getOutput(0), new Known(Folding.evaluate(node, this::valueOf, opset)));
    }

    /** For {@link Folding}: a constant, or the shape of a feature map (in its layout). */
    private Object valueOf(String name) {
        Value v = values.get(name);
        if (v instanceof Known k) {
            return k.constant();
        }
        if (v instanceof FeatureMap m) {
            Shape s = m.shape();
            return m.flat() ? new long[] {1, (long) s.channels() * s.height() * s.width()}
                    : new long[] {1, s.channels(), s.height(), s.width()};
        }
        if (v instanceof ChannelsLast c) {
            Shape s = c.map().shape();
            return new long[] {1, s.height(), s.width(), s.channels()};
        }
        return null;
    }
}
