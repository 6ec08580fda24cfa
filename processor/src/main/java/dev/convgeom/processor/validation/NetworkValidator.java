package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Param;
import dev.convgeom.engine.Problem;
import dev.convgeom.Ratio;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.GeneratedNames;
import dev.convgeom.processor.model.LayerDeclaration;
import dev.convgeom.processor.model.NetworkModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Validates a whole network: first each annotation on its own, then the names, then the chain
 * through the geometry engine, whose problems are reported at the annotation values they concern.
 * A layer's mistake is reported once; a layer that reads a broken one is not blamed for it, but
 * every independent mistake is reported in the same compile. A network with any error is not
 * generated.
 */
public final class NetworkValidator {

    private final Reporter reporter;
    private final LayerValidator layers;

    public NetworkValidator(Reporter reporter) {
        this.reporter = reporter;
        this.layers = new LayerValidator(reporter);
    }

    /**
     * The network ready for generation, or empty when it has errors (reported) or is broken
     * half-typed code (javac reports that itself).
     */
    public Optional<ValidNetwork> validate(NetworkModel model) {
        reporter.reset();
        if (model.isIncomplete()) {
            return Optional.empty();
        }
        Optional<NetworkInput> input = input(model);
        boolean strict = model.network().bool("strict").orElse(false);
        boolean fullyConvolutional = model.network().bool("fullyConvolutional").orElse(false);
        if (model.layers().isEmpty()) {
            reporter.report(Message.NO_LAYERS, model.type(), model.network().mirror(), null,
                    model.type().getQualifiedName());
            return Optional.empty();
        }
        List<String> constants = constantNames(model);
        CheckedLayers checked = checkLayers(model);
        Optional<List<Integer>> outputs = new NetworkOutputs(reporter).resolve(model);
        if (input.isEmpty() || outputs.isEmpty()) {
            return Optional.empty();     // every layer reads the input, or the outputs are unknown
        }
        // Layers with mistakes of their own are left out, with the layers that read them; the
        // rest of the network is still computed, so independent mistakes all show in one compile.
        GeometryResult geometry = GeometryCalculator.compute(input.get(), checked.specs(), checked.unchecked(),
                outputs.get(), strict, fullyConvolutional);
        List<Problem> problems = geometry.problems();
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            LayerDeclaration layer = model.layers().get(problem.layer());
            ExplicitValues values = layer.values();
            AnnotationValue at = blame(model, problem);
            String text = problem.text();
            if (i + 1 < problems.size()) {
                Optional<String> both = bothAxes(problem, at, problems.get(i + 1), blame(model, problems.get(i + 1)));
                if (both.isPresent()) {
                    text = both.get();
                    i++;
                }
            }
            reporter.report(problem.severity(), text, layer.field(), values.mirror(), at);
        }
        if (reporter.hasErrors() || !checked.unchecked().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ValidNetwork(model, geometry, constants, strict, outputs.get()));
    }

    /**
     * Each layer checked on its own, with the names it reads resolved: the specs the engine
     * computes, one per layer in declaration order (a problem's layer index is a declaration's
     * index), or empty when some layer has an error (reported) or misses a required attribute
     * (javac reports that itself).
     */
    public Optional<List<LayerSpec>> layerSpecs(NetworkModel model) {
        CheckedLayers checked = checkLayers(model);
        return checked.unchecked().isEmpty() ? Optional.of(checked.specs()) : Optional.empty();
    }

    /**
     * Every layer's spec, in declaration order; a layer with a mistake of its own (reported) or a
     * missing required attribute (javac reports it) is in {@code unchecked}, and its spec is a
     * stand-in that only lends its name.
     */
    private record CheckedLayers(List<LayerSpec> specs, Set<Integer> unchecked) {
    }

    private CheckedLayers checkLayers(NetworkModel model) {
        LayerReferences references = new LayerReferences(reporter, model.layers());
        List<LayerSpec> specs = new ArrayList<>();
        Set<Integer> unchecked = new TreeSet<>();
        for (int i = 0; i < model.layers().size(); i++) {
            LayerDeclaration layer = model.layers().get(i);
            checkField(model, layer);
            Optional<LayerInputs> inputs = references.resolve(i);
            // A layer with a wrong name is still checked, so that all its mistakes show at once.
            Optional<LayerSpec> spec = layers.validate(layer, inputs.orElse(LayerInputs.PREVIOUS));
            if (inputs.isPresent() && spec.isPresent()) {
                specs.add(spec.get());
            } else {
                specs.add(standIn(layer.name(), i, inputs));
                unchecked.add(i);
            }
        }
        return new CheckedLayers(specs, unchecked);
    }

    /**
     * A stand-in for a layer with a mistake: it lends its name and the maps it reads (all earlier
     * ones when its names do not resolve), which the core counts as read in full.
     */
    private static LayerSpec standIn(String name, int index, Optional<LayerInputs> inputs) {
        LayerSpec spec = LayerSpec.pointwise(name, LayerKind.RELU);
        if (inputs.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = LayerSpec.NETWORK_INPUT; i < index; i++) {
                all.add(i);
            }
            return spec.from(all.toArray(Integer[]::new));
        }
        List<Integer> read = new ArrayList<>(inputs.get().from());
        return read.isEmpty() ? spec : spec.from(read.toArray(Integer[]::new));
    }

    private static AnnotationValue blame(NetworkModel model, Problem problem) {
        ExplicitValues values = model.layers().get(problem.layer()).values();
        return Attributes.blame(values, problem.param(), problem.element(), problem.axis()).orElse(null);
    }

    /** Words in which the two axes' texts of one problem may differ. */
    private static final Map<String, String> AXIS_WORDS = Map.of("height", "width", "row", "column", "rows", "columns");

    /**
     * One mistake, one diagnostic: {@code k = 40} on a 32x32 input, or AlexNet's {@code s = 4} on
     * 224x224, fails the rows and the columns with the same numbers at the same literal. Such a
     * pair becomes one message naming both axes ("height/width", "row/column"); a pair that differs
     * in any number, or blames different literals ({@code kh} and {@code kw}), stays two.
     */
    private static Optional<String> bothAxes(Problem y, AnnotationValue yAt, Problem x, AnnotationValue xAt) {
        if (y.layer() != x.layer() || y.message() != x.message() || y.severity() != x.severity()
                || y.param() != x.param() || y.axis() != Axis.Y || x.axis() != Axis.X || yAt != xAt) {
            return Optional.empty();
        }
        String[] yWords = y.text().split("\\b");
        String[] xWords = x.text().split("\\b");
        if (yWords.length != xWords.length) {
            return Optional.empty();
        }
        StringBuilder merged = new StringBuilder();
        for (int i = 0; i < yWords.length; i++) {
            if (yWords[i].equals(xWords[i])) {
                merged.append(yWords[i]);
            } else if (xWords[i].equals(AXIS_WORDS.get(yWords[i]))) {
                merged.append(yWords[i]).append('/').append(xWords[i]);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(merged.toString());
    }

    private Optional<NetworkInput> input(NetworkModel model) {
        Optional<ExplicitValues> input = model.network().annotation("input");
        if (input.isEmpty()) {
            return Optional.empty();     // javac reports the missing required attribute
        }
        ExplicitValues values = input.get();
        boolean ok = true;
        long[] sizes = new long[3];
        String[] names = {"channels", "height", "width"};
        for (int i = 0; i < names.length; i++) {
            Optional<Integer> value = values.integer(names[i]);
            if (value.isEmpty()) {
                return Optional.empty();  // missing required attribute: javac reports it
            }
            if (value.get() < 1) {
                reporter.report(Message.INPUT_NOT_POSITIVE, model.type(), values.mirror(),
                        values.value(names[i]).orElseThrow(), model.type().getQualifiedName(), names[i], value.get());
                ok = false;
            }
            sizes[i] = value.get();
        }
        return ok ? Optional.of(new NetworkInput(sizes[0], sizes[1], sizes[2])) : Optional.empty();
    }

    /** Each layer's constant; a reserved or clashing name is an error at the second field. */
    private List<String> constantNames(NetworkModel model) {
        Map<String, String> taken = new HashMap<>();
        List<String> constants = new ArrayList<>();
        for (LayerDeclaration layer : model.layers()) {
            String constant = ConstantNames.of(layer.name());
            constants.add(constant);
            String reserved = ConstantNames.RESERVED.get(constant);
            if (reserved != null) {
                reporter.report(Message.RESERVED_LAYER_NAME, layer.field(), null, null, layer.name(),
                        GeneratedNames.geometryClassName(model.type()), constant, reserved);
                continue;
            }
            String earlier = taken.putIfAbsent(constant, layer.name());
            if (earlier != null) {
                reporter.report(Message.CONSTANT_CLASH, layer.field(), null, null, earlier, layer.name(),
                        GeneratedNames.geometryClassName(model.type()), constant);
            }
        }
        return constants;
    }

    private void checkField(NetworkModel model, LayerDeclaration layer) {
        for (AnnotationMirror extra : layer.extra()) {
            reporter.report(Message.TWO_LAYER_ANNOTATIONS, layer.field(), extra, null, layer.name(),
                    layer.kind().displayName(), simpleName(extra));
        }
        // Warnings, not errors: the declaration is unambiguous and its geometry is computed; what
        // is doubtful is the object the fields describe.
        Set<Modifier> modifiers = layer.field().getModifiers();
        boolean constantsAreLayers = layer.field().getKind() == ElementKind.ENUM_CONSTANT
                || model.type().getKind().isInterface();
        if (modifiers.contains(Modifier.STATIC) && !constantsAreLayers) {
            reporter.report(Message.STATIC_LAYER_FIELD, layer.field(), null, null, layer.name(),
                    model.type().getSimpleName());
        }
        if (modifiers.contains(Modifier.TRANSIENT)) {
            reporter.report(Message.TRANSIENT_LAYER_FIELD, layer.field(), null, null, layer.name(),
                    model.type().getSimpleName());
        }
    }

    private static String simpleName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getSimpleName().toString();
    }
}
