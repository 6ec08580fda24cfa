package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Ratio;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.engine.CubicKernel;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Sampling;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Coordinates#CROP_AND_RESIZE} (ONNX {@code tf_crop_and_resize}) against the oracles, whose
 * positions come from the ONNX formula written out in {@link GraphOracle#cropPosition}: the
 * engine's {@link Sampling} unit by unit (real and virtual units, every mode and rounding), and
 * random chains through {@link GraphOracleCheck} (sizes, jumps, centres, every field, errors) and
 * the unread-pixel oracle.
 */
class CropAndResizeOracleTest {

    /**
     * Regions {start, end}: the whole map, quarters and sixteenths, and float32 values (0.1f, 0.4f,
     * 0.6f, 0.9f: exact dyadic fractions with denominators up to 2^27).
     */
    private static final double[][] REGIONS = {{0, 1}, {0.25, 0.75}, {0.0625, 0.9375}, {0.5, 1}, {0, 0.3125},
        {0.1f, 0.9f}, {0.4f, 0.6f}, {0.1f, 0.6f}};

    static LayerSpec crop(long factor, long per, boolean linear, NearestRounding rounding, CubicKernel cubic,
                          CropRegion region) {
        return new LayerSpec("u", LayerKind.UPSAMPLE, List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, LayerSpec.Extras.NONE.withFactors(factor, factor, linear && cubic == null)
                .withPers(per, per).withCoordinates(Coordinates.CROP_AND_RESIZE).withRounding(rounding)
                .withCubic(cubic).withCrop(region));
    }

    /**
     * Every real unit and three virtual ones either side reads what the ONNX position says: the
     * unit it rounds to (nearest), floor and ceil (linear), the cubic kernel's taps of nonzero
     * weight; the engine's position is the formula's; and the size fits exactly where one unit is
     * not stretched over several and (cubic) the fields never step back over a period (a period
     * beyond 1,024 units is left to the walk, which refuses it as too large).
     */
    @Test
    void samplingReadsWhatTheOnnxPositionSays() {
        long compared = 0;
        long refusedStepBack = 0;
        List<CubicKernel> kernels = new ArrayList<>();
        kernels.add(null);
        kernels.add(CubicKernel.PYTORCH);
        kernels.add(CubicKernel.of(0, false));
        for (double[] bounds : REGIONS) {
            {
                CropRegion region = CropRegion.of(bounds[0], bounds[1], 0, 1);
                for (CubicKernel cubic : kernels) {
                    for (int mode = 0; mode < (cubic == null ? 5 : 1); mode++) {
                        boolean linear = cubic == null && mode == 4;
                        NearestRounding rounding = NearestRounding.values()[mode % 4];
                        for (long f = 1; f <= 3; f++) {
                            for (long p = 1; p <= 3; p++) {
                                LayerSpec layer = crop(f, p, linear, rounding, cubic, region);
                                for (long n = 1; n <= 9; n++) {
                                    long out = Sampling.size(layer, Axis.X, n);
                                    if (out < 1) {
                                        continue;
                                    }
                                    String where = region + " " + (cubic != null ? "cubic " + cubic.coefficient()
                                            : linear ? "linear" : rounding) + " " + f + "/" + p + " n " + n;
                                    if (n == 1 && out > 1) {
                                        assertTrue(!Sampling.fits(layer, Axis.X, n), where);
                                        continue;
                                    }
                                    Sampling s = Sampling.of(layer, Axis.X, n);
                                    boolean ordered = true;
                                    long[] previous = null;
                                    // A period beyond the 1,024 units a field pattern keeps is refused as
                                    // too large instead; below it, the units read are followed over one.
                                    boolean kept = s.period() <= 1024;
                                    for (long v = -3; v < out + 3 + (kept ? s.period() : 0); v++) {
                                        Frac q = GraphOracle.sourcePosition(layer, Axis.X, n, Frac.of(v));
                                        long[] box = reads(layer, q);
                                        String at = where + " v " + v;
                                        assertEquals(q, Frac.of(s.position(v).numerator(), s.position(v).denominator()), at);
                                        assertEquals(box[0], s.first(v), at);
                                        assertEquals(box[1], s.last(v), at);
                                        if (v >= 0 && v < out) {
                                            // A region within [0, 1] places every real unit on the map.
                                            assertTrue(q.signum() >= 0 && q.compareTo(Frac.of(n - 1)) <= 0, at);
                                        }
                                        if (previous != null && (box[0] < previous[0] || box[1] < previous[1])) {
                                            ordered = false;
                                        }
                                        previous = box;
                                        compared++;
                                    }
                                    assertEquals(ordered || !kept, Sampling.fits(layer, Axis.X, n), where);
                                    refusedStepBack += ordered ? 0 : 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("crop and resize sampling: %d units compared, %d sizes refused (cubic fields step back)%n",
                compared, refusedStepBack);
        assertTrue(compared > 40_000, "units compared: " + compared);
    }

    /** The first and last unit read at position {@code q}, by the mode's definition. */
    private static long[] reads(LayerSpec layer, Frac q) {
        if (layer.extras().cubic() != null) {
            List<CubicOracle.Weighted> taps = CubicOracle.taps(q, CubicOracle.coefficient(layer));
            return new long[] {taps.get(0).unit(), taps.get(taps.size() - 1).unit()};
        }
        if (layer.extras().bilinear()) {
            long below = GraphOracle.floor(q);
            return new long[] {below, q.isWhole() ? below : below + 1};
        }
        long unit = GraphOracle.nearestUnit(layer, q);
        return new long[] {unit, unit};
    }

    /**
     * Random chains: a strided convolution, a crop and resize of a random region (both axes
     * differing) in a random mode and factor, a window after it, sometimes a second crop and
     * resize; the core agrees with the graph oracle on each, fields and errors alike, and with the
     * unread-pixel oracle on the valid ones.
     */
    @Test
    void randomChainsAgreeWithTheGraphOracle() {
        Random random = new Random(20261207);
        int valid = 0;
        int refused = 0;
        int tooLong = 0;
        for (int seed = 0; seed < 300; seed++) {
            NetworkInput input = new NetworkInput(2, 3 + random.nextInt(16), 3 + random.nextInt(16));
            List<LayerSpec> layers = new ArrayList<>();
            layers.add(LayerSpec.conv("c", 2, Window.of(3, 1 + random.nextInt(2), 1)));
            layers.add(randomCrop(random).from(0));
            layers.add(LayerSpec.conv("after", 2, Window.of(3, 1 + random.nextInt(2), random.nextInt(2))).from(1));
            if (random.nextBoolean()) {
                layers.add(randomCrop(random).from(2));
            }
            RandomDags.Dag dag = new RandomDags.Dag(seed, input, layers, Set.of("crop-and-resize"));
            if (dev.convgeom.engine.GeometryCalculator.compute(input, layers, false).problems().stream()
                    .anyMatch(p -> p.message() == dev.convgeom.engine.GeometryMessage.NUMBER_TOO_LARGE)) {
                tooLong++;
                continue;
            }
            List<GraphOracleCheck.Mismatch> mismatches = GraphOracleCheck.check(dag);
            assertEquals(List.of(), mismatches, "seed " + seed + ": " + layers);
            if (GraphOracle.run(input, layers).failure().isEmpty()) {
                valid++;
                UnreadOracleTest.compare(input, layers, "crop and resize chain " + seed);
            } else {
                refused++;
            }
        }
        System.out.printf("crop and resize chains: %d valid, %d refused alike by core and oracle, %d with a period"
                + " beyond 1024%n", valid, refused, tooLong);
        assertTrue(valid >= 150, "valid chains: " + valid);
        assertTrue(tooLong <= 30, "chains with too long a period: " + tooLong);
    }

    private static LayerSpec randomCrop(Random random) {
        // Eighths: float32 bounds such as 0.6f repeat only every millions of units, past what a
        // field pattern keeps (the core then refuses with number-too-large, the oracle knows no limit).
        double[] bounds = {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1};
        double[] xs = pair(random, bounds);
        double[] ys = pair(random, bounds);
        long factor = 1 + random.nextInt(3);
        long per = 1 + random.nextInt(2);
        int mode = random.nextInt(6);
        CubicKernel cubic = mode == 5 ? CubicKernel.of(random.nextBoolean() ? 0 : -0.75, random.nextBoolean()) : null;
        LayerSpec layer = crop(factor, per, mode == 4, NearestRounding.values()[mode % 4], cubic,
                CropRegion.of(xs[0], xs[1], ys[0], ys[1]));
        return new LayerSpec("up", layer.kind(), layer.inputs(), null, null, layer.out(), layer.in(), 1,
                layer.extras().withFactors(factor, 1 + random.nextInt(3), layer.extras().bilinear()));
    }

    private static double[] pair(Random random, double[] bounds) {
        while (true) {
            double a = bounds[random.nextInt(bounds.length)];
            double b = bounds[random.nextInt(bounds.length)];
            if (a < b) {
                return new double[] {a, b};
            }
        }
    }

    /** The region's bounds are the doubles' exact values. */
    @Test
    void boundsAreExact() {
        assertEquals(Ratio.of(13421773, 134217728), CropRegion.exact(0.1f));
        assertEquals(Ratio.of(1, 4), CropRegion.exact(0.25));
        assertTrue(!CropRegion.accepts(0.1));
        assertTrue(!CropRegion.accepts(-0.0625) && !CropRegion.accepts(1.0625) && !CropRegion.accepts(Double.NaN));
        assertEquals("0.100000001490116119384765625", CropRegion.decimal(CropRegion.exact(0.1f)));
    }
}
