package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.processor.hardening.Models.ModelDraft;
import dev.convgeom.processor.hardening.Models.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same sources, same output, byte for byte: generated sources and manifests, and diagnostics,
 * across two compilations in one JVM, across the order in which the files are given, and across
 * JVMs (hash codes and the iteration order of {@code Set.of} differ from one JVM to the next).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class DeterminismTest {

    /** Several packages, nested and inner models, an enum, a record, an interface, 300 layers. */
    static List<JavaFileObject> fixedSources() {
        StringBuilder deep = new StringBuilder("""
                package q;
                import dev.convgeom.*;
                @Network(input = @Input(channels = 3, height = 33, width = 47), fullyConvolutional = true)
                public interface Deep {
                """);
        for (int i = 0; i < 300; i++) {
            deep.append(switch (i % 4) {
                case 0 -> "    @Conv(out = " + (8 + i % 7) + ", k = 3, p = 1) Object conv" + i + " = null;\n";
                case 1 -> "    @BatchNorm Object bn" + i + " = null;\n";
                case 2 -> "    @Pointwise(\"ReLU6\") Object act" + i + " = null;\n";
                default -> "    @MaxPool(k = 3, s = 1, p = 1, ceil = true) Object pool" + i + " = null;\n";
            });
        }
        deep.append("    @FullyConnected(out = 10) Object fc = null;\n}\n");
        return List.of(
                HardeningCompiler.source("p.Outer", """
                        package p;
                        import dev.convgeom.*;
                        public class Outer<T> {
                            @Network(input = @Input(channels = 3, height = 224, width = 224), strict = false)
                            public static class Net {
                                @Conv(out = 96, k = 11, s = 4) Object conv1;
                                @Relu Object relu1;
                                @MaxPool(k = 3, s = 2, ceil = true) Object pool1;
                                @Conv(out = 256, k = 5, p = 2, groups = 2) Object conv2;
                                @AvgPool(k = 2, padding = Padding.SAME) Object pool2;
                                @FullyConnected(out = 1000) Object fc;
                            }
                            @Network(input = @Input(channels = 1, height = 28, width = 28))
                            public class Inner {
                                @Conv(out = 6, kh = 5, kw = 3, d = 2, padding = Padding.SAME) T conv;
                                @Tanh T tanh;
                            }
                            @Network(input = @Input(channels = 1, height = 28, width = 28))
                            enum Layers { @Conv(out = 4, k = 3) CONV, @Sigmoid SIGMOID, @Dropout DROPOUT }
                        }
                        """),
                HardeningCompiler.source("Net", """
                        import dev.convgeom.*;
                        @Network(input = @Input(channels = 2, height = 17, width = 9))
                        public record Net(@Conv(out = 3, k = 2, s = 2) Object down, @Lrn Object lrn,
                                          @Softmax Object softmax) { }
                        """),
                HardeningCompiler.source("q.Deep", deep.toString()));
    }

    private static Output baseline;

    /** The fixed sources compiled once, for the tests below to compare with. */
    private static synchronized Output baseline() {
        if (baseline == null) {
            baseline = Output.of(HardeningCompiler.compile(fixedSources()));
        }
        return baseline;
    }

    @Test
    void twoCompilationsWriteTheSameBytes() {
        Output again = Output.of(HardeningCompiler.compile(fixedSources()));
        assertEquals(10, again.files().size(), again.files().keySet()::toString);  // 5 models: sources, manifests
        assertEquals(baseline(), again);
    }

    @Test
    void theOrderOfTheSourcesChangesNothing() {
        List<JavaFileObject> reversed = new ArrayList<>(fixedSources());
        Collections.reverse(reversed);
        assertEquals(baseline().files(), Output.of(HardeningCompiler.compile(reversed)).files());
    }

    @Test
    void anotherJvmWritesTheSameBytes(@TempDir Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("output.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForkedCompilation.class.getName(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        assertTrue(java.waitFor(120, TimeUnit.SECONDS), "the forked compilation did not finish");
        assertEquals(0, java.exitValue(), () -> read(dir.resolve("log.txt")));
        assertEquals(baseline().render(), read(out));
    }

    @Provide
    Arbitrary<List<ModelDraft>> batches() {
        return Drafts.batches(5);
    }

    /** Fuzzed batches, valid and not: twice the same files and diagnostics. */
    @Property(tries = 15, edgeCases = EdgeCasesMode.NONE)
    void fuzzedModelsTwiceGiveTheSameBytes(@ForAll("batches") List<ModelDraft> drafts) {
        List<Unit> units = Models.render(drafts);
        List<JavaFileObject> sources = units.stream().map(u -> HardeningCompiler.source(u.qualifiedName(), u.text()))
                .toList();
        assertEquals(Output.of(HardeningCompiler.compile(sources)), Output.of(HardeningCompiler.compile(sources)),
                units::toString);
    }

    /** Generated files by path, and the diagnostics as printed. */
    record Output(Map<String, String> files, String diagnostics) {
        static Output of(HardeningCompiler.Result result) {
            Map<String, String> files = new TreeMap<>();
            result.sources().forEach((name, text) -> files.put(name + ".java", text));
            files.putAll(result.resources());
            return new Output(files, result.describeDiagnostics());
        }

        String render() {
            StringBuilder b = new StringBuilder();
            files.forEach((name, text) -> b.append("=== ").append(name).append('\n').append(text));
            return b.append("=== diagnostics\n").append(diagnostics).toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The forked JVM's side of {@link #anotherJvmWritesTheSameBytes}. */
    static final class ForkedCompilation {
        public static void main(String[] args) throws IOException {
            Files.writeString(Path.of(args[0]), Output.of(HardeningCompiler.compile(fixedSources())).render(),
                    StandardCharsets.UTF_8);
        }
    }
}
