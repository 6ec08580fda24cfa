package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The graph oracle itself, on cases worked out by hand (tap by tap, on paper), against the chain
 * oracle on chains, and for internal consistency on the random graphs; so that the core agreeing
 * with it (see {@link GraphOracleCoreTest}) means something.
 */
class GraphOracleTest {

    private static final NetworkInput IN20 = new NetworkInput(3, 20, 20);

    private static long[] f(GraphOracle o, int layer, long u) {
        return o.field(layer, Axis.Y, u);
    }

    private static long[] box(long lo, long hi) {
        return new long[] {lo, hi};
    }

    @Test
    void channelSelectionsAndShufflesKeepTheFieldsAndCountTheirChannels() {
        // conv 8 channels k3; two ranges 0..2 and 3..7; shuffle of the 8 (4 groups): every unit
        // reads what the conv's unit reads, tap by tap, and only the counts change.
        GraphOracle o = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("c", 8, Window.of(3, 1, 0)),
                LayerSpec.channels("a", 0, 3).from(0),
                LayerSpec.channels("b", 3, 5).from(0),
                LayerSpec.merge("m", LayerKind.CONCAT, 2, 1),
                LayerSpec.channelShuffle("s", 4).from(3)));
        assertTrue(o.failure().isEmpty());
        assertEquals(3, o.channels(1));
        assertEquals(5, o.channels(2));
        assertEquals(8, o.channels(4));
        for (long u = -1; u < 19; u++) {
            assertArrayEquals(box(u, u + 2), f(o, 4, u), "unit " + u);
        }
        assertEquals(Frac.of(1), o.centre(4, Axis.Y, 0));
    }

    @Test
    void channelRulesFailWhereTheCoreReportsThem() {
        List<List<LayerSpec>> bad = List.of(
                List.of(LayerSpec.conv("c", 8, Window.of(3, 1, 0)), LayerSpec.channels("a", 5, 4)),
                List.of(LayerSpec.channels("a", 3, 1)),
                List.of(LayerSpec.conv("c", 6, Window.of(1, 1, 0)), LayerSpec.channelShuffle("s", 4)));
        for (List<LayerSpec> layers : bad) {
            GraphOracle o = GraphOracle.run(IN20, layers);
            assertEquals(GraphOracle.FailureKind.CHANNELS_MISMATCH, o.failure().orElseThrow().kind());
            assertEquals(layers.size() - 1, o.failure().orElseThrow().layer());
            assertEquals(List.of(), GraphOracleCheck.check(new RandomDags.Dag(0, IN20, layers,
                    new java.util.LinkedHashSet<>())));
        }
        // Unknown channels: nothing to check, the count is the selection's.
        GraphOracle unknown = GraphOracle.run(IN20, List.of(LayerSpec.conv("c", 0, Window.of(3, 1, 0)),
                LayerSpec.channels("a", 100, 4), LayerSpec.channelShuffle("s", 2)));
        assertTrue(unknown.failure().isEmpty());
        assertEquals(4, unknown.channels(1));
        int withShuffles = 0;
        for (long seed = 0; seed < 200; seed++) {
            withShuffles += RandomDags.generate(GraphOracleCoreTest.SEED + seed).features().contains("shuffle") ? 1 : 0;
        }
        assertTrue(withShuffles >= 10, "random graphs with a shuffle unit: " + withShuffles);
        assertEquals(List.of(), GraphOracleCheck.check(new RandomDags.Dag(0, IN20, List.of(
                LayerSpec.conv("c", 0, Window.of(3, 1, 0)), LayerSpec.channels("a", 100, 4)),
                new java.util.LinkedHashSet<>())));
    }

    @Test
    void transposedConvolutionGivesPairsOfUnitsTheSameBox() {
        // k4 s2 p1: output v is reached by u with 0 <= v + 1 - 2u <= 3.
        // v=0: u=-1 (tap 3), u=0 (tap 1); v=1: u=0, 1; v=2: u=0, 1; v=3: u=1, 2.
        GraphOracle o = GraphOracle.run(new NetworkInput(1, 4, 4), List.of(LayerSpec.deconv("d", 1, 4, 2, 1)));
        assertEquals(8, o.size(0, Axis.Y));
        assertArrayEquals(box(-1, 0), f(o, 0, 0));
        assertArrayEquals(box(0, 1), f(o, 0, 1));
        assertArrayEquals(box(0, 1), f(o, 0, 2));
        assertArrayEquals(box(1, 2), f(o, 0, 3));
        assertArrayEquals(box(3, 4), f(o, 0, 7));
        assertArrayEquals(box(-1, 0), f(o, 0, -1));      // virtual: pairs (-1, 0), (1, 2), ...
        assertArrayEquals(box(-2, -1), f(o, 0, -2));
        // centre (v + p - (k-1)/2) / s = (v - 1/2) / 2
        assertEquals(Frac.of(-1, 4), o.centre(0, Axis.Y, 0));
        assertEquals(Frac.of(1, 4), o.centre(0, Axis.Y, 1));
    }

    @Test
    void phasesPropagateThroughALaterWindow() {
        // conv k3 p1 (unit t sees t-1..t+1), deconv k2 s2 (units 2t, 2t+1 copy t), conv k4 s2:
        // unit v reads deconv units 2v..2v+3 = conv units v, v, v+1, v+1: pixels v-1..v+2, 4 wide
        // (the recurrence would say 3 + 3 * 1/2).
        GraphOracle o = GraphOracle.run(new NetworkInput(1, 10, 10), List.of(
                LayerSpec.conv("c", 1, Window.of(3, 1, 1)),
                LayerSpec.deconv("d", 1, 2, 2, 0),
                LayerSpec.conv("e", 1, Window.of(4, 2, 0))));
        assertEquals(20, o.size(1, Axis.Y));
        assertEquals(9, o.size(2, Axis.Y));
        for (long v = -2; v < 12; v++) {
            assertArrayEquals(box(v - 1, v + 2), f(o, 2, v), "unit " + v);
        }
        // centres: e: 2v + 3/2 in d's units; d: (w - 1/2) / 2; c: identity. So v + 1/2.
        assertEquals(Frac.of(1, 2), o.centre(2, Axis.Y, 0));
        assertEquals(Frac.of(3, 2), o.centre(2, Axis.Y, 1));
    }

    @Test
    void bilinearReadsTheTwoNeighboursOrOneWhenOnAUnit() {
        // f=2: q = (2v - 1) / 4: v=0 -> -1/4, v=1 -> 1/4, v=2 -> 3/4, v=3 -> 5/4.
        GraphOracle two = GraphOracle.run(IN20, List.of(LayerSpec.upsample("u", 2, true)));
        assertEquals(40, two.size(0, Axis.X));
        assertArrayEquals(box(-1, 0), two.field(0, Axis.X, 0));
        assertArrayEquals(box(0, 1), two.field(0, Axis.X, 1));
        assertArrayEquals(box(0, 1), two.field(0, Axis.X, 2));
        assertArrayEquals(box(1, 2), two.field(0, Axis.X, 3));
        assertEquals(Frac.of(-1, 4), two.centre(0, Axis.X, 0));
        // f=3: q = (v - 1) / 3, whole at v = 1, 4, ...: one unit.
        GraphOracle three = GraphOracle.run(IN20, List.of(LayerSpec.upsample("u", 3, true)));
        assertArrayEquals(box(-1, 0), three.field(0, Axis.X, 0));
        assertArrayEquals(box(0, 0), three.field(0, Axis.X, 1));
        assertArrayEquals(box(0, 1), three.field(0, Axis.X, 2));
        assertArrayEquals(box(1, 1), three.field(0, Axis.X, 4));
        assertEquals(Frac.of(-1, 3), three.centre(0, Axis.X, 0));
        // nearest: v reads floor(v / 3); same centres.
        GraphOracle nearest = GraphOracle.run(IN20, List.of(LayerSpec.upsample("u", 3, false)));
        assertArrayEquals(box(0, 0), nearest.field(0, Axis.X, 2));
        assertArrayEquals(box(-1, -1), nearest.field(0, Axis.X, -1));
        assertEquals(Frac.of(-1, 3), nearest.centre(0, Axis.X, 0));
    }

    @Test
    void fcnCropFindsTheOffsetThatCentresOnTheInput() {
        // 20 -> conv k3 p5 (28, centre v - 4) -> pool 2 s2 (14, 2w + 1/2) -> deconv k4 s2 p1
        // (28, (x - 1/2) / 2): unit 0 of the deconv sits at -4, so the crop like the input starts at 4.
        GraphOracle o = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("c", 8, Window.of(3, 1, 5)),
                LayerSpec.maxPool("p", Window.of(2, 2, 0)),
                LayerSpec.deconv("d", 3, 4, 2, 1),
                LayerSpec.crop("x", 2, LayerSpec.NETWORK_INPUT),
                LayerSpec.merge("m", LayerKind.ADD, 3, LayerSpec.NETWORK_INPUT)));
        assertTrue(o.failure().isEmpty(), () -> o.failure().toString());
        assertEquals(28, o.size(2, Axis.Y));
        assertEquals(Frac.of(-4), o.centre(2, Axis.Y, 0));
        assertEquals(4, o.offset(3, Axis.Y));
        assertEquals(20, o.size(3, Axis.Y));
        assertEquals(Frac.ZERO, o.centre(3, Axis.Y, 0));
        assertEquals(Frac.of(1), o.centre(3, Axis.Y, 1));
        // crop unit 0 = deconv unit 4 = pool units 1, 2 (taps 3, 1) = conv units 2..5 = pixels -3..2
        // (not centred on 0: after upsampling a field need not be)
        assertArrayEquals(box(-3, 2), f(o, 3, 0));
        assertArrayEquals(box(-3, 2), f(o, 4, 0));      // union with the input's own pixel 0
        assertEquals(3, o.channels(4));
    }

    @Test
    void cropOfAnotherJumpOrOutOfRangeIsInvalid() {
        GraphOracle jumps = GraphOracle.run(IN20, List.of(
                LayerSpec.maxPool("p", Window.of(2, 2, 0)),
                LayerSpec.crop("x", 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(GraphOracle.FailureKind.CROP_JUMPS_DIFFER, jumps.failure().orElseThrow().kind());
        assertEquals(1, jumps.failure().orElseThrow().layer());
        assertEquals(1, jumps.computed());
        // a 3x3 valid conv (18, centre v + 1) cropped like the input would need offset -1
        GraphOracle range = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("c", 1, Window.of(3, 1, 0)),
                LayerSpec.crop("x", 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(GraphOracle.FailureKind.CROP_OUT_OF_RANGE, range.failure().orElseThrow().kind());
        // a 2x2 conv (centre v + 1/2) cannot be cropped onto whole input pixels
        GraphOracle half = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("c", 1, Window.of(2, 1, 3)),
                LayerSpec.crop("x", 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(GraphOracle.FailureKind.CROP_NOT_WHOLE, half.failure().orElseThrow().kind());
    }

    @Test
    void projectionShortcutsAlignAndResNetDDoesNot() {
        // conv 3 s2 p1: centre 2v; conv 1 s2: 2v. Aligned.
        GraphOracle resnet = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("a", 8, Window.of(3, 2, 1)),
                LayerSpec.conv("b", 8, Window.of(1, 2, 0)).from(LayerSpec.NETWORK_INPUT),
                LayerSpec.merge("m", LayerKind.ADD, 0, 1)));
        assertTrue(resnet.failure().isEmpty());
        // avg pool 2 s2: centre 2v + 1/2, half a pixel off.
        List<LayerSpec> d = List.of(
                LayerSpec.conv("a", 3, Window.of(3, 2, 1)),
                new LayerSpec("b", LayerKind.AVG_POOL, List.of(LayerSpec.NETWORK_INPUT), Window.of(2, 2, 0),
                        Window.of(2, 2, 0), OptionalLong.empty(), OptionalLong.empty(), 1, LayerSpec.Extras.NONE),
                LayerSpec.merge("m", LayerKind.ADD, 0, 1));
        GraphOracle resnetD = GraphOracle.run(IN20, d);
        assertEquals(GraphOracle.FailureKind.MISALIGNED, resnetD.failure().orElseThrow().kind());
        assertEquals(2, resnetD.failure().orElseThrow().layer());
        LayerSpec m = d.get(2);
        GraphOracle allowed = GraphOracle.run(IN20, List.of(d.get(0), d.get(1), new LayerSpec("m", m.kind(),
                m.inputs(), null, null, m.out(), m.in(), 1, m.extras().withAllowMisaligned(true))));
        assertTrue(allowed.failure().isEmpty());
        assertTrue(allowed.misalignedButAllowed(2));
        // the merge's unit 0 reads both: pixels -1..1 and 0..1
        assertArrayEquals(box(-1, 1), allowed.field(2, Axis.Y, 0));
        assertEquals(Frac.ZERO, allowed.centre(2, Axis.Y, 0));     // the first input's centre
    }

    @Test
    void mergesCheckSizesAndChannels() {
        GraphOracle sizes = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("a", 3, Window.of(3, 1, 0)),
                LayerSpec.merge("m", LayerKind.CONCAT, 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(GraphOracle.FailureKind.SIZE_MISMATCH, sizes.failure().orElseThrow().kind());
        GraphOracle channels = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("a", 4, Window.of(3, 1, 1)),
                LayerSpec.merge("m", LayerKind.ADD, 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(GraphOracle.FailureKind.CHANNELS_MISMATCH, channels.failure().orElseThrow().kind());
        GraphOracle concat = GraphOracle.run(IN20, List.of(
                LayerSpec.conv("a", 4, Window.of(3, 1, 1)),
                LayerSpec.merge("m", LayerKind.CONCAT, 0, LayerSpec.NETWORK_INPUT)));
        assertEquals(7, concat.channels(1));
    }

    @Test
    void globalPoolSeesTheWholeMapAndSlidesByIt() {
        GraphOracle o = GraphOracle.run(new NetworkInput(3, 6, 6), List.of(
                new LayerSpec("g", LayerKind.GLOBAL_AVG_POOL, List.of(), null, null, OptionalLong.empty(),
                        OptionalLong.empty(), 1, LayerSpec.Extras.NONE)));
        assertEquals(1, o.size(0, Axis.Y));
        assertArrayEquals(box(0, 5), f(o, 0, 0));
        assertArrayEquals(box(6, 11), f(o, 0, 1));
        assertEquals(Frac.of(5, 2), o.centre(0, Axis.Y, 0));
        assertEquals(Frac.of(17, 2), o.centre(0, Axis.Y, 1));
    }

    @Test
    void padShiftsAndAValidConvolutionTakesItBack() {
        GraphOracle o = GraphOracle.run(IN20, List.of(
                LayerSpec.pad("pad", 2, 1, 0, 0),
                LayerSpec.conv("c", 3, new Window(4, 1, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.FLOOR))));
        assertEquals(23, o.size(0, Axis.Y));
        assertArrayEquals(box(-2, -2), f(o, 0, 0));
        assertEquals(20, o.size(1, Axis.Y));
        assertArrayEquals(box(-2, 1), f(o, 1, 0));
        assertEquals(Frac.of(-1, 2), o.centre(1, Axis.Y, 0));      // (t - b) / 2 = 1/2 before pixel 0
    }

    /** On chains of windows both oracles slide the same windows: their fields must be the same. */
    @Test
    void agreesWithTheChainOracleOnChains() {
        for (long seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            int n = 8 + r.nextInt(60);
            List<LayerSpec> chain = new java.util.ArrayList<>();
            int size = n;
            for (int i = 0; i < 1 + r.nextInt(6); i++) {
                long k = 1 + r.nextInt(5);
                long s = 1 + r.nextInt(3);
                long d = 1 + r.nextInt(2);
                long ke = d * (k - 1) + 1;
                long pb = r.nextInt((int) ke);
                long pa = r.nextInt((int) ke);
                Window w = new Window(k, s, d, pb, pa, PaddingMode.EXPLICIT,
                        r.nextBoolean() ? Rounding.CEIL : Rounding.FLOOR);
                int out = AxisOracle.place(w, size).outputSize();
                if (out == 0) {
                    break;
                }
                size = out;
                chain.add(new LayerSpec("l" + i, r.nextBoolean() ? LayerKind.CONV : LayerKind.MAX_POOL, w, w,
                        OptionalLong.of(2), OptionalLong.empty(), 1));
            }
            GraphOracle g = GraphOracle.run(new NetworkInput(1, n, n), chain);
            AxisOracle.Result a = AxisOracle.run(n, chain, Axis.Y);
            assertEquals(chain.size(), g.computed());
            for (int i = 0; i < chain.size(); i++) {
                AxisOracle.LayerField lf = a.layers().get(i);
                assertEquals(lf.size(), g.size(i, Axis.Y));
                for (int u = 0; u <= lf.size(); u++) {
                    assertArrayEquals(box(lf.lo()[u], lf.hi()[u]), f(g, i, u), "seed " + seed + " layer " + i);
                }
                assertEquals(Frac.of(lf.centreTimesTwo(0), 2), g.centre(i, Axis.Y, 0), "seed " + seed);
                assertEquals(Frac.of(lf.jump()), g.centre(i, Axis.Y, 1).minus(g.centre(i, Axis.Y, 0)));
            }
        }
    }

    /**
     * The random graphs: reproducible, in the intended mix, and the oracle consistent with itself
     * on them: centres affine, fields moving forwards, and (where nothing upsamples and every merge
     * is aligned) every field centred on its unit's centre, which ties the composed centre maps to
     * the tap-by-tap fields.
     */
    @Test
    void randomGraphsAreMostlyValidAndTheOracleIsConsistentOnThem() {
        int valid = 0;
        int misalignedErrors = 0;
        int allowed = 0;
        int otherErrors = 0;
        int gated = 0;
        int normalised = 0;
        int gatedElsewhere = 0;
        int perAxis = 0;
        int asymmetric = 0;
        int corners = 0;
        int dilatedPools = 0;
        int dilatedDeconvs = 0;
        int fractional = 0;
        int nearestVariants = 0;
        int nearestOutside = 0;
        int shrinking = 0;
        int tfHalfPixel = 0;
        int cubics = 0;
        int cubicUnordered = 0;
        int pixelShuffles = 0;
        int pixelUnshuffles = 0;
        int unshuffleErrors = 0;
        for (long seed = 0; seed < GraphOracleCoreTest.DAGS; seed++) {
            RandomDags.Dag dag = RandomDags.generate(GraphOracleCoreTest.SEED + seed);
            assertEquals(dag, RandomDags.generate(GraphOracleCoreTest.SEED + seed), "reproducible");
            GraphOracle o = GraphOracle.run(dag.input(), dag.layers());
            if (o.failure().isEmpty()) {
                valid++;
                gated += dag.features().contains("gate") ? 1 : 0;
                normalised += dag.features().contains("instance-norm") ? 1 : 0;
                gatedElsewhere += dag.features().contains("gate-elsewhere") ? 1 : 0;
                if (dag.features().contains("misaligned-allowed")) {
                    allowed++;
                }
                if (dag.features().contains("per-axis-factor")) {
                    perAxis++;
                }
                if (dag.features().contains("asymmetric")) {
                    asymmetric++;
                }
                if (dag.features().contains("align-corners")) {
                    corners++;
                }
                if (dag.features().contains("dilated-pool")) {
                    dilatedPools++;
                }
                if (dag.features().contains("dilated-deconv")) {
                    dilatedDeconvs++;
                }
                if (dag.features().contains("fractional-factor")) {
                    fractional++;
                }
                if (dag.features().contains("nearest-variant")) {
                    nearestVariants++;
                }
                if (dag.features().contains("shrinking")) {
                    shrinking++;
                }
                if (dag.features().contains("tf-half-pixel")) {
                    tfHalfPixel++;
                }
                if (dag.features().contains("cubic")) {
                    cubics++;
                }
                pixelShuffles += dag.features().contains("pixel-shuffle") ? 1 : 0;
                pixelUnshuffles += dag.features().contains("pixel-unshuffle") ? 1 : 0;
            } else if (o.failure().get().kind() == GraphOracle.FailureKind.MISALIGNED) {
                misalignedErrors++;
            } else if (o.failure().get().kind() == GraphOracle.FailureKind.NEAREST_OUTSIDE) {
                nearestOutside++;       // deliberate: the graph ends at the refused nearest upsampling
            } else if (o.failure().get().kind() == GraphOracle.FailureKind.CUBIC_UNORDERED) {
                cubicUnordered++;       // deliberate too: the graph ends at the refused cubic upsampling
            } else if (o.failure().get().kind() == GraphOracle.FailureKind.UNSHUFFLE_BLOCKS) {
                unshuffleErrors++;      // deliberate: the graph ends at the unshuffle its input does not divide
            } else {
                otherErrors++;
            }
            boolean upsamples = dag.layers().stream().anyMatch(l -> l.kind() == LayerKind.DECONV
                    || l.kind() == LayerKind.UPSAMPLE || l.kind() == LayerKind.PIXEL_SHUFFLE);
            for (int i = 0; i < o.computed(); i++) {
                for (Axis axis : Axis.values()) {
                    long n = o.size(i, axis);
                    Frac c0 = o.centre(i, axis, 0);
                    Frac jump = o.centre(i, axis, 1).minus(c0);
                    assertTrue(jump.signum() > 0, dag::toJava);
                    long[] previous = null;
                    for (long u = -3; u <= n + 3; u++) {
                        assertEquals(c0.plus(jump.times(u)), o.centre(i, axis, u), dag::toJava);
                        long[] fu = o.field(i, axis, u);
                        if (previous != null) {
                            assertTrue(fu[0] >= previous[0] && fu[1] >= previous[1], dag::toJava);
                        }
                        previous = fu;
                        // A gate's or a normalisation's context widens fields beyond their centres.
                        if (!upsamples && !dag.features().contains("misaligned-allowed")
                                && !dag.features().contains("gate")) {
                            long unit = u;
                            assertEquals(Frac.of(fu[0] + fu[1], 2), o.centre(i, axis, u),
                                    () -> "unit " + unit + " field not centred\n" + dag.toJava());
                        }
                    }
                }
            }
        }
        int total = (int) GraphOracleCoreTest.DAGS;
        System.out.printf("random graphs: %d valid (%d with allowed misaligned merges), %d misaligned errors,"
                + " %d other errors; %d valid with a gate (%d pooled from another map), %d with an instance"
                + " normalisation%n", valid, allowed, misalignedErrors, otherErrors, gated, gatedElsewhere, normalised);
        assertTrue(gated >= total / 5 && gatedElsewhere >= total / 20 && normalised >= total / 20,
                "gates " + gated + ", pooled elsewhere " + gatedElsewhere + ", normalisations " + normalised);
        System.out.printf("random graphs: %d valid (%d with allowed misaligned merges, %d upsampling the axes by"
                + " different factors), %d misaligned errors, %d other errors%n", valid, allowed, perAxis,
                misalignedErrors, otherErrors);
        System.out.printf("random graphs: %d valid with asymmetric, %d with aligned-corner bilinear upsampling%n",
                asymmetric, corners);
        assertTrue(perAxis >= 20 || total < 600, "valid graphs with per-axis factors: " + perAxis);
        assertTrue(asymmetric >= 20 && corners >= 8 || total < 600, "asymmetric " + asymmetric + ", aligned corners "
                + corners);
        System.out.printf("random graphs: %d valid (%d with allowed misaligned merges, %d with dilated pooling, %d with"
                + " dilated transposed convolutions), %d misaligned errors, %d other errors%n", valid, allowed,
                dilatedPools, dilatedDeconvs, misalignedErrors, otherErrors);
        System.out.printf("random graphs: %d valid with nearest upsampling placed or rounded otherwise, %d ending"
                + " where a nearest unit rounds outside its input%n", nearestVariants, nearestOutside);
        assertTrue(nearestVariants >= total / 50 && nearestOutside >= total / 100, "nearest variants "
                + nearestVariants + ", outside " + nearestOutside);
        System.out.printf("random graphs: %d valid with fractional upsampling factors%n", fractional);
        assertTrue(fractional >= total / 50, "valid graphs with fractional factors: " + fractional);
        System.out.printf("random graphs: %d valid with shrinking (per above factor) bilinear resizes%n", shrinking);
        assertTrue(shrinking >= total / 100, "valid graphs with shrinking resizes: " + shrinking);
        System.out.printf("random graphs: %d valid with tf_half_pixel_for_nn coordinates%n", tfHalfPixel);
        assertTrue(tfHalfPixel >= total / 100, "valid graphs with tf_half_pixel_for_nn: " + tfHalfPixel);
        System.out.printf("random graphs: %d valid with cubic upsampling, %d ending where cubic fields step back%n",
                cubics, cubicUnordered);
        // (the refusal itself is pinned by CubicSamplingTest's sweep and GraphDiagnosticsTest)
        assertTrue(cubics >= total / 100, "valid graphs with cubic upsampling: " + cubics);
        System.out.printf("random graphs: %d valid with a pixel shuffle, %d with a pixel unshuffle, %d ending at an"
                + " unshuffle whose input is not whole blocks%n", pixelShuffles, pixelUnshuffles, unshuffleErrors);
        assertTrue(pixelShuffles >= total / 50 && pixelUnshuffles >= total / 50 && unshuffleErrors >= total / 200,
                "pixel shuffles " + pixelShuffles + ", unshuffles " + pixelUnshuffles + ", errors " + unshuffleErrors);
        assertTrue(dilatedPools >= total / 50, "valid graphs with dilated pooling: " + dilatedPools);
        assertTrue(dilatedDeconvs >= total / 50, "valid graphs with dilated transposed convolutions: " + dilatedDeconvs);
        assertTrue(valid >= 500 || total < 600, "valid graphs: " + valid);
        assertTrue(misalignedErrors + allowed >= total / 10, "deliberately misaligned: " + (misalignedErrors + allowed));
        assertFalse(otherErrors > total / 10, "unintended invalid graphs: " + otherErrors);
    }
}
