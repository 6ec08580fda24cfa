package dev.convgeom.detection;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;

/**
 * YOLO's anchors: a grid of cells, each predicting boxes relative to its own top-left corner
 * (the grid offset) and to a few anchor sizes, as darknet's {@code region} layer (YOLO v2,
 * {@code get_region_box} in pjreddie/darknet {@code src/region_layer.c}), its {@code yolo} layer
 * (v3, {@code get_yolo_box}) and ultralytics' {@code Detect} head (v5) decode them.
 *
 * <p>The rules:
 * <ul>
 *   <li>The stride is the network input over the grid ({@code 416 / 13 = 32}): darknet divides
 *       by the grid size and multiplies by the input, ultralytics measures it once.</li>
 *   <li>Cell {@code (i, j)} decodes its box centre as {@code ((i + sx) * stride, (j + sy) *
 *       stride)} in box coordinates ({@link Rect}), with {@code sx = sigmoid(tx)} in v2 and v3
 *       and {@code 2 sigmoid(tx) - 0.5} in v5: the neutral prediction ({@code tx = 0}) puts it at
 *       {@code (i + 0.5) * stride} in all three. That is the anchor's centre here.</li>
 *   <li>Anchor sizes: in cells for v2 ({@code anchors = 1.08,1.19, ...} in
 *       {@code yolov2-tiny-voc.cfg}; width {@code 1.08 * 32 = 34.56} px at stride 32,
 *       {@link #inCells}), in input pixels for v3 and v5 ({@link #inPixels}).</li>
 *   <li>Order: anchor outer, then rows, then columns, as the channels of darknet's output
 *       ({@code entry_index}: {@code n * w * h} per anchor) and ultralytics'
 *       {@code (batch, anchors, ny, nx, outputs)} tensor. Each anchor is written as
 *       {@code cx, cy, w, h} in input pixels.</li>
 *   <li>Assignment in training: an object belongs to the cell whose tile
 *       {@code [i * stride, (i + 1) * stride)} holds its centre ({@link #tile}, {@link #cellColumn},
 *       {@link #cellRow}).</li>
 * </ul>
 *
 * <p><b>Where the centre differs from the field's.</b> The anchor centre {@code (i + 0.5) * stride}
 * is pixel-centre coordinate {@code (i + 0.5) * stride - 0.5}: 15.5 for Tiny YOLO v2's cell 0. The
 * cell's receptive field is centred on 31.5: five 2x2 stride-2 poolings move the centre by
 * 0.5 + 1 + 2 + 4 + 8 = 15.5, and the sixth pooling (2x2, stride 1, darknet's padding after)
 * by another 16. So every anchor of that network sits 16 px, half a cell, up and left of what its
 * cell sees; {@link #centerOffset} computes it for any layer.
 */
public final class YoloAnchors implements AnchorLayout {

    private final double[] widths;
    private final double[] heights;
    private final boolean inCells;

    private YoloAnchors(double[] widths, double[] heights, boolean inCells) {
        this.widths = widths;
        this.heights = heights;
        this.inCells = inCells;
    }

    /**
     * Anchors given in cells, as YOLO v2's {@code region} layer: {@code w0, h0, w1, h1, ...}
     * ({@code 1.08,1.19, 3.42,4.41, 6.63,11.38, 9.42,5.11, 16.62,10.52} for Tiny YOLO v2 on VOC).
     *
     * @param widthHeightPairs widths and heights in cells, alternating, each {@code > 0}
     * @return the layout
     * @throws IllegalArgumentException if there is no pair, an odd count, or a bad value (naming it)
     */
    public static YoloAnchors inCells(double... widthHeightPairs) {
        return make(widthHeightPairs, true);
    }

    /**
     * Anchors given in input pixels, as YOLO v3's {@code yolo} layer and YOLOv5
     * ({@code 10,13, 16,30, 33,23} for v5's stride-8 level).
     *
     * @param widthHeightPairs widths and heights in pixels, alternating, each {@code > 0}
     * @return the layout
     * @throws IllegalArgumentException if there is no pair, an odd count, or a bad value (naming it)
     */
    public static YoloAnchors inPixels(double... widthHeightPairs) {
        return make(widthHeightPairs, false);
    }

