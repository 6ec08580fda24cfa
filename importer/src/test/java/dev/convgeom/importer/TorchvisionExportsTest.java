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
