package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.Ratio;
import dev.convgeom.engine.Chains.Chain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Sizes, kernels, strides, dilations and paddings anywhere up to {@code Integer.MAX_VALUE} (the
 * annotations' range): {@link GeometryCalculator#compute} never lets an exception escape and never
 * returns a wrapped number. Every layer it computes equals an exact {@link BigInteger} evaluation,
 * and it stops with NUMBER_TOO_LARGE exactly where that evaluation leaves what generated code can
 * hold ({@code int} sizes and pixel coordinates, a {@code long} jump).
 *
 * <p>The reference here uses the formulas of {@code geometry.md}, in unbounded integers: the
 * brute-force oracle cannot enumerate windows over two billion pixels, and the formulas
 * themselves are checked against it on small inputs by {@link GeometryOracleTest}.
 */
class OverflowTest {

    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    /** Small, near 2^31 - 1, around sqrt(2^31) and 2^31 / 3, or anything. */
    private static Arbitrary<Integer> ints(int min) {
        return ints(min, 4);
    }

    private static Arbitrary<Integer> ints(int min, int smallWeight) {
        return Arbitraries.frequencyOf(
                Tuple.of(smallWeight, Arbitraries.integers().between(min, 4)),
                Tuple.of(3, Arbitraries.integers().between(Integer.MAX_VALUE - 3, Integer.MAX_VALUE)),
                Tuple.of(1, Arbitraries.of(46340, 46341, 715827882, 715827883, 1 << 30, 1 << 16)),
                Tuple.of(1, Arbitraries.integers().between(min, Integer.MAX_VALUE)));
    }

    @Provide
    Arbitrary<Chain> hugeChains() {
        // Kernels and dilations mostly small, or most windows would not fit at all.
        Arbitrary<Window> windows = Combinators.combine(ints(1, 20), ints(1), ints(1, 20), ints(0), ints(0),
                        Arbitraries.of(PaddingMode.values()), Arbitraries.of(Rounding.values()))
                .as((k, s, d, pb, pa, mode, rounding) -> new Window(k, s, d, pb, pa, mode, rounding));
        Arbitrary<Boolean> square = Arbitraries.of(true, false);
        Arbitrary<LayerSpec> windowLayers = Combinators.combine(Arbitraries.of(LayerKind.CONV, LayerKind.MAX_POOL),
                        windows, windows, square)
                .as((kind, y, x, sq) -> new LayerSpec("?", kind, y, sq ? y : x,
                        kind == LayerKind.CONV ? OptionalLong.of(Integer.MAX_VALUE) : OptionalLong.empty(),
                        OptionalLong.empty(), 1));
        Arbitrary<LayerSpec> layers = Arbitraries.frequencyOf(
                Tuple.of(6, windowLayers),
                Tuple.of(1, Arbitraries.just(new LayerSpec("?", LayerKind.FULLY_CONNECTED, null, null,
                        OptionalLong.of(Integer.MAX_VALUE), OptionalLong.of(7), 1))),
                Tuple.of(1, Arbitraries.just(LayerSpec.pointwise("?", LayerKind.RELU))));
        return Combinators.combine(ints(1), ints(1), layers.list().ofMinSize(1).ofMaxSize(6))
                .as((h, w, ls) -> {
                    List<LayerSpec> named = new ArrayList<>();
                    for (int i = 0; i < ls.size(); i++) {
                        LayerSpec l = ls.get(i);
                        named.add(new LayerSpec("l" + i, l.kind(), l.y(), l.x(), l.out(), l.in(), l.groups()));
                    }
                    return new Chain(new NetworkInput(Integer.MAX_VALUE, h, w), named);
                });
    }

    @Property
    void hugeNumbersGiveExactResultsOrNumberTooLarge(@ForAll("hugeChains") Chain chain, @ForAll boolean strict) {
        GeometryResult result;
        try {
            result = GeometryCalculator.compute(chain.input(), chain.layers(), strict);
        } catch (RuntimeException escaped) {
            throw new AssertionError("an exception escaped GeometryCalculator.compute", escaped);
        }
        result.problems().forEach(Problem::text);   // every message formats

        Ref y = Ref.input(chain.input().height());
        Ref x = Ref.input(chain.input().width());
        for (int i = 0; i < chain.layers().size(); i++) {
            LayerSpec spec = chain.layers().get(i);
            Ref ny = y.next(spec, Axis.Y);
            Ref nx = x.next(spec, Axis.X);
            int index = i;
            List<Problem> here = result.problems().stream().filter(p -> p.layer() == index).toList();
            if (ny == null || nx == null) {
                assertEquals(i, result.layers().size(), "stops at the layer whose kernel does not fit");
                assertTrue(here.stream().anyMatch(p -> p.message() == GeometryMessage.KERNEL_TOO_LARGE), () -> here.toString());
                Statistics.label("outcome").collect("kernel too large");
                return;
            }
            if (ny.tooLarge() || nx.tooLarge()) {
                assertEquals(i, result.layers().size(), () -> "stops at the layer whose numbers are too large: "
                        + ny + " / " + nx);
                // One NUMBER_TOO_LARGE, or one per axis when both jumps pass the limit.
                List<GeometryMessage> messages = here.stream().map(Problem::message)
                        .filter(m -> m != GeometryMessage.DROPPED_BORDER && m != GeometryMessage.FC_IN_MISMATCH).toList();
                assertTrue(!messages.isEmpty() && messages.size() <= 2, messages::toString);
                assertTrue(messages.stream().allMatch(m -> m == GeometryMessage.NUMBER_TOO_LARGE), messages::toString);
                Statistics.label("outcome").collect("number too large");
                return;
            }
            assertTrue(result.layers().size() > i, () -> "layer " + index + " fits, but was not computed: "
                    + result.problems().stream().map(Problem::text).toList());
            ComputedLayer c = result.layers().get(i);
            ny.assertMatches(c.y(), c.stepY(), spec.name() + " Y: ");
            nx.assertMatches(c.x(), c.stepX(), spec.name() + " X: ");
            y = ny;
            x = nx;
        }
        assertEquals(chain.layers().size(), result.layers().size());
        Statistics.label("outcome").collect("all computed");
    }

    /**
     * Found by reading the code, then by the property in its asymmetric form (below): three 1-unit
     * maps with strides 2^31 - 1, 2^31 - 1 and 2 give a jump of 2^63 - 2^33 + 2, which still fits a
     * long; a 1x1 convolution padded by 1 then makes a 3-unit map whose last field ends at
     * {@code hi + jump * 2}, which does not. That product used to overflow outside the
     * calculator's overflow handling, so an ArithmeticException escaped {@code compute}. Since
     * generated code holds jumps as int literals, the chain now stops earlier, at the jump of "b".
     */
    @Test
    void jumpTimesLastUnitPastLongRangeIsNumberTooLarge() {
        Window wide = Window.of(1, Integer.MAX_VALUE, 0);
        List<LayerSpec> layers = List.of(LayerSpec.conv("a", 1, wide), LayerSpec.conv("b", 1, wide),
                LayerSpec.conv("c", 1, Window.of(1, 2, 0)), LayerSpec.conv("d", 1, Window.of(1, 1, 1)));
        assertStopsWithNumberTooLarge(layers, 1, "jump");
    }

    /**
     * The property's shrunk sample: jump 3 * (2^31 - 4) times 2^31 - 4 units of trailing padding.
     * The jump itself is beyond what generated code holds, so the chain stops at "b".
     */
    @Test
    void jumpTimesTrailingPaddingPastLongRangeIsNumberTooLarge() {
        Window pad = new Window(1, 1, 1, 0, Integer.MAX_VALUE - 3, PaddingMode.EXPLICIT, Rounding.FLOOR);
        List<LayerSpec> layers = List.of(LayerSpec.conv("a", 1, Window.of(1, 3, 0)),
                LayerSpec.conv("b", 1, Window.of(1, Integer.MAX_VALUE - 3, 0)), LayerSpec.conv("c", 1, pad));
        assertStopsWithNumberTooLarge(layers, 1, "jump");
    }

    private static void assertStopsWithNumberTooLarge(List<LayerSpec> layers, int at, String what) {
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(1, 1, 1), layers, false);
        assertEquals(at, r.layers().size());
        assertTrue(!r.problems().isEmpty());
        for (Problem p : r.problems()) {
            assertEquals(GeometryMessage.NUMBER_TOO_LARGE, p.message());
            assertEquals(at, p.layer());
            assertTrue(p.text().contains(what), p.text());
        }
    }

    /** One axis of a layer's output in unbounded integers: the formulas of geometry.md. */
    private record Ref(BigInteger size, BigInteger jump, BigInteger lo, BigInteger hi, BigInteger centreTimesTwo,
                       BigInteger padBefore, BigInteger padAfter, BigInteger dropped, boolean window) {

        static Ref input(long size) {
            BigInteger z = BigInteger.ZERO;
            return new Ref(BigInteger.valueOf(size), BigInteger.ONE, z, z, z, z, z, z, false);
        }

        /** The next layer's output, or null when no window fits. */
        Ref next(LayerSpec spec, Axis axis) {
            return switch (spec.kind().role()) {
                case POINTWISE -> new Ref(size, jump, lo, hi, centreTimesTwo, null, null, null, false);
                case FULLY_CONNECTED -> slide(size, BigInteger.ONE, BigInteger.ONE, PaddingMode.EXPLICIT,
                        BigInteger.ZERO, BigInteger.ZERO, Rounding.FLOOR);
                case CONVOLUTION, POOLING -> {
                    Window w = spec.window(axis);
                    yield slide(big(w.kernel()), big(w.stride()), big(w.dilation()), w.mode(), big(w.padBefore()),
                            big(w.padAfter()), w.rounding());
                }
                default -> throw new IllegalArgumentException("chains have no " + spec.kind());
            };
        }

        private Ref slide(BigInteger k, BigInteger s, BigInteger d, PaddingMode mode, BigInteger pb, BigInteger pa,
                          Rounding rounding) {
            BigInteger n = size;
            BigInteger one = BigInteger.ONE;
            BigInteger ke = d.multiply(k.subtract(one)).add(one);
            switch (mode) {
                case VALID -> {
                    pb = BigInteger.ZERO;
                    pa = BigInteger.ZERO;
                }
                case SAME -> {
                    BigInteger out = ceilDiv(n, s);
                    BigInteger total = out.subtract(one).multiply(s).add(ke).subtract(n).max(BigInteger.ZERO);
                    pb = total.shiftRight(1);
                    pa = total.subtract(pb);
                }
                case EXPLICIT -> { }
            }
            BigInteger span = n.add(pb).add(pa).subtract(ke);
            if (span.signum() < 0) {
                return null;
            }
            BigInteger out;
            if (rounding == Rounding.CEIL) {
                out = ceilDiv(span, s).add(one);
                if (out.subtract(one).multiply(s).compareTo(n.add(pb)) >= 0) {
                    out = out.subtract(one);
                }
            } else {
                out = span.divide(s).add(one);
            }
            BigInteger lastEnd = out.subtract(one).multiply(s).add(ke).subtract(one);
            BigInteger dropped = pb.add(n).subtract(one).subtract(lastEnd).max(BigInteger.ZERO).min(n);
            return new Ref(out, jump.multiply(s), lo.subtract(pb.multiply(jump)),
                    hi.add(ke.subtract(one).subtract(pb).multiply(jump)),
                    centreTimesTwo.add(ke.subtract(one).subtract(pb.shiftLeft(1)).multiply(jump)),
                    pb, pa, dropped, true);
        }

        /** What generated code cannot hold: int sizes, coordinates, field sizes and jumps (an int literal). */
        boolean tooLarge() {
            BigInteger lastHi = hi.add(jump.multiply(size.subtract(BigInteger.ONE)));
            return size.compareTo(INT_MAX) > 0 || lo.compareTo(INT_MAX.negate()) < 0 || lastHi.compareTo(INT_MAX) > 0
                    || hi.subtract(lo).add(BigInteger.ONE).compareTo(INT_MAX) > 0 || jump.compareTo(INT_MAX) > 0;
        }

        void assertMatches(AxisState a, WindowStep step, String at) {
            assertEquals(size, big(a.size()), at + "size");
            assertEquals(Ratio.of(jump.longValueExact()), a.jump(), at + "jump");
            assertEquals(lo, big(a.lo()), at + "lo");
            assertEquals(hi, big(a.hi()), at + "hi");
            assertTrue(a.center().denominator() <= 2, at + "centre is a whole or a half");
            assertEquals(centreTimesTwo, big(a.center().numerator()).multiply(BigInteger.TWO)
                    .divide(big(a.center().denominator())), at + "centre");
            if (!window) {
                if (step != null) {
                    fail(at + "a pointwise layer has a window step");
                }
                return;
            }
            assertEquals(padBefore, big(step.padBefore()), at + "padding before");
            assertEquals(padAfter, big(step.padAfter()), at + "padding after");
            assertEquals(dropped, big(step.droppedBorder()), at + "dropped border");
        }

        private static BigInteger big(long v) {
            return BigInteger.valueOf(v);
        }

        private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
            BigInteger[] qr = a.divideAndRemainder(b);
            return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        }
    }
}
