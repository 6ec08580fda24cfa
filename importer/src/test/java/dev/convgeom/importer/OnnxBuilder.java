package dev.convgeom.importer;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.GraphProto;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import dev.convgeom.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.convgeom.importer.proto.OnnxProto.TensorProto;
import dev.convgeom.importer.proto.OnnxProto.TensorShapeProto;
import dev.convgeom.importer.proto.OnnxProto.TypeProto;
import dev.convgeom.importer.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ONNX models in Java with the generated protobuf classes, for the importer's tests
 * and for ONNX Runtime. Every weight is positive and every bias zero, so that on an all-zero image
 * with one pixel set to 1 a unit is non-zero exactly when some path of positive weights links it
 * to that pixel: a max pooling passes it on (the max of zeros and a positive value is positive),
 * an average does, a ReLU does, a sum and a concatenation do. The weights are {@code 1 / fan-in},
 * so values stay near 1 rather than growing with depth.
 */
final class OnnxBuilder {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final List<String> featureMaps = new ArrayList<>();
    /** Feature maps written as further outputs of a node (a Split's), by tensor name. */
    private final List<String> extraMaps = new ArrayList<>();
    private final int opset;
    private int counter;

    /** A graph reading {@code input} of {@code channels x height x width} (a negative size: symbolic). */
    OnnxBuilder(int opset, String input, int channels, int height, int width) {
        this.opset = opset;
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(dim(channels, "channels"))
                .addDim(dim(height, "height"))
                .addDim(dim(width, "width"));
        graph.addInput(ValueInfoProto.newBuilder().setName(input).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))));
    }

    private static TensorShapeProto.Dimension dim(int value, String symbol) {
        return value > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(value).build()
                : TensorShapeProto.Dimension.newBuilder().setDimParam(symbol).build();
    }

    /** Every 4-D tensor written so far, by node, for the tests that compare shapes. */
    List<String> featureMaps() {
        return featureMaps;
    }

    String weight(String name, float value, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        if (value != 0f) {
            for (long i = 0; i < n; i++) {
                b.putFloat(value);
            }
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(UnsafeByteOperations.unsafeWrap(b.array()));   // no copy: VGG-16's fc6 is 411 MB
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    String intTensor(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar (no dimensions) of type int64, as a Gather of one index takes it. */
    String intScalar(String name, long value) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(7).addInt64Data(value));
        return name;
    }

    String floatTensor(String name, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).addDims(values.length);
        for (float v : values) {
            t.addFloatData(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node writing one output named like the node; returns the output's name. */
    String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String output = name + "_out";
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    /** A node writing a feature map, remembered for the shape comparison. */
    String map(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String out = node(op, name, inputs, attributes);
        featureMaps.add(name);
        return out;
    }

    /**
     * A Split of {@code x} along the channels into parts of {@code sizes} (opset 13: the sizes as
     * an input), each output a feature map named {@code name_k}; returns the outputs' names.
     */
    List<String> split(String name, String x, long... sizes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Split").setName(name)
                .addInput(x).addInput(intTensor(name + "_sizes", sizes)).addAttribute(integer("axis", 1));
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            outputs.add(name + "_" + k);
            n.addOutput(name + "_" + k);
        }
        graph.addNode(n);
        extraMaps.addAll(outputs);
        return outputs;
    }

    /**
     * An opset-18 Split of {@code x} along the channels by {@code num_outputs} (no sizes: parts of
     * {@code ceil(C / n)}, the last smaller), each output a feature map named {@code name_k}.
     */
    List<String> splitInto(String name, String x, int parts) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Split").setName(name).addInput(x)
                .addAttribute(integer("axis", 1)).addAttribute(integer("num_outputs", parts));
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            outputs.add(name + "_" + k);
            n.addOutput(name + "_" + k);
        }
        graph.addNode(n);
        extraMaps.addAll(outputs);
        return outputs;
    }

    /**
     * A channel shuffle as torch.onnx writes it: Reshape to {@code 1 x groups x C/groups x H x W},
     * Transpose perm (0, 2, 1, 3, 4), Reshape back ({@code 1 x -1 x H x W}); the last node is
     * {@code name}.
     */
    String shuffle(String name, String x, int channels, int groups, int height, int width) {
        String grouped = node("Reshape", name + "_group", List.of(x, intTensor(name + "_groups", 1, groups,
                channels / groups, height, width)));
        String swapped = node("Transpose", name + "_swap", List.of(grouped), ints("perm", 0, 2, 1, 3, 4));
        return map("Reshape", name, List.of(swapped, intTensor(name + "_back", 1, -1, height, width)));
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floating(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A convolution with {@code 1 / fan-in} weights and zero bias; extra attributes as given. */
    String conv(String name, String x, int in, int out, int kh, int kw, int groups, AttributeProto... attributes) {
        String w = weight(name + "_W", 1f / ((in / groups) * kh * kw), out, in / groups, kh, kw);
        String b = weight(name + "_B", 0f, out);
        List<AttributeProto> all = new ArrayList<>(List.of(attributes));
        all.add(integer("group", groups));
        return map("Conv", name, List.of(x, w, b), all.toArray(AttributeProto[]::new));
    }

    /** A convolution with {@code 1 / fan-in} weights and every bias {@code bias}. */
    String convWithBias(String name, String x, int in, int out, int k, float bias, AttributeProto... attributes) {
        String w = weight(name + "_W", 1f / (in * k * k), out, in, k, k);
        String b = weight(name + "_B", bias, out);
        return map("Conv", name, List.of(x, w, b), attributes);
    }

    /**
     * A convolution whose output channel {@code o} has every weight {@code (o + 1) / fan-in} and zero
     * bias: channels in proportion 1 : 2 : ..., so that a normalisation over the channels leaves a
     * lit unit non-zero (equal channels would all normalise to zero).
     */
    String rampConv(String name, String x, int in, int out, int k, AttributeProto... attributes) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name + "_W").setDataType(1)
                .addDims(out).addDims(in).addDims(k).addDims(k);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in * k * k; i++) {
                t.addFloatData((o + 1f) / (in * k * k));
            }
        }
        graph.addInitializer(t);
        return map("Conv", name, List.of(x, name + "_W", weight(name + "_B", 0f, out)), attributes);
    }

    String convTranspose(String name, String x, int in, int out, int k, AttributeProto... attributes) {
        String w = weight(name + "_W", 1f / (k * k), in, out, k, k);
        return map("ConvTranspose", name, List.of(x, w), attributes);
    }

    String maxPool(String name, String x, AttributeProto... attributes) {
        return map("MaxPool", name, List.of(x), attributes);
    }

    String avgPool(String name, String x, AttributeProto... attributes) {
        return map("AveragePool", name, List.of(x), attributes);
    }

    String unary(String op, String name, String x, AttributeProto... attributes) {
        return map(op, name, List.of(x), attributes);
    }

    String merge(String op, String name, String... inputs) {
        return op.equals("Concat") ? map(op, name, List.of(inputs), integer("axis", 1)) : map(op, name, List.of(inputs));
    }

    /** Flatten and a fully connected Gemm (positive weights); the output is not a feature map. */
    String gemm(String name, String flat, int inputs, int outputs) {
        String w = weight(name + "_W", 1f / inputs, outputs, inputs);
        String b = weight(name + "_B", 0f, outputs);
        return node("Gemm", name, List.of(flat, w, b), integer("transB", 1));
    }

    /** The model, with every remembered feature map and {@code output} as graph outputs. */
    ModelProto build(String output) {
        GraphProto.Builder g = graph.clone();
        List<String> outputs = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            if (featureMaps.contains(n.getName())) {
                outputs.add(n.getOutput(0));
            }
        }
        outputs.addAll(extraMaps);
        if (!outputs.contains(output)) {
            outputs.add(output);
        }
        for (String o : outputs) {
            g.addOutput(ValueInfoProto.newBuilder().setName(o).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("convgeom-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(g).build();
    }

    /** A fresh node name. */
    String fresh(String prefix) {
        return prefix + (counter++);
    }
}
