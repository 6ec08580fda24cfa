package dev.convgeom.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Size;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Against values computed by hand from Caffe SSD's published code: weiliu89/caffe, branch ssd,
 * src/caffe/layers/prior_box_layer.cpp, PriorBoxLayer::Forward_cpu:
 * {@code center_x = (w + offset_) * step_w}; per min size {@code m} (read into an int), the
 * square {@code m}, the square {@code sqrt(m * M)}, then {@code (m sqrt(ar), m / sqrt(ar))} for
 * each ratio other than 1; each box as {@code ((cx - bw/2) / img_w, (cy - bh/2) / img_h, (cx +
 * bw/2) / img_w, (cy + bh/2) / img_h)}. The SSD300 parameters are those of
 * examples/ssd/ssd_pascal.py on that branch: min sizes 30, 60, 111, 162, 213, 264, max sizes 60,
 * 111, 162, 213, 264, 315, steps 8, 16, 32, 64, 100, 300, aspect ratios [2], [2, 3], [2, 3],
 * [2, 3], [2], [2], flip, no clip, offset 0.5.
 */
class SsdPriorBoxTest {

    private static final float EPS = 1e-6f;

    @Test
    void ssd300Conv4_3FirstCell() {
        SsdPriorBox conv4_3 = SsdPriorBox.of(30, 60, 2).withStep(8);
        assertEquals(4, conv4_3.perCell());
        float[] priors = new float[4 * 38 * 38 * 4];
        conv4_3.write(Size.square(38), Size.square(300), priors);
        // cell (0, 0): centre (0 + 0.5) * 8 = 4
        // min 30: (4 - 15) / 300 = -0.0366667, (4 + 15) / 300 = 0.0633333
        // max: sqrt(30 * 60) = 42.4264069, half 21.2132034: -0.0573773, 0.0840440
        // ar 2: 30 sqrt 2 = 42.4264069 wide, 30 / sqrt 2 = 21.2132034 high; ar 1/2 the other way
        float[] expected = {
            -0.0366667f, -0.0366667f, 0.0633333f, 0.0633333f,
            -0.0573773f, -0.0573773f, 0.0840440f, 0.0840440f,
            -0.0573773f, -0.0220220f, 0.0840440f, 0.0486887f,
            -0.0220220f, -0.0573773f, 0.0486887f, 0.0840440f,
        };
        assertArrayEquals(expected, Arrays.copyOf(priors, 16), EPS);
        // cell (1, 0), right after cell (0, 0)'s four priors: centre x 12, y 4; min 30: -0.01, 0.09
        assertArrayEquals(new float[] {-0.01f, -0.0366667f, 0.09f, 0.0633333f}, Arrays.copyOfRange(priors, 16, 20), EPS);
        // last cell (37, 37): centre 37.5 * 8 = 300: (300 - 15) / 300 = 0.95, 1.05
        int last = 4 * 4 * (38 * 38 - 1);
        assertArrayEquals(new float[] {0.95f, 0.95f, 1.05f, 1.05f}, Arrays.copyOfRange(priors, last, last + 4), EPS);
    }

    @Test
    void ssd300Conv9_2() {
        SsdPriorBox conv9_2 = SsdPriorBox.of(264, 315, 2).withStep(300);
        float[] priors = new float[16];
        conv9_2.write(Size.square(1), Size.square(300), priors);
        // centre 150; min 264: (150 - 132) / 300 = 0.06; sqrt(264 * 315) = 288.3747563: 0.0193754;
        // ar 2: 373.3523805 x 186.6761902: (150 - 186.6761902) / 300 = -0.1222540, (150 - 93.3380951) / 300 = 0.1888730
        float[] expected = {
            0.06f, 0.06f, 0.94f, 0.94f,
            0.0193754f, 0.0193754f, 0.9806246f, 0.9806246f,
            -0.1222540f, 0.1888730f, 1.1222540f, 0.8111270f,
            0.1888730f, -0.1222540f, 0.8111270f, 1.1222540f,
        };
        assertArrayEquals(expected, priors, EPS);
    }

    @Test
    void clipLimitsToTheUnitSquare() {
        float[] priors = new float[16];
        SsdPriorBox.of(264, 315, 2).withStep(300).withClip(true).write(Size.square(1), Size.square(300), priors);
        assertArrayEquals(new float[] {0f, 0.1888730f, 1f, 0.8111270f}, Arrays.copyOfRange(priors, 8, 12), EPS);
    }

