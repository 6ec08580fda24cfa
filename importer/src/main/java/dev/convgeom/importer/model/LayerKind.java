package dev.convgeom.importer.model;

/**
 * The annotation an imported layer is declared with. Each constant names the annotation's simple
 * name, which is also the {@code kind} the processor and the run-time spec use.
 */
public enum LayerKind {
    CONV("Conv"),
    DECONV("Deconv"),
    MAX_POOL("MaxPool"),
    AVG_POOL("AvgPool"),
    FULLY_CONNECTED("FullyConnected"),
    GLOBAL_AVG_POOL("GlobalAvgPool"),
    CONCAT("Concat"),
    ADD("Add"),
    CROP("Crop"),
    PAD("Pad"),
    UPSAMPLE("Upsample"),
    RELU("Relu"),
    SIGMOID("Sigmoid"),
    TANH("Tanh"),
    BATCH_NORM("BatchNorm"),
    DROPOUT("Dropout"),
    LRN("Lrn"),
    SOFTMAX("Softmax"),
    POINTWISE("Pointwise"),
    GATE("Gate"),
    INSTANCE_NORM("InstanceNorm"),
    /** A range of channels ({@code @Channels}): spatially pointwise, fewer channels. */
    CHANNELS("Channels"),
    /** A channel shuffle ({@code @ChannelShuffle}): spatially pointwise, channels reordered. */
    CHANNEL_SHUFFLE("ChannelShuffle"),
    /** A pixel shuffle ({@code @PixelShuffle}, ONNX DepthToSpace): rows and columns by r, channels by r^2 fewer. */
    PIXEL_SHUFFLE("PixelShuffle"),
    /** A pixel unshuffle ({@code @PixelUnshuffle}, ONNX SpaceToDepth): an r x r window of stride r, r^2 times the channels. */
    PIXEL_UNSHUFFLE("PixelUnshuffle");

    private final String annotation;

    LayerKind(String annotation) {
        this.annotation = annotation;
    }

    /** The annotation's simple name ({@code "Conv"}), the layer's kind in specs and manifests. */
    public String annotation() {
        return annotation;
    }

    /** Whether the layer leaves the geometry alone (works unit by unit or across channels only). */
    public boolean isPointwise() {
        return switch (this) {
            case RELU, SIGMOID, TANH, BATCH_NORM, DROPOUT, LRN, SOFTMAX, POINTWISE -> true;
            default -> false;
        };
    }

    /** Whether the layer slides a window: convolution, pooling, fully connected. */
    public boolean slides() {
        return this == CONV || this == MAX_POOL || this == AVG_POOL || this == FULLY_CONNECTED;
    }
}
