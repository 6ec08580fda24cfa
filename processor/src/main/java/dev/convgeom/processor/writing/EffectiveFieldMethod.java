package dev.convgeom.processor.writing;

import dev.convgeom.engine.EffectiveFields.LayerField;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated {@code effectiveField(LayerGeometry)}: every layer's uniform-weight effective field,
 * stored as one compact table string (six numbers a layer) decoded once by
 * {@code EffectiveField.decode}, so that it adds two members to the class, not one constant a layer.
 */
final class EffectiveFieldMethod {

    /** Characters per string constant: well below the 65,535 bytes a class constant may have. */
    static final int PART = 60_000;

    private final List<LayerField> fields;
    private final String network;

    EffectiveFieldMethod(List<LayerField> fields, String network) {
        this.fields = java.util.Collections.unmodifiableList(new ArrayList<>(fields));
        this.network = network;
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

    /** {@code private static final List<EffectiveField> effectiveFields = EffectiveField.decode("...");} */
    void writeField(SourceText out, ImportedNames names) {
        String table = table(fields);
        String effectiveField = names.api("EffectiveField");
        StringBuilder parts = new StringBuilder(table.length() + 16);
        for (int i = 0; i < table.length(); i += PART) {
            parts.append(i == 0 ? "" : ", ")
                    .append(Numbers.stringLiteral(table.substring(i, Math.min(table.length(), i + PART))));
        }
        if (table.isEmpty()) {
            parts.append("\"\"");
        }
        out.line("");
        out.line("/** Every layer's effective field, in order, null where not computed: {@link #effectiveField}. */");
        out.line("private static final " + names.of("java.util.List") + "<" + effectiveField + "> effectiveFields = "
                + effectiveField + ".decode(" + parts + ");");
    }

    /** {@code public static EffectiveField effectiveField(LayerGeometry layer)}. */
    void writeMethod(SourceText out, ImportedNames names) {
        String effectiveField = names.api("EffectiveField");
        out.line("");
        out.javadoc("The uniform-weight effective receptive field of {@code layer}'s units: the spread of\n"
                + "the input pixels' weights when every kernel tap weighs the same (see {@link " + effectiveField
                + "}).\n\n"
                + "@param layer one of this network's layers, or {@link #INPUT}\n"
                + "@return its standard deviations and central extents\n"
                + "@throws IllegalArgumentException if {@code layer} belongs to another network\n"
                + "@throws IllegalStateException if its field was too large to compute exactly");
        out.open("public static " + effectiveField + " effectiveField(" + names.api("LayerGeometry") + " layer)")
                .open("if (layer.network() != spec)")
                .line("throw new IllegalArgumentException(\"'\" + layer.name() + "
                        + Numbers.stringLiteral("' is not a layer of " + network) + ");")
                .close()
                .open("if (layer.index() < 0)")
                .line("return " + effectiveField + ".INPUT;")
                .close()
                .line(effectiveField + " field = effectiveFields.get(layer.index());")
                .open("if (field == null)")
                .line("throw new IllegalStateException(\"the effective field of '\" + layer.name() + "
                        + Numbers.stringLiteral("' was not computed: its receptive field is too large to"
                                + " weigh exactly at compile time") + ");")
                .close()
                .line("return field;")
                .close();
    }
}
