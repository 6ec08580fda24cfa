package dev.convgeom.processor.geometry;

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
    POINTWISE("Pointwise", Role.POINTWISE);

    /** How a kind of layer acts on shape and geometry. */
    public enum Role {
        /** A window over the spatial axes that sets its own output channels. */
        CONVOLUTION,
        /** A window over the spatial axes, channels passed through. */
        POOLING,
        /** A window over the whole incoming map, output 1x1. */
        FULLY_CONNECTED,
        /** Unit by unit: geometry and shape unchanged. */
        POINTWISE
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

    /** Whether the layer declares a window (kernel, stride, padding). */
    public boolean hasWindow() {
        return role == Role.CONVOLUTION || role == Role.POOLING;
    }
}
