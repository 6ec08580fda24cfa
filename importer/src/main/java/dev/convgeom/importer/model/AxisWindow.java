package dev.convgeom.importer.model;

/**
 * A window along one axis as the model file states it, padding resolved to numbers.
 *
 * @param kernel    kernel size
 * @param stride    stride
 * @param dilation  dilation (1: dense)
 * @param padBefore padding before (top or left)
 * @param padAfter  padding after (bottom or right)
 */
public record AxisWindow(int kernel, int stride, int dilation, int padBefore, int padAfter) {

    /** The extent of the dilated kernel. */
    public long dilatedKernel() {
        return (long) dilation * (kernel - 1) + 1;
    }

    /** Whether the padding is the same before and after. */
    public boolean symmetric() {
        return padBefore == padAfter;
    }

    /** This window with no padding (after the padding has moved into a {@code @Pad} layer). */
    public AxisWindow unpadded() {
        return new AxisWindow(kernel, stride, dilation, 0, 0);
    }
}
