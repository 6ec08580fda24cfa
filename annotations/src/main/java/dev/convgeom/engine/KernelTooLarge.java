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
     * @param source the map it reads, {@code in}: its index, or {@link LayerSpec#NETWORK_INPUT}
     *               (then the input size is a fix to suggest)
     */
    static void report(NetworkSoFar soFar, int index, LayerSpec layer, ComputedLayer in, Axis axis, int source) {
        boolean first = source == LayerSpec.NETWORK_INPUT;
        Window w = layer.window(axis);
        long n = in.axis(axis).size();
        long[] pad = WindowAxis.padding(n, w);
        long ke = w.dilatedKernel();
        String kernel = w.dilation() == 1 ? "kernel " + ke
                : "dilated kernel " + ke + " (k = " + w.kernel() + ", d = " + w.dilation() + ")";
        String arithmetic = "input " + axis.extent() + " " + n + " + padding " + pad[0] + " + " + pad[1]
                + " = " + (n + pad[0] + pad[1]) + " < " + kernel;
        long perSide = (ke - n + 1) / 2;
        String shrinks = "Use padding of at least " + perSide + " on each side, a kernel of at most "
                + (n + pad[0] + pad[1]);
        String fixedBy = sizeFixedBy(soFar, source);
        String fix = fixedBy != null
                ? shrinks + "; a larger input does not help, since " + fixedBy + " (after it, a 1x1 convolution"
                        + " or @FullyConnected is the usual layer)."
                : shrinks + ", or a larger input"
                        + (first ? " (" + axis.extent() + " at least " + (ke - pad[0] - pad[1]) + ")" : "") + ".";
        soFar.report(index, Param.KERNEL, axis, GeometryMessage.KERNEL_TOO_LARGE, layer.name(), axis.extent(), arithmetic,
                axis.units(), fix);
    }

    /**
     * Why map {@code source}'s size does not grow with the input, when it does not: a fully
     * connected layer or a global pool on the way to it puts out 1x1 whatever it receives. A crop
     * takes its size from its reference; every other layer from its (first) input.
     */
    private static String sizeFixedBy(NetworkSoFar soFar, int source) {
        for (int at = source; at != LayerSpec.NETWORK_INPUT; ) {
            ComputedLayer layer = soFar.map(at);
            LayerKind.Role role = layer.spec().kind().role();
            if (role == LayerKind.Role.FULLY_CONNECTED || role == LayerKind.Role.GLOBAL_POOLING) {
                return "'" + layer.spec().name() + "' " + (role == LayerKind.Role.FULLY_CONNECTED
                        ? "is fully connected" : "pools globally") + ", so its output is 1x1 for every input size";
            }
            at = role == LayerKind.Role.CROP ? layer.spec().extras().like() : layer.inputs().get(0);
        }
        return null;
    }
}
