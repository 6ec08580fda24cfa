package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.convgeom.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated classes pass javac's doclint with every check on ({@code -Xdoclint:all}, which
 * covers private members too) and {@code -Xlint:all}, under {@code -Werror}: a user whose build
 * checks its Javadoc must not see a warning from code they did not write.
 *
 * <p>Only the generated sources are checked: the models are compiled first, on their own, and put
 * on the class path (test models have undocumented fields, which is their business). The models are
 * the example networks of the {@code example} module (chains, fully connected layers, FCN's
 * upsampling and crops, GoogLeNet's and ResNet's merges), the other generated-code tests' models,
 * and a network large enough for holder classes.
 */
class GeneratedJavadocTest {

    private static final Path EXAMPLES = Path.of("..", "example", "src", "main", "java", "dev", "convgeom", "example");

    private static final java.util.regex.Pattern NETWORK = java.util.regex.Pattern.compile("(?m)^@Network\\b");

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+);");

    static Stream<Arguments> models() throws IOException {
        List<Arguments> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                // A network class, not one that mentions @Network in a comment or a string (Main).
                if (NETWORK.matcher(source).find()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    models.add(Arguments.of("example " + name, List.of(com.google.testing.compile.JavaFileObjects
                            .forSourceString("dev.convgeom.example." + name, source))));
                }
            }
        }
        assertTrue(models.size() >= 8, () -> "expected the example networks in " + EXAMPLES.toAbsolutePath());
        GeneratedCodeTest.models().forEach(models::add);
        models.add(Arguments.of("graph with upsampling", List.of(GraphGeneratedCodeTest.GRAPH)));
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void generatedCodePassesDoclintAllAndXlintAllWithWerror(String name, List<JavaFileObject> model,
                                                             @TempDir Path dir) throws IOException {
        // Some examples draw the processor's warnings (ResNet-50's unread rows): the model's, not the code's.
        Compilation c = Compilers.compile(model.toArray(JavaFileObject[]::new));
        assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.diagnostics().toString());
        assertTrue(!c.generatedSourceFiles().isEmpty(), "nothing was generated");
        Path models = Files.createDirectories(dir.resolve("models"));
        List<Diagnostic<? extends JavaFileObject>> first = compile(sourceFiles(dir.resolve("model-src"), model),
                List.of("-proc:none", "-d", models.toString(), "-classpath", apiJar()));
        assertEquals(List.of(), errors(first), "the model alone compiles");
        List<Path> generated = sourceFiles(dir.resolve("generated-src"), c.generatedSourceFiles());
        List<Diagnostic<? extends JavaFileObject>> strict = compile(generated, List.of("-proc:none",
                "-Xdoclint:all", "-Xlint:all", "-Werror", "-d", Files.createDirectories(dir.resolve("out")).toString(),
                "-classpath", models + java.io.File.pathSeparator + apiJar()));
        assertEquals(List.of(), strict.stream().map(d -> d.getKind() + " " + d.getMessage(Locale.ROOT)
                + " at " + (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber()).toList());
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(List<Path> sources, List<String> options)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> all = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8"));
        all.addAll(options);
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            javac.getTask(null, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        return diagnostics.getDiagnostics();
    }

    private static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT)).toList();
    }

    /** Writes each source under {@code root} by its path in the package tree. */
    private static List<Path> sourceFiles(Path root, List<JavaFileObject> sources) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (JavaFileObject source : sources) {
            String content = source.getCharContent(true).toString();
            java.util.regex.Matcher declared = PACKAGE.matcher(content);
            String pkg = declared.find() ? declared.group(1) : "";
            String simple = Path.of(source.toUri().getPath()).getFileName().toString();
            Path dir = Files.createDirectories(pkg.isEmpty() ? root : root.resolve(pkg.replace('.', '/')));
            Path file = dir.resolve(simple);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            paths.add(file);
        }
        return paths;
    }

    /** Where {@code convgeom-annotations} is: what models and generated code compile against. */
    private static String apiJar() {
        try {
            return Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
