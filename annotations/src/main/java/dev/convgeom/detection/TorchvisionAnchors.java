package dev.convgeom.detection;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Size;
import java.util.List;

/**
 * Anchors as torchvision's {@code AnchorGenerator} makes them for Faster R-CNN, Mask R-CNN and
 * RetinaNet (pytorch/vision, {@code torchvision/models/detection/anchor_utils.py}), value for value
 * and in its order: one level of the pyramid per instance.
 *
 * <p>The rules, as that code has them:
 * <ul>
 *   <li>{@code generate_anchors(scales, aspect_ratios)}: in float32, {@code h_ratios =
 *       sqrt(aspect_ratios)}, {@code w_ratios = 1 / h_ratios}, {@code ws = w_ratios[:, None] *
 *       scales[None, :]} (ratios outer, sizes inner), likewise {@code hs}; the base anchors are
 *       {@code [-ws, -hs, ws, hs] / 2}, <em>rounded</em> to whole pixels by {@code torch.round},
 *       which rounds halves to even (size 45, ratio 1 gives {@code [-22, -22, 22, 22]}, a 44-pixel
 *       box). The aspect ratio is {@code height / width}.</li>
 *   <li>{@code grid_anchors}: {@code shifts = arange(grid) * stride}, and anchors are shift plus
 *       base anchor, per location (rows outer, columns inner) then per base anchor.</li>
 *   <li>{@code forward}: {@code stride = image_size // grid_size}, integer division of the padded
 *       batch's size by the map's: {@link #stride(LayerGeometry)}.</li>
 * </ul>
 * The boxes are {@code x1, y1, x2, y2} in box coordinates ({@link Rect}) of the network input.
 *
 * <p><b>Where the centre differs from the field's.</b> Cell {@code u}'s anchors are centred on box
 * coordinate {@code u * stride}, the <em>corner</em> of the cell's stride-sized tile, which is
 * pixel-centre coordinate {@code u * stride - 0.5}. A ResNet's stride-2 convolutions with
 * {@code k = 2p + 1} keep every centre at pixel 0, so the anchors are half a pixel off the field;
 * where the input size is not a multiple of the map size, {@code image_size // grid_size} is not
 * the jump (torchvision pads its batches to multiples of 32, which avoids this for its own
 * backbones; an unpadded 600-pixel input and a 38-cell map give stride 15 against a jump of 16)
 * and the offset grows by the difference per cell. {@link #centerOffset} computes it.
 */
public final class TorchvisionAnchors implements AnchorLayout {

    private final float[] base;

    private TorchvisionAnchors(float[] base) {
        this.base = base;
    }

    /**
     * One level of {@code AnchorGenerator(sizes=(sizes,), aspect_ratios=(aspectRatios,))}.
     *
     * @param sizes        anchor sizes (torchvision's {@code sizes[i]}), each {@code > 0}
     * @param aspectRatios {@code height / width} ratios, each {@code > 0}
     * @return the level
     * @throws IllegalArgumentException if a list is empty or a value NaN, infinite or not positive
     */
    public static TorchvisionAnchors of(double[] sizes, double[] aspectRatios) {
        double[] s = Checks.positives("sizes", sizes);
        double[] r = Checks.positives("aspect ratios", aspectRatios);
        float[] base = new float[4 * s.length * r.length];
        int i = 0;
        for (double ratio : r) {
            // float32 throughout, as the tensors are: sqrt, 1 / h, products, halving, round-half-even.
            float h = (float) Math.sqrt((float) ratio);
            float w = 1f / h;
            for (double size : s) {
                float ws = w * (float) size;
                float hs = h * (float) size;
                base[i] = (float) Math.rint(-ws / 2f);
                base[i + 1] = (float) Math.rint(-hs / 2f);
                base[i + 2] = (float) Math.rint(ws / 2f);
                base[i + 3] = (float) Math.rint(hs / 2f);
                i += 4;
            }
        }
        return new TorchvisionAnchors(base);
    }

    /**
     * RetinaNet's sizes for one level, as torchvision's {@code retinanet_resnet50_fpn} builds them:
     * {@code (x, int(x * 2 ** (1.0 / 3)), int(x * 2 ** (2.0 / 3)))}, truncated: {@code 32, 40, 50}
     * for 32.
     *
     * @param base the level's base size ({@code 32, 64, 128, 256, 512} in torchvision), {@code > 0}
     * @return the three sizes
     * @throws IllegalArgumentException if {@code base} is not positive
     */
    public static double[] retinaNetSizes(int base) {
        Checks.positive("base size", base);
        return new double[] {base, (int) (base * Math.pow(2, 1.0 / 3)), (int) (base * Math.pow(2, 2.0 / 3))};
    }

