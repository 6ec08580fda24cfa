package dev.convgeom.processor.geometry;

/**
 * The declared parameter a problem is blamed on, so that the diagnostic can point at the literal
 * that was written for it ({@code kh} rather than {@code k} where both exist and {@code kh} was
 * written).
 */
public enum Param {
    KERNEL, STRIDE, PADDING, DILATION, IN, OUT, GROUPS,
    /** No single parameter: the diagnostic goes on the annotation. */
    NONE
}
