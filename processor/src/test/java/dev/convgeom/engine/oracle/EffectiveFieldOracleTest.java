package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.engine.CubicKernel;
import dev.convgeom.engine.EffectiveFields;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.EffectiveSpread;
import dev.convgeom.engine.EffectiveGrid;
import dev.convgeom.engine.EffectiveGrids;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The core's effective fields ({@link EffectiveFields}) against the brute-force backward pass
 * ({@link EffectiveFieldOracle}) on random graphs and chains, against the chain's closed form
 * {@code sigma^2 = sum of (d J)^2 (k^2 - 1) / 12}, and on profiles worked out by hand.
 * {@code -Deffectiveoracle.dags=N} runs more graphs.
 */
class EffectiveFieldOracleTest {

    static final long DAGS = Long.getLong("effectiveoracle.dags", 120);
    static final long SEED = Long.getLong("graphoracle.seed", 20_260_301L);

    @Test
    void coreAgreesWithBruteForceBackwardPassOnRandomGraphs() {
        int graphs = 0;
        long units = 0;
        long layersChecked = 0;
        List<String> failures = new ArrayList<>();
        for (long i = 0; i < DAGS && failures.size() < 3; i++) {
            Dag dag = RandomDags.generate(SEED + i);
            String problem = check(dag.input(), dag.layers(), new Random(dag.seed()));
            if (problem != null) {
                failures.add("seed " + dag.seed() + ": " + problem + "\n" + dag.toJava());
            }
            graphs++;
            layersChecked += lastChecked[0];
            units += lastChecked[1];
        }
        System.out.printf("effective field oracle: %d random graphs, %d layers, %d units compared on both axes%n",
                graphs, layersChecked, units);
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
        assertTrue(units > 1000, "too few units compared: " + units);
    }

    /**
     * The per-axis claim itself, on small graphs: the 2-D backward pass (merges in 2-D, windows as
     * products of row and column taps) has as marginals the per-axis backward passes.
     */
    @Test
    void twoDimensionalProfileHasThePerAxisProfilesAsMarginals() {
        int compared = 0;
        int gridsCompared = 0;
        for (long i = 0; compared < 10 && i < 2000; i++) {
            Dag dag = RandomDags.generate(SEED + 5000 + i);
            if (dag.input().height() > 40 || dag.input().width() > 40) {
                continue;
            }
            GraphOracle geometry = GraphOracle.run(dag.input(), dag.layers());
            EffectiveFieldOracle oracle = new EffectiveFieldOracle(geometry, dag.layers());
            int last = geometry.computed() - 1;
            if (last < 0) {
                continue;
            }
            long vy = geometry.size(last, Axis.Y) / 2;
            long vx = geometry.size(last, Axis.X) - 1;
            Map<List<Long>, Frac> profile = oracle.profile(last, vy, vx);
            assertEquals(oracle.profile(last, Axis.Y, vy), EffectiveFieldOracle.marginal(profile, Axis.Y),
                    dag.toJava());
            assertEquals(oracle.profile(last, Axis.X, vx), EffectiveFieldOracle.marginal(profile, Axis.X),
                    dag.toJava());
            // The core's 2-D profile (its grid, or the product of its axes where no merge lies upstream) is the brute force's.
            GeometryResult core = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            if (core.layers().size() > last) {
                List<LayerField> fields = EffectiveFields.of(core);
                EffectiveGrid grid = EffectiveGrids.separable(core)[last]
                        ? EffectiveGrid.separable(fields.get(last).y().profile(), fields.get(last).x().profile())
                        : EffectiveGrids.of(core, fields).get(last);
                assertEquals(normalised2d(profile), fromGrid(grid, vy, vx), dag.toJava());
                gridsCompared++;
            }
            compared++;
        }
        assertTrue(compared >= 5, "only " + compared + " small graphs");
        assertTrue(gridsCompared >= 5, "only " + gridsCompared + " 2-D profiles from grids");
    }

    @Test
    void coreAgreesWithBruteForceOnRandomChains() {
        Random r = new Random(77);
        for (int c = 0; c < 80; c++) {
            List<LayerSpec> chain = randomChain(r);
            String problem = check(new NetworkInput(1, 300, 300), chain, r);
            if (problem != null) {
                fail(problem + "\n" + chain);
            }
        }
    }