    @Test
    void defaultStepIsImageOverMapNotTheJump() {
        // no step: step_w = 300 / 19 as a float; centre of cell 0 = 0.5 * 300 / 19 = 150 / 19;
        // min 60: (150/19 - 30) / 300 = -420 / 5700 = -0.0736842
        float[] priors = new float[4 * 19 * 19 * 6];
        SsdPriorBox.of(60, 111, 2, 3).write(Size.square(19), Size.square(300), priors);
        assertEquals(-0.0736842f, priors[0], EPS);
        assertEquals(300.0 / 19, SsdPriorBox.of(60, 111).stepX(Size.square(19), Size.square(300)), 1e-5);
    }

    @Test
    void fractionalSizesAreTruncatedAsCaffeDoes() {
        // SSD512's conv4_3 has min_size 35.84; Forward_cpu reads it into `int min_size_`: 35.
        // centre 0.5 * 8 = 4, image 512: (4 - 17.5) / 512 = -0.0263671875
        float[] priors = new float[4 * 4];
        SsdPriorBox.of(35.84, 76.8, 2).withStep(8).write(Size.square(1), Size.square(512), priors);
        assertEquals(-0.0263671875f, priors[0], EPS);
    }

    @Test
    void aspectRatiosInCaffesOrder() {
        // LayerSetUp: start from 1, append each new ratio and, with flip, its reciprocal
        assertArrayEquals(new double[] {1, 2, 0.5, 3, 1 / 3.0}, SsdPriorBox.of(60, 111, 2, 3).aspectRatios(), 1e-7);
        assertArrayEquals(new double[] {1, 2, 0.5}, SsdPriorBox.of(60, 111, 2, 2, 1).aspectRatios(), 1e-7);
        SsdPriorBox noFlip = SsdPriorBox.of(new double[] {30}, new double[0], new double[] {2}, false);
        assertArrayEquals(new double[] {1, 2}, noFlip.aspectRatios(), 1e-7);
        assertEquals(2, noFlip.perCell());
        // ssd_pascal.py's fc7: [2, 3] with flip and a max size: 5 + 1 = 6 priors per cell
        assertEquals(6, SsdPriorBox.of(60, 111, 2, 3).perCell());
    }

    @Test
    void centreOffsetsOfSsd300sExtraLayers() {
        // conv6_2 of SSD300: 10x10, jump 32, field centre 7.5 (see the example's Ssd300 for the
        // walk); the prior centre is (0 + 0.5) * 32 = 16 in box coordinates, 15.5 as a pixel centre
        var conv6_2 = Layers.square("conv6_2", 300, 10, Ratio.of(32), Ratio.of(15, 2), -1000, 1000);
        SsdPriorBox priors = SsdPriorBox.of(111, 162, 2, 3).withStep(32);
        assertEquals(new Point(15.5, 15.5), priors.priorCenter(conv6_2, 0, 0));
        assertEquals(new Point(-8, -8), priors.centerOffset(conv6_2, 0, 0));
        assertEquals(new Point(-8, -8), priors.centerOffset(conv6_2, 9, 9));
        // conv8_2: 3x3, jump 64, centre 71.5, step 100: 71.5 - 49.5 = 22 at cell 0, 22 - 36 per cell
        var conv8_2 = Layers.square("conv8_2", 300, 3, Ratio.of(64), Ratio.of(143, 2), -1000, 1000);
        SsdPriorBox p8 = SsdPriorBox.of(213, 264, 2).withStep(100);
        assertEquals(new Point(22, 22), p8.centerOffset(conv8_2, 0, 0));
        assertEquals(new Point(-50, 22), p8.centerOffset(conv8_2, 2, 0));
    }

    @Test
    void badInputIsNamed() {
        assertMessage("min sizes[0] is NaN", () -> SsdPriorBox.of(Double.NaN, 60));
        assertMessage("max sizes[0] = 20.0 must be greater than min sizes[0] = 30.0", () -> SsdPriorBox.of(30, 20));
        assertMessage("min sizes is empty", () -> SsdPriorBox.of(new double[0], new double[0], new double[0], true));
        assertMessage("aspect ratios[1] must be a finite number > 0, was -2.0", () -> SsdPriorBox.of(30, 60, 2, -2));
        assertMessage("step x must be a finite number > 0, was 0.0", () -> SsdPriorBox.of(30, 60).withStep(0));
        assertMessage("give no max size or one per min size: 2 min sizes, 1 max sizes",
                () -> SsdPriorBox.of(new double[] {30, 40}, new double[] {60}, new double[0], true));
        assertMessage("need 64 floats (4 per prior, 4 priors per cell of 2x2), got an array of 63",
                () -> SsdPriorBox.of(30, 60, 2).write(Size.square(2), Size.square(300), new float[63]));
    }

    static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
