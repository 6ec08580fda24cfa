package dev.convgeom.importer;

import dev.convgeom.Shape;
import dev.convgeom.importer.caffe.CaffeImporter;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.NetworkCheck;
import dev.convgeom.importer.onnx.OnnxImporter;
import dev.convgeom.importer.writing.JavaWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The library entry point: a model file (ONNX, or a Caffe deploy prototxt) to the source of the
 * {@code @Network} class that declares it.
 *
 * <pre>{@code
 * String source = ModelImporter.toJava(Path.of("resnet50.onnx"), null, "com.example", "ResNet50", System.err::println);
 * }</pre>
 */
public final class ModelImporter {

    private ModelImporter() {
    }

    /**
     * Reads {@code model} into the imported network, checked against convgeom's geometry.
     *
     * @param input    the input size to declare instead of the model's, or null (needed when the
     *                 model's height or width is symbolic)
     * @param progress receives a line at each stage of a long import
     * @throws ImportException if the file cannot be read or a node cannot be declared exactly
     */
    public static NetworkCheck.Checked read(Path model, Shape input, String className, Consumer<String> progress)
            throws ImportException {
        ImportedNetwork network;
        try {
            network = isOnnx(model) ? OnnxImporter.read(model, input, progress) : CaffeImporter.read(model, input);
        } catch (IllegalArgumentException e) {
            // A value type refused a size the file's attributes produce (a transposed convolution
            // whose pads exceed its output, say): a broken model, reported as one, never a crash.
            throw new ImportException("the model gives a layer an impossible size: " + e.getMessage(), e);
        }
        progress.accept("imported " + network.layers().size() + " layers; checking their geometry");
        return NetworkCheck.check(network, className);
    }

    /** The Java source of {@code packageName.className} declaring {@code model}. */
    public static String toJava(Path model, Shape input, String packageName, String className,
                                Consumer<String> progress) throws ImportException {
        return JavaWriter.write(read(model, input, className, progress), packageName, className);
    }

    /**
     * Whether the file is ONNX: a binary protobuf whose first field is {@code ir_version}
     * (tag byte 0x08), where a prototxt starts with text. The extension decides when present.
     */
    static boolean isOnnx(Path model) throws ImportException {
        String name = model.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return true;
        }
        if (name.endsWith(".prototxt")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(model)) {
            int first = in.read();
            return first == 0x08;
        } catch (IOException e) {
            throw new ImportException("cannot read " + model + ": " + e.getMessage(), e);
        }
    }
}
