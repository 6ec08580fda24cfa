package dev.convgeom.processor.writing;

import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Shape;

/**
 * The generated methods about input sizes other than the declared one, through the network's
 * fully convolutional form: output size, smallest input, exact sizes, the geometry for another
 * size. Each delegates to the network's spec; their Javadoc states this network's answers,
 * computed at compile time, and the smallest input is itself a literal.
 */
final class InputSizeMethods {

    private final NetworkSpec spec;
    private final InputSizes sizes;

    InputSizeMethods(NetworkSpec spec, InputSizes sizes) {
        this.spec = spec;
        this.sizes = sizes;
    }

    void write(SourceText out, ImportedNames names) {
        Shape declared = spec.input();
        Shape output = spec.outputSize(declared.height(), declared.width());
        Shape min = sizes.minInputSize();
        String exact = exactSizes();
        boolean same = spec.layers().stream()
                .anyMatch(l -> l.hasWindow() && (l.y().padding() == Padding.SAME || l.x().padding() == Padding.SAME));
        // A global pool's window is the whole incoming map, so its centre moves with the input size.
        boolean global = spec.layers().stream().anyMatch(l -> l.kind().equals("GlobalAvgPool"));
        String mappingNote = same || global
                ? "This network " + (same ? "pads SAME" : "pools globally") + (same && global ? " and pools globally" : "")
                        + ", so " + (same ? "its padding and centres" : "the centres from the global pool on")
                        + " depend on the input size: for another size, take the layers' geometry from "
                        + "{@link #forInput(int, int)}."
                : "Mapping units to input pixels ({@code mapToInput}, {@code receptiveField}) does not depend on the "
                        + "input size here, so the constants serve any size; {@link #forInput(int, int)} also gives "
                        + "the map sizes, clipping and {@code mapFromInput} for that size.";
        String shape = names.api("Shape");
        String size = "@param height input rows\n@param width input columns\n";
        method(out, "The final map's shape for an input of {@code height x width}, through the fully "
                        + "convolutional form (fully connected layers as convolutions with their declared kernels) "
                        + "and the declared rounding. For the declared " + declared.height() + "x" + declared.width()
                        + " input it is " + output + ".\n\n" + size + "@return channels, rows and columns of the final map\n"
                        + "@throws IllegalArgumentException if the input is too small for a layer (the message names "
                        + "it and the smallest input, " + min.height() + "x" + min.width() + ")",
                "public static " + shape + " outputSize(int height, int width)", "return spec.outputSize(height, width);");
        method(out, "The smallest input giving a 1x1 final map: " + min.height() + "x" + min.width() + ".\n\n"
                        + "@return the input's channels, rows and columns",
                "public static " + shape + " minInputSize()",
                "return new " + shape + "(" + min.channels() + ", " + min.height() + ", " + min.width() + ");");
        method(out, "Whether every window layer tiles its padded input exactly for an input of "
                        + "{@code height x width}: no border pixel left unread, no window hanging over the edge. "
                        + exact + "\n\n" + size + "@return whether the input is exact",
                "public static boolean isExact(int height, int width)", "return spec.isExact(height, width);");
        method(out, "The smallest input at least {@code height x width}, per axis, that "
                        + "{@link #isExact(int, int)} accepts. " + exact + "\n\n" + size
                        + "@return the next exact input's channels, rows and columns",
                "public static " + shape + " nextExactSize(int height, int width)",
                "return spec.nextExactSize(height, width);");
        method(out, "Every layer's geometry for an input of {@code height x width}, in declaration "
                        + "order: map sizes, receptive fields, jumps, centres and all the mapping methods. "
                        + mappingNote + "\n\n" + size + "@return every layer's geometry at that size\n"
                        + "@throws IllegalArgumentException if the input is too small for a layer",
                "public static " + names.of("java.util.List") + "<" + names.api("LayerGeometry")
                        + "> forInput(int height, int width)",
                "return spec.forInput(height, width);");
        method(out, "The fully convolutional form of the network, in order: every fully connected "
                        + "layer as the convolution it is equivalent to (kernel = its incoming map, stride 1, no "
                        + "padding; weights as {@code out x in x kh x kw}), every other layer as declared."
                        + fcSummary() + "\n\n@return every layer as declared, fully connected ones as convolutions",
                "public static " + names.of("java.util.List") + "<" + names.api("LayerSpec") + "> fullyConvolutional()",
                "return spec.fullyConvolutional();");
    }

    private static void method(SourceText out, String doc, String signature, String body) {
        out.line("");
        out.javadoc(doc);
        out.open(signature).line(body).close();
    }

    /** "Exact sizes of this network, per axis: 227 + 32k (k >= 0)." as the compile-time search finds them. */
    private String exactSizes() {
        // Javadoc is HTML: a bare '>' is an error to doclint.
        String h = sizes.describe(true).replace(">", "&gt;");
        String w = sizes.describe(false).replace(">", "&gt;");
        return h.equals(w) ? "Exact sizes of this network, per axis: " + h + "."
                : "Exact heights of this network: " + h + "; widths: " + w + ".";
    }

    private String fcSummary() {
        StringBuilder summary = new StringBuilder();
        for (LayerSpec layer : spec.layers()) {
            if (layer.isFullyConnected()) {
                summary.append(summary.length() == 0 ? " Here: " : ", ")
                        .append("{@code ").append(layer.name()).append("} becomes a ")
                        .append(layer.y().kernel()).append('x').append(layer.x().kernel()).append(" convolution");
            }
        }
        return summary.length() == 0 ? " This network has no fully connected layer." : summary.append('.').toString();
    }
}