    @Override
    public int perCell() {
        return base.length / 4;
    }

    /**
     * The base (cell) anchors, {@code x1, y1, x2, y2} each, centred on 0: torchvision's
     * {@code cell_anchors} for this level.
     *
     * @param dest at least {@code 4 * perCell()} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void cellAnchors(float[] dest) {
        Checks.room("floats (4 per anchor)", base.length, dest.length);
        System.arraycopy(base, 0, dest, 0, base.length);
    }

    /**
     * torchvision's stride for {@code layer}'s map: the network input's size divided by the
     * map's, rounded down ({@code image_size // grid_size}); it equals the jump only when the
     * input is a multiple of the map.
     *
     * @param layer the feature map
     * @return the stride, width and height
     */
    public static Size stride(LayerGeometry layer) {
        return Size.of(strideOf(layer.x().inputSize(), layer.x().size()),
                strideOf(layer.y().inputSize(), layer.y().size()));
    }

    /** {@code u * stride - 0.5} per axis: torchvision's centre in pixel-centre coordinates. */
    @Override
    public Point priorCenter(LayerGeometry layer, int ux, int uy) {
        Size stride = stride(layer);
        return new Point((double) ux * stride.width() - 0.5, (double) uy * stride.height() - 0.5);
    }

    /**
     * Writes the anchors of {@code layer}'s map, with torchvision's stride for its input.
     *
     * @param layer the feature map
     * @param dest  at least {@code 4 * count(layer)} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(LayerGeometry layer, float[] dest) {
        int w = layer.x().size();
        int h = layer.y().size();
        room((long) base.length * w * h, w, h, dest);
        writeAt(w, h, strideOf(layer.x().inputSize(), w), strideOf(layer.y().inputSize(), h), dest, 0);
    }

    private static int strideOf(int input, int grid) {
        return Math.max(1, input / grid);
    }

    private void room(long needed, int w, int h, float[] dest) {
        if (dest.length < needed) {
            throw new IllegalArgumentException("need " + needed + " floats (4 per anchor, " + perCell()
                    + " per location of " + w + "x" + h + "), got an array of " + dest.length);
        }
    }

    /**
     * Writes the anchors of a {@code grid} of cells {@code stride} pixels apart: per location (rows
     * outer), each base anchor moved by {@code (u * stride_x, v * stride_y)}.
     *
     * @param grid   the feature map's size
     * @param stride the distance between locations, in input pixels
     * @param dest   at least {@code 4 * grid.width() * grid.height() * perCell()} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(Size grid, Size stride, float[] dest) {
        room((long) base.length * grid.width() * grid.height(), grid.width(), grid.height(), dest);
        writeAt(grid.width(), grid.height(), stride.width(), stride.height(), dest, 0);
    }

    /**
     * Writes a pyramid's anchors, level after level, as torchvision concatenates them
     * ({@code torch.cat} over the feature maps): {@code levels.get(i)} on {@code maps.get(i)}.
     *
     * @param levels the anchor layout of each level
     * @param maps   each level's feature map
     * @param dest   room for all of them
     * @return the number of floats written
     * @throws IllegalArgumentException if the lists differ in length or {@code dest} is too short
     */
    public static int writeLevels(List<TorchvisionAnchors> levels, List<LayerGeometry> maps, float[] dest) {
        return AnchorLevels.write(levels, maps, dest, TorchvisionAnchors::writeAt);
    }

    /** The anchors of {@code map}, with torchvision's stride for its input, from index {@code i}. */
    private int writeAt(LayerGeometry map, float[] dest, int i) {
        int w = map.x().size();
        int h = map.y().size();
        return writeAt(w, h, strideOf(map.x().inputSize(), w), strideOf(map.y().inputSize(), h), dest, i);
    }

    /** Shift plus base anchor, in float as torchvision's tensors; returns the next free index. */
    private int writeAt(int width, int height, int strideX, int strideY, float[] dest, int i) {
        for (int v = 0; v < height; v++) {
            float sy = (float) v * strideY;
            for (int u = 0; u < width; u++) {
                float sx = (float) u * strideX;
                for (int b = 0; b < base.length; b += 4) {
                    dest[i] = sx + base[b];
                    dest[i + 1] = sy + base[b + 1];
                    dest[i + 2] = sx + base[b + 2];
                    dest[i + 3] = sy + base[b + 3];
                    i += 4;
                }
            }
        }
        return i;
    }
}
