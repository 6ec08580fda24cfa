package dev.convgeom.importer.model;

import static dev.convgeom.Upsample.Coordinates.HALF_PIXEL;

import dev.convgeom.Pad;
import dev.convgeom.Shape;
import dev.convgeom.Upsample;
import java.util.List;
import java.util.Objects;

/**
 * One layer of an imported model, with every attribute its annotation needs, exactly as the model
 * states it, and the output shape the model's own rules give (which the import then checks against
 * convgeom's geometry).
 *
 * <p>Which parts are set depends on the kind: windows ({@code y}, {@code x}) for convolutions,
 * pooling, transposed convolutions and pads (a pad's window is kernel 1 with the padding added);
 * {@code factorX}, {@code factorY} and {@code bilinear} for upsampling; {@code outputPadding} for a transposed
 * convolution; {@code like} and the offsets for a crop; {@code label} for a free-form pointwise
 * layer. The factories below build each kind.
 *
 * @param source        the node's or layer's name in the model (may be empty)
 * @param op            its operator or layer type in the model ({@code Conv}, {@code Convolution})
 * @param kind          the annotation it is declared with
 * @param from          the layers it reads, as indices of earlier layers, -1 for the network input
 * @param in            input channels (fully connected: {@code C * H * W} of the incoming map)
 * @param out           output channels (fully connected: outputs)
 * @param groups        channel groups of a (transposed) convolution, 1 otherwise
 * @param y             window along the rows, or null
 * @param x             window along the columns, or null
 * @param ceil          whether a pooling layer rounds its output size up
 * @param same          whether the padding is TensorFlow's SAME (padding recomputed at every
 *                      input size; {@code y} and {@code x} hold it at the declared size)
 * @param factorX       upsampling factor along the columns (1 but for upsampling)
 * @param factorY       upsampling factor along the rows (1 but for upsampling)
 * @param bilinear      whether upsampling interpolates bilinearly
 * @param coordinates   where an upsampling places its units ({@code HALF_PIXEL} otherwise)
 * @param outputPadding units a transposed convolution adds after its last one
 * @param like          the layer whose size a crop takes (-1: the input)
 * @param offsetY       the row where a crop starts
 * @param offsetX       the column where a crop starts
 * @param label         what a {@code @Pointwise} layer computes, or a note for other kinds
 * @param output        the output shape by the model format's own rules
 * @param firstChannel  the first channel a channel selection keeps (its {@code out} channels from
 *                      there); 0 for every other kind
 * @param perX          the input columns that become {@code factorX} output columns (1 but for a
 *                      fractional upsampling factor)
 * @param perY          the input rows that become {@code factorY} output rows, likewise
 * @param padMode       what a pad's new units hold ({@code CONSTANT} for every other kind)
 * @param rounding      which unit a nearest upsampling copies ({@code ROUND_PREFER_FLOOR} for every
 *                      other kind)
 * @param cubic         a cubic upsampling's kernel ({@code bilinear} then false); null for every other
 *                      kind
 * @param crop          the region a {@code CROP_AND_RESIZE} upsampling stretches (ONNX's {@code roi});
 *                      null for the whole map and for every other kind
 */
