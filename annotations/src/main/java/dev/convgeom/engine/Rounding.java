package dev.convgeom.engine;

/** How a window layer rounds its output size. */
public enum Rounding {
    /** {@code floor((n + pb + pa - ke) / s) + 1}: every window lies inside the padded input. */
    FLOOR,
    /**
     * {@code ceil((n + pb + pa - ke) / s) + 1}, less a last window that would start in the trailing
     * padding (PyTorch's {@code ceil_mode}; Caffe's pooling when padded).
     */
    CEIL
}
