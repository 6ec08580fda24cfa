package dev.convgeom.processor.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Totals of the fuzz runs of one property, for RELIABILITY.md: printed when the property ends and
 * appended to {@code target/convgeom-fuzz-summary.txt}.
 */
final class FuzzStats {

    private static FuzzStats current = new FuzzStats("(outside a property)");

    private final String property;
    private final long start = System.nanoTime();
    private int batches;
    private int generatedModels;
    private int models;
    private int visible;
    private int graphs;
    private int halfTyped;
    private int noisy;
    private int validGraphs;
    private long slowestMillis;
    private final java.util.Map<String, Integer> tags = new java.util.TreeMap<>();
    private int valid;
    private int invalid;
    private int invisible;
    private int processorErrors;
    private int processorWarnings;
    private int javacErrors;
    private int generatedSources;
    private int strictCompilations;
    private int uncaught;
    private int unlocated;
    private int violations;
    private int compilations;
    private int unprocessedCompilations;
    private int unprocessedModels;

    private FuzzStats(String property) {
        this.property = property;
    }

    static synchronized void start(String property) {
        current = new FuzzStats(property);
    }

    static synchronized void add(FuzzRun run) {
        FuzzStats s = current;
        s.batches++;
        s.generatedModels += run.generatedModels;
        s.models += run.models;
        s.visible += run.visible;
        s.graphs += run.graphs;
        s.halfTyped += run.halfTyped;
        s.noisy += run.noisy;
        s.validGraphs += run.validGraphs;
        s.slowestMillis = Math.max(s.slowestMillis, run.slowestMillis);
        run.tags.forEach((tag, n) -> s.tags.merge(tag, n, Integer::sum));
        s.valid += run.valid;
        s.invalid += run.invalid;
        s.invisible += run.invisible;
        s.processorErrors += run.processorErrors;
        s.processorWarnings += run.processorWarnings;
        s.javacErrors += run.javacErrors;
        s.generatedSources += run.generatedSources;
        s.strictCompilations += run.strictCompilations;
        s.uncaught += run.uncaught;
        s.unlocated += run.unlocated;
        s.violations += run.violations.size();
        s.compilations += run.compilations;
        s.unprocessedCompilations += run.unprocessedCompilations;
        s.unprocessedModels += run.unprocessedModels;
    }

    /** Prints and records the totals of the property that just ran. */
    static synchronized String finish(String outcome) {
        FuzzStats s = current;
        double seconds = (System.nanoTime() - s.start) / 1e9;
        String summary = String.format(Locale.ROOT,
                "%s: %s%n  %d generated models in %d batches, %d compilations%n  %d models put through the processor"
                        + " (%d networks it sees: %d valid, %d with errors; %d local or anonymous or not networks)%n"
                        + "  of those networks %d use the graph DSL: %d valid%n"
                        + "  %d networks with a javac error in their annotations; convgeom errors added to them %d"
                        + "%n"
                        + "  %d compilations (%d models) where"
                        + " javac ran no processor (errors no processor can fix), their models then compiled alone%n"
                        + "  processor exceptions %d, unlocated or misplaced convgeom diagnostics %d,"
                        + " violations %d%n  convgeom errors %d, warnings %d; javac errors %d%n  generated sources %d,"
                        + " compiled alone under -Xlint:all -Werror in %d compilations%n"
                        + "  slowest compilation %d ms; %.1f s%n",
                s.property, outcome, s.generatedModels, s.batches, s.compilations, s.models, s.visible, s.valid, s.invalid, s.invisible,
                s.graphs, s.validGraphs, s.halfTyped, s.noisy,
                s.unprocessedCompilations, s.unprocessedModels, s.uncaught,
                s.unlocated, s.violations, s.processorErrors, s.processorWarnings, s.javacErrors, s.generatedSources,
                s.strictCompilations, s.slowestMillis, seconds)
                + "  convgeom diagnostics by tag: " + s.tags + System.lineSeparator();
        if (s.batches > 0) {
            System.out.print(summary);
            try {
                Path file = Path.of("target", "convgeom-fuzz-summary.txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, summary, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        current = new FuzzStats("(outside a property)");
        return summary;
    }
}
