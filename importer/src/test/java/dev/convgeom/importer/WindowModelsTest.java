package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sweep of issue 11 met in torchvision's window and transformer models (Swin, MaxViT,
 * ViT; torch 1.13): Swin pads its map to whole windows with {@code (window - size % window) %
 * window}, written as ONNX {@code Mod} in shape arithmetic, which the import did not fold ("operator
 * on constants unknown"), so a plain Pad was refused for the wrong reason; and the Reshapes that
 * partition a map into windows or flatten it into tokens were refused with their shapes only, not
 * with what they do to the rows and columns.
 */
class WindowModelsTest {

    @TempDir
    Path dir;

    private Checked read(ModelProto model) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        return ModelImporter.read(file, null, "T", line -> { });
    }

    /** {@code (axis of x) % 7} written as torch writes it: Shape, Gather, Mod, Unsqueeze. */
    private static String dimension(OnnxBuilder b, String x, int axis) {
        String shape = b.node("Shape", "shape" + axis, List.of(x));
        return b.node("Gather", "size" + axis, List.of(shape, b.intScalar("axis" + axis, axis)), integer("axis", 0));
    }

    @Test
    void padsComputedWithModFoldWithPythonsSignOfTheDivisor() throws Exception {
        // 3 x 8 x 10: bottom = (7 - 8 % 7) % 7 = 6; right = (-10) mod 7 = 4 as torch's integer Mod (fmod 0)
        // takes the divisor's sign (C's remainder, -3, would be a negative pad, refused).
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 8, 10);
        String seven = b.intScalar("seven", 7);
        String hMod = b.node("Mod", "h_mod", List.of(dimension(b, "x", 2), seven));
        String bottom = b.node("Mod", "bottom", List.of(b.node("Sub", "h_rest", List.of(seven, hMod)), seven));
        String right = b.node("Mod", "right", List.of(b.node("Neg", "minus_w", List.of(dimension(b, "x", 3))), seven));
        String pads = b.node("Concat", "pads", List.of(b.intTensor("begin", 0, 0, 0, 0, 0, 0),
                b.node("Unsqueeze", "bottom1", List.of(bottom, b.intTensor("at0", 0))),
                b.node("Unsqueeze", "right1", List.of(right, b.intTensor("at0b", 0)))), integer("axis", 0));
        String padded = b.map("Pad", "pad", List.of("x", pads));
        Checked checked = read(b.build(b.conv("patches", padded, 3, 4, 7, 7, 1, ints("strides", 7, 7))));
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Pad(top = 0, bottom = 6, left = 0, right = 4"), source);
        assertEquals(new dev.convgeom.Shape(4, 2, 2), checked.network().layers().get(1).output());
    }

    @Test
    void aWindowPartitionIsRefusedNamingTheRowsAndColumnsItSplits() throws Exception {
        // MaxViT: view(N, C, H/w, w, W/w, w), then permute(0, 2, 4, 3, 5, 1) to windows of w x w x C. The Reshape
        // alone is also a pixel unshuffle's first step, so the Transpose is where the import stops.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 10, 10);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1);
        String split = b.node("Reshape", "partition", List.of(x, b.intTensor("windows", 1, 4, 2, 4, 2, 4)));
        b.node("Transpose", "windows_first", List.of(split), ints("perm", 0, 2, 4, 3, 5, 1));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("windows_first")));
        assertEquals("'windows_first' (Transpose): reads 'partition_out', which 'partition' reshapes [1, 4, 8, 8] to"
                + " [1, 4, 2, 4, 2, 4]: splits the rows (8) into 2 x 4 and the columns (8) into 2 x 4 (a window"
                + " partition, as window attention makes); this Transpose (perm [0, 2, 4, 3, 5, 1]) is not a pixel"
                + " unshuffle's, so past it the axes are no longer the rows and columns that convgeom's layers read and"
                + " no field can be stated", e.getMessage());
    }

    @Test
    void aChannelsLastWindowPartitionIsRefusedAsAPartitionNotAsALayoutProblem() throws Exception {
        // Swin's layout: N x H x W x C after a Transpose, then view(N, H/w, w, W/w, w, C).
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 10, 10);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1);
        String last = b.node("Transpose", "to_last", List.of(x), ints("perm", 0, 2, 3, 1));
        b.node("Reshape", "partition", List.of(last, b.intTensor("windows", 0, 2, 4, 2, 4, -1)));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("partition")));
        assertTrue(e.getMessage().startsWith("'partition' (Reshape): reshapes the channels-last map [1, 8, 8, 4] to"
                + " [1, 2, 4, 2, 4, 4]: splits the rows (8) into 2 x 4 and the columns (8) into 2 x 4 (a window"
                + " partition, as window attention makes); past it"), e.getMessage());
    }

    @Test
    void flatteningIntoTokensIsRefusedNamingTheMergedAxes() throws Exception {
        // A vision transformer's patch embedding: conv, reshape(N, C, H * W), permute(0, 2, 1). The Reshape alone
        // is also a group normalisation's first step (N x G x -1 with G = C), so the Transpose is refused.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 10, 10);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1);
        String tokens = b.node("Reshape", "tokens", List.of(x, b.intTensor("sequence", 1, 4, -1)));
        b.node("Transpose", "sequence_first", List.of(tokens), ints("perm", 0, 2, 1));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("sequence_first")));
        assertEquals("'sequence_first' (Transpose): reads 'tokens_out', which 'tokens' reshapes [1, 4, 8, 8] to [1, 4, 64]:"
                + " merges the rows and columns (8 x 8) into one axis of 64 (a sequence of positions, as a vision"
                + " transformer's tokens); convgeom declares that reshape only in a group normalisation"
                + " (InstanceNormalization, then the Reshape back to N x C x H x W)", e.getMessage());
    }

    @Test
    void aChannelsLastPadIsThePadOfTheMapAndPartitioningFollows() throws Exception {
        // Swin: Transpose to N x H x W x C, F.pad(x, (0, 0, 0, 2, 0, 1)) to whole windows of 5, then the
        // partition. The Pad was refused as "working along the rows or columns of a channels-last map", which
        // hid the partition; its pads [0, 0, 0, 0, 0, 1, 2, 0] are rows + 1 at the bottom, columns + 2 at the right.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 11, 10);
        String x = b.conv("conv", "x", 3, 4, 3, 3, 1);
        String last = b.node("Transpose", "to_last", List.of(x), ints("perm", 0, 2, 3, 1));
        String padded = b.node("Pad", "pad", List.of(last, b.intTensor("pads", 0, 0, 0, 0, 0, 1, 2, 0)));
        b.node("Reshape", "partition", List.of(padded, b.intTensor("windows", 1, 2, 5, 2, 5, 4)));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("partition")));
        assertTrue(e.getMessage().startsWith("'partition' (Reshape): reshapes the channels-last map [1, 10, 10, 4] to"
                + " [1, 2, 5, 2, 5, 4]: splits the rows (10) into 2 x 5 and the columns (10) into 2 x 5"), e.getMessage());
    }

    @Test
    void aChannelsLastPadOfTheChannelsIsRefusedWithItsPadsInItsOwnOrder() throws Exception {
        // F.pad(x, (1, 1)) of an N x H x W x C map pads C: the node's pads are [0, 0, 0, 1, 0, 0, 0, 1]. They were
        // reported reordered as an N x C x H x W map's, [0, 1, 0, 0, 0, 1, 0, 0], which no node of the model states.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 8, 8);
        String last = b.node("Transpose", "to_last", List.of(b.conv("conv", "x", 3, 4, 3, 3, 1)), ints("perm", 0, 2, 3, 1));
        b.node("Pad", "pad", List.of(last, b.intTensor("pads", 0, 0, 0, 1, 0, 0, 0, 1)));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("pad_out")));
        assertEquals("'pad' (Pad): pads [0, 0, 0, 1, 0, 0, 0, 1] of a channels-last map (N x H x W x C) pad the"
                + " channels (axis 3); only its rows and columns (axes 1 and 2) are declared, as a @Pad", e.getMessage());
    }

    @Test
    void aChannelsLastPadThatCropsIsRefusedWithItsPadsInItsOwnOrder() throws Exception {
        // A negative top pad of the rows (axis 1 of N x H x W x C) crops one row.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 8, 8);
        String last = b.node("Transpose", "to_last", List.of(b.conv("conv", "x", 3, 4, 3, 3, 1)), ints("perm", 0, 2, 3, 1));
        b.node("Pad", "pad", List.of(last, b.intTensor("pads", 0, -1, 0, 0, 0, 0, 0, 0)));
        ImportException e = assertThrows(ImportException.class, () -> read(b.build("pad_out")));
        assertEquals("'pad' (Pad): negative pads [0, -1, 0, 0, 0, 0, 0, 0] of a channels-last map (N x H x W x C)"
                + " crop; not supported", e.getMessage());
    }
}
