package dev.convgeom.processor.hardening;

import dev.convgeom.LayerGeometry;
import dev.convgeom.processor.hardening.Models.Model;
import dev.convgeom.processor.hardening.Models.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles one batch of fuzzed models and checks what must hold whatever the input:
 * <ul>
 *   <li>no exception escapes the processor (javac's "uncaught exception", or one thrown out of
 *       the compiler), and no {@code [convgeom:internal-error]};</li>
 *   <li>every ERROR or WARNING the processor prints has a position (line &gt; 0) in a source of
 *       the batch, inside the span of a model, and, when it names a layer, on that layer's line;</li>
 *   <li>every model the processor can see and that has no error has its generated class and
 *       manifest; a model with a convgeom error has neither;</li>
 *   <li>the generated sources compile on their own under {@code -Xlint:all -Werror}, their classes
 *       initialize, and each layer's shape and field agree with the manifest.</li>
 * </ul>
 * Violations are collected, not thrown, so that a long run can count them.
 */
final class FuzzRun {

    /**
     * The subject of a message: {@code layer 'x'}, {@code field 'x'}, {@code @Conv on 'x'},
     * {@code layers 'a' and 'b'}.
     */
    private static final Pattern SUBJECT = Pattern.compile(
            "^(?:layer '([^']*)'|field '([^']*)'|layers '([^']*)' and '([^']*)'|@\\w+ on '([^']*)')");
    /** javac's messages for a name that does not resolve. */
    private static final Pattern UNRESOLVED = Pattern.compile("^cannot find symbol|^package \\S+ does not exist");
    private static final Pattern TAGGED = Pattern.compile("\\[convgeom:[a-z-]+]$");
    private static final Pattern OUTPUT = Pattern.compile(
            "\"output\": \\{\"channels\": (null|-?\\d+), \"height\": (-?\\d+), \"width\": (-?\\d+)}");
    private static final Pattern RF = Pattern.compile("\"rf\": \\{\"height\": (-?\\d+), \"width\": (-?\\d+)}");

    /** A compilation slower than this is a violation (on a loaded 2-core machine they take about 0.3 s). */
    static final long SLOW_MILLIS = 60_000;

    final List<String> violations = new ArrayList<>();
    /** Models generated for the batch (each counted once, also when javac ran no processor on it). */
    int generatedModels;
    private String diagnostics = "";
    int models;
    int visible;
    /** Networks with a javac error in their annotations, and convgeom errors added to such a network. */
    int halfTyped;
    int noisy;
    /** Of the visible networks, those using the graph DSL, and of those the valid ones. */
    int graphs;
    int validGraphs;
    /** How often each convgeom tag was printed: which checks the batch reached. */
    final Map<String, Integer> tags = new java.util.TreeMap<>();
    /** The slowest compilation of the batch, in ms. */
    long slowestMillis;
    int valid;
    int invalid;
    int invisible;
    int processorErrors;
    int processorWarnings;
    int javacErrors;
    int generatedSources;
    int strictCompilations;
    int uncaught;
    int unlocated;
    /** Compilations in which javac ran no processor (errors no processor can fix), and their models. */
    int unprocessedCompilations;
    int unprocessedModels;
    int compilations;

    private FuzzRun() {
    }

    /**
     * Checks the batch; if javac ran no processor on it (a model had an error no processor can fix),
     * checks each model alone as well, so that the others are still put through the processor.
     */
    static FuzzRun run(List<Unit> units) {
        FuzzRun run = new FuzzRun();
        run.generatedModels = units.size();
        if (!run.check(units) && units.size() > 1) {
            for (Unit u : units) {
                run.check(List.of(u));
            }
        }
        return run;
    }

