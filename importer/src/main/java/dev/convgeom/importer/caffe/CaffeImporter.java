package dev.convgeom.importer.caffe;

import com.google.protobuf.TextFormat;
import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.proto.CaffeProto.BlobShape;
import dev.convgeom.importer.proto.CaffeProto.ConvolutionParameter;
import dev.convgeom.importer.proto.CaffeProto.LRNParameter;
import dev.convgeom.importer.proto.CaffeProto.NetParameter;
import dev.convgeom.importer.proto.CaffeProto.PoolingParameter;
import dev.convgeom.importer.proto.CaffeProto.SliceParameter;
import dev.convgeom.importer.proto.CaffeProto.V1LayerParameter;
import dev.convgeom.importer.proto.CaffeProto.LayerParameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Caffe deploy prototxt (protobuf text format, parsed with the generated
 * {@code NetParameter}) into an {@link ImportedNetwork}, by Caffe's own rules: pooling rounds up
 * by default and strides 1 by default, in-place layers rebind their blob, legacy V1 {@code layers}
 * are read like current ones.
 */
public final class CaffeImporter {

    /** Layer types that leave the geometry alone, and the annotation each becomes. */
    private static final Map<String, LayerKind> NEUTRAL = Map.ofEntries(
            Map.entry("ReLU", LayerKind.RELU), Map.entry("Sigmoid", LayerKind.SIGMOID),
            Map.entry("TanH", LayerKind.TANH), Map.entry("BatchNorm", LayerKind.BATCH_NORM),
            Map.entry("Dropout", LayerKind.DROPOUT), Map.entry("PReLU", LayerKind.POINTWISE),
            Map.entry("ELU", LayerKind.POINTWISE), Map.entry("Power", LayerKind.POINTWISE),
            Map.entry("Scale", LayerKind.POINTWISE), Map.entry("Bias", LayerKind.POINTWISE),
            Map.entry("AbsVal", LayerKind.POINTWISE), Map.entry("BNLL", LayerKind.POINTWISE),
            Map.entry("Exp", LayerKind.POINTWISE), Map.entry("Log", LayerKind.POINTWISE),
            Map.entry("Threshold", LayerKind.POINTWISE), Map.entry("Clip", LayerKind.POINTWISE),
            Map.entry("Swish", LayerKind.POINTWISE));

    /** Layer types that only feed training; a deploy file has none. */
    private static final Set<String> TRAINING = Set.of("Data", "ImageData", "HDF5Data", "MemoryData", "DummyData",
            "WindowData", "SoftmaxWithLoss", "EuclideanLoss", "Accuracy", "HingeLoss", "SigmoidCrossEntropyLoss",
            "InfogainLoss", "MultinomialLogisticLoss", "ContrastiveLoss");

    /** What a blob name currently stands for: the layer that last wrote it and its shape. */
    private record Blob(int layer, Shape shape, boolean flattened) {
    }

    private final List<ImportedLayer> layers = new ArrayList<>();
    private final Map<String, Blob> blobs = new HashMap<>();

    private CaffeImporter() {
    }