public record ImportedLayer(String source, String op, LayerKind kind, List<Integer> from, int in, int out,
                            int groups, AxisWindow y, AxisWindow x, boolean ceil, boolean same, int factorX,
                            int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                            int like, int offsetY, int offsetX, String label, Shape output, int firstChannel,
                            int perX, int perY, Pad.Mode padMode, Upsample.Rounding rounding,
                            dev.convgeom.engine.CubicKernel cubic, dev.convgeom.engine.CropRegion crop) {

    /**
     * A layer that rounds as ONNX's default, interpolates not cubically and crops no region (what
     * {@link #withRounding}, {@link #withCubic} and {@link #withCrop} set).
     */
    public ImportedLayer(String source, String op, LayerKind kind, List<Integer> from, int in, int out, int groups,
                         AxisWindow y, AxisWindow x, boolean ceil, boolean same, int factorX, int factorY,
                         boolean bilinear, Upsample.Coordinates coordinates, int outputPadding, int like, int offsetY,
                         int offsetX, String label, Shape output, int firstChannel, int perX, int perY,
                         Pad.Mode padMode) {
        this(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY, bilinear, coordinates,
                outputPadding, like, offsetY, offsetX, label, output, firstChannel, perX, perY, padMode,
                Upsample.Rounding.ROUND_PREFER_FLOOR, null, null);
    }

    /** A layer with whole upsampling factors (pers of 1), other than a pad in a copying mode. */
    public ImportedLayer(String source, String op, LayerKind kind, List<Integer> from, int in, int out, int groups,
                         AxisWindow y, AxisWindow x, boolean ceil, boolean same, int factorX, int factorY,
                         boolean bilinear, Upsample.Coordinates coordinates, int outputPadding, int like, int offsetY,
                         int offsetX, String label, Shape output, int firstChannel) {
        this(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY, bilinear, coordinates,
                outputPadding, like, offsetY, offsetX, label, output, firstChannel, 1, 1, Pad.Mode.CONSTANT);
    }

    /** A layer that selects no channels. */
    public ImportedLayer(String source, String op, LayerKind kind, List<Integer> from, int in, int out, int groups,
                         AxisWindow y, AxisWindow x, boolean ceil, boolean same, int factorX, int factorY,
                         boolean bilinear, Upsample.Coordinates coordinates, int outputPadding, int like, int offsetY,
                         int offsetX, String label, Shape output) {
        this(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY, bilinear, coordinates,
                outputPadding, like, offsetY, offsetX, label, output, 0);
    }

    /** Copies {@code from}; the factories keep the parts consistent with the kind. */
    public ImportedLayer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(kind, "kind");
        from = List.copyOf(from);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(padMode, "padMode");
        Objects.requireNonNull(rounding, "rounding");
    }

    /**
     * A layer with only the parts every kind has: none of a pooling's rounding up, SAME padding,
     * upsampling factors, output padding, crop or channel selection. Most factories build one;
     * the others set their own parts on the canonical constructor.
     */
    private static ImportedLayer basic(String source, String op, LayerKind kind, List<Integer> from, int in, int out,
                                       int groups, AxisWindow y, AxisWindow x, String label, Shape output) {
        return new ImportedLayer(source, op, kind, from, in, out, groups, y, x, false, false, 1, 1, false, HALF_PIXEL,
                0, -1, 0, 0, label, output);
    }

    /** A convolution; {@code same} when the file asks for SAME (upper) padding at every size. */
    public static ImportedLayer conv(String source, String op, int input, int in, int out, int groups, AxisWindow y,
                                     AxisWindow x, boolean same, Shape output) {
        return new ImportedLayer(source, op, LayerKind.CONV, List.of(input), in, out, groups, y, x, false, same, 1, 1,
                false, HALF_PIXEL, 0, -1, 0, 0, "", output);
    }

    /** A transposed convolution, each window's padding before and after removed from its axis. */
    public static ImportedLayer deconv(String source, String op, int input, int in, int out, int groups,
                                       AxisWindow y, AxisWindow x, int outputPadding, Shape output) {
        return new ImportedLayer(source, op, LayerKind.DECONV, List.of(input), in, out, groups, y, x, false, false, 1,
                1, false, HALF_PIXEL, outputPadding, -1, 0, 0, "", output);
    }

    /** A max or average pooling layer. */
    public static ImportedLayer pool(String source, String op, boolean max, int input, AxisWindow y, AxisWindow x,
                                     boolean ceil, boolean same, Shape output) {
        return new ImportedLayer(source, op, max ? LayerKind.MAX_POOL : LayerKind.AVG_POOL, List.of(input),
                output.channels(), output.channels(), 1, y, x, ceil, same, 1, 1, false, HALF_PIXEL, 0, -1, 0, 0, "",
                output);
    }

    /** A fully connected layer over the whole incoming {@code incoming} map. */
    public static ImportedLayer fullyConnected(String source, String op, int input, Shape incoming, int out) {
        return basic(source, op, LayerKind.FULLY_CONNECTED, List.of(input),
                incoming.channels() * incoming.height() * incoming.width(), out, 1,
                new AxisWindow(incoming.height(), 1, 1, 0, 0), new AxisWindow(incoming.width(), 1, 1, 0, 0), "",
                new Shape(out, 1, 1));
    }

    /** Global pooling over the whole map (average or maximum: the same units are read). */
    public static ImportedLayer globalPool(String source, String op, int input, int channels, String label) {
        return basic(source, op, LayerKind.GLOBAL_AVG_POOL, List.of(input), channels, channels, 1, null, null, label,
                new Shape(channels, 1, 1));
    }

    /** A concatenation along the channels, or an element-wise merge. */
    public static ImportedLayer merge(String source, String op, LayerKind kind, List<Integer> inputs, Shape output,
                                      String label) {
        return basic(source, op, kind, inputs, Shape.UNKNOWN, output.channels(), 1, null, null, label, output);
    }

    /**
     * A map combined unit by unit with a map of one unit per channel ({@code C x 1 x 1}): a
     * squeeze-and-excitation gate, or a broadcast add; {@code map} first, then {@code gate}.
     */
    public static ImportedLayer gate(String source, String op, int map, int gate, Shape output, String label) {
        return basic(source, op, LayerKind.GATE, List.of(map, gate), Shape.UNKNOWN, output.channels(), 1, null, null,
                label, output);
    }

    /** A normalisation whose statistics span the rows and columns (instance, group, layer normalisation). */
    public static ImportedLayer instanceNorm(String source, String op, int input, Shape output, String label) {
        return basic(source, op, LayerKind.INSTANCE_NORM, List.of(input), output.channels(), output.channels(), 1,
                null, null, label, output);
    }

    /** A crop of {@code input} to the size of {@code like}, starting at the given unit. */
    public static ImportedLayer crop(String source, String op, int input, int like, int offsetY, int offsetX,
                                     Shape output) {
        return new ImportedLayer(source, op, LayerKind.CROP, List.of(input), output.channels(), output.channels(), 1,
                null, null, false, false, 1, 1, false, HALF_PIXEL, 0, like, offsetY, offsetX, "", output);
    }

    /** Zero padding: {@code y} and {@code x} are kernel-1 windows holding the padding added. */
    public static ImportedLayer pad(String source, String op, int input, int top, int bottom, int left, int right,
                                    Shape output, String label) {
        return pad(source, op, input, top, bottom, left, right, Pad.Mode.CONSTANT, output, label);
    }

    /** Padding whose new units hold what {@code mode} says (ONNX {@code Pad}'s {@code mode}). */
    public static ImportedLayer pad(String source, String op, int input, int top, int bottom, int left, int right,
                                    Pad.Mode mode, Shape output, String label) {
        return new ImportedLayer(source, op, LayerKind.PAD, List.of(input), output.channels(), output.channels(), 1,
                new AxisWindow(1, 1, 1, top, bottom), new AxisWindow(1, 1, 1, left, right), false, false, 1, 1, false,
                HALF_PIXEL, 0, -1, 0, 0, label, output, 0, 1, 1, mode);
    }

    /**
     * Upsampling by whole factors, {@code factorX} along the columns and {@code factorY} along the
     * rows, nearest (half-pixel centres) or bilinear with the units placed by {@code coordinates}.
     */
    public static ImportedLayer upsample(String source, String op, int input, int factorX, int factorY,
                                         boolean bilinear, Upsample.Coordinates coordinates, Shape output,
                                         String label) {
        return new ImportedLayer(source, op, LayerKind.UPSAMPLE, List.of(input), output.channels(), output.channels(),
                1, null, null, false, false, factorX, factorY, bilinear, coordinates, 0, -1, 0, 0, label, output);
    }

    /**
     * Upsampling by the exact factors {@code factorX / perX} along the columns and
     * {@code factorY / perY} along the rows (x before y), nearest or bilinear, with the units placed
     * by {@code coordinates} (a nearest one rounds as ONNX's default; see {@link #withRounding}).
     */
    public static ImportedLayer upsample(String source, String op, int input, int factorX, int perX, int factorY,
                                         int perY, boolean bilinear, Upsample.Coordinates coordinates, Shape output,
                                         String label) {
        return new ImportedLayer(source, op, LayerKind.UPSAMPLE, List.of(input), output.channels(), output.channels(),
                1, null, null, false, false, factorX, factorY, bilinear, coordinates, 0, -1, 0, 0, label, output, 0,
                perX, perY, Pad.Mode.CONSTANT);
    }

    /** A geometry-neutral layer; {@code label} is the free text of a {@code @Pointwise}. */
    public static ImportedLayer pointwise(String source, String op, LayerKind kind, int input, Shape output,
                                          String label) {
        if (!kind.isPointwise()) {
            throw new IllegalArgumentException(kind + " is not pointwise");
        }
        return basic(source, op, kind, List.of(input), output.channels(), output.channels(), 1, null, null, label,
                output);
    }

    /**
     * Channels {@code first} to {@code first + output.channels() - 1} of {@code input}, which has
     * {@code in} of them: one output of a channel split or slice.
     */
    public static ImportedLayer channels(String source, String op, int input, int in, int first, Shape output,
                                         String label) {
        return new ImportedLayer(source, op, LayerKind.CHANNELS, List.of(input), in, output.channels(), 1, null, null,
                false, false, 1, 1, false, HALF_PIXEL, 0, -1, 0, 0, label, output, first);
    }

    /** A channel shuffle of {@code input} in {@code groups} groups. */
    public static ImportedLayer channelShuffle(String source, String op, int input, int groups, Shape output,
                                               String label) {
        return basic(source, op, LayerKind.CHANNEL_SHUFFLE, List.of(input), output.channels(), output.channels(),
                groups, null, null, label, output);
    }

    /**
     * A pixel shuffle of {@code input} by {@code factor}: {@code in} channels to
     * {@code output.channels()} = {@code in / factor^2}, rows and columns {@code factor} times as many.
     */
    public static ImportedLayer pixelShuffle(String source, String op, int input, int in, int factor, Shape output,
                                             String label) {
        return new ImportedLayer(source, op, LayerKind.PIXEL_SHUFFLE, List.of(input), in, output.channels(), 1, null,
                null, false, false, factor, factor, false, HALF_PIXEL, 0, -1, 0, 0, label, output);
    }

    /**
     * A pixel unshuffle of {@code input} by {@code factor}: a {@code factor} window with stride
     * {@code factor} along both axes, {@code in} channels to {@code in * factor^2}.
     */
    public static ImportedLayer pixelUnshuffle(String source, String op, int input, int in, int factor, Shape output,
                                               String label) {
        AxisWindow block = new AxisWindow(factor, factor, 1, 0, 0);
        return basic(source, op, LayerKind.PIXEL_UNSHUFFLE, List.of(input), in, output.channels(), 1, block, block,
                label, output);
    }

    /** This layer reading {@code inputs} instead (the same kind and attributes). */
    public ImportedLayer readingFrom(List<Integer> inputs) {
        return new ImportedLayer(source, op, kind, inputs, in, out, groups, y, x, ceil, same, factorX, factorY,
                bilinear, coordinates, outputPadding, like, offsetY, offsetX, label, output, firstChannel, perX, perY, padMode,
                rounding, cubic, crop);
    }

    /** This layer, a nearest upsampling, copying the unit {@code rounding} picks. */
    public ImportedLayer withRounding(Upsample.Rounding rounding) {
        return new ImportedLayer(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY,
                bilinear, coordinates, outputPadding, like, offsetY, offsetX, label, output, firstChannel, perX, perY, padMode,
                rounding, cubic, crop);
    }

    /** This layer, an upsampling, interpolating cubically with {@code cubic}'s kernel (null: unchanged). */
    public ImportedLayer withCubic(dev.convgeom.engine.CubicKernel cubic) {
        return new ImportedLayer(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY,
                bilinear && cubic == null, coordinates, outputPadding, like, offsetY, offsetX, label, output,
                firstChannel, perX, perY, padMode, rounding, cubic, crop);
    }

    /**
     * This layer, a {@code CROP_AND_RESIZE} upsampling, stretching {@code crop} (ONNX's {@code roi};
     * null: the whole map).
     */
    public ImportedLayer withCrop(dev.convgeom.engine.CropRegion crop) {
        return new ImportedLayer(source, op, kind, from, in, out, groups, y, x, ceil, same, factorX, factorY,
                bilinear, coordinates, outputPadding, like, offsetY, offsetX, label, output, firstChannel, perX, perY,
                padMode, rounding, cubic, crop);
    }
}
