package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryMessage;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PadMode;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Problem;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reflect and edge padding against a per-unit backward simulation. For random chains of
 * convolutions, pooling, unit-by-unit layers and pads in every mode, each axis on its own, the
 * simulation follows every unit's reads down to the input pixels: a window reads its taps (nothing
 * in its zero padding), a constant pad's new unit reads nothing, a reflected unit reads what its
 * mirror reads, an edge unit what the border unit reads. Whenever the engine accepts the network
 * (no problem about the pad), every unit of every layer but a copying pad's own new units must read
 * exactly the pixels it would read with constant padding (so the unread-pixel analysis, computed
 * as for constant padding, is exact), and its reads must lie in the engine's field clipped to the
 * image (the field is the windows' span, dilation gaps included, as with constant padding). The engine's problems must also equal those of the same chain with constant pads.
 * A reflect pad at least as wide as its input must be refused; every refusal is counted against
 * the chains whose declared size alone shows no difference (the price of a check that holds at
 * every size).
 */
class CopiedPadOracleTest {

    private static final int CHAINS = 4000;
    private static final int GRAPHS = 3000;

    /** What the random networks showed, for the summary line and the floor on accepted ones. */
    private static final class Tally {
        int accepted;
        int refused;
        int refusedButSameHere;
        int tooWide;
        int skipped;
    }

    @Test
    void acceptedCopiesReadWhatConstantPaddingReads() {
        Tally tally = new Tally();
        for (int seed = 0; seed < CHAINS; seed++) {
            Random random = new Random(31_000 + seed);
            NetworkInput input = new NetworkInput(1, 4 + random.nextInt(30), 4 + random.nextInt(30));
            check(input, chain(random), "chain seed " + seed, tally);
        }
        System.out.printf("copied pad oracle: %d chains, %d with copying pads accepted and compared unit by unit,"
                        + " %d refused (%d reflect wider than the map; %d with no difference at the declared size)%n",
                CHAINS, tally.accepted, tally.refused, tally.tooWide, tally.refusedButSameHere);
        assertTrue(tally.accepted > CHAINS / 5, "too few accepted chains with copying pads: " + tally.accepted);
    }

    /**
     * The same on random graphs: residual blocks (a pad, a convolution that keeps the size, added
     * to the pad's input, as CycleGAN's), two layers reading one pad, pads of merged maps, and adds
     * of random earlier maps (skipped by the simulation where their sizes differ).
     */
    @Test
    void acceptedCopiesInGraphsReadWhatConstantPaddingReads() {
        Tally tally = new Tally();
        for (int seed = 0; seed < GRAPHS; seed++) {
            Random random = new Random(57_000 + seed);
            NetworkInput input = new NetworkInput(1, 6 + random.nextInt(30), 6 + random.nextInt(30));
            check(input, graph(random), "graph seed " + seed, tally);
        }
        System.out.printf("copied pad oracle: %d graphs, %d with copying pads accepted and compared unit by unit,"
                        + " %d refused (%d reflect wider than the map; %d with no difference at the declared size),"
                        + " %d with merges of different sizes%n",
                GRAPHS, tally.accepted, tally.refused, tally.tooWide, tally.refusedButSameHere, tally.skipped);
        assertTrue(tally.accepted > GRAPHS / 5, "too few accepted graphs with copying pads: " + tally.accepted);
    }

    private static void check(NetworkInput input, List<LayerSpec> chain, String title, Tally tally) {
        GeometryResult result = GeometryCalculator.compute(input, chain, false);
        List<Problem> copyProblems = result.problems().stream().filter(CopiedPadOracleTest::aboutCopies)
                .collect(Collectors.toList());
        String context = title + ", input " + input + "\n" + describe(chain) + "\n" + result.problems();
        boolean wide = false;
        boolean sameHere = true;
        boolean valid = true;
        boolean computed = result.layers().size() == chain.size();
        for (Axis axis : Axis.values()) {
            Simulation exact = Simulation.run(input.size(axis), chain, axis, true);
            Simulation constant = Simulation.run(input.size(axis), chain, axis, false);
            wide |= exact.reflectTooWide;
            valid &= exact.sizesValid;
            if (!exact.reflectTooWide && exact.sizesValid) {
                sameHere &= exact.sameReadsAs(constant, chain);
            }
            if (copyProblems.isEmpty() && computed && !exact.reflectTooWide) {
                compareFields(exact, constant, result, chain, axis, input.size(axis), context);
            }
        }
        tally.skipped += valid ? 0 : 1;
        boolean reportedWide = copyProblems.stream()
                .anyMatch(p -> p.message() == GeometryMessage.REFLECT_PAD_TOO_WIDE);
        // A simulation stops at a merge of different sizes; the engine goes on along other paths.
        if ((computed || reportedWide) && (valid || wide)) {
            assertEquals(wide, reportedWide, "reflect wider than its input, reported?\n" + context);
        }
        if (!copyProblems.isEmpty()) {
            tally.refused++;
            tally.tooWide += wide ? 1 : 0;
            tally.refusedButSameHere += !wide && valid && sameHere ? 1 : 0;
        } else if (computed && hasCopyingPad(chain)) {
            tally.accepted++;
            List<LayerSpec> constant = chain.stream().map(CopiedPadOracleTest::constant).collect(Collectors.toList());
            assertEquals(messages(GeometryCalculator.compute(input, constant, false).problems()),
                    messages(result.problems()), "problems differ from constant padding's\n" + context);
        }
    }

    private static void compareFields(Simulation exact, Simulation constant, GeometryResult result,
                                      List<LayerSpec> chain, Axis axis, long width, String context) {
        for (int l = 0; l < chain.size(); l++) {
            ComputedLayer layer = result.layers().get(l);
            AxisState state = layer.axis(axis);
            List<BitSet> reads = exact.maps.get(l + 1);
            assertEquals(reads.size(), state.size(), "size of layer " + l + " along " + axis + "\n" + context);
            LayerSpec spec = chain.get(l);
            boolean copies = spec.kind() == LayerKind.PAD && spec.extras().padMode() != PadMode.CONSTANT;
            long before = spec.kind() == LayerKind.PAD ? spec.window(axis).padBefore() : 0;
            for (int u = 0; u < reads.size(); u++) {
                if (copies && (u < before || u >= reads.size() - spec.window(axis).padAfter())) {
                    continue;   // a copy: documented as constant padding's virtual field
                }
                BitSet set = reads.get(u);
                String where = "layer " + l + " (" + spec.name() + ") unit " + u + " along " + axis + "\n" + context;
                assertEquals(constant.maps.get(l + 1).get(u), set, "reads differ from constant padding's: " + where);
                long lo = Math.max(0, state.lo(u));
                long hi = Math.min(width - 1, state.hi(u));
                if (!set.isEmpty()) {
                    // The field is the windows' span (dilation gaps included): it holds every pixel read.
                    assertTrue(lo <= set.nextSetBit(0) && set.length() - 1 <= hi,
                            "reads " + set + ", outside the clipped field " + lo + ".." + hi + ": " + where);
                }
            }
        }
    }

    /** Per axis: each map's units as the sets of input pixels they read. */
    private static final class Simulation {
        final List<List<BitSet>> maps = new ArrayList<>();
        boolean reflectTooWide;
        boolean sizesValid = true;

        static Simulation run(long width, List<LayerSpec> chain, Axis axis, boolean copies) {
            Simulation s = new Simulation();
            List<BitSet> in = new ArrayList<>();
            for (int x = 0; x < width; x++) {
                BitSet b = new BitSet();
                b.set(x);
                in.add(b);
            }
            s.maps.add(in);
            for (int i = 0; i < chain.size(); i++) {
                LayerSpec layer = chain.get(i);
                List<Integer> inputs = layer.resolvedInputs(i);
                List<BitSet> prev = s.maps.get(inputs.get(0) + 1);
                int n = prev.size();
                List<BitSet> next = new ArrayList<>();
                if (layer.kind().isMerge()) {
                    // Unit by unit: what any of the inputs' units at that place reads.
                    for (int u = 0; u < n; u++) {
                        next.add((BitSet) prev.get(u).clone());
                    }
                    for (int input : inputs) {
                        List<BitSet> other = s.maps.get(input + 1);
                        if (other.size() != n) {
                            s.sizesValid = false;
                            return s;
                        }
                        for (int u = 0; u < n; u++) {
                            next.get(u).or(other.get(u));
                        }
                    }
                } else if (layer.kind() == LayerKind.PAD) {
                    int p = (int) layer.window(axis).padBefore();
                    int q = (int) layer.window(axis).padAfter();
                    PadMode mode = copies ? layer.extras().padMode() : PadMode.CONSTANT;
                    if (mode == PadMode.REFLECT && (p >= n || q >= n)) {
                        s.reflectTooWide = true;
                        return s;
                    }
                    for (int t = -p; t < n + q; t++) {
                        int src;
                        if (t >= 0 && t < n) {
                            src = t;
                        } else if (mode == PadMode.CONSTANT) {
                            src = -1;
                        } else if (mode == PadMode.EDGE) {
                            src = t < 0 ? 0 : n - 1;
                        } else {
                            src = t < 0 ? -t : 2 * (n - 1) - t;   // the mirror, border unit not repeated
                        }
                        next.add(src < 0 ? new BitSet() : (BitSet) prev.get(src).clone());
                    }
                } else if (layer.kind().hasWindow()) {
                    Window w = layer.window(axis);
                    // Window u reads positions u*s - pb + j*d of its input; it exists while its last
                    // tap stays within the input and the trailing padding.
                    for (long start = -w.padBefore(); start + (w.kernel() - 1) * w.dilation() <= n - 1 + w.padAfter();
                         start += w.stride()) {
                        BitSet b = new BitSet();
                        for (long j = 0; j < w.kernel(); j++) {
                            long t = start + j * w.dilation();
                            if (t >= 0 && t < n) {
                                b.or(prev.get((int) t));
                            }
                        }
                        next.add(b);
                    }
                    if (next.isEmpty()) {
                        s.sizesValid = false;
                        return s;
                    }
                } else {
                    for (BitSet b : prev) {
                        next.add((BitSet) b.clone());
                    }
                }
                s.maps.add(next);
            }
            return s;
        }

        boolean sameReadsAs(Simulation constant, List<LayerSpec> chain) {
            for (int l = 1; l < maps.size(); l++) {
                LayerSpec spec = chain.get(l - 1);
                if (spec.kind() == LayerKind.PAD && spec.extras().padMode() != PadMode.CONSTANT) {
                    continue;
                }
                if (!maps.get(l).equals(constant.maps.get(l))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static List<LayerSpec> chain(Random random) {
        List<LayerSpec> layers = new ArrayList<>();
        int length = 2 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(10);
            String name = "l" + i;
            if (roll < 4) {
                PadMode mode = PadMode.values()[random.nextInt(3)];
                LayerSpec pad = LayerSpec.pad(name, random.nextInt(4), random.nextInt(4), random.nextInt(4),
                        random.nextInt(4), mode);
                layers.add(pad);
                if (mode != PadMode.CONSTANT && random.nextBoolean()) {
                    // Often the typical reader: a window wide enough to read every copy's source.
                    i++;
                    layers.add(new LayerSpec("l" + i, LayerKind.CONV, wide(random, pad.y()), wide(random, pad.x()),
                            OptionalLong.empty(), OptionalLong.empty(), 1));
                }
            } else if (roll < 5) {
                layers.add(LayerSpec.pointwise(name, LayerKind.RELU));
            } else {
                LayerKind kind = roll < 8 ? LayerKind.CONV : roll < 9 ? LayerKind.MAX_POOL : LayerKind.AVG_POOL;
                layers.add(new LayerSpec(name, kind, window(random, kind), window(random, kind),
                        OptionalLong.empty(), OptionalLong.empty(), 1));
            }
        }
        return layers;
    }

    private static List<LayerSpec> graph(Random random) {
        List<LayerSpec> layers = new ArrayList<>();
        int length = 3 + random.nextInt(6);
        while (layers.size() < length) {
            int i = layers.size();
            int from = random.nextInt(3) == 0 ? random.nextInt(i + 1) - 1 : i - 1;
            int roll = random.nextInt(10);
            if (roll < 4) {
                PadMode mode = PadMode.values()[random.nextInt(3)];
                int p = random.nextInt(3);
                int q = random.nextInt(2);
                layers.add(LayerSpec.pad("pad" + i, p, p, p + random.nextInt(2), p, mode).from(from));
                if (random.nextInt(3) > 0) {
                    // A residual block: a convolution that keeps the size, added to the pad's input.
                    Window y = new Window(2 * p + 2 * q + 1, 1, 1, q, q, PaddingMode.EXPLICIT, Rounding.FLOOR);
                    Window x = new Window(2 * p + 2 * q + 1 + (layers.get(i).x().padBefore() - p), 1, 1, q, q,
                            PaddingMode.EXPLICIT, Rounding.FLOOR);
                    layers.add(new LayerSpec("conv" + (i + 1), LayerKind.CONV, y, x, OptionalLong.empty(),
                            OptionalLong.empty(), 1).from(i));
                    layers.add(LayerSpec.merge("add" + (i + 2), LayerKind.ADD, from, i + 1));
                    if (random.nextBoolean()) {
                        // A second reader of the same pad, often too narrow for it.
                        layers.add(new LayerSpec("other" + (i + 3), LayerKind.MAX_POOL, window(random, LayerKind.MAX_POOL),
                                window(random, LayerKind.MAX_POOL), OptionalLong.empty(), OptionalLong.empty(), 1).from(i));
                    }
                }
            } else if (roll < 7) {
                LayerKind kind = roll < 6 ? LayerKind.CONV : LayerKind.AVG_POOL;
                layers.add(new LayerSpec("l" + i, kind, window(random, kind), window(random, kind),
                        OptionalLong.empty(), OptionalLong.empty(), 1).from(from));
            } else if (roll < 8) {
                layers.add(LayerSpec.pointwise("relu" + i, LayerKind.RELU).from(from));
            } else if (i > 0) {
                layers.add(LayerSpec.merge("sum" + i, LayerKind.ADD, from, i - 1));
            }
        }
        return layers;
    }

    private static Window wide(Random random, Window pad) {
        long pb = random.nextInt(2);
        return new Window(2 * Math.max(pad.padBefore(), pad.padAfter()) + pb + 1 + random.nextInt(2),
                1 + random.nextInt(3), 1, pb, pb, PaddingMode.EXPLICIT, Rounding.FLOOR);
    }

    private static Window window(Random random, LayerKind kind) {
        long k = 1 + random.nextInt(8);
        long d = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
        long pad = kind == LayerKind.CONV ? random.nextInt(3) : random.nextInt((int) (k / 2) + 1);
        return new Window(k, 1 + random.nextInt(3), kind == LayerKind.CONV ? d : 1, pad, random.nextInt(2) == 0 ? pad
                : Math.min(pad, random.nextInt(3)), PaddingMode.EXPLICIT, Rounding.FLOOR);
    }

    private static boolean aboutCopies(Problem p) {
        return p.message() == GeometryMessage.REFLECT_PAD_TOO_WIDE || p.message() == GeometryMessage.COPIED_PAD_READER
                || p.message() == GeometryMessage.COPIED_PAD_UNCOVERED;
    }

    private static boolean hasCopyingPad(List<LayerSpec> chain) {
        return chain.stream().anyMatch(l -> l.kind() == LayerKind.PAD && l.extras().padMode() != PadMode.CONSTANT);
    }

    private static LayerSpec constant(LayerSpec l) {
        if (l.kind() != LayerKind.PAD) {
            return l;
        }
        LayerSpec pad = LayerSpec.pad(l.name(), l.y().padBefore(), l.y().padAfter(), l.x().padBefore(),
                l.x().padAfter());
        return l.inputs().isEmpty() ? pad : pad.from(l.inputs().toArray(new Integer[0]));
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(p -> p.layer() + " " + p.message() + " " + p.args())
                .collect(Collectors.toList());
    }

    private static String describe(List<LayerSpec> chain) {
        return chain.stream().map(l -> l.name() + " " + l.kind() + " " + l.inputs() + " " + l.extras().padMode()
                + " y " + l.y() + " x " + l.x()).collect(Collectors.joining("\n"));
    }
}
