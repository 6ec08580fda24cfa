package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.proto.OnnxProto.StringStringEntryProto;
import dev.convgeom.importer.proto.OnnxProto.TensorProto;
import dev.convgeom.importer.proto.OnnxProto.TypeProto;
import dev.convgeom.importer.proto.OnnxProto.ValueInfoProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX specifics: inputs, weights, external data, flattening, refusals, and the command line. */
class OnnxImportTest {

    @TempDir
    Path dir;

    private Path write(ModelProto model) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private Checked read(ModelProto model, Shape input) throws Exception {
        return ModelImporter.read(write(model), input, "T", line -> { });
    }

    private static OnnxBuilder classifier(int height, int width) {
        OnnxBuilder b = new OnnxBuilder(11, "x", 3, height, width);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2));
        x = b.unary("Relu", "relu", x);
        String mean = b.node("ReduceMean", "mean", List.of(x), ints("axes", 2, 3), integer("keepdims", 0));
        b.gemm("fc", mean, 4, 10);
        return b;
    }

    @Test
    void flattenedMapsFeedFullyConnectedLayersAndReduceMeanIsAGlobalPool() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 16, 16);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2));
        String flat = b.node("Flatten", "flatten", List.of(x), integer("axis", 1));
        String fc = b.gemm("fc", flat, 4 * 7 * 7, 10);
        b.node("Softmax", "prob", List.of(fc));
        Checked checked = read(b.build(fc), null);
        List<LayerKind> kinds = checked.network().layers().stream().map(ImportedLayer::kind).toList();
        assertEquals(List.of(LayerKind.CONV, LayerKind.FULLY_CONNECTED, LayerKind.SOFTMAX), kinds);
        assertEquals(196, checked.network().layers().get(1).in());

        Checked pooled = read(classifier(16, 16).build("fc_out"), null);
        assertEquals(LayerKind.GLOBAL_AVG_POOL, pooled.network().layers().get(2).kind());
        assertEquals(new Shape(10, 1, 1), pooled.network().layers().get(3).output());
    }

    @Test
    void weightsStayInTheMappedFileRatherThanBeingCopiedOntoTheHeap() throws Exception {
        Path file = write(classifier(16, 16).build("fc_out"));
        ModelProto parsed = dev.convgeom.importer.onnx.OnnxImporter.parseMapped(file, line -> { });
        TensorProto weight = parsed.getGraph().getInitializer(0);
        assertEquals(4 * 3 * 3 * 3 * 4, weight.getRawData().size());
        // A copy would be a heap byte[]; a slice of the mapping is a direct buffer.
        assertTrue(weight.getRawData().asReadOnlyByteBuffer().isDirect());
    }

    @Test
    void aSymbolicHeightNeedsTheInputSize() throws Exception {
        ModelProto model = classifier(-1, -1).build("fc_out");
        ImportException e = assertThrows(ImportException.class, () -> read(model, null));
        assertEquals("input 'x': its height is symbolic ('height'); give the size to declare with --input CxHxW,"
                + " e.g. --input 3x224x224", e.getMessage());
        assertEquals(new Shape(3, 40, 30), read(model, new Shape(3, 40, 30)).network().input());
    }

    @Test
    void weightsListedAsGraphInputsAreNotInputsAndExternalDataIsNeverOpened() throws Exception {
        ModelProto model = classifier(16, 16).build("fc_out");
        ModelProto.Builder old = model.toBuilder();
        // An old exporter lists every initializer as a graph input; and the convolution's weight lives
        // in a file that does not exist.
        for (TensorProto t : model.getGraph().getInitializerList()) {
            old.getGraphBuilder().addInput(ValueInfoProto.newBuilder().setName(t.getName())
                    .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
        }
        TensorProto.Builder w = old.getGraphBuilder().getInitializerBuilder(0);
        w.clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("missing.bin"));
        Checked checked = read(old.build(), null);
        assertEquals(new Shape(4, 7, 7), checked.network().layers().get(0).output());
        assertFalse(Files.exists(dir.resolve("missing.bin")));
    }

    /**
     * A gate written {@code excite * x} (torchvision's order) is declared map first; normalisations
     * over the map are @InstanceNorm, over the channels @Pointwise. conv (k 3, p 1) on 8x8 sees
     * [u - 1, u + 1]; the global pool covers [-1, 8], which every gated unit also reads.
     */
    @Test
    void gatesAndNormalisationsOverTheMapAreDeclaredExactly() throws Exception {
        OnnxBuilder b = new OnnxBuilder(17, "x", 4, 8, 8);
        String x = b.conv("conv", "x", 4, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String squeeze = b.unary("GlobalAveragePool", "squeeze", x);
        String excite = b.unary("Sigmoid", "excite", b.conv("fc1", squeeze, 4, 4, 1, 1, 1));
        String scaled = b.merge("Mul", "scale", excite, x);
        String norm = b.map("InstanceNormalization", "inorm", List.of(scaled, b.weight("s", 1f, 4), b.weight("b", 0f,
                4)));
        String ln = b.map("LayerNormalization", "lnorm", List.of(norm, b.weight("g", 1f, 4, 8, 8)),
                integer("axis", 1));
        String shift = b.unary("GlobalAveragePool", "squeeze2", ln);
        b.merge("Add", "shifted", ln, shift);
        Checked checked = read(b.build("shifted_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of(LayerKind.CONV, LayerKind.GLOBAL_AVG_POOL, LayerKind.CONV, LayerKind.SIGMOID,
                LayerKind.GATE, LayerKind.INSTANCE_NORM, LayerKind.INSTANCE_NORM, LayerKind.GLOBAL_AVG_POOL,
                LayerKind.GATE), layers.stream().map(ImportedLayer::kind).toList());
        assertEquals(List.of(0, 3), layers.get(4).from());
        assertEquals(new dev.convgeom.Box(-1, -1, 8, 8), checked.geometry().get(4).receptiveField(3, 5));
        assertEquals(new dev.convgeom.Box(-1, -1, 8, 8), checked.geometry().get(8).receptiveField(0, 0));
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Gate(from = {\"conv\", \"excite\"})"), source);
        Generated.compile("p", "T", source);

        // LayerNormalization over the last axis (the width only) and a gate of 2 channels for 4: refused.
        OnnxBuilder rows = new OnnxBuilder(17, "x", 4, 8, 8);
        rows.map("LayerNormalization", "ln", List.of("x", rows.weight("g", 1f, 8)));
        assertRefused(rows.build("ln_out"), "'ln' (LayerNormalization): LayerNormalization over axes [3]:"
                + " statistics along only one of height and width");
        OnnxBuilder narrow = new OnnxBuilder(13, "x", 4, 8, 8);
        String y = narrow.conv("conv", "x", 4, 4, 3, 3, 1);
        narrow.merge("Mul", "scale", y, narrow.conv("fc", narrow.unary("GlobalAveragePool", "gap", y), 4, 2, 1, 1, 1));
        assertRefused(narrow.build("scale_out"), "'scale' (Mul): combines a 4x6x6 map with a 2x1x1 one: a gate has"
                + " one factor per channel of the map, or one for all");
    }

    /**
     * ConvNeXt's LayerNorm2d (Transpose to channels last, LayerNormalization over the last axis,
     * Transpose back) works unit by unit: one @Pointwise with the stem's geometry. A MatMul of a
     * channels-last map by a weight of other than its channel count is refused, as is a
     * normalisation over width and channels.
     */
    @Test
    void aLayerNormalizationOverTheChannelsOfAChannelsLastMapIsPointwise() throws Exception {
        OnnxBuilder b = new OnnxBuilder(17, "x", 3, 16, 16);
        String x = b.conv("stem", "x", 3, 8, 4, 4, 1, ints("strides", 4, 4));
        x = b.node("Transpose", "to_nhwc", List.of(x), ints("perm", 0, 2, 3, 1));
        x = b.node("LayerNormalization", "ln", List.of(x, b.weight("g", 1f, 8)), integer("axis", -1));
        x = b.node("Transpose", "to_nchw", List.of(x), ints("perm", 0, 3, 1, 2));
        b.conv("conv", x, 8, 8, 3, 3, 1);
        Checked checked = read(b.build("conv_out"), null);
        assertEquals(List.of(LayerKind.CONV, LayerKind.POINTWISE, LayerKind.CONV),
                checked.network().layers().stream().map(ImportedLayer::kind).toList());
        assertEquals(checked.geometry().get(0).y(), checked.geometry().get(1).y());
        assertEquals(new Shape(8, 2, 2), checked.geometry().get(2).output());

        OnnxBuilder block = new OnnxBuilder(17, "x", 3, 16, 16);
        String y = block.node("Transpose", "to_nhwc", List.of("x"), ints("perm", 0, 2, 3, 1));
        block.node("MatMul", "pwconv", List.of(y, block.weight("w", 1f, 16, 12)));
        assertRefused(block.build("pwconv"), "'pwconv' (MatMul): multiplies the channels-last 3x16x16 map by a"
                + " weight of shape [16, 12]; only a [C, C'] weight on its 3 channels (a 1x1 convolution) is declared");
        OnnxBuilder wide = new OnnxBuilder(17, "x", 3, 16, 16);
        String z = wide.node("Transpose", "to_nhwc", List.of("x"), ints("perm", 0, 2, 3, 1));
        wide.node("LayerNormalization", "ln", List.of(z, wide.weight("g", 1f, 16, 3)), integer("axis", 2));
        assertRefused(wide.build("ln"), "'ln' (LayerNormalization): LayerNormalization from axis 2 of a"
                + " channels-last map");
    }

    /**
     * ConvNeXt's block, its layer normalisation written out as before opset 17: the channels-last
     * layout is followed through the statistics over the channels, the MatMuls (1x1 convolutions)
     * and GELU's arithmetic, to the Transpose back; the block keeps the stem's rows and columns.
     */
    @Test
    void aChannelsLastBlockBecomesOneByOneConvolutionsAndUnitByUnitLayers() throws Exception {
        Checked checked = read(OnnxRuntimeConfirmationTest.convNeXtBlock(13).build("head_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of("CONV stem", "CONV dwconv", "POINTWISE ln_sub", "POINTWISE ln_pow", "ADD ln_div",
                "POINTWISE ln_mul", "POINTWISE ln_add", "CONV pwconv1", "POINTWISE pwconv1_bias", "POINTWISE gelu_div",
                "POINTWISE gelu_erf", "POINTWISE gelu_add", "ADD gelu_mul", "POINTWISE gelu_half", "CONV pwconv2",
                "POINTWISE pwconv2_bias", "POINTWISE layer_scale", "ADD residual", "CONV head"),
                layers.stream().map(l -> l.kind() + " " + l.source()).toList());
        ImportedLayer expand = layers.get(7);
        assertEquals(List.of(1, 1, 4, 16), List.of(expand.y().kernel(), expand.x().kernel(), expand.in(),
                expand.output().channels()));
        assertEquals(new Shape(4, 15, 13), checked.geometry().get(17).output());
        assertEquals(checked.geometry().get(1).x(), checked.geometry().get(16).x());
        assertEquals(checked.geometry().get(1).y(), checked.geometry().get(16).y());
    }

    /** What would mix rows or columns of a channels-last map, or mix layouts, is refused at its node. */
    @Test
    void whatMixesRowsOrColumnsOfAChannelsLastMapIsRefused() throws Exception {
        String[][] cases = {
            {"MaxPool", "'op' (MaxPool): reads a map in channels-last layout (after a Transpose to N x H x W x C),"
                    + " where MaxPool would work along the rows or columns"},
            {"BatchNormalization", "'op' (BatchNormalization): reads a map in channels-last layout"},
            {"ReduceMean", "'op' (ReduceMean): ReduceMean over axes [1, 2] of a channels-last map (N x H x W x C):"
                    + " only a reduction over the channels (axis 3 or -1, keepdims 1) is declared there"},
            {"Mul", "'op' (Mul): a constant of shape [6, 1, 1] varies along the height or width"},
            {"Add", "'op' (Add): combines a map in channels-last layout with one in channels-first layout"},
            {"Reshape", "'op' (Reshape): reshapes the channels-last map [1, 6, 6, 3] to [1, 3, 6, 6]: regroups the rows,"
                    + " columns and channels (6 x 6 x 3) as 3 x 6 x 6; past it the axes are no longer the rows and columns"},
        };
        for (String[] c : cases) {
            OnnxBuilder b = new OnnxBuilder(13, "x", 3, 6, 6);
            String y = b.node("Transpose", "to_nhwc", List.of("x"), ints("perm", 0, 2, 3, 1));
            switch (c[0]) {
                case "ReduceMean" -> b.node("ReduceMean", "op", List.of(y), ints("axes", 1, 2));
                case "Mul" -> b.node("Mul", "op", List.of(y, b.weight("k", 2f, 6, 1, 1)));
                case "Add" -> b.node("Add", "op", List.of(y, "x"));
                case "Reshape" -> b.node("Reshape", "op", List.of(y, b.intTensor("s", 1, 3, 6, 6)));
                case "BatchNormalization" -> b.node("BatchNormalization", "op", List.of(y, b.weight("g", 1f, 6),
                        b.weight("b", 0f, 6), b.weight("m", 0f, 6), b.weight("v", 1f, 6)));
                default -> b.node(c[0], "op", List.of(y), ints("kernel_shape", 2, 2));
            }
            assertRefused(b.build("op_out"), c[1]);
        }
        OnnxBuilder stat = new OnnxBuilder(13, "x", 3, 6, 6);
        String mean = stat.node("ReduceMean", "mean", List.of("x"), ints("axes", 1));
        stat.node("MaxPool", "op", List.of(mean), ints("kernel_shape", 2, 2));
        assertRefused(stat.build("op_out"), "'op' (MaxPool): reads a statistic over the channels (a ReduceMean of"
                + " the channel axis); convgeom follows one only through unit-by-unit operators and into an"
                + " element-wise merge");
    }

    /**
     * GroupNorm before opset 18 (Reshape to N x G x -1, InstanceNormalization, Reshape back, Mul and
     * Add per channel): one @InstanceNorm, every unit reading the whole map; a Reshape back to
     * anything else is refused.
     */
    @Test
    void groupNormalisationAsReshapeAndInstanceNormalizationIsAnInstanceNorm() throws Exception {
        Checked checked = read(OnnxRuntimeConfirmationTest.groupNormalized().build("conv2_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of("CONV conv1", "INSTANCE_NORM gn_norm", "POINTWISE gn_scale", "POINTWISE gn_shift",
                "CONV conv2"), layers.stream().map(l -> l.kind() + " " + l.source()).toList());
        assertEquals(new Shape(4, 10, 10), checked.geometry().get(1).output());
        assertTrue(checked.geometry().get(1).x().hasContext() && checked.geometry().get(1).y().hasContext());

        OnnxBuilder wrong = new OnnxBuilder(13, "x", 4, 8, 8);
        String grouped = wrong.node("Reshape", "group", List.of("x", wrong.intTensor("g", 0, 2, -1)));
        String normalised = wrong.node("InstanceNormalization", "norm", List.of(grouped, wrong.weight("s", 1f, 2),
                wrong.weight("b", 0f, 2)));
        wrong.node("Reshape", "back", List.of(normalised, wrong.intTensor("t", 1, 4, 64)));
        assertRefused(wrong.build("back_out"), "'back' (Reshape): reshapes a map grouped as [1, 2, 128] to"
                + " [1, 4, 64]; a group normalisation is Reshape to N x groups x -1, InstanceNormalization, Reshape"
                + " back to N x C x H x W, and nothing else is declared");
        OnnxBuilder flattened = new OnnxBuilder(13, "x", 4, 8, 8);
        String rows = flattened.node("Reshape", "flat", List.of("x", flattened.intTensor("g", 1, 4, -1)));
        flattened.node("MaxPool", "pool", List.of(rows), ints("kernel_shape", 2, 2));
        assertRefused(flattened.build("pool_out"), "'pool' (MaxPool): reads 'flat_out', which 'flat' reshapes"
                + " [1, 4, 8, 8] to [1, 4, 64]: merges the rows and columns (8 x 8) into one axis of 64 (a sequence of"
                + " positions, as a vision transformer's tokens); convgeom declares that reshape only in a group"
                + " normalisation");
    }

    /**
     * A Gather of constant channel indices (torchvision's {@code transform_input}: {@code x[:, k]},
     * Unsqueeze) is a @Channels layer per pick; a run of indices is one; other Gathers are refused.
     */
    @Test
    void aGatherOfConstantChannelsIsAChannelsLayer() throws Exception {
        Checked checked = read(OnnxRuntimeConfirmationTest.transformInput().build("conv1_out"), null);
        List<String> picks = checked.network().layers().stream().filter(l -> l.kind() == LayerKind.CHANNELS)
                .map(l -> l.source() + " " + l.firstChannel() + "+" + l.output().channels()).toList();
        assertEquals(List.of("pick0 0+1", "pick1 1+1", "pick2 2+1"), picks);
        assertEquals(new Shape(3, 23, 19), checked.geometry().get(9).output());

        OnnxBuilder run = new OnnxBuilder(13, "x", 4, 8, 8);
        run.map("Gather", "pick", List.of("x", run.intTensor("i", -3, -2)), integer("axis", 1));
        Checked two = read(run.build("pick_out"), null);
        assertEquals("CHANNELS pick 1+2", two.network().layers().stream()
                .map(l -> l.kind() + " " + l.source() + " " + l.firstChannel() + "+" + l.output().channels())
                .findFirst().orElseThrow());

        OnnxBuilder rows = new OnnxBuilder(13, "x", 4, 8, 8);
        rows.map("Gather", "pick", List.of("x", rows.intTensor("i", 0)), integer("axis", 2));
        assertRefused(rows.build("pick_out"), "'pick' (Gather): a Gather on axis 2 picks rows or columns, which is"
                + " not convolutional geometry; only one of channels (axis 1) with constant indices is declared");
        OnnxBuilder gaps = new OnnxBuilder(13, "x", 4, 8, 8);
        gaps.map("Gather", "pick", List.of("x", gaps.intTensor("i", 0, 2)), integer("axis", 1));
        assertRefused(gaps.build("pick_out"), "'pick' (Gather): indices [0, 2] are not consecutive channels in order");
        OnnxBuilder computed = new OnnxBuilder(13, "x", 4, 8, 8);
        computed.map("Gather", "pick", List.of("x", "x"), integer("axis", 1));
        assertRefused(computed.build("pick_out"), "'pick' (Gather): the indices ('x') are computed by the network");
        OnnxBuilder outside = new OnnxBuilder(13, "x", 4, 8, 8);
        outside.map("Gather", "pick", List.of("x", outside.intScalar("i", 4)), integer("axis", 1));
        assertRefused(outside.build("pick_out"), "'pick' (Gather): index 4 is outside the 4 channels");
        OnnxBuilder unrestored = new OnnxBuilder(13, "x", 4, 8, 8);
        String picked = unrestored.node("Gather", "pick", List.of("x", unrestored.intScalar("i", 1)), integer("axis", 1));
        unrestored.map("MaxPool", "pool", List.of(picked), ints("kernel_shape", 2, 2));
        assertRefused(unrestored.build("pool_out"), "'pool' (MaxPool): reads 'pick_out', one channel picked by a"
                + " Gather without its channel axis");
        OnnxBuilder batch = new OnnxBuilder(13, "x", 4, 8, 8);
        batch.map("Unsqueeze", "add_axis", List.of("x", batch.intTensor("a", 0)));
        assertRefused(batch.build("add_axis_out"), "'add_axis' (Unsqueeze): an Unsqueeze of axes [0] of a feature"
                + " map adds an axis");
    }

    /**
     * Opset 18: a Split by num_outputs whose parts do not divide the channels (the last smaller),
     * a Pad of listed axes, and a ReduceMean whose axes are an input (a global pooling).
     */
    @Test
    void opset18sSplitPadAndReduceMeanForms() throws Exception {
        Checked checked = read(OnnxRuntimeConfirmationTest.opset18().build("conv2_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of("CONV conv1 5x10x8", "CHANNELS halves_0 3x10x8", "CHANNELS halves_1 2x10x8",
                "PAD pad 3x11x11", "CONV conv2 3x5x5"), java.util.stream.IntStream.range(0, layers.size())
                .mapToObj(i -> layers.get(i).kind() + " " + layers.get(i).source() + " "
                        + checked.geometry().get(i).output()).toList());
        assertEquals(3, layers.get(2).firstChannel());

        OnnxBuilder pooled = new OnnxBuilder(18, "x", 3, 8, 8);
        String x = pooled.conv("conv", "x", 3, 4, 3, 3, 1);
        pooled.node("ReduceMean", "mean", List.of(x, pooled.intTensor("axes", 2, 3)), integer("keepdims", 1));
        Checked mean = read(pooled.build("mean_out"), null);
        assertEquals(LayerKind.GLOBAL_AVG_POOL, mean.network().layers().get(1).kind());

        OnnxBuilder odd = new OnnxBuilder(18, "x", 4, 8, 8);
        odd.map("Pad", "pad", List.of("x", odd.intTensor("pads", 1, 1, 1), "", odd.intTensor("axes", 2, 3)));
        assertRefused(odd.build("pad_out"), "'pad' (Pad): pads [1, 1, 1] for axes [2, 3]: a Pad with axes takes two"
                + " pads per axis");
    }

    @Test
    void whatTheAnnotationsCannotStateIsRefusedNamingTheNodeAndOperator() throws Exception {

        OnnxBuilder split = new OnnxBuilder(13, "x", 4, 8, 8);
        split.map("Split", "halves", List.of("x"), integer("axis", 2));
        assertRefused(split.build("halves_out"), "'halves' (Split): a Split along axis 2 (rows): a spatial split"
                + " picks units by position, which convgeom's annotations do not state; only a Split of the channels"
                + " (axis 1) is declared, as @Channels");

        OnnxBuilder rows = new OnnxBuilder(13, "x", 4, 8, 8);
        rows.map("Slice", "top", List.of("x", rows.intTensor("s", 0, 0), rows.intTensor("e", 2, 4),
                rows.intTensor("a", 1, 2)));
        assertRefused(rows.build("top_out"), "'top' (Slice): slices axis 2 (rows 0 to 4 of 8): a spatial Slice picks"
                + " units by position, which convgeom's annotations do not state; only a Slice of the channels (axis"
                + " 1) is declared, as @Channels");

        OnnxBuilder strided = new OnnxBuilder(13, "x", 4, 8, 8);
        strided.map("Slice", "even", List.of("x", strided.intTensor("s", 0), strided.intTensor("e", 4),
                strided.intTensor("a", 1), strided.intTensor("st", 2)));
        assertRefused(strided.build("even_out"), "'even' (Slice): takes every 2th channel; only a contiguous range");

        OnnxBuilder empty = new OnnxBuilder(13, "x", 4, 8, 8);
        empty.map("Slice", "none", List.of("x", empty.intTensor("s", 3), empty.intTensor("e", -2),
                empty.intTensor("a", 1)));
        assertRefused(empty.build("none_out"), "'none' (Slice): selects channels 3 to 2 (exclusive) of 4: no channel");

        OnnxBuilder transpose = new OnnxBuilder(13, "x", 4, 8, 8);
        transpose.map("Transpose", "hw", List.of("x"), ints("perm", 0, 1, 3, 2));
        assertRefused(transpose.build("hw_out"), "'hw' (Transpose): a Transpose with perm [0, 1, 3, 2] of a"
                + " feature map reorders axes; the ones declared are a channel shuffle's");

        OnnxBuilder unshuffled = new OnnxBuilder(13, "x", 4, 8, 8);
        String grouped = unshuffled.node("Reshape", "group", List.of("x", unshuffled.intTensor("g", 1, 2, 2, 8, 8)));
        unshuffled.map("Reshape", "back", List.of(grouped, unshuffled.intTensor("b", 1, 4, 8, 8)));
        assertRefused(unshuffled.build("back_out"), "'back' (Reshape): reshapes a grouped [1, 2, 2, 8, 8] map to"
                + " [1, 4, 8, 8]; a channel shuffle is Reshape to N x groups x C/groups x H x W, Transpose");

        OnnxBuilder unknownMode = new OnnxBuilder(13, "x", 4, 8, 8);
        unknownMode.map("Resize", "up", List.of("x", "", unknownMode.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "lanczos"));
        assertRefused(unknownMode.build("up_out"), "'up' (Resize): mode 'lanczos' is none of nearest, linear and cubic");

        // cubic: unit 0 of an asymmetric x2 sits on input unit 0 (one tap), unit 1 between (four taps)
        OnnxBuilder cubicAsymmetric = new OnnxBuilder(13, "x", 4, 8, 8);
        cubicAsymmetric.map("Resize", "up", List.of("x", "", cubicAsymmetric.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "cubic"), string("coordinate_transformation_mode", "asymmetric"));
        assertRefused(cubicAsymmetric.build("up_out"), "'up' (Resize): resizes 8 to 16 columns with asymmetric: output"
                + " column 0 sits at input position 0 and reads columns 0 to 0, column 1 at 1/2 reads -1 to 2");
        OnnxBuilder cubicCoefficient = new OnnxBuilder(13, "x", 4, 8, 8);
        cubicCoefficient.map("Resize", "up", List.of("x", "", cubicCoefficient.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "cubic"), OnnxBuilder.floating("cubic_coeff_a", 0.5f));
        assertRefused(cubicCoefficient.build("up_out"), "'up' (Resize): cubic_coeff_a = 0.5: convgeom states a cubic"
                + " kernel exactly for a coefficient from -2 to 0 that is a multiple of 1/1024");
        OnnxBuilder cubicCrop = new OnnxBuilder(13, "x", 4, 8, 8);
        cubicCrop.map("Resize", "up", List.of("x", "", cubicCrop.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "cubic"), string("coordinate_transformation_mode", "tf_crop_and_resize"));
        assertRefused(cubicCrop.build("up_out"), "'up' (Resize): coordinate_transformation_mode tf_crop_and_resize"
                + " reads its region of interest from the roi input, which is not known at import");
        // aligned corners on one unit: one message for every mode
        for (String mode : List.of("nearest", "linear", "cubic")) {
            OnnxBuilder one = new OnnxBuilder(13, "x", 4, 1, 8);
            one.map("Resize", "up", List.of("x", "", one.floatTensor("s", 1, 1, 2, 2)), string("mode", mode),
                    string("coordinate_transformation_mode", "align_corners"));
            assertRefused(one.build("up_out"), "'up' (Resize): align_corners stretches a map of 1x8 to 2x16: one unit"
                    + " stretched over several has no step; refused");
        }

        OnnxBuilder tf = new OnnxBuilder(13, "x", 4, 8, 8);
        tf.map("Resize", "up", List.of("x", "", tf.floatTensor("s", 1, 1, 2, 2)), string("mode", "linear"),
                string("coordinate_transformation_mode", "tf_crop_and_resize"));
        assertRefused(tf.build("up_out"), "'up' (Resize): coordinate_transformation_mode tf_crop_and_resize"
                + " reads its region of interest from the roi input, which is not known at import (neither a"
                + " constant nor computed from constants); convgeom states a crop and resize of a constant region"
                + " only; refused rather than approximated");

        OnnxBuilder roundNearest = new OnnxBuilder(13, "x", 4, 8, 8);
        roundNearest.map("Resize", "up", List.of("x", "", roundNearest.floatTensor("s", 1, 1, 3, 3)),
                string("mode", "nearest"), string("coordinate_transformation_mode", "asymmetric"));
        assertRefused(roundNearest.build("up_out"), "'up' (Resize): resizes 8 to 24 columns with asymmetric and"
                + " round_prefer_floor: output column 23 sits at input position 23/3, which rounds to column 8,"
                + " outside the 8 of the input; ONNX copies the border column there");

        OnnxBuilder tfNearest = new OnnxBuilder(13, "x", 4, 8, 8);
        tfNearest.map("Resize", "up", List.of("x", "", tfNearest.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "nearest"), string("coordinate_transformation_mode", "tf_crop_and_resize"));
        assertRefused(tfNearest.build("up_out"), "'up' (Resize): coordinate_transformation_mode tf_crop_and_resize"
                + " reads its region of interest");

        OnnxBuilder oneUnit = new OnnxBuilder(13, "x", 4, 1, 8);
        oneUnit.map("Resize", "up", List.of("x", "", oneUnit.floatTensor("s", 1, 1, 2, 2)), string("mode", "linear"),
                string("coordinate_transformation_mode", "align_corners"));
        assertRefused(oneUnit.build("up_out"), "'up' (Resize): align_corners stretches a map of 1x8 to 2x16");

        // Reflecting 8 rows of an 8-row map would copy row 8, which does not exist (ONNX Runtime refuses it too).
        OnnxBuilder reflect = new OnnxBuilder(13, "x", 4, 8, 8);
        reflect.map("Pad", "pad", List.of("x", reflect.intTensor("p", 0, 0, 8, 1, 0, 0, 1, 1)),
                string("mode", "reflect"));
        assertRefused(reflect.build("pad_out"), "'pad' (Pad): convgeom's geometry refuses it:");
        // An edge pad read by a ReLU before the window: the processor would refuse the class at
        // the pad's mode, so the import refuses it first, naming the pad.
        OnnxBuilder edgeRelu = new OnnxBuilder(13, "x", 4, 8, 8);
        String padded = edgeRelu.map("Pad", "pad", List.of("x", edgeRelu.intTensor("p", 0, 0, 1, 1, 0, 0, 1, 1)),
                string("mode", "edge"));
        String relu = edgeRelu.unary("Relu", "relu", padded);
        assertRefused(edgeRelu.build(edgeRelu.conv("conv", relu, 4, 4, 3, 3, 1)),
                "'pad' (Pad): convgeom's geometry refuses it:");
        OnnxBuilder wrap = new OnnxBuilder(13, "x", 4, 8, 8);
        wrap.map("Pad", "pad", List.of("x", wrap.intTensor("p", 0, 0, 1, 1, 0, 0, 1, 1)), string("mode", "wrap"));
        assertRefused(wrap.build("pad_out"), "'pad' (Pad): mode 'wrap': only constant, reflect and edge are known");

        OnnxBuilder unknown = new OnnxBuilder(13, "x", 4, 8, 8);
        unknown.map("RoiAlign", "roi", List.of("x"));
        assertRefused(unknown.build("roi_out"), "'roi' (RoiAlign): operator unknown to convgeom-import");
        // Pixel shuffles import (PixelShuffleImportTest); what ONNX itself forbids is refused by name.
        OnnxBuilder shuffle = new OnnxBuilder(13, "x", 18, 8, 8);
        shuffle.map("DepthToSpace", "ps", List.of("x"), integer("blocksize", 4));
        assertRefused(shuffle.build("ps_out"), "'ps' (DepthToSpace): its input has 18 channels, not a multiple of"
                + " blocksize^2 = 16");
        OnnxBuilder unshuffle = new OnnxBuilder(13, "x", 4, 9, 8);
        unshuffle.map("SpaceToDepth", "pu", List.of("x"), integer("blocksize", 2));
        assertRefused(unshuffle.build("pu_out"), "'pu' (SpaceToDepth): its input's 9 x 8 rows and columns are not"
                + " multiples of blocksize 2");

        OnnxBuilder tooSmall = new OnnxBuilder(13, "x", 4, 4, 4);
        tooSmall.conv("big", "x", 4, 4, 7, 7, 1);
        assertRefused(tooSmall.build("big_out"), "'big' (Conv): the 7x7 window (dilation 1x1, pads [0, 0, 0, 0])"
                + " does not fit its 4x4 input");
    }

    /**
     * tf_crop_and_resize with a constant roi: each way the region cannot be stated exactly is
     * refused, naming the node, the roi and the reason.
     */
    @Test
    void cropAndResizeRegionsThatCannotBeStatedAreRefusedWithTheReason() throws Exception {
        assertRefused(crop(new float[] {0, 0, -0.25f, 0, 1, 1, 1, 1}, null), "'up' (Resize): roi [0.0, 0.0, -0.25, 0.0,"
                + " 1.0, 1.0, 1.0, 1.0] along the rows (-0.25 to 1.0) reaches beyond the map: the output units sampled"
                + " outside it take extrapolation_value and read no input unit, which convgeom's fields cannot state;"
                + " refused rather than approximated");
        assertRefused(crop(new float[] {0, 0, 0, 0.25f, 1, 1, 1, 1.5f}, null), "'up' (Resize): roi [0.0, 0.0, 0.0, 0.25,"
                + " 1.0, 1.0, 1.0, 1.5] along the columns (0.25 to 1.5) reaches beyond the map");
        assertRefused(crop(new float[] {0, 0, 0.75f, 0, 1, 1, 0.25f, 1}, null), "'up' (Resize): roi [0.0, 0.0, 0.75, 0.0,"
                + " 1.0, 1.0, 0.25, 1.0] along the rows (0.75 to 0.25): the start does not lie before the end");
        assertRefused(crop(new float[] {0, 0.5f, 0, 0, 1, 1, 1, 1}, null), "'up' (Resize): roi [0.0, 0.5, 0.0, 0.0, 1.0,"
                + " 1.0, 1.0, 1.0] crops the batch or the channels");
        assertRefused(crop(new float[] {0, 0, 0.25f}, null), "'up' (Resize): roi [0.0, 0.0, 0.25] has 3 values, but a"
                + " 4-D tf_crop_and_resize takes a start and an end per axis (8)");
        // scales: the specification's output is floor(8 * 0.5 * 2) = 8 columns, ONNX Runtime's floor(8 * 2) = 16
        assertRefused(crop(new float[] {0, 0, 0, 0.25f, 1, 1, 1, 0.75f}, new float[] {1, 1, 2, 2}), "'up' (Resize):"
                + " resizes by scales with a region of interest: the ONNX specification gives floor(n * (end - start) *"
                + " scale) = 8 columns, ONNX Runtime floor(n * scale) = 16; give sizes instead of scales");
    }

    /** A tf_crop_and_resize (linear) of an 8x8 map to 16x16 (sizes) or by {@code scales}, the roi given. */
    private static ModelProto crop(float[] roi, float[] scales) {
        OnnxBuilder b = new OnnxBuilder(13, "x", 4, 8, 8);
        b.map("Resize", "up", List.of("x", b.floatTensor("roi", roi), scales == null ? "" : b.floatTensor("s", scales),
                        scales == null ? b.intTensor("sizes", 1, 4, 16, 16) : ""),
                string("mode", "linear"), string("coordinate_transformation_mode", "tf_crop_and_resize"));
        return b.build("up_out");
    }

    /**
     * tf_crop_and_resize of a constant region becomes {@code @Upsample(coordinates = CROP_AND_RESIZE)}
     * with the region's exact bounds, a whole axis left unwritten.
     */
    @Test
    void cropAndResizeOfAConstantRegionBecomesCropAndResizeCoordinates() throws Exception {
        Checked checked = read(crop(new float[] {0, 0, 0.25f, 0, 1, 1, 0.75f, 1}, null), null);
        String source = JavaWriter.write(checked, "com.example", "Crop");
        assertTrue(source.contains("mode = Upsample.Mode.BILINEAR, coordinates = Upsample.Coordinates.CROP_AND_RESIZE,"
                + " roiY = {0.25, 0.75})"), source);
        Generated.compile("com.example", "Crop", source);
        assertEquals(new Shape(4, 16, 16), checked.geometry().get(0).output());
    }

    private void assertRefused(ModelProto model, String start) {
        ImportException e = assertThrows(ImportException.class, () -> read(model, null));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void resizesByDifferentWholeFactorsPerAxisBecomeFactorXAndFactorY() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 5, 4);
        String x = b.map("Resize", "wide", List.of("x", "", b.floatTensor("s", 1, 1, 2, 3)), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
        b.map("Resize", "tall", List.of(x, "", "", b.intTensor("sizes", 1, 3, 30, 12)), string("mode", "linear"));
        Checked checked = read(b.build("tall_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(new Shape(3, 10, 12), layers.get(0).output());
        assertEquals(List.of(3, 2), List.of(layers.get(0).factorX(), layers.get(0).factorY()));
        assertEquals(List.of(1, 3), List.of(layers.get(1).factorX(), layers.get(1).factorY()));
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Upsample(factorX = 3, factorY = 2, coordinates = Upsample.Coordinates.ASYMMETRIC,"
                + " rounding = Upsample.Rounding.FLOOR) Object wide;"), source);
        assertTrue(source.contains("@Upsample(factorX = 1, factorY = 3, mode = Upsample.Mode.BILINEAR) Object tall;"),
                source);

        OnnxBuilder coordinates = new OnnxBuilder(13, "x", 3, 5, 4);
        String corners = coordinates.map("Resize", "corners", List.of("x", "", coordinates.floatTensor("s", 1, 1, 2, 2)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        coordinates.map("Resize", "asym", List.of(corners, "", coordinates.floatTensor("s3", 1, 1, 1, 3)),
                string("mode", "linear"), string("coordinate_transformation_mode", "asymmetric"));
        String placed = dev.convgeom.importer.writing.JavaWriter.write(read(coordinates.build("asym_out"), null), "p",
                "T");
        assertTrue(placed.contains("@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,"
                + " coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object corners;"), placed);
        assertTrue(placed.contains("@Upsample(factorX = 3, factorY = 1, mode = Upsample.Mode.BILINEAR,"
                + " coordinates = Upsample.Coordinates.ASYMMETRIC) Object asym;"), placed);

        OnnxBuilder fractional = new OnnxBuilder(13, "x", 3, 4, 4);
        fractional.map("Resize", "up", List.of("x", "", "", fractional.intTensor("sizes", 1, 3, 8, 6)),
                string("mode", "nearest"));
        // ONNX's default nearest (half-pixel, round_prefer_floor) by 3/2 along the columns, 2 along the rows.
        String nearest = dev.convgeom.importer.writing.JavaWriter.write(read(fractional.build("up_out"), null), "p",
                "T");
        assertTrue(nearest.contains("@Upsample(factorX = 3, perX = 2, factorY = 2) Object up;"), nearest);
    }

    @Test
    void cubicResizesBecomeCubicUpsamplingsWithTheirKernel() throws Exception {
        // PyTorch's bicubic by 2 (pytorch_half_pixel, a = -0.75), TensorFlow's kernel excluding the outside
        // by 3/2, and the two-tap kernel with aligned corners by 3
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 5, 4);
        String x = b.map("Resize", "bicubic", List.of("x", "", b.floatTensor("s", 1, 1, 2, 2)), string("mode", "cubic"),
                string("coordinate_transformation_mode", "pytorch_half_pixel"),
                OnnxBuilder.floating("cubic_coeff_a", -0.75f));
        String y = b.map("Resize", "tf", List.of(x, "", "", b.intTensor("sizes", 1, 3, 15, 12)), string("mode", "cubic"),
                OnnxBuilder.floating("cubic_coeff_a", -0.5f), OnnxBuilder.integer("exclude_outside", 1));
        b.map("Resize", "corners", List.of(y, "", b.floatTensor("s3", 1, 1, 3, 3)), string("mode", "cubic"),
                string("coordinate_transformation_mode", "align_corners"), OnnxBuilder.floating("cubic_coeff_a", 0f));
        Checked checked = read(b.build("corners_out"), null);
        assertEquals(new Shape(3, 45, 36), checked.network().layers().get(2).output());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Upsample(factor = 2, mode = Upsample.Mode.CUBIC) Object bicubic;"), source);
        assertTrue(source.contains("@Upsample(factor = 3, per = 2, mode = Upsample.Mode.CUBIC, cubicCoefficient = -0.5,"
                + " excludeOutside = true) Object tf;"), source);
        assertTrue(source.contains("@Upsample(factor = 3, mode = Upsample.Mode.CUBIC,"
                + " coordinates = Upsample.Coordinates.ALIGN_CORNERS, cubicCoefficient = 0) Object corners;"), source);
    }

    @Test
    void linearResizesToFractionalSizesBecomeFactorOverPer() throws Exception {
        // LR-ASPP at 520 pixels: 33 to 65 (65/33), then 65 to 520 (a whole 8); per axis 7 to 10 and 6 to 9 (3/2)
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 33, 33);
        String x = b.map("Resize", "up", List.of("x", "", "", b.intTensor("sizes", 1, 3, 65, 65)),
                string("mode", "linear"), string("coordinate_transformation_mode", "half_pixel"));
        b.map("Resize", "image", List.of(x, "", "", b.intTensor("sizes2", 1, 3, 520, 520)), string("mode", "linear"));
        Checked checked = read(b.build("image_out"), null);
        assertEquals(List.of(65, 33, 65, 33), List.of(checked.network().layers().get(0).factorX(),
                checked.network().layers().get(0).perX(), checked.network().layers().get(0).factorY(),
                checked.network().layers().get(0).perY()));
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Upsample(factor = 65, per = 33, mode = Upsample.Mode.BILINEAR) Object up;"),
                source);
        assertTrue(source.contains("@Upsample(factor = 8, mode = Upsample.Mode.BILINEAR) Object image;"), source);

        OnnxBuilder apart = new OnnxBuilder(13, "x", 3, 7, 6);
        apart.map("Resize", "up", List.of("x", "", "", apart.intTensor("sizes", 1, 3, 10, 9)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        String written = dev.convgeom.importer.writing.JavaWriter.write(read(apart.build("up_out"), null), "p", "T");
        assertTrue(written.contains("@Upsample(factorX = 3, perX = 2, factorY = 10, perY = 7,"
                + " mode = Upsample.Mode.BILINEAR, coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object up;"),
                written);

        // Shrinking: to sizes, the factor is out / in; by scales, the scale itself (0.5 on 7 units
        // gives 3, two units apart: 1/2, not 3/7).
        OnnxBuilder down = new OnnxBuilder(13, "x", 3, 8, 8);
        down.map("Resize", "down", List.of("x", "", "", down.intTensor("sizes", 1, 3, 5, 8)), string("mode", "linear"));
        String shrunk = dev.convgeom.importer.writing.JavaWriter.write(read(down.build("down_out"), null), "p", "T");
        assertTrue(shrunk.contains("@Upsample(factorX = 1, factorY = 5, perY = 8, mode = Upsample.Mode.BILINEAR)"
                + " Object down;"), shrunk);
        OnnxBuilder half = new OnnxBuilder(13, "x", 3, 7, 7);
        half.map("Resize", "half", List.of("x", "", half.floatTensor("scales", 1, 1, 0.5f, 0.5f)),
                string("mode", "linear"), string("coordinate_transformation_mode", "pytorch_half_pixel"));
        Checked halved = read(half.build("half_out"), null);
        String halvedSource = dev.convgeom.importer.writing.JavaWriter.write(halved, "p", "T");
        assertTrue(halvedSource.contains("@Upsample(factor = 1, per = 2, mode = Upsample.Mode.BILINEAR) Object half;"),
                halvedSource);
        assertEquals(3, halved.geometry().get(0).output().width());

        OnnxBuilder nearest = new OnnxBuilder(13, "x", 3, 8, 8);
        nearest.map("Resize", "down", List.of("x", "", "", nearest.intTensor("sizes", 1, 3, 4, 8)),
                string("mode", "nearest"));
        // Nearest shrinks too: ONNX's default half-pixel round_prefer_floor copies rows 0, 2, 4, 6
        // (positions 1/2, 5/2, ... round halves down).
        Checked nearestShrunk = read(nearest.build("down_out"), null);
        String nearestSource = dev.convgeom.importer.writing.JavaWriter.write(nearestShrunk, "p", "T");
        assertTrue(nearestSource.contains("@Upsample(factorX = 1, factorY = 1, perY = 2) Object down;"), nearestSource);
        for (int row = 0; row < 4; row++) {
            assertEquals(2 * row, nearestShrunk.geometry().get(0).receptiveField(0, row).top(), "row " + row);
            assertEquals(2 * row, nearestShrunk.geometry().get(0).receptiveField(0, row).bottom(), "row " + row);
        }
        OnnxBuilder antialias = new OnnxBuilder(18, "x", 3, 8, 8);
        antialias.map("Resize", "down", List.of("x", "", "", antialias.intTensor("sizes", 1, 3, 4, 4)),
                string("mode", "linear"), integer("antialias", 1));
        assertRefused(antialias.build("down_out"), "'down' (Resize): resizes 8x8 to 4x4 with antialias = 1, which"
                + " widens the interpolation beyond the two units around each position when shrinking");
        OnnxBuilder cubicAntialias = new OnnxBuilder(18, "x", 3, 8, 8);
        cubicAntialias.map("Resize", "down", List.of("x", "", cubicAntialias.floatTensor("scales", 1, 1, 0.5f, 0.5f)),
                string("mode", "cubic"), OnnxBuilder.integer("antialias", 1));
        assertRefused(cubicAntialias.build("down_out"), "'down' (Resize): resizes 8x8 to 4x4 with antialias = 1, which"
                + " widens the interpolation beyond the four units around each position when shrinking; convgeom's"
                + " CUBIC @Upsample reads those four only");
        OnnxBuilder empty = new OnnxBuilder(13, "x", 3, 8, 8);
        empty.map("Resize", "down", List.of("x", "", empty.floatTensor("scales", 1, 1, 0.1f, 1)),
                string("mode", "linear"));
        assertRefused(empty.build("down_out"), "'down' (Resize): resizes 8x8 to 0x8: an axis of no units; refused");
        // pytorch_half_pixel puts a single output unit at 0; half-pixel 1/9 would read unit 4.
        OnnxBuilder one = new OnnxBuilder(13, "x", 3, 9, 9);
        one.map("Resize", "one", List.of("x", "", "", one.intTensor("sizes", 1, 3, 1, 9)),
                string("mode", "linear"), string("coordinate_transformation_mode", "pytorch_half_pixel"));
        assertRefused(one.build("one_out"), "'one' (Resize): resizes 9 to 1 rows with pytorch_half_pixel coordinates,"
                + " but ONNX Runtime computes the positions in float");
    }

    @Test
    void asymmetricPaddingBecomesAPadLayerAndSameUpperStaysSame() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 15, 15);
        String x = b.conv("asym", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 0, 0, 1, 1));
        b.conv("same", x, 4, 4, 3, 3, 1, ints("strides", 2, 2), string("auto_pad", "SAME_UPPER"));
        Checked checked = read(b.build("same_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of(LayerKind.PAD, LayerKind.CONV, LayerKind.CONV), layers.stream().map(ImportedLayer::kind)
                .toList());
        assertEquals(List.of("asym_pad", "asym", "same"), checked.names());
        assertTrue(layers.get(2).same());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Pad(top = 0, bottom = 1, left = 0, right = 1) Object asym_pad;"), source);
        assertTrue(source.contains("padding = Padding.SAME"), source);
    }

    /**
     * SAME_UPPER pooling whose total padding is odd (window 4, stride 1: one before, two after)
     * stays SAME, as on a convolution; the writer used to reach for symmetric padding and throw
     * (found by ONNX Runtime on {@code RandomDags} seed 15). The declaration compiles.
     */
    @Test
    void sameUpperPoolingWithOddPaddingIsDeclaredSame() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 19, 19);
        b.avgPool("avg", "x", ints("kernel_shape", 4, 4), ints("strides", 1, 1), string("auto_pad", "SAME_UPPER"));
        b.maxPool("max", "avg_out", ints("kernel_shape", 2, 2), ints("strides", 2, 2), string("auto_pad", "SAME_UPPER"));
        Checked checked = read(b.build("max_out"), null);
        assertEquals(List.of(LayerKind.AVG_POOL, LayerKind.MAX_POOL), checked.network().layers().stream()
                .map(ImportedLayer::kind).toList());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@AvgPool(k = 4, s = 1, padding = Padding.SAME) Object avg;"), source);
        assertTrue(source.contains("import dev.convgeom.Padding;"), source);
        Generated.compile("p", "T", source);
    }

    /**
     * A Split (sizes as an input), a Slice with a negative axis and an end past the channels, and
     * a channel shuffle become {@code @Channels} and {@code @ChannelShuffle} with the ranges worked
     * out here: 6 channels split 2 + 4; a Slice of channels 1 to the end of the 4 is 3 of them.
     */
    @Test
    void channelSplitsSlicesAndShufflesAreDeclaredExactly() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 6, 8, 8);
        List<String> parts = b.split("parts", "x", 2, 4);
        String tail = b.map("Slice", "tail", List.of(parts.get(1), b.intTensor("s", 1), b.intTensor("e", 100),
                b.intTensor("a", -3)));
        String cat = b.merge("Concat", "cat", parts.get(0), tail);
        b.shuffle("mix", cat, 5, 5, 8, 8);
        Checked checked = read(b.build("mix_out"), null);
        assertEquals(List.of("parts_0", "parts_1", "tail", "cat", "mix"), checked.names());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("// parts_0 (Split): part 1 of 2 of 'parts'"), source);
        assertTrue(source.contains("@Channels(first = 0, count = 2) Object parts_0;"), source);
        assertTrue(source.contains("@Channels(from = \"input\", first = 2, count = 4) Object parts_1;"), source);
        assertTrue(source.contains("@Channels(first = 1, count = 3) Object tail;"), source);
        assertTrue(source.contains("// mix (Reshape): channel shuffle in 5 groups (Reshape 'mix_group', Transpose"
                + " 'mix_swap', Reshape)"), source);
        assertTrue(source.contains("@ChannelShuffle(groups = 5) Object mix;"), source);
        assertEquals(new Shape(5, 8, 8), checked.geometry().get(4).output());
        Generated.compile("p", "T", source);
    }

    @Test
    void dilatedPoolingKeepsItsDilationAndPaddingBeyondHalfItsSpanMovesToAPad() throws Exception {
        OnnxBuilder b = new OnnxBuilder(19, "x", 2, 20, 17);
        String x = b.maxPool("dmax", "x", ints("kernel_shape", 3, 3), ints("strides", 1, 1), ints("pads", 2, 2, 2, 2),
                ints("dilations", 2, 2));
        x = b.avgPool("davg", x, ints("kernel_shape", 2, 3), ints("strides", 2, 1), ints("pads", 0, 1, 0, 1),
                ints("dilations", 3, 2));
        // span 3 * (2 - 1) + 1 = 4 rows: padding 3 is more than half of it
        b.maxPool("wide", x, ints("kernel_shape", 2, 2), ints("strides", 1, 1), ints("pads", 3, 0, 3, 0),
                ints("dilations", 3, 1));
        Checked checked = read(b.build("wide_out"), null);
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of(LayerKind.MAX_POOL, LayerKind.AVG_POOL, LayerKind.PAD, LayerKind.MAX_POOL),
                layers.stream().map(ImportedLayer::kind).toList());
        // By hand: spans 5x5 (20 + 4 - 5 + 1, 17 + 4 - 5 + 1), then 4 rows by 5 columns
        // ((20 - 4) / 2 + 1, 17 + 2 - 5 + 1), then 4 rows by 2 columns padded by 3 rows each side.
        assertEquals(new Shape(2, 20, 17), layers.get(0).output());
        assertEquals(new Shape(2, 9, 15), layers.get(1).output());
        assertEquals(new Shape(2, 15 - 4 + 1, 15 - 2 + 1), layers.get(3).output());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("d = 2)"), source);
        assertTrue(source.contains("dh = 3, dw = 2)"), source);
        assertTrue(source.contains("@Pad(top = 3, bottom = 3, left = 0, right = 0)"), source);
        Generated.compile("p", "T", source);
    }

    @Test
    void aDilatedConvTransposeOfStrideOneKeepsItsDilation() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 2, 6, 5);
        // rows stride 1 dilated 3, columns stride 2 dense; pads 2, 1 each side.
        b.convTranspose("up", "x", 2, 3, 3, ints("strides", 1, 2), ints("dilations", 3, 1), ints("pads", 2, 1, 2, 1));
        Checked checked = read(b.build("up_out"), null);
        // ONNX: s * (n - 1) + output_padding + d * (k - 1) + 1 - pads: 5 + 7 - 4 = 8, 8 + 3 - 2 = 9.
        assertEquals(new Shape(3, 8, 9), checked.network().layers().get(0).output());
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("dh = 3, dw = 1"), source);
        Generated.compile("p", "T", source);

        OnnxBuilder strided = new OnnxBuilder(13, "x", 2, 6, 5);
        strided.convTranspose("up", "x", 2, 3, 3, ints("strides", 2, 2), ints("dilations", 1, 3));
        assertRefused(strided.build("up_out"), "'up' (ConvTranspose): dilations 1x3 with strides 2x2: its output"
                + " units read their inputs out of order");
    }

    @Test
    void onFailureTheCommandLineExitsNonZeroAndWritesNothing() throws Exception {
        OnnxBuilder split = new OnnxBuilder(13, "x", 4, 8, 8);
        split.map("Split", "halves", List.of("x"), integer("axis", 2));
        Path model = write(split.build("halves_out"));
        Path out = dir.resolve("src");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {model.toString(), "--package", "com.example", "--class", "Net", "--out",
            out.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("model.onnx: 'halves' (Split)"));
        assertFalse(Files.exists(out));

        assertEquals(2, Main.run(new String[] {model.toString(), "--package", "com.example"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        assertEquals(2, Main.run(new String[] {model.toString(), "--package", "p", "--class", "N", "--out", "o",
            "--input", "224x224"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void theCommandLineWritesTheClassUnderItsPackage() throws Exception {
        Path model = write(classifier(-1, -1).build("fc_out"));
        Path out = dir.resolve("src");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {model.toString(), "--package", "com.example", "--class", "Net", "--out",
            out.toString(), "--input", "3x32x24"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String source = Files.readString(out.resolve("com/example/Net.java"));
        assertTrue(source.contains("@Network(input = @Input(channels = 3, height = 32, width = 24)"), source);
        Generated.compile("com.example", "Net", source);
    }
}
