package dev.convgeom;

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
     * @param weights  {@code out x (channels*height*width)}, row-major: row {@code o} holds the
     *                 weights of output {@code o}
     * @param out      number of outputs
     * @param channels channels of the incoming map
     * @param height   height of the incoming map (the kernel height)
     * @param width    width of the incoming map (the kernel width)
     * @param layout   how each row flattened the incoming map
     * @return {@code out x channels x height x width} kernels, row-major (OIHW)
     * @throws IllegalArgumentException if the sizes are not positive or do not match the array
     */
    public static float[] kernels(float[] weights, int out, int channels, int height, int width, Layout layout) {
        if (out < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("sizes must be positive: out " + out + ", " + channels + "x" + height
                    + "x" + width);
        }
        long inputs = (long) channels * height * width;
        if ((long) out * inputs != weights.length) {
            throw new IllegalArgumentException("a " + out + " x " + inputs + " matrix (" + channels + "x" + height + "x"
                    + width + " inputs) has " + (long) out * inputs + " weights, got " + weights.length);
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
