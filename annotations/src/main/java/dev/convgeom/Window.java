package dev.convgeom;

/**
 * One axis of a window layer (convolution, pooling, or a fully connected layer taken as the
 * convolution it is): kernel, stride, dilation, padding and rounding, as it slides over an input
 * of any size.
 *
 * <p>The padding is the one declared; with {@link Padding#SAME} it is derived from the input size
 * instead ({@link #padBefore(long)}), so the values stored here are those of the network's
 * declared input.
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
        return switch (padding) {
            case EXPLICIT -> padBefore;
            case VALID -> 0;
            case SAME -> samePadding(n) / 2;
        };
    }

    /** Padding after an input of {@code n} units. */
    public long padAfter(long n) {
        return switch (padding) {
            case EXPLICIT -> padAfter;
            case VALID -> 0;
            case SAME -> samePadding(n) - samePadding(n) / 2;
        };
    }

    /**
     * The number of output units for an input of {@code n} units, or 0 when not one window fits.
     * Rounds down, or up with {@link #ceil()} (a last window never starts in the trailing padding).
     */
    public long outputSize(long n) {
        if (padding == Padding.SAME) {
            return n < 1 ? 0 : ceilDiv(n, stride);
        }
        long pb = padBefore(n);
        long span = Math.subtractExact(Math.addExact(Math.addExact(n, pb), padAfter(n)), dilatedKernel());
        if (n < 1 || span < 0) {
            return 0;
        }
        if (!ceil) {
            return span / stride + 1;
        }
        long out = ceilDiv(span, stride) + 1;
        return Math.multiplyExact(out - 1, (long) stride) >= n + pb ? out - 1 : out;
    }

    /**
     * Whether the windows tile an input of {@code n} units exactly: at least one fits, no input
     * pixel after the last window is left unread and no window hangs over the padded end.
     */
    public boolean tiles(long n) {
        long span = n + padBefore(n) + padAfter(n) - dilatedKernel();
        return n >= 1 && span >= 0 && span % stride == 0;
    }

    /** The smallest input (at least 1) giving at least {@code units} output units. */
    public long minInputFor(long units) {
        if (padding == Padding.SAME) {
            return Math.addExact(Math.multiplyExact(units - 1, (long) stride), 1);
        }
        long floorBound = Math.max(1, Math.addExact(Math.multiplyExact(units - 1, (long) stride),
                dilatedKernel() - padBefore - padAfter));
        if (!ceil) {
            return floorBound;
        }
        // Rounding up reaches the count sooner; the output size never falls as the input grows.
        long low = Math.max(1, dilatedKernel() - padBefore - padAfter);
        long high = Math.max(low, floorBound);
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (outputSize(mid) >= units) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private long samePadding(long n) {
        long out = ceilDiv(n, stride);
        return Math.max(0, (out - 1) * stride + dilatedKernel() - n);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
