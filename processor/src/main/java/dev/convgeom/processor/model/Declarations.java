package dev.convgeom.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/** A layer annotation as the user wrote it, {@code @Conv(out = 96, k = 11, s = 4)}, for Javadoc. */
public final class Declarations {

    private Declarations() {
    }

    public static String render(LayerDeclaration layer) {
        AnnotationMirror mirror = layer.values().mirror();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            parts.add(e.getKey().getSimpleName() + " = " + value(e.getValue().getValue()));
        }
        String name = "@" + layer.kind().displayName();
        return parts.isEmpty() ? name : name + "(" + String.join(", ", parts) + ")";
    }

    private static String value(Object value) {
        if (value instanceof VariableElement constant) {
            return constant.getEnclosingElement().getSimpleName() + "." + constant.getSimpleName();
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(value(((AnnotationValue) item).getValue()));
            }
            return "{" + String.join(", ", items) + "}";
        }
        return String.valueOf(value);
    }
}
