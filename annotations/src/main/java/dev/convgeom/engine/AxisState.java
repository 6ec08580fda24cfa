package dev.convgeom.engine;

import dev.convgeom.Ratio;

/**
 * A feature map along one axis, exact: its size, the affine map from its units to input
 * coordinates ({@code center + jump * u}), and every unit's receptive field. In a chain of window
 * layers unit {@code u}'s field is {@code [lo + jump * u, hi + jump * u]}; after upsampling the
 * field depends on the unit's phase, which {@link FieldPattern} keeps.
 *
 * @param size   number of units
 * @param jump   input pixels between neighbouring units' centres (the effective stride)
 * @param center input coordinate of unit 0's centre
 * @param field  every unit's field, in input coordinates, unclipped
 */
public record AxisState(long size, Ratio jump, Ratio center, FieldPattern field) {

    /** A map of a chain: unit 0's field {@code [lo, hi]}, moved by a whole {@code jump} per unit. */
    public AxisState(long size, Ratio jump, long lo, long hi, Ratio center) {
        this(size, jump, center, FieldPattern.uniform(lo, hi, jump.longValueExact()));
    }

    /** The network input along an axis of {@code size} pixels: each pixel sees itself. */
    public static AxisState input(long size) {
        return new AxisState(size, Ratio.of(1), 0, 0, Ratio.of(0));
    }

    /** First input pixel of unit 0's field. */
    public long lo() {
        return field.lo(0);
    }

    /** Last input pixel of unit 0's field. */
    public long hi() {
        return field.hi(0);
    }

    /** First input pixel of unit {@code u}'s field. */
    public long lo(long u) {
        return field.lo(u);
    }

    /** Last input pixel of unit {@code u}'s field. */
    public long hi(long u) {
        return field.hi(u);
    }

    /** Units after which the fields repeat (moved by {@code period * jump}); 1 in a chain. */
    public int period() {
        return field.period();
    }

    /** Receptive-field size: the widest field over the phases (in a chain, {@code hi - lo + 1}). */
    public long rf() {
        return field.widest();
    }
}
