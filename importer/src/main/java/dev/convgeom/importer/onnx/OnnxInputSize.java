package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.proto.OnnxProto.GraphProto;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.proto.OnnxProto.TensorProto;
import dev.convgeom.importer.proto.OnnxProto.TensorShapeProto;
import dev.convgeom.importer.proto.OnnxProto.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The input size an ONNX file states, when it states one: torch.onnx writes numbers for the
 * height and width unless the export names them in {@code dynamic_axes}. Such a file also holds
 * as constants the sizes torch computed from that input (the target size of
 * {@code F.interpolate(size=...)}, a flattening's length), so another {@code --input} declares
 * the same nodes with those constants unchanged, not the model exported at that size.
 */
public final class OnnxInputSize {

    private OnnxInputSize() {
    }

    /**
     * The channels, height and width of the model's one image input when all three are numbers in
     * the file; null when one is symbolic, or the graph does not have exactly one 4-D image input
     * (the importer then refuses it with its own message).
     */
    public static Shape fixed(ModelProto model) {
        GraphProto graph = model.getGraph();
        Set<String> weights = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            weights.add(t.getName());
        }
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(v -> !weights.contains(v.getName()))
                .toList();
        if (inputs.size() != 1) {
            return null;
        }
        List<TensorShapeProto.Dimension> dims = inputs.get(0).getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4) {
            return null;
        }
        int[] chw = new int[3];
        for (int i = 0; i < 3; i++) {
            TensorShapeProto.Dimension d = dims.get(i + 1);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > Integer.MAX_VALUE) {
                return null;
            }
            chw[i] = (int) d.getDimValue();
        }
        return new Shape(chw[0], chw[1], chw[2]);
    }
}