    private static YoloAnchors make(double[] pairs, boolean inCells) {
        double[] values = Checks.positives("anchors", pairs);
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("anchors: expected width, height pairs, got " + values.length + " values");
        }
        double[] w = new double[values.length / 2];
        double[] h = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = values[2 * i];
            h[i] = values[2 * i + 1];
        }
        return new YoloAnchors(w, h, inCells);
    }

    @Override
    public int perCell() {
        return widths.length;
    }

    /**
     * The grid's stride along x: the network input's width over the map's.
     *
     * @param layer the feature map
     * @return input pixels per cell
     */
    public static double strideX(LayerGeometry layer) {
        return (double) layer.x().inputSize() / layer.x().size();
    }

    /**
     * The grid's stride along y: the network input's height over the map's.
     *
     * @param layer the feature map
     * @return input pixels per cell
     */
    public static double strideY(LayerGeometry layer) {
        return (double) layer.y().inputSize() / layer.y().size();
    }

    /** {@code (u + 0.5) * stride - 0.5} per axis: YOLO's neutral centre in pixel-centre coordinates. */
    @Override
    public Point priorCenter(LayerGeometry layer, int ux, int uy) {
        return new Point((ux + 0.5) * strideX(layer) - 0.5, (uy + 0.5) * strideY(layer) - 0.5);
    }

    /**
     * The tile of cell ({@code ux}, {@code uy}) in YOLO's assignment:
     * {@code [u * stride, (u + 1) * stride]} per axis, box coordinates. The tiles of a map cover the
     * network input without gaps or overlaps; each is centred on the anchors' centre, not on the
     * cell's field (compare {@link Cell#tile()}).
     *
     * @param layer the feature map
     * @param ux    cell column
     * @param uy    cell row
     * @return the tile
     */
    public static Rect tile(LayerGeometry layer, int ux, int uy) {
        double sx = strideX(layer);
        double sy = strideY(layer);
        return new Rect(ux * sx, uy * sy, (ux + 1) * sx, (uy + 1) * sy);
    }

    /**
     * The column of the cell an object centred on box coordinate {@code x} is assigned to:
     * {@code floor(x / stride)}, clamped into the map.
     *
     * @param layer the feature map
     * @param x     the object's centre, box coordinates, not NaN
     * @return the column
     * @throws IllegalArgumentException if {@code x} is NaN
     */
    public static int cellColumn(LayerGeometry layer, double x) {
        Checks.notNaN("x", x);
        return clamp(Math.floor(x / strideX(layer)), layer.x().size());
    }

    /**
     * The row of the cell an object centred on box coordinate {@code y} is assigned to:
     * {@code floor(y / stride)}, clamped into the map.
     *
     * @param layer the feature map
     * @param y     the object's centre, box coordinates, not NaN
     * @return the row
     * @throws IllegalArgumentException if {@code y} is NaN
     */
    public static int cellRow(LayerGeometry layer, double y) {
        Checks.notNaN("y", y);
        return clamp(Math.floor(y / strideY(layer)), layer.y().size());
    }

    private static int clamp(double cell, int size) {
        return (int) Math.max(0, Math.min(cell, size - 1));
    }

    /**
     * Writes every anchor of {@code layer}'s grid as {@code cx, cy, w, h} in input pixels (box
     * coordinates), anchor outer, then rows, then columns, without allocating.
     *
     * @param layer the feature map
     * @param dest  at least {@code 4 * count(layer)} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(LayerGeometry layer, float[] dest) {
        Checks.room("floats (4 per anchor)", 4L * count(layer), dest.length);
        double sx = strideX(layer);
        double sy = strideY(layer);
        int width = layer.x().size();
        int height = layer.y().size();
        int i = 0;
        for (int a = 0; a < widths.length; a++) {
            float w = (float) (inCells ? widths[a] * sx : widths[a]);
            float h = (float) (inCells ? heights[a] * sy : heights[a]);
            for (int j = 0; j < height; j++) {
                float cy = (float) ((j + 0.5) * sy);
                for (int u = 0; u < width; u++) {
                    dest[i] = (float) ((u + 0.5) * sx);
                    dest[i + 1] = cy;
                    dest[i + 2] = w;
                    dest[i + 3] = h;
                    i += 4;
                }
            }
        }
    }
}
