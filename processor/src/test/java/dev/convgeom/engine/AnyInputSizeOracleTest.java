package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import dev.convgeom.engine.Chains.Chain;
import dev.convgeom.engine.oracle.AxisOracle;
import dev.convgeom.engine.oracle.AxisOracle.LayerField;
import dev.convgeom.engine.oracle.AxisOracle.Placement;
import dev.convgeom.processor.writing.RuntimeSpecs;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fully convolutional form against the oracle, at input sizes other than the declared one:
 * the runtime {@link NetworkSpec} that generated code carries (built here exactly as the
 * generator builds it) must give the oracle's sizes and fields for any input, refuse an input
 * exactly when the oracle finds a layer without a window, and find the smallest input and the
 * exact sizes that a search with the oracle finds.
 *
 * <p>Fully connected layers keep the kernel they have at the declared input: for the oracle they
 * become fixed windows of that size, stride 1, no padding.
 */
class AnyInputSizeOracleTest {

    /** How far the brute-force searches look; a search that finds nothing there is not compared. */
    private static final int SEARCH = 600;

    @Provide
    Arbitrary<Chain> fittingChains() {
        return Chains.fittingChains();
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void anyInputSizeAgreesWithOracle(@ForAll("fittingChains") Chain chain,
                                      @ForAll @IntRange(min = 1, max = 90) int height,
                                      @ForAll @IntRange(min = 1, max = 90) int width) {
        GeometryResult declared = GeometryCalculator.compute(chain.input(), chain.layers(), false);
        NetworkSpec spec = RuntimeSpecs.of("chain", declared);
        List<LayerSpec> fixed = fullyConvolutional(chain.layers(), declared);

        AxisOracle.Result ry = AxisOracle.run(height, fixed, Axis.Y);
        AxisOracle.Result rx = AxisOracle.run(width, fixed, Axis.X);
        if (ry.failedAt() >= 0 || rx.failedAt() >= 0) {
            assertThrows(IllegalArgumentException.class, () -> spec.forInput(Size.of(width, height)));
            assertThrows(IllegalArgumentException.class, () -> spec.outputSize(Size.of(width, height)));
        } else {
            List<LayerGeometry> layers = spec.forInput(Size.of(width, height));
            for (int i = 0; i < layers.size(); i++) {
                LayerGeometry layer = layers.get(i);
                assertAxis(layer.name() + " Y at " + height, ry.layers().get(i), layer.y());
                assertAxis(layer.name() + " X at " + width, rx.layers().get(i), layer.x());
                Shape size = spec.outputSize(i, Size.of(width, height));
                assertEquals(ry.layers().get(i).size(), size.height());
                assertEquals(rx.layers().get(i).size(), size.width());
            }
        }
        assertEquals(exact(fixed, height, Axis.Y) && exact(fixed, width, Axis.X), spec.isExact(Size.of(width, height)),
                "isExact(" + Size.of(width, height) + ")");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void smallestInputAndNextExactSizeAgreeWithSearch(@ForAll("fittingChains") Chain chain,
                                                      @ForAll @IntRange(min = 1, max = 90) int from) {
        GeometryResult declared = GeometryCalculator.compute(chain.input(), chain.layers(), false);
        NetworkSpec spec = RuntimeSpecs.of("chain", declared);
        List<LayerSpec> fixed = fullyConvolutional(chain.layers(), declared);
        Size min = spec.minInputSize();
        assertEquals(search(n -> fits(fixed, n, Axis.Y), 1), min.height(), "smallest height");
        assertEquals(search(n -> fits(fixed, n, Axis.X), 1), min.width(), "smallest width");

        int nextHeight = search(n -> exact(fixed, n, Axis.Y), from);
        int nextWidth = search(n -> exact(fixed, n, Axis.X), from);
        if (nextHeight > 0 && nextWidth > 0) {
            assertEquals(Size.of(nextWidth, nextHeight),
                    spec.nextExactSize(Size.of(from, from)));
        }
    }

    private static void assertAxis(String at, LayerField oracle, AxisGeometry runtime) {
        assertEquals(oracle.size(), runtime.size(), at + ": size");
        assertEquals(oracle.lo()[0], runtime.lo(), at + ": lo");
        assertEquals(oracle.hi()[0], runtime.hi(), at + ": hi");
        if (oracle.size() > 1) {
            assertEquals((double) oracle.jump(), runtime.jump(), at + ": jump");
        }
        assertEquals(oracle.centreTimesTwo(0) / 2.0, runtime.center(), at + ": centre");
    }

    /** Fully connected layers as windows fixed at their declared input size. */
    private static List<LayerSpec> fullyConvolutional(List<LayerSpec> layers, GeometryResult declared) {
        List<LayerSpec> fixed = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.kind() == LayerKind.FULLY_CONNECTED) {
                Window y = Window.of(declared.layers().get(i).stepY().window().kernel(), 1, 0);
                Window x = Window.of(declared.layers().get(i).stepX().window().kernel(), 1, 0);
                fixed.add(new LayerSpec(l.name(), LayerKind.CONV, y, x, l.out(), l.in(), 1));
            } else {
                fixed.add(l);
            }
        }
        return fixed;
    }

    /** Whether every layer has a window on an input of {@code n}, by counting windows. */
    private static boolean fits(List<LayerSpec> layers, int n, Axis axis) {
        for (LayerSpec l : layers) {
            Placement p = AxisOracle.place(l, axis, n);
            if (p.outputSize() == 0) {
                return false;
            }
            n = p.outputSize();
        }
        return true;
    }

    /** Whether every window layer's last window ends exactly at the end of its padded input. */
    private static boolean exact(List<LayerSpec> layers, int n, Axis axis) {
        for (LayerSpec l : layers) {
            Placement p = AxisOracle.place(l, axis, n);
            if (p.outputSize() == 0) {
                return false;
            }
            int lastStart = p.starts().get(p.starts().size() - 1);
            int lastTap = lastStart + (p.kernel() - 1) * p.dilation();
            if (l.kind().hasWindow() && lastTap != p.padBefore() + n + p.padAfter() - 1) {
                return false;
            }
            n = p.outputSize();
        }
        return true;
    }

    /** The least {@code n >= from} (up to {@link #SEARCH}) with the property, or -1. */
    private static int search(java.util.function.IntPredicate property, int from) {
        for (int n = from; n <= SEARCH; n++) {
            if (property.test(n)) {
                return n;
            }
        }
        return -1;
    }
}