    /** The closed form holds for chains of windows without upsampling: independent uniform sums. */
    @Test
    void chainVarianceIsTheClosedFormSum() {
        Random r = new Random(2016);
        for (int c = 0; c < 400; c++) {
            List<LayerSpec> chain = randomChain(r);
            GeometryResult g = GeometryCalculator.compute(new NetworkInput(1, 300, 300), chain, false);
            List<LayerField> fields = EffectiveFields.of(g);
            Frac expected = Frac.ZERO;
            long jump = 1;
            for (int i = 0; i < g.layers().size(); i++) {
                Window w = chain.get(i).y();
                long step = w.dilation() * jump;
                expected = expected.plus(Frac.of(step * step * (w.kernel() * w.kernel() - 1), 12));
                jump *= w.stride();
                BigInteger[] v = fields.get(i).y().profile().spread(0).exactVariance();
                assertEquals(expected, new Frac(v[0], v[1]), "layer " + i + " of " + chain);
                assertEquals(Math.sqrt(expected.num().doubleValue() / expected.den().doubleValue()),
                        fields.get(i).y().sigma(), 1e-12);
            }
        }
    }

    @Test
    void twoThreeTapConvolutionsMakeATriangle() {
        GeometryResult g = GeometryCalculator.compute(new NetworkInput(1, 10, 10),
                List.of(LayerSpec.conv("a", 1, Window.of(3, 1, 1)), LayerSpec.conv("b", 1, Window.of(3, 1, 1))), false);
        EffectiveProfile p = EffectiveFields.of(g).get(1).y().profile();
        // weights 1 2 3 2 1 over 9 at -2 .. 2; F = 1/9 3/9 6/9 8/9 1
        assertEquals(-2, p.start(0));
        assertEquals(List.of(1L, 2L, 3L, 2L, 1L), longs(p.weights(0)));
        EffectiveSpread s = p.spread(0);
        assertEquals(List.of(4L, 3L), longs(s.exactVariance()));        // 2 * (9 - 1) / 12
        assertEquals(List.of(-1L, 1L), longs(s.extent(50)));             // F > 1/4 at -1, F >= 3/4 at 1
        assertEquals(List.of(-2L, 2L), longs(s.extent(90)));             // F > 1/20 at -2, F >= 19/20 at 2
        assertEquals(3, EffectiveFields.of(g).get(1).x().extent50());
    }

    @Test
    void transposedConvolutionAveragesWhatReachesAUnit() {
        // conv k3 p1 (thirds), then deconv k3 s2 p1: v even reaches u = v/2 only, v odd (v-1)/2 and (v+1)/2.
        GeometryResult g = GeometryCalculator.compute(new NetworkInput(1, 10, 10),
                List.of(LayerSpec.conv("a", 1, Window.of(3, 1, 1)), LayerSpec.deconv("d", 1, 3, 2, 1)), false);
        EffectiveProfile p = EffectiveFields.of(g).get(1).y().profile();
        assertEquals(2, p.period());
        assertEquals(-1, p.start(0));
        assertEquals(BigInteger.valueOf(6), p.denominator());
        assertEquals(List.of(2L, 2L, 2L), longs(p.weights(0)));          // copy of conv unit 0: thirds
        assertEquals(-1, p.start(1));
        assertEquals(List.of(1L, 2L, 2L, 1L), longs(p.weights(1)));      // mean of conv units 0 and 1
    }

    @Test
    void nearestUpsamplingCopiesTheUnitItsPositionRoundsTo() {
        // 7 units to floor(7 * 5/2) = 17 with aligned corners: v at 6v/16 = 3v/8, rounded halves
        // down: 0, 0, 1, 1, 1 (3/2 exactly), 2, 2, 3, then moved by 3 every 8 units.
        LayerSpec up = LayerSpec.upsample("u", 5, false);
        up = new LayerSpec("u", up.kind(), up.inputs(), null, null, up.out(), up.in(), 1, up.extras().withPers(2, 2)
                .withCoordinates(Coordinates.ALIGN_CORNERS));
        EffectiveProfile p = EffectiveFields.of(GeometryCalculator.compute(new NetworkInput(1, 7, 7), List.of(up),
                false)).get(0).y().profile();
        assertEquals(8, p.period());
        long[] copied = {0, 0, 1, 1, 1, 2, 2, 3};
        for (int v = 0; v < 8; v++) {
            assertEquals(copied[v], p.start(v), "unit " + v);
            assertEquals(List.of(p.denominator().longValueExact()), longs(p.weights(v)), "unit " + v);
        }
    }

