package dev.convgeom.processor.model;

import dev.convgeom.engine.LayerKind;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/**
 * One layer as written: the field, which kind of layer its annotation declares, and the values
 * written in that annotation.
 *
 * @param field  the annotated field or enum constant
 * @param kind   the kind of layer
 * @param values the annotation's written values
 * @param extra  further layer annotations on the same field (an error: a field is one layer)
 */
public record LayerDeclaration(VariableElement field, LayerKind kind, ExplicitValues values,
                               List<AnnotationMirror> extra) {

    public LayerDeclaration {
        extra = List.copyOf(extra);
    }

    /** The layer's name: its field's name. */
    public String name() {
        return field.getSimpleName().toString();
    }
}
