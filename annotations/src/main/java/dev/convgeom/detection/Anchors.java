package dev.convgeom.detection;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import java.util.List;

/**
 * Anchor boxes centred on each cell's true receptive-field centre: convgeom's own convention,
 * and the default when a detector is trained from scratch.
 *
 * <p>Cell {@code (ux, uy)}'s anchors are centred on {@link LayerGeometry#mapToInput(double, double)
 * layer.mapToInput(ux, uy)}, the exact centre of the input pixels the cell reads, whatever the
 * network's padding, pooling and rounding. The framework layouts ({@link SsdPriorBox},
 * {@link TorchvisionAnchors}, {@link YoloAnchors}) centre theirs by a rule of thumb from the stride
 * instead, and miss that centre by {@link AnchorLayout#centerOffset} pixels.
 *
 * <p>The boxes are written as {@code (x1, y1, x2, y2)} in box coordinates of the network input
 * ({@link Rect}: the field centre {@code c} of a {@code Point} is {@code c + 0.5} there), one cell
 * after the other in rows, columns inner, and each cell's anchors in the order given here: the
 * order of Caffe's SSD and of torchvision, so that index {@code (uy * width + ux) * perCell() + a}
 * is anchor {@code a} of cell {@code (ux, uy)}.
 *
 * <pre>{@code
 * Anchors anchors = Anchors.sizesAndRatios(new double[] {32, 64}, new double[] {0.5, 1, 2});
 * float[] boxes = new float[4 * anchors.count(layer)];
 * anchors.write(layer, boxes);
 * }</pre>
 */
public final class Anchors implements AnchorLayout {

    private final double[] widths;
    private final double[] heights;

    private Anchors(double[] widths, double[] heights) {
        this.widths = widths;
        this.heights = heights;
    }

    /**
     * Anchors of the given sizes, in input pixels: {@code width0, height0, width1, height1, ...}.
     *
     * @param widthHeightPairs widths and heights, alternating, each finite and {@code > 0}
     * @return the layout
     * @throws IllegalArgumentException if there is no pair, an odd number of values, or a value is
     *                                  NaN, infinite or not positive (naming it)
     */
    public static Anchors of(double... widthHeightPairs) {
        double[] values = Checks.positives("anchor sizes", widthHeightPairs);
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("anchor sizes: expected width, height pairs, got " + values.length
                    + " values");
        }
        double[] w = new double[values.length / 2];
        double[] h = new double[values.length / 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = values[2 * i];
            h[i] = values[2 * i + 1];
        }
        return new Anchors(w, h);
    }

    /**
     * Every combination of a size and an aspect ratio ({@code height / width}, as torchvision):
     * width {@code size / sqrt(ratio)}, height {@code size * sqrt(ratio)}, so the area is
     * {@code size^2}; ratios outer, sizes inner (torchvision's order), not rounded.
     *
     * @param sizes  sizes in input pixels, each finite and {@code > 0}
     * @param ratios aspect ratios {@code height / width}, each finite and {@code > 0}
     * @return the layout
     * @throws IllegalArgumentException if a list is empty or a value NaN, infinite or not positive
     */
    public static Anchors sizesAndRatios(double[] sizes, double[] ratios) {
        double[] s = Checks.positives("sizes", sizes);
        double[] r = Checks.positives("aspect ratios", ratios);
        double[] w = new double[s.length * r.length];
        double[] h = new double[w.length];
        int i = 0;
        for (double ratio : r) {
            double root = Math.sqrt(ratio);
            for (double size : s) {
                w[i] = size / root;
                h[i] = size * root;
                i++;
            }
        }
        return new Anchors(w, h);
    }

    @Override
    public int perCell() {
        return widths.length;
    }

    /**
     * Width of anchor {@code a}, in input pixels.
     *
     * @param a the anchor's index within a cell
     * @return its width
     */
    public double width(int a) {
        return widths[a];
    }

    /**
     * Height of anchor {@code a}, in input pixels.
     *
     * @param a the anchor's index within a cell
     * @return its height
     */
    public double height(int a) {
        return heights[a];
    }

    /** The field's own centre: {@code layer.mapToInput(ux, uy)}. */
    @Override
    public Point priorCenter(LayerGeometry layer, int ux, int uy) {
        return layer.mapToInput(ux, uy);
    }

    /**
     * Writes every anchor of {@code layer}'s map into {@code dest} as {@code x1, y1, x2, y2} (box
     * coordinates), without allocating; see the class comment for the order.
     *
     * @param layer the feature map
     * @param dest  at least {@code 4 * count(layer)} doubles
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(LayerGeometry layer, double[] dest) {
        Checks.room("doubles (4 per anchor)", 4L * count(layer), dest.length);
        AxisGeometry ax = layer.x();
        AxisGeometry ay = layer.y();
        int i = 0;
        for (int uy = 0; uy < ay.size(); uy++) {
            double cy = ay.toInput(uy) + 0.5;
            for (int ux = 0; ux < ax.size(); ux++) {
                double cx = ax.toInput(ux) + 0.5;
                for (int a = 0; a < widths.length; a++) {
                    double hw = widths[a] / 2;
                    double hh = heights[a] / 2;
                    dest[i] = cx - hw;
                    dest[i + 1] = cy - hh;
                    dest[i + 2] = cx + hw;
                    dest[i + 3] = cy + hh;
                    i += 4;
                }
            }
        }
    }

    /**
     * As {@link #write(LayerGeometry, double[])}, into floats (the element type of most detector
     * tensors).
     *
     * @param layer the feature map
     * @param dest  at least {@code 4 * count(layer)} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(LayerGeometry layer, float[] dest) {
        Checks.room("floats (4 per anchor)", 4L * count(layer), dest.length);
        writeAt(layer, dest, 0);
    }

    /** The float writer from index {@code i}; returns the next free index. */
    private int writeAt(LayerGeometry layer, float[] dest, int i) {
        AxisGeometry ax = layer.x();
        AxisGeometry ay = layer.y();
        for (int uy = 0; uy < ay.size(); uy++) {
            double cy = ay.toInput(uy) + 0.5;
            for (int ux = 0; ux < ax.size(); ux++) {
                double cx = ax.toInput(ux) + 0.5;
                for (int a = 0; a < widths.length; a++) {
                    double hw = widths[a] / 2;
                    double hh = heights[a] / 2;
                    dest[i] = (float) (cx - hw);
                    dest[i + 1] = (float) (cy - hh);
                    dest[i + 2] = (float) (cx + hw);
                    dest[i + 3] = (float) (cy + hh);
                    i += 4;
                }
            }
        }
        return i;
    }

    /**
     * Writes a pyramid's anchors, level after level ({@code levels.get(i)} on {@code maps.get(i)}),
     * each as {@link #write(LayerGeometry, float[])}: the scales per level of an FPN or RetinaNet
     * head, every anchor centred on its cell's field.
     *
     * @param levels the anchors of each level
     * @param maps   each level's feature map
     * @param dest   room for all of them
     * @return the number of floats written
     * @throws IllegalArgumentException if the lists differ in length or {@code dest} is too short
     */
    public static int writeLevels(List<Anchors> levels, List<LayerGeometry> maps, float[] dest) {
        return AnchorLevels.write(levels, maps, dest, (level, map, d, at) -> level.writeAt(map, d, at));
    }
}
