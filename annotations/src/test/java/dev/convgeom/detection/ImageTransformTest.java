package dev.convgeom.detection;

import static dev.convgeom.detection.SsdPriorBoxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.AxisMap;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Size;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Hand values from the published rounding rules (sources on each test), and two oracles that know
 * nothing of the affine maps: {@link ResampleOracle}'s pixel-by-pixel simulation of the resampling
 * code, and its integer footprint over every original pixel.
 */
class ImageTransformTest {

    // ---- hand values -------------------------------------------------------------------------

    /**
     * ultralytics/yolov5 utils/augmentations.py letterbox (and ultralytics LetterBox with
     * auto=False): r = min(416/480, 416/640) = 0.65; new_unpad = (round(640 * 0.65), round(480 *
     * 0.65)) = (416, 312); dh = (416 - 312) / 2 = 52: top round(51.9) = 52, bottom round(52.1) = 52.
     * Half-pixel resize: x' = 13/20 (x + 1/2) - 1/2 = 13/20 x - 7/40; y' = 13/20 y - 7/40 + 52.
     */
    @Test
    void ultralyticsLetterbox640x480To416() {
        ImageTransform t = ImageTransform.letterbox(Size.of(640, 480), Size.square(416));
        assertEquals(new AxisMap(Ratio.of(13, 20), Ratio.of(-7, 40)), t.x());
        assertEquals(new AxisMap(Ratio.of(13, 20), Ratio.of(2073, 40)), t.y());
        assertEquals(new Box(0, 52, 415, 363), t.contentInInput());
        assertEquals(Size.square(416), t.input());
    }

    /** Same code, 640x427 into 640x640: r = 1, dh = 213 / 2 = 106.5: top round(106.4) = 106, bottom round(106.6) = 107. */
    @Test
    void ultralyticsPutsTheOddPixelAfter() {
        ImageTransform t = ImageTransform.letterbox(Size.of(640, 427), Size.square(640));
        assertEquals(new AxisMap(Ratio.of(1), Ratio.of(106)), t.y());
        assertEquals(new Box(0, 106, 639, 532), t.contentInInput());
    }

    /**
     * Same code, 100x33 into 50x50: r = 0.5, new height round(16.5) = 16 (Python rounds halves to
     * even), dh = 17: top round(16.9) = 17. A half-up rounding would give 17 rows from row 16.
     */
    @Test
    void ultralyticsRoundsTheResizedSizeHalfToEven() {
        ImageTransform t = ImageTransform.letterbox(Size.of(100, 33), Size.square(50));
        assertEquals(new Box(0, 17, 49, 32), t.contentInInput());
        assertEquals(Ratio.of(16, 33), t.y().scale());
    }

    /**
     * ultralytics LetterBox(auto=True, stride=32) (ultralytics/data/augment.py; yolov5
     * utils/augmentations.py letterbox): 1280x720 into 640: r = 0.5, new_unpad (640, 360), dh =
     * (640 - 360) mod 32 = 24, 12 rows above and below: a 640x384 input, YOLOv5's familiar
     * "384x640" for 16:9 images; 640x480 into 640: dh = 160 mod 32 = 0, no padding at all.
     */
    @Test
    void ultralyticsMinimalLetterbox() {
        ImageTransform t = ImageTransform.letterbox(Size.of(1280, 720), Size.square(640), 32);
        assertEquals(Size.of(640, 384), t.input());
        assertEquals(new Box(0, 12, 639, 371), t.contentInInput());
        assertEquals(Size.of(640, 480), ImageTransform.letterbox(Size.of(640, 480), Size.square(640), 32).input());
        assertMessage("stride must be at least 1, was 0", () -> ImageTransform.letterbox(Size.of(64, 48), Size.square(64), 0));
    }

    /**
     * pjreddie/darknet src/image.c letterbox_image: 416/640 < 416/480, so new_w = 416, new_h =
     * (480 * 416) / 640 = 312, embedded at ((416 - 416) / 2, (416 - 312) / 2) = (0, 52);
     * resize_image aligns corners: x' = x * 415/639, y' = y * 311/479 + 52.
     */
    @Test
    void darknetLetterbox640x480To416() {
        ImageTransform t = ImageTransform.darknetLetterbox(Size.of(640, 480), Size.square(416));
        assertEquals(new AxisMap(Ratio.of(415, 639), Ratio.of(0)), t.x());
        assertEquals(new AxisMap(Ratio.of(311, 479), Ratio.of(52)), t.y());
        assertEquals(new Box(0, 52, 415, 363), t.contentInInput());
    }

