package dev.convgeom.engine;

/** Where a window layer's padding comes from. */
public enum PaddingMode {
    /** As declared. */
    EXPLICIT,
    /** TensorFlow's SAME: {@code ceil(n / s)} outputs, padding derived from the input size. */
    SAME,
    /** TensorFlow's VALID: no padding. */
    VALID
}