    @Test
    void anUnshuffleWeighsItsBlockEquallyAndAShuffleCopiesAUnit() {
        // Unshuffle by 3: unit u reads pixels 3u .. 3u + 2, each 1/3 per axis (1/9 in 2-D).
        GeometryResult g = GeometryCalculator.compute(new NetworkInput(2, 9, 12),
                List.of(LayerSpec.pixelUnshuffle("down", 3), LayerSpec.pixelShuffle("up", 3)), false);
        EffectiveProfile down = EffectiveFields.of(g).get(0).x().profile();
        assertEquals(6, down.start(2));
        long d = down.denominator().longValueExact();
        assertEquals(List.of(d / 3, d / 3, d / 3), longs(down.weights(2)));
        // Shuffle back by 3: unit v copies unshuffled unit floor(v / 3), so v = 7 reads pixels 6 .. 8 equally.
        EffectiveProfile up = EffectiveFields.of(g).get(1).x().profile();
        long e = up.denominator().longValueExact();
        for (long v : new long[] {0, 1, 2, 6, 7, 8}) {
            assertEquals(v / 3 * 3, up.start(v));
            assertEquals(List.of(e / 3, e / 3, e / 3), longs(up.weights(v)));
        }
    }

    @Test
    void bilinearUpsamplingWeighsItsNeighbours() {
        // f = 2: v = 0 sits at q = -1/4: unit -1 weighs 1/4, unit 0 weighs 3/4; v = 1 at q = 1/4.
        GeometryResult g = GeometryCalculator.compute(new NetworkInput(1, 10, 10),
                List.of(LayerSpec.upsample("u", 2, true)), false);
        EffectiveProfile p = EffectiveFields.of(g).get(0).y().profile();
        assertEquals(-1, p.start(0));
        assertEquals(List.of(1L, 3L), longs(p.weights(0)));
        assertEquals(0, p.start(1));
        assertEquals(List.of(3L, 1L), longs(p.weights(1)));
        // f = 3: v = 1 sits on unit 0 exactly, which it copies.
        GeometryResult three = GeometryCalculator.compute(new NetworkInput(1, 10, 10),
                List.of(LayerSpec.upsample("u", 3, true)), false);
        EffectiveProfile q = EffectiveFields.of(three).get(0).y().profile();
        assertEquals(0, q.start(1));
        assertEquals(List.of(q.denominator().longValueExact()), longs(q.weights(1)));
        // 5/3: v sits at (v + 1/2) * 3/5 - 1/2 = (3v - 1) / 5: v = 0 at -1/5 (unit -1 weighs 1/5,
        // unit 0 4/5), v = 1 at 2/5, v = 2 on unit 1 exactly; period 5.
        LayerSpec up = LayerSpec.upsample("u", 5, true);
        up = new LayerSpec("u", up.kind(), up.inputs(), null, null, up.out(), up.in(), 1, up.extras().withPers(3, 3));
        EffectiveProfile r = EffectiveFields.of(GeometryCalculator.compute(new NetworkInput(1, 9, 9), List.of(up),
                false)).get(0).y().profile();
        long d = r.denominator().longValueExact();
        assertEquals(5, r.period());
        assertEquals(-1, r.start(0));
        assertEquals(List.of(d / 5, 4 * d / 5), longs(r.weights(0)));
        assertEquals(0, r.start(1));
        assertEquals(List.of(3 * d / 5, 2 * d / 5), longs(r.weights(1)));
        assertEquals(1, r.start(2));
        assertEquals(List.of(d), longs(r.weights(2)));
    }

    /**
     * Shrinking bilinear resizes in every coordinate mode (aligned corners down to one unit), and
     * fractional aligned corners, whose sampling needs the input's size: both against the oracle's
     * backward pass, after a strided convolution.
     */
    @Test
    void shrinkingAndFractionalAlignedCornersAgreeWithTheBruteForce() {
        List<LayerSpec> layers = List.of(
                LayerSpec.conv("c", 2, Window.of(3, 2, 1)),
                bilinear(2, 3, 3, 5, Coordinates.HALF_PIXEL).from(0),
                bilinear(2, 5, 1, 2, Coordinates.ALIGN_CORNERS).from(0),
                bilinear(3, 7, 1, 3, Coordinates.ASYMMETRIC).from(0),
                bilinear(3, 2, 5, 4, Coordinates.ALIGN_CORNERS).from(0),
                bilinear(1, 16, 1, 16, Coordinates.ALIGN_CORNERS).from(0),
                bilinear(1, 2, 1, 2, Coordinates.HALF_PIXEL).from(1),
                LayerSpec.conv("after", 2, Window.of(3, 1, 1)).from(6));
        String problem = check(new NetworkInput(1, 33, 31), layers, new Random(7));
        assertEquals(null, problem);
        assertEquals(layers.size(), lastChecked[0]);
    }

