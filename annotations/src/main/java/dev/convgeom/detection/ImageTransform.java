package dev.convgeom.detection;

import dev.convgeom.AxisGeometry;
import dev.convgeom.AxisMap;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Size;
import java.util.Objects;

/**
 * What is done to the user's image before the network sees it (resize, letterbox, crop, pad), as
 * an exact affine map per axis from the original image's pixel coordinates to the network input's:
 * {@code x' = scale * x + offset} with rational coefficients ({@link AxisMap}), in convgeom's
 * pixel-centre coordinates ({@link Point}). Composed with a layer's geometry it takes a feature-map
 * unit to the original image and back exactly ({@link #toLayer}), and clips what it maps to the
 * original image ({@link #fieldInImage}, {@link #boxToImage}).
 *
 * <p>The resampling conventions, stated once:
 * <ul>
 *   <li><b>Half-pixel</b> ({@link #resize}): the image's outer edges map to the outer edges, so
 *       {@code x' + 0.5 = (n' / n) (x + 0.5)}. OpenCV's {@code resize} (every interpolation), PIL,
 *       {@code torch.nn.functional.interpolate(align_corners=False)} and torchvision's
 *       {@code Resize} resample this way.</li>
 *   <li><b>Aligned corners</b> ({@link #resizeAlignCorners}): the centres of the first and last
 *       pixels map onto each other, {@code x' = x (n' - 1) / (n - 1)}; darknet's
 *       {@code resize_image} and {@code align_corners=True}.</li>
 * </ul>
 * and the rounding of each named transform is that of the code it is named after (see each
 * factory). An instance is immutable; {@link #then} chains two.
 *
 * <pre>{@code
 * ImageTransform lb = ImageTransform.letterbox(Size.of(640, 480), Size.of(416, 416));
 * Point onImage = lb.unitToImage(TinyYoloV2Geometry.CONV9, 6, 6);   // a cell's centre, original pixels
 * Box seen = lb.fieldInImage(TinyYoloV2Geometry.CONV9, 0, 0);        // what it reads, clipped
 * }</pre>
 */
public final class ImageTransform {

    private static final Ratio HALF = Ratio.of(1, 2);

    private final Size original;
    private final Size input;
    private final AxisMap x;
    private final AxisMap y;
    private final String description;

    private ImageTransform(Size original, Size input, AxisMap x, AxisMap y, String description) {
        this.original = original;
        this.input = input;
        this.x = x;
        this.y = y;
        this.description = description;
    }

    /**
     * A transform given by its maps: {@code x' = x.scale * x + x.offset} from the original image's
     * pixel coordinates to the network input's, and likewise for {@code y}.
     *
     * @param original the original image's size
     * @param input    the network input's size
     * @param x        the map of columns; its scale must be positive
     * @param y        the map of rows; its scale must be positive
     * @return the transform
     * @throws IllegalArgumentException if a scale is negative (a flip is not an image transform here)
     */
    public static ImageTransform of(Size original, Size input, AxisMap x, AxisMap y) {
        return make(original, input, x, y, "transform");
    }

