package dev.convgeom;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A layer as declared, in the terms its geometry needs: kind, the layers it reads, channels, its
 * window along each axis and, for the layers that change the resolution otherwise, a
 * {@link Resize}.
 *
 * <p>Which parts a layer has depends on its kind:
 * <ul>
 *   <li>{@code Conv}, {@code MaxPool}, {@code AvgPool}, {@code FullyConnected}: windows.</li>
 *   <li>{@code Deconv}: windows holding kernel, stride, dilation (stride 1 where dilated), the
 *       padding removed before and after ({@link Padding#EXPLICIT}, no rounding up), and
 *       {@link Resize#deconv} for the output padding.</li>
 *   <li>{@code Pad}: windows of kernel 1, stride 1 with the padding added, and its
 *       {@link #padMode()}.</li>
 *   <li>{@code Upsample}: {@link Resize#upsample}; {@code Crop}: {@link Resize#crop}.</li>
 *   <li>{@code Concat}, {@code Add} (two or more names in {@code from}), {@code Gate} (two: the
 *       map, then its 1x1 gate), {@code GlobalAvgPool}, {@code InstanceNorm} and the pointwise
 *       layers ({@code Relu}, ...): neither.</li>
 *   <li>{@code Channels}: neither; {@code out} channels (known) from {@link #firstChannel()} of the
 *       {@code in} it reads. {@code ChannelShuffle}: neither; its {@code groups}.</li>
 *   <li>{@code PixelShuffle}: {@link Resize#upsample(int, boolean)} by its factor, nearest (the
 *       upsampling it is spatially). {@code PixelUnshuffle}: windows of kernel and stride its
 *       factor, no padding (the window it is spatially).</li>
 * </ul>
 *
 * <p>A fully connected layer is held as the convolution it is equivalent to: its windows span the
 * whole incoming map of the declared input, stride 1, no padding; {@link #asConv()} gives that
 * convolution as a {@code Conv} spec. Its weights, an {@code out x (in * kh * kw)} matrix, become
 * {@code out x in x kh x kw} kernels (see {@link Convolutionalize#kernels}).
 *
 * @param name   the layer's name
 * @param kind   the layer's kind: the simple name of its annotation ({@code "Conv"}, ...)
 * @param from   the names of the layers it reads, resolved ({@code "input"} for the network
 *               input); one name but for merges, never empty
 * @param in     input channels, or {@link Shape#UNKNOWN}
 * @param out    output channels, or {@link Shape#UNKNOWN}
 * @param groups channel groups (1 but for grouped convolutions)
 * @param y      the window along the rows, or null
 * @param x      the window along the columns, or null
 * @param resize the upsampling factor, output padding or crop, or null
 * @param firstChannel the first channel a {@code Channels} layer selects, counted from 0; 0 for
 *               every other kind
 * @param padMode what a {@code Pad}'s new units hold; {@link Pad.Mode#CONSTANT} for every other kind.
 *               The geometry is the same in every mode (see {@link Pad})
 */
public record LayerSpec(String name, String kind, List<String> from, int in, int out, int groups, Window y,
                        Window x, Resize resize, int firstChannel, Pad.Mode padMode) {

    /** Kinds that slide a window over their input: the layers of a chain's walk. */
    private static final Set<String> SLIDING = Set.of("Conv", "MaxPool", "AvgPool", "FullyConnected");

    /** Kinds that need windows, and kinds that need a {@link Resize}. */
    private static final Set<String> WINDOWED = Set.of("Conv", "MaxPool", "AvgPool", "FullyConnected", "Deconv", "Pad",
            "PixelUnshuffle");
    private static final Set<String> RESIZED = Set.of("Deconv", "Upsample", "Crop", "PixelShuffle");

    /** Kinds that are neither pointwise nor windows: they take no window and no resize of their own. */
    private static final Set<String> STRUCTURAL = Set.of("Concat", "Add", "GlobalAvgPool", "Gate", "InstanceNorm");

    /**
     * Copies {@code from} and checks that the parts fit the kind.
     *
     * @throws IllegalArgumentException if {@code from} is empty, a merge reads fewer than two
     *                                  layers, a gate other than two, or another layer more than
     *                                  one, the windows or the
     *                                  resize are missing where the kind needs them or present where
     *                                  it has none, a pad's window is not kernel 1 and stride 1, or
     *                                  a deconvolution has a kernel smaller than its stride or is
     *                                  dilated along an axis of stride above 1, or a channel selection
     *                                  is negative, does not state its count, or reaches beyond the
     *                                  known incoming channels, or a layer other than a pad has a
     *                                  pad mode other than {@code CONSTANT}
     */
    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(padMode, "padMode");
        if (padMode != Pad.Mode.CONSTANT && !kind.equals("Pad")) {
            throw new IllegalArgumentException(name + ": a " + kind + " layer has no pad mode, got " + padMode);
        }
        from = List.copyOf(Objects.requireNonNull(from, "from"));
        boolean merge = kind.equals("Concat") || kind.equals("Add");
        boolean gate = kind.equals("Gate");
        if (from.isEmpty() || (merge ? from.size() < 2 : gate ? from.size() != 2 : from.size() > 1)) {
            throw new IllegalArgumentException(name + ": a " + kind + " layer reads "
                    + (merge ? "at least two layers" : gate ? "two layers, the map and its gate" : "one layer")
                    + ", got " + from);
        }
        if ((y == null) != (x == null) || (y != null) != WINDOWED.contains(kind)) {
            throw new IllegalArgumentException(name + ": a " + kind + " layer "
                    + (WINDOWED.contains(kind) ? "needs" : "has no") + " windows along both axes");
        }
        if ((resize != null) != RESIZED.contains(kind) || (resize != null && resize.isCrop() != kind.equals("Crop"))) {
            throw new IllegalArgumentException(name + ": a " + kind + " layer "
                    + (RESIZED.contains(kind) ? "needs its own" : "has no") + " resize, got " + resize);
        }
        if (kind.equals("Pad")) {
            for (Window w : new Window[] {y, x}) {
                if (w.kernel() != 1 || w.stride() != 1 || w.dilation() != 1 || w.padding() != Padding.EXPLICIT || w.ceil()) {
                    throw new IllegalArgumentException(name + ": a pad's window is kernel 1, stride 1 with the"
                            + " explicit padding added: got " + w);
                }
            }
        }
        boolean selection = kind.equals("Channels");
        if (firstChannel < 0 || firstChannel != 0 && !selection
                || selection && (out == Shape.UNKNOWN || in != Shape.UNKNOWN && firstChannel + (long) out > in)) {
            throw new IllegalArgumentException(name + ": a " + kind + " layer cannot select channels " + firstChannel
                    + " to " + (firstChannel + (long) out - 1) + " of " + in + " (a Channels layer selects a known count"
                    + " within its input, no other kind selects any)");
        }
        if (kind.equals("PixelShuffle") && !resize.equals(Resize.upsample(resize.factorX(), false))
                || kind.equals("PixelUnshuffle") && (!y.equals(x) || !y.equals(new Window(y.kernel(), y.kernel(), 1, 0, 0, Padding.EXPLICIT, false)))) {
            throw new IllegalArgumentException(name + ": a " + kind + " by r is spatially a nearest upsampling by r"
                    + " (Resize.upsample(r, false)) or an r x r window with stride r and no padding"
                    + " (Window(r, r, 1, 0, 0, EXPLICIT, false)): got " + (resize != null ? resize : y + ", " + x));
        }
        if (kind.equals("Deconv")) {
            for (Window w : new Window[] {y, x}) {
                if ((w.dilation() != 1 && w.stride() != 1) || w.padding() != Padding.EXPLICIT || w.ceil()
                        || w.kernel() < w.stride()) {
                    throw new IllegalArgumentException(name + ": a deconvolution's window has explicit padding, no"
                            + " rounding up, a kernel at least its stride, and stride 1 if dilated: got " + w);
                }
            }
        }
    }

    /**
     * A layer whose {@link #firstChannel()} is 0: every kind but a {@code Channels} layer that
     * starts past channel 0.
     */
    public LayerSpec(String name, String kind, List<String> from, int in, int out, int groups, Window y, Window x,
                     Resize resize) {
        this(name, kind, from, in, out, groups, y, x, resize, 0);
    }

    /** A layer other than a pad in a copying mode. */
    public LayerSpec(String name, String kind, List<String> from, int in, int out, int groups, Window y, Window x,
                     Resize resize, int firstChannel) {
        this(name, kind, from, in, out, groups, y, x, resize, firstChannel, Pad.Mode.CONSTANT);
    }

    /** Whether the layer has windows (convolution, pooling, fully connected, deconvolution, pad). */
    public boolean hasWindow() {
        return y != null;
    }

    /**
     * Whether the layer slides a window over its input (convolution, pooling, fully connected):
     * the layers whose windows may leave a border unread.
     */
    public boolean slidesWindow() {
        return SLIDING.contains(kind);
    }

    /**
     * Whether the layer keeps the geometry unit by unit ({@code Relu}, {@code BatchNorm}, ...):
     * reads one layer, and neither slides, resizes nor merges. {@code Channels} and
     * {@code ChannelShuffle} are spatially pointwise too, though a selection changes the channels.
     */
    public boolean isPointwise() {
        return !WINDOWED.contains(kind) && !RESIZED.contains(kind) && !STRUCTURAL.contains(kind);
    }

    /** Whether this is a merge ({@code Concat}, {@code Add}). */
    public boolean isMerge() {
        return kind.equals("Concat") || kind.equals("Add");
    }

    /** Whether this is a fully connected layer. */
    public boolean isFullyConnected() {
        return kind.equals("FullyConnected");
    }

    /**
     * This layer in the fully convolutional form of the network: a fully connected layer as a
     * {@code Conv} with kernel {@code kh x kw} = its incoming map at the declared input size,
     * stride 1 and no padding, {@code in} = the incoming channels; every other layer as it is.
     */
    public LayerSpec asConv() {
        return isFullyConnected() ? new LayerSpec(name, "Conv", from, in, out, 1, y, x, null, 0) : this;
    }

    /**
     * {@code conv1: Conv 3->96 k 11x11 s 4x4 p 0/0x0/0}, {@code relu1: Relu},
     * {@code up: Deconv 21->21 k 4x4 s 2x2 p 1/1x1/1 op 1}, {@code up2: Upsample x2 bilinear},
     * {@code up3: Upsample x3 by x2 nearest} (columns by 3, rows by 2),
     * {@code pad1: Pad 1/1x2/2}, {@code score: Crop upscore to input at 19x19},
     * {@code cat: Concat a, b}, {@code gap: GlobalAvgPool}, {@code se: Gate features, scale},
     * {@code left: Channels 0..57 of 116}, {@code shuffle: ChannelShuffle 116 groups 2},
     * {@code ps: PixelShuffle 9->1 x3}, {@code down: PixelUnshuffle 3->12 /2}.
     */
    @Override
    public String toString() {
        String head = name + ": " + kind;
        return switch (kind) {
            case "Concat", "Add", "Gate" -> head + " " + String.join(", ", from);
            case "Upsample" -> head + (resize.factorX() == resize.factorY() ? " x" + resize.factorX()
                    : " x" + resize.factorX() + " by x" + resize.factorY()) + (resize.cubic() ? " cubic a " + resize.cubicCoefficient()
                            + (resize.excludeOutside() ? " exclude_outside" : "") : resize.bilinear() ? " bilinear" : " nearest")
                    + (resize.coordinates() == Upsample.Coordinates.HALF_PIXEL ? ""
                            : " " + resize.coordinates().name().toLowerCase(Locale.ROOT))
                    + (resize.roi().isEmpty() ? "" : " roi " + resize.roi())
                    + (resize.rounding() == Upsample.Rounding.ROUND_PREFER_FLOOR ? ""
                            : " " + resize.rounding().name().toLowerCase(Locale.ROOT));
            case "Crop" -> head + " " + from.get(0) + " to " + resize.like() + " at "
                    + resize.offsetY() + "x" + resize.offsetX();
            case "Pad" -> head + " " + pads()
                    + (padMode == Pad.Mode.CONSTANT ? "" : " " + padMode.name().toLowerCase(Locale.ROOT));
            case "Channels" -> head + " " + firstChannel + ".." + (firstChannel + (long) out - 1) + " of " + channels(in);
            case "ChannelShuffle" -> head + " " + channels(in) + " groups " + groups;
            case "PixelShuffle" -> head + " " + channels(in) + "->" + channels(out) + " x" + resize.factorX();
            case "PixelUnshuffle" -> head + " " + channels(in) + "->" + channels(out) + " /" + y.kernel();
            case "Deconv" -> head + " " + channels(in) + "->" + channels(out)
                    + " k " + y.kernel() + "x" + x.kernel() + " s " + y.stride() + "x" + x.stride() + " p " + pads()
                    + (y.dilation() != 1 || x.dilation() != 1 ? " d " + y.dilation() + "x" + x.dilation() : "")
                    + (resize.outputPadding() != 0 ? " op " + resize.outputPadding() : "")
                    + (groups != 1 ? " groups " + groups : "");
            default -> !hasWindow() ? head : head + " " + channels(in) + "->" + channels(out)
                    + " k " + y.kernel() + "x" + x.kernel() + " s " + y.stride() + "x" + x.stride()
                    + " p " + pads()
                    + (y.dilation() != 1 || x.dilation() != 1 ? " d " + y.dilation() + "x" + x.dilation() : "")
                    + (y.padding() != Padding.EXPLICIT ? " " + y.padding() : "")
                    + (y.ceil() ? " ceil" : "")
                    + (groups != 1 ? " groups " + groups : "");
        };
    }

    private String pads() {
        return y.padBefore() + "/" + y.padAfter() + "x" + x.padBefore() + "/" + x.padAfter();
    }

    private static String channels(int c) {
        return c == Shape.UNKNOWN ? "?" : Integer.toString(c);
    }
}
