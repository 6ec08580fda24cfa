package dev.convgeom.engine;

import java.util.List;

/**
 * A layer with its computed output: channels (or {@link #UNKNOWN_CHANNELS}) and both axes. For a
 * window layer the resolved window steps (padding applied, dropped border) are kept as well; for
 * a crop, the offsets it starts at.
 *
 * @param spec     the layer as declared
 * @param inputs   the maps it reads, resolved: indices of earlier layers or
 *                 {@link LayerSpec#NETWORK_INPUT}
 * @param channels output channels, or {@link #UNKNOWN_CHANNELS}
 * @param y        output along the rows
 * @param x        output along the columns
 * @param stepY    the window step along the rows, or null for a layer without a window
 * @param stepX    the window step along the columns, or null
 * @param offsetY  a crop's offset along the rows (computed or given), 0 for other layers
 * @param offsetX  a crop's offset along the columns, 0 for other layers
 */
public record ComputedLayer(LayerSpec spec, List<Integer> inputs, long channels, AxisState y, AxisState x,
                            WindowStep stepY, WindowStep stepX, long offsetY, long offsetX) {

    /** Channels of a map whose channel count is not known. */
    public static final long UNKNOWN_CHANNELS = -1;

    public ComputedLayer {
        inputs = List.copyOf(inputs);
    }

    public AxisState axis(Axis axis) {
        return axis == Axis.Y ? y : x;
    }

    public WindowStep step(Axis axis) {
        return axis == Axis.Y ? stepY : stepX;
    }

    public long offset(Axis axis) {
        return axis == Axis.Y ? offsetY : offsetX;
    }

    public boolean hasChannels() {
        return channels != UNKNOWN_CHANNELS;
    }
}
