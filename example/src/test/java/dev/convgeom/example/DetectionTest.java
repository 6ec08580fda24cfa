package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import dev.convgeom.detection.ImageTransform;
import dev.convgeom.detection.SsdPriorBox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector example against published values: Tiny YOLO v2's 13x13x125 output at 416
 * (pjreddie/darknet cfg/yolov2-tiny-voc.cfg: 416 / 2^5 = 13, filters = 5 x (20 + 5)); SSD300's
 * source maps 38, 19, 10, 5, 3, 1 and its 8732 default boxes (Liu et al., "SSD: Single Shot
 * MultiBox Detector", ECCV 2016, Fig. 2 and Sec. 3); field centres by hand, layer by layer.
 */
class DetectionTest {

    @Test
    void tinyYoloV2Grid() {
        LayerGeometry grid = TinyYoloV2Geometry.CONV9;
        assertEquals(new Shape(125, 13, 13), grid.output());
        // centre: +1/2 jump per 2x2 pool at jumps 1, 2, 4, 8, 16, 32 = 31.5; field: -1 jump per 3x3
        // convolution (jumps 1, 2, 4, 8, 16, 32, 32, 32) = -127; +1 jump per convolution and pool = 190
        AxisGeometry expected = AxisGeometry.uniform(416, 13, Ratio.of(32), Ratio.of(63, 2), -127, 190);
        assertEquals(expected, grid.x());
        assertEquals(expected, grid.y());
        assertEquals(new Point(16, 16), Detection.TINY_YOLO_ANCHORS.centerOffset(grid, 4, 9));
    }

    @Test
    void ssd300SourceLayersAndPriorCount() {
        List<LayerGeometry> sources = List.of(Ssd300Geometry.CONV4_3, Ssd300Geometry.FC7, Ssd300Geometry.CONV6_2,
                Ssd300Geometry.CONV7_2, Ssd300Geometry.CONV8_2, Ssd300Geometry.CONV9_2);
        int[] cells = {38, 19, 10, 5, 3, 1};
        // centres by hand: pools 1-4 add 1/2 jump at jumps 1, 2, 4, 8 (conv4_3 after three: 0.5 + 1 + 2 = 3.5,
        // fc7 after four: 7.5); 3x3 pad-1 convolutions, the stride-1 pad-1 pool5 and the dilated pad-6 fc6
        // keep it; conv6_2 and conv7_2 are 3x3 pad 1: 7.5; conv8_2 and conv9_2 are 3x3 pad 0: +1 jump (64) each
        double[] centres = {3.5, 7.5, 7.5, 7.5, 71.5, 135.5};
        // offsets: centre - ((0 + 0.5) * step - 0.5)
        double[] offsets = {0, 0, -8, -24, 22, -14};
        int priors = 0;
        for (int i = 0; i < sources.size(); i++) {
            LayerGeometry layer = sources.get(i);
            assertEquals(cells[i], layer.x().size(), layer.name());
            assertEquals(centres[i], layer.x().center(), layer.name());
            SsdPriorBox p = Detection.ssd300Priors(i);
            assertEquals(offsets[i], p.centerOffset(layer, 0, 0).x(), layer.name());
            priors += p.count(layer);
        }
        assertEquals(8732, priors);
    }

    /**
     * Every cell's field centre, taken to the original image and back through the generated
     * geometry: x = (31.5 + 32 u + 7/40) * 20/13, y = (31.5 + 32 v - 52 + 7/40) * 20/13 by hand from
     * the ultralytics letterbox of 640x480 into 416 (resize 416x312, 52 rows above).
     */
    @Test
    void cellsInTheOriginalImage() {
        ImageTransform letterbox = ImageTransform.letterbox(Detection.IMAGE, Size.square(416));
        for (int v = 0; v < 13; v++) {
            for (int u = 0; u < 13; u++) {
                Point p = letterbox.unitToImage(TinyYoloV2Geometry.CONV9, u, v);
                assertEquals((31.5 + 32 * u + 7 / 40.0) * 20 / 13, p.x(), 1e-9);
                assertEquals((31.5 + 32 * v - 52 + 7 / 40.0) * 20 / 13, p.y(), 1e-9);
            }
        }
    }

    /**
     * End to end by brute force: each cell's input pixels found by following every window of the
     * cfg's layers down to the input (sets of positions, padding kept as virtual positions), then
     * the original pixels whose areas overlap those pixels' areas under the letterbox (box
     * coordinates x' = 416/640 x, y' = 312/480 y + 52), by integer cross-multiplication over every
     * original pixel and every input pixel; against {@code fieldInImage}.
     */
    @Test
    void tinyYoloFieldsInTheImageByBruteForce() {
        ImageTransform letterbox = ImageTransform.letterbox(Detection.IMAGE, Size.square(416));
        for (int v = 0; v < 13; v += 3) {
            for (int u = 0; u < 13; u++) {
                java.util.SortedSet<Integer> xs = inputPixels(u);
                java.util.SortedSet<Integer> ys = inputPixels(v);
                int[] cols = overlapping(xs, 416, 0, 640, 640);
                int[] rows = overlapping(ys, 312, 52 * 480, 480, 480);
                dev.convgeom.Box got = letterbox.fieldInImage(TinyYoloV2Geometry.CONV9, u, v);
                assertEquals(new dev.convgeom.Box(cols[0], rows[0], cols[1], rows[1]), got, "cell " + u + ", " + v);
            }
        }
    }

    /** {k, s, pad before} of every layer of cfg/yolov2-tiny-voc.cfg along one axis, input first. */
    private static final int[][] TINY_YOLO_WINDOWS = {
        {3, 1, 1}, {2, 2, 0}, {3, 1, 1}, {2, 2, 0}, {3, 1, 1}, {2, 2, 0}, {3, 1, 1}, {2, 2, 0},
        {3, 1, 1}, {2, 2, 0}, {3, 1, 1}, {2, 1, 0}, {3, 1, 1}, {3, 1, 1}, {1, 1, 0},
    };

    private static java.util.SortedSet<Integer> inputPixels(int unit) {
        java.util.SortedSet<Integer> positions = new java.util.TreeSet<>(List.of(unit));
        for (int layer = TINY_YOLO_WINDOWS.length - 1; layer >= 0; layer--) {
            int[] w = TINY_YOLO_WINDOWS[layer];
            java.util.SortedSet<Integer> below = new java.util.TreeSet<>();
            for (int p : positions) {
                for (int t = 0; t < w[0]; t++) {
                    below.add(p * w[1] - w[2] + t);
                }
            }
            positions = below;
        }
        return positions;
    }

    /** Original pixels q whose area [q, q + 1] meets some input pixel's [p, p + 1] under x' = (a x + b) / c. */
    private static int[] overlapping(java.util.SortedSet<Integer> pixels, long a, long b, long c, int n) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int q = 0; q < n; q++) {
            for (int p : pixels) {
                if (a * q + b < (long) (p + 1) * c && a * (q + 1) + b > (long) p * c) {
                    first = Math.min(first, q);
                    last = Math.max(last, q);
                    break;
                }
            }
        }
        return new int[] {first, last};
    }

    @Test
    void runsAndDraws(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("anchors.svg");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Detection.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), svg);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("cells to the original image, exactly: conv9 -> image: y u' = 640/13 u - 813/26,"
                + " x u' = 640/13 u + 1267/26"), out);
        assertTrue(out.contains("8732 priors in all"), out);
        String drawing = Files.readString(svg);
        assertTrue(drawing.startsWith("<svg"));
        // 3 cells x 5 anchors twice (true and YOLO centres), 3 fields, the image, and YOLO's tiles
        // that reach into the image: 13 columns x 11 rows (rows 0 and 12, input rows 0..32 and
        // 384..416, lie wholly in the letterbox bands above 52 and below 364)
        assertEquals(1 + 13 * 11 + 3 + 30, count(drawing, "<rect"));
        assertEquals(6, count(drawing, "<circle"));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
