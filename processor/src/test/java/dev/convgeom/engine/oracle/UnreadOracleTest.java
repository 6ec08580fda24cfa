package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.PositionSet;
import dev.convgeom.engine.ReadCoverage;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
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

    /**
     * The same graphs with declared outputs: a random non-empty set of layers, so that a declared
     * output is often read by another layer too (all its units count), and a dead end is often not
     * declared (then nothing it reads counts for it). Also whether each layer leads to an output,
     * against a walk over the layers that read each map.
     */
    @Test
    void coreAgreesWithBruteForceOnDeclaredOutputs() {
        int compared = 0;
        int readOutputs = 0;
        int deadEnds = 0;
        for (int i = 0; i < DAGS / 2; i++) {
            RandomDags.Dag dag = RandomDags.generate(7_000 + i);
            List<LayerSpec> layers = dag.layers();
            if (layers.isEmpty() || GraphOracle.run(dag.input(), layers).failure().isPresent()) {
                continue;
            }
            Random r = new Random(31_000 + i);
            List<Integer> outputs = new ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                if (r.nextInt(3) == 0) {
                    outputs.add(l);
                }
            }
            if (outputs.isEmpty()) {
                outputs.add(r.nextInt(layers.size()));
            }
            String what = "seed " + dag.seed() + ", outputs " + outputs + "\n" + dag.toJava();
            compare(dag.input(), layers, outputs, what);
            ReadCoverage c = ReadCoverage.of(dag.input(),
                    GeometryCalculator.compute(dag.input(), layers, false, false).layers(), List.of(), outputs)
                    .orElseThrow();
            GraphOracle graph = GraphOracle.run(dag.input(), layers);
            for (int l = layers.size() - 1; l >= 0; l--) {
                boolean reaches = reaches(graph, layers, outputs, l);
                assertEquals(reaches, c.reachesAnOutput(l), "layer " + l + " leads to an output, " + what);
                deadEnds += reaches ? 0 : 1;
                readOutputs += outputs.contains(l) && readers(graph, layers, l).size() > 0 ? 1 : 0;
            }
            compared++;
        }
        System.out.printf("unread oracle: %d random graphs with declared outputs compared, %d declared outputs"
                + " other layers read, %d layers leading to no output, 0 disagreements%n", compared, readOutputs,
                deadEnds);
        assertTrue(compared > DAGS / 4, "too few valid graphs: " + compared);
        assertTrue(readOutputs > compared, "too few declared outputs that others read: " + readOutputs);
        assertTrue(deadEnds > compared / 4, "too few layers leading to no output: " + deadEnds);
    }

    /** Whether a chain of readers leads from layer {@code l} to a declared output (depth first). */
    private static boolean reaches(GraphOracle graph, List<LayerSpec> layers, List<Integer> outputs, int l) {
        if (outputs.contains(l)) {
            return true;
        }
        for (int reader : readers(graph, layers, l)) {
            if (reaches(graph, layers, outputs, reader)) {
                return true;
            }
        }
        return false;
    }

    /** The layers that read values of map {@code l} (a crop's reference is only measured). */
    private static List<Integer> readers(GraphOracle graph, List<LayerSpec> layers, int l) {
        List<Integer> readers = new ArrayList<>();
        for (int j = l + 1; j < layers.size(); j++) {
            List<Integer> reads = layers.get(j).kind() == LayerKind.CROP ? List.of(graph.inputs(j).get(0))
                    : graph.inputs(j);
            if (reads.contains(l)) {
                readers.add(j);
            }
        }
        return readers;
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

    /**
     * ResNet-50 as released for Caffe (example/.../ResNet50.java): the first block of stages 3, 4
     * and 5 strides by 2 in the 1x1 convolutions of both branches, so each reads rows and columns
     * 0, 2, 4, ... of the stage's last map only. By hand: res2c 56x56 keeps 28x28 = 784 read of
     * 3136 units (2352 unread, 3/4), res3d 28x28 keeps 196 of 784 (588, 3/4), res4f 14x14 keeps 49
     * of 196 (147, 3/4). The add that makes each of those maps passes the unread units on to its
     * residual branch: the 1x1 branch2c, and through it the 3x3 branch2b, whose padded windows then
     * read all of branch2a; the add's other input is read whole by branch2a. So nine maps are three
     * quarters unread. Every other map is read whole (conv1 k7 s2 p3 and pool1 k3 s2 ceil reach every
     * pixel, the rest slide by 1, the 7x7 pool and fc read all).
     */
    @Test
    void resNet50LeavesThreeQuartersOfNineMapsUnread() {
        NetworkInput input = new NetworkInput(3, 224, 224);
        List<LayerSpec> layers = resNet50();
        compare(input, layers, "ResNet-50");
        GeometryResult core = GeometryCalculator.compute(input, layers, false, false);
        ReadCoverage c = ReadCoverage.of(input, core.layers()).orElseThrow();
        java.util.Map<String, Long> unread = new java.util.TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (c.map(i).unreadUnits() > 0) {
                unread.put(layers.get(i).name(), c.map(i).unreadUnits());
            }
        }
        assertEquals(java.util.Map.of("res2c", 2352L, "res2c_branch2b", 2352L, "res2c_branch2c", 2352L,
                "res3d", 588L, "res3d_branch2b", 588L, "res3d_branch2c", 588L,
                "res4f", 147L, "res4f_branch2b", 147L, "res4f_branch2c", 147L), unread);
        assertEquals(0, c.input().unreadUnits());
        for (String name : unread.keySet()) {
            int i = index(layers, name);
            assertEquals(dev.convgeom.Ratio.of(3, 4), c.map(i).unreadFraction(), name);
            long n = core.layers().get(i).y().size();
            assertEquals(List.of(new PositionSet.Progression(1, n - 1, 2)), c.map(i).unreadRows().progressions(), name);
        }
        System.out.printf("unread oracle: ResNet-50 agrees; unread units: %s (each 3/4 of its map)%n", unread);
    }

    private static int index(List<LayerSpec> layers, String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** ResNet-50's layers as the example declares them (BatchNorm, Scale and ReLU left out). */
    static List<LayerSpec> resNet50() {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(LayerSpec.conv("conv1", 64, Window.of(7, 2, 3)));
        layers.add(LayerSpec.maxPool("pool1", new Window(3, 2, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.CEIL)));
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        int previous = 1;
        for (int stage = 0; stage < blocks.length; stage++) {
            int stride = stage == 0 ? 1 : 2;
            for (int b = 0; b < blocks[stage]; b++) {
                String block = "res" + (stage + 2) + (char) ('a' + b);
                int shortcut = previous;
                if (b == 0) {
                    layers.add(LayerSpec.conv(block + "_branch1", 4L * widths[stage], Window.of(1, stride, 0))
                            .from(previous));
                    shortcut = layers.size() - 1;
                }
                layers.add(LayerSpec.conv(block + "_branch2a", widths[stage], Window.of(1, b == 0 ? stride : 1, 0))
                        .from(previous));
                layers.add(LayerSpec.conv(block + "_branch2b", widths[stage], Window.of(3, 1, 1)));
                layers.add(LayerSpec.conv(block + "_branch2c", 4L * widths[stage], Window.of(1, 1, 0)));
                layers.add(LayerSpec.merge(block, LayerKind.ADD, shortcut, layers.size() - 1));
                previous = layers.size() - 1;
            }
        }
        layers.add(new LayerSpec("pool5", LayerKind.AVG_POOL, Window.of(7, 1, 0), Window.of(7, 1, 0),
                OptionalLong.empty(), OptionalLong.empty(), 1));
        layers.add(LayerSpec.fullyConnected("fc1000", 1000));
        return layers;
    }

    /** Compares core and oracle on one valid network; whether some map has units nothing reads. */
    static boolean compare(NetworkInput input, List<LayerSpec> layers, String what) {
        return compare(input, layers, List.of(), what);
    }

    /** As {@link #compare(NetworkInput, List, String)}, with declared outputs (empty: the default). */
    static boolean compare(NetworkInput input, List<LayerSpec> layers, List<Integer> outputs, String what) {
        GeometryResult core = GeometryCalculator.compute(input, layers, false, false);
        assertTrue(!core.hasErrors(), () -> "core errors on " + what + ": " + core.problems());
        ReadCoverage coverage = ReadCoverage.of(input, core.layers(), List.of(), outputs).orElseThrow();
        UnreadOracle oracle = UnreadOracle.run(input, layers, outputs);
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
