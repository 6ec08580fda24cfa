package dev.convgeom.importer.writing;

import dev.convgeom.Pad;
import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes a checked import as the source of a {@code @Network} class: one annotated field per
 * layer, in the model's order, each {@code from} naming an earlier field, each field preceded by a
 * comment with the layer's name and operator in the model.
 *
 * <p>Only what differs from an annotation's defaults is written, with two exceptions that keep the
 * declaration honest: pooling always states its stride (the DSL's default, the kernel, is not
 * ONNX's or Caffe's), and a crop always states its offset, so that the processor checks it aligns
 * instead of computing it.
 */
public final class JavaWriter {

    private JavaWriter() {
    }

    /** The source of {@code packageName.className} declaring {@code checked}. */
    public static String write(Checked checked, String packageName, String className) {
        ImportedNetwork network = checked.network();
        List<String> names = checked.names();
        List<String> lines = new ArrayList<>();
        TreeSet<String> imports = new TreeSet<>();
        imports.add("Input");
        imports.add("Network");
        for (int i = 0; i < network.layers().size(); i++) {
            ImportedLayer layer = network.layers().get(i);
            imports.add(layer.kind().annotation());
            if (layer.same()) {
                imports.add("Padding");
            }
            lines.add("    // " + comment(layer));
            String annotation = annotation(layer, i, names, network, checked.misaligned().contains(i));
            lines.add("    " + annotation + " Object " + names.get(i) + ";");
        }
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        for (String name : imports) {
            out.append("import dev.convgeom.").append(name).append(";\n");
        }
        Shape input = network.input();
        out.append("\n/**\n")
                .append(" * Imported by convgeom-import from ").append(javadocText(network.description())).append(".\n")
                .append(" *\n")
                .append(" * <p>One field per layer, in the model's order; each field's comment gives the layer's name\n")
                .append(" * and operator in the model. Field names are the model's names lower-cased, with every\n")
                .append(" * run of other characters than letters and digits written {@code _} (see the README,\n")
                .append(" * \"Import a model\"). Regenerate rather than edit: {@code ModelCheck} compares this class\n")
                .append(" * with the model file.\n")
                .append(" */\n")
                .append("@Network(input = @Input(channels = ").append(input.channels())
                .append(", height = ").append(input.height()).append(", width = ").append(input.width()).append(")")
                .append(outputs(network, names)).append(")\n")
                .append("public class ").append(className).append(" {\n");
        for (String line : lines) {
            out.append(line).append('\n');
        }
        out.append("}\n");
        return out.toString();
    }

    /** {@code , outputs = {"a", "b"}} where the model returns other maps than convgeom's default outputs. */
    private static String outputs(ImportedNetwork network, List<String> names) {
        if (network.outputs().isEmpty()) {
            return "";
        }
        List<String> quoted = new ArrayList<>();
        for (int i : network.outputs()) {
            quoted.add('"' + names.get(i) + '"');
        }
        return ", outputs = {" + String.join(", ", quoted) + "}";
    }

