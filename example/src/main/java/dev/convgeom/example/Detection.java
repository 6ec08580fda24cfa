package dev.convgeom.example;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.Point;
import dev.convgeom.Size;
import dev.convgeom.detection.Anchors;
import dev.convgeom.detection.Cell;
import dev.convgeom.detection.ImageTransform;
import dev.convgeom.detection.Rect;
import dev.convgeom.detection.SsdPriorBox;
import dev.convgeom.detection.YoloAnchors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A detector head on a real backbone: Tiny YOLO v2's anchors for a 640x480 image letterboxed to
 * its 416x416 input, mapped back onto the image and drawn as SVG; then SSD300's prior centres
 * against its fields. {@link Main} runs it last; {@link #main} runs it alone.
 */
public final class Detection {

    /** Tiny YOLO v2's VOC anchors, in cells ({@code cfg/yolov2-tiny-voc.cfg}). */
    static final YoloAnchors TINY_YOLO_ANCHORS = YoloAnchors.inCells(1.08, 1.19, 3.42, 4.41, 6.63, 11.38,
            9.42, 5.11, 16.62, 10.52);

    /** The user's image. */
    static final Size IMAGE = Size.of(640, 480);

    /** The cells the summary and the drawing single out: near the top left, the middle, near the bottom right (the rows above 2 and below 10 are centred in the letterbox's bands). */
    static final List<int[]> CELLS = List.of(new int[] {0, 2}, new int[] {6, 6}, new int[] {12, 10});

    private Detection() {
    }

    /**
     * Prints the summary and writes {@code example/target/tiny-yolo-v2-anchors.svg}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, defaultSvg());
    }

    /** The SVG's place: {@code target/} of the example module, found from the compiled classes. */
    static Path defaultSvg() {
        try {
            Path classes = Path.of(Detection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.resolveSibling("tiny-yolo-v2-anchors.svg");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(PrintStream out, Path svg) {
        LayerGeometry grid = TinyYoloV2Geometry.CONV9;
        ImageTransform letterbox = ImageTransform.letterbox(IMAGE, Size.square(416));
        out.println();
        out.println("8. A detector: Tiny YOLO v2 (" + grid.output() + ") on a 640x480 image, letterboxed as ultralytics does");
        out.println("   " + letterbox);
        LayerMap back = letterbox.toLayer(grid).inverse();
        out.println("   cells to the original image, exactly: " + back);
        out.println("   cell      field centre   YOLO's centre  off by      centre in image     field in image (clipped)  YOLO tile in image");
        for (int[] c : CELLS) {
            Point field = grid.mapToInput(c[0], c[1]);
            Point prior = TINY_YOLO_ANCHORS.priorCenter(grid, c[0], c[1]);
            Point offset = TINY_YOLO_ANCHORS.centerOffset(grid, c[0], c[1]);
            Point inImage = letterbox.unitToImage(grid, c[0], c[1]);
            Box seen = letterbox.fieldInImage(grid, c[0], c[1]);
            Rect tile = letterbox.boxToImage(YoloAnchors.tile(grid, c[0], c[1]));
            out.printf(Locale.ROOT, "   %-9s %-14s %-14s %-11s %-19s %-25s %s%n", pair(c[0], c[1]), pair(field), pair(prior),
                    pair(offset), pair(inImage), "x " + seen.left() + ".." + seen.right() + ", y " + seen.top() + ".."
                            + seen.bottom(), rect(tile));
        }
        int anchors = TINY_YOLO_ANCHORS.count(grid);
        writeSvg(svg, grid, letterbox);
        out.println("   " + anchors + " anchors (" + TINY_YOLO_ANCHORS.perCell() + " per cell); those of the three cells drawn,"
                + " on YOLO's and on the true centres, in " + svg.getFileName());
        ssd300(out);
    }

    /** SSD300's six source layers: where Caffe's PriorBox centres the cells, and where their fields are. */
    private static void ssd300(PrintStream out) {
        out.println();
        out.println("   SSD300 (VGG-16): Caffe PriorBox centres (ssd_pascal.py steps) against the fields, in input pixels");
        out.println("   layer     cells  jump  step  field centre  prior centre  offset at cell 0  at the last cell  priors");
        List<LayerGeometry> layers = List.of(Ssd300Geometry.CONV4_3, Ssd300Geometry.FC7, Ssd300Geometry.CONV6_2,
                Ssd300Geometry.CONV7_2, Ssd300Geometry.CONV8_2, Ssd300Geometry.CONV9_2);
        int total = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerGeometry layer = layers.get(i);
            SsdPriorBox priors = ssd300Priors(i);
            int last = layer.x().size() - 1;
            int count = priors.count(layer);
            total += count;
            out.printf(Locale.ROOT, "   %-9s %-6d %-5s %-5s %-13s %-13s %-17s %-17s %d%n", layer.name(), layer.x().size(),
                    number(layer.x().jump()), number(SSD300_STEPS[i]), number(layer.x().center()),
                    number(priors.priorCenter(layer, 0, 0).x()), number(priors.centerOffset(layer, 0, 0).x()),
                    number(priors.centerOffset(layer, last, last).x()), count);
        }
        out.println("   " + total + " priors in all");
    }

    /** ssd_pascal.py's min sizes, max sizes, steps and aspect ratios for SSD300. */
    static final int[] SSD300_MIN = {30, 60, 111, 162, 213, 264};
    static final int[] SSD300_MAX = {60, 111, 162, 213, 264, 315};
    static final int[] SSD300_STEPS = {8, 16, 32, 64, 100, 300};
    static final double[][] SSD300_RATIOS = {{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}};

    static SsdPriorBox ssd300Priors(int source) {
        return SsdPriorBox.of(SSD300_MIN[source], SSD300_MAX[source], SSD300_RATIOS[source]).withStep(SSD300_STEPS[source]);
    }

    /**
     * The drawing, in the original image's box coordinates (SVG's own frame): YOLO's tiles, and
     * for three cells the field, the true centre with anchors around it (convgeom's {@link Anchors}
     * of the same sizes), and YOLO's centre with its anchors.
     */
    private static void writeSvg(Path svg, LayerGeometry grid, ImageTransform letterbox) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(IMAGE.width()).append("\" height=\"")
                .append(IMAGE.height() + 40).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"640\" height=\"480\" fill=\"#f4f4f4\" stroke=\"#999\"/>\n");
        for (int v = 0; v < grid.y().size(); v++) {
            for (int u = 0; u < grid.x().size(); u++) {
                Rect tile = letterbox.boxToImage(YoloAnchors.tile(grid, u, v));
                if (!tile.isEmpty()) {
                    rect(s, tile, "none", "#cccccc", "");
                }
            }
        }
        double[] sizes = new double[2 * TINY_YOLO_ANCHORS.perCell()];
        float[] yolo = new float[4 * TINY_YOLO_ANCHORS.count(grid)];
        TINY_YOLO_ANCHORS.write(grid, yolo);
        for (int a = 0; a < TINY_YOLO_ANCHORS.perCell(); a++) {
            sizes[2 * a] = yolo[4 * a * grid.x().size() * grid.y().size() + 2];
            sizes[2 * a + 1] = yolo[4 * a * grid.x().size() * grid.y().size() + 3];
        }
        Anchors centred = Anchors.of(sizes);
        for (int[] c : CELLS) {
            Box field = letterbox.fieldInImage(grid, c[0], c[1]);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2a6fdb\""
                    + " fill-opacity=\"0.08\" stroke=\"none\"/>%n", field.left(), field.top(), field.width(), field.height()));
            Cell cell = Cell.of(grid, c[0], c[1]);
            Point prior = TINY_YOLO_ANCHORS.priorCenter(grid, c[0], c[1]);
            for (int a = 0; a < centred.perCell(); a++) {
                Point centre = cell.center();
                rect(s, letterbox.boxToImage(Rect.centered(centre.x() + 0.5, centre.y() + 0.5, centred.width(a),
                        centred.height(a))), "none", "#2a6fdb", "");
                rect(s, letterbox.boxToImage(Rect.centered(prior.x() + 0.5, prior.y() + 0.5, centred.width(a),
                        centred.height(a))), "none", "#d9534f", " stroke-dasharray=\"4 3\"");
            }
            dot(s, letterbox.unitToImage(grid, c[0], c[1]), "#2a6fdb");
            Point yoloInImage = letterbox.toOriginal(prior.x(), prior.y());
            dot(s, yoloInImage, "#d9534f");
        }
        s.append("<text x=\"4\" y=\"496\" fill=\"#2a6fdb\">blue: field (shaded, clipped), true centre and anchors"
                + " centred on it (convgeom)</text>\n");
        s.append("<text x=\"4\" y=\"512\" fill=\"#d9534f\">red, dashed: YOLO's centre (i + 0.5) * 32 and its anchors;"
                + " grey: YOLO's tiles; 640x480 letterboxed to 416x416</text>\n");
        s.append("</svg>\n");
        try {
            Files.createDirectories(svg.getParent());
            Files.writeString(svg, s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + svg, e);
        }
    }

    private static void rect(StringBuilder s, Rect r, String fill, String stroke, String extra) {
        if (r.isEmpty()) {
            return;
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\""
                + " stroke=\"%s\"%s/>%n", r.left(), r.top(), r.width(), r.height(), fill, stroke, extra));
    }

    /** A point given as a pixel centre, drawn where it lies in box coordinates (SVG's frame). */
    private static void dot(StringBuilder s, Point p, String colour) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"/>%n", p.x() + 0.5,
                p.y() + 0.5, colour));
    }

    private static String pair(int x, int y) {
        return "(" + x + ", " + y + ")";
    }

    private static String pair(Point p) {
        return "(" + number(p.x()) + ", " + number(p.y()) + ")";
    }

    private static String rect(Rect r) {
        return r.isEmpty() ? "outside" : String.format(Locale.ROOT, "x %s..%s, y %s..%s", number(r.left()),
                number(r.right()), number(r.top()), number(r.bottom()));
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
