package dev.convgeom.processor.writing;

import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.NetworkInput;
import java.util.List;

/**
 * The Javadoc of a generated class: a table of every layer's geometry, so that an IDE shows it on
 * hover, and one line per constant.
 */
final class ClassJavadoc {

    private ClassJavadoc() {
    }

    /**
     * The class's Javadoc comment, written into {@code body} line by line with its {@code " * "}
     * prefixes: the table is a line a layer, and a text built first and then cut into lines was
     * copied twice more.
     */
    static void write(SourceText body, String modelName, String modelSimpleName, GeometryResult geometry,
                      List<String> constants) {
        NetworkInput in = geometry.input();
        body.line("/**");
        body.docLine().append("Geometry of {@link ").append(modelName).append("}, computed at compile time by ")
                .append("convgeom from its layer annotations.\n");
        body.line(" *");
        body.docLine().append("<p>Input: ").append(in.channels()).append('\u00d7').append(in.height()).append('\u00d7')
                .append(in.width()).append(". Unit (x, y) of a layer is centred on input pixel\n");
        body.docLine().append("(center<sub>x</sub> + jump<sub>x</sub>&nbsp;x, center<sub>y</sub> + jump<sub>y</sub>&nbsp;y) ")
                .append("and sees a field of the given size, reaching into the padding near a border.\n");
        body.docLine().append("Field, jump and centre are in input pixels, height first.\n");
        body.line(" *");
        body.docLine().append("<table>\n");
        body.docLine().append("<caption>Layers of ").append(modelSimpleName).append("</caption>\n");
        body.docLine().append("<tr><th>layer</th><th>kind</th><th>output C\u00d7H\u00d7W</th><th>field</th>")
                .append("<th>jump</th><th>centre (y, x)</th></tr>\n");
        List<ComputedLayer> layers = geometry.layers();
        for (int i = 0; i < layers.size(); i++) {
            ComputedLayer l = layers.get(i);
            StringBuilder row = body.docLine().append("<tr><td>{@link #").append(constants.get(i)).append(' ')
                    .append(l.spec().name()).append("}</td><td>").append(l.spec().kind().displayName())
                    .append("</td><td>");
            shape(row, l)
                    .append("</td><td>").append(l.y().rf()).append('\u00d7').append(l.x().rf())
                    .append("</td><td>").append(Numbers.display(l.y().jump())).append('\u00d7')
                    .append(Numbers.display(l.x().jump()))
                    .append("</td><td>(").append(Numbers.display(l.y().center())).append(", ")
                    .append(Numbers.display(l.x().center())).append(")</td></tr>\n");
        }
        body.docLine().append("</table>\n");
        body.line(" */");
    }

    /**
     * One constant, on one line: what was declared. What it gives is the class table's row, which
     * the constant's literals follow; only what the table cannot show is added. Appended to
     * {@code s}, one line a layer, without a string of each part.
     */
    static StringBuilder constant(StringBuilder s, ComputedLayer layer, String declaration) {
        AxisState y = layer.y();
        AxisState x = layer.x();
        s.append("{@code ").append(layer.spec().name()).append("}, declared ");
        code(s, declaration);
        if (layer.spec().kind() == LayerKind.CROP) {
            s.append(", cropped from offset (x, y) = (").append(layer.offsetX()).append(", ").append(layer.offsetY())
                    .append(')');
        }
        if (y.period() > 1 || x.period() > 1) {
            s.append(phaseNote(layer));
        }
        if (!y.context().isNone() || !x.context().isNone()) {
            s.append("; every unit also reads input rows ").append(range(y)).append(", columns ").append(range(x))
                    .append(" (the context of a gate or a normalisation before it), the table gives the widest field");
        }
        return s.append('.');
    }

    /**
     * Why the field depends on the unit's phase: a pixel shuffle rearranges channels into blocks (no
     * sample is interpolated, so "upsampling" would misname it); any other layer with a phase
     * follows an upsampling (or a pixel shuffle, the note's "upsampling" in the wide sense).
     */
    private static String phaseNote(ComputedLayer layer) {
        String period = "(period " + layer.y().period() + "\u00d7" + layer.x().period() + ")";
        return layer.spec().kind() == LayerKind.PIXEL_SHUFFLE
                ? "; the pixel shuffle gives each unit of a block its own channel, and its field depends on the"
                        + " unit's place in the block " + period + ", the table gives the widest"
                : "; after upsampling the field depends on the unit's phase " + period + ", the table gives the widest";
    }

    /** {@code lo..hi} of a context, or "none". */
    private static String range(AxisState a) {
        return a.context().isNone() ? "none" : a.context().lo() + ".." + a.context().hi();
    }

    /**
     * {@code text} as code in Javadoc. A {@code @Pointwise} name is free text: a {@code *}{@code /}
     * in it would end the comment, and a lone brace the {@code {@code}} tag, so such text is
     * written as HTML instead.
     */
    private static StringBuilder code(StringBuilder b, String text) {
        if (!text.contains("*/") && text.indexOf('{') < 0 && text.indexOf('}') < 0) {
            return b.append("{@code ").append(text).append('}');
        }
        b.append("<code>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '@' -> b.append("&#64;");
                case '{' -> b.append("&#123;");
                case '}' -> b.append("&#125;");
                case '/' -> b.append("&#47;");
                default -> b.append(c);
            }
        }
        return b.append("</code>");
    }

    private static StringBuilder shape(StringBuilder s, ComputedLayer l) {
        if (l.hasChannels()) {
            s.append(l.channels());
        } else {
            s.append('?');
        }
        return s.append('\u00d7').append(l.y().size()).append('\u00d7').append(l.x().size());
    }
}
