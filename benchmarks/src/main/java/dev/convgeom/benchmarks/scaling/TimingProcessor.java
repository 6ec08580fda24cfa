package dev.convgeom.benchmarks.scaling;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
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
 * Wraps a processor and measures what it costs itself: wall time, CPU time and bytes allocated (on
 * javac's thread, where processors run), and the garbage-collection pauses that fell inside
 * {@code init} and every {@code process} round. What javac does around it (rounds, parsing and
 * compiling the generated sources) is not counted here.
 */
final class TimingProcessor implements Processor {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final Processor delegate;
    long initNanos;
    long processNanos;
    long cpuNanos;
    long gcMillis;
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
        long cpu = THREADS.getCurrentThreadCpuTime();
        long gc = gcMillis();
        long start = System.nanoTime();
        delegate.init(env);
        initNanos += System.nanoTime() - start;
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        gcMillis += gcMillis() - gc;
        allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - bytes;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long gc = gcMillis();
        long start = System.nanoTime();
        try {
            return delegate.process(annotations, round);
        } finally {
            processNanos += System.nanoTime() - start;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
            gcMillis += gcMillis() - gc;
            allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - bytes;
            rounds++;
        }
    }

    /** Total collection time so far, all collectors. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
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
