package dev.convgeom.benchmarks.scaling;

import dev.convgeom.Network;
import dev.convgeom.processor.ConvGeomProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor-scaling benchmark: generates synthetic model sources ({@link SyntheticModels}),
 * compiles them with javac with the convgeom processor and without ({@code -proc:none}), and
 * reports javac's wall time both ways, the processor's own time ({@link TimingProcessor}), memory,
 * and the size of what the processor generates.
 *
 * <p>Two series:
 * <ul>
 *   <li><b>warm</b> (all configurations): javac in this JVM through {@code javax.tools}, after a
 *       warm-up ({@code --warmup-seconds}, 60 by default), as in a build daemon or an IDE; each
 *       configuration is then compiled once or twice each way more to settle, then {@code --reps}
 *       times each way, alternating, and the medians are reported;</li>
 *   <li><b>cold</b> (100 networks x 50 layers and 1 x 5,000): every compile in a fresh JVM, as a
 *       one-shot {@code mvn compile} runs javac; {@code --cold-reps} times each way, medians.</li>
 * </ul>
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar dev.convgeom.benchmarks.scaling.ProcessorScaling
 * </pre>
 * It writes {@code processor-scaling.md}, {@code .csv} and {@code .svg} to {@code --out}
 * (default {@code benchmarks/}). {@code --quick} runs a small smoke configuration.
 * {@code --configs examples} (and {@code --cold-configs examples}) compiles the example module's
 * own networks instead of synthetic ones ({@link ExampleSources}; run from the repository's root or
 * give {@code --examples-dir}): the "networks like the examples" of issue 10, literally.
 */
public final class ProcessorScaling {

    /**
     * {@code networks} networks of {@code layers} layers each; or, with {@code layers} 0, the
     * example module's networks themselves ({@link ExampleSources}), {@code networks} of them.
     */
    record Config(int networks, int layers) {
        int totalLayers() {
            return isExamples() ? ExampleSources.layers() : networks * layers;
        }

        boolean isExamples() {
            return layers == 0;
        }

        String label() {
            return isExamples() ? "examples" : networks + "x" + layers;
        }

        /** For the tables: {@code 400 x 12}, or {@code examples (11 networks)}. */
        String display() {
            return isExamples() ? "examples (" + networks + " networks)" : networks + " x " + layers;
        }
    }

    /**
     * One compile. {@code cpuNanos}: CPU time of the thread that ran javac (and the processor, which
     * javac runs on it), from {@code ThreadMXBean}: unlike the wall time it does not grow while the
     * thread waits for a core, so the ratios of two compiles stay meaningful on a loaded machine. It
     * leaves out the garbage collector's threads and the kernel's waits for the disk.
     */
    record Sample(Config config, boolean processor, boolean cold, long wallNanos, long processorNanos,
                  long processorInitNanos, long processorCpuNanos, long processorGcNanos, long allocatedBytes, long processorAllocatedBytes, long peakHeapBytes,
                  long peakRssBytes, long generatedJavaBytes, long generatedJavaLines, long generatedClassBytes,
                  long manifestBytes, int rounds, long cpuNanos) {

        static final String CSV_HEADER = "networks,layers,processor,cold,wall_ms,processor_ms,processor_init_ms,"
                + "processor_cpu_ms,processor_gc_ms,allocated_mb,processor_allocated_mb,peak_heap_mb,peak_rss_mb,generated_java_bytes,"
                + "generated_java_lines,generated_class_bytes,manifest_bytes,rounds,javac_cpu_ms";

        Sample withConfig(Config c) {
            return new Sample(c, processor, cold, wallNanos, processorNanos, processorInitNanos, processorCpuNanos,
                    processorGcNanos, allocatedBytes,
                    processorAllocatedBytes, peakHeapBytes, peakRssBytes, generatedJavaBytes, generatedJavaLines,
                    generatedClassBytes, manifestBytes, rounds, cpuNanos);
        }

        String csv() {
            return String.format(Locale.ROOT, "%d,%d,%b,%b,%.2f,%.2f,%.2f,%.2f,%.2f,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d,%.2f",
                    config.networks, config.layers, processor, cold, wallNanos / 1e6, processorNanos / 1e6,
                    processorInitNanos / 1e6, processorCpuNanos / 1e6, processorGcNanos / 1e6, allocatedBytes / 1e6, processorAllocatedBytes / 1e6,
                    peakHeapBytes / 1e6, peakRssBytes / 1e6, generatedJavaBytes, generatedJavaLines,
                    generatedClassBytes, manifestBytes, rounds, cpuNanos / 1e6);
        }

        static Sample parseCsv(String line) {
            String[] f = line.split(",");
            return new Sample(new Config(Integer.parseInt(f[0]), Integer.parseInt(f[1])), Boolean.parseBoolean(f[2]),
                    Boolean.parseBoolean(f[3]), ms(f[4]), ms(f[5]), ms(f[6]), ms(f[7]), ms(f[8]), mb(f[9]), mb(f[10]),
                    mb(f[11]), mb(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]),
                    Long.parseLong(f[16]), Integer.parseInt(f[17]), f.length > 18 ? ms(f[18]) : 0);
        }

