package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Shape;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.writing.JavaWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real exports (torch.onnx of torchvision architectures, committed without weights): the ones the
 * annotations can state import into classes that compile, with the published output shapes; the
 * ones they cannot are refused at the node that cannot be stated.
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mobilenet_v3_small|'/features/features.1/block/block.1/Mul' (Mul): multiplies a map by a C x 1 x 1 tensor",
    })
    void whatTheAnnotationsCannotStateIsRefusedAtItsNode(String name, String start) {
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(model(name), null, "Net", line -> { }));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
