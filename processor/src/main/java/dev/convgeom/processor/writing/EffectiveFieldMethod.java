package dev.convgeom.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.convgeom.engine.EffectiveFields.LayerField;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

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

    FieldSpec field() {
        String table = table(fields);
        List<CodeBlock> parts = new ArrayList<>();
        for (int i = 0; i < table.length(); i += PART) {
            parts.add(CodeBlock.of("$S", table.substring(i, Math.min(table.length(), i + PART))));
        }
        return FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), ApiTypes.EFFECTIVE_FIELD),
                        "effectiveFields", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.decode($L)", ApiTypes.EFFECTIVE_FIELD, CodeBlock.join(parts, ", "))
                .build();
    }

    MethodSpec method() {
        return MethodSpec.methodBuilder("effectiveField")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ApiTypes.EFFECTIVE_FIELD)
                .addParameter(ApiTypes.LAYER_GEOMETRY, "layer")
                .addJavadoc("The uniform-weight effective receptive field of {@code layer}'s units: the spread of\n"
                        + "the input pixels' weights when every kernel tap weighs the same (see {@link $T}).\n\n"
                        + "@param layer one of this network's layers, or {@link #INPUT}\n"
                        + "@return its standard deviations and central extents\n"
                        + "@throws IllegalArgumentException if {@code layer} belongs to another network\n"
                        + "@throws IllegalStateException if its field was too large to compute exactly\n",
                        ApiTypes.EFFECTIVE_FIELD)
                .beginControlFlow("if (layer.network() != spec)")
                .addStatement("throw new $T($S + layer.name() + $S)", IllegalArgumentException.class,
                        "'", "' is not a layer of " + network)
                .endControlFlow()
                .beginControlFlow("if (layer.index() < 0)")
                .addStatement("return $T.INPUT", ApiTypes.EFFECTIVE_FIELD)
                .endControlFlow()
                .addStatement("$T field = effectiveFields.get(layer.index())", ApiTypes.EFFECTIVE_FIELD)
                .beginControlFlow("if (field == null)")
                .addStatement("throw new $T($S + layer.name() + $S)", IllegalStateException.class,
                        "the effective field of '", "' was not computed: its receptive field is too large to"
                                + " weigh exactly at compile time")
                .endControlFlow()
                .addStatement("return field")
                .build();
    }
}
