package dev.convgeom.detection;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Size;
import java.util.Arrays;

/**
 * Prior boxes as Caffe SSD's {@code PriorBox} layer makes them (weiliu89/caffe, branch {@code ssd},
 * {@code src/caffe/layers/prior_box_layer.cpp}, {@code LayerSetUp} and {@code Forward_cpu}), value
 * for value and in its order, to float precision.
 *
 * <p>The rules, as that code has them:
 * <ul>
 *   <li>Aspect ratios: the list starts with 1; each given ratio that is not already in it (within
 *       1e-6) is appended, followed by its reciprocal when {@code flip} is set. {@code [2, 3]} with
 *       flip gives {@code [1, 2, 1/2, 3, 1/3]}.</li>
 *   <li>Per cell, rows outer and columns inner, and per min size {@code m}: the square of side
 *       {@code m}; then, if max sizes are given, the square of side {@code sqrt(m * M)}; then for
 *       every ratio {@code ar != 1} the box {@code m sqrt(ar)} wide and {@code m / sqrt(ar)} high.
 *       Caffe reads {@code m} and {@code M} into {@code int}s there, so fractional sizes are
 *       truncated (SSD512's {@code min_size: 35.84} acts as 35); this class does the same.</li>
 *   <li>Centre of cell {@code (w, h)}: {@code ((w + offset) * step_w, (h + offset) * step_h)} in box
 *       coordinates ({@link Rect}), {@code offset} 0.5 by default; {@code step} is the given one,
 *       or {@code image_width / layer_width} as a float when none is given (7.894737 for a 38-wide
 *       map of a 300 image, not the network's jump of 8).</li>
 *   <li>Output: {@code xmin, ymin, xmax, ymax} divided by the image's width and height (so in
 *       {@code [0, 1]} for boxes inside it), clipped to {@code [0, 1]} if {@code clip} is set. The
 *       layer's second channel (the variances, a constant per coordinate) is not written here.</li>
 * </ul>
 *
 * <p><b>Where the centre differs from the field's.</b> In convgeom's pixel-centre coordinates the
 * prior centre is {@code (u + offset) * step - 0.5}; the field centre is {@code center + jump * u}.
 * They agree only where {@code step = jump} and {@code center = offset * jump - 0.5}. On SSD300's
 * VGG-16 they do for {@code conv4_3} (centre 3.5, jump 8) and {@code fc7} (7.5, 16), but the
 * extra layers keep the centre at 7.5 while the steps grow: field minus prior centre is -8 px on
 * {@code conv6_2} (7.5 + 32 u against 15.5 + 32 u), -24 on {@code conv7_2}, +22 on cell 0 of
 * {@code conv8_2} and 36 less per cell after it (step 100, jump 64), -14 on {@code conv9_2}.
 * {@link #centerOffset} computes it for any layer; the example's {@code Detection} prints it.
 *
 * <pre>{@code
 * SsdPriorBox conv4_3 = SsdPriorBox.of(30, 60, 2).withStep(8);    // ssd_pascal.py, SSD300
 * float[] priors = new float[4 * conv4_3.count(Ssd300Geometry.CONV4_3)];
 * conv4_3.write(Ssd300Geometry.CONV4_3, priors);
 * }</pre>
 */
public final class SsdPriorBox implements AnchorLayout {

    private final float[] minSizes;
    private final float[] maxSizes;
    private final float[] aspectRatios;
    private final boolean clip;
    private final float stepX;
    private final float stepY;
    private final float offset;

    private SsdPriorBox(float[] minSizes, float[] maxSizes, float[] aspectRatios, boolean clip,
                        float stepX, float stepY, float offset) {
        this.minSizes = minSizes;
        this.maxSizes = maxSizes;
        this.aspectRatios = aspectRatios;
        this.clip = clip;
        this.stepX = stepX;
        this.stepY = stepY;
        this.offset = offset;
    }

    /**
     * One min size and one max size, with flipped aspect ratios, no clipping, offset 0.5 and the
     * step from the sizes (set it with {@link #withStep(double)}): the form of every SSD300 source
     * layer in {@code ssd_pascal.py}.
     *
     * @param minSize      {@code min_size}, {@code > 0}
     * @param maxSize      {@code max_size}, {@code > minSize}
     * @param aspectRatios {@code aspect_ratio} values besides 1, each {@code > 0}; may be empty
     * @return the layer's priors
     * @throws IllegalArgumentException for a value that is NaN, infinite, not positive, or a max
     *                                  size not above its min size (naming it)
     */
    public static SsdPriorBox of(double minSize, double maxSize, double... aspectRatios) {
        return of(new double[] {minSize}, new double[] {maxSize}, aspectRatios, true);
    }

