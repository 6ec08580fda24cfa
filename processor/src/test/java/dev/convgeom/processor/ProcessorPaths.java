package dev.convgeom.processor;

import dev.convgeom.Network;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Processor paths as javac builds them: a class loader of its own over the given entries (its
 * parent the platform loader, so that nothing leaks in from the test's class path), whose service
 * registrations javac reads in order. The processors found there are handed to javac in that
 * order, as its own discovery would call them.
 */
final class ProcessorPaths {

    /** Where the processor's classes and the API are on the test's class path. */
    static final File PROCESSOR = location(ConvGeomProcessor.class);
    static final File API = location(Network.class);
    static final File TESTS = location(ProcessorPaths.class);

    private ProcessorPaths() {
    }

    /** A directory that registers {@code processors}, in that order, as javac's services. */
    static File registering(Path dir, String... processors) {
        try {
            Path services = dir.resolve("META-INF/services/javax.annotation.processing.Processor");
            Files.createDirectories(services.getParent());
            Files.writeString(services, String.join("\n", processors) + "\n", StandardCharsets.UTF_8);
            return dir.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What javac prints compiling {@code sources} with the processors discovered on {@code path}. */
    static Result compile(List<File> path, List<File> classPath, Path out, List<String> options,
                          JavaFileObject... sources) {
        return compile(path, name -> false, classPath, out, options, sources);
    }

    /** As {@link #compile(List, List, Path, List, JavaFileObject...)}, the classes {@code hidden} names left out. */
    static Result compile(List<File> path, java.util.function.Predicate<String> hidden, List<File> classPath, Path out,
                          List<String> options, JavaFileObject... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (URLClassLoader loader = new URLClassLoader(urls(path), ClassLoader.getPlatformClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    if (hidden.test(name)) {
                        throw new ClassNotFoundException(name);
                    }
                    return super.findClass(name);
                }
            };
             StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                     StandardCharsets.UTF_8)) {
            List<Processor> processors = new ArrayList<>();
            ServiceLoader.load(Processor.class, loader).forEach(processors::add);
            List<String> all = new ArrayList<>(List.of("--release", "17", "-classpath", join(classPath),
                    "-d", out.toString(), "-s", out.toString()));
            all.addAll(options);
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, all, null, List.of(sources));
            task.setProcessors(processors);
            boolean success = task.call();
            List<String> printed = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                printed.add(d.getKind() + " " + d.getMessage(Locale.ROOT));
            }
            return new Result(success, printed, processors.stream().map(p -> p.getClass().getName()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(boolean success, List<String> diagnostics, List<String> processors) {
        String describe() {
            return "success " + success + ", processors " + processors + ", diagnostics:\n"
                    + String.join("\n", diagnostics);
        }
    }

    private static URL[] urls(List<File> files) {
        try {
            URL[] urls = new URL[files.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = files.get(i).toURI().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<File> files) {
        return String.join(File.pathSeparator, files.stream().map(File::getPath).toList());
    }

    private static File location(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
