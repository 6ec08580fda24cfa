package dev.convgeom.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A layer as the engine sees it: plain numbers, already checked one by one (positive
 * kernels and strides, non-negative padding), and the layers it reads as indices. Nothing here
 * knows about annotations.
 *
 * @param name   the layer's name
 * @param kind   what it does
 * @param inputs the maps it reads: indices of earlier layers, {@link #NETWORK_INPUT} for the
 *               network input; empty for "the layer before" (the network input for layer 0)
 * @param y      its window along the rows, for a {@link LayerKind#hasWindow() window} layer, else null
 * @param x      its window along the columns, likewise
 * @param out    declared output channels or outputs, if any
 * @param in     declared expected input channels (or, fully connected, C*H*W), if any
 * @param groups channel groups of a (transposed) convolution, 1 otherwise
 * @param extras what upsampling, crops, transposed convolutions and merges need besides
 */
public record LayerSpec(String name, LayerKind kind, List<Integer> inputs, Window y, Window x,
                        OptionalLong out, OptionalLong in, long groups, Extras extras) {

    /** The index that stands for the network input in {@link #inputs()}. */
    public static final int NETWORK_INPUT = -1;

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(extras, "extras");
        if (kind.hasWindow() && (y == null || x == null)) {
            throw new IllegalArgumentException(kind + " needs a window on both axes");
        }
    }

    /** A layer of a chain: it reads the layer before it. */
    public LayerSpec(String name, LayerKind kind, Window y, Window x, OptionalLong out, OptionalLong in, long groups) {
        this(name, kind, List.of(), y, x, out, in, groups, Extras.NONE);
    }

    public Window window(Axis axis) {
        return axis == Axis.Y ? y : x;
    }

    /** The same layer reading {@code inputs}. */
    public LayerSpec from(Integer... inputs) {
        return new LayerSpec(name, kind, List.of(inputs), y, x, out, in, groups, extras);
    }

    /** The maps layer {@code index} reads, defaults resolved: indices, or {@link #NETWORK_INPUT}. */
    public List<Integer> resolvedInputs(int index) {
        return inputs.isEmpty() ? List.of(index - 1) : inputs;
    }

    /** A layer that leaves geometry and shape alone. */
    public static LayerSpec pointwise(String name, LayerKind kind) {
        return new LayerSpec(name, kind, null, null, OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    /** A convolution with {@code out} channels (0: not given) and square windows. */
    public static LayerSpec conv(String name, long out, Window window) {
        return new LayerSpec(name, LayerKind.CONV, window, window,
                out > 0 ? OptionalLong.of(out) : OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    /** A max-pooling layer with the given windows. */
    public static LayerSpec maxPool(String name, Window window) {
        return new LayerSpec(name, LayerKind.MAX_POOL, window, window, OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    /** A fully connected layer with {@code out} outputs. */
    public static LayerSpec fullyConnected(String name, long out) {
        return new LayerSpec(name, LayerKind.FULLY_CONNECTED, null, null, OptionalLong.of(out), OptionalLong.empty(), 1);
    }

    /** A transposed convolution with square kernel {@code k}, stride {@code s}, padding {@code p}. */
    public static LayerSpec deconv(String name, long out, long k, long s, long p) {
        Window w = Window.of(k, s, p);
        return new LayerSpec(name, LayerKind.DECONV, List.of(), w, w,
                out > 0 ? OptionalLong.of(out) : OptionalLong.empty(), OptionalLong.empty(), 1, Extras.NONE);
    }

    /** Upsampling by {@code factor} along both axes, nearest or bilinear. */
    public static LayerSpec upsample(String name, long factor, boolean bilinear) {
        return upsample(name, factor, factor, bilinear);
    }

    /** Upsampling by {@code factorX} along the columns and {@code factorY} along the rows. */
    public static LayerSpec upsample(String name, long factorX, long factorY, boolean bilinear) {
        return new LayerSpec(name, LayerKind.UPSAMPLE, List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, Extras.NONE.withFactors(factorX, factorY, bilinear));
    }

    /** Zero padding: {@code top}, {@code bottom} rows, {@code left}, {@code right} columns. */
    public static LayerSpec pad(String name, long top, long bottom, long left, long right) {
        return pad(name, top, bottom, left, right, PadMode.CONSTANT);
    }

    /** Padding in {@code mode}: {@code top}, {@code bottom} rows, {@code left}, {@code right} columns. */
    public static LayerSpec pad(String name, long top, long bottom, long left, long right, PadMode mode) {
        return new LayerSpec(name, LayerKind.PAD, List.of(),
                new Window(1, 1, 1, top, bottom, PaddingMode.EXPLICIT, Rounding.FLOOR),
                new Window(1, 1, 1, left, right, PaddingMode.EXPLICIT, Rounding.FLOOR),
                OptionalLong.empty(), OptionalLong.empty(), 1, Extras.NONE.withPadMode(mode));
    }

    /** A crop of {@code from} to the size of {@code like}, offset computed. */
    public static LayerSpec crop(String name, int from, int like) {
        return new LayerSpec(name, LayerKind.CROP, List.of(from), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, Extras.NONE.withLike(like, OptionalLong.empty(), OptionalLong.empty()));
    }

    /** {@code count} channels of the map read, from channel {@code first} ({@link LayerKind#CHANNELS}). */
    public static LayerSpec channels(String name, long first, long count) {
        return new LayerSpec(name, LayerKind.CHANNELS, List.of(), null, null, OptionalLong.of(count),
                OptionalLong.empty(), 1, Extras.NONE.withFirstChannel(first));
    }

    /** A channel shuffle in {@code groups} groups ({@link LayerKind#CHANNEL_SHUFFLE}). */
    public static LayerSpec channelShuffle(String name, long groups) {
        return new LayerSpec(name, LayerKind.CHANNEL_SHUFFLE, List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), groups, Extras.NONE);
    }

    /**
     * A pixel shuffle by {@code factor} ({@link LayerKind#PIXEL_SHUFFLE}): a nearest upsampling in
     * half-pixel coordinates, the default ones.
     */
    public static LayerSpec pixelShuffle(String name, long factor) {
        return new LayerSpec(name, LayerKind.PIXEL_SHUFFLE, List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, Extras.NONE.withFactor(factor, false));
    }

    /**
     * A pixel unshuffle by {@code factor} ({@link LayerKind#PIXEL_UNSHUFFLE}): a {@code factor}
     * window with stride {@code factor} and no padding along both axes.
     */
    public static LayerSpec pixelUnshuffle(String name, long factor) {
        Window w = Window.of(factor, factor, 0);
        return new LayerSpec(name, LayerKind.PIXEL_UNSHUFFLE, w, w, OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    /** A merge ({@link LayerKind#ADD} or {@link LayerKind#CONCAT}) of {@code inputs}. */
    public static LayerSpec merge(String name, LayerKind kind, Integer... inputs) {
        return new LayerSpec(name, kind, List.of(inputs), null, null, OptionalLong.empty(), OptionalLong.empty(), 1,
                Extras.NONE);
    }

    /**
     * What some kinds of layer need besides windows and channels.
     *
     * @param like            a crop's reference map (index, or {@link #NETWORK_INPUT}); unused otherwise
     * @param offsetY         a crop's explicit offset along the rows; empty: computed
     * @param offsetX         a crop's explicit offset along the columns; empty: computed
     * @param factorX         an upsampling's factor along the columns (1 otherwise)
     * @param factorY         an upsampling's factor along the rows (1 otherwise)
     * @param bilinear        whether an upsampling interpolates bilinearly (else nearest)
     * @param coordinates     where an upsampling places its units on its input
     * @param outputPadding   a transposed convolution's extra units at the end of each axis
     * @param allowMisaligned whether a merge or an explicit crop may leave its inputs misaligned
     * @param firstChannel    the first channel a {@link LayerKind#CHANNELS} selection keeps (0 otherwise)
     * @param perX            the input units along the columns that give {@code factorX} output units
     *                        (1: a whole factor)
     * @param perY            likewise along the rows
     * @param padMode         what a {@link LayerKind#PAD}'s new units hold ({@link PadMode#CONSTANT} otherwise)
     * @param rounding        which unit a nearest upsampling copies ({@link NearestRounding#ROUND_PREFER_FLOOR}
     *                        otherwise)
     * @param cubic           a cubic upsampling's kernel; null for any other layer (then {@code bilinear}
     *                        says linear or nearest)
     * @param crop            the region a {@link Coordinates#CROP_AND_RESIZE} upsampling stretches over its
     *                        output; null for the whole map and for any other layer
     */
    public record Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                         boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned,
                         long firstChannel, long perX, long perY, PadMode padMode, NearestRounding rounding,
                         CubicKernel cubic, CropRegion crop) {

        public static final Extras NONE = new Extras(NETWORK_INPUT, OptionalLong.empty(), OptionalLong.empty(), 1,
                1, false, Coordinates.HALF_PIXEL, 0, false, 0, 1, 1, PadMode.CONSTANT);

        public Extras {
            Objects.requireNonNull(coordinates, "coordinates");
            Objects.requireNonNull(padMode, "padMode");
            Objects.requireNonNull(rounding, "rounding");
            if (cubic != null && bilinear) {
                throw new IllegalArgumentException("an upsampling is cubic or bilinear, not both");
            }
        }

        /** Extras of a layer that crops no region before resizing. */
        public Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                      boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned,
                      long firstChannel, long perX, long perY, PadMode padMode, NearestRounding rounding,
                      CubicKernel cubic) {
            this(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned,
                    firstChannel, perX, perY, padMode, rounding, cubic, null);
        }

        /**
         * These extras with the region a {@link Coordinates#CROP_AND_RESIZE} upsampling stretches
         * over its output (null: the whole map, {@link CropRegion#WHOLE}, or another coordinate mode).
         */
        public Extras withCrop(CropRegion crop) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** Extras of a layer that is no cubic upsampling. */
        public Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                      boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned,
                      long firstChannel, long perX, long perY, PadMode padMode, NearestRounding rounding) {
            this(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned,
                    firstChannel, perX, perY, padMode, rounding, null);
        }

        /** These extras as a cubic upsampling's with {@code cubic}, its kernel (null: not cubic). */
        public Extras withCubic(CubicKernel cubic) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear && cubic == null, coordinates,
                    outputPadding, allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** Extras whose nearest upsampling (if any) rounds as ONNX does by default. */
        public Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                      boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned,
                      long firstChannel, long perX, long perY, PadMode padMode) {
            this(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned,
                    firstChannel, perX, perY, padMode, NearestRounding.ROUND_PREFER_FLOOR);
        }

        /** Which unit a nearest upsampling copies for a position between two units. */
        public Extras withRounding(NearestRounding rounding) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** Extras of a layer other than a pad. */
        public Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                      boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned,
                      long firstChannel) {
            this(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned,
                    firstChannel, 1, 1, PadMode.CONSTANT);
        }

        /** These extras with a pad's mode. */
        public Extras withPadMode(PadMode padMode) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** Extras without a channel selection. */
        public Extras(int like, OptionalLong offsetY, OptionalLong offsetX, long factorX, long factorY,
                      boolean bilinear, Coordinates coordinates, long outputPadding, boolean allowMisaligned) {
            this(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned, 0);
        }

        /** These extras with a channel selection starting at {@code firstChannel}. */
        public Extras withFirstChannel(long firstChannel) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding, allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        public Extras withLike(int like, OptionalLong offsetY, OptionalLong offsetX) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** The same factor along both axes. */
        public Extras withFactor(long factor, boolean bilinear) {
            return withFactors(factor, factor, bilinear);
        }

        /** Factor {@code factorX} along the columns and {@code factorY} along the rows. */
        public Extras withFactors(long factorX, long factorY, boolean bilinear) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** Where an upsampling places its units on its input. */
        public Extras withCoordinates(Coordinates coordinates) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        /** The upsampling factor along {@code axis}: its numerator over {@link #per(Axis)}. */
        public long factor(Axis axis) {
            return axis == Axis.Y ? factorY : factorX;
        }

        /** The input units along {@code axis} that become {@link #factor(Axis)} output units. */
        public long per(Axis axis) {
            return axis == Axis.Y ? perY : perX;
        }

        /**
         * An upsampling by {@code factorX / perX} along the columns and {@code factorY / perY} along
         * the rows (exact rational factors; a per of 1 is a whole factor).
         */
        public Extras withPers(long perX, long perY) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        public Extras withOutputPadding(long outputPadding) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        public Extras withAllowMisaligned(boolean allowMisaligned) {
            return new Extras(like, offsetY, offsetX, factorX, factorY, bilinear, coordinates, outputPadding,
                    allowMisaligned, firstChannel, perX, perY, padMode, rounding, cubic, crop);
        }

        public OptionalLong offset(Axis axis) {
            return axis == Axis.Y ? offsetY : offsetX;
        }
    }
}
