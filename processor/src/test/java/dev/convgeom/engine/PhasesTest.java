package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Ratio;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * geometry.md, "Phases propagate": after upsampling, the plain recurrence
 * {@code rf' = rf + (k - 1) * jump} only bounds the field from above; the core keeps one field per
 * phase and reports the widest. Values derived by hand in the comments.
 */
class PhasesTest {

    @Test
    void aWindowOverPairsOfEqualFieldsIsNarrowerThanTheRecurrence() {
        // up (deconv k 2, s 2 from the input): units 2t and 2t + 1 both see pixel t; jump 1/2.
        // win (k 4, s 2): unit v reads up's units 2v .. 2v + 3 = pixels v, v, v + 1, v + 1,
        // so its field is [v, v + 1], 2 wide. The recurrence says 1 + 3 * 1/2 = 2.5.
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(1, 8, 8), List.of(
                LayerSpec.deconv("up", 1, 2, 2, 0),
                LayerSpec.conv("win", 1, Window.of(4, 2, 0))), false);
        assertFalse(r.hasErrors(), () -> r.problems().toString());
        AxisState up = r.layers().get(0).x();
        assertEquals(Ratio.of(1, 2), up.jump());
        assertEquals(2, up.period());
        assertEquals(List.of(3L, 3L, 4L), List.of(up.lo(6), up.hi(7), up.lo(8)));
        AxisState win = r.layers().get(1).x();
        assertEquals(2, win.rf());
        Ratio recurrence = Ratio.of(up.rf()).plus(Ratio.of(3).times(up.jump()));
        assertTrue(recurrence.compareTo(Ratio.of(win.rf())) > 0, "the recurrence overstates: " + recurrence);
        for (long v = -3; v < 8; v++) {
            assertEquals(v, win.lo(v), "unit " + v);
            assertEquals(v + 1, win.hi(v), "unit " + v);
        }
        // the pattern repeats every unit again: the stride 2 undid the period 2
        assertEquals(1, win.period());
    }

    @Test
    void bilinearByThreeHasAPhaseThatReadsOneUnit() {
        // up (bilinear, factor 3): output v sits at input (v + 1/2) / 3 - 1/2 = (2v - 2) / 6;
        // v = 0: -1/3 -> units -1, 0; v = 1: 0 -> unit 0 only; v = 2: 1/3 -> units 0, 1.
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(1, 5, 5),
                List.of(LayerSpec.upsample("up", 3, true)), false);
        AxisState up = r.layers().get(0).y();
        assertEquals(List.of(-1L, 0L, 0L, 0L), List.of(up.lo(0), up.hi(0), up.lo(1), up.hi(1)));
        assertEquals(List.of(0L, 1L), List.of(up.lo(2), up.hi(2)));
        assertEquals(2, up.rf());
        assertEquals(3, up.period());
        assertEquals(Ratio.of(-1, 3), up.center());
    }
}
