package dev.convgeom;

import dev.convgeom.engine.WindowAxis;

/**
 * One axis of a window layer (convolution, pooling, or a fully connected layer taken as the
 * convolution it is): kernel, stride, dilation, padding and rounding, as it slides over an input
 * of any size.
 *
 * <p>The padding is the one declared; with {@link Padding#SAME} it is derived from the input size
 * instead ({@link #padBefore(long)}), so the values stored here are those of the network's
 * declared input. The answers below are the engine's ({@link WindowAxis}).
 *
 * @param kernel    kernel size
 * @param stride    stride
 * @param dilation  dilation (1: a dense kernel)
 * @param padBefore padding before the input at the declared input size
 * @param padAfter  padding after the input at the declared input size
 * @param padding   the padding mode
 * @param ceil      whether the output size rounds up (pooling's {@code ceil = true})
 */
public record Window(int kernel, int stride, int dilation, int padBefore, int padAfter, Padding padding,
                     boolean ceil) {

    /** The extent of the dilated kernel, {@code dilation * (kernel - 1) + 1}. */
    public long dilatedKernel() {
        return (long) dilation * (kernel - 1) + 1;
    }

    /** Padding before an input of {@code n} units. */
    public long padBefore(long n) {
        return WindowAxis.padding(n, engine())[0];
    }

    /** Padding after an input of {@code n} units. */
    public long padAfter(long n) {
        return WindowAxis.padding(n, engine())[1];
    }

    /**
     * The number of output units for an input of {@code n} units, or 0 when not one window fits.
     * Rounds down, or up with {@link #ceil()} (a last window never starts in the trailing padding).
     */
    public long outputSize(long n) {
        return WindowAxis.outputSize(n, engine());
    }

    /**
     * Whether the windows tile an input of {@code n} units exactly: at least one fits, no input
     * pixel after the last window is left unread and no window hangs over the padded end.
     */
    public boolean tiles(long n) {
        return WindowAxis.tiles(n, engine());
    }

    /** The smallest input (at least 1) giving at least {@code units} output units. */
    public long minInputFor(long units) {
        return WindowAxis.minInputFor(units, engine());
    }

    /** This window in the engine's terms, which computes every answer above. */
    private dev.convgeom.engine.Window engine() {
        return EngineLayers.window(this);
    }
}
