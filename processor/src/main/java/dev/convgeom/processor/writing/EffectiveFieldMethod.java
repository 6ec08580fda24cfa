package dev.convgeom.processor.writing;

import dev.convgeom.engine.EffectiveFields.LayerField;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated {@code effectiveField(LayerGeometry)}: every layer's uniform-weight effective field,
 * stored as one compact table string (six numbers a layer) that {@code NetworkGeometry.of} decodes
 * once, so that it adds one argument and one delegating method to the class, not one constant a layer.
 */
final class EffectiveFieldMethod {

    /** Characters per string constant: well below the 65,535 bytes a class constant may have. */
    static final int PART = 60_000;

    private final List<LayerField> fields;

    EffectiveFieldMethod(List<LayerField> fields) {
        this.fields = java.util.Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /** The table: {@code sigmaY,sigmaX,e50 height,e50 width,e90 height,e90 width} per layer, {@code ;} apart. */
    static String table(List<LayerField> fields) {
        StringBuilder b = new StringBuilder();
        for (LayerField f : fields) {
            if (b.length() > 0) {
                b.append(';');
            }
            if (f == null) {
                b.append('-');
                continue;
            }
            b.append(f.y().sigma()).append(',').append(f.x().sigma()).append(',')
                    .append(f.y().extent50()).append(',').append(f.x().extent50()).append(',')
                    .append(f.y().extent90()).append(',').append(f.x().extent90());
        }
        return b.toString();
    }

    /** The table as string literals, {@code ", "} apart, for {@code NetworkGeometry.of}. */
    String table() {
        String table = table(fields);
        StringBuilder parts = new StringBuilder(table.length() + 16);
        for (int i = 0; i < table.length(); i += PART) {
            parts.append(i == 0 ? "" : ", ")
                    .append(Numbers.stringLiteral(table.substring(i, Math.min(table.length(), i + PART))));
        }
        if (table.isEmpty()) {
            parts.append("\"\"");
        }
        return parts.toString();
    }

    /** {@code public static EffectiveField effectiveField(LayerGeometry layer)}, which the network's lookups answer. */
    void writeMethod(SourceText out, ImportedNames names) {
        String effectiveField = names.api("EffectiveField");
        out.line("");
        out.javadoc("The uniform-weight effective receptive field of {@code layer}'s units (see {@link "
                + names.api("NetworkGeometry") + "#effectiveField}).\n\n"
                + "@param layer one of this network's layers, or {@link #INPUT}\n"
                + "@return its standard deviations and central extents");
        out.open("public static " + effectiveField + " effectiveField(" + names.api("LayerGeometry") + " layer)")
                .line("return geometry.effectiveField(layer);")
                .close();
    }
}
