package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;

/**
 * {@code Gemm} and {@code MatMul}: a fully connected layer on a flattened map, or, on a map in
 * channels-last layout, a 1x1 convolution. Only the weight's dimensions are read.
 */
final class FullyConnectedNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    FullyConnectedNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Gemm} of a flattened map by a constant weight: one fully connected layer. */
    void gemm(NodeProto node) throws ImportException {
        FeatureMap a = flat(node);
        if (integer(node, "transA", 0) != 0) {
            throw fail(node, "transA = 1: the input is not a batch of flattened maps");
        }
        long[] b = known(node, 1, "the weight B").dims();
        boolean transB = integer(node, "transB", 0) != 0;
        fullyConnected(node, a, b, transB);
    }

    /** A {@code MatMul}: on a channels-last map a 1x1 convolution, otherwise a fully connected layer. */
    void matMul(NodeProto node) throws ImportException {
        if (value(node, 0) instanceof ChannelsLast c) {
            channelsLastMatMul(node, c.map());
            return;
        }
        fullyConnected(node, flat(node), known(node, 1, "the weight").dims(), false);
    }

    /**
     * A MatMul of a channels-last map by a {@code [C, C']} weight (ConvNeXt's pointwise Linear
     * layers): each unit's C channels times the weight, unit by unit, which is a 1x1 convolution
     * from C to C' channels; the result stays channels-last.
     */
    private void channelsLastMatMul(NodeProto node, FeatureMap m) throws ImportException {
        long[] w = known(node, 1, "the weight").dims();
        Shape s = m.shape();
        if (w.length != 2 || w[0] != s.channels()) {
            throw fail(node, "multiplies the channels-last " + s + " map by a weight of shape " + Arrays.toString(w)
                    + "; only a [C, C'] weight on its " + s.channels() + " channels (a 1x1 convolution) is declared");
        }
        int out = toInt(node, w[1], "output channels");
        Shape output = new Shape(out, s.height(), s.width());
        AxisWindow one = new AxisWindow(1, 1, 1, 0, 0);
        int index = add(ImportedLayer.conv(nameOf(node), "MatMul", m.layer(), s.channels(), out, 1, one, one, false,
                output));
        values.put(node.getOutput(0), new ChannelsLast(new FeatureMap(index, output, false)));
    }

    /** One fully connected layer of the flattened map {@code a} by a weight of dimensions {@code b}. */
    private void fullyConnected(NodeProto node, FeatureMap a, long[] b, boolean transposed) throws ImportException {
        if (b.length != 2) {
            throw fail(node, "weight of " + b.length + " dimensions; a fully connected layer has 2");
        }
        long k = transposed ? b[1] : b[0];
        long n = transposed ? b[0] : b[1];
        Shape s = a.shape();
        long inputs = (long) s.channels() * s.height() * s.width();
        if (k != inputs) {
            throw fail(node, "the weight " + Arrays.toString(b) + " takes " + k + " inputs, the flattened "
                    + s + " map has " + inputs);
        }
        int out = toInt(node, n, "outputs");
        int index = add(ImportedLayer.fullyConnected(nameOf(node), node.getOpType(), a.layer(), s, out));
        values.put(node.getOutput(0), new FeatureMap(index, new Shape(out, 1, 1), true));
    }

    /** The first input as a flattened map (or a 1x1 one), which a fully connected layer reads. */
    private FeatureMap flat(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (v instanceof FeatureMap m && (m.flat() || (m.shape().height() == 1 && m.shape().width() == 1))) {
            return m;
        }
        throw fail(node, "reads '" + node.getInput(0) + "', which is not a flattened feature map (a fully connected"
                + " layer reads a Flatten or Reshape of a map)");
    }
}
