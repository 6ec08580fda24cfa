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

    @Test
    void whatTheAnnotationsCannotStateIsRefusedNamingTheNodeAndOperator() throws Exception {
        OnnxBuilder gate = new OnnxBuilder(13, "x", 4, 8, 8);
        String x = gate.conv("conv", "x", 4, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String squeeze = gate.unary("GlobalAveragePool", "squeeze", x);
        String excite = gate.unary("Sigmoid", "excite", gate.conv("fc1", squeeze, 4, 4, 1, 1, 1));
        gate.merge("Mul", "scale", x, excite);
        assertRefused(gate.build("scale_out"), "'scale' (Mul): multiplies a map by a C x 1 x 1 tensor");

        OnnxBuilder split = new OnnxBuilder(13, "x", 4, 8, 8);
        split.map("Split", "halves", List.of("x"), integer("axis", 1));
        assertRefused(split.build("halves_out"), "'halves' (Split): a Split of a feature map selects channels");

        OnnxBuilder cubic = new OnnxBuilder(13, "x", 4, 8, 8);
        cubic.map("Resize", "up", List.of("x", "", cubic.floatTensor("s", 1, 1, 2, 2)), string("mode", "cubic"));
        assertRefused(cubic.build("up_out"), "'up' (Resize): mode 'cubic' reads four units per axis");

        OnnxBuilder corners = new OnnxBuilder(13, "x", 4, 8, 8);
        corners.map("Resize", "up", List.of("x", "", corners.floatTensor("s", 1, 1, 2, 2)), string("mode", "linear"),
                string("coordinate_transformation_mode", "asymmetric"));
        assertRefused(corners.build("up_out"), "'up' (Resize): mode linear with coordinate_transformation_mode"
                + " asymmetric at factor 2 reads other units than convgeom's BILINEAR (half-pixel) @Upsample");

        OnnxBuilder reflect = new OnnxBuilder(13, "x", 4, 8, 8);
        reflect.map("Pad", "pad", List.of("x", reflect.intTensor("p", 0, 0, 1, 1, 0, 0, 1, 1)),
                string("mode", "reflect"));
        assertRefused(reflect.build("pad_out"), "'pad' (Pad): mode 'reflect' fills the border with copies");

        OnnxBuilder unknown = new OnnxBuilder(13, "x", 4, 8, 8);
        unknown.map("RoiAlign", "roi", List.of("x"));
        assertRefused(unknown.build("roi_out"), "'roi' (RoiAlign): operator unknown to convgeom-import");

        OnnxBuilder tooSmall = new OnnxBuilder(13, "x", 4, 4, 4);
        tooSmall.conv("big", "x", 4, 4, 7, 7, 1);
        assertRefused(tooSmall.build("big_out"), "'big' (Conv): the 7x7 window (dilation 1x1, pads [0, 0, 0, 0])"
                + " does not fit its 4x4 input");
    }

    private void assertRefused(ModelProto model, String start) {
        ImportException e = assertThrows(ImportException.class, () -> read(model, null));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
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
        split.map("Split", "halves", List.of("x"), integer("axis", 1));
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
        assertTrue(source.contains("@Network(input = @Input(channels = 3, height = 32, width = 24))"), source);
        Generated.compile("com.example", "Net", source);
    }
}
