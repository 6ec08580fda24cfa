package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.LayerGeometry;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.writing.JavaWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's {@code F.interpolate(scale_factor = 2, mode = 'bicubic')} as torch.onnx 1.13 writes it
 * (fixtures made by {@code src/test/fixtures/export_bicubic.py}: a 3x3 convolution, then the
 * resize, on 8x6): {@code Resize} with {@code mode = cubic}, {@code cubic_coeff_a = -0.75} and
 * {@code half_pixel} or {@code align_corners}. With {@code align_corners = False} it imports as
 * PyTorch's bicubic, its fields those PyTorch's gradients give (the script prints them for a row
 * of 12: output column 0 reads columns 0 to 1, column 3 reads 0 to 3, column 23 reads 10 to 11);
 * with {@code align_corners = True} unit 0 sits on input unit 0 and reads it alone while unit 1
 * reads four, which convgeom's fields cannot state: refused, saying so.
 */
class TorchBicubicExportTest {

    private static Path fixture(String name) throws Exception {
        return Paths.get(TorchBicubicExportTest.class.getResource("/models/torch/" + name).toURI());
    }

    @Test
    void bicubicWithoutAlignedCornersImportsAsPyTorchsBicubic() throws Exception {
        Checked checked = ModelImporter.read(fixture("bicubic_align_corners_false.onnx"), null, "Bicubic",
                line -> { });
        String source = JavaWriter.write(checked, "com.example", "Bicubic");
        assertTrue(source.contains("@Upsample(factor = 2, mode = Upsample.Mode.CUBIC)"), source);
        Generated.compile("com.example", "Bicubic", source);
        LayerGeometry up = checked.geometry().get(checked.geometry().size() - 1);
        assertEquals(16, up.output().height());
        assertEquals(12, up.output().width());
        // A 3x3 convolution with padding 1 reads columns u - 1 .. u + 1; output column 0 sits at
        // -1/4 and reads convolution columns -2 .. 1, so input columns -3 .. 2; column 3 at 5/4
        // reads 0 .. 3, so -1 .. 4; the last, 11, at 21/4 reads 4 .. 7, so 3 .. 8.
        assertEquals(-3, up.receptiveField(0, 0).left());
        assertEquals(2, up.receptiveField(0, 0).right());
        assertEquals(-1, up.receptiveField(3, 0).left());
        assertEquals(4, up.receptiveField(3, 0).right());
        assertEquals(3, up.receptiveField(11, 0).left());
        assertEquals(8, up.receptiveField(11, 0).right());
    }

    @Test
    void bicubicWithAlignedCornersIsRefusedWithTheReason() throws Exception {
        ImportException e = assertThrows(ImportException.class, () -> ModelImporter.read(
                fixture("bicubic_align_corners_true.onnx"), null, "Bicubic", line -> { }));
        assertTrue(e.getMessage().contains("(Resize): resizes 6 to 12 columns with align_corners: output column 0"
                + " sits at input position 0 and reads columns 0 to 0, column 1 at 5/11 reads -1 to 2"),
                e.getMessage());
    }
}
