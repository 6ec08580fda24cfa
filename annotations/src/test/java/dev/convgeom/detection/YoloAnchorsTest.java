package dev.convgeom.detection;

import static dev.convgeom.detection.SsdPriorBoxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.Point;
import dev.convgeom.Ratio;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Against values computed by hand from darknet's published code (pjreddie/darknet): the anchors of
 * cfg/yolov2-tiny-voc.cfg ({@code 1.08,1.19, 3.42,4.41, 6.63,11.38, 9.42,5.11, 16.62,10.52},
 * width=height=416) and src/region_layer.c {@code get_region_box}: {@code b.x = (i + x) / w},
 * {@code b.w = exp(tw) * biases[2n] / w}, normalized by the 13-cell grid, so in input pixels at
 * the neutral prediction ({@code x = sigmoid(0) = 0.5}, {@code tw = 0}): {@code (i + 0.5) * 32}
 * and {@code 1.08 * 32}; channel layout {@code entry_index}: anchor n outer, then the locations.
 * YOLOv5's stride-8 anchors {@code 10,13, 16,30, 33,23} (models/yolov5s.yaml), decoded by
 * {@code Detect.forward}: {@code xy = (2 sigmoid - 0.5 + grid) * stride}, {@code wh = (2
 * sigmoid)^2 * anchor}: {@code ((i + 0.5) * 8, anchor)} at zero.
 */
class YoloAnchorsTest {

    private static final YoloAnchors TINY_VOC = YoloAnchors.inCells(1.08, 1.19, 3.42, 4.41, 6.63, 11.38, 9.42, 5.11,
            16.62, 10.52);

    @Test
    void tinyYoloV2() {
        var grid = Layers.tinyYoloV2();
        float[] anchors = new float[4 * TINY_VOC.count(grid)];
        assertEquals(5 * 169, TINY_VOC.count(grid));
        TINY_VOC.write(grid, anchors);
        // anchor 0, cell (0, 0): (16, 16), 1.08 * 32 = 34.56 by 1.19 * 32 = 38.08
        assertArrayEquals(new float[] {16, 16, 34.56f, 38.08f}, Arrays.copyOf(anchors, 4), 1e-4f);
        // anchor 0, cell (1, 0): x 48
        assertArrayEquals(new float[] {48, 16, 34.56f, 38.08f}, Arrays.copyOfRange(anchors, 4, 8), 1e-4f);
        // anchor 0, cell (0, 1): the 14th location
        assertArrayEquals(new float[] {16, 48, 34.56f, 38.08f}, Arrays.copyOfRange(anchors, 52, 56), 1e-4f);
        // anchor 1 starts after 169 locations: 3.42 * 32 = 109.44, 4.41 * 32 = 141.12
        assertArrayEquals(new float[] {16, 16, 109.44f, 141.12f}, Arrays.copyOfRange(anchors, 676, 680), 1e-4f);
        // last: anchor 4, cell (12, 12): 12.5 * 32 = 400, 16.62 * 32 = 531.84, 10.52 * 32 = 336.64
        assertArrayEquals(new float[] {400, 400, 531.84f, 336.64f},
                Arrays.copyOfRange(anchors, anchors.length - 4, anchors.length), 1e-4f);
    }

    @Test
    void tinyYoloV2CentresAreHalfACellOffTheFields() {
        var grid = Layers.tinyYoloV2();
        // prior 16 in box coordinates = 15.5 as a pixel centre; field 31.5
        assertEquals(new Point(15.5, 15.5), TINY_VOC.priorCenter(grid, 0, 0));
        assertEquals(new Point(16, 16), TINY_VOC.centerOffset(grid, 0, 0));
        assertEquals(new Point(16, 16), TINY_VOC.centerOffset(grid, 12, 5));
    }

    @Test
    void yolov5AnchorsInPixels() {
        var p3 = Layers.square("p3", 640, 80, Ratio.of(8), Ratio.of(7, 2), -20, 27);
        YoloAnchors v5 = YoloAnchors.inPixels(10, 13, 16, 30, 33, 23);
        float[] anchors = new float[4 * v5.count(p3)];
        v5.write(p3, anchors);
        assertArrayEquals(new float[] {4, 4, 10, 13}, Arrays.copyOf(anchors, 4));
        assertArrayEquals(new float[] {4, 4, 16, 30}, Arrays.copyOfRange(anchors, 4 * 6400, 4 * 6400 + 4));
    }

    @Test
    void tilesAndAssignment() {
        var grid = Layers.tinyYoloV2();
        assertEquals(new Rect(0, 0, 32, 32), YoloAnchors.tile(grid, 0, 0));
        assertEquals(new Rect(384, 32, 416, 64), YoloAnchors.tile(grid, 12, 1));
        assertEquals(0, YoloAnchors.cellColumn(grid, 31.99));
        assertEquals(1, YoloAnchors.cellColumn(grid, 32));
        assertEquals(0, YoloAnchors.cellRow(grid, -5));
        assertEquals(12, YoloAnchors.cellRow(grid, 500));
    }

    @Test
    void badInputIsNamed() {
        assertMessage("anchors: expected width, height pairs, got 3 values", () -> YoloAnchors.inCells(1, 2, 3));
        assertMessage("anchors is empty", YoloAnchors::inPixels);
        assertMessage("anchors[1] is NaN", () -> YoloAnchors.inPixels(1, Double.NaN));
        assertMessage("x is NaN", () -> YoloAnchors.cellColumn(Layers.tinyYoloV2(), Double.NaN));
    }
}