    /**
     * torchvision transforms/functional.py center_crop: crop_top = int(round((image_height -
     * crop_height) / 2.0)): 256 -> 224 starts at 16; 257 -> 224 at round(16.5) = 16; 255 -> 224 at
     * round(15.5) = 16; a crop larger than the image pads (224 - 200) // 2 = 12 before it.
     */
    @Test
    void torchvisionCenterCrop() {
        assertEquals(Ratio.of(-16), ImageTransform.centerCrop(Size.square(256), Size.square(224)).x().offset());
        assertEquals(Ratio.of(-16), ImageTransform.centerCrop(Size.of(257, 255), Size.square(224)).x().offset());
        assertEquals(Ratio.of(-16), ImageTransform.centerCrop(Size.of(257, 255), Size.square(224)).y().offset());
        assertEquals(Ratio.of(12), ImageTransform.centerCrop(Size.of(200, 300), Size.square(224)).x().offset());
        assertEquals(Ratio.of(-38), ImageTransform.centerCrop(Size.of(200, 300), Size.square(224)).y().offset());
    }

    /**
     * torchvision Resize(256) then CenterCrop(224) of a 640x480 image: _compute_resized_output_size
     * gives the shorter side 256 and the longer int(256 * 640 / 480) = int(341.33) = 341; the crop
     * starts at round((341 - 224) / 2) = round(58.5) = 58 and round((256 - 224) / 2) = 16.
     * x' = 341/640 (x + 1/2) - 1/2 - 58.
     */
    @Test
    void torchvisionResizeThenCenterCrop() {
        ImageTransform resize = ImageTransform.resizeShorterSide(Size.of(640, 480), 256);
        assertEquals(Size.of(341, 256), resize.input());
        ImageTransform t = resize.then(ImageTransform.centerCrop(resize.input(), Size.square(224)));
        assertEquals(new AxisMap(Ratio.of(341, 640), Ratio.of(341, 1280).minus(Ratio.of(1, 2)).minus(Ratio.of(58))), t.x());
        assertEquals(Size.square(224), t.input());
    }

    /**
     * Tiny YOLO v2 behind the 640x480 letterbox: cell u's field centre 31.5 + 32 u (input pixels)
     * is x = (31.5 + 32 u + 7/40) * 20/13 = 640/13 u + 1267/26 in the original, and
     * y = (31.5 + 32 u - 2073/40) * 20/13 = 640/13 u - 813/26.
     */
    @Test
    void unitsToTheOriginalImageExactly() {
        ImageTransform t = ImageTransform.letterbox(Size.of(640, 480), Size.square(416));
        LayerMap back = t.toLayer(Layers.tinyYoloV2()).inverse();
        assertEquals(new AxisMap(Ratio.of(640, 13), Ratio.of(1267, 26)), back.x());
        assertEquals(new AxisMap(Ratio.of(640, 13), Ratio.of(-813, 26)), back.y());
        assertEquals("conv9", back.from());
        assertEquals("image", back.to());
        Point p = t.unitToImage(Layers.tinyYoloV2(), 6, 6);
        assertEquals(640.0 / 13 * 6 + 1267.0 / 26, p.x(), 1e-9);
        Point u = t.imageToUnit(Layers.tinyYoloV2(), p.x(), p.y());
        assertEquals(6, u.x(), 1e-9);
        assertEquals(6, u.y(), 1e-9);
    }

    /**
     * Tiny YOLO v2's cell (6, 6) anchor 0 in the network input is centred on 208 (box coordinates),
     * 34.56 x 38.08: [190.72, 188.96, 225.28, 227.04]. In the original, box coordinates scale by
     * 20/13 after removing the 52-row band: x 293.41538, 346.58462; y 210.70769, 269.29231.
     */
    @Test
    void anchorsBackToTheOriginalImage() {
        ImageTransform t = ImageTransform.letterbox(Size.of(640, 480), Size.square(416));
        Rect r = t.boxToImage(new Rect(190.72, 188.96, 225.28, 227.04));
        assertEquals(293.41538, r.left(), 1e-5);
        assertEquals(210.70769, r.top(), 1e-5);
        assertEquals(346.58462, r.right(), 1e-5);
        assertEquals(269.29231, r.bottom(), 1e-5);
        // clipped: a box reaching into the band above the image stops at row 0
        Rect clipped = t.boxToImage(new Rect(-10, 0, 30, 60));
        assertEquals(0, clipped.left());
        assertEquals(0, clipped.top());
        assertEquals(30 * 20 / 13.0, clipped.right(), 1e-9);
        assertEquals(8 * 20 / 13.0, clipped.bottom(), 1e-9);
        float[] boxes = {190.72f, 188.96f, 225.28f, 227.04f, -10, 0, 30, 60};
        t.boxesToImage(boxes, 2);
        assertArrayEquals(new float[] {293.41538f, 210.70769f, 346.58462f, 269.29231f, 0, 0, 600 / 13f, 160 / 13f}, boxes, 1e-3f);
        Rect there = t.boxToInput(r);
        assertEquals(190.72, there.left(), 1e-9);
        assertEquals(227.04, there.bottom(), 1e-9);
    }

