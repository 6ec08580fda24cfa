package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AxisGeometry} with phases, on numbers derived by hand (derivations in the comments). */
class AxisGeometryTest {

    /**
     * A transposed convolution k 4, s 2, p 1 straight on an input of 8. Output unit v is reached by
     * the input units u with 0 <= v + 1 - 2u <= 3, i.e. u from ceil((v - 2) / 2) to floor((v + 1) / 2):
     * v = 0: -1..0, v = 1: 0..1, v = 2: 0..1, v = 3: 1..2, v = 4: 1..2, v = 5: 2..3, ..., v = 8: 3..4,
     * v = -1: -1..0. So period 2, phases [-1, 0] and [0, 1], moving by 1 pixel per 2 units.
     * Jump 1/2; centre 0 - ((4 - 1)/2 - 1) * 1/2 = -1/4. Size (8 - 1) * 2 - 2 + 4 = 16.
     */
    private static final AxisGeometry DECONV = new AxisGeometry(8, 16, Ratio.of(1, 2), Ratio.of(-1, 4),
            new int[] {-1, 0}, new int[] {0, 1});

    @Test
    void phasedFieldsRepeatWithTheShift() {
        assertEquals(2, DECONV.period());
        assertEquals(1, DECONV.shift());
        assertEquals(-1, DECONV.lo());
        assertEquals(0, DECONV.hi());
        assertEquals(2, DECONV.rf());
        assertEquals(0, DECONV.phaseLo(1));
        assertEquals(1, DECONV.phaseHi(1));
        assertThrows(IndexOutOfBoundsException.class, () -> DECONV.phaseLo(2));
        int[][] byHand = {{-1, 0}, {0, 1}, {0, 1}, {1, 2}, {1, 2}, {2, 3}, {2, 3}, {3, 4}, {3, 4}};
        for (int v = 0; v < byHand.length; v++) {
            assertEquals(byHand[v][0], DECONV.fieldStart(v), "start of " + v);
            assertEquals(byHand[v][1], DECONV.fieldEnd(v), "end of " + v);
        }
        assertEquals(-1, DECONV.fieldStart(-1));
        assertEquals(0, DECONV.fieldEnd(-1));
        assertEquals(0.5, DECONV.jump());
        assertEquals(-0.25, DECONV.center());
        assertEquals(3.25, DECONV.toInput(7));
        assertEquals(7, DECONV.fromInput(3.25));
    }

    @Test
    void unitsContainingAPixelAreARunAcrossPhases() {
        // From the table above, pixel 3 lies in the fields of units 5 ([2, 3]), 6 ([2, 3]), 7 and 8 ([3, 4]).
        assertEquals(5, DECONV.firstUnitContaining(3));
        assertEquals(8, DECONV.lastUnitContaining(3));
        // Pixel 3.5 lies between pixels: only in fields that hold both 3 and 4, units 7 and 8.
        assertEquals(7, DECONV.firstUnitContaining(3.5));
        assertEquals(8, DECONV.lastUnitContaining(3.5));
        // Pixel -1: units -1 and 0 (clamped to 0); pixel 8 (past the image): units 15 ([7, 8]) and
        // 16, 17 (beyond the map), clamped to 15.
        assertEquals(0, DECONV.firstUnitContaining(-1));
        assertEquals(0, DECONV.lastUnitContaining(-1));
        assertEquals(15, DECONV.firstUnitContaining(8));
        assertEquals(15, DECONV.lastUnitContaining(8));
        // Pixel 20: no unit of the map.
        assertEquals(16, DECONV.firstUnitContaining(20));
        assertEquals(15, DECONV.lastUnitContaining(20));
        // Centres -1/4 + v/2: pixel 3 is between units 6 (2.75) and 7 (3.25), halfway: rounds up.
        assertEquals(7, DECONV.nearestUnit(3));
        assertEquals(15, DECONV.nearestUnit(100));
        assertEquals(0, DECONV.nearestUnit(-100));
    }

    @Test
    void theGeneratedFormsConstruct() {
        AxisGeometry g = new AxisGeometry(227, 55, Ratio.of(1, 2), Ratio.of(-1, 4), new int[] {0, 0}, new int[] {1, 2});
        // Unit 3 = phase 1 one period on: [0 + 1, 2 + 1]; unit -1 = phase 1 one period back: [-1, 1].
        assertEquals(1, g.fieldStart(3));
        assertEquals(3, g.fieldEnd(3));
        assertEquals(-1, g.fieldStart(-1));
        assertEquals(1, g.fieldEnd(-1));
        assertEquals(3, g.rf());
        AxisGeometry conv5 = AxisGeometry.uniform(227, 13, Ratio.of(16), Ratio.of(17), -64, 98);
        assertEquals(1, conv5.period());
        assertEquals(16, conv5.shift());
        assertEquals(163, conv5.rf());
        assertEquals(-64 + 16 * 12, conv5.fieldStart(12));
        assertEquals(98 - 16, conv5.fieldEnd(-1));
        assertEquals("AxisGeometry[inputSize=227, size=13, jump=16, center=17, lo=-64, hi=98]", conv5.toString());
        assertEquals("AxisGeometry[inputSize=227, size=55, jump=1/2, center=-1/4, lo=[0, 0], hi=[1, 2]]", g.toString());
    }