    private static String annotation(ImportedLayer layer, int index, List<String> names, ImportedNetwork network,
                                     boolean misaligned) {
        List<String> a = new ArrayList<>();
        switch (layer.kind()) {
            case CONV -> {
                a.add("out = " + layer.out());
                a.add("in = " + layer.in());
                kernel(a, layer);
                stride(a, layer, true);
                if (layer.same()) {
                    a.add("padding = Padding.SAME");
                } else {
                    padding(a, layer);
                }
                pair(a, "d", "dh", "dw", layer.y().dilation(), layer.x().dilation(), 1);
                if (layer.groups() != 1) {
                    a.add("groups = " + layer.groups());
                }
            }
            case DECONV -> {
                a.add("out = " + layer.out());
                a.add("in = " + layer.in());
                kernel(a, layer);
                stride(a, layer, true);
                // Padding removed above and left; below and right only where it differs.
                pair(a, "p", "ph", "pw", layer.y().padBefore(), layer.x().padBefore(), 0);
                if (!layer.y().symmetric()) {
                    a.add("padBottom = " + layer.y().padAfter());
                }
                if (!layer.x().symmetric()) {
                    a.add("padRight = " + layer.x().padAfter());
                }
                pair(a, "d", "dh", "dw", layer.y().dilation(), layer.x().dilation(), 1);
                if (layer.outputPadding() != 0) {
                    a.add("outputPadding = " + layer.outputPadding());
                }
                if (layer.groups() != 1) {
                    a.add("groups = " + layer.groups());
                }
            }
            case MAX_POOL, AVG_POOL -> {
                kernel(a, layer);
                stride(a, layer, false);
                // SAME_UPPER stays SAME, as on a convolution: its padding may be odd (the importer
                // keeps it only on the window, not as a @Pad), so it cannot be written as p.
                if (layer.same()) {
                    a.add("padding = Padding.SAME");
                } else {
                    padding(a, layer);
                }
                pair(a, "d", "dh", "dw", layer.y().dilation(), layer.x().dilation(), 1);
                if (layer.ceil()) {
                    a.add("ceil = true");
                }
            }
            case FULLY_CONNECTED -> {
                a.add("out = " + layer.out());
                a.add("in = " + layer.in());
            }
            case PAD -> {
                a.add("top = " + layer.y().padBefore());
                a.add("bottom = " + layer.y().padAfter());
                a.add("left = " + layer.x().padBefore());
                a.add("right = " + layer.x().padAfter());
                if (layer.padMode() != Pad.Mode.CONSTANT) {
                    a.add("mode = Pad.Mode." + layer.padMode());
                }
            }
            case UPSAMPLE -> {
                if (layer.factorX() == layer.factorY() && layer.perX() == layer.perY()) {
                    a.add("factor = " + layer.factorX());
                    if (layer.perX() != 1) {
                        a.add("per = " + layer.perX());
                    }
                } else {
                    a.add("factorX = " + layer.factorX());
                    if (layer.perX() != 1) {
                        a.add("perX = " + layer.perX());
                    }
                    a.add("factorY = " + layer.factorY());
                    if (layer.perY() != 1) {
                        a.add("perY = " + layer.perY());
                    }
                }
                if (layer.bilinear()) {
                    a.add("mode = Upsample.Mode.BILINEAR");
                }
                if (layer.cubic() != null) {
                    a.add("mode = Upsample.Mode.CUBIC");
                }
                if (layer.coordinates() != Upsample.Coordinates.HALF_PIXEL) {
                    a.add("coordinates = Upsample.Coordinates." + layer.coordinates());
                }
                if (!layer.bilinear() && layer.rounding() != Upsample.Rounding.ROUND_PREFER_FLOOR) {
                    a.add("rounding = Upsample.Rounding." + layer.rounding());
                }
                if (layer.cubic() != null && layer.cubic().coefficient().doubleValue() != -0.75) {
                    // a multiple of 1/1024: its plain decimal is the exact value
                    a.add("cubicCoefficient = " + java.math.BigDecimal.valueOf(layer.cubic().coefficient().doubleValue())
                            .stripTrailingZeros().toPlainString());
                }
                if (layer.cubic() != null && layer.cubic().excludeOutside()) {
                    a.add("excludeOutside = true");
                }
                if (layer.crop() != null) {
                    // multiples of 1/2^32: each plain decimal is the exact value (float32 0.1f in full)
                    for (dev.convgeom.engine.Axis axis : new dev.convgeom.engine.Axis[] {dev.convgeom.engine.Axis.X,
                            dev.convgeom.engine.Axis.Y}) {
                        dev.convgeom.Ratio start = layer.crop().start(axis);
                        dev.convgeom.Ratio end = layer.crop().end(axis);
                        if (start.signum() != 0 || !end.equals(dev.convgeom.Ratio.of(1))) {
                            a.add((axis == dev.convgeom.engine.Axis.X ? "roiX" : "roiY") + " = {"
                                    + dev.convgeom.engine.CropRegion.decimal(start) + ", "
                                    + dev.convgeom.engine.CropRegion.decimal(end) + "}");
                        }
                    }
                }
            }
            case CROP -> {
                a.add("like = " + quote(layer.like() < 0 ? "input" : names.get(layer.like())));
                if (layer.offsetY() == layer.offsetX()) {
                    a.add("offset = " + layer.offsetY());
                } else {
                    a.add("offsetX = " + layer.offsetX());
                    a.add("offsetY = " + layer.offsetY());
                }
            }
            case POINTWISE -> a.add(0, quote(layer.label()));
            case CHANNELS -> {
                a.add("first = " + layer.firstChannel());
                a.add("count = " + layer.out());
            }
            case CHANNEL_SHUFFLE -> a.add("groups = " + layer.groups());
            case PIXEL_SHUFFLE -> a.add("factor = " + layer.factorX());
            case PIXEL_UNSHUFFLE -> a.add("factor = " + layer.y().kernel());
            default -> {
            }
        }
        if (misaligned) {
            a.add("allowMisaligned = true");
        }
        List<Integer> from = layer.from();
        boolean merge = layer.kind() == LayerKind.CONCAT || layer.kind() == LayerKind.ADD
                || layer.kind() == LayerKind.GATE;
        if (merge || from.get(0) != index - 1) {
            List<String> read = new ArrayList<>();
            for (int f : from) {
                read.add(quote(f < 0 ? "input" : names.get(f)));
            }
            a.add(0, "from = " + (read.size() == 1 ? read.get(0) : "{" + String.join(", ", read) + "}"));
            if (layer.kind() == LayerKind.POINTWISE) {   // the value must then be named
                a.set(1, "value = " + a.get(1));
            }
        }
        return "@" + layer.kind().annotation() + (a.isEmpty() ? "" : "(" + String.join(", ", a) + ")");
    }

