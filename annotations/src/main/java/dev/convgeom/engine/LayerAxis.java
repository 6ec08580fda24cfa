package dev.convgeom.engine;

import java.util.List;

/**
 * What each kind of layer does to one axis: the one place that maps a {@link LayerKind.Role} to
 * its geometry, the formulas of {@link WindowAxis} and {@link ResampleAxis}. Both walks ask here:
 * {@link GeometryCalculator} (compile time, with diagnostics) and {@link AxisWalk} (run time, any
 * input size). Neither checks anything: a caller first makes sure the layer fits (a window fits,
 * a transposed convolution has output, a merge's inputs agree, a crop has room).
 */
public final class LayerAxis {

    private LayerAxis() {
    }

    /**
     * The window {@code layer} slides along {@code axis} over an input of {@code n} units: the
     * declared one (convolution, pooling, zero padding), the whole map with stride 1 (a fully
     * connected layer, seen as the convolution it is), or the whole map stepping by its size
     * (global pooling, so that the virtual units beyond the one real unit continue the pattern as
     * further windows); null for a layer that slides none.
     */
    public static Window window(LayerSpec layer, Axis axis, long n) {
        return switch (layer.kind().role()) {
            case CONVOLUTION, POOLING, PAD -> layer.window(axis);
            case FULLY_CONNECTED -> Window.of(n, 1, 0);
            case GLOBAL_POOLING -> Window.of(n, n, 0);
            case POINTWISE, DECONVOLUTION, UPSAMPLING, CROP, MERGE, CONTEXT -> null;
        };
    }

    /**
     * The number of units {@code layer} puts out along {@code axis} when its first input has
     * {@code n}: 0 or less when a window, a transposed convolution or an upsampling gives none
     * (aligned corners cannot stretch one unit).
     *
     * @param like the size of a crop's reference map; unused for other kinds
     */
    public static long size(LayerSpec layer, Axis axis, long n, long like) {
        return switch (layer.kind().role()) {
            case CONVOLUTION, POOLING, PAD, FULLY_CONNECTED, GLOBAL_POOLING ->
                    WindowAxis.outputSize(n, window(layer, axis, n));
            case DECONVOLUTION -> ResampleAxis.deconvSize(n, layer.window(axis), layer.extras().outputPadding());
            case UPSAMPLING -> Sampling.fits(layer, axis, n) ? Sampling.size(layer, axis, n) : 0;
            case CROP -> like;
            case POINTWISE, MERGE, CONTEXT -> n;
        };
    }

    /**
     * The map {@code layer} puts out along {@code axis}, for a layer that slides no
     * {@link #window}: from its inputs' maps ({@code inputs.get(0)} for all but a merge).
     *
     * A gate reads its first input unit by unit and the whole of its last (the 1x1 gate); an
     * instance normalisation, with one input, the whole of that input.
     *
     * @param offset a crop's offset along this axis; unused for other kinds
     * @param like   the size of a crop's reference map; unused for other kinds
     */
    public static AxisState resample(LayerSpec layer, Axis axis, List<AxisState> inputs, long offset, long like) {
        AxisState in = inputs.get(0);
        return switch (layer.kind().role()) {
            case DECONVOLUTION -> ResampleAxis.deconv(in, layer.window(axis), layer.extras().outputPadding());
            case UPSAMPLING -> ResampleAxis.upsample(in, Sampling.of(layer, axis, in.size()));
            case CROP -> ResampleAxis.crop(in, offset, like);
            case MERGE -> ResampleAxis.merge(inputs);
            case POINTWISE -> in;
            case CONTEXT -> ResampleAxis.context(in, inputs.get(inputs.size() - 1));
            case CONVOLUTION, POOLING, PAD, FULLY_CONNECTED, GLOBAL_POOLING ->
                    throw new IllegalArgumentException(layer.name() + " slides a window: see window()");
        };
    }

    /** The map {@code layer} puts out along {@code axis}, whatever its kind, from its inputs' maps. */
    public static AxisState map(LayerSpec layer, Axis axis, List<AxisState> inputs, long offset, long like) {
        AxisState in = inputs.get(0);
        Window w = window(layer, axis, in.size());
        return w != null ? WindowAxis.slide(in, w).output() : resample(layer, axis, inputs, offset, like);
    }
}