    /** False when javac ran no processor. */
    private boolean check(List<Unit> units) {
        List<JavaFileObject> sources = new ArrayList<>();
        Map<String, Unit> byUri = new HashMap<>();
        for (Unit u : units) {
            JavaFileObject file = HardeningCompiler.source(u.qualifiedName(), u.text());
            sources.add(file);
            byUri.put(file.toUri().toString(), u);
        }
        compilations++;
        long start = System.nanoTime();
        HardeningCompiler.Result compilation = HardeningCompiler.compile(sources);
        long millis = (System.nanoTime() - start) / 1_000_000;
        slowestMillis = Math.max(slowestMillis, millis);
        // A compilation takes well under a second; minutes mean a loop that only ends by luck
        // (periods and sizes growing with every upsampling, say), which a build would hang on.
        if (millis > SLOW_MILLIS) {
            violations.add("the compilation took " + millis + " ms");
        }
        if (compilation.thrown() != null) {
            uncaught++;
            violations.add("the compiler threw: " + stackTrace(compilation.thrown()));
            return true;
        }
        diagnostics += compilation.describeDiagnostics();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            diagnostic(d, byUri);
        }
        if (!compilation.processed()) {
            unprocessedCompilations++;
            unprocessedModels += units.size();
            if (compilation.errors().isEmpty()) {
                violations.add("javac ran no processor, yet reported no error");
            }
            return false;
        }
        models += units.size();
        Map<String, Integer> generatedNames = new HashMap<>();
        for (Unit u : units) {
            generatedNames.merge(u.model().generatedName(), 1, Integer::sum);
        }
        List<Model> expected = new ArrayList<>();
        for (Unit u : units) {
            Model m = u.model();
            if (!m.visible()) {
                invisible++;
                continue;
            }
            visible++;
            graphs += m.draft().graph() ? 1 : 0;
            List<Diagnostic<? extends JavaFileObject>> errors = errorsIn(compilation, u, byUri);
            halfTyped(m, errors);
            boolean generated = compilation.source(m.generatedName()).isPresent();
            boolean manifest = compilation.manifest(m.binaryName()).isPresent();
            if (errors.isEmpty()) {
                valid++;
                validGraphs += m.draft().graph() ? 1 : 0;
                expected.add(m);
                if (!generated || !manifest) {
                    violations.add("valid model " + m.binaryName() + " has " + (generated ? "" : "no generated "
                            + m.generatedName() + " ") + (manifest ? "" : "no manifest"));
                }
            } else {
                invalid++;
                boolean ours = errors.stream().anyMatch(d -> message(d).contains(HardeningCompiler.TAG));
                if (ours && generatedNames.get(m.generatedName()) == 1 && (generated || manifest)) {
                    violations.add("model " + m.binaryName() + " has convgeom errors but was generated");
                }
            }
        }
        generatedSources += compilation.sources().size();
        if (!compilation.sources().isEmpty()) {
            strictly(compilation, expected);
        }
        return true;
    }

    private void diagnostic(Diagnostic<? extends JavaFileObject> d, Map<String, Unit> byUri) {
        String message = message(d);
        if (message.contains(HardeningCompiler.UNCAUGHT)) {
            uncaught++;
            violations.add("uncaught exception: " + message);
            return;
        }
        if (!message.contains(HardeningCompiler.TAG)) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                javacErrors++;
            }
            return;
        }
        if (message.contains(HardeningCompiler.INTERNAL_ERROR)) {
            violations.add("internal error: " + describe(d));
        }
        if (d.getKind() == Diagnostic.Kind.ERROR) {
            processorErrors++;
        } else if (d.getKind() == Diagnostic.Kind.WARNING) {
            processorWarnings++;
        } else {
            violations.add("a convgeom diagnostic of kind " + d.getKind() + ": " + describe(d));
            return;
        }
        Matcher tag = TAGGED.matcher(message);
        if (tag.find()) {
            tags.merge(tag.group(), 1, Integer::sum);
        } else {
            violations.add("a convgeom message that does not end with its tag: " + describe(d));
        }
        Unit unit = d.getSource() == null ? null : byUri.get(d.getSource().toUri().toString());
        long line = d.getLineNumber();
        if (unit == null || line <= 0 || d.getPosition() == Diagnostic.NOPOS) {
            unlocated++;
            violations.add("unlocated: " + describe(d));
            return;
        }
        Model m = unit.model();
        if (!m.contains((int) line)) {
            unlocated++;
            violations.add("outside its model (lines " + m.firstLine() + "-" + m.lastLine() + "): " + describe(d));
            return;
        }
        Matcher subject = SUBJECT.matcher(message);
        if (subject.find()) {
            boolean onLayer = false;
            for (int g = 1; g <= subject.groupCount(); g++) {
                String name = subject.group(g);
                Set<Integer> lines = name == null ? null : m.layerLines().get(name);
                onLayer |= lines != null && lines.contains((int) line);
            }
            if (!onLayer) {
                unlocated++;
                violations.add("not on the line of the layer it names " + m.layerLines().keySet() + ": "
                        + describe(d));
            }
        }
    }

    /**
     * Half-typed code: while a name inside the model's annotations does not resolve, the processor
     * must add nothing to the model (RELIABILITY.md, Limits: its other mistakes are reported once it
     * resolves). Other javac errors there (a constant it may not access, say) leave the values
     * known, so the processor may report the model's other mistakes.
     */
    private void halfTyped(Model m, List<Diagnostic<? extends JavaFileObject>> errors) {
        Diagnostic<? extends JavaFileObject> javac = errors.stream()
                .filter(d -> UNRESOLVED.matcher(message(d)).find()
                        && m.inAnnotations(d.getLineNumber(), d.getColumnNumber()))
                .findFirst().orElse(null);
        if (javac == null) {
            return;
        }
        halfTyped++;
        for (Diagnostic<? extends JavaFileObject> d : errors) {
            if (message(d).contains(HardeningCompiler.TAG)) {
                noisy++;
                violations.add("convgeom adds to javac's error in the annotations of " + m.binaryName() + " ("
                        + describe(javac) + "): " + describe(d));
            }
        }
    }

    /** Errors, from javac or the processor, inside the model's lines. */
    private static List<Diagnostic<? extends JavaFileObject>> errorsIn(HardeningCompiler.Result compilation, Unit u,
                                                                      Map<String, Unit> byUri) {
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            if (d.getSource() != null && byUri.get(d.getSource().toUri().toString()) == u
                    && u.model().contains((int) d.getLineNumber())) {
                errors.add(d);
            }
        }
        return errors;
    }

    /** The generated sources alone under -Xlint:all -Werror; then their classes, initialized. */
    private void strictly(HardeningCompiler.Result compilation, List<Model> expected) {
        HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(compilation);
        strictCompilations++;
        if (!strict.success() || !strict.diagnostics().isEmpty()) {
            StringBuilder b = new StringBuilder("generated code does not compile under -Xlint:all -Werror:");
            for (Diagnostic<? extends JavaFileObject> d : strict.diagnostics()) {
                b.append("\n  ").append(describe(d));
                if (d.getSource() != null && d.getLineNumber() > 0) {
                    String[] lines = HardeningCompiler.text(d.getSource()).split("\n", -1);
                    b.append("\n    | ").append(lines[(int) d.getLineNumber() - 1]);
                }
            }
            violations.add(b.toString());
            return;
        }
        ClassLoader loader = HardeningCompiler.loader(strict);
        for (Model m : expected) {
            String manifest = compilation.manifest(m.binaryName()).orElse(null);
            if (manifest == null) {
                continue;
            }
            try {
                Class<?> generated = Class.forName(m.generatedName(), true, loader);
                @SuppressWarnings("unchecked")
                List<LayerGeometry> layers = (List<LayerGeometry>) generated.getMethod("layers").invoke(null);
                agree(m, layers, manifest);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                violations.add(m.generatedName() + " does not load or initialize: " + stackTrace(e));
            }
        }
    }

    /** Each layer's output and field in the generated class equal the manifest's. */
    private void agree(Model m, List<LayerGeometry> layers, String manifest) {
        Matcher out = OUTPUT.matcher(manifest);
        Matcher rf = RF.matcher(manifest);
        for (LayerGeometry layer : layers) {
            if (!out.find() || !rf.find()) {
                violations.add(m.generatedName() + ": more layers than the manifest has");
                return;
            }
            String channels = layer.output().channels() < 0 ? "null" : Integer.toString(layer.output().channels());
            String code = channels + "x" + layer.output().height() + "x" + layer.output().width() + " rf "
                    + layer.rfHeight() + "x" + layer.rfWidth();
            String json = out.group(1) + "x" + out.group(2) + "x" + out.group(3) + " rf " + rf.group(1) + "x"
                    + rf.group(2);
            if (!code.equals(json)) {
                violations.add(m.generatedName() + "." + layer.name() + ": code says " + code + ", manifest " + json);
            }
        }
        if (out.find()) {
            violations.add(m.generatedName() + ": fewer layers than the manifest has");
        }
    }

    static String message(Diagnostic<? extends JavaFileObject> d) {
        return d.getMessage(Locale.ROOT);
    }

    static String describe(Diagnostic<? extends JavaFileObject> d) {
        return HardeningCompiler.describe(d);
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** A failure message: the violations, then the sources of the batch with line numbers. */
    String report(List<Unit> units) {
        StringBuilder b = new StringBuilder(violations.size() + " violation(s):\n");
        violations.forEach(v -> b.append("- ").append(v).append('\n'));
        b.append("All diagnostics:\n").append(diagnostics);
        units.forEach(u -> b.append('\n').append(u));
        return b.toString();
    }
}
