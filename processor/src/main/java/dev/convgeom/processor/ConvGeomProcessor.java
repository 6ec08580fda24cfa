package dev.convgeom.processor;

import dev.convgeom.NetworkSpec;
import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.EffectiveFields;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.processor.model.Declarations;
import dev.convgeom.processor.model.DroppedAttributes;
import dev.convgeom.processor.model.GeneratedNames;
import dev.convgeom.processor.model.LayerAnnotations;
import dev.convgeom.processor.model.NetworkModel;
import dev.convgeom.processor.model.NetworkReader;
import dev.convgeom.processor.validation.NetworkValidator;
import dev.convgeom.processor.validation.Reporter;
import dev.convgeom.processor.validation.ValidNetwork;
import dev.convgeom.processor.writing.GeometryClassWriter;
import dev.convgeom.processor.writing.InputSizes;
import dev.convgeom.processor.writing.ManifestWriter;
import dev.convgeom.processor.writing.ReportWriter;
import dev.convgeom.processor.writing.RuntimeSpecs;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The convgeom annotation processor. It only wires the parts together: read each {@code @Network}
 * type into a model, validate it (printing diagnostics at the elements), and, when it is clean,
 * generate its geometry class and manifest. It never lets an exception escape into the user's
 * build: an internal failure becomes one error at the network it concerns.
 *
 * <p>Before any of that, {@link Setup} checks that the API jar can be loaded and that
 * the API is on the class path; if not, the processor reports that as one set-up error and does
 * nothing else. Until that check has passed, this class touches no type outside the JDK and its
 * own package's {@code Setup} and {@code Message}, so that it loads, and reports, in a broken set-up.
 */
public final class ConvGeomProcessor extends AbstractProcessor {

    /** Models already generated, so that a later round never writes a file twice. */
    private final Set<String> generated = new HashSet<>();

    /** Generated class names, to the model that took each, so two models never write one file. */
    private final Map<String, String> generatedClasses = new HashMap<>();

    /** Models whose values did not resolve yet, by qualified name, retried next round. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** The annotation on every generated class. */
    private static final String GENERATED = "javax.annotation.processing.Generated";

    /** Whether the set-up check passed: the processor works only then. */
    private boolean ready;