    @Test
    void aPatternIsKeptOverItsShortestPeriod() {
        // Fields [0, 2], [2, 4], [4, 6] with jump 2 move by 2 per unit: that is a chain.
        AxisGeometry three = new AxisGeometry(10, 10, Ratio.of(2), Ratio.of(1), new int[] {0, 2, 4}, new int[] {2, 4, 6});
        AxisGeometry one = AxisGeometry.uniform(10, 10, Ratio.of(2), Ratio.of(1), 0, 2);
        assertEquals(one, three);
        assertEquals(one.hashCode(), three.hashCode());
        assertEquals(1, three.period());
        // Jump 1/2, fields [0,1], [0,1], [1,2], [1,2] repeat after 2 units (moved by 1), not only after 4.
        AxisGeometry four = new AxisGeometry(10, 10, Ratio.of(1, 2), Ratio.of(0), new int[] {0, 0, 1, 1},
                new int[] {1, 1, 2, 2});
        assertEquals(2, four.period());
        assertEquals(new AxisGeometry(10, 10, Ratio.of(1, 2), Ratio.of(0), new int[] {0, 0}, new int[] {1, 1}), four);
        assertNotEquals(four, new AxisGeometry(10, 10, Ratio.of(1, 2), Ratio.of(1, 4), new int[] {0, 0}, new int[] {1, 1}));
    }

    @Test
    void rejectsWhatNoNetworkProduces() {
        int[] zero = {0, 0};
        // 2 units of jump 1/3 move by 2/3 of a pixel: fields cannot repeat.
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 9, Ratio.of(1, 3), Ratio.of(0), zero, zero));
        assertThrows(IllegalArgumentException.class,
                () -> AxisGeometry.uniform(9, 9, Ratio.of(1, 2), Ratio.of(0), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 9, Ratio.of(1), Ratio.of(0), new int[] {0, -1}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 9, Ratio.of(1), Ratio.of(0), new int[] {0, 3}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 9, Ratio.of(-1), Ratio.of(0), new int[] {0}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 9, Ratio.of(1), Ratio.of(0), new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisGeometry(9, 0, Ratio.of(1), Ratio.of(0), new int[] {0}, new int[] {0}));
    }

    @Test
    void mapsExactlyBetweenMaps() {
        AxisGeometry input = AxisGeometry.uniform(8, 8, Ratio.of(1), Ratio.of(0), 0, 0);
        // Deconv unit u sits at -1/4 + u/2 in input pixels, which is input unit -1/4 + u/2.
        assertEquals("u' = 1/2 u - 1/4", DECONV.mapTo(input).toString());
        assertEquals("u' = 2 u + 1/2", input.mapTo(DECONV).toString());
        assertEquals(AxisMap.identity(), DECONV.mapTo(DECONV));
    }
    /**
     * A map of jump 2, unit u seeing [2u - 1, 2u + 2], 16 units, after a gate that pooled input
     * pixels [-1, 32]: unit u sees [min(2u - 1, -1), max(2u + 2, 32)]. Unit 0: [-1, 32]; virtual
     * unit 20: [-1, 42]; virtual unit -3: [-7, 32]. Widest over the 16 units: 34.
     */
    @Test
    void aContextJoinsEveryUnitsField() {
        AxisGeometry local = AxisGeometry.uniform(32, 16, Ratio.of(2), Ratio.of(1, 2), -1, 2);
        assertFalse(local.hasContext());
        assertThrows(IllegalStateException.class, local::contextStart);
        AxisGeometry gated = local.withContext(-1, 32);
        assertTrue(gated.hasContext());
        assertEquals(-1, gated.contextStart());
        assertEquals(32, gated.contextEnd());
        assertEquals(-1, gated.fieldStart(0));
        assertEquals(32, gated.fieldEnd(0));
        assertEquals(-1, gated.fieldStart(20));
        assertEquals(42, gated.fieldEnd(20));
        assertEquals(-7, gated.fieldStart(-3));
        assertEquals(-1, gated.lo());
        assertEquals(32, gated.hi());
        assertEquals(34, gated.rf());
        assertEquals(0.5, gated.center());
        // Every unit holds pixels -1 to 32; pixel 33 only units whose own field reaches it
        // (2u + 2 >= 33): none of the 16; pixel -2 those starting at or before it (2u - 1 <= -2): none.
        assertEquals(0, gated.firstUnitContaining(5));
        assertEquals(15, gated.lastUnitContaining(5));
        assertTrue(gated.firstUnitContaining(33) > gated.lastUnitContaining(33));
        assertTrue(gated.firstUnitContaining(-2) > gated.lastUnitContaining(-2));
        assertNotEquals(local, gated);
        assertEquals(gated, local.withContext(-1, 32));
        assertEquals(gated, gated.withContext(0, 5));        // already inside: the same context
        assertEquals(-3, gated.withContext(-3, 0).contextStart());
        assertTrue(gated.toString().endsWith(", context=[-1, 32]]"), gated.toString());
        assertThrows(IllegalArgumentException.class, () -> local.withContext(3, 2));
    }
}
