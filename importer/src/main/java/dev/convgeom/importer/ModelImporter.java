package dev.convgeom.importer;

import dev.convgeom.Shape;
import dev.convgeom.importer.caffe.CaffeImporter;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.NetworkCheck;
import dev.convgeom.importer.onnx.OnnxImporter;
import dev.convgeom.importer.onnx.OnnxInputSize;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        if (!isOnnx(model)) {
            return read((size, quiet) -> CaffeImporter.read(model, size), input, null, className, progress);
        }
        long start = System.nanoTime();
        ModelProto proto = OnnxImporter.parseMapped(model, progress);
        progress.accept(String.format(Locale.ROOT, "parsed in %.2f s: %d nodes", (System.nanoTime() - start) / 1e9,
                proto.getGraph().getNodeCount()));
        Shape fixed = OnnxInputSize.fixed(proto);
        if (fixed != null && input != null && !input.equals(fixed)) {
            progress.accept("the file fixes its input at " + fixed.height() + "x" + fixed.width() + "; declaring "
                    + input.height() + "x" + input.width() + " keeps the sizes the file holds as constants (torch"
                    + " writes those it computed from its input, such as a resize's target size, as numbers)");
        }
        String name = model.getFileName().toString();
        return read((size, p) -> OnnxImporter.read(proto, name, size, p), input, fixed, className, progress);
    }

    /** Reads a model at one input size (null: the file's), reporting its stages to {@code progress}. */
    @FunctionalInterface
    private interface Reader {
        ImportedNetwork at(Shape input, Consumer<String> progress) throws ImportException;
    }

    /**
     * Imports and checks at {@code input}; on a refusal, looks for sizes near it that import
     * ({@link InputSizeSearch}).
     *
     * @param fixed the input size the file states, when it fixes one (ONNX), else null
     */
    private static NetworkCheck.Checked read(Reader reader, Shape input, Shape fixed, String className,
                                             Consumer<String> progress) throws ImportException {
        try {
            return checked(reader, input, className, progress);
        } catch (ImportException e) {
            Shape requested = input != null ? input : e.reached() != null ? e.reached().input() : null;
            throw InputSizeSearch.around(e, requested, fixed,
                    size -> checked(reader, size, className, line -> { }), progress);
        }
    }

    private static NetworkCheck.Checked checked(Reader reader, Shape input, String className,
                                                Consumer<String> progress) throws ImportException {
        ImportedNetwork network;
        try {
            network = reader.at(input, progress);
        } catch (IllegalArgumentException e) {
            // A value type refused a size the file's attributes produce (a transposed convolution
            // whose pads exceed its output, say): a broken model, reported as one, never a crash.
            throw new ImportException("the model gives a layer an impossible size: " + e.getMessage(), e);
        }
        progress.accept("imported " + network.layers().size() + " layers; checking their geometry");
        try {
            return NetworkCheck.check(network, className);
        } catch (ImportException e) {
            throw e.reaching(network);
        }
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