    /** Whether to claim convgeom's annotations: see {@link Claiming}. */
    private boolean claim;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Optional<String> problem = Setup.problem(env, ConvGeomProcessor.class.getClassLoader());
        problem.ifPresent(text -> env.getMessager().printMessage(Diagnostic.Kind.ERROR, text));
        ready = problem.isEmpty();
        claim = ready && Claiming.safe(ConvGeomProcessor.class);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        if (!ready) {
            // Without its classes the processor cannot tell its annotations apart; it does nothing.
            return Set.of(Setup.API_CLASS);
        }
        Set<String> types = new LinkedHashSet<>();
        types.add(LayerAnnotations.NETWORK);
        types.addAll(LayerAnnotations.names());
        // The @Generated on the classes it writes, which javac's -Xlint:processing would otherwise
        // report unclaimed in the next round; claimed only where every use is on such a class.
        types.add(GENERATED);
        return types;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * {@code -Aconvgeom.report=true}: write an HTML report of every network next to its manifest,
     * {@code META-INF/convgeom/<binary name>.html} among the class output, and SVG files of its
     * stack view and input plane ({@code .stack.svg}, {@code .plane.svg}; see {@link ReportWriter#files}).
     */
    public static final String REPORT_OPTION = "convgeom.report";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(REPORT_OPTION);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!ready) {
            return false;
        }
        try {
            processRound(annotations, round);
        } catch (NoClassDefFoundError | IncompatibleClassChangeError e) {
            // A class of the API that the set-up check did not probe failed to load.
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Setup.linkageProblem(e));
            ready = false;
            return false;
        }
        return claim && onlyOnOurClasses(annotations, round);
    }

    /** False if some other processor's class, or a user's, carries a {@code @Generated} of this round. */
    private boolean onlyOnOurClasses(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (annotation.getQualifiedName().contentEquals(GENERATED)) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    if (!(element instanceof TypeElement type)
                            || !generatedClasses.containsKey(type.getQualifiedName().toString())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        Set<String> layers = LayerAnnotations.names();
        for (TypeElement annotation : annotations) {
            if (layers.contains(annotation.getQualifiedName().toString())) {
                for (Element element : round.getElementsAnnotatedWith(annotation)) {
                    guarded(element, reporter, () -> checkLayerPlacement(element, annotation, reporter));
                }
            }
        }
        for (Element element : networksOf(round)) {
            guarded(element, reporter, () -> processNetwork(element, reporter, round.processingOver()));
        }
    }

    /** This round's {@code @Network} types, and those deferred from earlier rounds, in order. */
    private List<Element> networksOf(RoundEnvironment round) {
        List<Element> networks = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                networks.add(type);
            }
        }
        deferred.clear();
        TypeElement network = processingEnv.getElementUtils().getTypeElement(LayerAnnotations.NETWORK);
        if (network != null) {
            for (Element element : round.getElementsAnnotatedWith(network)) {
                if (!networks.contains(element)) {
                    networks.add(element);
                }
            }
        }
        return networks;
    }

    /** Runs one step on one element; nothing escapes into the user's build but a diagnostic. */
    private static void guarded(Element element, Reporter reporter, Runnable step) {
        try {
            step.run();
        } catch (ExceptionInInitializerError e) {
            reporter.report(Message.INTERNAL_ERROR, element, null, null, element, describe(e));
        } catch (LinkageError e) {
            throw e;    // a class that does not load: a set-up problem, which process() reports once
        } catch (RuntimeException | Error e) {
            reporter.report(Message.INTERNAL_ERROR, element, null, null, element, describe(e));
        }
    }

    private void processNetwork(Element element, Reporter reporter, boolean lastRound) {
        if (!(element instanceof TypeElement type) || element.getKind() == ElementKind.ANNOTATION_TYPE) {
            reporter.report(Message.NETWORK_NOT_A_TYPE, element, null, null,
                    element.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), element);
            return;
        }
        NetworkModel model = NetworkReader.read(type);
        if (model.isIncomplete() && !lastRound) {
            // A value may resolve once another processor has generated it: try again next round.
            deferred.add(type.getQualifiedName().toString());
            return;
        }
        if (DroppedAttributes.any(processingEnv, model)) {
            return;     // javac reports the attribute it does not know; checking the rest would mislead
        }
        NetworkValidator validator = new NetworkValidator(reporter);
        validator.validate(model).ifPresent(network -> generate(network, reporter));
    }

    /** A layer annotation counts only on a field of a {@code @Network} type. */
    private static void checkLayerPlacement(Element element, TypeElement annotation, Reporter reporter) {
        String simple = annotation.getSimpleName().toString();
        boolean field = element.getKind() == ElementKind.FIELD || element.getKind() == ElementKind.ENUM_CONSTANT;
        if (!field) {
            reporter.report(Message.LAYER_NOT_A_FIELD, element, null, null, simple, element.getSimpleName());
            return;
        }
        Element owner = element.getEnclosingElement();
        if (NetworkReader.networkAnnotation(owner).isEmpty()) {
            AnnotationMirror mirror = element.getAnnotationMirrors().stream()
                    .filter(m -> m.getAnnotationType().asElement().equals(annotation))
                    .findFirst().orElse(null);
            reporter.report(Message.LAYER_OUTSIDE_NETWORK, element, mirror, null, simple, element.getSimpleName(),
                    owner.getSimpleName());
        }
    }

    private void generate(ValidNetwork network, Reporter reporter) {
        TypeElement type = network.model().type();
        String binaryName = processingEnv.getElementUtils().getBinaryName(type).toString();
        if (!generated.add(binaryName)) {
            return;
        }
        String packageName = GeneratedNames.packageName(type);
        String simpleName = GeneratedNames.geometryClassName(type);
        String geometryClass = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        String modelSimpleName = type.getSimpleName().toString();
        String earlier = generatedClasses.putIfAbsent(geometryClass, type.getQualifiedName().toString());
        if (earlier != null) {
            reporter.report(Message.GENERATED_NAME_CLASH, type, null, null, type.getQualifiedName(),
                    geometryClass, earlier);
            return;
        }
        List<String> declarations = new ArrayList<>(network.model().layers().size());
        for (var layer : network.model().layers()) {
            declarations.add(Declarations.render(layer));
        }
        // Searches on a graph: done once for the class's Javadoc and the manifest.
        NetworkSpec runtime = RuntimeSpecs.of(modelSimpleName, network.geometry(), network.outputs());
        InputSizes sizes = InputSizes.of(runtime);
        // Only the HTML report reads the exact profiles: without it each is let go once read.
        boolean withReport = Boolean.parseBoolean(processingEnv.getOptions().get(REPORT_OPTION));
        List<LayerField> effective = EffectiveFields.of(network.geometry(), withReport);
        try {
            GeometryClassWriter.Source source = new GeometryClassWriter(type.getQualifiedName().toString(), modelSimpleName, packageName,
                    simpleName, getClass().getName(), network.geometry(), network.constantNames(), declarations,
                    runtime, sizes, effective,
                    GeometryClassWriter.declaredOutputs(runtime, !network.outputs().isEmpty())).source();
            JavaFileObject sourceFile = processingEnv.getFiler().createSourceFile(geometryClass, type);
            try (Writer out = sourceFile.openWriter()) {
                source.writeTo(out);
            }
            String manifest = ManifestWriter.write(binaryName, geometryClass, network.strict(),
                    network.geometry(), network.constantNames(), runtime, sizes, effective);
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    GeneratedNames.manifestPath(binaryName), type);
            // The same UTF-8 bytes an OutputStreamWriter would write, encoded in one call: the
            // manifest of a deep network is megabytes, and a writer encodes it char by char in chunks.
            try (java.io.OutputStream out = file.openOutputStream()) {
                out.write(manifest.getBytes(StandardCharsets.UTF_8));
            }
            if (withReport) {
                for (var f : ReportWriter.files(modelSimpleName, network.geometry(), effective).entrySet()) {
                    FileObject report = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                            ReportWriter.path(binaryName, f.getKey()), type);
                    try (Writer out = new java.io.OutputStreamWriter(report.openOutputStream(), StandardCharsets.UTF_8)) {
                        out.write(f.getValue());
                    }
                }
            }
        } catch (FilerException e) {
            // javac refuses to write a type that the compilation declares already.
            reporter.report(Message.GENERATED_CLASS_EXISTS, type, null, null, type.getQualifiedName(),
                    geometryClass, e.getMessage());
        } catch (IOException e) {
            reporter.report(Message.INTERNAL_ERROR, type, null, null, type, "could not write: " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e + (trace.length > 0 ? " at " + trace[0] : "");
    }
}
