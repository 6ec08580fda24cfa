package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.engine.Severity;
import dev.convgeom.engine.Chains.Chain;
import dev.convgeom.engine.oracle.AxisOracle.LayerField;
import dev.convgeom.engine.oracle.AxisOracle;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The geometry core against the brute-force {@link AxisOracle}, over random chains (see
 * {@link Chains}): every layer, both axes, every number the core computes, and the runtime
 * {@link AxisGeometry} / {@link LayerGeometry} that generated code builds from those numbers.
 * Tries: jqwik's default, {@code -Djqwik.tries=N} (1000 in CI).
 */
class GeometryOracleTest {

    @Provide
    Arbitrary<Chain> fittingChains() {
        return Chains.fittingChains();
    }

    @Provide
    Arbitrary<Chain> anyChains() {
        return Chains.anyChains();
    }

    /** Chains where every layer fits: all of it is computed, and every number is the oracle's. */
    @Property(edgeCases = EdgeCasesMode.NONE)
    void coreAndRuntimeAgreeWithOracle(@ForAll("fittingChains") Chain chain, @ForAll boolean strict) {
        GeometryResult result = GeometryCalculator.compute(chain.input(), chain.layers(), strict);
        AxisOracle.Result y = AxisOracle.run(chain.inputSize(Axis.Y), chain.layers(), Axis.Y);
        AxisOracle.Result x = AxisOracle.run(chain.inputSize(Axis.X), chain.layers(), Axis.X);
        assertEquals(-1, y.failedAt(), "the chain was fitted");
        assertEquals(-1, x.failedAt(), "the chain was fitted");

        result.problems().forEach(Problem::text);   // every message formats
        assertEquals(chain.layers().size(), result.layers().size(), () -> "layers computed; " + result.problems());
        assertCoreMatches(chain, result, y, x, strict, chain.layers().size());
        for (Problem p : result.problems()) {
            assertTrue(p.message() == GeometryMessage.DROPPED_BORDER || p.message() == GeometryMessage.UNREAD_GAPS,
                    () -> "unexpected problem " + p.text());
        }
        for (int i = 0; i < result.layers().size(); i++) {
            assertRuntimeMatches(chain, result.layers().get(i), y.layers().get(i), x.layers().get(i));
        }
        int windows = (int) chain.layers().stream().filter(l -> l.kind().role() != LayerKind.Role.POINTWISE).count();
        Statistics.label("window layers").collect(windows);
        Statistics.label("last map height").collect(sizeClass(y.layers().get(chain.layers().size() - 1).size()));
    }

    /**
     * Any chain: the core reports KERNEL_TOO_LARGE exactly at the first layer, and for exactly the
     * axes, where the oracle finds no window; everything before it agrees with the oracle.
     */
    @Property
    void kernelTooLargeExactlyWhenNoWindowFits(@ForAll("anyChains") Chain chain) {
        GeometryResult result = GeometryCalculator.compute(chain.input(), chain.layers(), false);
        AxisOracle.Result y = AxisOracle.run(chain.inputSize(Axis.Y), chain.layers(), Axis.Y);
        AxisOracle.Result x = AxisOracle.run(chain.inputSize(Axis.X), chain.layers(), Axis.X);
        int stop = firstFailure(y.failedAt(), x.failedAt());
        result.problems().forEach(Problem::text);

        Set<String> expected = new HashSet<>();
        if (stop >= 0 && y.failedAt() == stop) {
            expected.add(stop + " " + Axis.Y);
        }
        if (stop >= 0 && x.failedAt() == stop) {
            expected.add(stop + " " + Axis.X);
        }
        Set<String> reported = new HashSet<>();
        for (Problem p : result.problems()) {
            if (p.message() == GeometryMessage.KERNEL_TOO_LARGE) {
                reported.add(p.layer() + " " + p.axis());
                assertEquals(Param.KERNEL, p.param());
                assertEquals(Severity.ERROR, p.severity());
            } else {
                assertTrue(p.message() == GeometryMessage.DROPPED_BORDER || p.message() == GeometryMessage.UNREAD_GAPS,
                        () -> "unexpected problem " + p.text());
            }
        }
        assertEquals(expected, reported, "KERNEL_TOO_LARGE (layer axis)");
        int computed = stop < 0 ? chain.layers().size() : stop;
        assertEquals(computed, result.layers().size(), "layers computed before the stop");
        assertCoreMatches(chain, result, y, x, false, computed);
        Statistics.label("stops").collect(stop < 0 ? "all fit" : "stops at a layer");
    }

