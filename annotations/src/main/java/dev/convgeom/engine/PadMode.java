package dev.convgeom.engine;

/**
 * What the new units of a {@link LayerKind#PAD} hold. Shapes and fields are the same in every
 * mode; {@link CopiedBorders} checks that the copies of {@link #REFLECT} and {@link #EDGE} change
 * no field downstream.
 */
public enum PadMode {
    /** A constant: the new units read no pixel. */
    CONSTANT,
    /** New unit {@code -i} copies unit {@code i}; new unit {@code n - 1 + i} copies {@code n - 1 - i}. */
    REFLECT,
    /** Every new unit copies the border unit on its side. */
    EDGE;

    /**
     * The unit of a map of {@code n} units that new unit {@code x} (below 0 or at least {@code n})
     * copies; only for {@link #REFLECT} and {@link #EDGE}.
     */
    long source(long x, long n) {
        return switch (this) {
            case REFLECT -> x < 0 ? -x : 2 * (n - 1) - x;
            case EDGE -> x < 0 ? 0 : n - 1;
            case CONSTANT -> throw new IllegalStateException("constant padding copies nothing");
        };
    }
}
