package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.processor.ConvGeomProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rounds and incremental builds: a model whose constants and layer field types another processor
 * generates in a later round is deferred, then generated once, without FilerException or error;
 * every file written names exactly one originating element, the model (Gradle's isolating
 * contract, declared in META-INF/gradle/incremental.annotation.processors); the processor's
 * options, if any, are under {@code convgeom.}.
 */
class RoundsTest {

    private static final String MODEL = """
            package p;
            import dev.convgeom.*;
            @GenerateSizes
            @Network(input = @Input(channels = 3, height = 16, width = 16))
            public class Net {
                @Conv(out = 8, k = Sizes.K, p = Sizes.P) GeneratedLayer conv1;
                @Relu GeneratedLayer relu1;
                @MaxPool(k = Sizes.POOL) Object pool1;
                @Nested.Inner.Deep Object notALayer;
            }
            """;

    /** The annotation that {@link SizesProcessor} processes, as another library's would be. */
    private static final String GENERATE_SIZES = "package p; public @interface GenerateSizes { }";

    /**
     * For {@code @GenerateSizes}, generates, in its round {@code round} (from 1), {@code p.Sizes}
     * with the constants the model uses, {@code p.GeneratedLayer}, the type of two of its fields,
     * and {@code p.Nested} with an annotation type; in each round before, a class of no interest,
     * so that javac runs another. (Whether a processor of {@code "*"} after convgeom is called:
     * ClaimingTest.)
     */
    static final class SizesProcessor extends AbstractProcessor {
        private final int round;
        private int calls;

        SizesProcessor(int round) {
            this.round = round;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("p.GenerateSizes");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
            calls++;
            if (calls < round) {
                write("p.Filler" + calls, "package p; class Filler" + calls + " { }");
            } else if (calls == round) {
                write("p.Sizes", "package p; public final class Sizes { public static final int K = 3, P = 1, POOL = 2;"
                        + " private Sizes() { } }");
                write("p.GeneratedLayer", "package p; public class GeneratedLayer { }");
                write("p.Nested", "package p; public class Nested { public static class Inner {"
                        + " public @interface Deep { } } }");
            }
            return false;
        }

        private void write(String name, String text) {
            try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                w.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest(name = "constants and types generated in round {0}, that processor {1}")
    @CsvSource({"1, after", "1, before", "2, after", "2, before", "3, after", "3, before"})
    void modelWaitsForGeneratedConstantsAndTypes(int round, String order) {
        Recording recording = new Recording();
        Processor convgeom = recording.wrap(new ConvGeomProcessor());
        List<JavaFileObject> sources = List.of(HardeningCompiler.source("p.Net", MODEL),
                HardeningCompiler.source("p.GenerateSizes", GENERATE_SIZES));
        HardeningCompiler.Result result = order.equals("after")
                ? HardeningCompiler.compileWith(sources, convgeom, new SizesProcessor(round))
                : HardeningCompiler.compileWith(sources, new SizesProcessor(round), convgeom);

        assertTrue(result.success() && result.diagnostics().isEmpty(), result::describeDiagnostics);
        assertEquals(1, result.writes().get("SOURCE_OUTPUT/p/NetGeometry.java"), result.writes()::toString);
        assertEquals(1, result.writes().get("CLASS_OUTPUT/META-INF/convgeom/p.Net.json"), result.writes()::toString);
        String manifest = result.manifest("p.Net").orElseThrow();
        assertTrue(manifest.contains("\"kernel\": {\"height\": 3, \"width\": 3}"), manifest);
        assertTrue(manifest.contains("\"kernel\": {\"height\": 2, \"width\": 2}"), manifest);
        assertTrue(manifest.contains("\"output\": {\"channels\": 8, \"height\": 8, \"width\": 8}"), manifest);
        assertEquals(List.of("p.NetGeometry <- [p.Net]", "META-INF/convgeom/p.Net.json <- [p.Net]"),
                recording.files);
    }

    @Test
    void everyFileHasOneOriginatingElementAcrossSeveralModels() {
        Recording recording = new Recording();
        HardeningCompiler.Result result = HardeningCompiler.compileWith(List.of(
                HardeningCompiler.source("p.Outer", """
                        package p;
                        import dev.convgeom.*;
                        public class Outer {
                            @Network(input = @Input(channels = 1, height = 8, width = 8))
                            public enum Inner { @Conv(out = 2, k = 3) CONV, @Relu RELU }
                        }
                        """),
                HardeningCompiler.source("q.Rec", """
                        package q;
                        import dev.convgeom.*;
                        @Network(input = @Input(channels = 1, height = 8, width = 8))
                        public record Rec(@Conv(out = 2, k = 3) Object conv, @MaxPool(k = 2) Object pool) { }
                        """)), recording.wrap(new ConvGeomProcessor()));
        assertTrue(result.success() && result.diagnostics().isEmpty(), result::describeDiagnostics);
        assertEquals(List.of("p.Outer_InnerGeometry <- [p.Outer.Inner]",
                "META-INF/convgeom/p.Outer$Inner.json <- [p.Outer.Inner]",
                "q.RecGeometry <- [q.Rec]", "META-INF/convgeom/q.Rec.json <- [q.Rec]"), recording.files);
    }

    @Test
    void registeredIsolatingAndAsAProcessor() throws IOException {
        assertEquals("dev.convgeom.processor.ConvGeomProcessor,isolating",
                resource("META-INF/gradle/incremental.annotation.processors").strip());
        assertTrue(resource("META-INF/services/javax.annotation.processing.Processor").lines()
                .anyMatch(l -> l.strip().equals(ConvGeomProcessor.class.getName())));
    }

    @Test
    void optionsAreUnderTheConvgeomPrefix() {
        Set<String> options = new ConvGeomProcessor().getSupportedOptions();
        assertTrue(options.stream().allMatch(o -> o.startsWith("convgeom.")), options::toString);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConvGeomProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Hands a processor a Filer that records each file created, with its originating elements,
     * and passes everything through to javac's.
     */
    static final class Recording {
        final List<String> files = new ArrayList<>();

        Processor wrap(Processor processor) {
            return (Processor) Proxy.newProxyInstance(Processor.class.getClassLoader(),
                    new Class<?>[] {Processor.class}, (proxy, method, args) -> {
                        if (method.getName().equals("init")) {
                            args = new Object[] {environment((ProcessingEnvironment) args[0])};
                        }
                        return invoke(processor, method, args);
                    });
        }

        private ProcessingEnvironment environment(ProcessingEnvironment env) {
            Filer filer = env.getFiler();
            Filer recording = (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "createSourceFile" -> files.add(args[0] + " <- " + names((Element[]) args[1]));
                            case "createResource" -> files.add(args[2] + " <- " + names((Element[]) args[3]));
                            case "createClassFile" -> files.add(args[0] + " (class) <- " + names((Element[]) args[1]));
                            default -> { }
                        }
                        return invoke(filer, method, args);
                    });
            InvocationHandler handler = (proxy, method, args) ->
                    method.getName().equals("getFiler") ? recording : invoke(env, method, args);
            return (ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, handler);
        }

        private static String names(Element[] elements) {
            return Arrays.stream(elements).map(e -> ((TypeElement) e).getQualifiedName().toString()).toList()
                    .toString();
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
