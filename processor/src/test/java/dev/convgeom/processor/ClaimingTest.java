package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claiming (see {@link Claiming}): with convgeom alone on the processor path, or a universal
 * processor before it, {@code -Xlint:all -Werror} passes (its annotations, and the {@code @Generated}
 * on its classes in the next round, are claimed); with a universal processor after it, that
 * processor is still called in the first round, and javac's lint warning is the price.
 */
class ClaimingTest {

    private static final String CONVGEOM = ConvGeomProcessor.class.getName();
    private static final String STAR = StarProcessor.class.getName();
    private static final String UNCLAIMED = "No processor claimed any of these annotations";
    private static final JavaFileObject NET = Sources.net("@Conv(out = 8, k = 3) Object conv1;");

    @Test
    void aloneItClaimsAndLintAllWerrorPasses(@TempDir Path dir) {
        ProcessorPaths.Result r = compile(dir, CONVGEOM);
        assertTrue(r.success() && r.diagnostics().isEmpty(), r::describe);
    }

    @Test
    void aUniversalProcessorBeforeItRunsAndLintAllWerrorPasses(@TempDir Path dir) throws IOException {
        ProcessorPaths.Result r = compile(dir, STAR, CONVGEOM);
        assertEquals(List.of(STAR, CONVGEOM), r.processors(), r::describe);
        assertTrue(r.success() && r.diagnostics().isEmpty(), r::describe);
        assertEquals("test.Net", firstRound(dir));
    }

    @Test
    void aUniversalProcessorAfterItIsStillCalledInTheFirstRound(@TempDir Path dir) throws IOException {
        ProcessorPaths.Result r = compile(dir, CONVGEOM, STAR);
        assertEquals(List.of(CONVGEOM, STAR), r.processors(), r::describe);
        assertEquals("test.Net", firstRound(dir));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.contains(UNCLAIMED)), r::describe);
    }

    private static ProcessorPaths.Result compile(Path dir, String... chain) {
        Path out = dir.resolve("out");
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProcessorPaths.compile(List.of(ProcessorPaths.registering(dir.resolve("chain"), chain),
                        ProcessorPaths.PROCESSOR, ProcessorPaths.API, ProcessorPaths.TESTS),
                List.of(ProcessorPaths.API), out, List.of("-Xlint:all", "-Werror"), NET);
    }

    private static String firstRound(Path dir) throws IOException {
        return Files.readString(dir.resolve("out/star/first-round.txt"), StandardCharsets.UTF_8);
    }

    /** A universal processor, as another library's: records the types of the first round it sees. */
    @SupportedAnnotationTypes("*")
    public static final class StarProcessor extends AbstractProcessor {
        private boolean called;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!called) {
                called = true;
                Set<String> names = new TreeSet<>();
                for (Element e : round.getRootElements()) {
                    names.add(((TypeElement) e).getQualifiedName().toString());
                }
                try (Writer w = processingEnv.getFiler()
                        .createResource(StandardLocation.CLASS_OUTPUT, "star", "first-round.txt").openWriter()) {
                    w.write(String.join(",", names));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
