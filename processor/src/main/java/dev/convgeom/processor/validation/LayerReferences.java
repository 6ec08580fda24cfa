package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.processor.model.ArrayElement;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationValue;

/**
 * Resolves the layer names written in {@code from} and {@code like} to layer indices, and checks
 * how many {@code from} names each kind of layer takes. Every error is reported at the string
 * that causes it.
 *
 * <p>A name must be {@code "input"} or the name of a layer declared <em>earlier</em>: a forward
 * or self reference is refused. So every layer reads only layers of smaller index, the layers'
 * declaration order is an order of evaluation, and a cycle cannot be written at all (it would
 * need some layer to read itself or a later one); no separate cycle check is needed.
 */
final class LayerReferences {

    /** The name that stands for the network input. No layer can take it: see {@link ConstantNames#RESERVED}. */
    static final String INPUT = "input";

    /** How many earlier layers an unknown-name message lists when it has no suggestion. */
    private static final int LISTED = 5;

    private final Reporter reporter;
    private final List<LayerDeclaration> layers;
    private final Map<String, Integer> indices = new HashMap<>();

    LayerReferences(Reporter reporter, List<LayerDeclaration> layers) {
        this.reporter = reporter;
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            // Field names are unique within a type, so no name is taken twice.
            indices.put(this.layers.get(i).name(), i);
        }
    }

    /**
     * The maps layer {@code index} reads; empty when a name or the number of names is wrong
     * (reported), or when a required attribute is missing (javac reports that itself).
     */
    Optional<LayerInputs> resolve(int index) {
        LayerDeclaration layer = layers.get(index);
        ExplicitValues v = layer.values();
        boolean ok = true;
        List<Integer> from = new ArrayList<>();
        Optional<List<ArrayElement<String>>> names = v.strings("from");
        if (names.isPresent()) {
            ok = checkCount(layer, names.get());
            for (ArrayElement<String> name : names.get()) {
                OptionalInt target = resolve(index, "from", name.value(), name.source());
                target.ifPresent(from::add);
                ok &= target.isPresent();
            }
        } else if (layer.kind().isMerge() || layer.kind() == LayerKind.GATE) {
            return Optional.empty();
        }
        int like = LayerSpec.NETWORK_INPUT;
        if (layer.kind().role() == LayerKind.Role.CROP) {
            Optional<String> name = v.string("like");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            OptionalInt target = resolve(index, "like", name.get(), v.value("like").orElseThrow());
            ok &= target.isPresent();
            like = target.orElse(LayerSpec.NETWORK_INPUT);
        }
        return ok ? Optional.of(new LayerInputs(from, like)) : Optional.empty();
    }

    /** Single-input layers take at most one name (none: the layer before); merges two or more; a gate two. */
    private boolean checkCount(LayerDeclaration layer, List<ArrayElement<String>> names) {
        ExplicitValues v = layer.values();
        String kind = layer.kind().displayName();
        if (layer.kind() == LayerKind.GATE) {
            if (names.size() == 2) {
                return true;
            }
            String listed = names.stream().map(n -> "'" + n.value() + "'").collect(Collectors.joining(", "));
            reporter.report(Message.GATE_INPUTS, layer.field(), v.mirror(),
                    names.size() > 2 ? names.get(2).source() : v.value("from").orElseThrow(),
                    layer.name(), names.size(), listed.isEmpty() ? "none" : listed);
            return false;
        }
        if (!layer.kind().isMerge()) {
            if (names.size() <= 1) {
                return true;
            }
            String listed = names.stream().map(n -> "'" + n.value() + "'").collect(Collectors.joining(", "));
            // The caret goes under the first name too many.
            reporter.report(Message.SEVERAL_INPUTS, layer.field(), v.mirror(), names.get(1).source(),
                    layer.name(), kind, names.size(), listed);
            return false;
        }
        if (names.isEmpty()) {
            reporter.report(Message.EMPTY_MERGE, layer.field(), v.mirror(), v.value("from").orElseThrow(),
                    layer.name(), kind);
            return false;
        }
        if (names.size() == 1) {
            String only = names.get(0).value();
            reporter.report(Message.MERGE_ONE_INPUT, layer.field(), v.mirror(), names.get(0).source(),
                    layer.name(), kind, only, kind, only);
            return false;
        }
        warnRepeats(layer, names);
        return true;
    }

    /**
     * A merge that names one map twice is well defined (x + x, or x's channels twice over) but is
     * almost always a slip for another name: a warning at the first repeat of each name.
     */
    private void warnRepeats(LayerDeclaration layer, List<ArrayElement<String>> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (ArrayElement<String> name : names) {
            seen.merge(name.value(), 1, Integer::sum);
        }
        Set<String> warned = new HashSet<>();
        Set<String> earlier = new HashSet<>();
        for (ArrayElement<String> name : names) {
            if (!earlier.add(name.value()) && warned.add(name.value())) {
                String what = layer.kind() == LayerKind.ADD ? "adds it to itself (" + seen.get(name.value())
                        + " times its values)" : "stacks its channels " + seen.get(name.value()) + " times over";
                reporter.report(Message.REPEATED_MERGE_INPUT, layer.field(), layer.values().mirror(), name.source(),
                        layer.name(), name.value(), seen.get(name.value()), layer.kind().displayName(), what);
            }
        }
    }

    /** The index {@code name} stands for, written in {@code attribute} of layer {@code index}. */
    private OptionalInt resolve(int index, String attribute, String name, AnnotationValue at) {
        if (name.equals(INPUT)) {
            return OptionalInt.of(LayerSpec.NETWORK_INPUT);
        }
        LayerDeclaration layer = layers.get(index);
        ExplicitValues v = layer.values();
        Integer target = indices.get(name);
        if (target == null) {
            reporter.report(Message.UNKNOWN_LAYER, layer.field(), v.mirror(), at,
                    layer.name(), attribute, name, hint(index, name));
        } else if (target == index) {
            reporter.report(Message.SELF_REFERENCE, layer.field(), v.mirror(), at,
                    layer.name(), attribute, name, selfReferenceFix(layer, attribute));
        } else if (target > index) {
            reporter.report(Message.FORWARD_REFERENCE, layer.field(), v.mirror(), at,
                    layer.name(), attribute, name, name, layer.name());
        } else {
            return OptionalInt.of(target);
        }
        return OptionalInt.empty();
    }

    /** "did you mean ...?", or the names layer {@code index} can read. */
    private String hint(int index, String typed) {
        List<String> readable = new ArrayList<>();
        readable.add(INPUT);
        for (int i = 0; i < index; i++) {
            readable.add(layers.get(i).name());
        }
        Optional<String> closest = NameSuggestions.closest(typed, readable);
        if (closest.isPresent()) {
            return "did you mean '" + closest.get() + "'?";
        }
        if (index == 0) {
            return "the first layer can read only 'input'";
        }
        // The nearest earlier layers are the likeliest to be meant: list those.
        List<String> earlier = readable.subList(Math.max(1, readable.size() - LISTED), readable.size());
        String listed = earlier.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return "it can read 'input' or an earlier layer: " + (index > LISTED ? "..., " : "") + listed;
    }

    private static String selfReferenceFix(LayerDeclaration layer, String attribute) {
        if (attribute.equals("like")) {
            return "name the earlier layer (or 'input') whose height and width it takes";
        }
        if (layer.kind().isMerge()) {
            return "name the earlier layers it merges";
        }
        return "name an earlier layer, or leave from out to read the layer just before it";
    }
}
