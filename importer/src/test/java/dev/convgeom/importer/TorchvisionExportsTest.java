package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Shape;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.writing.JavaWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real exports (torch.onnx of torchvision architectures, committed without weights): the ones the
 * annotations can state import into classes that compile, with the published output shapes (MobileNet
 * v3's squeeze-and-excitation gates as {@code @Gate}, ShuffleNet v2's channel ranges and shuffles as
 * {@code @Channels} and {@code @ChannelShuffle}). What the annotations cannot state is refused at its
 * node: {@code OnnxImportTest}.
 */
class TorchvisionExportsTest {

    private static Path model(String name) throws URISyntaxException {
        return Path.of(TorchvisionExportsTest.class.getResource("/models/torchvision/" + name + ".onnx").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // model, last spatial map (C x H x W), final output
        "resnet18, 512x7x7, 1000x1x1",
        "mobilenet_v2, 1280x7x7, 1000x1x1",
        // squeeze-and-excitation gates (@Gate) after hard-swish blocks; features end at 576x7x7
        "mobilenet_v3_small, 576x7x7, 1000x1x1",
        "squeezenet1_1, 1000x13x13, 1000x1x1",
        // FCN's dilated ResNet-50 keeps stride 8 (28x28) and upsamples bilinearly to the input.
        "fcn_resnet50, 21x224x224, 21x224x224",
        // ShuffleNet v2: channel_shuffle (Reshape, Transpose, Reshape) and chunk (Slice on axis 1).
        "shufflenet_v2_x0_5, 1024x7x7, 1000x1x1",
        // ConvNeXt: channels-last blocks (MatMuls as 1x1 convolutions); LayerNormalization at opset 17,
        // written out as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div at opset 13.
        "convnext_tiny, 768x7x7, 1000x1x1",
        "convnext_tiny_opset13, 768x7x7, 1000x1x1",
        // transform_input: each channel picked by a Gather (@Channels), scaled, shifted, concatenated.
        "googlenet_transform_input, 1024x7x7, 1000x1x1",
        "inception_v3_transform_input, 2048x8x8, 1000x1x1",
        // torch.nn.GroupNorm before opset 18: Reshape, InstanceNormalization, Reshape back (@InstanceNorm).
        "group_norm, 8x14x14, 8x14x14",
    })
    void importsCompileWithThePublishedShapes(String name, String lastMap, String output) throws Exception {
        Checked checked = ModelImporter.read(model(name), null, "Net", line -> { });
        Generated.compile("com.example", "Net", JavaWriter.write(checked, "com.example", "Net"));
        List<LayerGeometry> layers = checked.geometry();
        LayerGeometry last = layers.get(layers.size() - 1);
        assertEquals(output, last.output().toString());
        Shape spatial = null;
        for (LayerGeometry g : layers) {
            if (g.output().height() > 1) {
                spatial = g.output();
            }
        }
        assertEquals(lastMap, String.valueOf(spatial));
    }

    /**
     * ConvNeXt-T has 18 blocks (3, 3, 9, 3), each with two MatMuls on its channels-last map: 36 1x1
     * convolutions from C to 4C and back, C = 96, 192, 384, 768. At both opsets the import ends at
     * the same 768x7x7 map with the same fields: the written-out layer normalisation reads what
     * LayerNormalization reads.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"convnext_tiny", "convnext_tiny_opset13"})
    void convNeXtsMatMulsAreOneByOneConvolutions(String name) throws Exception {
        Checked checked = ModelImporter.read(model(name), null, "Net", line -> { });
        List<ImportedLayer> layers = checked.network().layers();
        List<String> matMuls = layers.stream().filter(l -> l.op().equals("MatMul"))
                .map(l -> l.kind() + " " + l.y().kernel() + "x" + l.x().kernel() + " " + l.in() + "->" + l.out())
                .distinct().toList();
        assertEquals(List.of("CONV 1x1 96->384", "CONV 1x1 384->96", "CONV 1x1 192->768", "CONV 1x1 768->192",
                "CONV 1x1 384->1536", "CONV 1x1 1536->384", "CONV 1x1 768->3072", "CONV 1x1 3072->768"), matMuls);
        assertEquals(36, layers.stream().filter(l -> l.op().equals("MatMul")).count());
        LayerGeometry last = null;
        for (LayerGeometry g : checked.geometry()) {
            if (g.output().height() == 7) {
                last = g;
            }
        }
        // The stem is 4x4 stride 4; every unit of the last 7x7 map (stride 32) sees the whole image.
        assertEquals(32.0, last.x().jump());
        Box corner = last.receptiveField(0, 0);
        assertTrue(corner.left() <= 0 && corner.right() >= 223, corner::toString);
    }

    /** GoogLeNet's and Inception v3's transform_input: three one-channel picks of the image, in order. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"googlenet_transform_input", "inception_v3_transform_input"})
    void transformInputPicksEachChannel(String name) throws Exception {
        Checked checked = ModelImporter.read(model(name), null, "Net", line -> { });
        List<String> picks = checked.network().layers().stream().filter(l -> l.kind() == LayerKind.CHANNELS)
                .map(l -> l.from().get(0) + ":" + l.firstChannel() + "+" + l.output().channels()).toList();
        assertEquals(List.of("-1:0+1", "-1:1+1", "-1:2+1"), picks);
    }

    /**
     * MobileNet v3 small has nine squeeze-and-excitation blocks (ten global poolings, the last the
     * classifier's): nine @Gate layers, each reading its block's map and a hard sigmoid of one unit.
     * The first, in features.1 on the 56x56 map after the stride-2 stem and depthwise convolution,
     * gives every unit the field of the whole pooled map: all of the 224x224 image and its padding.
     */
    @Test
    void mobileNetV3sGatesAreDeclaredAsGates() throws Exception {
        Checked checked = ModelImporter.read(model("mobilenet_v3_small"), null, "Net", line -> { });
        List<ImportedLayer> layers = checked.network().layers();
        int gates = 0;
        for (int i = 0; i < layers.size(); i++) {
            ImportedLayer l = layers.get(i);
            if (l.kind() == LayerKind.GATE) {
                gates++;
                assertEquals(1, layers.get(l.from().get(1)).output().height());
                assertEquals(layers.get(l.from().get(0)).output(), l.output());
                LayerGeometry g = checked.geometry().get(i);
                assertTrue(g.y().hasContext() && g.x().hasContext());
                Box corner = g.receptiveField(0, 0);
                assertTrue(corner.left() <= 0 && corner.right() >= 223 && corner.top() <= 0 && corner.bottom() >= 223,
                        corner::toString);
            }
        }
        assertEquals(9, gates);
    }
}
