package dev.convgeom.engine;

/** Every kind of layer, by what it does to the geometry. */
public enum LayerKind {
    CONV("Conv", Role.CONVOLUTION),
    MAX_POOL("MaxPool", Role.POOLING),
    AVG_POOL("AvgPool", Role.POOLING),
    FULLY_CONNECTED("FullyConnected", Role.FULLY_CONNECTED),
    RELU("Relu", Role.POINTWISE),
    SIGMOID("Sigmoid", Role.POINTWISE),
    TANH("Tanh", Role.POINTWISE),
    BATCH_NORM("BatchNorm", Role.POINTWISE),
    DROPOUT("Dropout", Role.POINTWISE),
    LRN("Lrn", Role.POINTWISE),
    SOFTMAX("Softmax", Role.POINTWISE),
    POINTWISE("Pointwise", Role.POINTWISE),
    DECONV("Deconv", Role.DECONVOLUTION),
    UPSAMPLE("Upsample", Role.UPSAMPLING),
    PAD("Pad", Role.PAD),
    CROP("Crop", Role.CROP),
    CONCAT("Concat", Role.MERGE),
    ADD("Add", Role.MERGE),
    GLOBAL_AVG_POOL("GlobalAvgPool", Role.GLOBAL_POOLING),
    GATE("Gate", Role.CONTEXT),
    INSTANCE_NORM("InstanceNorm", Role.CONTEXT),
    /** A contiguous range of channels: spatially pointwise, {@code out} channels from {@code firstChannel}. */
    CHANNELS("Channels", Role.POINTWISE),
    /** A channel shuffle in {@code groups} groups: spatially pointwise, channels reordered. */
    CHANNEL_SHUFFLE("ChannelShuffle", Role.POINTWISE),
    /**
     * PyTorch's pixel shuffle (ONNX DepthToSpace): spatially a nearest upsampling by its factor
     * {@code r}, {@code C} channels to {@code C / r^2} ({@link PixelShuffleStep}).
     */
    PIXEL_SHUFFLE("PixelShuffle", Role.UPSAMPLING),
    /**
     * PyTorch's pixel unshuffle (ONNX SpaceToDepth): spatially an {@code r x r} window with stride
     * {@code r}, {@code C} channels to {@code C r^2} ({@link PixelShuffleStep}).
     */
    PIXEL_UNSHUFFLE("PixelUnshuffle", Role.POOLING);

    /** How a kind of layer acts on shape and geometry. */
    public enum Role {
        /** A window over the spatial axes that sets its own output channels. */
        CONVOLUTION,
        /** A window over the spatial axes, channels passed through. */
        POOLING,
        /** A window over the whole incoming map, output 1x1. */
        FULLY_CONNECTED,
        /**
         * Unit by unit: geometry and spatial shape unchanged; the channels too, but for
         * {@link LayerKind#CHANNELS}, which keeps a range of them.
         */
        POINTWISE,
        /** A transposed convolution: upsampling by its stride, with a window per axis. */
        DECONVOLUTION,
        /** Upsampling by a whole factor, nearest or bilinear. */
        UPSAMPLING,
        /** Zero padding around the map: a window per axis with kernel 1, stride 1. */
        PAD,
        /** A crop to the size of another map, at a computed or given offset. */
        CROP,
        /** Two or more maps combined unit by unit (add) or along the channels (concat). */
        MERGE,
        /** Pooling over the whole map, whatever its size, to 1x1. */
        GLOBAL_POOLING,
        /**
         * Unit by unit over its first input, each unit also reading a whole map
         * ({@link GlobalContext}): a gate by a 1x1 map (its second input), or a normalisation
         * over its one input's rows and columns.
         */
        CONTEXT
    }

    private final String displayName;
    private final Role role;

    LayerKind(String displayName, Role role) {
        this.displayName = displayName;
        this.role = role;
    }

    /** The annotation's simple name: "Conv", "MaxPool", ... */
    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /**
     * Whether the layer declares a window per axis (kernel, stride, padding): convolution,
     * pooling, transposed convolution, and zero padding (a 1x1 window with padding).
     */
    public boolean hasWindow() {
        return role == Role.CONVOLUTION || role == Role.POOLING || role == Role.DECONVOLUTION || role == Role.PAD;
    }

    /** Whether the layer reads two or more maps. */
    public boolean isMerge() {
        return role == Role.MERGE;
    }
}
