package dev.convgeom.engine;

/**
 * The declared parameter a problem is blamed on, so that the diagnostic can point at the literal
 * that was written for it ({@code kh} rather than {@code k} where both exist and {@code kh} was
 * written).
 */
public enum Param {
    KERNEL, STRIDE, PADDING, DILATION, IN, OUT, GROUPS,
    /** The {@code from} names; with an element index, the one name (see {@link Problem#element()}). */
    FROM,
    /** A crop's {@code like}. */
    LIKE,
    /** A crop's {@code offset}. */
    OFFSET,
    /** An upsampling's {@code factor}. */
    FACTOR,
    /** An upsampling's {@code coordinates}. */
    COORDINATES,
    /** A transposed convolution's {@code outputPadding}. */
    OUTPUT_PADDING,
    /** A channel selection's {@code first}. */
    FIRST_CHANNEL,
    /** A channel selection's {@code count}. */
    CHANNEL_COUNT,
    /** A pad's {@code mode}. */
    PAD_MODE,
    /** No single parameter: the diagnostic goes on the annotation. */
    NONE,
    /** A nearest upsampling's {@code rounding} (its {@code coordinates} where it is not written). */
    ROUNDING,
    /** A transposed convolution's {@code padBottom} or {@code padRight}, where it was written. */
    PAD_AFTER
}
