package dev.convgeom.processor.geometry;

/**
 * A feature map along one axis: its size and the receptive field of unit 0, exact. Unit
 * {@code u}'s field is {@code [lo + jump * u, hi + jump * u]}, centred on {@code center + jump * u}
 * (input coordinates, unclipped).
 *
 * @param size   number of units
 * @param jump   input pixels between neighbouring units' fields (the effective stride)
 * @param lo     first input pixel of unit 0's field
 * @param hi     last input pixel of unit 0's field
 * @param center input coordinate of the centre of unit 0's field
 */
public record AxisState(long size, Rational jump, long lo, long hi, Rational center) {

    /** The network input along an axis of {@code size} pixels: each pixel sees itself. */
    public static AxisState input(long size) {
        return new AxisState(size, Rational.ONE, 0, 0, Rational.ZERO);
    }

    /** Receptive-field size, {@code hi - lo + 1}. */
    public long rf() {
        return Math.addExact(Math.subtractExact(hi, lo), 1);
    }
}
