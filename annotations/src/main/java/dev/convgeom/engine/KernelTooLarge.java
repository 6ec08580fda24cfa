package dev.convgeom.engine;


/**
 * A window layer whose kernel is larger than its padded input, so that no window fits: the
 * arithmetic that shows it and the padding, kernel or input size that would fix it.
 */
final class KernelTooLarge {

    private KernelTooLarge() {
    }

    /**
     * Reports that no window of {@code layer} fits along {@code axis} of its input {@code in}.
     *
     * @param first whether {@code in} is the network input (then its size is a fix to suggest)
     */
    static void report(NetworkSoFar soFar, int index, LayerSpec layer, ComputedLayer in, Axis axis,
                       boolean first) {
        Window w = layer.window(axis);
        long n = in.axis(axis).size();
        long[] pad = WindowAxis.padding(n, w);
        long ke = w.dilatedKernel();
        String kernel = w.dilation() == 1 ? "kernel " + ke
                : "dilated kernel " + ke + " (k = " + w.kernel() + ", d = " + w.dilation() + ")";
        String arithmetic = "input " + axis.extent() + " " + n + " + padding " + pad[0] + " + " + pad[1]
                + " = " + (n + pad[0] + pad[1]) + " < " + kernel;
        long perSide = (ke - n + 1) / 2;
        String fix = "Use padding of at least " + perSide + " on each side, a kernel of at most "
                + (n + pad[0] + pad[1]) + ", or a larger input"
                + (first ? " (" + axis.extent() + " at least " + (ke - pad[0] - pad[1]) + ")" : "")
                + ".";
        soFar.report(index, Param.KERNEL, axis, GeometryMessage.KERNEL_TOO_LARGE, layer.name(), axis.extent(), arithmetic,
                axis.units(), fix);
    }
}
