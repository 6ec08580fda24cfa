package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.NetworkSpec;
import dev.convgeom.Size;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import dev.convgeom.processor.writing.InputSizes;
import dev.convgeom.processor.writing.RuntimeSpecs;
import org.junit.jupiter.api.Test;

/**
 * The two shortcuts of the exact-size searches give what the long way gives, on random graphs
 * (merges, crops, upsampling, SAME padding): {@link AxisWalk#runExact} stops at the first window
 * that does not tile, and must answer as {@code run(n) && exact()} does at every size; and
 * {@link InputSizes#of} asks both axes together, and must find what asking each axis alone finds
 * (three {@link NetworkSpec#nextExactSize} calls per axis, the other axis from 1, no exact sizes
 * when any of them fails: what the processor printed before); and a search on a graph tries only
 * the sizes that the chain the graph starts with tiles exactly ({@link SizeSearch#prefixAffine}),
 * and must find what trying every size of the same range finds.
 */
class ExactSearchShortcutsTest {

    private static final int GRAPHS = 150;
    /** Fewer for the sizes: a graph without exact sizes costs the long way whole searches. */
    private static final int SIZED_GRAPHS = 40;

    @Test
    void stoppingAtTheFirstInexactWindowChangesNoAnswer() {
        int graphs = 0;
        int exact = 0;
        int inexact = 0;
        for (long seed = 0; graphs < GRAPHS; seed++) {
            LayerGraph graph = valid(RandomDags.generate(31_000 + seed));
            if (graph == null) {
                continue;
            }
            graphs++;
            for (Axis axis : Axis.values()) {
                AxisWalk full = new AxisWalk(graph, axis, graph.size() - 1, false, true);
                AxisWalk shortcut = new AxisWalk(graph, axis, graph.size() - 1, false, true);
                for (long n = 1; n <= 300; n++) {
                    boolean expected = full.run(n) && full.exact();
                    assertEquals(expected, shortcut.runExact(n), "seed " + (31_000 + seed) + " " + axis + " at " + n);
                    if (expected) {
                        exact++;
                    } else if (full.failedAt() < 0) {
                        inexact++;      // fits, but some window does not tile
                    }
                }
            }
        }
        // Both answers were exercised, not only refusals.
        assertTrue(exact > 100 && inexact > 100, exact + " exact, " + inexact + " inexact");
    }

    @Test
    void bothAxesTogetherFindWhatEachAxisAloneFinds() {
        int graphs = 0;
        int withSizes = 0;
        int without = 0;
        for (long seed = 0; graphs < SIZED_GRAPHS; seed++) {
            Dag dag = RandomDags.generate(47_000 + seed);
            GeometryResult geometry = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            if (geometry.hasErrors()) {
                continue;
            }
            graphs++;
            NetworkSpec spec = RuntimeSpecs.of("dag", geometry);
            InputSizes sizes = InputSizes.of(spec);
            for (boolean rows : new boolean[] {true, false}) {
                InputSizes.Axis expected = alone(spec, rows);
                assertEquals(expected, sizes.axis(rows), "seed " + (47_000 + seed) + (rows ? " rows" : " columns"));
                if (expected != null) {
                    withSizes++;
                } else {
                    without++;
                }
            }
            assertEquals(spec.minInputSize(), sizes.minInputSize());
        }
        assertTrue(withSizes > 10 && without > 0, withSizes + " axes with exact sizes, " + without + " without");
    }

    @Test
    void skippingWhatTheLeadingChainRejectsChangesNoAnswer() {
        java.util.Random random = new java.util.Random(5);
        int graphs = 0;
        int skipped = 0;
        int found = 0;
        int none = 0;
        for (long seed = 0; graphs < SIZED_GRAPHS; seed++) {
            LayerGraph graph = valid(RandomDags.generate(53_000 + seed));
            if (graph == null || SizeSearch.isChain(graph.layers())) {
                continue;
            }
            graphs++;
            SizeSearch search = new SizeSearch("dag", graph);
            for (Axis axis : Axis.values()) {
                if (SizeSearch.prefixAffine(graph.layers(), axis) != null) {
                    skipped++;
                }
                for (int from : new int[] {1, 2 + random.nextInt(300)}) {
                    // Every size, one by one, over the range the search is given.
                    AxisWalk walk = new AxisWalk(graph, axis, graph.size() - 1, false, true);
                    long end = from + Math.max(1024, (1 << 22) / graph.size());
                    Integer expected = null;
                    for (long n = from; n <= end && expected == null; n++) {
                        expected = walk.runExact(n) ? (int) n : null;
                    }
                    Integer actual;
                    try {
                        actual = search.nextExact(from, axis);
                    } catch (IllegalArgumentException noneFound) {
                        actual = null;
                    }
                    assertEquals(expected, actual, "seed " + (53_000 + seed) + " " + axis + " from " + from);
                    if (expected != null) {
                        found++;
                    } else {
                        none++;
                    }
                }
            }
        }
        // The skipping was exercised, on graphs with exact sizes and on graphs without.
        assertTrue(skipped > 20 && found > 20 && none > 0, skipped + " axes skipping, " + found + " found, " + none + " none");
    }

    /** One axis alone: its first three exact sizes, the other axis asked from 1; null if any call fails. */
    private static InputSizes.Axis alone(NetworkSpec spec, boolean rows) {
        try {
            int a = next(spec, 1, rows);
            int b = next(spec, a + 1, rows);
            int c = next(spec, b + 1, rows);
            return new InputSizes.Axis(a, b, c);
        } catch (IllegalArgumentException | ArithmeticException none) {
            return null;
        }
    }

    private static int next(NetworkSpec spec, int from, boolean rows) {
        Size next = spec.nextExactSize(rows ? Size.of(1, from) : Size.of(from, 1));
        return rows ? next.height() : next.width();
    }

    /** The graph of a dag the engine computes without errors, or null. */
    private static LayerGraph valid(Dag dag) {
        GeometryResult geometry = GeometryCalculator.compute(dag.input(), dag.layers(), false);
        return geometry.hasErrors() ? null : new LayerGraph(dag.layers());
    }
}