    /**
     * Crop and resize (ONNX {@code tf_crop_and_resize}) of regions of a strided map, nearest,
     * bilinear and cubic, enlarging, shrinking and to one unit, a window after them: the
     * effective weights against the oracle's backward pass.
     */
    @Test
    void cropAndResizeAgreesWithTheBruteForce() {
        List<LayerSpec> layers = List.of(
                LayerSpec.conv("c", 2, Window.of(3, 2, 1)),
                CropAndResizeOracleTest.crop(2, 1, true, NearestRounding.ROUND_PREFER_FLOOR, null,
                        CropRegion.of(0.25, 0.75, 0.125, 1)).from(0),
                CropAndResizeOracleTest.crop(3, 2, false, NearestRounding.ROUND_PREFER_CEIL, null,
                        CropRegion.of(0, 0.5, 0.5, 1)).from(0),
                CropAndResizeOracleTest.crop(2, 1, false, NearestRounding.ROUND_PREFER_FLOOR, CubicKernel.of(0, false),
                        CropRegion.of(0.375, 1, 0, 0.625)).from(0),
                CropAndResizeOracleTest.crop(1, 3, true, NearestRounding.ROUND_PREFER_FLOOR, null,
                        CropRegion.of(0.5, 1, 0.25, 0.75)).from(0),
                CropAndResizeOracleTest.crop(1, 16, true, NearestRounding.ROUND_PREFER_FLOOR, null,
                        CropRegion.of(0.25, 0.5, 0, 1)).from(0),
                LayerSpec.conv("after", 2, Window.of(3, 1, 1)).from(1));
        String problem = check(new NetworkInput(1, 33, 31), layers, new Random(11));
        assertEquals(null, problem);
        assertEquals(layers.size(), lastChecked[0]);
    }

    private static LayerSpec bilinear(long fx, long px, long fy, long py, Coordinates coordinates) {
        LayerSpec up = LayerSpec.upsample("u", fx, fy, true);
        return new LayerSpec("u", up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                up.extras().withPers(px, py).withCoordinates(coordinates));
    }

    /**
     * Two of the documented weighting choices, side by side with their alternatives: max pooling
     * weighs like average pooling, and a concat like an add (each input map weighs 1, whatever its
     * channel count), in 2-D too.
     */
    @Test
    void maxPoolingWeighsLikeAveragePoolingAndConcatLikeAdd() {
        Window w = new Window(3, 2, 1, 1, 1, PaddingMode.EXPLICIT, Rounding.FLOOR);
        NetworkInput in = new NetworkInput(3, 16, 16);
        GeometryResult max = GeometryCalculator.compute(in, List.of(LayerSpec.maxPool("p", w)), false);
        GeometryResult avg = GeometryCalculator.compute(in, List.of(
                new LayerSpec("p", LayerKind.AVG_POOL, w, w, OptionalLong.empty(), OptionalLong.empty(), 1)), false);
        assertEquals(EffectiveFields.of(avg).get(0).y().profile(), EffectiveFields.of(max).get(0).y().profile());
        List<EffectiveProfile> byKind = new ArrayList<>();
        List<EffectiveGrid> grids = new ArrayList<>();
        for (LayerKind kind : List.of(LayerKind.ADD, LayerKind.CONCAT)) {
            GeometryResult g = GeometryCalculator.compute(in, List.of(
                    LayerSpec.conv("c", kind == LayerKind.CONCAT ? 64 : 3, Window.of(3, 1, 1)),
                    LayerSpec.merge("m", kind, LayerSpec.NETWORK_INPUT, 0)), false);
            List<LayerField> fields = EffectiveFields.of(g);
            byKind.add(fields.get(1).x().profile());
            grids.add(EffectiveGrids.of(g, fields).get(1));
        }
        assertEquals(byKind.get(0), byKind.get(1));
        assertEquals(fromGrid(grids.get(0), 5, 7), fromGrid(grids.get(1), 5, 7));
        // Identity plus a 3-tap mean: (1, 4, 1) / 6 along each axis.
        assertEquals(List.of(1L, 4L, 1L), longs(byKind.get(0).weights(0)));
    }