    // ---- the simulation oracle ----------------------------------------------------------------

    @Test
    void mapsAgreeWithTheSimulatedResampling() {
        // letterbox 640x480 -> 416 (ultralytics): resize columns 640 -> 416, rows 480 -> 312, pad rows 52 + 52
        ImageTransform u = ImageTransform.letterbox(Size.of(640, 480), Size.square(416));
        checkAgainst(ResampleOracle.halfPixel(640, 416), u.x());
        checkAgainst(ResampleOracle.pad(ResampleOracle.halfPixel(480, 312), 52, 52), u.y());
        // 640x427 -> 640: rows copied, padded 106 before and 107 after
        ImageTransform odd = ImageTransform.letterbox(Size.of(640, 427), Size.square(640));
        checkAgainst(ResampleOracle.pad(ResampleOracle.ramp(427), 106, 107), odd.y());
        // darknet 640x480 -> 416: aligned corners, rows 480 -> 312 placed at 52
        ImageTransform d = ImageTransform.darknetLetterbox(Size.of(640, 480), Size.square(416));
        checkAgainst(ResampleOracle.alignCorners(640, 416), d.x());
        checkAgainst(ResampleOracle.pad(ResampleOracle.alignCorners(480, 312), 52, 52), d.y());
        // torchvision Resize(256) + CenterCrop(224) of 640x480: columns 640 -> 341, from 58
        ImageTransform tv = ImageTransform.resizeShorterSide(Size.of(640, 480), 256)
                .then(ImageTransform.centerCrop(Size.of(341, 256), Size.square(224)));
        checkAgainst(ResampleOracle.crop(ResampleOracle.halfPixel(640, 341), 58, 224), tv.x());
        checkAgainst(ResampleOracle.crop(ResampleOracle.halfPixel(480, 256), 16, 224), tv.y());
    }

    @Property(tries = 300)
    void resizeAndPadAgreeWithTheSimulation(@ForAll @IntRange(min = 2, max = 300) int from,
                                            @ForAll @IntRange(min = 2, max = 300) int to,
                                            @ForAll @IntRange(min = 0, max = 40) int before,
                                            @ForAll @IntRange(min = 0, max = 40) int after,
                                            @ForAll boolean corners) {
        Size original = Size.of(from, 7);
        Size resized = Size.of(to, 7);
        ImageTransform t = (corners ? ImageTransform.resizeAlignCorners(original, resized)
                : ImageTransform.resize(original, resized)).then(ImageTransform.pad(resized, before, 0, after, 0));
        double[] row = corners ? ResampleOracle.alignCorners(from, to) : ResampleOracle.halfPixel(from, to);
        checkAgainst(ResampleOracle.pad(row, before, after), t.x());
        // padding pixels come from outside the image: beyond its edges (-1/2, from - 1/2) for a
        // half-pixel resize, beyond its first and last pixel centres for aligned corners (which
        // map the edges past the centres of the input's first and last pixels)
        AxisMap back = t.x().inverse();
        double first = corners ? 0 : -0.5;
        double last = corners ? from - 1 : from - 0.5;
        for (int i = 0; i < before; i++) {
            assertTrue(back.apply(i) < first, "padding pixel " + i);
        }
        for (int i = before + to; i < before + to + after; i++) {
            assertTrue(back.apply(i) > last, "padding pixel " + i);
        }
    }

