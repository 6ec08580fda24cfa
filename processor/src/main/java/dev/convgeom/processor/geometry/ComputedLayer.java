package dev.convgeom.processor.geometry;

/**
 * A layer with its computed output: channels (or {@link #UNKNOWN_CHANNELS}) and both axes. For a
 * window layer the resolved window steps (padding applied, dropped border) are kept as well.
 *
 * @param spec     the layer as declared
 * @param channels output channels, or {@link #UNKNOWN_CHANNELS}
 * @param y        output along the rows
 * @param x        output along the columns
 * @param stepY    the window step along the rows, or null for a pointwise layer
 * @param stepX    the window step along the columns, or null for a pointwise layer
 */
public record ComputedLayer(LayerSpec spec, long channels, AxisState y, AxisState x,
                            WindowStep stepY, WindowStep stepX) {

    /** Channels of a map whose channel count is not known. */
    public static final long UNKNOWN_CHANNELS = -1;

    public AxisState axis(Axis axis) {
        return axis == Axis.Y ? y : x;
    }

    public boolean hasChannels() {
        return channels != UNKNOWN_CHANNELS;
    }
}
