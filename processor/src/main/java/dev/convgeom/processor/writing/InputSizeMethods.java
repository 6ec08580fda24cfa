package dev.convgeom.processor.writing;

import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Shape;
import dev.convgeom.Size;

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
        String primary = "{@code " + spec.layers().get(spec.outputIndex()).name() + "}";
        Shape output = spec.outputSize(declared.size());
        Size min = sizes.minInputSize();
        String exact = exactSizes();
        boolean same = spec.layers().stream()
                .anyMatch(l -> l.hasWindow() && (l.y().padding() == Padding.SAME || l.x().padding() == Padding.SAME));
        // A global pool's window is the whole incoming map, so its centre moves with the input size.
        boolean global = spec.layers().stream().anyMatch(l -> l.kind().equals("GlobalAvgPool"));
        // A gate or a normalisation over the map reads a whole map, whose extent grows with the input.
        boolean whole = spec.layers().stream().anyMatch(l -> l.kind().equals("Gate") || l.kind().equals("InstanceNorm"));
        String mappingNote = !same && !global && whole
                ? "This network reads whole maps (a gate or a normalisation over the map), so the fields from there"
                        + " on depend on the input size: for another size, take the layers' geometry from "
                        + "{@link #forInput(Size)}."
                : same || global
                ? "This network " + (same ? "pads SAME" : "pools globally") + (same && global ? " and pools globally" : "")
                        + ", so " + (same ? "its padding and centres" : "the centres from the global pool on")
                        + " depend on the input size: for another size, take the layers' geometry from "
                        + "{@link #forInput(Size)}."
                : "Mapping units to input pixels does not depend on the input size here: the constants' formulas "
                        + "hold at any size, on maps of the declared size.";
        String shape = names.api("Shape");
        String size = names.api("Size");
        String list = names.of("java.util.List");
        String spec = names.api("NetworkSpec");
        method(out, "The shape of the output " + primary + " for an input of another size (see {@link " + spec
                        + "#outputSize(Size)}); for the declared " + declared.size() + " input (width x height), "
                        + output + " (C x H x W).\n\n"
                        + "@param input the input's width and height\n"
                        + "@return the shape, {@code C x H x W}",
                "public static " + shape + " outputSize(" + size + " input)", "return spec.outputSize(input);");
        if (min != null) {
            method(out, "The smallest input every layer fits: " + min + " (width x height)"
                            + atMin(min) + ".\n\n@return the smallest width and height",
                    "public static " + size + " minInputSize()",
                    "return " + size + ".of(" + min.width() + ", " + min.height() + ");");
        } else {
            method(out, "The smallest input every layer fits: none found at compile time. The search walks sizes"
                            + " from 1 upwards, up to 2^22 / layers of them (at least 1024) per axis, and no size"
                            + " it tried fits every layer; the declared " + declared.size() + " (width x height)"
                            + " does. This asks {@link " + spec + "#minInputSize()} at run time, which searches"
                            + " the same sizes.\n\n@return the smallest width and height\n"
                            + "@throws IllegalArgumentException as here, when no size within the search fits",
                    "public static " + size + " minInputSize()", "return spec.minInputSize();");
        }
        method(out, "Whether every window layer tiles its padded input exactly at this size (see {@link " + spec
                        + "#isExact(Size)}). " + exact + "\n\n"
                        + "@param input the input's width and height\n"
                        + "@return whether both axes are tiled exactly",
                "public static boolean isExact(" + size + " input)", "return spec.isExact(input);");
        method(out, "The smallest input at least {@code from}, per axis, that {@link #isExact(Size)} accepts (see "
                        + "{@link " + spec + "#nextExactSize(Size)}).\n\n"
                        + "@param from the smallest width and height to consider\n"
                        + "@return the exact width and height",
                "public static " + size + " nextExactSize(" + size + " from)", "return spec.nextExactSize(from);");
        method(out, "Every layer's geometry for an input of another size, in declaration order (see {@link "
                        + spec + "#forInput(Size)}). " + mappingNote + "\n\n@param input the input's width and height\n"
                        + "@return every layer's geometry at that size",
                "public static " + list + "<" + names.api("LayerGeometry") + "> forInput(" + size + " input)",
                "return spec.forInput(input);");
        method(out, "The layers, every fully connected one as the convolution it is equivalent to (see {@link "
                        + spec + "#fullyConvolutional()})." + fcSummary() + "\n\n@return the layers, fully connected ones as convolutions",
                "public static " + list + "<" + names.api("LayerSpec") + "> fullyConvolutional()",
                "return spec.fullyConvolutional();");
    }

    private static void method(SourceText out, String doc, String signature, String body) {
        out.line("");
        out.javadoc(doc);
        out.open(signature).line(body).close();
    }

    /**
     * What the outputs are at the smallest input, computed rather than assumed: a graph whose
     * merges only fit at some sizes can leave its output larger than 1x1 there (U-Net: 4x4).
     */
    private String atMin(Size min) {
        StringBuilder at = new StringBuilder();
        for (String name : spec.outputs()) {
            int index = spec.layers().stream().map(LayerSpec::name).toList().indexOf(name);
            try {
                Shape shape = spec.outputSize(index, min);
                at.append(at.length() == 0 ? "; there " : ", ").append("{@code ").append(name).append("} is ")
                        .append(shape.width()).append('x').append(shape.height());
            } catch (IllegalArgumentException doesNotFit) {
                return "";
            }
        }
        return at.append(" (width x height)").toString();
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
