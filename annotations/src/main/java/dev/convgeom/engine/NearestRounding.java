package dev.convgeom.engine;

/**
 * Which input unit a nearest upsampling copies for an output unit at input position {@code q}
 * (ONNX {@code Resize}'s {@code nearest_mode}): the unit {@code round(q)} rounded as each constant
 * says, exactly, on the rational position.
 */
public enum NearestRounding {
    /** The nearest unit; halfway, the lower one (ONNX {@code round_prefer_floor}, its default). */
    ROUND_PREFER_FLOOR,
    /** The nearest unit; halfway, the upper one (ONNX {@code round_prefer_ceil}). */
    ROUND_PREFER_CEIL,
    /** The unit at or below the position (ONNX {@code floor}). */
    FLOOR,
    /** The unit at or above the position (ONNX {@code ceil}). */
    CEIL;

    /** The unit read at position {@code num / den}, {@code den} positive. */
    public long unit(long num, long den) {
        return switch (this) {
            case FLOOR -> Math.floorDiv(num, den);
            case CEIL -> -Math.floorDiv(-num, den);
            // round(q) = floor(q + 1/2) = floor((2 num + den) / (2 den)), ties up; ties down: ceil(q - 1/2).
            case ROUND_PREFER_CEIL -> Math.floorDiv(Math.addExact(Math.multiplyExact(2L, num), den),
                    Math.multiplyExact(2L, den));
            case ROUND_PREFER_FLOOR -> -Math.floorDiv(Math.subtractExact(den, Math.multiplyExact(2L, num)),
                    Math.multiplyExact(2L, den));
        };
    }
}