    /**
     * The general form: several min sizes, optionally as many max sizes, aspect ratios with or
     * without {@code flip}; no clipping, offset 0.5 and the step from the sizes until set.
     *
     * @param minSizes     {@code min_size} values, at least one, each {@code > 0}
     * @param maxSizes     {@code max_size} values, none or one per min size, each above it
     * @param aspectRatios {@code aspect_ratio} values, each {@code > 0}; may be empty
     * @param flip         whether each ratio's reciprocal is added too
     * @return the layer's priors
     * @throws IllegalArgumentException for an empty {@code minSizes}, a count of max sizes other
     *                                  than 0 or {@code minSizes.length}, or a bad value (naming it)
     */
    public static SsdPriorBox of(double[] minSizes, double[] maxSizes, double[] aspectRatios, boolean flip) {
        double[] min = Checks.positives("min sizes", minSizes);
        if (maxSizes.length != 0 && maxSizes.length != min.length) {
            throw new IllegalArgumentException("give no max size or one per min size: " + min.length
                    + " min sizes, " + maxSizes.length + " max sizes");
        }
        for (int i = 0; i < maxSizes.length; i++) {
            Checks.positive("max sizes[" + i + "]", maxSizes[i]);
            if (maxSizes[i] <= min[i]) {
                throw new IllegalArgumentException("max sizes[" + i + "] = " + maxSizes[i]
                        + " must be greater than min sizes[" + i + "] = " + min[i]);
            }
        }
        float[] ratios = new float[1 + 2 * aspectRatios.length];
        int n = 0;
        ratios[n++] = 1f;
        for (int i = 0; i < aspectRatios.length; i++) {
            float ar = (float) Checks.positive("aspect ratios[" + i + "]", aspectRatios[i]);
            boolean known = false;
            for (int j = 0; j < n && !known; j++) {
                known = Math.abs(ar - ratios[j]) < 1e-6;
            }
            if (!known) {
                ratios[n++] = ar;
                if (flip) {
                    ratios[n++] = (float) (1. / ar);
                }
            }
        }
        return new SsdPriorBox(floats(min), floats(maxSizes), Arrays.copyOf(ratios, n), false, 0f, 0f, 0.5f);
    }

    /**
     * The same priors with the step {@code step} along both axes (Caffe's {@code step}).
     *
     * @param step distance between cell centres in input pixels, {@code > 0}
     * @return the changed copy
     * @throws IllegalArgumentException if {@code step} is NaN, infinite or not positive
     */
    public SsdPriorBox withStep(double step) {
        return withStep(step, step);
    }

    /**
     * The same priors with separate steps (Caffe's {@code step_w}, {@code step_h}).
     *
     * @param stepX step along x, {@code > 0}
     * @param stepY step along y, {@code > 0}
     * @return the changed copy
     * @throws IllegalArgumentException if a step is NaN, infinite or not positive
     */
    public SsdPriorBox withStep(double stepX, double stepY) {
        return new SsdPriorBox(minSizes, maxSizes, aspectRatios, clip,
                (float) Checks.positive("step x", stepX), (float) Checks.positive("step y", stepY), offset);
    }

    /**
     * The same priors with coordinates clipped to {@code [0, 1]} or not (Caffe's {@code clip}).
     *
     * @param clip whether to clip
     * @return the changed copy
     */
    public SsdPriorBox withClip(boolean clip) {
        return new SsdPriorBox(minSizes, maxSizes, aspectRatios, clip, stepX, stepY, offset);
    }

    /**
     * The same priors with another centre offset (Caffe's {@code offset}, 0.5 by default).
     *
     * @param offset where in a step the centre lies, finite
     * @return the changed copy
     * @throws IllegalArgumentException if {@code offset} is NaN or infinite
     */
    public SsdPriorBox withOffset(double offset) {
        Checks.notNaN("offset", offset);
        if (Double.isInfinite(offset)) {
            throw new IllegalArgumentException("offset must be finite, was " + offset);
        }
        return new SsdPriorBox(minSizes, maxSizes, aspectRatios, clip, stepX, stepY, (float) offset);
    }

    /**
     * The aspect ratios in Caffe's order, starting with 1 and with the flipped ones in place.
     *
     * @return a copy
     */
    public double[] aspectRatios() {
        double[] out = new double[aspectRatios.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = aspectRatios[i];
        }
        return out;
    }

    /** {@code aspectRatios().length * minSizes + maxSizes}, Caffe's {@code num_priors_}. */
    @Override
    public int perCell() {
        return aspectRatios.length * minSizes.length + maxSizes.length;
    }

