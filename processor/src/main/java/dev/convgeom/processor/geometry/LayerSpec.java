package dev.convgeom.processor.geometry;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A layer as the geometry core sees it: plain numbers, already checked one by one (positive
 * kernels and strides, non-negative padding). Nothing here knows about annotations.
 *
 * @param name   the layer's name
 * @param kind   what it does
 * @param y      its window along the rows, for a {@link LayerKind#hasWindow() window} layer, else null
 * @param x      its window along the columns, likewise
 * @param out    declared output channels or outputs, if any
 * @param in     declared expected input channels (or, fully connected, C*H*W), if any
 * @param groups channel groups of a convolution, 1 otherwise
 */
public record LayerSpec(String name, LayerKind kind, Window y, Window x,
                        OptionalLong out, OptionalLong in, long groups) {

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind.hasWindow() && (y == null || x == null)) {
            throw new IllegalArgumentException(kind + " needs a window on both axes");
        }
    }

    public Window window(Axis axis) {
        return axis == Axis.Y ? y : x;
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
}
