package dev.convgeom.importer.onnx;

import static dev.convgeom.importer.onnx.MergeNodes.ELEMENTWISE;
import static dev.convgeom.importer.onnx.PointwiseNodes.NEUTRAL;
import static dev.convgeom.importer.onnx.PointwiseNodes.POINTWISE;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.onnx.Value.ChannelStat;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Known;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>This class is the walk and the dispatch: each operator family has a reader of its own
 * ({@link WindowNodes}, {@link ResizeNodes}, {@link PadNodes}, {@link ReshapeNodes},
 * {@link ChannelPickNodes}, {@link FullyConnectedNodes}, {@link MergeNodes}, {@link PointwiseNodes},
 * {@link StatisticsNodes}, {@link ConstantNodes}), sharing the tensors read so far through
 * {@link NodeReader}.
 */
public final class OnnxImporter extends NodeReader {

    private final WindowNodes windows = new WindowNodes(this);
    private final ResizeNodes resizes = new ResizeNodes(this);
    private final PadNodes pads = new PadNodes(this);
    private final ReshapeNodes reshapes = new ReshapeNodes(this);
    private final ChannelPickNodes channelPicks = new ChannelPickNodes(this);
    private final FullyConnectedNodes fullyConnected = new FullyConnectedNodes(this);
    private final MergeNodes merges = new MergeNodes(this);
    private final PointwiseNodes pointwise = new PointwiseNodes(this);
    private final StatisticsNodes statistics = new StatisticsNodes(this);
    private final ConstantNodes constants = new ConstantNodes(this);

    private OnnxImporter(int opset) {
        super(opset);
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
        progress.accept(String.format(Locale.ROOT, "parsed in %.2f s: %d nodes", (System.nanoTime() - start) / 1e9,
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
        return new OnnxImporter(opset(model, fileName)).run(model, fileName, input, progress);
    }

    /** The version of the default operator set {@code model} imports (the last entry of that domain). */
    private static int opset(ModelProto model, String fileName) throws ImportException {
        int opset = 0;
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = (int) id.getVersion();
            }
        }
        if (opset == 0) {
            throw new ImportException(fileName + " imports no version of the default ONNX operator set");
        }
        return opset;
    }

    /** Walks the graph's nodes in order, then names the maps the graph returns. */
    private ImportedNetwork run(ModelProto model, String fileName, Shape override, Consumer<String> progress)
            throws ImportException {
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

    /**
     * The dispatch: refuses what no reader may see (another domain, a channels-last map or a
     * channel statistic where the operator would not keep units in place), follows an Expand of a
     * statistic, then hands the node to the reader of its operator family.
     */
    private void node(NodeProto node) throws ImportException {
        if (!(node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx"))) {
            throw fail(node, "operator of domain '" + node.getDomain() + "', unknown to convgeom-import");
        }
        String op = node.getOpType();
        if (op.equals("Constant")) {
            constants.constantNode(node);
            return;
        }
        if (constants.allKnown(node)) {
            constants.fold(node);
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
            case "Conv" -> windows.conv(node);
            case "ConvTranspose" -> windows.convTranspose(node);
            case "MaxPool", "AveragePool" -> windows.pool(node);
            case "GlobalAveragePool", "GlobalMaxPool" -> windows.globalPool(node);
            case "Flatten" -> reshapes.flatten(node);
            case "Reshape" -> reshapes.reshape(node);
            case "Squeeze" -> reshapes.squeeze(node);
            case "Gemm" -> fullyConnected.gemm(node);
            case "MatMul" -> fullyConnected.matMul(node);
            case "Concat" -> merges.concat(node);
            case "Pad" -> pads.pad(node);
            case "Resize", "Upsample" -> resizes.resize(node);
            case "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceL2" -> statistics.reduce(node);
            case "Softmax", "LogSoftmax" -> pointwise.softmax(node);
            case "Split" -> channelPicks.split(node);
            case "Slice" -> channelPicks.slice(node);
            case "Gather" -> channelPicks.gather(node);
            case "Unsqueeze" -> channelPicks.unsqueeze(node);
            case "Transpose" -> reshapes.transpose(node);
            case "DepthToSpace", "SpaceToDepth" -> reshapes.pixelShuffle(node);
            case "InstanceNormalization", "LayerNormalization", "GroupNormalization", "MeanVarianceNormalization" ->
                    statistics.normalization(node);
            default -> {
                if (ELEMENTWISE.contains(op)) {
                    merges.elementwise(node);
                } else if (NEUTRAL.containsKey(op) || POINTWISE.contains(op)) {
                    pointwise.pointwise(node);
                } else {
                    String reason = RefusedOperators.reason(op);
                    throw fail(node, reason != null ? reason + "; refused rather than approximated"
                            : "operator unknown to convgeom-import (no exact declaration known)");
                }
            }
        }
    }

    /** Whether an input of {@code node} is in channels-last layout (a map, or a statistic of one). */
    private boolean readsChannelsLast(NodeProto node) {
        for (int i = 0; i < node.getInputCount(); i++) {
            Value v = node.getInput(i).isEmpty() ? null : values.get(node.getInput(i));
            if (v instanceof ChannelsLast || v instanceof ChannelStat s && s.last()) {
                return true;
            }
        }
        return false;
    }

    /** Whether an input of {@code node} is of {@code kind}. */
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
}
