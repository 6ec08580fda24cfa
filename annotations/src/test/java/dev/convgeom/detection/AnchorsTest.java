package dev.convgeom.detection;

import static dev.convgeom.detection.SsdPriorBoxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AnchorsTest {

    @Test
    void centredOnTheFieldInBoxCoordinates() {
        // Tiny YOLO v2's cell (0, 0): field -127..190, centre 31.5 as a pixel centre, 32 as a box coordinate
        Anchors anchors = Anchors.sizesAndRatios(new double[] {32}, new double[] {1, 4});
        float[] boxes = new float[4 * anchors.count(Layers.tinyYoloV2())];
        anchors.write(Layers.tinyYoloV2(), boxes);
        // ratio 1: 32 x 32 around 32; ratio 4 (h / w): 32 / 2 = 16 wide, 32 * 2 = 64 high
        assertArrayEquals(new float[] {16, 16, 48, 48, 24, 0, 40, 64}, Arrays.copyOf(boxes, 8));
        assertEquals(new Point(0, 0), anchors.centerOffset(Layers.tinyYoloV2(), 7, 3));
    }

    /**
     * Oracle: the centre of the field box {@code receptiveField} reports, plus the half pixel to
     * box coordinates, for fractional centres and random sizes; the order is cell-major, rows outer.
     */
    @Property(tries = 200)
    void everyAnchorIsCentredOnItsCellsField(@ForAll @IntRange(min = 1, max = 9) int size,
                                             @ForAll @IntRange(min = 1, max = 40) int jump,
                                             @ForAll @IntRange(min = -50, max = 50) int lo,
                                             @ForAll @IntRange(min = 0, max = 60) int extent) {
        int hi = lo + extent;
        LayerGeometry layer = Layers.square("l", 500, size, Ratio.of(jump), Ratio.of(lo + hi, 2), lo, hi);
        Anchors anchors = Anchors.of(10, 20, 7, 3);
        double[] boxes = new double[4 * anchors.count(layer)];
        anchors.write(layer, boxes);
        for (int uy = 0; uy < size; uy++) {
            for (int ux = 0; ux < size; ux++) {
                Box field = layer.receptiveField(ux, uy);
                double cx = (field.left() + field.right() + 1) / 2.0;
                double cy = (field.top() + field.bottom() + 1) / 2.0;
                int i = 4 * 2 * (uy * size + ux);
                assertArrayEquals(new double[] {cx - 5, cy - 10, cx + 5, cy + 10, cx - 3.5, cy - 1.5, cx + 3.5, cy + 1.5},
                        Arrays.copyOfRange(boxes, i, i + 8), 1e-9);
            }
        }
    }

    @Test
    void pyramidLevelsFollowEachOther() {
        // two levels of a stride-8 and a stride-16 map, centres 3.5 and 7.5 (box coordinates 4 and 8)
        LayerGeometry p3 = Layers.square("p3", 32, 4, Ratio.of(8), Ratio.of(7, 2), -4, 11);
        LayerGeometry p4 = Layers.square("p4", 32, 2, Ratio.of(16), Ratio.of(15, 2), -8, 23);
        float[] all = new float[4 * (16 + 4)];
        assertEquals(all.length, Anchors.writeLevels(java.util.List.of(Anchors.of(8, 8), Anchors.of(16, 16)),
                java.util.List.of(p3, p4), all));
        assertArrayEquals(new float[] {0, 0, 8, 8}, Arrays.copyOf(all, 4));
        assertArrayEquals(new float[] {0, 0, 16, 16}, Arrays.copyOfRange(all, 64, 68));
        // p4's last cell (1, 1): centre 8 + 16 = 24
        assertArrayEquals(new float[] {16, 16, 32, 32}, Arrays.copyOfRange(all, 76, 80));
        assertMessage("need 80 floats (4 per anchor over 2 levels), got an array of 79",
                () -> Anchors.writeLevels(java.util.List.of(Anchors.of(8, 8), Anchors.of(16, 16)),
                        java.util.List.of(p3, p4), new float[79]));
    }

    @Test
    void badInputIsNamed() {
        assertMessage("anchor sizes[2] must be a finite number > 0, was 0.0", () -> Anchors.of(1, 2, 0, 4));
        assertMessage("anchor sizes: expected width, height pairs, got 1 values", () -> Anchors.of(1));
        assertMessage("aspect ratios is empty", () -> Anchors.sizesAndRatios(new double[] {1}, new double[0]));
        assertMessage("sizes[0] must be a finite number > 0, was Infinity",
                () -> Anchors.sizesAndRatios(new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
        assertMessage("need 8 doubles (4 per anchor), got an array of 7",
                () -> Anchors.of(1, 1, 2, 2).write(Layers.square("l", 10, 1, Ratio.of(1), Ratio.of(0), 0, 0), new double[7]));
    }
}
