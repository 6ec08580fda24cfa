package dev.convgeom.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Network} type as written: the type, its {@code @Network} annotation, and its layers in
 * declaration order. Nothing is checked yet.
 *
 * @param type    the annotated type
 * @param network the written values of {@code @Network}
 * @param layers  the annotated fields, in declaration order
 */
public record NetworkModel(TypeElement type, ExplicitValues network, List<LayerDeclaration> layers) {

    public NetworkModel {
        layers = List.copyOf(layers);
    }

    /**
     * Whether some written value does not resolve yet: half-typed code, or a constant that another
     * processor generates in a later round. Such a model is deferred, never reported on.
     */
    public boolean isIncomplete() {
        // Every layer annotation counts, also a second one on a field (an error, but one to report
        // only once the values it holds resolve).
        // Loops, not streams: this runs once per network, and in a fresh JVM a stream pipeline's
        // classes are loaded and its code interpreted for those few calls.
        if (network.isBroken()) {
            return true;
        }
        for (LayerDeclaration layer : layers) {
            if (layer.values().isBroken()) {
                return true;
            }
            for (var extra : layer.extra()) {
                if (ExplicitValues.of(extra).isBroken()) {
                    return true;
                }
            }
        }
        return false;
    }
}
