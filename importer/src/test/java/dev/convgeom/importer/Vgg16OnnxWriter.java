package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes VGG-16 as an ONNX file with every weight in place (138 million floats, 553 MB of
 * {@code raw_data}), to measure a large import locally: the file is too large to commit.
 *
 * <pre>
 * java -Xmx3g -cp importer/target/test-classes:importer/target/classes:PROTOBUF_JAR \
 *     dev.convgeom.importer.Vgg16OnnxWriter /tmp/vgg16.onnx
 * time java -Xmx1g -jar importer/target/convgeom-import.jar /tmp/vgg16.onnx --package p --class Vgg16 --out /tmp/out
 * </pre>
 */
public final class Vgg16OnnxWriter {

    private Vgg16OnnxWriter() {
    }

    public static void main(String[] args) throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "input", 3, 224, 224);
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        String x = "input";
        int in = 3;
        int n = 0;
        for (int block = 0; block < blocks.length; block++) {
            for (int out : blocks[block]) {
                x = b.conv("features." + n, x, in, out, 3, 3, 1, ints("pads", 1, 1, 1, 1));
                x = b.unary("Relu", "features." + (n + 1), x);
                in = out;
                n += 2;
            }
            x = b.maxPool("features." + n, x, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
            n++;
        }
        x = b.node("Flatten", "flatten", List.of(x), integer("axis", 1));
        x = b.gemm("classifier.0", x, 512 * 7 * 7, 4096);
        x = b.gemm("classifier.3", b.node("Relu", "classifier.1", List.of(x)), 4096, 4096);
        x = b.gemm("classifier.6", b.node("Relu", "classifier.4", List.of(x)), 4096, 1000);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
            b.build(x).writeTo(out);
        }
    }
}
