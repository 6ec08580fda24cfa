package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import dev.convgeom.importer.caffe.CaffeImporter;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.writing.JavaWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms real prototxts come in, read with protobuf's text format: the three input forms,
 * legacy V1 layers, single quotes, comments, several fields on a line, in-place layers; Caffe's
 * defaults (pooling stride 1, rounding up); and what is refused, naming the layer and its type.
 */
class CaffeFormsTest {

    private static final String BODY = """
            layer { name: 'conv1' type: 'Convolution' bottom: 'data' top: 'conv1'   # single quotes, a comment
              convolution_param { num_output: 8 kernel_size: 3 stride: 2 } }
            layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
            layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1"
              pooling_param { pool: MAX kernel_size: 3 } }
            """;

    private static ImportedNetwork parse(String text) throws ImportException {
        return CaffeImporter.parse(text, "test.prototxt", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "input: 'data' input_dim: 1 input_dim: 3 input_dim: 31 input_dim: 29\n",
        "input: \"data\"\ninput_shape { dim: 1 dim: 3 dim: 31 dim: 29 }\n",
        "layer { name: 'data' type: 'Input' top: 'data' input_param { shape { dim: 1 dim: 3 dim: 31 dim: 29 } } }\n",
    })
    void allThreeInputFormsDeclareTheSameNetwork(String input) throws Exception {
        ImportedNetwork net = parse(input + BODY);
        assertEquals(new Shape(3, 31, 29), net.input());
        assertEquals(List.of(LayerKind.CONV, LayerKind.RELU, LayerKind.MAX_POOL),
                net.layers().stream().map(ImportedLayer::kind).toList());
        // conv1: floor((31 - 3) / 2) + 1 = 15, floor((29 - 3) / 2) + 1 = 14; pool1 strides 1 by
        // Caffe's default and rounds up: 15 - 3 + 1 = 13, 14 - 3 + 1 = 12.
        assertEquals(new Shape(8, 15, 14), net.layers().get(0).output());
        assertEquals(new Shape(8, 13, 12), net.layers().get(2).output());
        assertEquals(1, net.layers().get(2).y().stride());
        assertTrue(net.layers().get(2).ceil());
        // The in-place ReLU rebinds "conv1": the pooling reads the ReLU.
        assertEquals(List.of(1), net.layers().get(2).from());
    }

    @Test
    void legacyV1LayersReadLikeCurrentOnes() throws Exception {
        ImportedNetwork net = parse("""
                input: "data" input_dim: 1 input_dim: 3 input_dim: 31 input_dim: 29
                layers { name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1"
                  convolution_param { num_output: 8 kernel_size: 3 stride: 2 } }
                layers { name: "relu1" type: RELU bottom: "conv1" top: "conv1" }
                layers { name: "pool1" type: POOLING bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 3 } }
                layers { name: "fc" type: INNER_PRODUCT bottom: "pool1" top: "fc" inner_product_param { num_output: 10 } }
                """);
        assertEquals(List.of(LayerKind.CONV, LayerKind.RELU, LayerKind.MAX_POOL, LayerKind.FULLY_CONNECTED),
                net.layers().stream().map(ImportedLayer::kind).toList());
        assertEquals("Convolution", net.layers().get(0).op());
        assertEquals(8 * 13 * 12, net.layers().get(3).in());
    }

    @Test
    void withinChannelNormalisationIsTheWindowItReads() throws Exception {
        ImportedNetwork net = parse("input: 'data' input_dim: 1 input_dim: 3 input_dim: 9 input_dim: 9\n"
                + "layer { name: 'n' type: 'LRN' bottom: 'data' top: 'n' lrn_param { local_size: 5"
                + " norm_region: WITHIN_CHANNEL } }");
        ImportedLayer lrn = net.layers().get(0);
        assertEquals(LayerKind.AVG_POOL, lrn.kind());
        assertEquals(5, lrn.y().kernel());
        assertEquals(2, lrn.y().padBefore());
        assertEquals(new Shape(3, 9, 9), lrn.output());
    }

