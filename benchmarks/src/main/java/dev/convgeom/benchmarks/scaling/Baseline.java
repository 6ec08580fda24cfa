package dev.convgeom.benchmarks.scaling;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;

/**
 * Another build of the processor, timed in the same run as this one (a before-and-after
 * comparison at the same load): its class path (the processor jar or classes and their
 * dependencies) is loaded child-first, so its {@code dev.convgeom} classes (processor and API
 * alike) and its libraries are its own, not this build's; only the JDK's are shared. The models
 * and the code it generates still compile against this build's API jar, which can compile what
 * an earlier processor wrote as long as the API only grows.
 */
final class Baseline {

    final String classPath;
    final String label;
    private final ClassLoader loader;

    private Baseline(String classPath, ClassLoader loader) {
        this.classPath = classPath;
        this.label = classPath.length() > 80 ? "..." + classPath.substring(classPath.length() - 77) : classPath;
        this.loader = loader;
    }

    /** {@code classPath}: entries separated by the platform's path separator. */
    static Baseline of(String classPath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--baseline: no such file or directory: " + entry);
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Baseline(classPath, new ChildFirst(urls.toArray(URL[]::new), Baseline.class.getClassLoader()));
    }

    /** A fresh instance of the baseline's {@code ConvGeomProcessor}. */
    Processor processor() {
        try {
            return (Processor) loader.loadClass("dev.convgeom.processor.ConvGeomProcessor").getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("--baseline holds no usable dev.convgeom.processor.ConvGeomProcessor", e);
        }
    }

    /** Its own classes first; the JDK's and this benchmark's from the parent. */
    private static final class ChildFirst extends URLClassLoader {

        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && !name.startsWith("java.") && !name.startsWith("javax.")
                        && !name.startsWith("dev.convgeom.benchmarks.")) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        c = null;
                    }
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
