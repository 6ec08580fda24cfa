package dev.convgeom.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The one place where tests make a compiler, so that options stay in one place.
 *
 * <p>Options: {@code --release 17}, the level users compile at (the tests also run on newer JDKs);
 * {@code -Xlint:all} so that any lint warning the processor or its output causes shows up in the
 * diagnostics tests count. The lint category {@code processing} is off: javac's
 * "No processor claimed any of these annotations" is about the chain of processors, which these
 * tests hand to javac as objects; {@link ClaimingTest} and the integration module's fresh-project
 * builds check it with processors discovered as javac discovers them. {@link GeneratedCodeTest} compiles the generated sources again with the whole of
 * {@code -Xlint:all -Werror}. No cap on the number of diagnostics (javac prints only the first 100
 * by default), so that a batch of models shows all of its diagnostics.
 */
final class Compilers {

    static final List<String> OPTIONS = List.of("--release", "17", "-Xlint:all,-processing",
            "-Xmaxerrs", "100000", "-Xmaxwarns", "100000");

    /** javac's wording when a processor lets an exception escape. */
    static final String UNCAUGHT = "An annotation processor threw an uncaught exception";

    private Compilers() {
    }

    /**
     * javac with a fresh {@link ConvGeomProcessor} (a processor instance keeps state across
     * rounds, so it is never shared between compilations).
     */
    static Compiler withProcessor() {
        return with(new ConvGeomProcessor());
    }

    /** javac with the given processors and the common options. */
    static Compiler with(Processor... processors) {
        return javac().withProcessors(processors).withOptions(OPTIONS);
    }

    /** Compiles {@code sources} with the processor and checks that it did not crash. */
    static Compilation compile(JavaFileObject... sources) {
        return noCrash(run(withProcessor(), sources));
    }

    /** Runs {@code compiler}, turning an exception that escapes javac into a readable failure. */
    static Compilation run(Compiler compiler, JavaFileObject... sources) {
        try {
            return compiler.compile(sources);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("the compilation threw (a processor crash escaping javac): " + e, e);
        }
    }

    /**
     * Fails if the processor crashed: javac's "uncaught exception" error, or convgeom's own
     * internal-error diagnostic, which only a bug can produce on a real model.
     */
    static Compilation noCrash(Compilation compilation) {
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            if (message.contains(UNCAUGHT) || message.contains("[convgeom:internal-error]")) {
                throw new AssertionError("the processor crashed: " + message + "\nall diagnostics: "
                        + compilation.diagnostics());
            }
        }
        return compilation;
    }
}