    @Test
    void poolingPaddedBeyondHalfItsWindowPadsFirstWhereThatIsExact() throws Exception {
        // A 2x2 max pooling, stride 2, padded 2 on 9 units: convgeom's @MaxPool takes at most 1,
        // so the padding becomes a @Pad. Rounding down, Caffe gives floor((9 + 4 - 2) / 2) + 1 = 6,
        // and so does the unpadded window over the 13 padded units.
        String pool = "layer { name: 'p' type: 'Pooling' bottom: 'data' top: 'p' pooling_param { pool: MAX"
                + " kernel_size: 2 stride: 2 pad: 2 %s} }";
        String head = "input: 'data' input_dim: 1 input_dim: 1 input_dim: 9 input_dim: 9\n";
        var checked = ModelImporter.read(writeTemp(head + pool.formatted("round_mode: FLOOR ")), null, "T",
                line -> { });
        assertEquals(List.of(LayerKind.PAD, LayerKind.MAX_POOL),
                checked.network().layers().stream().map(ImportedLayer::kind).toList());
        assertEquals(new Shape(1, 6, 6), checked.geometry().get(1).output());
        // Rounding up, Caffe keeps ceil(11 / 2) + 1 = 7 less one (the last window would start at
        // 12 >= 9 + 2): 6, starting at -2, 0, ..., 8; over the 13 padded units convgeom's rounding up
        // would keep 7. Declared exactly: padded 2 before and 1 after (the last window, 8..9, reaches
        // 1 past the input), then windows rounding down: (12 - 2) / 2 + 1 = 6.
        var ceil = ModelImporter.read(writeTemp(head + pool.formatted("")), null, "T", line -> { });
        List<ImportedLayer> layers = ceil.network().layers();
        assertEquals(List.of(LayerKind.PAD, LayerKind.MAX_POOL), layers.stream().map(ImportedLayer::kind).toList());
        assertEquals(2, layers.get(0).y().padBefore());
        assertEquals(1, layers.get(0).y().padAfter());
        assertEquals(false, layers.get(1).ceil());
        assertEquals(new Shape(1, 6, 6), ceil.geometry().get(1).output());
        assertEquals(new dev.convgeom.Box(-2, -2, -1, -1), ceil.geometry().get(1).receptiveField(0, 0));
        assertEquals(new dev.convgeom.Box(8, 8, 9, 9), ceil.geometry().get(1).receptiveField(5, 5));
        Generated.compile("p", "T", dev.convgeom.importer.writing.JavaWriter.write(ceil, "p", "T"));
    }

