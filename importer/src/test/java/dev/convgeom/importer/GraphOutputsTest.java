package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that returns a map later layers also read: torchvision's detection bodies (backbone +
 * FPN) return P4 and P5 and the P6 that a 1x1 max pooling takes from P5. The import wrote no
 * {@code outputs}, so convgeom's default (the layers no other layer reads) left P5 out: the
 * generated class had no shortcuts for it, and the processor warned that three quarters of P5's
 * units are read by no path to an output. The sweep of issue 11 found it in every FPN body.
 */
class GraphOutputsTest {

    @TempDir
    Path dir;

    private String imported(ModelProto model) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        Checked checked = ModelImporter.read(file, null, "T", line -> { });
        String source = JavaWriter.write(checked, "com.example", "T");
        Generated.compile("com.example", "T", source);
        return source;
    }

    @Test
    void aReturnedMapThatAlsoFeedsALaterLayerIsDeclaredAnOutputInTheModelsOrder() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 16, 16);
        String p4 = b.conv("p4", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String p5 = b.conv("p5", p4, 4, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        b.map("MaxPool", "p6", List.of(p5), ints("kernel_shape", 1, 1), ints("strides", 2, 2));
        String source = imported(b.build("p6_out"));   // the builder returns every map it made: p4, p5, p6
        assertTrue(source.contains("@Network(input = @Input(channels = 3, height = 16, width = 16),"
                + " outputs = {\"p4\", \"p5\", \"p6\"})"), source);
    }

    @Test
    void aModelReturningOnlyTheMapsNoLayerReadsKeepsTheDefault() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, 16, 16);
        String x = b.node("Conv", "hidden", List.of("x", b.weight("w", 0.1f, 4, 3, 3, 3)));
        b.node("MaxPool", "pool", List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        String source = imported(b.build("pool_out"));   // node(...) maps are not returned: only pool_out is
        assertTrue(source.contains("@Network(input = @Input(channels = 3, height = 16, width = 16))"), source);
        assertEquals(-1, source.indexOf("outputs ="), source);
    }
}
