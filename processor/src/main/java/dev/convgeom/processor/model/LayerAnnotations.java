package dev.convgeom.processor.model;

import dev.convgeom.engine.LayerKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/** Which annotation stands for which kind of layer; matched by qualified name. */
public final class LayerAnnotations {

    /** The package of the public API. */
    public static final String PACKAGE = "dev.convgeom";
    public static final String NETWORK = PACKAGE + ".Network";

    private static final Map<String, LayerKind> BY_NAME;
    private static final Map<LayerKind, String> NAMES = new EnumMap<>(LayerKind.class);

    static {
        Map<String, LayerKind> byName = new LinkedHashMap<>();
        for (LayerKind kind : LayerKind.values()) {
            String name = PACKAGE + "." + kind.displayName();
            byName.put(name, kind);
            NAMES.put(kind, name);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private LayerAnnotations() {
    }

    /** Qualified names of every layer annotation. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static String qualifiedName(LayerKind kind) {
        return NAMES.get(kind);
    }

    /** The kind of layer {@code mirror} declares, if it is a layer annotation. */
    public static Optional<LayerKind> kindOf(AnnotationMirror mirror) {
        TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
        return Optional.ofNullable(BY_NAME.get(type.getQualifiedName().toString()));
    }

    public static boolean isNetwork(AnnotationMirror mirror) {
        TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
        return type.getQualifiedName().contentEquals(NETWORK);
    }
}
