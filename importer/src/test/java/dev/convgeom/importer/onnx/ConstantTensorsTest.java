package dev.convgeom.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * ONNX's Slice, Reshape and Transpose on small constants. Expected values are numpy's for the same
 * operations ({@code a[::-1]}, {@code a[-1:-2**63+1:-1]}, {@code a.reshape(-1, 2).T}), worked out by
 * hand from the operator's definition, not from the code.
 */
class ConstantTensorsTest {

    private static final Constant ONE_TO_SIX = Constant.vector(1, 2, 3, 4, 5, 6);

    private static long[] l(long... v) {
        return v;
    }

    @Test
    void negativeStepsWalkBackwardsWithTheirOwnClamping() {
        // a[-1 : -inf : -1] reverses; a[4 : 1 : -2] is elements 4, 2; a[10 : -10 : -1] clamps to 5 .. 0.
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1},
                ConstantTensors.slice(ONE_TO_SIX, l(-1), l(-Long.MAX_VALUE), l(0), l(-1)).values());
        assertArrayEquals(new double[] {5, 3}, ConstantTensors.slice(ONE_TO_SIX, l(4), l(1), null, l(-2)).values());
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1},
                ConstantTensors.slice(ONE_TO_SIX, l(10), l(-10), null, l(-1)).values());
        // positive steps: a[1 : 100 : 2] is 2, 4, 6; a[-2 :] is 5, 6; a[4 : 2] is empty
        assertArrayEquals(new double[] {2, 4, 6}, ConstantTensors.slice(ONE_TO_SIX, l(1), l(100), null, l(2)).values());
        assertArrayEquals(new double[] {5, 6}, ConstantTensors.slice(ONE_TO_SIX, l(-2), l(Long.MAX_VALUE), null, null)
                .values());
        assertArrayEquals(new double[0], ConstantTensors.slice(ONE_TO_SIX, l(4), l(2), null, null).values());
        assertThrows(IllegalArgumentException.class, () -> ConstantTensors.slice(ONE_TO_SIX, l(0), l(1), null, l(0)));
    }

    @Test
    void torchsPadOrderComesOutOfReshapeSliceTransposeReshape() {
        // (left, right, top, bottom) = (1, 2, 3, 4), zeros for N and C: numpy gives [0, 0, 3, 1, 0, 0, 4, 2].
        Constant pads = new Constant(l(8), new double[] {1, 2, 3, 4, 0, 0, 0, 0});
        Constant pairs = ConstantTensors.reshape(pads, l(-1, 2));
        assertArrayEquals(l(4, 2), pairs.dims());
        Constant reversed = ConstantTensors.slice(pairs, l(-1), l(-Long.MAX_VALUE), l(0), l(-1));
        assertArrayEquals(new double[] {0, 0, 0, 0, 3, 4, 1, 2}, reversed.values());
        Constant columns = ConstantTensors.transpose(reversed, l(1, 0));
        assertArrayEquals(l(2, 4), columns.dims());
        Constant flat = ConstantTensors.reshape(columns, l(-1));
        assertArrayEquals(new double[] {0, 0, 3, 1, 0, 0, 4, 2}, flat.values());
    }

    @Test
    void reshapeCopiesZerosAndRefusesACountThatCannotMatch() {
        Constant m = new Constant(l(2, 3), new double[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(l(2, 3), ConstantTensors.reshape(m, l(0, -1)).dims());
        assertArrayEquals(l(3, 2, 1), ConstantTensors.transpose(ConstantTensors.reshape(m, l(1, 2, 3)), null).dims());
        assertThrows(IllegalArgumentException.class, () -> ConstantTensors.reshape(m, l(4, -1)));
        assertThrows(IllegalArgumentException.class, () -> ConstantTensors.reshape(m, l(-1, -1)));
    }
}