    /** Each input pixel holding a sampled coordinate (not NaN: padding, or clamped at a border) maps back to it. */
    private static void checkAgainst(double[] simulated, AxisMap map) {
        AxisMap back = map.inverse();
        int checked = 0;
        for (int i = 0; i < simulated.length; i++) {
            double v = back.apply(i);
            if (!Double.isNaN(simulated[i])) {
                assertEquals(simulated[i], v, 1e-9, "input pixel " + i);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    // ---- the footprint oracle -----------------------------------------------------------------

    /** Tiny YOLO v2 behind the ultralytics letterbox: box coordinates x' = 416/640 x, y' = 312/480 y + 52. */
    @Test
    void tinyYoloFieldsInTheOriginalImage() {
        LayerGeometry grid = Layers.tinyYoloV2();
        ImageTransform t = ImageTransform.letterbox(Size.of(640, 480), Size.square(416));
        for (int uy = 0; uy < 13; uy++) {
            for (int ux = 0; ux < 13; ux++) {
                Box field = grid.receptiveField(ux, uy);
                int[] xs = ResampleOracle.footprint(416, 0, 640, 640, field.left(), field.right());
                int[] ys = ResampleOracle.footprint(312, 52 * 480, 480, 480, field.top(), field.bottom());
                assertEquals(box(xs, ys), t.fieldInImage(grid, ux, uy), "cell " + ux + ", " + uy);
            }
        }
        // cell (0, 0) reads input -127..190: columns 0..(191 * 640/416 = 293.8) -> 0..293,
        // rows (191 - 52) * 480/312 = 213.8 -> 0..213
        assertEquals(new Box(0, 0, 293, 213), t.fieldInImage(grid, 0, 0));
    }

    @Property(tries = 300)
    void fieldsInTheOriginalImageAgreeWithTheFootprint(@ForAll @IntRange(min = 1, max = 120) int from,
                                                       @ForAll @IntRange(min = 1, max = 120) int to,
                                                       @ForAll @IntRange(min = -30, max = 30) int pad,
                                                       @ForAll @IntRange(min = 1, max = 8) int jump,
                                                       @ForAll @IntRange(min = -20, max = 10) int lo,
                                                       @ForAll @IntRange(min = 0, max = 40) int extent,
                                                       @ForAll boolean corners) {
        if (corners && (from < 2 || to < 2)) {
            return;
        }
        Size resized = Size.of(to, 5);
        if (to + 2L * pad < 1) {
            return;
        }
        Size original = Size.of(from, 5);
        ImageTransform t = (corners ? ImageTransform.resizeAlignCorners(original, resized)
                : ImageTransform.resize(original, resized)).then(ImageTransform.pad(resized, pad, 0, pad, 0));
        int input = to + 2 * pad;
        int size = Math.max(1, input / jump);
        LayerGeometry layer = new LayerGeometry("l", "Conv", new dev.convgeom.Shape(1, 1, size),
                dev.convgeom.AxisGeometry.uniform(5, 1, Ratio.of(1), Ratio.of(0), 0, 0),
                dev.convgeom.AxisGeometry.uniform(input, size, Ratio.of(jump), Ratio.of(2L * lo + extent, 2), lo, lo + extent),
                null, -1);
        // forward maps in box coordinates, by hand: half-pixel x' = (to x + pad from) / from;
        // aligned corners x' = ((x - 1/2)(to - 1) / (from - 1)) + 1/2 + pad
        //                    = (2 (to - 1) x - (to - 1) + (2 pad + 1)(from - 1)) / (2 (from - 1))
        long a = corners ? 2L * (to - 1) : to;
        long b = corners ? -(to - 1) + (2L * pad + 1) * (from - 1) : (long) pad * from;
        long c = corners ? 2L * (from - 1) : from;
        for (int u = 0; u < size; u++) {
            int[] xs = ResampleOracle.footprint(a, b, c, from, layer.x().fieldStart(u), layer.x().fieldEnd(u));
            Box got = t.fieldInImage(layer, u, 0);
            if (xs[0] > xs[1]) {
                assertTrue(got.isEmpty(), "unit " + u + ": " + got);
            } else {
                assertEquals(xs[0], got.left(), "unit " + u);
                assertEquals(xs[1], got.right(), "unit " + u);
            }
        }
    }

    private static Box box(int[] xs, int[] ys) {
        return new Box(xs[0], ys[0], xs[1], ys[1]);
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void badInputIsNamed() {
        ImageTransform lb = ImageTransform.letterbox(Size.of(640, 480), Size.square(640));
        assertMessage("cannot follow 'letterbox 640x480 -> 640x640", () -> lb.then(ImageTransform.identity(Size.square(416))));
        assertMessage("layer 'conv9' belongs to a network with a 416x416 input, but this transform makes 640x640",
                () -> lb.fieldInImage(Layers.tinyYoloV2(), 0, 0));
        assertMessage("aligned corners need at least 2 pixels per axis, the width goes from 1 to 5",
                () -> ImageTransform.resizeAlignCorners(Size.of(1, 5), Size.of(5, 5)));
        assertMessage("leaves -2x10 pixels", () -> ImageTransform.pad(Size.square(10), -6, 0, -6, 0));
        assertMessage("shorter side must be at least 1, was 0", () -> ImageTransform.resizeShorterSide(Size.square(10), 0));
        assertMessage("top is NaN", () -> new Rect(0, Double.NaN, 1, 1));
        assertMessage("width must be a finite number >= 0, was -1.0", () -> Rect.centered(0, 0, -1, 1));
        assertMessage("need 8 floats (4 per box), got an array of 4", () -> lb.boxesToImage(new float[4], 2));
    }
}