    /**
     * SENet's form of squeeze-and-excitation: the sigmoid reshaped to N x C, then a Scale of the map
     * by it along axis 0, declared as a @Gate. conv1 (k 3, p 1) sees [u - 1, u + 1]; the global
     * pool covers conv1's units 0..31, [-1, 32], which every unit of the gated map also reads.
     */
    @Test
    void senetsScaleByAnNxCBlobIsAGate() throws Exception {
        String head = "input: 'data' input_dim: 1 input_dim: 3 input_dim: 32 input_dim: 32\n"
                + "layer { name: 'conv1' type: 'Convolution' bottom: 'data' top: 'conv1'"
                + " convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }\n"
                + "layer { name: 'pool' type: 'Pooling' bottom: 'conv1' top: 'pool'"
                + " pooling_param { pool: AVE global_pooling: true } }\n"
                + "layer { name: 'down' type: 'Convolution' bottom: 'pool' top: 'down'"
                + " convolution_param { num_output: 2 kernel_size: 1 } }\n"
                + "layer { name: 'relu' type: 'ReLU' bottom: 'down' top: 'down' }\n"
                + "layer { name: 'up' type: 'Convolution' bottom: 'down' top: 'up'"
                + " convolution_param { num_output: 8 kernel_size: 1 } }\n"
                + "layer { name: 'prob' type: 'Sigmoid' bottom: 'up' top: 'up' }\n"
                + "layer { name: 'prob_reshape' type: 'Reshape' bottom: 'up' top: 'prob_reshape'"
                + " reshape_param { shape { dim: 0 dim: -1 } } }\n";
        String scale = "layer { name: 'scale' type: 'Scale' bottom: 'conv1' bottom: '%s' top: 'scale'"
                + " scale_param { axis: %d } }\n";
        var checked = ModelImporter.read(writeTemp(head + scale.formatted("prob_reshape", 0)), null, "Se",
                line -> { });
        assertEquals(List.of(LayerKind.CONV, LayerKind.GLOBAL_AVG_POOL, LayerKind.CONV, LayerKind.RELU, LayerKind.CONV,
                LayerKind.SIGMOID, LayerKind.GATE), checked.network().layers().stream().map(ImportedLayer::kind).toList());
        assertEquals(List.of(0, 5), checked.network().layers().get(6).from());
        var gate = checked.geometry().get(6);
        assertEquals(new dev.convgeom.Box(-1, -1, 32, 32), gate.receptiveField(10, 20));
        assertEquals(new Shape(8, 32, 32), gate.output());
        Generated.compile("com.example", "Se", dev.convgeom.importer.writing.JavaWriter.write(checked, "com.example",
                "Se"));
        // The same blob before its reshape, N x C x 1 x 1, is no shape Caffe scales a map by: refused.
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(writeTemp(head + scale.formatted("up", 1)), null, "Se", line -> { }));
        assertTrue(e.getMessage().startsWith("'scale' (Scale): by blob 'up' (N x 8 x 1 x 1, axis 1) of 'conv1' (8x32x32);"
                + " convgeom declares a second bottom of the same shape, or of N x C with axis 0"), e.getMessage());
    }

    @Test
    void refusalsNameTheLayerItsTypeAndTheReason() {
        String head = "input: 'data' input_dim: 1 input_dim: 6 input_dim: 9 input_dim: 9\n";
        ImportException slice = assertThrows(ImportException.class, () -> parse(head
                + "layer { name: 'rows' type: 'Slice' bottom: 'data' top: 'a' top: 'b' slice_param { axis: 2 } }"));
        assertTrue(slice.getMessage().startsWith("'rows' (Slice): slices axis 2: a Slice of rows or columns picks"
                + " spatial units"), slice.getMessage());
        ImportException unknown = assertThrows(ImportException.class, () -> parse(head
                + "layer { name: 'rois' type: 'ROIPooling' bottom: 'data' top: 'r' }"));
        assertTrue(unknown.getMessage().contains("'rois' (ROIPooling): not convolutional geometry: the"
                + " convolutional trunk ends at [data]"), unknown.getMessage());
        ImportException training = assertThrows(ImportException.class, () -> parse(
                "layer { name: 'd' type: 'Data' top: 'data' }\n"));
        assertTrue(training.getMessage().contains("import the deploy prototxt"), training.getMessage());
        ImportException syntax = assertThrows(ImportException.class, () -> parse("layer { name: "));
        assertTrue(syntax.getMessage().startsWith("test.prototxt is not a Caffe prototxt"), syntax.getMessage());
    }

    @Test
    void aCaffePoolingWhoseLastWindowStartsBeyondItsUnpaddedInputIsDeclaredWithThatWindow() throws Exception {
        // A 1-wide window, stride 3, over 8 units, unpadded: Caffe rounds up to ceil(7 / 3) + 1 = 4
        // windows and, without padding, keeps the fourth, which starts at unit 9, beyond the input
        // (it reads nothing: Caffe clips it to 9..8). convgeom's rounding up drops it; declared
        // exactly as 2 units of padding after the input and windows rounding down over the 10:
        // (10 - 1) / 3 + 1 = 4, at 0, 3, 6, 9.
        String text = "input: 'data' input_dim: 1 input_dim: 1 input_dim: 8 input_dim: 8\n"
                + "layer { name: 'p' type: 'Pooling' bottom: 'data' top: 'p' pooling_param { pool: MAX"
                + " kernel_size: 1 stride: 3 } }";
        var checked = ModelImporter.read(writeTemp(text), null, "T", line -> { });
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of(LayerKind.PAD, LayerKind.MAX_POOL), layers.stream().map(ImportedLayer::kind).toList());
        assertEquals(2, layers.get(0).x().padAfter());
        var pooled = checked.geometry().get(1);
        assertEquals(new Shape(1, 4, 4), pooled.output());
        assertEquals(new dev.convgeom.Box(6, 6, 6, 6), pooled.receptiveField(2, 2));
        assertEquals(new dev.convgeom.Box(9, 9, 9, 9), pooled.receptiveField(3, 3));
        Generated.compile("p", "T", dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T"));
    }

    /**
     * A Slice on the channels becomes one {@code @Channels} per top, at its slice points or in
     * equal parts (Caffe's SliceLayer), current and V1 files alike; the class compiles to the
     * channel counts, worked out here by hand: 6 channels cut at 1 and 4 are 1, 3 and 2; 6 in
     * two equal parts are 3 and 3.
     */
    @Test
    void aSliceOnTheChannelsIsOneChannelsLayerPerTop() throws Exception {
        String text = "input: 'data' input_dim: 1 input_dim: 6 input_dim: 9 input_dim: 9\n"
                + "layer { name: 'cut' type: 'Slice' bottom: 'data' top: 'a' top: 'b' top: 'c'"
                + " slice_param { slice_point: 1 slice_point: 4 } }\n"
                + "layer { name: 'conv' type: 'Convolution' bottom: 'b' top: 'conv'"
                + " convolution_param { num_output: 2 kernel_size: 3 pad: 1 } }\n"
                + "layer { name: 'cat' type: 'Concat' bottom: 'a' bottom: 'conv' bottom: 'c' top: 'cat' }\n"
                + "layer { name: 'halves' type: 'Slice' bottom: 'data' top: 'h1' top: 'h2' slice_param { slice_dim: 1 } }\n"
                + "layer { name: 'sum' type: 'Eltwise' bottom: 'h1' bottom: 'h2' top: 'sum' }\n";
        var checked = ModelImporter.read(writeTemp(text), null, "Sliced", line -> { });
        List<ImportedLayer> layers = checked.network().layers();
        assertEquals(List.of("a", "b", "c", "conv", "cat", "h1", "h2", "sum"), checked.names());
        assertEquals(List.of(new Shape(1, 9, 9), new Shape(3, 9, 9), new Shape(2, 9, 9)),
                layers.subList(0, 3).stream().map(ImportedLayer::output).toList());
        assertEquals(new Shape(5, 9, 9), checked.geometry().get(4).output());
        assertEquals(new Shape(3, 9, 9), checked.geometry().get(7).output());
        String source = JavaWriter.write(checked, "com.example", "Sliced");
        assertTrue(source.contains("// b (Slice): part 2 of 3 of 'cut'"), source);
        assertTrue(source.contains("@Channels(from = \"input\", first = 1, count = 3) Object b;"), source);
        assertTrue(source.contains("@Channels(from = \"input\", first = 3, count = 3) Object h2;"), source);
        Generated.compile("com.example", "Sliced", source);

        String v1 = "input: 'data' input_dim: 1 input_dim: 4 input_dim: 5 input_dim: 5\n"
                + "layers { name: 'cut' type: SLICE bottom: 'data' top: 'x' top: 'y' slice_param { slice_point: 3 } }\n";
        assertEquals(List.of(new Shape(3, 5, 5), new Shape(1, 5, 5)),
                parse(v1).layers().stream().map(ImportedLayer::output).toList());
    }

    @Test
    void aSliceThatDoesNotCutTheChannelsIsRefused() {
        String head = "input: 'data' input_dim: 1 input_dim: 5 input_dim: 9 input_dim: 9\n";
        ImportException unequal = assertThrows(ImportException.class, () -> parse(head
                + "layer { name: 's' type: 'Slice' bottom: 'data' top: 'a' top: 'b' }"));
        assertEquals("'s' (Slice): no slice_point, and 5 channels do not split into 2 equal parts",
                unequal.getMessage());
        ImportException order = assertThrows(ImportException.class, () -> parse(head
                + "layer { name: 's' type: 'Slice' bottom: 'data' top: 'a' top: 'b' top: 'c'"
                + " slice_param { slice_point: 3 slice_point: 2 } }"));
        assertTrue(order.getMessage().startsWith("'s' (Slice): slice_point [3, 2] does not cut 5 channels into 3"
                + " non-empty increasing parts"), order.getMessage());
        ImportException count = assertThrows(ImportException.class, () -> parse(head
                + "layer { name: 's' type: 'Slice' bottom: 'data' top: 'a' top: 'b' slice_param { slice_point: 1"
                + " slice_point: 2 } }"));
        assertTrue(count.getMessage().startsWith("'s' (Slice): 2 slice_point values for 2 tops"), count.getMessage());
    }

    private static java.nio.file.Path writeTemp(String text) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("caffe", ".prototxt");
            java.nio.file.Files.writeString(file, text);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Caffe's Crop offsets are in axis order, height (y) first: offset 1 then 3 crops rows from 1
     * and columns from 3. The written class states them per axis, x first, and compiles.
     */
    @Test
    void aCropsCaffeOffsetsAreWrittenPerAxis() throws Exception {
        ImportedNetwork net = parse("input: 'data' input_dim: 1 input_dim: 2 input_dim: 9 input_dim: 11\n"
                + "layer { name: 'small' type: 'Convolution' bottom: 'data' top: 'small'"
                + " convolution_param { num_output: 2 kernel_size: 3 stride: 3 } }\n"
                + "layer { name: 'c' type: 'Crop' bottom: 'data' bottom: 'small' top: 'c'"
                + " crop_param { axis: 2 offset: 1 offset: 3 } }\n");
        ImportedLayer crop = net.layers().get(1);
        assertEquals(1, crop.offsetY());
        assertEquals(3, crop.offsetX());
        String source = dev.convgeom.importer.writing.JavaWriter.write(
                dev.convgeom.importer.model.NetworkCheck.check(net, "Net"), "com.example", "Net");
        assertTrue(source.contains("offsetX = 3, offsetY = 1"), source);
        Generated.compile("com.example", "Net", source);
    }
}