    /**
     * The oracle's first catch: a last window that ends inside the leading padding leaves the
     * whole input unread, and the input is all that can be dropped (the core said 2 of 1 pixel).
     */
    @Test
    void droppedBorderIsAtMostTheInput() {
        Window w = new Window(1, 3, 1, 2, 0, PaddingMode.EXPLICIT, Rounding.FLOOR);
        List<LayerSpec> layers = List.of(new LayerSpec("c", LayerKind.CONV, w, w, OptionalLong.of(1),
                OptionalLong.empty(), 1));
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(1, 1, 1), layers, false);
        assertEquals(1, AxisOracle.run(1, layers, Axis.Y).layers().get(0).placement().droppedBorder());
        assertEquals(1, r.layers().get(0).stepY().droppedBorder());
        assertEquals(1, r.layers().get(0).stepX().droppedBorder());
    }

    private static int firstFailure(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** Layers 0..count-1 of {@code result}: shape, box, rf, jump, centre, padding, dropped border. */
    static void assertCoreMatches(Chain chain, GeometryResult result, AxisOracle.Result y,
                                          AxisOracle.Result x, boolean strict, int count) {
        long channels = chain.input().channels();
        for (int i = 0; i < count; i++) {
            ComputedLayer c = result.layers().get(i);
            LayerSpec spec = chain.layers().get(i);
            channels = switch (spec.kind().role()) {
                case CONVOLUTION, FULLY_CONNECTED -> spec.out().orElseThrow();
                case POOLING, POINTWISE -> channels;
                default -> throw new IllegalArgumentException("chains have no " + spec.kind());
            };
            assertEquals(channels, c.channels(), "channels of " + spec.name());
            for (Axis axis : Axis.values()) {
                LayerField f = (axis == Axis.Y ? y : x).layers().get(i);
                AxisState a = c.axis(axis);
                String at = spec.name() + " " + axis + ": ";
                assertEquals(f.size(), a.size(), at + "size");
                assertEquals(f.lo()[0], a.lo(), at + "lo");
                assertEquals(f.hi()[0], a.hi(), at + "hi");
                assertEquals(f.hi()[0] - f.lo()[0] + 1, a.rf(), at + "rf");
                assertEquals(Ratio.of(f.jump()), a.jump(), at + "jump");
                assertEquals(Ratio.of(f.centreTimesTwo(0), 2), a.center(), at + "centre");

                WindowStep step = axis == Axis.Y ? c.stepY() : c.stepX();
                int index = i;
                List<Problem> dropped = result.problems().stream()
                        .filter(q -> (q.message() == GeometryMessage.DROPPED_BORDER || q.message() == GeometryMessage.UNREAD_GAPS)
                                && q.layer() == index && q.axis() == axis)
                        .toList();
                boolean droppedReported = !dropped.isEmpty();
                if (spec.kind().role() == LayerKind.Role.POINTWISE) {
                    assertNull(step, at + "pointwise step");
                    assertTrue(!droppedReported, at + "dropped border on a pointwise layer");
                    continue;
                }
                assertNotNull(step, at + "window step");
                AxisOracle.Placement p = f.placement();
                assertEquals(p.padBefore(), step.padBefore(), at + "padding before");
                assertEquals(p.padAfter(), step.padAfter(), at + "padding after");
                assertEquals(p.droppedBorder(), step.droppedBorder(), at + "dropped border");
                assertEquals(step.output(), a, at + "step output");
                // In a chain a map has one reader, so what its windows skip nothing else reads: reported
                // exactly when some input position falls under no tap of any window; as a dropped
                // border when those are the trailing ones and nothing else, else as gaps.
                Set<Integer> skipped = new TreeSet<>();
                for (int pos = 0; pos < p.inputSize(); pos++) {
                    skipped.add(pos);
                }
                for (int start : p.starts()) {
                    for (int j = 0; j < p.kernel(); j++) {
                        skipped.remove(start - p.padBefore() + j * p.dilation());
                    }
                }
                Set<Integer> trailing = new TreeSet<>();
                for (int pos = p.inputSize() - p.droppedBorder(); pos < p.inputSize(); pos++) {
                    trailing.add(pos);
                }
                assertEquals(!skipped.isEmpty(), droppedReported, at + "unread positions " + skipped + " reported");
                assertTrue(dropped.size() <= 1, at + "unread positions reported once");
                if (droppedReported) {
                    GeometryMessage expected = skipped.equals(trailing) ? GeometryMessage.DROPPED_BORDER : GeometryMessage.UNREAD_GAPS;
                    assertEquals(expected, dropped.get(0).message(), at + "which message, for " + skipped);
                    assertEquals(strict ? Severity.ERROR : Severity.WARNING, dropped.get(0).severity(), at + "severity");
                    assertTrue(dropped.get(0).param() == Param.STRIDE || dropped.get(0).param() == Param.DILATION,
                            at + "blamed parameter");
                }
            }
        }
    }

    /**
     * The runtime types built from the computed values exactly as generated code builds them, per
     * axis and then as a whole layer, against the oracle's per-unit fields.
     */
    static void assertRuntimeMatches(Chain chain, ComputedLayer c, LayerField fy, LayerField fx) {
        AxisGeometry gy = runtime(chain.inputSize(Axis.Y), c.y());
        AxisGeometry gx = runtime(chain.inputSize(Axis.X), c.x());
        assertAxisMapping(c.spec().name() + " Y: ", gy, fy);
        assertAxisMapping(c.spec().name() + " X: ", gx, fx);

        LayerGeometry layer = new LayerGeometry(c.spec().name(), c.spec().kind().displayName(),
                new Shape((int) c.channels(), gy.size(), gx.size()), gy, gx, null, -1);
        int[] boxes = new int[4 * gy.size() * gx.size()];
        double[] centres = new double[2 * gy.size() * gx.size()];
        layer.receptiveFields(boxes);
        layer.centers(centres);
        for (int uy = 0; uy < gy.size(); uy++) {
            for (int ux = 0; ux < gx.size(); ux++) {
                int i = uy * gx.size() + ux;
                String at = c.spec().name() + " unit (" + ux + ", " + uy + "): ";
                assertEquals(fx.lo()[ux], boxes[4 * i], at + "left");
                assertEquals(fy.lo()[uy], boxes[4 * i + 1], at + "top");
                assertEquals(fx.hi()[ux], boxes[4 * i + 2], at + "right");
                assertEquals(fy.hi()[uy], boxes[4 * i + 3], at + "bottom");
                assertEquals(fx.centreTimesTwo(ux) / 2.0, centres[2 * i], at + "centre x");
                assertEquals(fy.centreTimesTwo(uy) / 2.0, centres[2 * i + 1], at + "centre y");
            }
        }
    }

    /** As the generated code does for a chain: {@code AxisGeometry.uniform(inputSize, size, jump, center, lo, hi)}. */
    static AxisGeometry runtime(int inputSize, AxisState a) {
        return AxisGeometry.uniform(inputSize, Math.toIntExact(a.size()),
                Ratio.of(a.jump().numerator(), a.jump().denominator()),
                Ratio.of(a.center().numerator(), a.center().denominator()),
                Math.toIntExact(a.lo()), Math.toIntExact(a.hi()));
    }

    private static void assertAxisMapping(String at, AxisGeometry g, LayerField f) {
        int n = f.size();
        for (int u = 0; u < n; u++) {
            assertEquals(f.lo()[u], g.fieldStart(u), at + "fieldStart(" + u + ")");
            assertEquals(f.hi()[u], g.fieldEnd(u), at + "fieldEnd(" + u + ")");
            assertEquals(f.centreTimesTwo(u) / 2.0, g.toInput(u), at + "toInput(" + u + ")");
        }

        // Units whose field extent [lo_u, hi_u] contains p, for every integer p around the input
        // and every field: bucket each unit into the pixels it covers.
        long from = Math.min(f.lo()[0], 0) - 3;
        long to = Math.max(f.hi()[n - 1], g.inputSize() - 1) + 3;
        int width = Math.toIntExact(to - from + 1);
        int[] first = new int[width];
        int[] last = new int[width];
        int[] count = new int[width];
        Arrays.fill(first, Integer.MAX_VALUE);
        Arrays.fill(last, Integer.MIN_VALUE);
        for (int u = 0; u < n; u++) {
            for (long p = f.lo()[u]; p <= f.hi()[u]; p++) {
                int i = (int) (p - from);
                first[i] = Math.min(first[i], u);
                last[i] = Math.max(last[i], u);
                count[i]++;
            }
        }
        for (long p = from; p <= to; p++) {
            int i = (int) (p - from);
            int gotFirst = g.firstUnitContaining(p);
            int gotLast = g.lastUnitContaining(p);
            if (count[i] == 0) {
                assertTrue(gotFirst > gotLast, at + "no unit contains " + p + ", got " + gotFirst + ".." + gotLast);
            } else {
                assertEquals(last[i] - first[i] + 1, count[i], at + "oracle: units containing " + p + " not contiguous");
                assertEquals(first[i], gotFirst, at + "firstUnitContaining(" + p + ")");
                assertEquals(last[i], gotLast, at + "lastUnitContaining(" + p + ")");
            }
        }

        // Nearest unit: the existing unit whose field centre is nearest to p; on a tie (p exactly
        // half-way between two centres) the HIGHER unit, as Math.floor(x + 0.5) rounds halves up.
        // p runs over integers and halves from well before unit 0 to well after the last unit.
        long c0 = f.centreTimesTwo(0);
        long cn = f.centreTimesTwo(n - 1);
        long from2 = Math.min(c0, 0) - 4 * f.jump() - 2;
        long to2 = Math.max(cn, 2L * (g.inputSize() - 1)) + 4 * f.jump() + 2;
        for (long p2 = from2; p2 <= to2; p2++) {
            int best = 0;
            for (int u = 1; u < n; u++) {
                if (Math.abs(p2 - f.centreTimesTwo(u)) <= Math.abs(p2 - f.centreTimesTwo(best))) {
                    best = u;
                }
            }
            assertEquals(best, g.nearestUnit(p2 / 2.0), at + "nearestUnit(" + p2 / 2.0 + ")");
        }
    }

    private static String sizeClass(int size) {
        return size == 1 ? "1" : size <= 4 ? "2-4" : size <= 16 ? "5-16" : "17+";
    }
}
