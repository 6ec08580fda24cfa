package dev.convgeom.processor.model;

import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The attribute values written in one annotation, by name. Defaults are deliberately absent:
 * "not given" must be told apart from a written value ({@code k = 0} is an error, a missing
 * {@code kh} means "use k"), and only a written value has a source position to point at.
 */
public final class ExplicitValues {

    private final AnnotationMirror mirror;
    private final Map<String, AnnotationValue> values;

    private ExplicitValues(AnnotationMirror mirror, Map<String, AnnotationValue> values) {
        this.mirror = mirror;
        this.values = values;
    }

    public static ExplicitValues of(AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return new ExplicitValues(mirror, Collections.unmodifiableMap(values));
    }

    public AnnotationMirror mirror() {
        return mirror;
    }

    /**
     * The written attributes' values by name, in source order: what {@code mirror().getElementValues()}
     * holds, read once (javac builds a new map at every call of that).
     */
    public Map<String, AnnotationValue> written() {
        return values;
    }

    /** The names of the written attributes, in source order. */
    public java.util.Set<String> writtenNames() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The written value's source handle, for pointing a diagnostic at it. */
    public Optional<AnnotationValue> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * A written int. Empty when not written, or when the source does not give an int (half-typed
     * code: javac reports that itself, see {@link #isBroken()}).
     */
    public Optional<Integer> integer(String name) {
        AnnotationValue v = values.get(name);
        return v != null && v.getValue() instanceof Integer i ? Optional.of(i) : Optional.empty();
    }

    public Optional<Boolean> bool(String name) {
        AnnotationValue v = values.get(name);
        return v != null && v.getValue() instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** A written string. */
    public Optional<String> string(String name) {
        AnnotationValue v = values.get(name);
        return v != null && v.getValue() instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * A written string array, element by element. {@code from = "a"} reads as one element: javac
     * stores a lone value as a one-element array, and that element's handle is the literal.
     */
    public Optional<List<ArrayElement<String>>> strings(String name) {
        return array(name, String.class);
    }

    /** A written int array, element by element. */
    public Optional<List<ArrayElement<Integer>>> integers(String name) {
        return array(name, Integer.class);
    }

    /** A written double array, element by element. */
    public Optional<List<ArrayElement<Double>>> doubles(String name) {
        return array(name, Double.class);
    }

    /** Empty when not written, or when some element is not a {@code type} (half-typed code). */
    private <T> Optional<List<ArrayElement<T>>> array(String name, Class<T> type) {
        AnnotationValue v = values.get(name);
        if (v == null || !(v.getValue() instanceof List<?> items)) {
            return Optional.empty();
        }
        List<ArrayElement<T>> elements = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof AnnotationValue element) || !type.isInstance(element.getValue())) {
                return Optional.empty();
            }
            elements.add(new ArrayElement<>(elements.size(), type.cast(element.getValue()), element));
        }
        return Optional.of(List.copyOf(elements));
    }

    /** A written enum constant's simple name. */
    public Optional<String> enumConstant(String name) {
        AnnotationValue v = values.get(name);
        return v != null && v.getValue() instanceof VariableElement e
                ? Optional.of(e.getSimpleName().toString()) : Optional.empty();
    }

    /** A written nested annotation. */
    public Optional<ExplicitValues> annotation(String name) {
        AnnotationValue v = values.get(name);
        return v != null && v.getValue() instanceof AnnotationMirror m ? Optional.of(of(m)) : Optional.empty();
    }

    /**
     * Whether some written value is not what its attribute's type calls for: an unresolved name
     * or a missing value while the user is typing. javac reports those itself; the processor
     * then leaves the model alone rather than pile its own errors on top.
     */
    public boolean isBroken() {
        for (AnnotationValue v : values.values()) {
            if (isBroken(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code v}, or an element of it ({@code from = {"a", UNKNOWN}}), did not resolve. */
    private static boolean isBroken(AnnotationValue v) {
        Object o = v == null ? null : v.getValue();
        if (o == null || o instanceof String s && s.contains("<error>")) {
            return true;
        }
        if (o instanceof AnnotationMirror m) {
            return of(m).isBroken();
        }
        if (o instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof AnnotationValue element) || isBroken(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
