package dev.convgeom;

/**
 * How a window layer pads its input.
 *
 * @see Conv#padding()
 */
public enum Padding {

    /** The padding given by {@code p}, {@code ph} and {@code pw} (0 when none is given). */
    EXPLICIT,

    /**
     * TensorFlow's {@code "SAME"}: the output has {@code ceil(n / s)} units, and the padding that
     * takes, {@code total = max((ceil(n / s) - 1) * s + ke - n, 0)}, goes {@code floor(total / 2)}
     * before and the rest after. The padding, and so the centres, depend on the input size.
     */
    SAME,

    /** TensorFlow's {@code "VALID"}: no padding at all. */
    VALID
}
