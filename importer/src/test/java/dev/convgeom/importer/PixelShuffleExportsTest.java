package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.writing.JavaWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real torch.onnx exports of pixel shuffles (committed without weights; see the fixtures' NOTICE):
 * the PyTorch super-resolution tutorial's ESPCN, whose PixelShuffle(3) torch 1.13 writes as
 * DepthToSpace in CRD mode, and a PixelUnshuffle(2), which it writes as Reshape, Transpose,
 * Reshape. Both import, compile, and the fields of corner, edge and centre units of their output
 * are the bounding boxes of the input pixels PyTorch's gradients reach (positive weights, ReLUs
 * as the identity: measured by {@code export_pixel_shuffle.py}, not by convgeom).
 */
class PixelShuffleExportsTest {

    private static Checked imported(String name) throws Exception {
        Path file;
        try {
            file = Path.of(PixelShuffleExportsTest.class.getResource("/models/torchvision/" + name + ".onnx").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Checked checked = ModelImporter.read(file, null, "Net", line -> { });
        Generated.compile("com.example", "Net", JavaWriter.write(checked, "com.example", "Net"));
        return checked;
    }

    @Test
    void espcnDeclaresItsShuffleAndHasTheTutorialsShapes() throws Exception {
        Checked checked = imported("espcn");
        List<ImportedLayer> layers = checked.network().layers();
        ImportedLayer last = layers.get(layers.size() - 1);
        String java = JavaWriter.write(checked, "com.example", "Net");
        assertTrue(java.contains("@PixelShuffle(factor = 3)"), java);
        assertEquals("DepthToSpace", last.op());
        assertEquals("1x120x96", checked.geometry().get(layers.size() - 1).output().toString());
    }

    @Test
    void torchsUnshuffleIsOneLayer() throws Exception {
        Checked checked = imported("unshuffle");
        List<String> kinds = checked.network().layers().stream().map(l -> l.kind().annotation()).toList();
        assertEquals(List.of("Conv", "PixelUnshuffle", "Conv", "PixelShuffle"), kinds);
        assertEquals("16x9x11", checked.geometry().get(1).output().toString());
        assertEquals("2x18x22", checked.geometry().get(3).output().toString());
    }

    @ParameterizedTest(name = "{0} unit ({1}, {2})")
    @CsvSource({
        // model, unit x, y, PyTorch's box: left, top, right, bottom (inclusive)
        "espcn, 0, 0, 0, 0, 5, 5",
        "espcn, 48, 0, 11, 0, 21, 5",
        "espcn, 95, 0, 26, 0, 31, 5",
        "espcn, 5, 7, 0, 0, 6, 7",
        "espcn, 0, 60, 0, 15, 5, 25",
        "espcn, 48, 60, 11, 15, 21, 25",
        "espcn, 50, 61, 11, 15, 21, 25",
        "espcn, 0, 119, 0, 34, 5, 39",
        "espcn, 95, 119, 26, 34, 31, 39",
        "unshuffle, 0, 0, 0, 0, 7, 7",
        "unshuffle, 11, 0, 15, 0, 27, 7",
        "unshuffle, 21, 0, 35, 0, 43, 7",
        "unshuffle, 5, 7, 3, 7, 15, 19",
        "unshuffle, 0, 9, 0, 11, 7, 23",
        "unshuffle, 11, 9, 15, 11, 27, 23",
        "unshuffle, 13, 10, 19, 15, 31, 27",
        "unshuffle, 0, 17, 0, 27, 7, 35",
        "unshuffle, 21, 17, 35, 27, 43, 35",
    })
    void fieldsAreThePixelsPyTorchsGradientsReach(String model, int x, int y, int left, int top, int right,
                                                  int bottom) throws Exception {
        Checked checked = imported(model);
        LayerGeometry out = checked.geometry().get(checked.geometry().size() - 1);
        assertEquals(new Box(left, top, right, bottom), out.clippedReceptiveField(x, y));
    }
}
