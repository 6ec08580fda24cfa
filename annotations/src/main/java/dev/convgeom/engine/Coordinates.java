package dev.convgeom.engine;

/**
 * Where an upsampling by {@code f} places output unit {@code v} on its input of {@code n} units
 * (ONNX {@code Resize}'s {@code coordinate_transformation_mode}; {@code N = n * f} output units).
 */
public enum Coordinates {
    /** At {@code (v + 1/2) / f - 1/2}: PyTorch's {@code align_corners = false}. */
    HALF_PIXEL,
    /** At {@code v / f}: TensorFlow 1's default, ONNX's {@code asymmetric}. */
    ASYMMETRIC,
    /**
     * At {@code v * (n - 1) / (N - 1)}: the first and last units of both maps coincide
     * (PyTorch's {@code align_corners = true}); the step depends on the input size.
     */
    ALIGN_CORNERS,
    /**
     * At {@code (v + 1/2) / f}: ONNX's {@code tf_half_pixel_for_nn} (opsets 11 and 12), half an
     * output unit after {@link #ASYMMETRIC}.
     */
    TF_HALF_PIXEL_FOR_NN,
    /**
     * At {@code start * (n - 1) + v * (end - start) * (n - 1) / (N - 1)}, the one unit of
     * {@code N = 1} at {@code (start + end) / 2 * (n - 1)}: ONNX's {@code tf_crop_and_resize}, the
     * region {@code [start, end]} of the input ({@link CropRegion}, a fraction of it) stretched over
     * the output. As with {@link #ALIGN_CORNERS}, the step depends on the input size.
     */
    CROP_AND_RESIZE
}
