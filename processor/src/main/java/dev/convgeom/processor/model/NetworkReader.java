package dev.convgeom.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/** Reads a {@code @Network} type into a {@link NetworkModel}; it checks nothing. */
public final class NetworkReader {

    private NetworkReader() {
    }

    /** The model of {@code type}, which carries {@code @Network}. */
    public static NetworkModel read(TypeElement type) {
        AnnotationMirror network = networkAnnotation(type).orElseThrow(
                () -> new IllegalArgumentException(type + " has no @Network"));
        List<LayerDeclaration> layers = new ArrayList<>();
        // fieldsIn keeps declaration order and includes enum constants.
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            layer(field).ifPresent(layers::add);
        }
        return new NetworkModel(type, ExplicitValues.of(network), layers);
    }

    /** The layer {@code field} declares, if it carries a layer annotation. */
    public static Optional<LayerDeclaration> layer(VariableElement field) {
        LayerDeclaration first = null;
        List<AnnotationMirror> extra = new ArrayList<>();
        for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
            var kind = LayerAnnotations.kindOf(mirror);
            if (kind.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = new LayerDeclaration(field, kind.get(), ExplicitValues.of(mirror), List.of());
            } else {
                extra.add(mirror);
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(new LayerDeclaration(first.field(), first.kind(), first.values(), extra));
    }

    public static Optional<AnnotationMirror> networkAnnotation(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (LayerAnnotations.isNetwork(mirror)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }
}
