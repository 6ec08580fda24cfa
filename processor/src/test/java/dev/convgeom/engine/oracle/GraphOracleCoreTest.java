package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.engine.oracle.GraphOracleCheck.Mismatch;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import org.junit.jupiter.api.Test;

/**
 * The core's graph geometry against the brute-force {@link GraphOracle} on random graphs
 * ({@link RandomDags}): every layer, both axes, every unit's field around the map, centres, jumps,
 * rf, channels, and the errors (misaligned merges, bad crops) exactly where the oracle puts them.
 *
 * <p>Seeded, not jqwik: the generator steers each block with the oracle (rolling back what broke
 * by accident), which is simplest over a plain {@link java.util.Random}; a failure names its seed
 * and prints the graph, reduced to what the first disagreeing layer depends on, as Java source.
 * {@code -Dgraphoracle.dags=N} and {@code -Dgraphoracle.seed=S} run more or other graphs.
 */
class GraphOracleCoreTest {

    static final long DAGS = Long.getLong("graphoracle.dags", 700);
    static final long SEED = Long.getLong("graphoracle.seed", 20_260_301L);

    @Test
    void coreAgreesWithOracleOnRandomDags() {
        long start = System.nanoTime();
        Map<String, String> failures = new LinkedHashMap<>();
        int failing = 0;
        int checked = 0;
        for (long i = 0; i < DAGS; i++) {
            Dag dag = RandomDags.generate(SEED + i);
            List<Mismatch> found = GraphOracleCheck.check(dag);
            checked++;
            if (found.isEmpty()) {
                continue;
            }
            failing++;
            Mismatch first = found.get(0);
            Dag reduced = GraphOracleCheck.reduce(dag, Math.min(first.layer(), dag.layers().size() - 1));
            List<Mismatch> again = GraphOracleCheck.check(reduced);
            Dag shown = again.isEmpty() ? dag : reduced;
            List<Mismatch> shownFound = again.isEmpty() ? found : again;
            // One example per kind of disagreement (its text up to the first number), the smallest seen.
            String key = shownFound.get(0).what().replaceAll("^\\S+ ", "").replaceAll("[-0-9].*", "");
            String text = "seed " + dag.seed() + ": " + shownFound.subList(0, Math.min(3, shownFound.size()))
                    + "\n" + shown.toJava();
            failures.merge(key, text, (a, b) -> a.length() <= b.length() ? a : b);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("graph oracle: %d graphs (%d layers, %d unit fields compared) in %.1f s, %d disagree%n",
                checked, GraphOracleCheck.layersCompared, GraphOracleCheck.fieldsCompared, seconds, failing);
        System.out.println("oracle failure -> core errors at that layer: " + GraphOracleCheck.errorsSeen);
        if (!failures.isEmpty()) {
            List<String> report = new ArrayList<>();
            failures.forEach((k, v) -> report.add("== " + k + "\n" + v));
            fail(failing + " of " + checked + " graphs disagree with the oracle; one per kind:\n\n"
                    + String.join("\n\n", report));
        }
    }

    /**
     * The check itself: fed a core computing a subtly different graph (one window layer padded by
     * one more on each side: its centre moves by a jump), it must notice, on every graph.
     */
    @Test
    void checkNoticesACoreThatIsSlightlyOff() {
        int mutated = 0;
        for (long i = 0; i < 150; i++) {
            Dag dag = RandomDags.generate(SEED + i);
            List<LayerSpec> layers = new ArrayList<>(dag.layers());
            int target = -1;
            for (int j = 0; j < layers.size(); j++) {
                LayerSpec l = layers.get(j);
                if ((l.kind() == LayerKind.CONV || l.kind() == LayerKind.MAX_POOL)
                        && l.y().mode() == PaddingMode.EXPLICIT && l.y().rounding() == Rounding.FLOOR) {
                    target = j;
                }
            }
            if (target < 0 || GraphOracle.run(dag.input(), layers).computed() <= target) {
                continue;
            }
            LayerSpec l = layers.get(target);
            Window y = l.y();
            Window padded = new Window(y.kernel(), y.stride(), y.dilation(), y.padBefore() + 1, y.padAfter() + 1,
                    y.mode(), y.rounding());
            layers.set(target, new LayerSpec(l.name(), l.kind(), l.inputs(), padded, l.x(), l.out(), l.in(),
                    l.groups(), l.extras()));
            List<Mismatch> found = GraphOracleCheck.check(dag, layers);
            mutated++;
            if (found.isEmpty()) {
                fail("a core off by one padding at layer " + target + " went unnoticed:\n" + dag.toJava());
            }
        }
        if (mutated < 100) {
            fail("only " + mutated + " graphs mutated");
        }
    }
}