    private static ImageTransform make(Size original, Size input, AxisMap x, AxisMap y, String description) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(input, "input");
        if (x.scale().signum() <= 0 || y.scale().signum() <= 0) {
            throw new IllegalArgumentException("scales must be positive, got x " + x + ", y " + y);
        }
        return new ImageTransform(original, input, x, y, description);
    }

    /**
     * The image fed as it is.
     *
     * @param size the image's (and the input's) size
     * @return the identity
     */
    public static ImageTransform identity(Size size) {
        return make(size, size, AxisMap.identity(), AxisMap.identity(), "identity " + size);
    }

    /**
     * Resizing to {@code input} with half-pixel centres (OpenCV {@code cv2.resize}, PIL,
     * torchvision {@code Resize((h, w))}): {@code x' = (n'/n) (x + 1/2) - 1/2} per axis, the aspect
     * ratio not kept.
     *
     * @param original the image's size
     * @param input    the size it is resized to
     * @return the transform
     */
    public static ImageTransform resize(Size original, Size input) {
        return make(original, input, halfPixel(original.width(), input.width()),
                halfPixel(original.height(), input.height()), "resize " + original + " -> " + input);
    }

    /**
     * Resizing with aligned corners (darknet's {@code resize_image}, {@code align_corners=True}):
     * {@code x' = x (n' - 1) / (n - 1)}, the first and last pixel centres fixed.
     *
     * @param original the image's size, at least 2 along each axis
     * @param input    the size it is resized to, at least 2 along each axis
     * @return the transform
     * @throws IllegalArgumentException if a size is 1 along an axis (the map is then undefined)
     */
    public static ImageTransform resizeAlignCorners(Size original, Size input) {
        return make(original, input, alignCorners("width", original.width(), input.width()),
                alignCorners("height", original.height(), input.height()),
                "resize (aligned corners) " + original + " -> " + input);
    }

    /**
     * torchvision's {@code Resize(shorter)} with one int: the shorter side becomes {@code shorter},
     * the longer {@code int(shorter * long / short)} (truncated, as
     * {@code _compute_resized_output_size} does), half-pixel resampling.
     *
     * @param original the image's size
     * @param shorter  the new length of the shorter side, at least 1
     * @return the transform
     * @throws IllegalArgumentException if {@code shorter} is below 1
     */
    public static ImageTransform resizeShorterSide(Size original, int shorter) {
        if (shorter < 1) {
            throw new IllegalArgumentException("shorter side must be at least 1, was " + shorter);
        }
        int w = original.width();
        int h = original.height();
        int shortSide = Math.min(w, h);
        int longSide = Math.max(w, h);
        int newLong = (int) ((double) shorter * longSide / shortSide);
        Size input = w <= h ? Size.of(shorter, newLong) : Size.of(newLong, shorter);
        return resize(original, input).describedAs("resize shorter side " + original + " -> " + input);
    }

    /**
     * Padding (or, with negative values, cropping) by whole pixels: {@code x' = x + left}.
     *
     * @param original the image's size
     * @param left     columns added before (removed if negative)
     * @param top      rows added before
     * @param right    columns added after
     * @param bottom   rows added after
     * @return the transform
     * @throws IllegalArgumentException if nothing of the image would remain along an axis
     */
    public static ImageTransform pad(Size original, int left, int top, int right, int bottom) {
        long w = (long) original.width() + left + right;
        long h = (long) original.height() + top + bottom;
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("padding " + original + " by left " + left + ", top " + top
                    + ", right " + right + ", bottom " + bottom + " leaves " + w + "x" + h + " pixels");
        }
        Size input = Size.of((int) w, (int) h);
        return make(original, input, new AxisMap(Ratio.of(1), Ratio.of(left)), new AxisMap(Ratio.of(1), Ratio.of(top)),
                "pad " + original + " by (left " + left + ", top " + top + ", right " + right + ", bottom " + bottom
                        + ") -> " + input);
    }

    /**
     * Cropping the window of {@code size} whose top-left pixel is ({@code left}, {@code top}); a
     * window reaching beyond the image reads padding there.
     *
     * @param original the image's size
     * @param left     first column kept
     * @param top      first row kept
     * @param size     the window's size
     * @return the transform
     */
    public static ImageTransform crop(Size original, int left, int top, Size size) {
        return pad(original, -left, -top, size.width() + left - original.width(),
                size.height() + top - original.height()).describedAs("crop " + size + " at (" + left + ", " + top
                + ") of " + original);
    }

    /**
     * torchvision's {@code CenterCrop(size)} ({@code torchvision.transforms.functional.center_crop}):
     * the window starts at {@code int(round((n - n') / 2.0))}, Python's rounding of halves to even
     * (an odd difference of 33 starts at 16, of 31 at 16 too); where the crop is larger than the
     * image, the image is first padded by {@code (n' - n) // 2} before.
     *
     * @param original the image's size
     * @param crop     the crop's size
     * @return the transform
     */
    public static ImageTransform centerCrop(Size original, Size crop) {
        int left = centerCropStart(original.width(), crop.width());
        int top = centerCropStart(original.height(), crop.height());
        return crop(original, left, top, crop).describedAs("center crop " + original + " -> " + crop);
    }

    private static int centerCropStart(int n, int crop) {
        if (crop > n) {
            return -Math.floorDiv(crop - n, 2);
        }
        return (int) Math.rint((n - crop) / 2.0);
    }

    /**
     * The letterbox of ultralytics (YOLOv5, YOLOv8: {@code LetterBox(new_shape, auto=False,
     * scaleup=True, center=True)}; {@code letterbox} in {@code utils/augmentations.py}): scale
     * {@code r = min(W'/W, H'/H)}, resized size {@code int(round(W * r))} by
     * {@code int(round(H * r))} (Python's round, halves to even), then the rest padded around it,
     * {@code int(round(d - 0.1))} before and {@code int(round(d + 0.1))} after for half the padding
     * {@code d} (so an odd padding puts the extra pixel after). The resize is half-pixel
     * ({@code cv2.resize}), so the exact scale per axis is the resized size over the original's,
     * which can differ slightly between the axes.
     *
     * @param original the image's size
     * @param input    the network input's size
     * @return the transform
     */
    public static ImageTransform letterbox(Size original, Size input) {
        double r = Math.min((double) input.height() / original.height(), (double) input.width() / original.width());
        int newW = (int) Math.rint(original.width() * r);
        int newH = (int) Math.rint(original.height() * r);
        double dw = (input.width() - newW) / 2.0;
        double dh = (input.height() - newH) / 2.0;
        int left = (int) Math.rint(dw - 0.1);
        int right = (int) Math.rint(dw + 0.1);
        int top = (int) Math.rint(dh - 0.1);
        int bottom = (int) Math.rint(dh + 0.1);
        Size resized = Size.of(newW, newH);
        return resize(original, resized).then(pad(resized, left, top, right, bottom))
                .describedAs("letterbox " + original + " -> " + input + " (resized to " + resized + ", padded left "
                        + left + ", top " + top + ")");
    }

    /**
     * ultralytics' minimal letterbox ({@code LetterBox(new_shape, auto=True, stride=stride)}, what
     * YOLOv5's and YOLOv8's PyTorch inference use for rectangular images): scaled as
     * {@link #letterbox(Size, Size)}, but padded only up to the next multiple of {@code stride}
     * ({@code dw = (W' - w) mod stride}, then halved and rounded as there), so the network input is
     * smaller than {@code maxInput} along one axis: 1280x720 into 640 gives 640x384. Use the
     * network's geometry for that input size ({@code forInput}).
     *
     * @param original the image's size
     * @param maxInput the size the image is fitted into
     * @param stride   the network's largest stride, at least 1 (32 for YOLOv5s)
     * @return the transform; its {@link #input()} is the padded size
     * @throws IllegalArgumentException if {@code stride} is below 1
     */
    public static ImageTransform letterbox(Size original, Size maxInput, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, was " + stride);
        }
        double r = Math.min((double) maxInput.height() / original.height(), (double) maxInput.width() / original.width());
        int newW = (int) Math.rint(original.width() * r);
        int newH = (int) Math.rint(original.height() * r);
        double dw = Math.floorMod(maxInput.width() - newW, stride) / 2.0;
        double dh = Math.floorMod(maxInput.height() - newH, stride) / 2.0;
        int left = (int) Math.rint(dw - 0.1);
        int right = (int) Math.rint(dw + 0.1);
        int top = (int) Math.rint(dh - 0.1);
        int bottom = (int) Math.rint(dh + 0.1);
        Size resized = Size.of(newW, newH);
        ImageTransform t = resize(original, resized).then(pad(resized, left, top, right, bottom));
        return t.describedAs("letterbox " + original + " -> " + t.input() + " (at most " + maxInput + ", stride "
                + stride + "; resized to " + resized + ", padded left " + left + ", top " + top + ")");
    }

    /**
     * darknet's letterbox ({@code letterbox_image} in {@code src/image.c}, YOLO v2 and v3): the side
     * that limits the scale takes the input's size, the other {@code (n_other * N) / n} in integer
     * division; resampled with aligned corners ({@code resize_image}); placed at
     * {@code ((W' - w) / 2, (H' - h) / 2)}, integer division.
     *
     * @param original the image's size, at least 2 along each axis
     * @param input    the network input's size, at least 2 along each axis
     * @return the transform
     * @throws IllegalArgumentException if a resized side would be shorter than 2 pixels
     */
    public static ImageTransform darknetLetterbox(Size original, Size input) {
        int w = input.width();
        int h = input.height();
        int newW;
        int newH;
        // darknet compares in float: ((float)w/im.w) < ((float)h/im.h)
        if ((float) w / original.width() < (float) h / original.height()) {
            newW = w;
            newH = (int) ((long) original.height() * w / original.width());
        } else {
            newH = h;
            newW = (int) ((long) original.width() * h / original.height());
        }
        if (newW < 1 || newH < 1) {
            throw new IllegalArgumentException("letterboxing " + original + " into " + input + " leaves a "
                    + newW + "x" + newH + " image");
        }
        Size resized = Size.of(newW, newH);
        int dx = (w - newW) / 2;
        int dy = (h - newH) / 2;
        return resizeAlignCorners(original, resized).then(pad(resized, dx, dy, w - newW - dx, h - newH - dy))
                .describedAs("darknet letterbox " + original + " -> " + input + " (resized to " + resized
                        + ", placed at (" + dx + ", " + dy + "))");
    }

    /**
     * This transform followed by {@code next}, which must start from this one's output size:
     * {@code resize(...).then(centerCrop(...))} is torchvision's {@code Resize} then
     * {@code CenterCrop}.
     *
     * @param next the transform applied after this one
     * @return the composition, from this one's original to {@code next}'s input
     * @throws IllegalArgumentException if {@code next.original()} is not this {@link #input()}
     */
    public ImageTransform then(ImageTransform next) {
        if (!next.original.equals(input)) {
            throw new IllegalArgumentException("cannot follow '" + description + "' (giving " + input
                    + ") by '" + next.description + "' (which takes " + next.original + ")");
        }
        return new ImageTransform(original, next.input, x.then(next.x), y.then(next.y),
                description + ", then " + next.description);
    }

    private ImageTransform describedAs(String text) {
        return new ImageTransform(original, input, x, y, text);
    }

    /** {@return the original image's size} */
    public Size original() {
        return original;
    }

    /** {@return the network input's size} */
    public Size input() {
        return input;
    }

    /** {@return the exact map of columns, original pixel coordinate to input pixel coordinate} */
    public AxisMap x() {
        return x;
    }

    /** {@return the exact map of rows, original pixel coordinate to input pixel coordinate} */
    public AxisMap y() {
        return y;
    }

    /**
     * Where original pixel coordinate ({@code px}, {@code py}) lands in the network input.
     *
     * @param px column in the original image (pixel-centre coordinates)
     * @param py row in the original image
     * @return the network input coordinate
     */
    public Point toInput(double px, double py) {
        return new Point(x.apply(px), y.apply(py));
    }

    /**
     * Which original pixel coordinate network input coordinate ({@code ix}, {@code iy}) comes from;
     * outside the original image for a point in the padding.
     *
     * @param ix column in the network input (pixel-centre coordinates)
     * @param iy row in the network input
     * @return the original coordinate, unclipped
     */
    public Point toOriginal(double ix, double iy) {
        return new Point(x.inverse().apply(ix), y.inverse().apply(iy));
    }

    /**
     * The exact map from the original image's pixels to {@code layer}'s units, per axis: this
     * transform followed by the network input's map to the layer,
     * {@code u = (x' - center) / jump}. Its {@link LayerMap#inverse()} takes units to the original
     * image. The map's source is named {@code "image"}.
     *
     * @param layer a layer of a network whose input is {@link #input()}
     * @return the map
     * @throws IllegalArgumentException if the layer's network takes another input size
     */
    public LayerMap toLayer(LayerGeometry layer) {
        checkInput(layer);
        return new LayerMap("image", layer.name(), y.then(fromInput(layer.y())), x.then(fromInput(layer.x())));
    }

    /**
     * The original-image coordinate of the centre of unit ({@code ux}, {@code uy})'s field
     * (pixel-centre coordinates, unclipped: a unit centred in the letterbox's padding maps outside
     * the image).
     *
     * @param layer the feature map
     * @param ux    unit column (may be fractional)
     * @param uy    unit row (may be fractional)
     * @return the point in the original image
     * @throws IllegalArgumentException if the layer's network takes another input size
     */
    public Point unitToImage(LayerGeometry layer, double ux, double uy) {
        return toLayer(layer).inverse().apply(ux, uy);
    }

    /**
     * The (fractional) unit of {@code layer} centred on original-image coordinate
     * ({@code px}, {@code py}).
     *
     * @param layer the feature map
     * @param px    column in the original image
     * @param py    row in the original image
     * @return the unit position
     * @throws IllegalArgumentException if the layer's network takes another input size
     */
    public Point imageToUnit(LayerGeometry layer, double px, double py) {
        return toLayer(layer).apply(px, py);
    }

    /**
     * The original pixels under unit ({@code ux}, {@code uy})'s receptive field, clipped to the
     * original image: the pixels whose area overlaps the area the field's input pixels cover once
     * mapped back (exactly, in fractions). Empty when the field lies wholly in padding. This is the
     * footprint of the field; an interpolating resize also reads up to one more original pixel
     * around it.
     *
     * @param layer the feature map
     * @param ux    unit column
     * @param uy    unit row
     * @return the pixels, inclusive, clipped to {@link #original()}
     * @throws IllegalArgumentException if the layer's network takes another input size
     */
    public Box fieldInImage(LayerGeometry layer, int ux, int uy) {
        checkInput(layer);
        AxisGeometry ax = layer.x();
        AxisGeometry ay = layer.y();
        AxisMap ix = x.inverse();
        AxisMap iy = y.inverse();
        return new Box(first(ix, ax.fieldStart(ux)), first(iy, ay.fieldStart(uy)),
                last(ix, ax.fieldEnd(ux)), last(iy, ay.fieldEnd(uy)))
                .clip(original.height(), original.width());
    }

    /**
     * The network input's pixels whose centres map back inside the original image's extent
     * ({@code -1/2} to {@code n - 1/2}), inclusive: for a letterbox, the resized image's place,
     * without the padding. (An aligned-corners resize that enlarges more than twice maps the
     * image's extent half a pixel past its first and last pixel centres; the box then includes
     * an adjacent padding pixel.)
     *
     * @return the box, clipped to {@link #input()}
     */
    public Box contentInInput() {
        // Pixel centres inside the image's mapped extent, whose edges are at -1/2 and n - 1/2.
        Ratio loX = apply(x, Ratio.of(-1, 2));
        Ratio hiX = apply(x, Ratio.of(2L * original.width() - 1, 2));
        Ratio loY = apply(y, Ratio.of(-1, 2));
        Ratio hiY = apply(y, Ratio.of(2L * original.height() - 1, 2));
        return new Box((int) loX.ceil(), (int) loY.ceil(), (int) hiX.floor(), (int) hiY.floor())
                .clip(input.height(), input.width());
    }

    /**
     * A box in the network input's box coordinates ({@link Rect}: an anchor, a decoded
     * detection) in the original image's box coordinates, clipped to the original image.
     *
     * @param box a box in the network input
     * @return the box in the original image, clipped (empty if it lies wholly in padding)
     */
    public Rect boxToImage(Rect box) {
        double sx = 1 / x.scale().doubleValue();
        double sy = 1 / y.scale().doubleValue();
        double ox = boxOffset(x.inverse());
        double oy = boxOffset(y.inverse());
        return new Rect(sx * box.left() + ox, sy * box.top() + oy, sx * box.right() + ox, sy * box.bottom() + oy)
                .clip(original);
    }

    /**
     * A box in the original image's box coordinates in the network input's (not clipped).
     *
     * @param box a box in the original image
     * @return the box in the network input
     */
    public Rect boxToInput(Rect box) {
        double sx = x.scale().doubleValue();
        double sy = y.scale().doubleValue();
        double ox = boxOffset(x);
        double oy = boxOffset(y);
        return new Rect(sx * box.left() + ox, sy * box.top() + oy, sx * box.right() + ox, sy * box.bottom() + oy);
    }

    /**
     * {@link #boxToImage} in place for {@code count} boxes stored as {@code x1, y1, x2, y2}
     * from index 0, without allocating: what a detector's decoded output needs before it is drawn
     * on the user's image.
     *
     * @param xyxy  the boxes, network input box coordinates, overwritten with original ones
     * @param count number of boxes
     * @throws IllegalArgumentException if the array holds fewer than {@code 4 * count} floats
     */
    public void boxesToImage(float[] xyxy, int count) {
        Checks.room("floats (4 per box)", 4L * count, xyxy.length);
        double sx = 1 / x.scale().doubleValue();
        double sy = 1 / y.scale().doubleValue();
        double ox = boxOffset(x.inverse());
        double oy = boxOffset(y.inverse());
        int w = original.width();
        int h = original.height();
        for (int i = 0; i < 4 * count; i += 4) {
            xyxy[i] = (float) Math.max(0, Math.min(sx * xyxy[i] + ox, w));
            xyxy[i + 1] = (float) Math.max(0, Math.min(sy * xyxy[i + 1] + oy, h));
            xyxy[i + 2] = (float) Math.max(0, Math.min(sx * xyxy[i + 2] + ox, w));
            xyxy[i + 3] = (float) Math.max(0, Math.min(sy * xyxy[i + 3] + oy, h));
        }
    }

    /** The map's offset in box coordinates: {@code b' = s b + (offset + 1/2 - s/2)}. */
    private static double boxOffset(AxisMap map) {
        return map.offset().plus(HALF).minus(map.scale().times(HALF)).doubleValue();
    }

    /** {@code "letterbox 640x480 -> 416x416 (resized to 416x312, padded left 0, top 52): x' = ..., y' = ..."}. */
    @Override
    public String toString() {
        return description + ": x " + x + ", y " + y;
    }

    /** Equal sizes and maps (the description is not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageTransform t && t.original.equals(original) && t.input.equals(input)
                && t.x.equals(x) && t.y.equals(y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, input, x, y);
    }

    private void checkInput(LayerGeometry layer) {
        if (layer.x().inputSize() != input.width() || layer.y().inputSize() != input.height()) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' belongs to a network with a "
                    + layer.x().inputSize() + "x" + layer.y().inputSize() + " input, but this transform makes "
                    + input + " (" + description + ")");
        }
    }

    private static AxisMap fromInput(AxisGeometry axis) {
        Ratio inverseJump = Ratio.of(1).dividedBy(axis.exactJump());
        return new AxisMap(inverseJump, axis.exactCenter().negate().times(inverseJump));
    }

    private static AxisMap halfPixel(int from, int to) {
        Ratio s = Ratio.of(to, from);
        return new AxisMap(s, s.minus(Ratio.of(1)).times(HALF));
    }

    private static AxisMap alignCorners(String axis, int from, int to) {
        if (from < 2 || to < 2) {
            throw new IllegalArgumentException("aligned corners need at least 2 pixels per axis, the " + axis
                    + " goes from " + from + " to " + to);
        }
        return new AxisMap(Ratio.of(to - 1, from - 1), Ratio.of(0));
    }

    private static Ratio apply(AxisMap map, Ratio v) {
        return map.scale().times(v).plus(map.offset());
    }

    /** First original pixel whose area reaches past the start of input pixel {@code p}'s area. */
    private static int first(AxisMap inverse, int p) {
        Ratio a = apply(inverse, Ratio.of(2L * p - 1, 2));
        // pixel q's area (q - 1/2, q + 1/2) overlaps (a, ...) iff q > a - 1/2
        return (int) Math.max(Integer.MIN_VALUE, a.minus(HALF).floor() + 1);
    }

    /** Last original pixel whose area starts before the end of input pixel {@code p}'s area. */
    private static int last(AxisMap inverse, int p) {
        Ratio b = apply(inverse, Ratio.of(2L * p + 1, 2));
        // q's area overlaps (..., b) iff q < b + 1/2
        return (int) Math.min(Integer.MAX_VALUE, b.plus(HALF).ceil() - 1);
    }
}