    private static Map<List<Long>, Frac> normalised2d(Map<List<Long>, Frac> profile) {
        Frac total = Frac.ZERO;
        for (Frac w : profile.values()) {
            total = total.plus(w);
        }
        Map<List<Long>, Frac> out = new java.util.HashMap<>();
        for (Map.Entry<List<Long>, Frac> e : profile.entrySet()) {
            out.put(e.getKey(), e.getValue().dividedBy(total));
        }
        return out;
    }

    private static Map<List<Long>, Frac> fromGrid(EffectiveGrid grid, long vy, long vx) {
        EffectiveGrid.Phase p = grid.unit(vy, vx);
        BigInteger total = BigInteger.ZERO;
        for (BigInteger w : p.weights()) {
            total = total.add(w);
        }
        Map<List<Long>, Frac> out = new java.util.HashMap<>();
        for (int j = 0; j < p.height(); j++) {
            for (int i = 0; i < p.width(); i++) {
                BigInteger w = p.weights()[j * p.width() + i];
                if (w.signum() != 0) {
                    out.put(List.of(p.top() + j, p.left() + i), new Frac(w, total));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------

    /** Layers and units compared by the last {@link #check}. */
    private final long[] lastChecked = new long[2];

    /** Null when core and oracle agree on every layer both compute; else the first difference. */
    private String check(NetworkInput input, List<LayerSpec> layers, Random r) {
        lastChecked[0] = 0;
        lastChecked[1] = 0;
        GraphOracle geometry = GraphOracle.run(input, layers);
        GeometryResult core = GeometryCalculator.compute(input, layers, false);
        int computed = Math.min(geometry.computed(), core.layers().size());
        if (core.hasErrors()) {
            computed = Math.min(computed, core.problems().stream()
                    .filter(p -> p.severity() == dev.convgeom.engine.Severity.ERROR)
                    .mapToInt(p -> p.layer()).min().orElse(computed));
        }
        List<LayerField> fields = EffectiveFields.of(new GeometryResult(input, core.layers().subList(0, computed),
                List.of(), java.util.Optional.empty()));
        EffectiveFieldOracle oracle = new EffectiveFieldOracle(geometry, layers);
        for (int i = 0; i < computed; i++) {
            LayerField f = fields.get(i);
            if (f == null) {
                // Past EffectiveFields' documented limits (a gate's whole-map field times an
                // aligned-corner upsampling's long period, say): not computed, nothing to compare.
                continue;
            }
            lastChecked[0]++;
            long ny = geometry.size(i, Axis.Y);
            long nx = geometry.size(i, Axis.X);
            List<long[]> picks = new ArrayList<>();
            picks.add(new long[] {0, 0});
            picks.add(new long[] {ny - 1, nx});                     // the last row, a virtual column
            picks.add(new long[] {-1, 1});
            for (int k = 0; k < 2; k++) {
                picks.add(new long[] {r.nextInt((int) ny + f.y().profile().period()) - 1,
                        r.nextInt((int) nx + f.x().profile().period()) - 1});
            }
            for (long[] unit : picks) {
                lastChecked[1]++;
                for (Axis axis : Axis.values()) {
                    long u = unit[axis.ordinal()];
                    String where = "layer " + i + " '" + layers.get(i).name() + "' " + axis + " unit " + u + ": ";
                    String problem = compare(oracle.profile(i, axis, u), f.axis(axis).profile(), u);
                    if (problem != null) {
                        return where + problem;
                    }
                }
            }
        }
        return null;
    }

    /** Compares the oracle's marginal with the core's profile of unit {@code u}, normalised, and their statistics. */
    private static String compare(TreeMap<Long, Frac> marginal, EffectiveProfile core, long u) {
        Frac total = Frac.ZERO;
        for (Frac w : marginal.values()) {
            total = total.plus(w);
        }
        BigInteger[] weights = core.weights(u);
        BigInteger coreTotal = BigInteger.ZERO;
        for (BigInteger w : weights) {
            coreTotal = coreTotal.add(w);
        }
        long start = core.start(u);
        if (marginal.firstKey() != start || marginal.lastKey() != start + weights.length - 1) {
            return "oracle support " + marginal.firstKey() + ".." + marginal.lastKey() + ", core " + start + ".."
                    + (start + weights.length - 1);
        }
        for (int i = 0; i < weights.length; i++) {
            Frac o = marginal.getOrDefault(start + i, Frac.ZERO).dividedBy(total);
            Frac c = new Frac(weights[i], coreTotal);
            if (!o.equals(c)) {
                return "at " + (start + i) + " oracle weight " + o + ", core " + c;
            }
        }
        // Statistics, the oracle's way: mean and variance as sums of fractions, extents by their definition.
        Frac mean = Frac.ZERO;
        for (Map.Entry<Long, Frac> e : marginal.entrySet()) {
            mean = mean.plus(e.getValue().dividedBy(total).times(e.getKey()));
        }
        Frac variance = Frac.ZERO;
        for (Map.Entry<Long, Frac> e : marginal.entrySet()) {
            Frac d = Frac.of(e.getKey()).minus(mean);
            variance = variance.plus(e.getValue().dividedBy(total).times(d).times(d));
        }
        EffectiveSpread spread = EffectiveSpread.class.cast(spreadOf(core, u));
        BigInteger[] v = spread.exactVariance();
        if (!variance.equals(new Frac(v[0], v[1]))) {
            return "variance oracle " + variance + ", core " + v[0] + "/" + v[1];
        }
        for (int percent : new int[] {50, 90}) {
            long[] expected = extent(marginal, total, percent);
            long[] got = spread.extent(percent);
            if (expected[0] != got[0] || expected[1] != got[1]) {
                return percent + "% extent oracle " + expected[0] + ".." + expected[1] + ", core " + got[0] + ".."
                        + got[1];
            }
        }
        return null;
    }

    private static EffectiveSpread spreadOf(EffectiveProfile core, long u) {
        int phase = (int) Math.floorMod(u, (long) core.period());
        EffectiveSpread s = core.spread(phase);
        long move = core.start(u) - core.start(phase);
        // The statistics of unit u are those of its phase moved by whole pixels; the extents move alike.
        return new EffectiveSpread(s.start() + move, s.total(),
                s.sum().add(s.total().multiply(BigInteger.valueOf(move))),
                s.sumSquare().add(s.sum().multiply(BigInteger.valueOf(2 * move)))
                        .add(s.total().multiply(BigInteger.valueOf(move * move))),
                s.weights());
    }

    /**
     * The central extent by its definition read the other way: the last pixel whose left tail
     * (the weight strictly before it) is at most {@code (1 - p) / 2}, and the first pixel whose
     * right tail (the weight strictly after it) is at most {@code (1 - p) / 2}.
     */
    private static long[] extent(TreeMap<Long, Frac> marginal, Frac total, int percent) {
        Frac tail = Frac.of(100 - percent, 200);
        long first = Long.MIN_VALUE;
        long last = Long.MAX_VALUE;
        Frac before = Frac.ZERO;
        for (Map.Entry<Long, Frac> e : marginal.entrySet()) {
            if (before.compareTo(tail) <= 0) {
                first = e.getKey();
            }
            before = before.plus(e.getValue().dividedBy(total));
        }
        Frac after = Frac.ZERO;
        for (Map.Entry<Long, Frac> e : marginal.descendingMap().entrySet()) {
            if (after.compareTo(tail) <= 0) {
                last = e.getKey();
            }
            after = after.plus(e.getValue().dividedBy(total));
        }
        return new long[] {first, last};
    }

    private static List<LayerSpec> randomChain(Random r) {
        List<LayerSpec> chain = new ArrayList<>();
        int depth = 1 + r.nextInt(7);
        for (int i = 0; i < depth; i++) {
            long k = 1 + r.nextInt(5);
            long s = 1 + r.nextInt(i < 3 ? 3 : 2);
            long d = r.nextInt(4) == 0 ? 2 : 1;
            long p = r.nextInt((int) k);
            Rounding rounding = r.nextBoolean() ? Rounding.CEIL : Rounding.FLOOR;
            Window w = new Window(k, s, d, p, p + r.nextInt(2), PaddingMode.EXPLICIT, rounding);
            chain.add(r.nextBoolean()
                    ? new LayerSpec("c" + i, LayerKind.CONV, w, w, OptionalLong.empty(), OptionalLong.empty(), 1)
                    : new LayerSpec("p" + i, LayerKind.AVG_POOL, w, w, OptionalLong.empty(), OptionalLong.empty(), 1));
        }
        return chain;
    }

    private static List<Long> longs(BigInteger[] values) {
        List<Long> out = new ArrayList<>();
        for (BigInteger v : values) {
            out.add(v.longValueExact());
        }
        return out;
    }

    private static List<Long> longs(long[] values) {
        List<Long> out = new ArrayList<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }
}
