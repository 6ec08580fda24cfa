package dev.convgeom.processor;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a {@link ConvGeomProcessor} with a {@link Filer} that records every file it creates, with
 * its originating elements, and can be told to fail, as a full disk would. This sees what was
 * written even when the compilation fails (compile-testing hides generated files then), and
 * exercises the processor's handling of I/O failures.
 */
final class SpyingProcessor implements Processor {

    /** A file the processor created. */
    record Created(String method, String name, List<String> originatingElements) {
    }

    private final Processor delegate = new ConvGeomProcessor();
    private final List<Created> created = Collections.synchronizedList(new ArrayList<>());
    private final Throwable failure;

    /** @param failure thrown by every {@code create...} call, or null to pass them through */
    SpyingProcessor(Throwable failure) {
        this.failure = failure;
    }

    List<Created> created() {
        return List.copyOf(created);
    }

    /** Names passed to {@code createSourceFile} and {@code createResource}, in order. */
    List<String> createdNames() {
        return created.stream().map(Created::name).toList();
    }

    @Override
    public void init(ProcessingEnvironment env) {
        Filer filer = env.getFiler();
        Filer spy = proxy(Filer.class, (proxy, method, args) -> {
            if (method.getName().startsWith("create")) {
                created.add(new Created(method.getName(), name(method.getName(), args), originating(args)));
                if (failure != null) {
                    throw failure;
                }
            }
            return invoke(method, filer, args);
        });
        delegate.init(proxy(ProcessingEnvironment.class, (proxy, method, args) ->
                method.getName().equals("getFiler") ? spy : invoke(method, env, args)));
    }

    private static String name(String method, Object[] args) {
        // createResource(location, package, relativeName, elements...) vs createSourceFile(name, elements...)
        return method.equals("createResource") ? args[1] + ":" + args[2] : String.valueOf(args[0]);
    }

    private static List<String> originating(Object[] args) {
        Object last = args[args.length - 1];
        return last instanceof Element[] elements
                ? Arrays.stream(elements).map(e -> e.toString()).toList() : List.of();
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(SpyingProcessor.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                                                         ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }

    static IOException diskFull() {
        return new IOException("No space left on device");
    }
}
