package dev.convgeom;

/**
 * A layer as declared, in the terms its geometry needs: kind, channels, and its window along each
 * axis (null for a layer that works unit by unit).
 *
 * <p>A fully connected layer is held as the convolution it is equivalent to: its windows span the
 * whole incoming map of the declared input, stride 1, no padding; {@link #asConv()} gives that
 * convolution as a {@code Conv} spec. Its weights, an {@code out x (in * kh * kw)} matrix, become
 * {@code out x in x kh x kw} kernels (see {@link Convolutionalize#kernels}).
 *
 * @param name   the layer's name
 * @param kind   the layer's kind: the simple name of its annotation ({@code "Conv"}, ...)
 * @param in     input channels, or {@link Shape#UNKNOWN}
 * @param out    output channels, or {@link Shape#UNKNOWN}
 * @param groups channel groups (1 but for grouped convolutions)
 * @param y      the window along the rows, or null
 * @param x      the window along the columns, or null
 */
public record LayerSpec(String name, String kind, int in, int out, int groups, Window y, Window x) {

    /** Whether the layer slides a window (convolution, pooling, fully connected). */
    public boolean hasWindow() {
        return y != null;
    }

    /** Whether this is a fully connected layer. */
    public boolean isFullyConnected() {
        return kind.equals("FullyConnected");
    }

    /**
     * This layer in the fully convolutional form of the network: a fully connected layer as a
     * {@code Conv} with kernel {@code kh x kw} = its incoming map at the declared input size,
     * stride 1 and no padding, {@code in} = the incoming channels; every other layer as it is.
     */
    public LayerSpec asConv() {
        return isFullyConnected() ? new LayerSpec(name, "Conv", in, out, 1, y, x) : this;
    }

    /** {@code conv1: Conv 3->96 k 11x11 s 4x4 p 0/0x0/0}, or {@code relu1: Relu}. */
    @Override
    public String toString() {
        if (!hasWindow()) {
            return name + ": " + kind;
        }
        return name + ": " + kind + " " + channels(in) + "->" + channels(out)
                + " k " + y.kernel() + "x" + x.kernel() + " s " + y.stride() + "x" + x.stride()
                + " p " + y.padBefore() + "/" + y.padAfter() + "x" + x.padBefore() + "/" + x.padAfter()
                + (y.dilation() != 1 || x.dilation() != 1 ? " d " + y.dilation() + "x" + x.dilation() : "")
                + (y.padding() != Padding.EXPLICIT ? " " + y.padding() : "")
                + (y.ceil() ? " ceil" : "")
                + (groups != 1 ? " groups " + groups : "");
    }

    private static String channels(int c) {
        return c == Shape.UNKNOWN ? "?" : Integer.toString(c);
    }
}
