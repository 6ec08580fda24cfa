package dev.convgeom.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/** A layer annotation as the user wrote it, {@code @Conv(out = 96, k = 11, s = 4)}, for Javadoc. */
public final class Declarations {

    private Declarations() {
    }

    public static String render(LayerDeclaration layer) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, AnnotationValue> e : layer.values().written().entrySet()) {
            parts.add(e.getKey() + " = " + value(e.getValue().getValue()));
        }
        String name = "@" + layer.kind().displayName();
        return parts.isEmpty() ? name : name + "(" + String.join(", ", parts) + ")";
    }

    private static String value(Object value) {
        if (value instanceof VariableElement constant) {
            return constant.getEnclosingElement().getSimpleName() + "." + constant.getSimpleName();
        }
        if (value instanceof String s) {
            return literal(s);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(value(((AnnotationValue) item).getValue()));
            }
            // One element reads as it is usually written, from = "a": no braces, which Javadoc's
            // {@code} would also have to escape.
            return items.size() == 1 ? items.get(0) : "{" + String.join(", ", items) + "}";
        }
        return String.valueOf(value);
    }

    /**
     * A string as a Java literal, escaped as in source: {@code "a \"b\""}. Doubling every backslash
     * also keeps a backslash followed by {@code u002a} in the value from becoming a Unicode escape
     * where the literal is printed (in a comment, javac would read it as {@code *}).
     */
    private static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append('\\').append(Integer.toOctalString(c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
