package dev.convgeom.benchmarks.scaling;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A coarse profiler for {@code --sample-stacks}: while javac compiles with the processor, samples
 * the compiling thread's stack every millisecond and counts, for the samples taken inside the
 * processor, each method of the processor, its JavaPoet and the JDK below it that is on the stack
 * (inclusive). {@code Thread.getStackTrace} samples at safepoints, so the split is approximate,
 * but it says which step of the processor the time goes to.
 */
final class StackSampler {

    static volatile boolean enabled;

    private static final Map<String, LongAdder> INCLUSIVE = new ConcurrentHashMap<>();
    private static final LongAdder IN_PROCESSOR = new LongAdder();
    private static final LongAdder ALL = new LongAdder();

    private final Thread sampler;
    private volatile boolean running = true;

    private StackSampler(Thread target) {
        sampler = new Thread(() -> {
            while (running) {
                sample(target.getStackTrace());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stack-sampler");
        sampler.setDaemon(true);
    }

    static StackSampler start(Thread target) {
        if (!enabled) {
            return null;
        }
        StackSampler s = new StackSampler(target);
        s.sampler.start();
        return s;
    }

    void stop() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sample(StackTraceElement[] stack) {
        ALL.increment();
        int processor = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals("dev.convgeom.processor.ConvGeomProcessor")) {
                processor = i;
            }
        }
        if (processor < 0) {
            return;
        }
        IN_PROCESSOR.increment();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i <= processor; i++) {
            String frame = stack[i].getClassName() + "." + stack[i].getMethodName();
            if (seen.add(frame)) {
                INCLUSIVE.computeIfAbsent(frame, k -> new LongAdder()).increment();
            }
        }
    }

    static void report() {
        if (!enabled) {
            return;
        }
        long inside = IN_PROCESSOR.sum();
        System.out.printf("%n[samples] %d of javac's thread while compiling with the processor, %d inside it%n",
                ALL.sum(), inside);
        INCLUSIVE.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(200)
                .forEach(e -> System.out.printf("[samples] %5.1f%% %s%n", 100.0 * e.getValue().sum() / inside,
                        e.getKey()));
    }
}
