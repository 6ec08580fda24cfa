package dev.convgeom;

import java.util.Objects;

/**
 * Moves the weights of a fully connected layer into the convolution it is equivalent to.
 *
 * <p>A fully connected layer on a {@code C x H x W} map with {@code out} outputs has an
 * {@code out x (C*H*W)} weight matrix. As a convolution it has {@code out} kernels of
 * {@code C x H x W} (the OIHW layout of Caffe, PyTorch and ONNX), which compute the same numbers
 * on the declared input and slide over a larger one. The only question is how each row of the
 * matrix flattened its input: channels first (Caffe, PyTorch's {@code flatten}) or channels last
 * (Keras and TensorFlow's {@code Flatten} on NHWC maps). The biases stay as they are.
 */
public final class Convolutionalize {

    /** How a fully connected layer's input was flattened into its weight rows. */
    public enum Layout {
        /** Index {@code (c * H + h) * W + w}: Caffe, PyTorch, ONNX on NCHW maps. */
        CHANNELS_FIRST,
        /** Index {@code (h * W + w) * C + c}: Keras and TensorFlow on NHWC maps. */
        CHANNELS_LAST
    }

    private Convolutionalize() {
    }

    /**
     * The convolution kernels equivalent to a fully connected weight matrix.
     *
     * @param weights  {@code out x (C*H*W)}, row-major: row {@code o} holds the weights of output
     *                 {@code o}
     * @param out      number of outputs
     * @param incoming the map the layer reads, {@code C x H x W} (the kernel's shape; for a
     *                 generated constant, the {@code output()} of the layer before it); its
     *                 channels must be known
     * @param layout   how each row flattened the incoming map
     * @return {@code out x C x H x W} kernels, row-major (OIHW)
     * @throws IllegalArgumentException if {@code out} is below 1, the channels are unknown, or the
     *                                  sizes do not match the array
     */
    public static float[] kernels(float[] weights, int out, Shape incoming, Layout layout) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(layout, "layout");
        if (out < 1 || !incoming.hasChannels()) {
            throw new IllegalArgumentException("need at least one output and known channels: out " + out
                    + ", incoming " + incoming);
        }
        int channels = incoming.channels();
        int height = incoming.height();
        int width = incoming.width();
        long inputs = (long) channels * height * width;
        if ((long) out * inputs != weights.length) {
            throw new IllegalArgumentException("a " + out + " x " + inputs + " matrix (" + incoming + " inputs) has "
                    + (long) out * inputs + " weights, got " + weights.length);
        }
        if (layout == Layout.CHANNELS_FIRST) {
            return weights.clone();   // each row already is a C x H x W kernel
        }
        float[] kernels = new float[weights.length];
        int size = (int) inputs;
        for (int o = 0; o < out; o++) {
            int row = o * size;
            for (int c = 0; c < channels; c++) {
                for (int h = 0; h < height; h++) {
                    for (int w = 0; w < width; w++) {
                        kernels[row + (c * height + h) * width + w] = weights[row + (h * width + w) * channels + c];
                    }
                }
            }
        }
        return kernels;
    }
}
