package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torch.onnx (1.13, opsets 11 to 17) writes the pads of {@code F.pad}, which a convolution with
 * {@code padding_mode='reflect'} or {@code 'replicate'} calls, as shape arithmetic: torch's
 * {@code (left, right, top, bottom)} padded with zeros to eight, reshaped to pairs, the pairs
 * reversed by a Slice of step -1, transposed and flattened, which gives ONNX's
 * {@code [0, 0, top, left, 0, 0, bottom, right]}. The import folded only one-dimensional slices of
 * step 1, so every such model was refused ("a Slice with step -1 in shape arithmetic"); the sweep
 * of issue 11 found it.
 */
class TorchPadLoweringTest {

    @TempDir
    Path dir;

    @Test
    void reflectPadWrittenAsTorchDoesImportsWithEachSideInPlace() throws Exception {
        // torch's (left, right, top, bottom) = (1, 2, 0, 1): a wrong order moves a side (a 5x5 window reads
        // each copy's source, as reflect padding needs).
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 8, 8);
        String zeros = b.node("ConstantOfShape", "zeros", List.of(b.intTensor("four", 4)));
        String all = b.node("Concat", "all", List.of(b.intTensor("torch_pads", 1, 2, 0, 1), zeros), integer("axis", 0));
        String pairs = b.node("Reshape", "pairs", List.of(all, b.intTensor("pair_shape", -1, 2)));
        String reversed = b.node("Slice", "reversed", List.of(pairs, b.intTensor("starts", -1),
                b.intTensor("ends", -Long.MAX_VALUE), b.intTensor("axes", 0), b.intTensor("steps", -1)));
        String columns = b.node("Transpose", "columns", List.of(reversed), ints("perm", 1, 0));
        String flat = b.node("Reshape", "flat", List.of(columns, b.intTensor("flat_shape", -1)));
        String pads = b.node("Cast", "cast", List.of(flat), integer("to", 7));
        String padded = b.map("Pad", "pad", List.of("x", pads), string("mode", "reflect"));
        ModelProto model = b.build(b.conv("conv", padded, 3, 4, 5, 5, 1));
        Path file = dir.resolve("m.onnx");
        Files.write(file, model.toByteArray());
        Checked checked = ModelImporter.read(file, null, "T", line -> { });
        String source = dev.convgeom.importer.writing.JavaWriter.write(checked, "p", "T");
        assertTrue(source.contains("@Pad(top = 0, bottom = 1, left = 1, right = 2, mode = Pad.Mode.REFLECT) Object pad;"),
                source);
        assertTrue(source.contains("k = 5) Object conv;"), source);
    }
}
