package dev.convgeom.engine;

/**
 * One axis of a window layer (convolution, pooling, or a fully connected layer seen as a
 * convolution) as declared: kernel, stride, dilation, padding before and after, and rounding.
 * With {@link PaddingMode#SAME} the padding fields are ignored: it is derived from the input size.
 */
public record Window(long kernel, long stride, long dilation, long padBefore, long padAfter,
                     PaddingMode mode, Rounding rounding) {

    /** A plain window: explicit symmetric padding, rounding down, no dilation. */
    public static Window of(long kernel, long stride, long pad) {
        return new Window(kernel, stride, 1, pad, pad, PaddingMode.EXPLICIT, Rounding.FLOOR);
    }

    /** The dilated kernel extent, {@code d * (k - 1) + 1}. */
    public long dilatedKernel() {
        return Math.addExact(Math.multiplyExact(dilation, kernel - 1), 1);
    }
}
