package dev.convgeom.benchmarks.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the scaling benchmark's command working without running it: the committed benchmark
 * models are the generator's output, one tiny configuration compiles both ways, and the report
 * renders. (The benchmark itself takes minutes; see BENCHMARKS.md.)
 */
class ScalingSmokeTest {

    @Test
    void committedModelsAreTheGeneratorsOutput() throws Exception {
        Path dir = Path.of("src/main/java", SyntheticModels.MODELS_PACKAGE.replace('.', '/'));
        for (int layers : new int[] {20, 200}) {
            assertEquals(SyntheticModels.net(layers),
                    Files.readString(dir.resolve("Net" + layers + ".java"), StandardCharsets.UTF_8),
                    "Net" + layers + ".java differs from SyntheticModels; rerun its main");
        }
    }

    @Test
    void compilesBothWaysAndReports(@TempDir Path scratch) throws Exception {
        ProcessorScaling.Config config = new ProcessorScaling.Config(2, 12);
        List<Path> sources = ProcessorScaling.generate(scratch.resolve("src"), config);
        ProcessorScaling.Sample with = ProcessorScaling.compile(scratch, sources, true).withConfig(config);
        ProcessorScaling.Sample without = ProcessorScaling.compile(scratch, sources, false).withConfig(config);

        assertTrue(with.processorNanos() > 0);
        assertTrue(with.rounds() >= 2, "rounds: " + with.rounds());
        assertTrue(with.generatedJavaBytes() > 0);
        assertTrue(with.generatedClassBytes() > 0);
        assertTrue(with.manifestBytes() > 0);
        assertEquals(0, without.generatedJavaBytes());
        assertEquals(0, without.processorNanos());

        List<ProcessorScaling.Sample> samples = new ArrayList<>(List.of(with, without));
        ProcessorScaling.Report report = new ProcessorScaling.Report(samples, List.of(config), List.of(config),
                List.of(), List.of(), 1, 0, true);
        assertTrue(report.markdown().contains("| 2 x 12 | 24 |"), report.markdown());
        assertTrue(report.svg().startsWith("<svg"));
        assertEquals(3, report.csv().lines().count());
    }

    @Test
    void niceTicks() {
        double[] ticks = SvgPlot.ticks(5000);
        assertEquals(0, ticks[0]);
        assertTrue(ticks[ticks.length - 1] >= 5000);
        assertTrue(ticks.length >= 4 && ticks.length <= 8, ticks.length + " ticks");
    }
}
