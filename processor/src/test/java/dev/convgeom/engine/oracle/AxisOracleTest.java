package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself, on cases worked out by hand (drawn on paper, tap by tap), so that agreeing
 * with it means something.
 */
class AxisOracleTest {

    private static Window window(int k, int s, int d, int pb, int pa, Rounding rounding) {
        return new Window(k, s, d, pb, pa, PaddingMode.EXPLICIT, rounding);
    }

    private static Window same(int k, int s, int d) {
        return new Window(k, s, d, 0, 0, PaddingMode.SAME, Rounding.FLOOR);
    }

    private static LayerSpec conv(Window w) {
        return new LayerSpec("c", LayerKind.CONV, w, w, OptionalLong.of(1), OptionalLong.empty(), 1);
    }

    private static LayerSpec pool(Window w) {
        return new LayerSpec("p", LayerKind.MAX_POOL, w, w, OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    private static LayerSpec fc() {
        return new LayerSpec("fc", LayerKind.FULLY_CONNECTED, null, null, OptionalLong.of(1), OptionalLong.empty(), 1);
    }

    private static void assertField(AxisOracle.LayerField f, int size, long jump, long lo0, long hi0) {
        assertEquals(size, f.size(), "size");
        assertEquals(jump, f.jump(), "jump");
        assertEquals(lo0, f.lo()[0], "lo");
        assertEquals(hi0, f.hi()[0], "hi");
    }

    @Test
    void paddedConvolutionsReachIntoThePaddingUnclipped() {
        // 3 pixels, two 3-tap convolutions padded by 1: unit 0 reads -1..1, then -2..2.
        Window w = window(3, 1, 1, 1, 1, Rounding.FLOOR);
        AxisOracle.Result r = AxisOracle.run(3, List.of(conv(w), conv(w)), Axis.Y);
        assertEquals(-1, r.failedAt());
        assertField(r.layers().get(0), 3, 1, -1, 1);
        assertField(r.layers().get(1), 3, 1, -2, 2);
        assertEquals(0, r.layers().get(1).lo()[2]);    // unit 2: 0..4, of which 3 and 4 are padding
        assertEquals(4, r.layers().get(1).hi()[2]);
    }

    @Test
    void poolingFloorDropsTheLastPixelAndCeilKeepsIt() {
        // 5 pixels, 3-tap conv padded by 1 (units -1..1, 0..2, ..., 3..5), then a 2-wide pool with stride 2.
        Window c = window(3, 1, 1, 1, 1, Rounding.FLOOR);
        AxisOracle.Result floor = AxisOracle.run(5, List.of(conv(c), pool(window(2, 2, 1, 0, 0, Rounding.FLOOR))), Axis.X);
        AxisOracle.LayerField f = floor.layers().get(1);
        assertField(f, 2, 2, -1, 2);               // windows at conv units 0-1 and 2-3; unit 4 unread
        assertEquals(1, f.placement().droppedBorder());

        AxisOracle.Result ceil = AxisOracle.run(5, List.of(conv(c), pool(window(2, 2, 1, 0, 0, Rounding.CEIL))), Axis.X);
        AxisOracle.LayerField g = ceil.layers().get(1);
        assertField(g, 3, 2, -1, 2);               // a third window at conv unit 4, half outside
        assertEquals(0, g.placement().droppedBorder());
        assertEquals(3, g.lo()[2]);
        assertEquals(6, g.hi()[2]);                // conv unit 5 (virtual) reads 4..6
    }

    @Test
    void ceilNeverStartsAWindowInTheTrailingPadding() {
        // 5 pixels, 1-tap windows with stride 3: starts 0 and 3; a third would start at 6, past the
        // input, so PyTorch drops it (Caffe, unpadded, keeps it). Pixel 4 is never read.
        Window w = window(1, 3, 1, 0, 0, Rounding.CEIL);
        AxisOracle.Placement p = AxisOracle.place(w, 5);
        assertEquals(List.of(0, 3), p.starts());
        assertEquals(1, p.droppedBorder());

        // 6 pixels padded by 1, 3-tap windows, stride 2, rounding up: starts 0, 2, 4, 6 (padded), the
        // last reads padded 6..8 of 0..7: 4 windows (PyTorch's MaxPool2d(3, 2, 1, ceil_mode=True) on 6).
        assertEquals(List.of(0, 2, 4, 6), AxisOracle.place(window(3, 2, 1, 1, 1, Rounding.CEIL), 6).starts());
        assertEquals(List.of(0, 2, 4), AxisOracle.place(window(3, 2, 1, 1, 1, Rounding.FLOOR), 6).starts());
    }

    @Test
    void windowEndingInTheLeadingPaddingDropsTheWholeInput() {
        // 1 pixel padded by 2 before: a 1-tap window with stride 3 reads padded position 0 only.
        AxisOracle.Placement p = AxisOracle.place(window(1, 3, 1, 2, 0, Rounding.FLOOR), 1);
        assertEquals(List.of(0), p.starts());
        assertEquals(1, p.droppedBorder());
    }

    @Test
    void samePaddingByHand() {
        assertPads(same(3, 2, 1), 5, 1, 1);     // 3 outputs: padded 7 = 1 + 5 + 1
        assertPads(same(3, 2, 1), 6, 0, 1);     // 3 outputs need 7 positions: 1 extra, after
        assertPads(same(4, 1, 1), 4, 1, 2);     // even kernel: asymmetric, the larger half after
        assertPads(same(3, 1, 2), 7, 2, 2);     // dilated extent 5
        assertPads(same(1, 3, 1), 7, 0, 0);     // 3 outputs fit without padding
    }

    private static void assertPads(Window w, int n, int pb, int pa) {
        AxisOracle.Placement p = AxisOracle.place(w, n);
        assertEquals(pb, p.padBefore(), "pad before");
        assertEquals(pa, p.padAfter(), "pad after");
    }

    @Test
    void dilationSpreadsTheTaps() {
        // 9 pixels, 3 taps 2 apart: unit 0 reads 0, 2, 4; five units.
        AxisOracle.Result r = AxisOracle.run(9, List.of(conv(window(3, 1, 2, 0, 0, Rounding.FLOOR))), Axis.Y);
        assertField(r.layers().get(0), 5, 1, 0, 4);
    }

    @Test
    void fullyConnectedSeesTheWholeMapAndSlidesByOneUnit() {
        // 6 pixels, 2-wide pool stride 2 (3 units), then a fully connected layer: one unit seeing 0..5;
        // slid by one pool unit (its virtual unit 1) it would see 2..7, so its jump is 2.
        AxisOracle.Result r = AxisOracle.run(6, List.of(pool(window(2, 2, 1, 0, 0, Rounding.FLOOR)), fc()), Axis.X);
        assertField(r.layers().get(1), 1, 2, 0, 5);
        assertEquals(2, r.layers().get(1).lo()[1]);
        assertEquals(7, r.layers().get(1).hi()[1]);
    }

    @Test
    void noWindowFits() {
        AxisOracle.Result r = AxisOracle.run(4, List.of(conv(window(3, 1, 1, 0, 0, Rounding.FLOOR)),
                conv(window(3, 1, 1, 0, 0, Rounding.CEIL))), Axis.Y);
        assertEquals(1, r.failedAt());      // 4 -> 2 -> a 3-tap window does not fit 2, whatever the rounding
        assertEquals(1, r.layers().size());
    }

    /** SAME, rounding down, always gives ceil(n / s) outputs, whatever the kernel and dilation. */
    @Property(tries = 300)
    void sameGivesCeilOfSizeOverStride(@ForAll @IntRange(min = 1, max = 80) int n,
                                       @ForAll @IntRange(min = 1, max = 9) int k,
                                       @ForAll @IntRange(min = 1, max = 6) int s,
                                       @ForAll @IntRange(min = 1, max = 4) int d) {
        AxisOracle.Placement p = AxisOracle.place(same(k, s, d), n);
        assertEquals((n + s - 1) / s, p.outputSize());
        int split = p.padAfter() - p.padBefore();
        assertTrue(split == 0 || split == 1, "the smaller half before: " + p.padBefore() + "/" + p.padAfter());
    }
}
