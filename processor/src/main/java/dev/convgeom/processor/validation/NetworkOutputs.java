package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.processor.model.ArrayElement;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.GeneratedNames;
import dev.convgeom.processor.model.LayerDeclaration;
import dev.convgeom.processor.model.NetworkModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * Resolves {@code @Network(outputs = ...)} to layer indices, the primary output first; not
 * written, none: the network's default outputs are the layers no other layer reads
 * ({@link dev.convgeom.NetworkSpec#NetworkSpec(String, dev.convgeom.Shape, List)}). Each mistake is reported at the string that makes it: a
 * name that is no layer (with "did you mean"), a name listed twice, an empty list, and two outputs
 * whose generated static shortcuts would share a name.
 */
final class NetworkOutputs {

    /**
     * The one generated shortcut that is a prefixed one's name too: an output called
     * {@code clipped} would give {@code clippedReceptiveField}, the primary output's own.
     */
    private static final String CLIPPED = "Clipped";

    private final Reporter reporter;

    NetworkOutputs(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The outputs' indices in the order listed, an empty list when {@code outputs} is not written
     * (the default), or empty when a name is wrong (reported).
     */
    Optional<List<Integer>> resolve(NetworkModel model) {
        List<LayerDeclaration> layers = model.layers();
        ExplicitValues network = model.network();
        Optional<List<ArrayElement<String>>> written = network.strings("outputs");
        if (written.isEmpty()) {
            return Optional.of(List.of());
        }
        List<ArrayElement<String>> names = written.get();
        if (names.isEmpty()) {
            reporter.report(Message.NO_OUTPUTS, model.type(), network.mirror(), network.value("outputs").orElseThrow(),
                    model.type().getSimpleName(), layers.get(layers.size() - 1).name());
            return Optional.empty();
        }
        Map<String, Integer> indices = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            indices.put(layers.get(i).name(), i);
            all.add(layers.get(i).name());
        }
        List<Integer> outputs = new ArrayList<>();
        Map<String, AnnotationValue> seen = new HashMap<>();
        boolean ok = true;
        for (ArrayElement<String> name : names) {
            Integer index = indices.get(name.value());
            if (index == null) {
                reporter.report(Message.UNKNOWN_OUTPUT, model.type(), network.mirror(), name.source(),
                        name.value(), model.type().getSimpleName(), hint(name.value(), all));
                ok = false;
            } else if (seen.putIfAbsent(name.value(), name.source()) != null) {
                reporter.report(Message.DUPLICATE_OUTPUT, model.type(), network.mirror(), name.source(),
                        name.value());
                ok = false;
            } else {
                outputs.add(index);
            }
        }
        if (ok && names.size() > 1) {
            ok = checkShortcutNames(model, names, seen);
        }
        return ok ? Optional.of(List.copyOf(outputs)) : Optional.empty();
    }

    /**
     * With several outputs every output gets shortcuts named after it, and {@code x} with
     * {@code xClipped} (or {@code clipped} beside the unprefixed shortcuts) would give two
     * {@code ...ClippedReceptiveField} methods. Reported at the longer name.
     */
    private boolean checkShortcutNames(NetworkModel model, List<ArrayElement<String>> names,
                                       Map<String, AnnotationValue> listed) {
        boolean ok = true;
        String generated = GeneratedNames.geometryClassName(model.type());
        for (ArrayElement<String> name : names) {
            String value = name.value();
            String base = value.substring(0, value.length() - (value.endsWith(CLIPPED) ? CLIPPED.length() : 0));
            String clashesWith = null;
            if (value.equals("clipped")) {
                clashesWith = "the primary output (unprefixed)";
            } else if (!base.equals(value) && listed.containsKey(base)) {
                clashesWith = "output '" + base + "'";
            }
            if (clashesWith != null) {
                reporter.report(Message.OUTPUT_SHORTCUT_CLASH, model.type(), model.network().mirror(), name.source(),
                        value, generated, value + "ReceptiveField", clashesWith);
                ok = false;
            }
        }
        return ok;
    }

    private static String hint(String typed, List<String> layers) {
        if (typed.equals(LayerReferences.INPUT)) {
            return "'input' is the network input, which is not an output; name a layer";
        }
        return NameSuggestions.closest(typed, layers).map(n -> "did you mean '" + n + "'?")
                .orElse("the outputs are layers, named as their fields");
    }
}