    /**
     * Imports the prototxt at {@code file}.
     *
     * @param input the input size to use instead of the file's ({@code null}: the file's)
     * @throws ImportException if the file does not parse, has no or several inputs, or a layer
     *                         cannot be declared exactly (naming it, its type and why)
     */
    public static ImportedNetwork read(Path file, Shape input) throws ImportException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString(), input);
    }

    /** Imports prototxt {@code text}; {@code fileName} only names it in the description. */
    public static ImportedNetwork parse(String text, String fileName, Shape input) throws ImportException {
        NetParameter.Builder net = NetParameter.newBuilder();
        try {
            TextFormat.Parser.newBuilder().build().merge(text, net);
        } catch (TextFormat.ParseException e) {
            throw new ImportException(fileName + " is not a Caffe prototxt: " + e.getMessage(), e);
        }
        return new CaffeImporter().run(net.build(), fileName, input);
    }

    private ImportedNetwork run(NetParameter net, String fileName, Shape override) throws ImportException {
        List<CaffeLayer> all = new ArrayList<>();
        for (LayerParameter l : net.getLayerList()) {
            all.add(CaffeLayer.of(l));
        }
        for (V1LayerParameter l : net.getLayersList()) {
            all.add(CaffeLayer.of(l));
        }
        String inputName = inputName(net, all);
        Shape declared = declaredInput(net, all);
        Shape input = override == null ? declared : checkOverride(declared, override);
        blobs.put(inputName, new Blob(-1, input, false));
        for (CaffeLayer layer : all) {
            if (layer.inTestPhase() && !layer.type().equals("Input")) {
                add(layer, input);
            }
        }
        if (layers.isEmpty()) {
            throw new ImportException(fileName + " has no layers after its input");
        }
        String name = net.getName().isEmpty() ? "" : " (" + net.getName() + ")";
        return new ImportedNetwork("Caffe prototxt " + fileName + name + (all.isEmpty() || net.getLayersCount() == 0
                ? "" : ", legacy V1 layers"), input, layers);
    }

    /** The one input, in any of its three forms; registers its blob. */
    private Shape declaredInput(NetParameter net, List<CaffeLayer> all) throws ImportException {
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < net.getInputCount(); i++) {
            names.add(net.getInput(i));
            if (net.getInputShapeCount() > i) {
                shapes.add(shape(net.getInputShape(i), net.getInput(i)));
            } else if (net.getInputDimCount() >= 4 * (i + 1)) {
                shapes.add(shape(net.getInputDimList().subList(4 * i, 4 * i + 4), net.getInput(i)));
            } else {
                throw new ImportException("input '" + net.getInput(i) + "' has no input_shape and no four input_dim");
            }
        }
        for (CaffeLayer layer : all) {
            if (layer.type().equals("Input") && layer.inTestPhase()) {
                for (int t = 0; t < layer.tops().size(); t++) {
                    names.add(layer.tops().get(t));
                    if (layer.input() == null || layer.input().getShapeCount() == 0) {
                        throw ImportException.at(layer.name(), layer.type(), "no input_param { shape { dim ... } }");
                    }
                    int which = Math.min(t, layer.input().getShapeCount() - 1);
                    shapes.add(shape(layer.input().getShape(which), layer.tops().get(t)));
                }
            }
        }
        if (names.isEmpty()) {
            for (CaffeLayer layer : all) {
                if (TRAINING.contains(layer.type()) || layer.type().equals("Python")) {
                    throw ImportException.at(layer.name(), layer.type(), "this is a training network (it reads its"
                            + " data from a data layer): import the deploy prototxt, which declares its input");
                }
            }
            throw new ImportException("the prototxt declares no input (input + input_dim, input + input_shape,"
                    + " or an Input layer)");
        }
        if (names.size() > 1) {
            throw new ImportException("the prototxt declares " + names.size() + " inputs " + names
                    + "; convgeom declares networks with one image input");
        }
        return shapes.get(0);
    }

    /** The input blob's name (one input: {@link #declaredInput} checks that). */
    private static String inputName(NetParameter net, List<CaffeLayer> all) {
        if (net.getInputCount() > 0) {
            return net.getInput(0);
        }
        for (CaffeLayer layer : all) {
            if (layer.type().equals("Input") && layer.inTestPhase() && !layer.tops().isEmpty()) {
                return layer.tops().get(0);
            }
        }
        return "";
    }

    private static Shape shape(BlobShape blob, String name) throws ImportException {
        return shape(blob.getDimList().stream().map(Long::intValue).toList(), name);
    }

    private static Shape shape(List<Integer> dims, String name) throws ImportException {
        if (dims.size() != 4 || dims.stream().anyMatch(d -> d < 1)) {
            throw new ImportException("input '" + name + "' has shape " + dims + "; expected N x C x H x W");
        }
        return new Shape(dims.get(1), dims.get(2), dims.get(3));
    }

    private static Shape checkOverride(Shape declared, Shape override) throws ImportException {
        if (declared.channels() != override.channels()) {
            throw new ImportException("--input gives " + override.channels() + " channels, the prototxt declares "
                    + declared.channels());
        }
        return override;
    }

    private void add(CaffeLayer layer, Shape input) throws ImportException {
        String type = layer.type();
        if (TRAINING.contains(type)) {
            throw ImportException.at(layer.name(), type, "a training layer; import the deploy prototxt");
        }
        if (type.equals("Silence")) {
            return;
        }
        List<Blob> bottoms = new ArrayList<>();
        for (String b : layer.bottoms()) {
            Blob blob = blobs.get(b);
            if (blob == null) {
                throw ImportException.at(layer.name(), type, "reads blob '" + b + "', which no earlier layer writes");
            }
            bottoms.add(blob);
        }
        if (bottoms.isEmpty()) {
            throw ImportException.at(layer.name(), type, "has no bottom");
        }
        if (type.equals("Split")) {
            Blob in = bottoms.get(0);
            int index = append(ImportedLayer.pointwise(layer.name(), type, LayerKind.POINTWISE, in.layer(), in.shape(),
                    "Split"));
            for (String top : layer.tops()) {
                blobs.put(top, new Blob(index, in.shape(), in.flattened()));
            }
            return;
        }
        if (type.equals("Slice")) {
            slice(layer, bottoms.get(0));
            return;
        }
        if (type.equals("Flatten")) {
            Blob in = bottoms.get(0);
            blobs.put(top(layer), new Blob(in.layer(), in.shape(), true));
            return;
        }
        if (type.equals("Reshape")) {
            blobs.put(top(layer), reshape(layer, bottoms.get(0)));
            return;
        }
        Blob in = bottoms.get(0);
        if (in.flattened() && !type.equals("InnerProduct") && !NEUTRAL.containsKey(type)) {
            throw ImportException.at(layer.name(), type, "reads a Flatten output; only an InnerProduct (or a"
                    + " unit-by-unit layer) can, as the fully connected layer it is");
        }
        ImportedLayer result = switch (type) {
            case "Scale", "Bias" -> bottoms.size() == 2 ? byBlob(layer, bottoms)
                    : ImportedLayer.pointwise(layer.name(), type, LayerKind.POINTWISE, in.layer(), in.shape(), type);
            case "Convolution" -> convolution(layer, in, false);
            case "Deconvolution" -> convolution(layer, in, true);
            case "Pooling" -> pooling(layer, in);
            case "InnerProduct" -> innerProduct(layer, in);
            case "Concat" -> concat(layer, bottoms);
            case "Eltwise" -> eltwise(layer, bottoms);
            case "Crop" -> crop(layer, bottoms);
            case "LRN" -> lrn(layer, in);
            case "Softmax" -> softmax(layer, in);
            default -> {
                LayerKind kind = NEUTRAL.get(type);
                if (kind == null) {
                    throw unsupported(layer, bottoms);
                }
                yield ImportedLayer.pointwise(layer.name(), type, kind, in.layer(), in.shape(), type);
            }
        };
        int index = append(result);
        blobs.put(top(layer), new Blob(index, result.output(), in.flattened() && result.kind().isPointwise()));
    }

    private ImportException unsupported(CaffeLayer layer, List<Blob> bottoms) {
        String type = layer.type();
        if (type.equals("MVN")) {
            return ImportException.at(layer.name(), type, "mean-variance normalisation over the whole map makes"
                    + " every unit depend on every unit; convgeom's annotations cannot state that yet");
        }
        if (type.equals("Python") || type.contains("ROI") || type.contains("Proposal")) {
            return ImportException.at(layer.name(), type, "not convolutional geometry: the convolutional trunk"
                    + " ends at " + layer.bottoms() + "; import a prototxt that stops there");
        }
        return ImportException.at(layer.name(), type, "unknown to convgeom-import (no exact declaration known)");
    }

    /**
     * A Slice along the channels: one {@code @Channels} layer per top, at the {@code slice_point}s
     * (one fewer than the tops, increasing) or, without them, in equal parts, as Caffe's
     * {@code SliceLayer} cuts. One Caffe layer becoming several fields, each is named by its top
     * (the field-name rule then applies), its comment naming the layer. A slice along the rows or
     * columns picks spatial units: refused.
     */
    private void slice(CaffeLayer layer, Blob in) throws ImportException {
        SliceParameter p = layer.slice() == null ? SliceParameter.getDefaultInstance() : layer.slice();
        if (p.hasAxis() && p.hasSliceDim()) {
            throw ImportException.at(layer.name(), layer.type(), "gives both axis and slice_dim; Caffe takes one");
        }
        int axis = p.hasSliceDim() ? p.getSliceDim() : p.getAxis() < 0 ? p.getAxis() + 4 : p.getAxis();
        if (in.flattened() || axis != 1) {
            throw ImportException.at(layer.name(), layer.type(), in.flattened() ? "slices a flattened map"
                    : "slices axis " + axis + ": a Slice of rows or columns picks spatial units, which is not"
                    + " convolutional geometry; only a Slice of the channels (axis 1) is declared (@Channels)");
        }
        int channels = in.shape().channels();
        int tops = layer.tops().size();
        List<Integer> points = new ArrayList<>();
        if (p.getSlicePointCount() > 0) {
            if (p.getSlicePointCount() != tops - 1) {
                throw ImportException.at(layer.name(), layer.type(), p.getSlicePointCount() + " slice_point values"
                        + " for " + tops + " tops; Caffe needs one fewer than the tops");
            }
            for (int point : p.getSlicePointList()) {
                points.add(point);
            }
        } else {
            if (tops < 1 || channels % tops != 0) {
                throw ImportException.at(layer.name(), layer.type(), "no slice_point, and " + channels
                        + " channels do not split into " + tops + " equal parts");
            }
            for (int k = 1; k < tops; k++) {
                points.add(k * (channels / tops));
            }
        }
        points.add(0, 0);
        points.add(channels);
        for (int k = 0; k < tops; k++) {
            int first = points.get(k);
            int end = points.get(k + 1);
            if (end <= first || end > channels) {
                throw ImportException.at(layer.name(), layer.type(), "slice_point " + p.getSlicePointList()
                        + " does not cut " + channels + " channels into " + tops + " non-empty increasing parts");
            }
            Shape shape = new Shape(end - first, in.shape().height(), in.shape().width());
            String label = "part " + (k + 1) + " of " + tops + " of '" + layer.name() + "'";
            int index = append(ImportedLayer.channels(layer.tops().get(k), layer.type(), in.layer(), channels, first,
                    shape, label));
            blobs.put(layer.tops().get(k), new Blob(index, shape, false));
        }
    }

    private int append(ImportedLayer layer) {
        layers.add(layer);
        return layers.size() - 1;
    }

    private static String top(CaffeLayer layer) throws ImportException {
        if (layer.tops().size() != 1) {
            throw ImportException.at(layer.name(), layer.type(), "has " + layer.tops().size()
                    + " tops; expected one");
        }
        return layer.tops().get(0);
    }

    private ImportedLayer convolution(CaffeLayer layer, Blob in, boolean transposed) throws ImportException {
        ConvolutionParameter p = layer.conv();
        if (p == null || !p.hasNumOutput()) {
            throw ImportException.at(layer.name(), layer.type(), "no convolution_param { num_output }");
        }
        if (p.getAxis() != 1) {
            throw ImportException.at(layer.name(), layer.type(), "axis " + p.getAxis() + "; only channels (1)");
        }
        int[] k = perAxis(layer, "kernel_size", p.getKernelSizeList(), p.hasKernelH() ? p.getKernelH() : -1,
                p.hasKernelW() ? p.getKernelW() : -1, -1);
        int[] s = perAxis(layer, "stride", p.getStrideList(), p.hasStrideH() ? p.getStrideH() : -1,
                p.hasStrideW() ? p.getStrideW() : -1, 1);
        int[] pad = perAxis(layer, "pad", p.getPadList(), p.hasPadH() ? p.getPadH() : -1,
                p.hasPadW() ? p.getPadW() : -1, 0);
        int[] d = perAxis(layer, "dilation", p.getDilationList(), -1, -1, 1);
        int groups = p.getGroup();
        int c = in.shape().channels();
        int out = p.getNumOutput();
        if (groups < 1 || c % groups != 0 || out % groups != 0) {
            throw ImportException.at(layer.name(), layer.type(), "group " + groups + " does not divide "
                    + c + " input and " + out + " output channels");
        }
        AxisWindow y = new AxisWindow(k[0], s[0], d[0], pad[0], pad[0]);
        AxisWindow x = new AxisWindow(k[1], s[1], d[1], pad[1], pad[1]);
        if (transposed) {
            if ((d[0] > 1 && s[0] > 1) || (d[1] > 1 && s[1] > 1)) {
                throw ImportException.at(layer.name(), layer.type(), "dilation " + d[0] + "x" + d[1] + " with stride "
                        + s[0] + "x" + s[1] + ": its output units read their inputs out of order, which convgeom's"
                        + " @Deconv cannot state (it takes a dilation only along axes of stride 1)");
            }
            // Caffe's deconvolution: (n - 1) * s + ke - 2p, ke the dilated kernel.
            Shape shape = new Shape(out, (int) ((in.shape().height() - 1L) * s[0] + y.dilatedKernel() - 2L * pad[0]),
                    (int) ((in.shape().width() - 1L) * s[1] + x.dilatedKernel() - 2L * pad[1]));
            return ImportedLayer.deconv(layer.name(), layer.type(), in.layer(), c, out, groups, y, x, 0,
                    positive(layer, shape));
        }
        Shape shape = new Shape(out, floorWindows(in.shape().height(), y), floorWindows(in.shape().width(), x));
        return ImportedLayer.conv(layer.name(), layer.type(), in.layer(), c, out, groups, y, x, false,
                positive(layer, shape));
    }

    private static Shape positive(CaffeLayer layer, Shape shape) throws ImportException {
        if (shape.height() < 1 || shape.width() < 1) {
            throw ImportException.at(layer.name(), layer.type(), "its output would be " + shape
                    + ": the kernel does not fit its input");
        }
        return shape;
    }

    /** Caffe's convolution: {@code floor((n + 2p - ke) / s) + 1}. */
    private static int floorWindows(int n, AxisWindow w) {
        long span = n + w.padBefore() + w.padAfter() - w.dilatedKernel();
        return span < 0 ? 0 : (int) (Math.floorDiv(span, w.stride()) + 1);
    }

    /**
     * A repeated field with one value for both axes or one per axis, or its {@code _h}/{@code _w}
     * form; {@code byDefault} when none is given (-1: required).
     */
    private static int[] perAxis(CaffeLayer layer, String field, List<Integer> values, int h, int w, int byDefault)
            throws ImportException {
        if (h >= 0 || w >= 0) {
            if (h < 0 || w < 0 || !values.isEmpty()) {
                throw ImportException.at(layer.name(), layer.type(), field + ": give both " + field + "_h and "
                        + field + "_w, or " + field + " alone");
            }
            return new int[] {h, w};
        }
        return switch (values.size()) {
            case 0 -> {
                if (byDefault < 0) {
                    throw ImportException.at(layer.name(), layer.type(), "no " + field);
                }
                yield new int[] {byDefault, byDefault};
            }
            case 1 -> new int[] {values.get(0), values.get(0)};
            case 2 -> new int[] {values.get(0), values.get(1)};
            default -> throw ImportException.at(layer.name(), layer.type(), field + " has " + values.size()
                    + " values; a 2-D layer takes one or two");
        };
    }

    private ImportedLayer pooling(CaffeLayer layer, Blob in) throws ImportException {
        PoolingParameter p = layer.pool() == null ? PoolingParameter.getDefaultInstance() : layer.pool();
        Shape shape = in.shape();
        if (p.getPool() == PoolingParameter.PoolMethod.STOCHASTIC) {
            throw ImportException.at(layer.name(), layer.type(), "STOCHASTIC pooling is not supported");
        }
        boolean max = p.getPool() == PoolingParameter.PoolMethod.MAX;
        if (p.getGlobalPooling()) {
            return ImportedLayer.globalPool(layer.name(), layer.type(), in.layer(), shape.channels(),
                    max ? "global max pooling: reads the whole map, as the average does" : "global average pooling");
        }
        int[] k = pair(layer, "kernel", p.hasKernelSize() ? p.getKernelSize() : -1, p.hasKernelH() ? p.getKernelH() : -1,
                p.hasKernelW() ? p.getKernelW() : -1, -1);
        int[] s = pair(layer, "stride", p.hasStride() ? p.getStride() : -1, p.hasStrideH() ? p.getStrideH() : -1,
                p.hasStrideW() ? p.getStrideW() : -1, 1);
        int[] pad = pair(layer, "pad", p.hasPad() ? p.getPad() : -1, p.hasPadH() ? p.getPadH() : -1,
                p.hasPadW() ? p.getPadW() : -1, 0);
        boolean ceil = p.getRoundMode() == PoolingParameter.RoundMode.CEIL;
        AxisWindow y = new AxisWindow(k[0], s[0], 1, pad[0], pad[0]);
        AxisWindow x = new AxisWindow(k[1], s[1], 1, pad[1], pad[1]);
        boolean padded = pad[0] != 0 || pad[1] != 0;
        Shape output = new Shape(shape.channels(), caffePooled(shape.height(), y, ceil, padded),
                caffePooled(shape.width(), x, ceil, padded));
        positive(layer, output);
        boolean padFirst = 2 * pad[0] > k[0] || 2 * pad[1] > k[1];
        if (declared(shape.height(), y, ceil, padFirst) != output.height()
                || declared(shape.width(), x, ceil, padFirst) != output.width()) {
            // Caffe keeps a last window that starts beyond an unpadded input (it reads nothing) and
            // drops one only past the input and its leading padding; convgeom's rounding up drops
            // what starts beyond the input. Stated exactly: the padding before, and after it as
            // much as Caffe's last window reaches past the input, then windows rounding down.
            int[] after = {reach(shape.height(), y, output.height()), reach(shape.width(), x, output.width())};
            Shape widened = new Shape(shape.channels(), shape.height() + pad[0] + after[0],
                    shape.width() + pad[1] + after[1]);
            int padLayer = append(ImportedLayer.pad(layer.name() + "/pad", layer.type(), in.layer(), pad[0], after[0],
                    pad[1], after[1], widened, "the padding of the next layer and as far as Caffe's last window"
                            + " reaches, declared on its own so that the windows Caffe keeps are all declared"));
            return ImportedLayer.pool(layer.name(), layer.type(), max, padLayer, y.unpadded(), x.unpadded(), false,
                    false, output);
        }
        if (padFirst) {
            // convgeom's pooling takes at most half the window as padding; more moves into a @Pad
            // layer before an unpadded window (checked against Caffe's output size afterwards).
            Shape widened = new Shape(shape.channels(), shape.height() + 2 * pad[0], shape.width() + 2 * pad[1]);
            int padLayer = append(ImportedLayer.pad(layer.name() + "/pad", layer.type(), in.layer(), pad[0], pad[0],
                    pad[1], pad[1], widened, "the padding of the next layer, declared on its own"));
            return ImportedLayer.pool(layer.name(), layer.type(), max, padLayer, y.unpadded(), x.unpadded(), ceil,
                    false, output);
        }
        return ImportedLayer.pool(layer.name(), layer.type(), max, in.layer(), y, x, ceil, false, output);
    }

    /**
     * The windows convgeom's pooling gives over {@code n} units as the layer would be declared:
     * padding inside the window, or (when {@code padFirst}) in a {@code @Pad} before an unpadded
     * one; rounding up drops a last window that starts beyond the input and its leading padding.
     */
    private static long declared(int n, AxisWindow w, boolean ceil, boolean padFirst) {
        long before = padFirst ? 0 : w.padBefore();
        long size = padFirst ? n + 2L * w.padBefore() : n;
        long span = size + 2 * before - w.kernel();
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? -Math.floorDiv(-span, w.stride()) : Math.floorDiv(span, w.stride())) + 1;
        return ceil && (out - 1) * w.stride() >= size + before ? out - 1 : out;
    }

    /**
     * How far past the input Caffe's last window reaches, {@code (out - 1) * s + k - n - p}, at
     * least 0: with that much padding after it, windows rounding down are exactly Caffe's {@code out}.
     */
    private static int reach(int n, AxisWindow w, int out) {
        return (int) Math.max(0, (long) (out - 1) * w.stride() + w.kernel() - n - w.padBefore());
    }

    /**
     * Caffe's pooled size: rounded up (or down), then one less when the layer is padded and the
     * last window would start beyond the input and its leading padding.
     */
    private static int caffePooled(int n, AxisWindow w, boolean ceil, boolean padded) {
        long span = n + 2L * w.padBefore() - w.kernel();
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? -Math.floorDiv(-span, w.stride()) : Math.floorDiv(span, w.stride())) + 1;
        if (padded && (out - 1) * w.stride() >= n + w.padBefore()) {
            out--;
        }
        return (int) out;
    }

    private static int[] pair(CaffeLayer layer, String field, int both, int h, int w, int byDefault)
            throws ImportException {
        if (h >= 0 || w >= 0) {
            if (h < 0 || w < 0 || both >= 0) {
                throw ImportException.at(layer.name(), layer.type(), field + ": give both " + field + "_h and "
                        + field + "_w, or " + field + "_size alone");
            }
            return new int[] {h, w};
        }
        if (both < 0 && byDefault < 0) {
            throw ImportException.at(layer.name(), layer.type(), "no " + field + "_size and not global_pooling");
        }
        int v = both < 0 ? byDefault : both;
        return new int[] {v, v};
    }

    private ImportedLayer innerProduct(CaffeLayer layer, Blob in) throws ImportException {
        if (layer.innerProduct() == null || !layer.innerProduct().hasNumOutput()) {
            throw ImportException.at(layer.name(), layer.type(), "no inner_product_param { num_output }");
        }
        if (layer.innerProduct().getAxis() != 1) {
            throw ImportException.at(layer.name(), layer.type(), "axis " + layer.innerProduct().getAxis()
                    + "; convgeom's fully connected layer reads C x H x W (axis 1)");
        }
        return ImportedLayer.fullyConnected(layer.name(), layer.type(), in.layer(), in.shape(),
                layer.innerProduct().getNumOutput());
    }

    private ImportedLayer concat(CaffeLayer layer, List<Blob> bottoms) throws ImportException {
        int axis = layer.concat() == null ? 1
                : layer.concat().hasAxis() ? layer.concat().getAxis()
                : layer.concat().hasConcatDim() ? layer.concat().getConcatDim() : 1;
        if (axis != 1) {
            throw ImportException.at(layer.name(), layer.type(), "concatenates along axis " + axis
                    + "; convgeom's @Concat joins channels (axis 1)");
        }
        Shape first = bottoms.get(0).shape();
        int channels = 0;
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < bottoms.size(); i++) {
            Shape s = bottoms.get(i).shape();
            if (s.height() != first.height() || s.width() != first.width()) {
                throw ImportException.at(layer.name(), layer.type(), "joins " + layer.bottoms().get(0) + " ("
                        + first + ") and " + layer.bottoms().get(i) + " (" + s + "): heights and widths differ");
            }
            channels += s.channels();
            from.add(bottoms.get(i).layer());
        }
        if (bottoms.size() == 1) {
            return ImportedLayer.pointwise(layer.name(), layer.type(), LayerKind.POINTWISE, from.get(0), first,
                    "Concat of one blob");
        }
        return ImportedLayer.merge(layer.name(), layer.type(), LayerKind.CONCAT, from,
                new Shape(channels, first.height(), first.width()), "");
    }

    private ImportedLayer eltwise(CaffeLayer layer, List<Blob> bottoms) throws ImportException {
        Shape first = bottoms.get(0).shape();
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < bottoms.size(); i++) {
            if (!bottoms.get(i).shape().equals(first)) {
                throw ImportException.at(layer.name(), layer.type(), "combines " + layer.bottoms().get(0) + " ("
                        + first + ") and " + layer.bottoms().get(i) + " (" + bottoms.get(i).shape()
                        + "): shapes differ");
            }
            from.add(bottoms.get(i).layer());
        }
        String operation = layer.eltwise() == null ? "SUM" : layer.eltwise().getOperation().name();
        if (bottoms.size() == 1) {
            return ImportedLayer.pointwise(layer.name(), layer.type(), LayerKind.POINTWISE, from.get(0), first,
                    "Eltwise of one blob");
        }
        return ImportedLayer.merge(layer.name(), layer.type(), LayerKind.ADD, from, first,
                operation.equals("SUM") ? "" : operation + ", an element-wise merge like the sum: the same units");
    }

    /**
     * A {@code Scale} or {@code Bias} by a second bottom: one of the same shape works unit by unit,
     * an element-wise merge ({@code @Add}: the same units); one of {@code N x C} with
     * {@code axis: 0} (a 1x1 map flattened or reshaped, as SENet's prototxts write the
     * squeeze-and-excitation gate) is a {@code @Gate}. Caffe takes no other shape that varies with
     * the network's input.
     */
    private ImportedLayer byBlob(CaffeLayer layer, List<Blob> bottoms) throws ImportException {
        Blob map = bottoms.get(0);
        Blob factor = bottoms.get(1);
        int axis = layer.type().equals("Scale") ? (layer.scale() == null ? 1 : layer.scale().getAxis())
                : (layer.bias() == null ? 1 : layer.bias().getAxis());
        axis = axis < 0 ? axis + 4 : axis;
        if (!map.flattened() && !factor.flattened() && factor.shape().equals(map.shape())) {
            return ImportedLayer.merge(layer.name(), layer.type(), LayerKind.ADD, List.of(map.layer(), factor.layer()),
                    map.shape(), layer.type() + " by a blob of the same shape, unit by unit: the same units as a sum");
        }
        Shape f = factor.shape();
        boolean gate = !map.flattened() && factor.flattened() && f.height() == 1 && f.width() == 1 && axis == 0
                && f.channels() == map.shape().channels();
        if (!gate) {
            throw ImportException.at(layer.name(), layer.type(), "by blob '" + layer.bottoms().get(1) + "' ("
                    + (factor.flattened() ? "N x " + (long) f.channels() * f.height() * f.width()
                            : "N x " + f.channels() + " x " + f.height() + " x " + f.width())
                    + ", axis " + axis + ") of '" + layer.bottoms().get(0) + "' (" + map.shape() + "); convgeom"
                    + " declares a second bottom of the same shape, or of N x C with axis 0 (a squeeze-and-excitation"
                    + " gate)");
        }
        return ImportedLayer.gate(layer.name(), layer.type(), map.layer(), factor.layer(), map.shape(),
                layer.type() + " by an N x C gate (squeeze-and-excitation): every unit also reads the whole of what"
                        + " the gate pooled");
    }

    /**
     * A {@code Reshape} that changes no layout: a 1x1 map to {@code N x C} (as a Flatten) or back, or
     * a map to its own shape; 0 copies a dimension, -1 infers one. Any other is refused.
     */
    private static Blob reshape(CaffeLayer layer, Blob in) throws ImportException {
        var p = layer.reshape();
        Shape s = in.shape();
        long values = (long) s.channels() * s.height() * s.width();
        long[] bottom = in.flattened() ? new long[] {1, values} : new long[] {1, s.channels(), s.height(), s.width()};
        if (p == null || p.getAxis() != 0 || p.getNumAxes() != -1) {
            throw ImportException.at(layer.name(), layer.type(), "a Reshape from an axis other than 0; refused");
        }
        List<Long> dims = p.getShape().getDimList();
        long[] target = new long[dims.size()];
        long known = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            long d = dims.get(i);
            target[i] = d == 0 && i < bottom.length ? bottom[i] : d;
            if (d == -1) {
                infer = i;
            } else {
                known *= target[i];
            }
        }
        if (infer >= 0 && known > 0) {
            target[infer] = values / known;
        }
        if (target.length == 2 && target[0] == 1 && target[1] == values && s.height() == 1 && s.width() == 1) {
            return new Blob(in.layer(), s, true);
        }
        if (target.length == 4 && target[0] == 1 && target[1] == s.channels() && target[2] == s.height()
                && target[3] == s.width()) {
            return new Blob(in.layer(), s, false);
        }
        throw ImportException.at(layer.name(), layer.type(), "reshapes " + java.util.Arrays.toString(bottom) + " to "
                + java.util.Arrays.toString(target) + ", which changes the layout of a feature map; convgeom declares"
                + " only a 1x1 map to N x C and back");
    }

    private ImportedLayer crop(CaffeLayer layer, List<Blob> bottoms) throws ImportException {
        if (bottoms.size() != 2) {
            throw ImportException.at(layer.name(), layer.type(), "a crop reads two blobs, the cropped one and the"
                    + " one whose size it takes");
        }
        int axis = layer.crop() == null ? 2 : layer.crop().getAxis();
        List<Integer> offsets = layer.crop() == null ? List.of() : layer.crop().getOffsetList();
        Shape a = bottoms.get(0).shape();
        Shape b = bottoms.get(1).shape();
        int oy;
        int ox;
        if (axis == 2) {
            oy = offsets.isEmpty() ? 0 : offsets.get(0);
            ox = offsets.isEmpty() ? 0 : offsets.get(offsets.size() == 1 ? 0 : 1);
            if (offsets.size() > 2) {
                throw ImportException.at(layer.name(), layer.type(), offsets.size() + " offsets for 2 axes");
            }
        } else if (axis == 3 && a.height() == b.height()) {
            oy = 0;
            ox = offsets.isEmpty() ? 0 : offsets.get(0);
        } else {
            throw ImportException.at(layer.name(), layer.type(), "crops from axis " + axis
                    + "; convgeom's @Crop crops height and width (axis 2) only");
        }
        if (oy + b.height() > a.height() || ox + b.width() > a.width()) {
            throw ImportException.at(layer.name(), layer.type(), "offset " + oy + ", " + ox + " and size "
                    + b.height() + "x" + b.width() + " do not fit in " + a);
        }
        return ImportedLayer.crop(layer.name(), layer.type(), bottoms.get(0).layer(), bottoms.get(1).layer(), oy, ox,
                new Shape(a.channels(), b.height(), b.width()));
    }

    private ImportedLayer lrn(CaffeLayer layer, Blob in) throws ImportException {
        LRNParameter p = layer.lrn() == null ? LRNParameter.getDefaultInstance() : layer.lrn();
        if (p.getNormRegion() == LRNParameter.NormRegion.ACROSS_CHANNELS) {
            return ImportedLayer.pointwise(layer.name(), layer.type(), LayerKind.LRN, in.layer(), in.shape(), "LRN");
        }
        int size = p.getLocalSize();
        if (size % 2 == 0) {
            throw ImportException.at(layer.name(), layer.type(), "local_size " + size + " is even; Caffe's"
                    + " WITHIN_CHANNEL normalisation takes an odd window");
        }
        // Caffe computes WITHIN_CHANNEL with an average pooling of the squares, local_size wide,
        // stride 1, padded (local_size - 1) / 2: each unit reads exactly that window.
        AxisWindow w = new AxisWindow(size, 1, 1, (size - 1) / 2, (size - 1) / 2);
        return new ImportedLayer(layer.name(), layer.type(), LayerKind.AVG_POOL, List.of(in.layer()),
                in.shape().channels(), in.shape().channels(), 1, w, w, false, false, 1, 1, false,
                Upsample.Coordinates.HALF_PIXEL, 0, -1, 0, 0,
                "WITHIN_CHANNEL normalisation reads a " + size + "x" + size + " window around each unit",
                in.shape());
    }

    private ImportedLayer softmax(CaffeLayer layer, Blob in) throws ImportException {
        int axis = layer.softmax() == null ? 1 : layer.softmax().getAxis();
        if (axis != 1) {
            throw ImportException.at(layer.name(), layer.type(), "softmax over axis " + axis
                    + " mixes units across the map; only across channels (axis 1) is geometry-neutral");
        }
        return ImportedLayer.pointwise(layer.name(), layer.type(), LayerKind.SOFTMAX, in.layer(), in.shape(),
                "Softmax");
    }
}
