package dev.convgeom.processor.geometry.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.processor.geometry.Axis;
import dev.convgeom.processor.geometry.GeometryCalculator;
import dev.convgeom.processor.geometry.GeometryResult;
import dev.convgeom.processor.geometry.LayerKind;
import dev.convgeom.processor.geometry.LayerSpec;
import dev.convgeom.processor.geometry.NetworkInput;
import dev.convgeom.processor.geometry.PaddingMode;
import dev.convgeom.processor.geometry.PositionSet;
import dev.convgeom.processor.geometry.ReadCoverage;
import dev.convgeom.processor.geometry.Rounding;
import dev.convgeom.processor.geometry.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The core's {@link ReadCoverage} against {@link UnreadOracle}: for every map, the number of units
 * no path to an output reads and the rows and columns of which nothing is read; for every layer,
 * the positions of its input its own windows skip. On the random graphs of {@link RandomDags}
 * (residual blocks, FCN paths with transposed convolutions and crops, upsampling, padding, long
 * skips, global pools) and on random multi-head networks built to skip pixels (strides beyond the
 * kernel, dilations, rounding up), where several heads read one map in different patterns.
 */
class UnreadOracleTest {

    private static final int DAGS = 600;
    private static final int HEADS = 1500;

    @Test
    void coreAgreesWithBruteForceOnRandomGraphs() {
        int compared = 0;
        int withUnread = 0;
        for (int i = 0; i < DAGS; i++) {
            RandomDags.Dag dag = RandomDags.generate(7_000 + i);
            if (GraphOracle.run(dag.input(), dag.layers()).failure().isPresent()) {
                continue;
            }
            withUnread += compare(dag.input(), dag.layers(), "seed " + dag.seed() + "\n" + dag.toJava()) ? 1 : 0;
            compared++;
        }
        System.out.printf("unread oracle: %d random graphs compared, %d with units nothing reads, 0 disagreements%n",
                compared, withUnread);
        assertTrue(compared > DAGS / 2, "too few valid graphs: " + compared);
        assertTrue(withUnread > compared / 10, "too few graphs with unread units: " + withUnread);
    }

    @Test
    void coreAgreesWithBruteForceOnRandomHeads() {
        int compared = 0;
        int withUnread = 0;
        int coveredByAnother = 0;
        for (int i = 0; i < HEADS; i++) {
            Random r = new Random(90_000 + i);
            NetworkInput input = new NetworkInput(1, 6 + r.nextInt(30), 6 + r.nextInt(30));
            List<LayerSpec> layers = heads(r);
            if (GraphOracle.run(input, layers).failure().isPresent()) {
                continue;
            }
            GeometryResult core = GeometryCalculator.compute(input, layers, false, false);
            if (core.hasErrors()) {
                continue;
            }
            withUnread += compare(input, layers, "heads seed " + (90_000 + i) + ": " + layers) ? 1 : 0;
            ReadCoverage c = ReadCoverage.of(input, core.layers()).orElseThrow();
            for (int l = 0; l < layers.size(); l++) {
                int source = core.layers().get(l).inputs().get(0);
                if (!c.skipped(l, Axis.Y).isEmpty() && !c.skipped(l, Axis.Y).isSubsetOf(c.map(source).unread(Axis.Y))) {
                    coveredByAnother++;
                }
            }
            compared++;
        }
        System.out.printf("unread oracle: %d random multi-head networks compared, %d with units nothing reads,"
                + " %d layer gaps another path covers, 0 disagreements%n", compared, withUnread, coveredByAnother);
        assertTrue(compared > HEADS / 2, "too few valid networks: " + compared);
        assertTrue(coveredByAnother > 50, "too few gaps covered by another path: " + coveredByAnother);
    }

    /** Compares core and oracle on one valid network; whether some map has units nothing reads. */
    static boolean compare(NetworkInput input, List<LayerSpec> layers, String what) {
        GeometryResult core = GeometryCalculator.compute(input, layers, false, false);
        assertTrue(!core.hasErrors(), () -> "core errors on " + what + ": " + core.problems());
        ReadCoverage coverage = ReadCoverage.of(input, core.layers()).orElseThrow();
        UnreadOracle oracle = UnreadOracle.run(input, layers);
        boolean any = false;
        for (int m : oracle.maps()) {
            ReadCoverage.MapReads reads = coverage.map(m);
            String where = "map " + m + " of " + what;
            assertEquals(oracle.unreadUnits(m), reads.unreadUnits(), () -> "unread units of " + where);
            for (Axis axis : Axis.values()) {
                assertEquals(oracle.unreadLines(m, axis), positions(reads.unread(axis)),
                        () -> "unread " + axis.units() + " of " + where);
            }
            any |= reads.unreadUnits() > 0;
        }
        for (int i = 0; i < layers.size(); i++) {
            for (Axis axis : Axis.values()) {
                int layer = i;
                assertEquals(oracle.skipped(i, axis), positions(coverage.skipped(i, axis)),
                        () -> "skipped " + axis.units() + " of layer " + layer + " of " + what);
            }
        }
        return any;
    }

    private static TreeSet<Long> positions(PositionSet set) {
        TreeSet<Long> all = new TreeSet<>();
        for (long p = 0; p < set.size(); p++) {
            if (set.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }

    /**
     * A trunk of 0 to 2 window layers, then 2 or 3 heads of 1 or 2 window layers, each reading
     * the input or a trunk layer: several paths read one map, each in its own pattern.
     */
    private static List<LayerSpec> heads(Random r) {
        List<LayerSpec> layers = new ArrayList<>();
        int trunk = r.nextInt(3);
        for (int i = 0; i < trunk; i++) {
            layers.add(window(r, "t" + i).from(i - 1));
        }
        int heads = 2 + r.nextInt(2);
        for (int h = 0; h < heads; h++) {
            int from = trunk == 0 ? LayerSpec.NETWORK_INPUT : trunk - 1 - r.nextInt(trunk);
            layers.add(window(r, "h" + h).from(from));
            if (r.nextBoolean()) {
                layers.add(window(r, "h" + h + "b").from(layers.size() - 1));
            }
        }
        return layers;
    }

    /** A convolution or max pooling likely to skip pixels: kernel 1-3, stride 1-4, dilation 1-2. */
    private static LayerSpec window(Random r, String name) {
        Window y = randomWindow(r);
        Window x = r.nextInt(3) == 0 ? randomWindow(r) : y;
        boolean pool = r.nextInt(3) == 0;
        return new LayerSpec(name, pool ? LayerKind.MAX_POOL : LayerKind.CONV, y, x,
                pool ? OptionalLong.empty() : OptionalLong.of(4), OptionalLong.empty(), 1);
    }

    private static Window randomWindow(Random r) {
        int k = 1 + r.nextInt(3);
        int s = 1 + r.nextInt(4);
        int d = r.nextInt(4) == 0 ? 2 : 1;
        int p = r.nextInt(3) == 0 ? r.nextInt(k) : 0;
        Rounding rounding = r.nextInt(4) == 0 ? Rounding.CEIL : Rounding.FLOOR;
        return new Window(k, s, d, p, p, PaddingMode.EXPLICIT, rounding);
    }
}
