package dev.convgeom.benchmarks.scaling;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Wraps a processor and measures what it costs itself: wall time and bytes allocated (on javac's
 * thread, where processors run) inside {@code init} and every {@code process} round. What javac does
 * around it (rounds, parsing and compiling the generated sources) is not counted here.
 */
final class TimingProcessor implements Processor {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Processor delegate;
    long initNanos;
    long processNanos;
    long allocatedBytes;
    int rounds;

    TimingProcessor(Processor delegate) {
        this.delegate = delegate;
    }

    long totalNanos() {
        return initNanos + processNanos;
    }

    @Override
    public void init(ProcessingEnvironment env) {
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        delegate.init(env);
        initNanos += System.nanoTime() - start;
        allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - bytes;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            return delegate.process(annotations, round);
        } finally {
            processNanos += System.nanoTime() - start;
            allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - bytes;
            rounds++;
        }
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
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                                                         ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