        private static long ms(String s) {
            return Math.round(Double.parseDouble(s) * 1e6);
        }

        private static long mb(String s) {
            return Math.round(Double.parseDouble(s) * 1e6);
        }
    }

    static final List<Config> LAYERS_AXIS = List.of(new Config(1, 10), new Config(1, 50), new Config(1, 100),
            new Config(1, 500), new Config(1, 1000), new Config(1, 2000), new Config(1, 5000));
    static final List<Config> NETWORKS_AXIS = List.of(new Config(1, 50), new Config(10, 50), new Config(100, 50),
            new Config(500, 50));
    /**
     * Networks like the examples: many small ones. The issue that set the "3 times javac alone"
     * target measured 403 networks of 5,002 layers in all, 12.4 layers each.
     */
    static final List<Config> EXAMPLES_LIKE = List.of(new Config(400, 12));
    static final List<Config> COLD = List.of(new Config(100, 50), new Config(1, 5000), new Config(400, 12));
    static final Config TARGET = new Config(100, 50);

    private static final String PACKAGE = "synthetic";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ProcessorScaling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        int reps = 5;
        int coldReps = 3;
        double warmupSeconds = 60;
        boolean quick = false;
        List<Config> only = null;
        List<Config> coldOnly = null;
        Path replot = null;
        Path out = Path.of("benchmarks");
        Baseline baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--baseline" -> baseline = Baseline.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--cold-reps" -> coldReps = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--replot" -> replot = Path.of(args[++i]);
                case "--sample-stacks" -> StackSampler.enabled = true;
                case "--configs" -> only = configs(args[++i]);
                case "--examples-dir" -> ExampleSources.directory = Path.of(args[++i]);
                case "--cold-configs" -> coldOnly = configs(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --reps N, --cold-reps N, --warmup-seconds S, --out DIR, --quick, "
                        + "--configs NxL,NxL (only these, e.g. 100x50: N networks of L layers; 'examples': the "
                        + "example module's networks, from --examples-dir, by default " + ExampleSources.DEFAULT
                        + "), --cold-configs NxL,NxL "
                        + "(the cold series' configurations, when they differ), --sample-stacks "
                        + "(where the processor's time goes), --replot CSV (tables and plot again from a run's CSV), "
                        + "--baseline CLASSPATH (also time the processor found there, e.g. an earlier build's "
                        + "processor jar and its dependencies, in the same run, interleaved)");
            }
        }
        List<Config> layersAxis = quick ? List.of(new Config(1, 10), new Config(1, 20)) : LAYERS_AXIS;
        List<Config> networksAxis = quick ? List.of(new Config(1, 10), new Config(2, 10)) : NETWORKS_AXIS;
        List<Config> examplesLike = quick ? List.of() : EXAMPLES_LIKE;
        List<Config> cold = quick ? List.of(new Config(2, 10)) : COLD;
        if (quick) {
            reps = Math.min(reps, 1);
            coldReps = Math.min(coldReps, 1);
            warmupSeconds = 0;
        }
        if (only != null) {
            layersAxis = only;
            networksAxis = List.of();
            examplesLike = List.of();
            cold = coldReps > 0 ? only : List.of();
        }
        if (coldOnly != null) {
            cold = coldOnly;
        }
        if (reps < 0 || coldReps < 0) {
            throw new IllegalArgumentException("--reps and --cold-reps must be at least 0");
        }
        if (reps == 0) {
            // Only the cold series: a warm configuration without samples has no median to report.
            layersAxis = List.of();
            networksAxis = List.of();
            examplesLike = List.of();
        }
        if (replot != null) {
            List<Sample> samples = Files.readAllLines(replot).stream().skip(1).map(Sample::parseCsv).toList();
            Report report = new Report(samples, layersAxis, networksAxis, List.of(), cold, reps, coldReps, quick);
            Files.createDirectories(out);
            Files.writeString(out.resolve("processor-scaling.md"), report.markdown(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("processor-scaling.svg"), report.svg(), StandardCharsets.UTF_8);
            log("wrote %s and %s from %s", out.resolve("processor-scaling.md"), out.resolve("processor-scaling.svg"),
                    replot);
            return;
        }
        List<Config> configs = new ArrayList<>(layersAxis);
        networksAxis.stream().filter(c -> !configs.contains(c)).forEach(configs::add);
        examplesLike.stream().filter(c -> !configs.contains(c)).forEach(configs::add);

        Path scratch = Files.createTempDirectory("convgeom-scaling");
        try {
            Files.createDirectories(out);
            log("javac in-process; %d warm reps and %d cold reps each way; scratch %s", reps, coldReps, scratch);
            log("load before: %s", loadAverage());
            List<Sample> samples = new ArrayList<>();
            List<Sample> baselineSamples = new ArrayList<>();
            if (!configs.isEmpty()) {   // warming up serves the warm series only
                warmUp(scratch, warmupSeconds, baseline, quick ? List.of(new Config(1, 10))
                        : List.of(new Config(1, 10), new Config(10, 50), new Config(1, 500)));
            }
            for (Config config : configs) {
                List<Path> sources = generate(scratch.resolve("src-" + config.label()), config);
                for (int w = 0; w < (config.totalLayers() <= 1000 ? 2 : 1); w++) {
                    compile(scratch, sources, true);
                    compile(scratch, sources, false);
                    if (baseline != null) {
                        compile(scratch, sources, true, baseline);
                    }
                }
                for (int r = 0; r < reps; r++) {
                    // Alternate which way goes first, so that drift in the machine hits both alike.
                    boolean first = r % 2 == 0;
                    if (baseline != null && r % 3 == 0) {
                        baselineSamples.add(compile(scratch, sources, true, baseline).withConfig(config));
                    }
                    Sample a = compile(scratch, sources, first).withConfig(config);
                    Sample b = compile(scratch, sources, !first).withConfig(config);
                    samples.add(a);
                    samples.add(b);
                    if (baseline != null && r % 3 != 0) {
                        baselineSamples.add(compile(scratch, sources, true, baseline).withConfig(config));
                    }
                    if (baseline != null) {
                        baselineSamples.add(a.processor() ? b : a);    // javac alone, shared
                    }
                }
                Summary s = Summary.of(samples, config, false);
                log("warm %-7s javac %8.1f ms without, %8.1f ms with (CPU %.1f / %.1f ms); processor %7.1f ms; "
                        + "generated %,d bytes; load %s", config.label(), s.withoutMs, s.withMs, s.withoutCpuMs,
                        s.withCpuMs, s.processorMs, s.generatedJavaBytes, loadAverage());
                if (baseline != null) {
                    Summary b = Summary.of(baselineSamples, config, false);
                    log("  baseline        %8.1f ms with (CPU %.1f ms); processor %7.1f ms; generated %,d bytes",
                            b.withMs, b.withCpuMs, b.processorMs, b.generatedJavaBytes);
                }
                deleteTree(scratch.resolve("src-" + config.label()));
            }
            for (Config config : cold) {
                for (int r = 0; r < coldReps; r++) {
                    boolean first = r % 2 == 0;
                    Sample a = coldCompile(scratch, config, first, null);
                    Sample b = coldCompile(scratch, config, !first, null);
                    samples.add(a);
                    samples.add(b);
                    if (baseline != null) {
                        baselineSamples.add(coldCompile(scratch, config, true, baseline));
                        baselineSamples.add(a.processor() ? b : a);
                    }
                }
                Summary s = Summary.of(samples, config, true);
                log("cold %-7s javac %8.1f ms without, %8.1f ms with (CPU %.1f / %.1f ms); processor %7.1f ms; "
                        + "load %s", config.label(), s.withoutMs, s.withMs, s.withoutCpuMs, s.withCpuMs, s.processorMs,
                        loadAverage());
                if (baseline != null) {
                    Summary b = Summary.of(baselineSamples, config, true);
                    log("  baseline        %8.1f ms with (CPU %.1f ms); processor %7.1f ms", b.withMs, b.withCpuMs,
                            b.processorMs);
                }
            }
            log("load after: %s", loadAverage());
            StackSampler.report();
            Report report = new Report(samples, layersAxis, networksAxis, examplesLike, cold, reps, coldReps, quick);
            if (baseline != null) {
                Report before = new Report(baselineSamples, layersAxis, networksAxis, examplesLike, cold, reps,
                        coldReps, quick);
                Files.writeString(out.resolve("processor-scaling-baseline.csv"), before.csv(), StandardCharsets.UTF_8);
                Files.writeString(out.resolve("processor-scaling-baseline.md"), before.markdown(),
                        StandardCharsets.UTF_8);
                String comparison = Report.comparison(before, report, baseline.label);
                Files.writeString(out.resolve("processor-scaling-comparison.md"), comparison, StandardCharsets.UTF_8);
                System.out.println();
                System.out.println(comparison);
            }
            Files.writeString(out.resolve("processor-scaling.csv"), report.csv(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("processor-scaling.md"), report.markdown(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("processor-scaling.svg"), report.svg(), StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(report.markdown());
            log("wrote %s, %s and %s", out.resolve("processor-scaling.md"), out.resolve("processor-scaling.csv"),
                    out.resolve("processor-scaling.svg"));
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * {@code 400x12,100x50}: N networks of L layers each; {@code examples}: the example module's
     * networks; an empty list ({@code --configs ''}) for none.
     */
    private static List<Config> configs(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .map(c -> c.equals("examples") ? ExampleSources.config()
                : new Config(Integer.parseInt(c.split("x")[0]), Integer.parseInt(c.split("x")[1]))).toList();
    }

    /**
     * Compiles a few configurations both ways, in turn, until {@code seconds} have passed and each
     * has been compiled at least three times: javac's and the processor's code must be compiled by
     * the JIT before the figures mean anything.
     */
    private static void warmUp(Path scratch, double seconds, Baseline baseline, List<Config> configs)
            throws IOException {
        List<List<Path>> sources = new ArrayList<>();
        for (Config config : configs) {
            sources.add(generate(scratch.resolve("src-warmup-" + config.label()), config));
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int runs = 0;
        while (runs < 3 || System.nanoTime() < end) {
            for (List<Path> files : sources) {
                compile(scratch, files, true);
                compile(scratch, files, false);
                if (baseline != null) {
                    compile(scratch, files, true, baseline);
                }
            }
            runs++;
        }
        log("warm-up: %d compiles each way of %s", runs, configs.stream().map(Config::label).toList());
        for (Config config : configs) {
            deleteTree(scratch.resolve("src-warmup-" + config.label()));
        }
    }

    /** Writes {@code config}'s model sources under {@code dir}. */
    static List<Path> generate(Path dir, Config config) throws IOException {
        if (config.isExamples()) {
            return ExampleSources.copyTo(dir);
        }
        Path pkg = dir.resolve(PACKAGE);
        Files.createDirectories(pkg);
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < config.networks(); n++) {
            String name = String.format(Locale.ROOT, "Model%03d", n);
            Path file = pkg.resolve(name + ".java");
            Files.writeString(file, SyntheticModels.source(PACKAGE, name, config.layers(), null),
                    StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /** One in-process compile of {@code sources}, with the processor or with {@code -proc:none}. */
    static Sample compile(Path scratch, List<Path> sources, boolean withProcessor) throws IOException {
        return compile(scratch, sources, withProcessor, null);
    }

    /** As {@link #compile(Path, List, boolean)}, with the baseline's processor when {@code baseline} is given. */
    static Sample compile(Path scratch, List<Path> sources, boolean withProcessor, Baseline baseline)
            throws IOException {
        Path outDir = Files.createTempDirectory(scratch, withProcessor ? "with" : "without");
        Path classes = Files.createDirectories(outDir.resolve("classes"));
        Path generated = Files.createDirectories(outDir.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8",
                "-classpath", annotationsClassPath(), "-d", classes.toString(), "-s", generated.toString()));
        if (!withProcessor) {
            options.add("-proc:none");
        }
        TimingProcessor timing = new TimingProcessor(baseline == null ? new ConvGeomProcessor() : baseline.processor());

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (withProcessor) {
                task.setProcessors(List.of(timing));
            }
            StackSampler sampler = withProcessor ? StackSampler.start(Thread.currentThread()) : null;
            try {
                ok = task.call();
            } finally {
                if (sampler != null) {
                    sampler.stop();
                }
            }
        }
        long wall = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (!ok || diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
            throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics().stream()
                    .limit(5).map(Object::toString).toList());
        }
        long[] java = sizeAndLines(generated, ".java");
        long classBytes = size(classes, p -> p.getFileName().toString().contains("Geometry")
                && p.toString().endsWith(".class"));
        long manifests = size(classes.resolve("META-INF"), p -> p.toString().endsWith(".json"));
        deleteTree(outDir);
        return new Sample(null, withProcessor, false, wall, timing.totalNanos(), timing.initNanos, timing.cpuNanos,
                timing.gcMillis * 1_000_000, allocated,
                timing.allocatedBytes, peakHeap, 0, java[0], java[1], classBytes, manifests, timing.rounds, cpu);
    }

    /** One compile in a fresh JVM with this JVM's heap settings. */
    private static Sample coldCompile(Path scratch, Config config, boolean withProcessor, Baseline baseline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Only the heap limit: a fresh JVM as a one-shot build starts it, with a default initial heap
        // and no pre-touching (so its page faults count, as they do in a build).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).forEach(command::add);
        command.add("-D" + ExampleSources.PROPERTY + "=" + ExampleSources.directory);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessorScaling.class.getName(),
                "--child", withProcessor ? "with" : "without", Integer.toString(config.networks()),
                Integer.toString(config.layers()), scratch.toString()));
        if (baseline != null) {
            command.add(baseline.classPath);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child failed: " + command + "\n" + output);
        }
        return Sample.parseCsv(result);
    }

    /** {@code --child with|without NETWORKS LAYERS SCRATCH [BASELINE]}: one compile, one RESULT line. */
    private static void child(String[] args) throws IOException {
        boolean withProcessor = args[1].equals("with");
        Config config = new Config(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        Path scratch = Files.createTempDirectory(Path.of(args[4]), "child");
        List<Path> sources = generate(scratch.resolve("src"), config);
        Sample s = compile(scratch, sources, withProcessor, args.length > 5 ? Baseline.of(args[5]) : null);
        Sample withRss = new Sample(config, s.processor(), true, s.wallNanos(), s.processorNanos(),
                s.processorInitNanos(), s.processorCpuNanos(), s.processorGcNanos(), s.allocatedBytes(), s.processorAllocatedBytes(), s.peakHeapBytes(),
                peakRss(), s.generatedJavaBytes(), s.generatedJavaLines(), s.generatedClassBytes(),
                s.manifestBytes(), s.rounds(), s.cpuNanos());
        deleteTree(scratch);
        System.out.println("RESULT " + withRss.csv());
    }

    /** The process's peak resident set (VmHWM), or 0 where /proc is not there. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Where {@code convgeom-api} is: what the models compile against. */
    private static String annotationsClassPath() {
        try {
            return Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static long[] sizeAndLines(Path dir, String suffix) throws IOException {
        long bytes = 0;
        long lines = 0;
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                byte[] content = Files.readAllBytes(p);
                bytes += content.length;
                for (byte b : content) {
                    if (b == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {bytes, lines};
    }

    private static long size(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).filter(filter).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[scaling] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The medians of one configuration, warm or cold. */
    static final class Summary {
        final Config config;
        final int reps;
        final double withoutMs;
        final double withMs;
        final double withoutCpuMs;
        final double withCpuMs;
        final double processorMs;
        final double processorInitMs;
        final double processorCpuMs;
        final double processorGcMs;
        final double allocatedWithoutMb;
        final double allocatedWithMb;
        final double processorAllocatedMb;
        final double peakHeapWithoutMb;
        final double peakHeapWithMb;
        final double peakRssWithoutMb;
        final double peakRssWithMb;
        final long generatedJavaBytes;
        final long generatedJavaLines;
        final long generatedClassBytes;
        final long manifestBytes;

        private Summary(Config config, List<Sample> with, List<Sample> without) {
            this.config = config;
            this.reps = Math.min(with.size(), without.size());
            this.withoutMs = med(without, s -> s.wallNanos() / 1e6);
            this.withMs = med(with, s -> s.wallNanos() / 1e6);
            this.withoutCpuMs = med(without, s -> s.cpuNanos() / 1e6);
            this.withCpuMs = med(with, s -> s.cpuNanos() / 1e6);
            this.processorMs = med(with, s -> s.processorNanos() / 1e6);
            this.processorInitMs = med(with, s -> s.processorInitNanos() / 1e6);
            this.processorCpuMs = med(with, s -> s.processorCpuNanos() / 1e6);
            this.processorGcMs = med(with, s -> s.processorGcNanos() / 1e6);
            this.allocatedWithoutMb = med(without, s -> s.allocatedBytes() / 1e6);
            this.allocatedWithMb = med(with, s -> s.allocatedBytes() / 1e6);
            this.processorAllocatedMb = med(with, s -> s.processorAllocatedBytes() / 1e6);
            this.peakHeapWithoutMb = med(without, s -> s.peakHeapBytes() / 1e6);
            this.peakHeapWithMb = med(with, s -> s.peakHeapBytes() / 1e6);
            this.peakRssWithoutMb = med(without, s -> s.peakRssBytes() / 1e6);
            this.peakRssWithMb = med(with, s -> s.peakRssBytes() / 1e6);
            Sample any = with.get(0);
            this.generatedJavaBytes = any.generatedJavaBytes();
            this.generatedJavaLines = any.generatedJavaLines();
            this.generatedClassBytes = any.generatedClassBytes();
            this.manifestBytes = any.manifestBytes();
        }

        static Summary of(List<Sample> samples, Config config, boolean cold) {
            List<Sample> mine = samples.stream().filter(s -> s.config().equals(config) && s.cold() == cold).toList();
            return new Summary(config, mine.stream().filter(Sample::processor).toList(),
                    mine.stream().filter(s -> !s.processor()).toList());
        }

        private static double med(List<Sample> samples, ToDoubleFunction<Sample> value) {
            return median(samples.stream().mapToDouble(value).toArray());
        }

        double extraMs() {
            return withMs - withoutMs;
        }

        double extraPercent() {
            return 100 * extraMs() / withoutMs;
        }

        double processorPercentOfWithout() {
            return 100 * processorMs / withoutMs;
        }

        double processorPercentOfWith() {
            return 100 * processorMs / withMs;
        }
    }

    /** The tables, the CSV and the plot. */
    static final class Report {
        private final List<Sample> samples;
        private final List<Config> layersAxis;
        private final List<Config> networksAxis;
        private final List<Config> examplesLike;
        private final List<Config> cold;
        private final int reps;
        private final int coldReps;
        private final boolean quick;

        Report(List<Sample> samples, List<Config> layersAxis, List<Config> networksAxis, List<Config> examplesLike,
               List<Config> cold, int reps, int coldReps, boolean quick) {
            this.samples = samples;
            this.layersAxis = layersAxis;
            this.networksAxis = networksAxis;
            this.examplesLike = examplesLike;
            this.cold = cold;
            this.reps = reps;
            this.coldReps = coldReps;
            this.quick = quick;
        }

        String csv() {
            StringBuilder s = new StringBuilder(Sample.CSV_HEADER).append('\n');
            samples.forEach(x -> s.append(x.csv()).append('\n'));
            return s.toString();
        }

        String markdown() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Warm: javac in-process after a warm-up, median of %d compiles each "
                    + "way%s.%n%n", reps, quick ? " (--quick)" : ""));
            timeTable(s, "Layers (one network)", layersAxis, false);
            s.append('\n');
            if (!networksAxis.isEmpty()) {
                timeTable(s, "Networks (50 layers each)", networksAxis, false);
                s.append('\n');
            }
            if (!examplesLike.isEmpty()) {
                timeTable(s, "Like the examples (many small networks)", examplesLike, false);
                s.append('\n');
            }
            s.append("Generated output and memory (warm series; peak heap: sum of the heap pools' peak use during the "
                    + "compile, after a System.gc(), garbage included; allocated: bytes allocated on javac's "
                    + "thread):\n\n");
            sizeTable(s, allConfigs());
            s.append('\n');
            if (!cold.isEmpty()) {
                s.append(String.format(Locale.ROOT, "Cold: every compile in a fresh JVM (JVM start not counted), "
                        + "median of %d each way:%n%n", coldReps));
                timeTable(s, "Cold", cold, true);
                s.append('\n');
            }
            if (layersAxis.size() >= 2) {
                linearity(s);
            }
            return s.toString();
        }

        private List<Config> allConfigs() {
            List<Config> all = new ArrayList<>(layersAxis);
            networksAxis.stream().filter(c -> !all.contains(c)).forEach(all::add);
            examplesLike.stream().filter(c -> !all.contains(c)).forEach(all::add);
            return all;
        }

        /**
         * Before and after, side by side: the whole cost (javac with the processor over javac
         * alone), the processor's own time and the generated source per layer, warm and cold.
         */
        static String comparison(Report before, Report after, String baselineLabel) {
            StringBuilder s = new StringBuilder();
            s.append("Before (").append(baselineLabel).append(") and after (this build), in one run, interleaved; ")
                    .append("medians; javac alone is the same compiles for both.\n\n");
            s.append("| series | networks x layers | javac alone (ms) | with processor: before / after (ms) "
                    + "| whole cost / javac alone: before / after | processor's own: before / after (ms) "
                    + "| own / javac alone: before / after | generated .java per layer: before / after (bytes) "
                    + "| CPU of javac's thread: alone / before / after (ms) | whole cost / javac alone in CPU: "
                    + "before / after | processor's own CPU: before / after (ms) |\n");
            s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (boolean cold : new boolean[] {false, true}) {
                for (Config c : cold ? after.cold : after.allConfigs()) {
                    Summary b = Summary.of(before.samples, c, cold);
                    Summary a = Summary.of(after.samples, c, cold);
                    s.append(String.format(Locale.ROOT,
                            "| %s | %s | %.1f | %.1f / %.1f | %.2fx / %.2fx | %.1f / %.1f | %.0f%% / %.0f%% "
                                    + "| %s | %.1f / %.1f / %.1f | %.2fx / %.2fx | %.1f / %.1f |%n",
                            cold ? "cold" : "warm", c.display(), a.withoutMs, b.withMs, a.withMs,
                            b.withMs / a.withoutMs, a.withMs / a.withoutMs, b.processorMs, a.processorMs,
                            100 * b.processorMs / a.withoutMs, 100 * a.processorMs / a.withoutMs,
                            cold ? "" : String.format(Locale.ROOT, "%,.0f / %,.0f",
                                    (double) b.generatedJavaBytes / c.totalLayers(),
                                    (double) a.generatedJavaBytes / c.totalLayers()),
                            a.withoutCpuMs, b.withCpuMs, a.withCpuMs, b.withCpuMs / a.withoutCpuMs,
                            a.withCpuMs / a.withoutCpuMs, b.processorCpuMs, a.processorCpuMs));
                }
            }
            return s.toString();
        }

        private void timeTable(StringBuilder s, String title, List<Config> configs, boolean cold) {
            s.append("| ").append(title).append(" | layers in all | javac -proc:none (ms) | javac with processor (ms) "
                    + "| extra (ms) | extra | processor's own (ms) | own / javac -proc:none | own / javac with "
                    + "| own per layer (µs) | javac's thread CPU: -proc:none / with (ms) | with / -proc:none in CPU |");
            if (cold) {
                s.append(" peak RSS without / with (MB) |");
            }
            s.append('\n');
            s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            if (cold) {
                s.append("---:|");
            }
            s.append('\n');
            for (Config c : configs) {
                Summary m = Summary.of(samples, c, cold);
                s.append(String.format(Locale.ROOT,
                        "| %s | %,d | %.1f | %.1f | %.1f | %+.0f%% | %.1f | %.1f%% | %.1f%% | %.1f | %.1f / %.1f "
                                + "| %.2fx |",
                        c.display(), c.totalLayers(), m.withoutMs, m.withMs, m.extraMs(),
                        m.extraPercent(), m.processorMs, m.processorPercentOfWithout(), m.processorPercentOfWith(),
                        1000 * m.processorMs / c.totalLayers(), m.withoutCpuMs, m.withCpuMs,
                        m.withCpuMs / m.withoutCpuMs));
                if (cold) {
                    s.append(String.format(Locale.ROOT, " %.0f / %.0f |", m.peakRssWithoutMb, m.peakRssWithMb));
                }
                s.append('\n');
            }
        }

        private void sizeTable(StringBuilder s, List<Config> configs) {
            s.append("| networks x layers | generated .java (KB) | lines | bytes per layer | generated .class (KB) "
                    + "| manifests (KB) | allocated without / with (MB) | processor allocated (MB) "
                    + "| peak heap without / with (MB) | processor's own: wall / CPU / GC pauses (ms) |\n");
            s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Config c : configs) {
                Summary m = Summary.of(samples, c, false);
                s.append(String.format(Locale.ROOT,
                        "| %s | %,.0f | %,d | %,.0f | %,.0f | %,.0f | %,.0f / %,.0f | %,.0f | %,.0f / %,.0f "
                                + "| %.1f / %.1f / %.0f |%n",
                        c.display(), m.generatedJavaBytes / 1000.0, m.generatedJavaLines,
                        (double) m.generatedJavaBytes / c.totalLayers(), m.generatedClassBytes / 1000.0,
                        m.manifestBytes / 1000.0, m.allocatedWithoutMb, m.allocatedWithMb, m.processorAllocatedMb,
                        m.peakHeapWithoutMb, m.peakHeapWithMb, m.processorMs, m.processorCpuMs, m.processorGcMs));
            }
        }

        /** Least-squares lines of processor time and generated size against layers (one network). */
        private void linearity(StringBuilder s) {
            double[] layers = layersAxis.stream().mapToDouble(Config::totalLayers).toArray();
            double[] own = layersAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).processorMs).toArray();
            double[] extra = layersAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).extraMs()).toArray();
            double[] bytes = layersAxis.stream()
                    .mapToDouble(c -> Summary.of(samples, c, false).generatedJavaBytes).toArray();
            s.append("Linearity in layers (one network, least squares over the layer series):\n\n");
            s.append(fit("processor's own time (ms)", layers, own));
            s.append(fit("extra javac time with the processor (ms)", layers, extra));
            s.append(fit("generated .java (bytes)", layers, bytes));
            if (networksAxis.size() < 2) {
                return;
            }
            double[] networks = networksAxis.stream().mapToDouble(Config::networks).toArray();
            double[] ownN = networksAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).processorMs)
                    .toArray();
            s.append("\nLinearity in networks (50 layers each):\n\n");
            s.append(fit("processor's own time (ms)", networks, ownN));
        }

        private static String fit(String what, double[] x, double[] y) {
            int n = x.length;
            double mx = Arrays.stream(x).average().orElse(0);
            double my = Arrays.stream(y).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            double slope = sxy / sxx;
            double intercept = my - slope * mx;
            double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
            return String.format(Locale.ROOT, "- %s = %.4g x + %.4g, R² = %.4f%n", what, slope, intercept, r2);
        }

        String svg() {
            String purple = "#6a3d9a";
            String orange = "#e66101";
            String blue = "#1f78b4";
            double[] layers = layersAxis.stream().mapToDouble(Config::totalLayers).toArray();
            double[] networks = networksAxis.stream().mapToDouble(Config::networks).toArray();
            Map<String, double[]> byLayers = new LinkedHashMap<>();
            byLayers.put("own", layersAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).processorMs)
                    .toArray());
            byLayers.put("extra", layersAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).extraMs())
                    .toArray());
            byLayers.put("kb", layersAxis.stream()
                    .mapToDouble(c -> Summary.of(samples, c, false).generatedJavaBytes / 1000.0).toArray());
            double[] ownN = networksAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).processorMs)
                    .toArray();
            double[] extraN = networksAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).extraMs())
                    .toArray();
            double[] withoutN = networksAxis.stream().mapToDouble(c -> Summary.of(samples, c, false).withoutMs)
                    .toArray();
            List<SvgPlot.Panel> panels = List.of(
                    new SvgPlot.Panel("Time against layers (one network)", "layers", "milliseconds", List.of(
                            new SvgPlot.Series("processor's own time", purple, layers, byLayers.get("own"), false),
                            new SvgPlot.Series("extra javac time with it", orange, layers, byLayers.get("extra"),
                                    true),
                            new SvgPlot.Series("javac -proc:none", blue, layers, layersAxis.stream()
                                    .mapToDouble(c -> Summary.of(samples, c, false).withoutMs).toArray(), true))),
                    new SvgPlot.Panel("Time against networks (50 layers each)", "networks", "milliseconds", List.of(
                            new SvgPlot.Series("processor's own time", purple, networks, ownN, false),
                            new SvgPlot.Series("extra javac time with it", orange, networks, extraN, true),
                            new SvgPlot.Series("javac -proc:none", blue, networks, withoutN, true))),
                    new SvgPlot.Panel("Generated source against layers", "layers", "generated .java (KB)", List.of(
                            new SvgPlot.Series("one network", blue, layers, byLayers.get("kb"), false))));
            return SvgPlot.render("convgeom processor scaling",
                    "warm in-process javac (JDK " + Runtime.version().feature() + "), medians of " + reps
                            + " compiles each way; extra = javac with the processor - javac -proc:none",
                    panels);
        }
    }
}
