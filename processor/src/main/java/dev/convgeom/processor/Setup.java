package dev.convgeom.processor;

import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * What the processor needs around it, checked before it touches any of it: its own dependencies
 * on the processor path, and the convgeom API on the class path of the compilation. A missing one
 * is a mistake in the user's build set-up, so it is reported as one error that names the missing
 * piece and the fix, not as an internal error or a {@code NoClassDefFoundError} from javac.
 *
 * <p>This class and {@link ConvGeomProcessor} refer to JDK types only until the check has passed,
 * so they load and report even when everything else is missing. That is why the two set-up
 * messages live here and not in the {@code Message} catalogue: the catalogue shares its tag and
 * format code with the engine, which is in the API jar, the very jar that may be missing.
 */
final class Setup {

    /** A class the processor itself loads, the jar that holds it, and how to put that jar in place. */
    private record Needed(String className, String jar, String fix) {
    }

    /** The API jar: found through the class path of the compilation, as generated code needs it. */
    static final String API_CLASS = "dev.convgeom.Network";

    private static final String API_FIX = "put convgeom-api.jar on the processor path beside convgeom-processor.jar"
            + " (javac: -processorpath convgeom-processor.jar" + java.io.File.pathSeparator + "convgeom-api.jar;"
            + " Maven's annotationProcessorPaths and Gradle's annotationProcessor configuration bring it with"
            + " the processor)";

    /**
     * One class of each jar the processor loads besides its own: the API (whose value types and
     * engine it computes with). The processor has no other dependency: it writes generated classes
     * as text. A class of the API that fails to load later is caught as a {@link LinkageError} and
     * reported by {@link #linkageProblem}.
     */
    private static final List<Needed> ON_PROCESSOR_PATH = List.of(
            new Needed(API_CLASS, "convgeom-api.jar (dev.convgeom:convgeom-api)", API_FIX));

    /** The processor path lacks a class: the class, the jar that holds it, and the fix. */
    static final String SETUP_PROCESSOR_PATH = "convgeom cannot run: its processor path lacks %s, from %s; %s"
            + " [convgeom:setup-processor-path]";

    /** The API is not on the class path of the compilation. */
    static final String SETUP_CLASS_PATH = "convgeom cannot run: the convgeom API (%s, in convgeom-api.jar) is not"
            + " on the class path, so @Network and the layer annotations do not resolve, and the generated code"
            + " could not compile or run; add dev.convgeom:convgeom-api as an ordinary dependency (javac: -cp"
            + " convgeom-api.jar; Maven: a <dependency> of compile scope; Gradle: implementation)"
            + " [convgeom:setup-class-path]";

    private Setup() {
    }

    /** The error to report if the processor cannot run in {@code env}, or empty if it can. */
    static Optional<String> problem(ProcessingEnvironment env, ClassLoader processorLoader) {
        for (Needed needed : ON_PROCESSOR_PATH) {
            try {
                Class.forName(needed.className(), false, processorLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of(String.format(java.util.Locale.ROOT, SETUP_PROCESSOR_PATH, needed.className(), needed.jar(), needed.fix()));
            }
        }
        if (env.getElementUtils().getTypeElement(API_CLASS) == null) {
            return Optional.of(String.format(java.util.Locale.ROOT, SETUP_CLASS_PATH, API_CLASS));
        }
        return Optional.empty();
    }

    /**
     * The error for a class that failed to load in the middle of processing (a jar of the wrong
     * version, or a part of one missing), naming the class.
     */
    static String linkageProblem(LinkageError e) {
        String missing = e.getMessage() == null ? e.toString() : e.getMessage().replace('/', '.');
        return String.format(java.util.Locale.ROOT, SETUP_PROCESSOR_PATH, missing, "convgeom-api.jar or convgeom-processor.jar",
                "use convgeom-api.jar and convgeom-processor.jar of one and the same version, both on the processor"
                        + " path, and the same convgeom-api.jar on the class path (" + e + ")");
    }
}