    /**
     * The step along x for a map of {@code map} cells in an image of {@code image} pixels: the
     * given one, or Caffe's default {@code image_width / layer_width} (float division).
     *
     * @param map   the feature map's size
     * @param image the network input's size
     * @return the step in input pixels
     */
    public double stepX(Size map, Size image) {
        return stepFor(stepX, image.width(), map.width());
    }

    /**
     * The step along y, as {@link #stepX}.
     *
     * @param map   the feature map's size
     * @param image the network input's size
     * @return the step in input pixels
     */
    public double stepY(Size map, Size image) {
        return stepFor(stepY, image.height(), map.height());
    }

    /** The given step, or {@code static_cast<float>(img) / layer} when none (both 0) was given. */
    private float stepFor(float given, int image, int map) {
        return stepX == 0 || stepY == 0 ? (float) image / map : given;
    }

    /** {@code ((u + offset) * step - 0.5)} per axis: Caffe's centre moved into pixel-centre coordinates. */
    @Override
    public Point priorCenter(LayerGeometry layer, int ux, int uy) {
        Size map = Size.of(layer.x().size(), layer.y().size());
        Size image = Size.of(layer.x().inputSize(), layer.y().inputSize());
        float cx = (ux + offset) * stepFor(stepX, image.width(), map.width());
        float cy = (uy + offset) * stepFor(stepY, image.height(), map.height());
        return new Point(cx - 0.5, cy - 0.5);
    }

    /**
     * Writes the priors of {@code layer}'s map for the network input it belongs to, as Caffe's
     * {@code PriorBox} does with that layer as {@code bottom[0]} and the data as {@code bottom[1]}.
     *
     * @param layer the feature map
     * @param dest  at least {@code 4 * count(layer)} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(LayerGeometry layer, float[] dest) {
        write(layer.x().size(), layer.y().size(), layer.x().inputSize(), layer.y().inputSize(), dest);
    }

    /**
     * Writes the priors of a map of {@code map} cells over an image of {@code image} pixels:
     * {@code xmin, ymin, xmax, ymax} per prior, normalized by the image size, in Caffe's order.
     *
     * @param map   the feature map's size
     * @param image the network input's size ({@code img_w}, {@code img_h})
     * @param dest  at least {@code 4 * map.width() * map.height() * perCell()} floats
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void write(Size map, Size image, float[] dest) {
        write(map.width(), map.height(), image.width(), image.height(), dest);
    }

    /** The loop of {@code Forward_cpu}, on plain ints so that writing allocates nothing. */
    private void write(int mapW, int mapH, int imgW, int imgH, float[] dest) {
        long needed = 4L * mapW * mapH * perCell();
        if (dest.length < needed) {
            throw new IllegalArgumentException("need " + needed + " floats (4 per prior, " + perCell()
                    + " priors per cell of " + mapW + "x" + mapH + "), got an array of " + dest.length);
        }
        float sx = stepFor(stepX, imgW, mapW);
        float sy = stepFor(stepY, imgH, mapH);
        int i = 0;
        for (int h = 0; h < mapH; h++) {
            for (int w = 0; w < mapW; w++) {
                // Float, as Caffe's `float center_x = (w + offset_) * step_w`.
                float cx = (w + offset) * sx;
                float cy = (h + offset) * sy;
                for (int s = 0; s < minSizes.length; s++) {
                    int min = (int) minSizes[s];
                    i = put(dest, i, cx, cy, min, min, imgW, imgH);
                    if (maxSizes.length > 0) {
                        int max = (int) maxSizes[s];
                        float side = (float) Math.sqrt(min * max);
                        i = put(dest, i, cx, cy, side, side, imgW, imgH);
                    }
                    for (float ar : aspectRatios) {
                        if (Math.abs(ar - 1.) < 1e-6) {
                            continue;
                        }
                        double root = Math.sqrt(ar);
                        i = put(dest, i, cx, cy, (float) (min * root), (float) (min / root), imgW, imgH);
                    }
                }
            }
        }
        if (clip) {
            for (int d = 0; d < i; d++) {
                dest[d] = Math.min(Math.max(dest[d], 0f), 1f);
            }
        }
    }

    /** One prior, in double as Caffe's {@code (center_x - box_width / 2.) / img_width}, stored as float. */
    private static int put(float[] dest, int i, float cx, float cy, float bw, float bh, int imgW, int imgH) {
        dest[i] = (float) ((cx - bw / 2.) / imgW);
        dest[i + 1] = (float) ((cy - bh / 2.) / imgH);
        dest[i + 2] = (float) ((cx + bw / 2.) / imgW);
        dest[i + 3] = (float) ((cy + bh / 2.) / imgH);
        return i + 4;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
