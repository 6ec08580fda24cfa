package dev.convgeom.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Loads the classes of a compile-testing compilation from its in-memory class output, so tests
 * can call generated code. The parent is the test class loader, so the API types generated code
 * returns ({@code dev.convgeom.LayerGeometry}, {@code Point}, ...) are the test's own.
 */
final class CompiledClasses extends ClassLoader {

    private final Compilation compilation;

    CompiledClasses(Compilation compilation) {
        super(CompiledClasses.class.getClassLoader());
        this.compilation = compilation;
    }

    /** The compiled class {@code binaryName} ({@code test.Outer_InnerGeometry}). */
    Class<?> load(String binaryName) {
        try {
            return loadClass(binaryName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the compilation produced no class " + binaryName, e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Optional<JavaFileObject> file =
                compilation.generatedFile(StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class");
        if (file.isEmpty()) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = file.get().openInputStream()) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls the static method {@code name}; Integer and Double arguments stand for int and double. */
    static Object call(Class<?> type, String name, Object... args) {
        Class<?>[] parameters = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            parameters[i] = args[i] instanceof Integer ? int.class
                    : args[i] instanceof Double ? double.class
                    : args[i].getClass();
        }
        try {
            Method method = type.getMethod(name, parameters);
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + type.getName() + "." + name, e);
        }
    }

    /** The value of the static field {@code name}. */
    static Object constant(Class<?> type, String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no constant " + type.getName() + "." + name, e);
        }
    }
}
