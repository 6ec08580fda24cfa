package dev.convgeom.processor;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.SupportedAnnotationTypes;

/**
 * Whether convgeom may claim its annotations (return {@code true} from {@code process}).
 *
 * <p>Two of javac's rules pull against each other (JavacProcessingEnvironment.discoverAndRunProcs,
 * JDK 17 to 25). Under {@code -Xlint:processing} (part of {@code -Xlint:all}) javac warns "No
 * processor claimed any of these annotations" for every present annotation that no processor
 * claimed, so an unclaimed {@code @Network} breaks a {@code -Werror} build. But javac asks the
 * processors in discovery order only while some present annotation is unclaimed: when convgeom's
 * are the only ones in a round and it claims them, a universal ({@code "*"}) processor discovered
 * after it is not called in that round at all, and misses the round's types.
 *
 * <p>So convgeom claims exactly when no processor after it can be universal: it reads the
 * processor path as javac does (the service registrations visible to the processor's own class
 * loader, in order) and looks at the processors registered after itself, without instantiating
 * them. One counts as possibly universal if it declares {@code "*"} in its
 * {@code @SupportedAnnotationTypes}, or overrides {@code getSupportedAnnotationTypes} (its answer
 * cannot be known without running it), or cannot be loaded. With a universal processor after it,
 * convgeom leaves its annotations unclaimed: that processor runs, and the lint warning is the
 * price, in that set-up only. The usual processor path (convgeom alone, or with processors of
 * named annotations, or with a {@code "*"} processor before it) gets both: claimed annotations and
 * every processor called.
 */
final class Claiming {

    private Claiming() {
    }

    /** True if no processor registered after {@code self} on its processor path may be universal. */
    static boolean safe(Class<? extends Processor> self) {
        List<ServiceLoader.Provider<Processor>> providers;
        try {
            providers = ServiceLoader.load(Processor.class, self.getClassLoader()).stream().toList();
        } catch (ServiceConfigurationError | LinkageError e) {
            return false;       // a broken registration: nothing can be said about the chain
        }
        boolean after = false;
        for (ServiceLoader.Provider<Processor> provider : providers) {
            Class<? extends Processor> type;
            try {
                type = provider.type();
            } catch (ServiceConfigurationError | LinkageError e) {
                if (after) {
                    return false;
                }
                continue;
            }
            if (type.getName().equals(self.getName())) {
                after = true;
            } else if (after && mayBeUniversal(type)) {
                return false;
            }
        }
        // Not registered at all (handed to the compiler as an object): the chain is unknown.
        return after;
    }

    private static boolean mayBeUniversal(Class<? extends Processor> type) {
        try {
            Method supported = type.getMethod("getSupportedAnnotationTypes");
            if (supported.getDeclaringClass() != AbstractProcessor.class) {
                return true;
            }
            SupportedAnnotationTypes declared = type.getAnnotation(SupportedAnnotationTypes.class);
            return declared != null && Arrays.stream(declared.value())
                    .map(String::strip)
                    .anyMatch(name -> name.equals("*") || name.endsWith("/*"));
        } catch (NoSuchMethodException | LinkageError | SecurityException e) {
            return true;
        }
    }
}