    private static void kernel(List<String> a, ImportedLayer layer) {
        pair(a, "k", "kh", "kw", layer.y().kernel(), layer.x().kernel(), 0);
    }

    /** Pooling always states its stride: the DSL's default (the kernel) is not the model's. */
    private static void stride(List<String> a, ImportedLayer layer, boolean defaultOne) {
        pair(a, "s", "sh", "sw", layer.y().stride(), layer.x().stride(), defaultOne ? 1 : 0);
    }

    private static void padding(List<String> a, ImportedLayer layer) {
        AxisWindow y = layer.y();
        AxisWindow x = layer.x();
        if (!y.symmetric() || !x.symmetric()) {
            throw new IllegalStateException("asymmetric padding reaches the writer: " + layer);
        }
        pair(a, "p", "ph", "pw", y.padBefore(), x.padBefore(), 0);
    }

    /** {@code k = 3} when both axes agree, {@code kh = 1, kw = 7} otherwise; nothing when both are the default. */
    private static void pair(List<String> a, String square, String h, String w, int y, int x, int byDefault) {
        if (y == x) {
            if (y != byDefault) {
                a.add(square + " = " + y);
            }
        } else {
            a.add(h + " = " + y);
            a.add(w + " = " + x);
        }
    }

    private static String comment(ImportedLayer layer) {
        String name = layer.source().isEmpty() ? "(unnamed)" : layer.source();
        String text = name + " (" + layer.op() + ")";
        if (!layer.label().isEmpty() && !layer.label().equals(layer.op()) && layer.kind() != LayerKind.POINTWISE) {
            text += ": " + layer.label();
        }
        return commentText(text);
    }

    /**
     * Model names are free text: in a comment, a backslash could start a Unicode escape, which
     * javac reads even there, and line breaks would end it. Everything outside printable ASCII is
     * written as a visible {@code \\uXXXX} (doubled backslash: not an escape).
     */
    static String commentText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String javadocText(String text) {
        return commentText(text).replace("*/", "*&#47;").replace("@", "&#64;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    /** A string literal; its contents are field names and operator labels. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
