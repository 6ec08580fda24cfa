package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.testing.compile.Compilation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published Caffe deploy files import into classes that compile and declare, layer for layer,
 * the same network as the hand-declared examples (which were checked against published shapes,
 * fields and crop offsets): same kinds, windows, shapes, fields, jumps, centres and wiring. The
 * examples leave Caffe's in-place ReLU, BatchNorm and Scale layers out, so geometry-neutral layers
 * are compared through (a {@code from} naming one names what it read).
 */
class CaffeExamplesTest {

    static Path model(String name) {
        try {
            return Path.of(CaffeExamplesTest.class.getResource("/models/caffe/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} is the example {1}")
    @CsvSource({
        "bvlc_reference_caffenet.prototxt, CaffeNet, 23",
        "bvlc_googlenet.prototxt, GoogLeNet, 142",
        "ResNet-50-deploy.prototxt, ResNet50, 228",
        "voc-fcn8s-deploy.prototxt, Fcn8s, 46",
    })
    void importedDeployFileDeclaresTheExampleNetwork(String file, String example, int layers) throws Exception {
        String source = ModelImporter.toJava(model(file), null, "com.example.imported", example, line -> { });
        Compilation compilation = Generated.compile("com.example.imported", example, source);
        JsonObject imported = Generated.manifest(compilation, "com.example.imported", example);
        assertEquals(layers, imported.getAsJsonArray("layers").size(), "one field per Caffe layer");
        Generated.assertSameNetwork(Generated.exampleManifest(example), imported);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bvlc_reference_caffenet.prototxt", "voc-fcn8s-deploy.prototxt"})
    void everyFieldCarriesItsLayersNameAndType(String file) throws Exception {
        String source = ModelImporter.toJava(model(file), null, "p", "N", line -> { });
        assertTrue(source.contains("    // conv1")
                || source.contains("    // conv1_1 (Convolution)"), source);
        assertTrue(source.contains("(Pooling)"), source);
    }
}
