package dev.convgeom.importer.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.convgeom.Pad;
import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.GraphProto;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import dev.convgeom.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.convgeom.importer.proto.OnnxProto.TensorProto;
import dev.convgeom.importer.proto.OnnxProto.TensorShapeProto;
import dev.convgeom.importer.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an ONNX model into an {@link ImportedNetwork} by the operator specification, opsets 7 to
 * 17 of the default domain (and opset 18's Split, Pad and ReduceMean forms). The file is memory-mapped and parsed with aliasing, so weights stay
 * in the mapping rather than being copied onto the heap; only the weights' dimensions are read,
 * and external data files are never opened.
 *
 * <p>Every tensor the graph computes is followed: a feature map (N x C x H x W, of the layer that
 * wrote it), a flattened map (N x CHW, ahead of a fully connected layer), or a constant (weights,
 * and shape arithmetic, evaluated exactly at the fixed input size); and, between the nodes of one
 * pattern, a map in channels-last layout, a statistic over the channels, a map grouped for a
 * channel shuffle or a group normalisation, or one channel picked by a Gather. A node reading any
 * of these in another way than its pattern's is refused, naming the node.
 */
public final class OnnxImporter {

    /** Operators that leave the geometry alone, with the annotation they become. */
    private static final Map<String, LayerKind> NEUTRAL = Map.ofEntries(
            Map.entry("Relu", LayerKind.RELU), Map.entry("Sigmoid", LayerKind.SIGMOID),
            Map.entry("Tanh", LayerKind.TANH), Map.entry("BatchNormalization", LayerKind.BATCH_NORM),
            Map.entry("Dropout", LayerKind.DROPOUT), Map.entry("LRN", LayerKind.LRN));

    /** Unit-by-unit operators declared as {@code @Pointwise("op")}. */
    private static final Set<String> POINTWISE = Set.of("LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "HardSigmoid",
            "HardSwish", "Clip", "Gelu", "Mish", "Softplus", "Softsign", "Erf", "Exp", "Log", "Abs", "Neg", "Sqrt",
            "Reciprocal", "Identity", "ThresholdedRelu", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign", "Cast");

    /** Element-wise operators of two tensors. */
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Mean",
            "Pow");

    /** A tensor the graph computes. */
    private sealed interface Value permits FeatureMap, Known, ChannelsLast, Grouped, ChannelStat, GroupsFlat,
            Picked, Blocks {
    }

    /**
     * A feature map written by layer {@code layer} (-1: the input), or the same map flattened to
     * {@code N x CHW} ({@code flat}), which only a fully connected layer or a unit-by-unit one reads.
     */
    private record FeatureMap(int layer, Shape shape, boolean flat) implements Value {
    }

    /** A constant. */
    private record Known(Constant constant) implements Value {
    }

    /**
     * A feature map transposed to {@code N x H x W x C} (ConvNeXt's LayerNorm2d and blocks):
     * {@code map} is the layer that wrote it, its shape still C x H x W. Only what keeps each unit
     * at its row and column may read it (unit-by-unit operators, constants along the channels,
     * merges in the same layout, statistics and MatMuls over the channels, the Transpose back):
     * {@link #followsChannelsLast}.
     */
    private record ChannelsLast(FeatureMap map) implements Value {
    }

    /**
     * A statistic over the channels of each unit of {@code map} ({@code ReduceMean} over the channel
     * axis, keeping it as one channel), in channels-last layout when {@code last}, or a unit-by-unit
     * function of one: each of its units reads exactly the units of {@code map} at its row and
     * column, so where it is broadcast back over the channels of a map of the same rows and columns
     * it adds {@code map} to what that map's units read, nothing else.
     */
    private record ChannelStat(FeatureMap map, boolean last) implements Value {
    }

    /**
     * A feature map reshaped to {@code N x groups x (C/groups * H * W)}, the first step of a group
     * normalisation as exported before opset 18 ({@code reshape} is that node): an
     * InstanceNormalization of it has statistics over whole groups of channels, each over all rows
     * and columns; the Reshape back to {@code N x C x H x W} makes it a map again.
     */
    private record GroupsFlat(FeatureMap map, int groups, NodeProto reshape) implements Value {
    }

    /**
     * One channel picked by a {@code Gather} with a scalar index, {@code N x H x W} (its channel axis
     * gone): {@code map} is its {@code @Channels} layer; an {@code Unsqueeze} of axis 1 makes it a map.
     */
    private record Picked(FeatureMap map) implements Value {
    }

    /**
     * A feature map reshaped to {@code N x groups x C/groups x H x W}, the first step of a channel
     * shuffle; {@code swapped} once a {@code Transpose} has exchanged the two channel axes
     * ({@code reshape} and {@code transpose} are those nodes). Only the reshape back to {@code N x C x H x W} makes it a
     * map again, as a {@code @ChannelShuffle}.
     */
    private record Grouped(FeatureMap map, int groups, boolean swapped, NodeProto reshape, NodeProto transpose)
            implements Value {
    }

    /**
     * A feature map reshaped to the six axes of a pixel unshuffle or shuffle by {@code r}
     * ({@link PixelShuffles#blocks}), {@code transposed} once the Transpose between its Reshapes
     * has run; only the Reshape back to four axes makes it a map again, as one layer.
     */
    private record Blocks(FeatureMap map, int r, boolean shuffle, boolean transposed, NodeProto reshape,
                          NodeProto transpose) implements Value {
    }

    private final List<ImportedLayer> layers = new ArrayList<>();
    private final Map<String, Value> values = new HashMap<>();
    private int opset;

    private OnnxImporter() {
    }

    /**
     * Imports the ONNX model at {@code file}.
     *
     * @param input    the input size to declare instead of the model's, or null
     * @param progress receives a line at each stage
     * @throws ImportException if the file does not parse or a node cannot be declared exactly
     */
    public static ImportedNetwork read(Path file, Shape input, Consumer<String> progress) throws ImportException {
        long start = System.nanoTime();
        ModelProto model = parseMapped(file, progress);
        progress.accept(String.format("parsed in %.2f s: %d nodes", (System.nanoTime() - start) / 1e9,
                model.getGraph().getNodeCount()));
        return read(model, file.getFileName().toString(), input, progress);
    }

    /**
     * Parses {@code file} memory-mapped: the mapping is decoded in place and every weight's
     * {@code raw_data} stays a slice of it, so the heap holds the graph's structure only.
     *
     * @throws ImportException if the file cannot be read or is not an ONNX model
     */
    public static ModelProto parseMapped(Path file, Consumer<String> progress) throws ImportException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ImportException(file.getFileName() + " is " + size / (1 << 20) + " MB; protobuf files"
                        + " stop at 2 GB, so a larger ONNX model keeps its weights as external data");
            }
            progress.accept("reading " + file.getFileName() + " (" + size / (1 << 20) + " MB, memory-mapped)");
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            // Wrapped as an immutable ByteString, the mapping is decoded in place (the public
            // CodedInputStream.newInstance(ByteBuffer) treats it as mutable and copies every bytes
            // field); with aliasing, each weight's raw_data is then a slice of the mapping.
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(buffer).newCodedInput();
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            return ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file.getFileName() + " as ONNX: " + e.getMessage(), e);
        }
    }

    /** Imports a parsed model; {@code fileName} only names it in the description. */
    public static ImportedNetwork read(ModelProto model, String fileName, Shape input, Consumer<String> progress)
            throws ImportException {
        return new OnnxImporter().run(model, fileName, input, progress);
    }

    private ImportedNetwork run(ModelProto model, String fileName, Shape override, Consumer<String> progress)
            throws ImportException {
        opset = 0;
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = (int) id.getVersion();
            }
        }
        if (opset == 0) {
            throw new ImportException(fileName + " imports no version of the default ONNX operator set");
        }
        GraphProto graph = model.getGraph();
        Set<String> weights = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), new Known(Constant.of(t)));
            weights.add(t.getName());
        }
        Shape input = input(graph, weights, override);
        int count = graph.getNodeCount();
        int step = Math.max(1, count / 4);
        for (int i = 0; i < count; i++) {
            try {
                node(graph.getNode(i));
            } catch (ImportException e) {
                throw e.reaching(new ImportedNetwork(fileName, input, layers));   // for InputSizeSearch
            }
            if (count >= 200 && (i + 1) % step == 0 && i + 1 < count) {
                progress.accept("node " + (i + 1) + " of " + count);
            }
        }
        if (layers.isEmpty()) {
            throw new ImportException(fileName + " has no layer that reads its input");
        }
        String producer = model.getProducerName().isEmpty() ? ""
                : ", exported by " + model.getProducerName() + " " + model.getProducerVersion();
        List<Integer> returned = new ArrayList<>();
        boolean complete = true;
        for (ValueInfoProto output : graph.getOutputList()) {
            if (!(values.get(output.getName()) instanceof FeatureMap m && m.layer() >= 0)) {
                complete = false;
            } else if (!returned.contains(m.layer())) {
                returned.add(m.layer());
            }
        }
        return new ImportedNetwork("ONNX model " + fileName + " (opset " + opset + producer + ")", input, layers,
                GraphOutputs.declared(returned, complete, layers));
    }

    /** The one image input: graph inputs that are not initializers (old exports list weights too). */
    private Shape input(GraphProto graph, Set<String> weights, Shape override) throws ImportException {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!weights.contains(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new ImportException("the graph has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList()
                    + "; convgeom declares networks with one image input");
        }
        ValueInfoProto v = inputs.get(0);
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4) {
            throw new ImportException("input '" + v.getName() + "' has " + dims.size()
                    + " dimensions; expected N x C x H x W");
        }
        int[] chw = new int[3];
        String[] names = {"channels", "height", "width"};
        for (int i = 0; i < 3; i++) {
            TensorShapeProto.Dimension d = dims.get(i + 1);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                chw[i] = Math.toIntExact(d.getDimValue());
            } else if (override == null) {
                String symbol = d.hasDimParam() ? "'" + d.getDimParam() + "'" : "not given";
                throw new ImportException("input '" + v.getName() + "': its " + names[i] + " is symbolic ("
                        + symbol + "); give the size to declare with --input CxHxW, e.g. --input 3x224x224");
            } else {
                chw[i] = -1;
            }
        }
        // A symbolic dimension is -1 here, which no Shape takes: the override replaces the file's shape.
        Shape shape;
        if (override != null) {
            if (chw[0] > 0 && chw[0] != override.channels()) {
                throw new ImportException("--input gives " + override.channels() + " channels, input '"
                        + v.getName() + "' has " + chw[0]);
            }
            shape = override;
        } else {
            shape = new Shape(chw[0], chw[1], chw[2]);
        }
        values.put(v.getName(), new FeatureMap(-1, shape, false));
        return shape;
    }

    // ---------------------------------------------------------------- dispatch

    private void node(NodeProto node) throws ImportException {
        if (!(node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx"))) {
            throw fail(node, "operator of domain '" + node.getDomain() + "', unknown to convgeom-import");
        }
        String op = node.getOpType();
        if (op.equals("Constant")) {
            constantNode(node);
            return;
        }
        if (allKnown(node)) {
            fold(node);
            return;
        }
        if (readsChannelsLast(node) && op.equals("Reshape") && value(node, 0) instanceof ChannelsLast c) {
            throw fail(node, SpatialReshape.refusal(c.map().shape(), knownLongs(node, 1, "the target shape"), true));
        }
        if (readsChannelsLast(node) && !followsChannelsLast(op)) {
            throw fail(node, "reads a map in channels-last layout (after a Transpose to N x H x W x C), where " + op
                    + " would work along the rows or columns; convgeom follows that layout only through unit-by-unit"
                    + " operators, arithmetic with constants along the channels, merges of maps in the same layout,"
                    + " LayerNormalization or ReduceMean over the channels (the last axis), MatMul by a weight on the"
                    + " channels (a 1x1 @Conv), a Pad of the rows and columns and the Transpose back (perm (0, 3, 1, 2))");
        }
        if (op.equals("Expand") && value(node, 0) instanceof ChannelStat st && !st.last()
                && ChannelBroadcast.keepsRowsAndColumns(knownLongs(node, 1, "the shape"), st.map().shape())) {
            values.put(node.getOutput(0), st);
            return;
        }
        if (reads(node, ChannelStat.class) && !(ELEMENTWISE.contains(op) || POINTWISE.contains(op)
                || NEUTRAL.containsKey(op) && !op.equals("BatchNormalization") && !op.equals("LRN"))) {
            throw fail(node, "reads a statistic over the channels (a ReduceMean of the channel axis); convgeom"
                    + " follows one only through unit-by-unit operators and into an element-wise merge with a map of"
                    + " the same rows and columns, over whose channels it is broadcast");
        }
        switch (op) {
            case "Conv" -> conv(node);
            case "ConvTranspose" -> convTranspose(node);
            case "MaxPool", "AveragePool" -> pool(node);
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                FeatureMap x = map(node, 0);
                out(node, 0, add(ImportedLayer.globalPool(node.getName(), op, x.layer(), x.shape().channels(),
                        op.equals("GlobalMaxPool") ? "global max pooling: reads the whole map, as the average does"
                                : "")), new Shape(x.shape().channels(), 1, 1), false);
            }
            case "Flatten" -> flatten(node);
            case "Reshape" -> reshape(node);
            case "Squeeze" -> squeeze(node);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Concat" -> concat(node);
            case "Pad" -> pad(node);
            case "Resize", "Upsample" -> resize(node);
            case "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceL2" -> reduce(node);
            case "Softmax", "LogSoftmax" -> softmax(node);
            case "Split" -> split(node);
            case "Slice" -> slice(node);
            case "Gather" -> gather(node);
            case "Unsqueeze" -> unsqueeze(node);
            case "Transpose" -> transpose(node);
            case "DepthToSpace", "SpaceToDepth" -> pixelShuffle(node);
            case "InstanceNormalization", "LayerNormalization", "GroupNormalization", "MeanVarianceNormalization" ->
                    normalization(node);
            default -> {
                if (ELEMENTWISE.contains(op)) {
                    elementwise(node);
                } else if (NEUTRAL.containsKey(op) || POINTWISE.contains(op)) {
                    pointwise(node);
                } else {
                    String reason = RefusedOperators.reason(op);
                    throw fail(node, reason != null ? reason + "; refused rather than approximated"
                            : "operator unknown to convgeom-import (no exact declaration known)");
                }
            }
        }
    }

    private boolean readsChannelsLast(NodeProto node) {
        for (int i = 0; i < node.getInputCount(); i++) {
            Value v = node.getInput(i).isEmpty() ? null : values.get(node.getInput(i));
            if (v instanceof ChannelsLast || v instanceof ChannelStat s && s.last()) {
                return true;
            }
        }
        return false;
    }

    private boolean reads(NodeProto node, Class<? extends Value> kind) {
        for (int i = 0; i < node.getInputCount(); i++) {
            if (!node.getInput(i).isEmpty() && kind.isInstance(values.get(node.getInput(i)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Operators that work unit by unit on a channels-last map, or along its last axis (the
     * channels) only. BatchNormalization and LRN work along axis 1, there the rows: not these.
     */
    private static boolean followsChannelsLast(String op) {
        return ELEMENTWISE.contains(op) || POINTWISE.contains(op)
                || NEUTRAL.containsKey(op) && !op.equals("BatchNormalization") && !op.equals("LRN")
                || Set.of("Transpose", "Pad", "LayerNormalization", "MatMul", "ReduceMean", "ReduceMax", "ReduceMin",
                "ReduceSum", "ReduceL2").contains(op);
    }

    /**
     * A Gather of a feature map on axis 1 with constant indices picks channels: one index (a scalar,
     * which drops the axis until an {@code Unsqueeze} restores it, as torchvision's
     * {@code transform_input} writes {@code x[:, 0]}) or a run of consecutive ones is a
     * {@code @Channels} layer. Other axes pick rows or columns; computed indices pick by value.
     */
    private void gather(NodeProto node) throws ImportException {
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
    private void unsqueeze(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        long[] axes = opset >= 13 && node.getInputCount() > 1 ? knownLongs(node, 1, "axes") : ints(node, "axes");
        if (v instanceof Picked p && axes.length == 1 && (axes[0] == 1 || axes[0] == -3)) {
            values.put(node.getOutput(0), p.map());
            return;
        }
        throw fail(node, "an Unsqueeze of axes " + Arrays.toString(axes) + " of a feature map adds an axis; only"
                + " restoring the channel axis (1) of one channel picked by a Gather is declared");
    }

    private static ImportException fail(NodeProto node, String reason) {
        String name = node.getName().isEmpty() && node.getOutputCount() > 0 ? "" : node.getName();
        String who = name.isEmpty() && node.getOutputCount() > 0 ? " writing '" + node.getOutput(0) + "'" : "";
        return ImportException.at(name, node.getOpType() + who, reason);
    }

    /** The layer's name in the model: the node's, or its first output's when it has none. */
    private static String nameOf(NodeProto node) {
        return !node.getName().isEmpty() || node.getOutputCount() == 0 ? node.getName() : node.getOutput(0);
    }

    private int add(ImportedLayer layer) {
        layers.add(layer);
        return layers.size() - 1;
    }

    private void out(NodeProto node, int index, int layer, Shape shape, boolean flat) {
        values.put(node.getOutput(index), new FeatureMap(layer, shape, flat));
    }

    private Value value(NodeProto node, int index) throws ImportException {
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

    private FeatureMap map(NodeProto node, int index) throws ImportException {
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

    private Constant known(NodeProto node, int index, String what) throws ImportException {
        Value v = value(node, index);
        if (!(v instanceof Known k)) {
            throw fail(node, what + " ('" + (index < node.getInputCount() ? node.getInput(index) : "")
                    + "') must be a constant, known at import");
        }
        return k.constant();
    }

    private long[] knownLongs(NodeProto node, int index, String what) throws ImportException {
        long[] v = known(node, index, what).longs();
        if (v == null) {
            throw fail(node, what + " ('" + node.getInput(index) + "') is too large or stored externally");
        }
        return v;
    }

    // ---------------------------------------------------------------- attributes

    private static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static long[] ints(NodeProto node, String name, long... byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null || a.getIntsCount() == 0 ? byDefault
                : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static long integer(NodeProto node, String name, long byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null ? byDefault : a.getI();
    }

    private static String string(NodeProto node, String name, String byDefault) {
        AttributeProto a = attribute(node, name);
        return a == null ? byDefault : a.getS().toStringUtf8();
    }

    private static int toInt(NodeProto node, long value, String what) throws ImportException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fail(node, what + " " + value + " is out of range");
        }
        return (int) value;
    }

    // ---------------------------------------------------------------- windows

    /** Per-axis padding {top, left, bottom, right} resolved from {@code pads} or {@code auto_pad}. */
    private int[] pads(NodeProto node, Shape in, int[] k, int[] s, int[] d) throws ImportException {
        String auto = string(node, "auto_pad", "NOTSET");
        int[] n = {in.height(), in.width()};
        switch (auto) {
            case "NOTSET" -> {
                long[] p = ints(node, "pads", 0, 0, 0, 0);
                if (p.length != 4) {
                    throw fail(node, "pads has " + p.length + " values; a 2-D layer takes 4");
                }
                int[] result = new int[4];
                for (int i = 0; i < 4; i++) {
                    result[i] = toInt(node, p[i], "pad");
                    if (result[i] < 0) {
                        throw fail(node, "negative padding " + p[i] + " crops; not supported");
                    }
                }
                return result;
            }
            case "VALID" -> {
                return new int[4];
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] result = new int[4];
                for (int a = 0; a < 2; a++) {
                    long out = -Math.floorDiv(-n[a], s[a]);
                    long ke = (long) d[a] * (k[a] - 1) + 1;
                    long total = Math.max((out - 1) * s[a] + ke - n[a], 0);
                    long small = total / 2;
                    long before = auto.equals("SAME_UPPER") ? small : total - small;
                    result[a] = (int) before;
                    result[a + 2] = (int) (total - before);
                }
                return result;
            }
            default -> throw fail(node, "auto_pad '" + auto + "' is not an ONNX value");
        }
    }

    private int[] pair(NodeProto node, String name, int byDefault, long[] fallback) throws ImportException {
        long[] v = ints(node, name);
        if (v.length == 0) {
            v = fallback != null ? fallback : new long[] {byDefault, byDefault};
        }
        if (v.length != 2) {
            throw fail(node, name + " has " + v.length + " values; convgeom imports 2-D layers (N x C x H x W)");
        }
        int[] result = {toInt(node, v[0], name), toInt(node, v[1], name)};
        if (result[0] < 1 || result[1] < 1) {
            throw fail(node, name + " " + Arrays.toString(v) + " must be positive");
        }
        return result;
    }

    /** {@code floor((n + pb + pa - ke) / s) + 1}, or the rounded-up count when {@code ceil}. */
    private static long windows(long n, int pb, int pa, long ke, int s, boolean ceil) {
        long span = n + pb + pa - ke;
        if (span < 0) {
            return 0;
        }
        if (!ceil) {
            return Math.floorDiv(span, s) + 1;
        }
        long out = -Math.floorDiv(-span, s) + 1;
        // ONNX Runtime (like PyTorch) drops a last window that would start in the trailing padding.
        return (out - 1) * s >= n + pb ? out - 1 : out;
    }

    private void conv(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        long[] w = known(node, 1, "the weight W").dims();
        if (w.length != 4) {
            throw fail(node, "weight of " + w.length + " dimensions; convgeom imports 2-D convolutions");
        }
        int groups = toInt(node, integer(node, "group", 1), "group");
        int c = x.shape().channels();
        if (groups < 1 || c % groups != 0 || w[1] * groups != c) {
            throw fail(node, "the weight " + Arrays.toString(w) + " with group " + groups + " does not take " + c
                    + " input channels");
        }
        int out = toInt(node, w[0], "output channels");
        int[] k = pair(node, "kernel_shape", 0, new long[] {w[2], w[3]});
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        int[] p = pads(node, x.shape(), k, s, d);
        windowLayer(node, x, LayerKind.CONV, k, s, d, p, false, c, out, groups);
    }

    private void pool(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            throw fail(node, "the Indices output is not a feature map; not supported");
        }
        long[] kernel = ints(node, "kernel_shape");
        if (kernel.length == 0) {
            throw fail(node, "no kernel_shape");
        }
        int[] k = pair(node, "kernel_shape", 0, null);
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        boolean ceil = integer(node, "ceil_mode", 0) != 0;
        int[] p = pads(node, x.shape(), k, s, d);
        LayerKind kind = node.getOpType().equals("MaxPool") ? LayerKind.MAX_POOL : LayerKind.AVG_POOL;
        windowLayer(node, x, kind, k, s, d, p, ceil, x.shape().channels(), x.shape().channels(), 1);
    }

    /**
     * A convolution or pooling layer. SAME_UPPER padding is declared as {@code Padding.SAME}
     * (recomputed at every size, as the model does); symmetric padding as {@code p}; anything else
     * (asymmetric, SAME_LOWER, or pooling padding beyond half the window, which {@code @MaxPool}
     * refuses) moves into a {@code @Pad} layer before an unpadded window: the same units, the same
     * fields and centres (checked afterwards against the model's output size).
     */
    private void windowLayer(NodeProto node, FeatureMap x, LayerKind kind, int[] k, int[] s, int[] d, int[] p,
                             boolean ceil, int in, int out, int groups) throws ImportException {
        Shape shape = x.shape();
        long h = windows(shape.height(), p[0], p[2], (long) d[0] * (k[0] - 1) + 1, s[0], ceil);
        long w = windows(shape.width(), p[1], p[3], (long) d[1] * (k[1] - 1) + 1, s[1], ceil);
        if (h < 1 || w < 1) {
            throw fail(node, "the " + k[0] + "x" + k[1] + " window (dilation " + d[0] + "x" + d[1] + ", pads "
                    + Arrays.toString(p) + ") does not fit its " + shape.height() + "x" + shape.width() + " input");
        }
        Shape output = new Shape(out, (int) h, (int) w);
        String auto = string(node, "auto_pad", "NOTSET");
        boolean pool = kind != LayerKind.CONV;
        boolean symmetric = p[0] == p[2] && p[1] == p[3];
        // @MaxPool and @AvgPool take padding up to half the window's span (dilated kernel).
        boolean poolPadFits = !pool || (2L * p[0] <= (long) d[0] * (k[0] - 1) + 1
                && 2L * p[1] <= (long) d[1] * (k[1] - 1) + 1);
        boolean same = auto.equals("SAME_UPPER");
        int source = x.layer();
        AxisWindow ay = new AxisWindow(k[0], s[0], d[0], p[0], p[2]);
        AxisWindow ax = new AxisWindow(k[1], s[1], d[1], p[1], p[3]);
        if (!same && !(symmetric && poolPadFits)) {
            Shape padded = new Shape(shape.channels(), shape.height() + p[0] + p[2], shape.width() + p[1] + p[3]);
            source = add(ImportedLayer.pad(nameOf(node) + "/pad", node.getOpType(), x.layer(), p[0], p[2], p[1], p[3],
                    padded, "the padding of the next layer (pads " + Arrays.toString(p) + (auto.equals("NOTSET")
                            ? "" : ", " + auto) + "), declared on its own: its windows then read the same units"));
            ay = ay.unpadded();
            ax = ax.unpadded();
        }
        ImportedLayer layer = kind == LayerKind.CONV
                ? ImportedLayer.conv(nameOf(node), node.getOpType(), source, in, out, groups, ay, ax, same, output)
                : ImportedLayer.pool(nameOf(node), node.getOpType(), kind == LayerKind.MAX_POOL, source, ay, ax, ceil,
                        same, output);
        out(node, 0, add(layer), output, false);
    }

    private void convTranspose(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        long[] w = known(node, 1, "the weight W").dims();
        if (w.length != 4) {
            throw fail(node, "weight of " + w.length + " dimensions; convgeom imports 2-D layers");
        }
        int groups = toInt(node, integer(node, "group", 1), "group");
        int c = x.shape().channels();
        if (w[0] != c || groups < 1 || c % groups != 0) {
            throw fail(node, "the weight " + Arrays.toString(w) + " with group " + groups + " does not take " + c
                    + " input channels");
        }
        int out = toInt(node, w[1] * groups, "output channels");
        int[] k = pair(node, "kernel_shape", 0, new long[] {w[2], w[3]});
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        if ((d[0] > 1 && s[0] > 1) || (d[1] > 1 && s[1] > 1)) {
            throw fail(node, "dilations " + d[0] + "x" + d[1] + " with strides " + s[0] + "x" + s[1] + ": its output"
                    + " units read their inputs out of order, which convgeom's @Deconv cannot state (it takes a"
                    + " dilation only along axes of stride 1)");
        }
        long[] ke = {(long) d[0] * (k[0] - 1) + 1, (long) d[1] * (k[1] - 1) + 1};
        long[] opad = ints(node, "output_padding", 0, 0);
        String auto = string(node, "auto_pad", "NOTSET");
        int[] n = {x.shape().height(), x.shape().width()};
        int[] pb = new int[2];
        int[] pa = new int[2];
        long[] outputShape = ints(node, "output_shape");
        if (outputShape.length > 0) {
            long[] target = outputShape.length == 4 ? Arrays.copyOfRange(outputShape, 2, 4) : outputShape;
            for (int a = 0; a < 2; a++) {
                long total = (long) s[a] * (n[a] - 1) + opad[a] + ke[a] - target[a];
                if (total < 0) {
                    throw fail(node, "output_shape " + Arrays.toString(outputShape) + " is larger than the layer"
                            + " can produce");
                }
                pb[a] = (int) (auto.equals("SAME_UPPER") ? total / 2 : total - total / 2);
                pa[a] = (int) (total - pb[a]);
            }
        } else if (auto.equals("NOTSET") || auto.equals("VALID")) {
            long[] p = auto.equals("VALID") ? new long[4] : ints(node, "pads", 0, 0, 0, 0);
            for (int a = 0; a < 2; a++) {
                pb[a] = toInt(node, p[a], "pad");
                pa[a] = toInt(node, p[a + 2], "pad");
            }
        } else if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
            // The operator's rule: output n * s; the padding that takes, split evenly, the odd unit
            // at the end for SAME_UPPER and at the start for SAME_LOWER.
            for (int a = 0; a < 2; a++) {
                long total = (long) s[a] * (n[a] - 1) + opad[a] + ke[a] - (long) n[a] * s[a];
                if (total < 0) {
                    throw fail(node, "auto_pad " + auto + " would add " + -total + " unit(s) beyond the full output"
                            + " (stride " + s[a] + ", kernel " + k[a] + "); convgeom's @Deconv only removes padding");
                }
                long small = total / 2;
                pb[a] = (int) (auto.equals("SAME_UPPER") ? small : total - small);
                pa[a] = (int) (total - pb[a]);
            }
        } else {
            throw fail(node, "auto_pad '" + auto + "' is not an ONNX value");
        }
        // Which inputs an output unit reads depends on the padding before only; the padding after
        // and the output padding only set where the map ends: net, end[a] units removed there.
        // One outputPadding serves both axes: the model's own where both axes have the same, else
        // the smallest that leaves no negative padding after.
        long[] end = new long[2];
        long outputPadding = opad[0] == opad[1] ? opad[0] : 0;
        for (int a = 0; a < 2; a++) {
            if (pb[a] < 0 || pa[a] < 0) {
                throw fail(node, "negative padding (" + pb[a] + " before, " + pa[a] + " after) adds units;"
                        + " convgeom's @Deconv only removes padding");
            }
            end[a] = pa[a] - opad[a];
        }
        if (opad[0] != opad[1]) {
            outputPadding = Math.max(0, Math.max(-end[0], -end[1]));
        }
        int[] after = {toInt(node, end[0] + outputPadding, "pad"), toInt(node, end[1] + outputPadding, "pad")};
        if (outputPadding >= Math.min(s[0], s[1])) {
            throw fail(node, "adds " + -end[0] + " unit(s) after the last row and " + -end[1] + " after the last"
                    + " column; convgeom's @Deconv has one outputPadding for both axes, less than the stride");
        }
        if (k[0] < s[0] || k[1] < s[1]) {
            throw fail(node, "kernel " + k[0] + "x" + k[1] + " smaller than its stride " + s[0] + "x" + s[1]
                    + " leaves output units that read no input; convgeom's @Deconv refuses that");
        }
        // The ONNX operator's output size: s * (n - 1) + output_padding + ke - pads, ke the dilated kernel.
        Shape output = new Shape(out, toInt(node, (long) s[0] * (n[0] - 1) + opad[0] + ke[0] - pb[0] - pa[0], "height"),
                toInt(node, (long) s[1] * (n[1] - 1) + opad[1] + ke[1] - pb[1] - pa[1], "width"));
        AxisWindow ay = new AxisWindow(k[0], s[0], d[0], pb[0], after[0]);
        AxisWindow ax = new AxisWindow(k[1], s[1], d[1], pb[1], after[1]);
        out(node, 0, add(ImportedLayer.deconv(nameOf(node), node.getOpType(), x.layer(), c, out, groups, ay, ax,
                (int) outputPadding, output)), output, false);
    }

    // ---------------------------------------------------------------- fully connected

    private void flatten(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "flattens a constant; not supported");
        }
        if (integer(node, "axis", 1) != 1) {
            throw fail(node, "axis " + integer(node, "axis", 1) + ": only Flatten(axis = 1) ahead of a fully"
                    + " connected layer is supported");
        }
        values.put(node.getOutput(0), new FeatureMap(m.layer(), m.shape(), true));
    }

    private void reshape(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (v instanceof Grouped g) {
            shuffleBack(node, g);
            return;
        }
        if (v instanceof GroupsFlat g) {
            groupsBack(node, g);
            return;
        }
        if (v instanceof Blocks b) {
            blocksBack(node, b);
            return;
        }
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "reshapes a constant; not supported");
        }
        long[] target = knownLongs(node, 1, "the target shape");
        Shape s = m.shape();
        long total = (long) s.channels() * s.height() * s.width();
        long[] dims = m.flat() ? new long[] {1, total} : new long[] {1, s.channels(), s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, total);
        if (!m.flat() && resolved.length == 3 && resolved[0] == 1 && resolved[1] >= 1
                && s.channels() % resolved[1] == 0 && resolved[1] * resolved[2] == total) {
            // N x G x (C/G * H * W): the first step of a group normalisation, if an InstanceNormalization follows.
            values.put(node.getOutput(0), new GroupsFlat(m, (int) resolved[1], node));
        } else if (!m.flat() && resolved.length == 5 && resolved[0] == 1 && resolved[1] >= 1
                && resolved[1] * resolved[2] == s.channels() && resolved[3] == s.height() && resolved[4] == s.width()) {
            // N x g x C/g x H x W: the first step of a channel shuffle, if a Transpose and a Reshape follow.
            values.put(node.getOutput(0), new Grouped(m, (int) resolved[1], false, node, null));
        } else if (!m.flat() && PixelShuffles.blocks(resolved, s) != 0) {
            // The first step of a pixel unshuffle (PyTorch's export) or shuffle, if a Transpose and a Reshape follow.
            int r = PixelShuffles.blocks(resolved, s);
            values.put(node.getOutput(0), new Blocks(m, Math.abs(r), r < 0, false, node, null));
        } else if (resolved.length == 2 && resolved[0] == 1 && resolved[1] == total) {
            values.put(node.getOutput(0), new FeatureMap(m.layer(), s, true));
        } else if (resolved.length == 4 && resolved[0] == 1 && resolved[1] == s.channels()
                && resolved[2] == s.height() && resolved[3] == s.width()) {
            values.put(node.getOutput(0), m);
        } else {
            throw fail(node, SpatialReshape.refusal(s, target, false));
        }
    }

    // ---------------------------------------------------------------- channels

    /**
     * The two Transposes of a feature map that convgeom declares: the middle of a channel shuffle
     * (a grouped map's two channel axes exchanged, perm {@code (0, 2, 1, 3, 4)}), and a layout change
     * around a normalisation over the channels ({@code [0, 2, 3, 1]} of a feature map, and
     * {@code [0, 3, 1, 2]} back). Any other Transpose reorders channels or axes.
     */
    private void transpose(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        long[] perm = ints(node, "perm");
        if (v instanceof GroupsFlat) {
            map(node, 0);   // refused there, saying what the Reshape did
        }
        if (v instanceof Grouped g && !g.swapped() && Arrays.equals(perm, new long[] {0, 2, 1, 3, 4})) {
            values.put(node.getOutput(0), new Grouped(g.map(), g.groups(), true, g.reshape(), node));
            return;
        }
        if (v instanceof Blocks b && !b.transposed() && PixelShuffles.transpose(b.shuffle(), perm)) {
            values.put(node.getOutput(0), new Blocks(b.map(), b.r(), b.shuffle(), true, b.reshape(), node));
            return;
        }
        if (v instanceof Blocks b && !b.transposed()) {
            throw fail(node, "reads '" + node.getInput(0) + "', which '" + nameOf(b.reshape()) + "' "
                    + SpatialReshape.what(b.map().shape(), knownLongs(b.reshape(), 1, "the target shape"), false)
                    + "; this Transpose (perm " + Arrays.toString(perm) + ") is not a pixel "
                    + (b.shuffle() ? "shuffle's" : "unshuffle's") + ", so past it the axes are no longer the rows and"
                    + " columns that convgeom's layers read and no field can be stated");
        }
        if (v instanceof FeatureMap m && !m.flat() && Arrays.equals(perm, new long[] {0, 2, 3, 1})) {
            values.put(node.getOutput(0), new ChannelsLast(m));
            return;
        }
        if (v instanceof ChannelsLast c && Arrays.equals(perm, new long[] {0, 3, 1, 2})) {
            values.put(node.getOutput(0), c.map());
            return;
        }
        throw fail(node, "a Transpose" + (perm == null ? "" : " with perm " + Arrays.toString(perm)) + " of "
                + (v instanceof Grouped ? "a grouped map" : "a feature map") + " reorders axes; the ones declared"
                + " are a channel shuffle's (Reshape to N x groups x C/groups x H x W, Transpose perm (0, 2, 1, 3, 4),"
                + " Reshape back to N x C x H x W: @ChannelShuffle) and a layout change around a normalisation over"
                + " the channels (perm (0, 2, 3, 1), then (0, 3, 1, 2) back)");
    }

    /**
     * A Reshape's target as ONNX resolves it: a 0 copies the input's dimension at that place, a -1
     * takes what the {@code total} elements leave for it.
     */
    static long[] reshapeTarget(long[] target, long[] dims, long total) {
        long[] resolved = new long[target.length];
        long product = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            resolved[i] = target[i] == 0 && i < dims.length ? dims[i] : target[i];
            if (resolved[i] == -1) {
                infer = i;
            } else {
                product *= resolved[i];
            }
        }
        if (infer >= 0) {
            resolved[infer] = total / Math.max(product, 1);
        }
        return resolved;
    }

    /** The Reshape back to N x C x H x W that ends a group normalisation: the map it normalised. */
    private void groupsBack(NodeProto node, GroupsFlat g) throws ImportException {
        Shape s = g.map().shape();
        long[] target = knownLongs(node, 1, "the target shape");
        long total = (long) s.channels() * s.height() * s.width();
        long[] dims = {1, g.groups(), total / g.groups()};
        long[] resolved = reshapeTarget(target, dims, total);
        if (!Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a map grouped as " + Arrays.toString(dims) + " to " + Arrays.toString(resolved)
                    + "; a group normalisation is Reshape to N x groups x -1, InstanceNormalization, Reshape back to"
                    + " N x C x H x W, and nothing else is declared");
        }
        values.put(node.getOutput(0), g.map());
    }

    /** A DepthToSpace or SpaceToDepth: one {@code @PixelShuffle} or {@code @PixelUnshuffle}. */
    private void pixelShuffle(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        boolean shuffle = node.getOpType().equals("DepthToSpace");
        long r = integer(node, "blocksize", 0);
        String mode = string(node, "mode", "DCR");
        String refusal = PixelShuffles.refusal(shuffle, m.shape(), r, mode);
        if (refusal != null) {
            throw fail(node, refusal);
        }
        Shape s = PixelShuffles.output(shuffle, m.shape(), (int) r);
        String label = (shuffle ? "pixel shuffle (" + mode + ")" : "pixel unshuffle") + " by " + r;
        out(node, 0, add(shuffle ? ImportedLayer.pixelShuffle(nameOf(node), node.getOpType(), m.layer(),
                m.shape().channels(), (int) r, s, label) : ImportedLayer.pixelUnshuffle(nameOf(node), node.getOpType(),
                m.layer(), m.shape().channels(), (int) r, s, label)), s, false);
    }

    /** The Reshape back to N x C x H x W that ends a pixel unshuffle or shuffle written as three nodes. */
    private void blocksBack(NodeProto node, Blocks b) throws ImportException {
        Shape in = b.map().shape();
        Shape s = PixelShuffles.output(b.shuffle(), in, b.r());
        long[] target = knownLongs(node, 1, "the target shape");
        long r = b.r();
        // The six axes as the Transpose left them, for a 0 in the target (copy that axis).
        long[] dims = b.shuffle() ? new long[] {1, s.channels(), in.height(), r, in.width(), r}
                : new long[] {1, in.channels(), r, r, s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, (long) in.channels() * in.height() * in.width());
        if (!b.transposed() || !Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a map cut into blocks of " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "') to "
                    + Arrays.toString(resolved) + "; a pixel unshuffle is Reshape to N x C x H/r x r x W/r x r,"
                    + " Transpose perm (0, 1, 3, 5, 2, 4), Reshape to N x C r^2 x H/r x W/r (a shuffle: N x C x r x r x H"
                    + " x W, perm (0, 1, 4, 2, 5, 3), N x C x H r x W r), and nothing else is declared");
        }
        String what = b.shuffle() ? "pixel shuffle" : "pixel unshuffle";
        int index = add(b.shuffle()
                ? ImportedLayer.pixelShuffle(nameOf(node), "Reshape", b.map().layer(), in.channels(), b.r(), s,
                        what + " by " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "', Transpose '"
                                + nameOf(b.transpose()) + "', Reshape)")
                : ImportedLayer.pixelUnshuffle(nameOf(node), "Reshape", b.map().layer(), in.channels(), b.r(), s,
                        what + " by " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "', Transpose '"
                                + nameOf(b.transpose()) + "', Reshape)"));
        out(node, 0, index, s, false);
    }

    /** The Reshape back to N x C x H x W that ends a channel shuffle: one {@code @ChannelShuffle}. */
    private void shuffleBack(NodeProto node, Grouped g) throws ImportException {
        Shape s = g.map().shape();
        long[] target = knownLongs(node, 1, "the target shape");
        long[] dims = {1, s.channels() / g.groups(), g.groups(), s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, (long) s.channels() * s.height() * s.width());
        if (!g.swapped() || !Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a grouped " + Arrays.toString(dims) + " map to " + Arrays.toString(resolved)
                    + "; a channel shuffle is Reshape to N x groups x C/groups x H x W, Transpose perm"
                    + " (0, 2, 1, 3, 4), Reshape back to N x C x H x W, and nothing else is declared");
        }
        // Named after this Reshape, which writes the shuffled map, as every layer is after the node writing it.
        int index = add(ImportedLayer.channelShuffle(nameOf(node), "Reshape", g.map().layer(), g.groups(), s,
                "channel shuffle in " + g.groups() + " groups (Reshape '" + nameOf(g.reshape()) + "', Transpose '"
                        + nameOf(g.transpose()) + "', Reshape)"));
        out(node, 0, index, s, false);
    }

    /** A Split along the channels: one {@code @Channels} layer per output, named by the output. */
    private void split(NodeProto node) throws ImportException {
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
    private void slice(NodeProto node) throws ImportException {
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

    private void squeeze(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        long[] axes = opset >= 13 && node.getInputCount() > 1 ? knownLongs(node, 1, "axes") : ints(node, "axes");
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
            set.add(a < 0 ? a + 4 : a);
        }
        if (m.shape().height() == 1 && m.shape().width() == 1 && set.equals(Set.of(2L, 3L))) {
            values.put(node.getOutput(0), new FeatureMap(m.layer(), m.shape(), true));
            return;
        }
        throw fail(node, "squeezes axes " + Arrays.toString(axes) + " of a " + m.shape() + " map; only the 1x1"
                + " spatial axes (2, 3) ahead of a fully connected layer are supported");
    }

    private FeatureMap flat(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (v instanceof FeatureMap m && (m.flat() || (m.shape().height() == 1 && m.shape().width() == 1))) {
            return m;
        }
        throw fail(node, "reads '" + node.getInput(0) + "', which is not a flattened feature map (a fully connected"
                + " layer reads a Flatten or Reshape of a map)");
    }

    private void gemm(NodeProto node) throws ImportException {
        FeatureMap a = flat(node);
        if (integer(node, "transA", 0) != 0) {
            throw fail(node, "transA = 1: the input is not a batch of flattened maps");
        }
        long[] b = known(node, 1, "the weight B").dims();
        boolean transB = integer(node, "transB", 0) != 0;
        fullyConnected(node, a, b, transB);
    }

    private void matMul(NodeProto node) throws ImportException {
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

    // ---------------------------------------------------------------- merges and unit-by-unit layers

    /**
     * An element-wise operator. Its maps must share a layout (channels first, or channels last after
     * a Transpose, the result keeping it); a constant may vary along the channels only; a statistic
     * over the channels ({@link ChannelStat}) is broadcast over the channels of a map of the same rows
     * and columns, so its own map joins the merge (or, being the map itself, adds nothing).
     */
    private void elementwise(NodeProto node) throws ImportException {
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

    private void pointwise(NodeProto node) throws ImportException {
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

    /**
     * A normalisation: statistics over the rows and columns (instance and group normalisation, layer
     * normalisation from axis 1 or 2, mean-variance normalisation over axes holding 2 and 3) make
     * every unit read the whole map, {@code @InstanceNorm}; statistics over the channels only (or
     * over a flattened map, which is one unit) are unit by unit; over only one of height and width,
     * refused.
     */
    private void normalization(NodeProto node) throws ImportException {
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

    private void softmax(NodeProto node) throws ImportException {
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

    private void concat(NodeProto node) throws ImportException {
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

    private void pad(NodeProto node) throws ImportException {
        boolean last = value(node, 0) instanceof ChannelsLast;
        FeatureMap m = last ? ((ChannelsLast) value(node, 0)).map() : map(node, 0);
        String modeName = string(node, "mode", "constant");
        Pad.Mode mode = switch (modeName) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw fail(node, "mode '" + modeName + "': only constant, reflect and edge are known");
        };
        long[] p = opset >= 11 ? knownLongs(node, 1, "the pads") : ints(node, "pads");
        if (opset >= 18 && node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
            p = padsOfAxes(node, p, knownLongs(node, 3, "the axes"));
        }
        if (last && ChannelsLastPad.refusal(p) != null) {
            throw fail(node, ChannelsLastPad.refusal(p));
        }
        p = last ? ChannelsLastPad.asChannelsFirst(p) : p;
        if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            throw fail(node, "pads " + Arrays.toString(p) + ": only height and width of an N x C x H x W map");
        }
        for (long v : p) {
            if (v < 0) {
                throw fail(node, "negative pads " + Arrays.toString(p) + " crop; not supported");
            }
        }
        int top = toInt(node, p[2], "pad");
        int left = toInt(node, p[3], "pad");
        int bottom = toInt(node, p[6], "pad");
        int right = toInt(node, p[7], "pad");
        Shape s = m.shape();
        Shape output = new Shape(s.channels(), s.height() + top + bottom, s.width() + left + right);
        out(node, 0, add(ImportedLayer.pad(nameOf(node), node.getOpType(), m.layer(), top, bottom, left, right,
                mode, output, "")), output, false);
        if (last) {
            values.put(node.getOutput(0), new ChannelsLast((FeatureMap) values.get(node.getOutput(0))));
        }
    }

    /**
     * An opset-18 Pad's {@code pads} for the listed {@code axes} only (begins, then ends, in the
     * order of {@code axes}) as the 8 values of every axis, 0 for the axes not listed.
     */
    private static long[] padsOfAxes(NodeProto node, long[] pads, long[] axes) throws ImportException {
        if (pads.length != 2 * axes.length) {
            throw fail(node, "pads " + Arrays.toString(pads) + " for axes " + Arrays.toString(axes) + ": a Pad with"
                    + " axes takes two pads per axis");
        }
        long[] all = new long[8];
        boolean[] seen = new boolean[4];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + 4 : axes[i];
            if (a < 0 || a > 3 || seen[(int) a]) {
                throw fail(node, "axes " + Arrays.toString(axes) + " of a Pad of an N x C x H x W map");
            }
            seen[(int) a] = true;
            all[(int) a] = pads[i];
            all[(int) a + 4] = pads[i + axes.length];
        }
        return all;
    }

    /**
     * A reduction over the height and width is a global pooling; over the channel axis alone
     * (keeping it), of either layout, a statistic over the channels of each unit (LayerNorm as
     * exported before opset 17). Anything else is refused.
     */
    private void reduce(NodeProto node) throws ImportException {
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

    private void resize(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        Shape s = m.shape();
        String op = node.getOpType();
        String mode = string(node, "mode", "nearest");
        boolean old = op.equals("Upsample") || opset < 11;
        String coordinates = old ? "asymmetric" : string(node, "coordinate_transformation_mode", "half_pixel");
        String nearestMode = old ? "floor" : string(node, "nearest_mode", "round_prefer_floor");
        long outH;
        long outW;
        double[] scales = null;
        long[] sizes = null;
        if (op.equals("Upsample") && opset < 9) {
            AttributeProto a = attribute(node, "scales");
            scales = a == null ? null : a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
        } else {
            int scalesInput = old ? 1 : 2;
            Value sv = value(node, scalesInput);
            if (sv instanceof Known k && k.constant().size() > 0) {
                scales = k.constant().values();
            }
            if (!old && value(node, 3) instanceof Known k && k.constant().size() > 0) {
                sizes = k.constant().longs();
            }
        }
        if (sizes != null && sizes.length == 4) {
            outH = sizes[2];
            outW = sizes[3];
        } else if (scales != null && scales.length == 4) {
            if (scales[0] != 1 || scales[1] != 1) {
                throw fail(node, "scales " + Arrays.toString(scales) + " resize the batch or the channels");
            }
            outH = (long) Math.floor(s.height() * scales[2]);
            outW = (long) Math.floor(s.width() * scales[3]);
        } else {
            throw fail(node, "neither scales nor sizes are known at import (4 values, constant or computed from"
                    + " the fixed input size)");
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        boolean cubic = mode.equals("cubic");
        if (!linear && !cubic && !mode.equals("nearest")) {
            throw fail(node, "mode '" + mode + "' is none of nearest, linear and cubic, the modes convgeom's @Upsample"
                    + " states; refused rather than approximated");
        }
        if (outH < 1 || outW < 1) {
            throw fail(node, "resizes " + s.height() + "x" + s.width() + " to " + outH + "x" + outW
                    + ": an axis of no units; refused");
        }
        boolean shrinks = outH < s.height() || outW < s.width();
        if (shrinks && integer(node, "antialias", 0) != 0) {
            throw fail(node, "resizes " + s.height() + "x" + s.width() + " to " + outH + "x" + outW
                    + " with antialias = 1, which widens the interpolation beyond the " + (cubic ? "four" : "two")
                    + " units around each position when shrinking; convgeom's " + (cubic ? "CUBIC" : "BILINEAR")
                    + " @Upsample reads those " + (cubic ? "four" : "two") + " only, so it is refused rather than"
                    + " approximated");
        }
        // One check for every mode: aligned corners cannot stretch one unit over several.
        boolean oneUnit = s.height() == 1 && outH > 1 || s.width() == 1 && outW > 1;
        if (RuntimeLinearReads.placed(coordinates) == dev.convgeom.engine.Coordinates.ALIGN_CORNERS && oneUnit) {
            throw fail(node, "align_corners stretches a map of " + s.height() + "x" + s.width() + " to " + outH
                    + "x" + outW + ": one unit stretched over several has no step; refused");
        }
        // The exact factor per axis, in lowest terms: factor over per (ResizeFactors).
        boolean byScales = !(sizes != null && sizes.length == 4);
        long[] ry = ResizeFactors.of(s.height(), outH, byScales ? scales[2] : Double.NaN);
        long[] rx = ResizeFactors.of(s.width(), outW, byScales ? scales[3] : Double.NaN);
        int fy = toInt(node, ry[0], "factor");
        int py = toInt(node, ry[1], "per");
        int fx = toInt(node, rx[0], "factor");
        int px = toInt(node, rx[1], "per");
        if (coordinates.equals("tf_crop_and_resize")) {
            cropAndResize(node, mode, nearestMode, sizes == null ? scales : null, m, fx, px, fy, py, outH, outW);
            return;
        }
        Upsample.Coordinates placed = Upsample.Coordinates.HALF_PIXEL;
        if (linear) {
            dev.convgeom.engine.Coordinates engine = RuntimeLinearReads.placed(coordinates);
            if (engine == null) {
                throw fail(node, "linear mode with coordinate_transformation_mode " + coordinates
                        + ": convgeom's @Upsample places bilinear samples with HALF_PIXEL, ASYMMETRIC,"
                        + " ALIGN_CORNERS or TF_HALF_PIXEL_FOR_NN coordinates only; refused rather than approximated");
            }
            placed = Upsample.Coordinates.valueOf(engine.name());
            dev.convgeom.engine.LayerSpec up = dev.convgeom.engine.LayerSpec.upsample(nameOf(node), fx, fy, true);
            runtimeReadsExactly(node, coordinates, sizes == null ? scales : null, s, outH, outW,
                    new dev.convgeom.engine.LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(),
                            1, up.extras().withPers(px, py).withCoordinates(engine)));
        }
        dev.convgeom.engine.CubicKernel kernel = null;
        if (cubic) {
            AttributeProto a = attribute(node, "cubic_coeff_a");
            CubicResize resize = CubicResize.of(nameOf(node), coordinates, a == null ? -0.75f : a.getF(),
                    integer(node, "exclude_outside", 0) != 0, sizes == null ? scales : null, s, outH, outW, fx, px,
                    fy, py);
            if (resize.refusal() != null) {
                throw fail(node, resize.refusal());
            }
            placed = resize.coordinates();
            kernel = resize.kernel();
        }
        Upsample.Rounding rounding = Upsample.Rounding.ROUND_PREFER_FLOOR;
        if (!linear && !cubic) {
            NearestResize nearest = NearestResize.of(nameOf(node), coordinates, nearestMode,
                    sizes == null ? scales : null, s, outH, outW, fx, px, fy, py);
            if (nearest.refusal() != null) {
                throw fail(node, nearest.refusal());
            }
            placed = nearest.coordinates();
            rounding = nearest.rounding();
        }
        Shape output = new Shape(s.channels(), (int) outH, (int) outW);
        out(node, 0, add(ImportedLayer.upsample(nameOf(node), op, m.layer(), fx, px, fy, py, linear, placed, output,
                mode + ", " + coordinates + (linear || cubic ? "" : ", " + nearestMode)).withRounding(rounding)
                .withCubic(kernel)), output, false);
    }

    /** A {@code tf_crop_and_resize} resize as a CROP_AND_RESIZE {@code @Upsample}, or its refusal ({@link CropResize}). */
    private void cropAndResize(NodeProto node, String mode, String nearestMode, double[] scales, FeatureMap m, int fx,
                               int px, int fy, int py, long outH, long outW) throws ImportException {
        AttributeProto a = attribute(node, "cubic_coeff_a");
        double[] roi = value(node, 1) instanceof Known k && k.constant().size() > 0 ? k.constant().values() : null;
        CropResize crop = CropResize.of(nameOf(node), mode, nearestMode, a == null ? -0.75f : a.getF(),
                integer(node, "exclude_outside", 0) != 0, roi, scales, m.shape(), outH, outW, fx, px, fy, py);
        if (crop.refusal() != null) {
            throw fail(node, crop.refusal());
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        Shape output = new Shape(m.shape().channels(), (int) outH, (int) outW);
        out(node, 0, add(ImportedLayer.upsample(nameOf(node), node.getOpType(), m.layer(), fx, px, fy, py, linear,
                Upsample.Coordinates.CROP_AND_RESIZE, output, mode + ", tf_crop_and_resize"
                        + (mode.equals("nearest") ? ", " + nearestMode : "")).withRounding(crop.rounding())
                .withCubic(crop.kernel()).withCrop(crop.region())), output, false);
    }

    /**
     * Refuses a linear resize where ONNX Runtime's float arithmetic reads other units than the
     * exact factor says, at the declared size ({@link RuntimeLinearReads}), naming the first
     * output unit that differs.
     *
     * @param scales the {@code scales} ONNX Runtime uses, or null when it divides {@code sizes}
     */
    private void runtimeReadsExactly(NodeProto node, String coordinates, double[] scales, Shape s, long outH,
                                     long outW, dev.convgeom.engine.LayerSpec layer) throws ImportException {
        long[][] axes = {{s.width(), outW, 3}, {s.height(), outH, 2}};
        for (int i = 0; i < 2; i++) {
            long in = axes[i][0];
            long out = axes[i][1];
            float scale = scales != null ? (float) scales[(int) axes[i][2]] : (float) out / (float) in;
            dev.convgeom.engine.Axis axis = i == 0 ? dev.convgeom.engine.Axis.X : dev.convgeom.engine.Axis.Y;
            long unit = RuntimeLinearReads.firstDisagreement(coordinates, scale, in, out, layer, axis);
            if (unit >= 0) {
                throw fail(node, "resizes " + in + " to " + out + " " + (i == 0 ? "columns" : "rows") + " with "
                        + coordinates + " coordinates, but ONNX Runtime computes the positions in float (scale "
                        + scale + "), and its output " + (i == 0 ? "column " : "row ") + unit + " reads other input"
                        + " units than the exact factor " + out + "/" + in + " gives; refused rather than"
                        + " approximated");
            }
        }
    }

    // ---------------------------------------------------------------- constants

    private void constantNode(NodeProto node) throws ImportException {
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
    private boolean allKnown(NodeProto node) {
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
    private void fold(NodeProto node) throws ImportException {
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
