package dev.convgeom.processor.hardening;

import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.Network;
import dev.convgeom.processor.ConvGeomProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The one place the hardening tests compile: user sources with the processor, and generated
 * sources again, alone, strictly ({@code -Xlint:all -Werror}) against nothing but the annotations
 * module, to show that generated code needs nothing else and raises no warning.
 *
 * <p>It drives javac through {@code javax.tools} with an in-memory file manager, as
 * compile-testing does, but keeps what was generated even when the compilation fails: the tests
 * must see that a valid model beside a broken one was still generated, and compile-testing hides
 * the generated files of a failed compilation.
 */
final class HardeningCompiler {

    /** javac's words when a processor lets an exception escape. */
    static final String UNCAUGHT = "An annotation processor threw an uncaught exception";

    /** The processor's own tag prefix, and its internal-error tag. */
    static final String TAG = "[convgeom:";
    static final String INTERNAL_ERROR = "[convgeom:internal-error]";

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final List<File> ANNOTATIONS = List.of(location(Network.class));

    private HardeningCompiler() {
    }

    /**
     * What a compilation printed and wrote; {@code thrown} if an exception escaped javac;
     * {@code rounds} the annotation-processing rounds javac ran (0 when errors that no processor
     * can fix, such as a value of the wrong type, made it skip processing altogether); {@code writes}
     * how often each output ({@code SOURCE_OUTPUT/p/NetGeometry.java}) was opened for writing.
     */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
                  Map<String, String> sources, Map<String, String> resources, Map<String, byte[]> classes,
                  Throwable thrown, int rounds, Map<String, Integer> writes) {

        boolean processed() {
            return rounds > 0;
        }

        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        }

        /** The generated source of the class of qualified name {@code name}. */
        Optional<String> source(String name) {
            return Optional.ofNullable(sources.get(name));
        }

        /** The manifest of the model of binary name {@code binaryName}. */
        Optional<String> manifest(String binaryName) {
            return Optional.ofNullable(resources.get("META-INF/convgeom/" + binaryName + ".json"));
        }

        /** Diagnostics as javac prints them, one a line, for failure messages. */
        String describeDiagnostics() {
            StringBuilder b = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
                b.append(describe(d)).append('\n');
            }
            return b.toString();
        }
    }

    /** {@code sources} compiled with the convgeom processor. */
    static Result compile(List<JavaFileObject> sources) {
        return compileWith(sources, new ConvGeomProcessor());
    }

    /**
     * {@code sources} compiled with {@code given} processors, in that order, after one that only
     * counts rounds (first: convgeom claims its annotations unless a "*" processor is registered
     * after it, and one handed to javac as an object, like this one, is not registered anywhere;
     * see Claiming).
     */
    static Result compileWith(List<JavaFileObject> sources, Processor... given) {
        RoundCounter counter = new RoundCounter();
        List<Processor> processors = new ArrayList<>();
        processors.add(counter);
        processors.addAll(List.of(given));
        Result r = javac(sources, List.of(), null, processors);
        return new Result(r.success(), r.diagnostics(), r.sources(), r.resources(), r.classes(), r.thrown(),
                counter.rounds, r.writes());
    }

    /** The generated sources of {@code result}, alone, under {@code -Xlint:all -Werror}. */
    static Result compileGeneratedStrictly(Result result) {
        List<JavaFileObject> generated = new ArrayList<>();
        result.sources().forEach((name, text) -> generated.add(source(name, text)));
        return javac(generated, List.of("-Xlint:all", "-Werror", "-proc:none"), ANNOTATIONS, List.of());
    }

    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    private static Result javac(List<JavaFileObject> sources, List<String> options, List<File> classPath,
                                List<Processor> processors) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard =
                JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Memory memory = new Memory(standard);
        try {
            if (classPath != null) {
                standard.setLocation(StandardLocation.CLASS_PATH, classPath);
            }
            JavaCompiler.CompilationTask task = JAVAC.getTask(null, memory, diagnostics, options, null, sources);
            if (!processors.isEmpty()) {
                task.setProcessors(processors);
            }
            boolean success;
            Throwable thrown = null;
            try {
                success = task.call();
            } catch (RuntimeException | Error e) {
                success = false;
                thrown = e;
            }
            return memory.result(success, diagnostics.getDiagnostics(), thrown);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                memory.close();
            } catch (java.io.IOException e) {
                // nothing was on disk
            }
        }
    }

    /**
     * Loads the classes of {@code result} in a loader of their own whose parent sees the
     * annotations module, so that their initializers really run.
     */
    static ClassLoader loader(Result result) {
        Map<String, byte[]> classes = result.classes();
        return new ClassLoader(HardeningCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    static String text(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String describe(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "<no source>" : d.getSource().getName();
        return d.getKind() + " " + where + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + " "
                + d.getMessage(Locale.ROOT);
    }

    private static File location(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the rounds javac runs; claims nothing. */
    private static final class RoundCounter extends AbstractProcessor {
        int rounds;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            rounds++;
            return false;
        }
    }

    /** Every output in memory: sources and classes by class name, resources by path. */
    private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, Output> outputs = new LinkedHashMap<>();

        Memory(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            String path = className.replace('.', '/') + kind.extension;
            return outputs.computeIfAbsent(location.getName() + "/" + path,
                    p -> new Output(URI.create("mem:///" + p), kind, className));
        }

        @Override
        public FileObject getFileForOutput(Location location, String packageName, String relativeName,
                                           FileObject sibling) {
            String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName;
            return outputs.computeIfAbsent(location.getName() + "/" + path,
                    p -> new Output(URI.create("mem:///" + p), JavaFileObject.Kind.OTHER, path));
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a.toUri().equals(b.toUri());
        }

        Result result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Throwable thrown) {
            Map<String, String> sources = new TreeMap<>();
            Map<String, String> resources = new TreeMap<>();
            Map<String, byte[]> classes = new TreeMap<>();
            for (Output o : outputs.values()) {
                switch (o.getKind()) {
                    case SOURCE -> sources.put(o.name, o.content());
                    case CLASS -> classes.put(o.name, o.bytes.toByteArray());
                    default -> resources.put(o.name, o.content());
                }
            }
            Map<String, Integer> writes = new TreeMap<>();
            outputs.forEach((path, o) -> writes.put(path, o.writes));
            return new Result(success, List.copyOf(diagnostics), Collections.unmodifiableMap(sources),
                    Collections.unmodifiableMap(resources), Collections.unmodifiableMap(classes), thrown, 0,
                    Collections.unmodifiableMap(writes));
        }
    }

    /** A file written in memory. */
    private static final class Output extends SimpleJavaFileObject {

        final String name;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        Output(URI uri, Kind kind, String name) {
            super(uri, kind);
            this.name = name;
        }

        @Override
        public OutputStream openOutputStream() {
            writes++;
            bytes.reset();
            return bytes;
        }

        @Override
        public Writer openWriter() {
            return new OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8);
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content();
        }

        String content() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
