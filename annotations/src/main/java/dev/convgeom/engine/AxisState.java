package dev.convgeom.engine;

import dev.convgeom.Ratio;

/**
 * A feature map along one axis, exact: its size, the affine map from its units to input
 * coordinates ({@code center + jump * u}), and every unit's receptive field. In a chain of window
 * layers unit {@code u}'s field is {@code [lo + jump * u, hi + jump * u]}; after upsampling the
 * field depends on the unit's phase, which {@link FieldPattern} keeps. After a layer that reads a
 * whole map (a gate, an instance normalisation) every unit also reads the {@link GlobalContext}:
 * its field is the hull of its local field and that interval.
 *
 * @param size    number of units
 * @param jump    input pixels between neighbouring units' centres (the effective stride)
 * @param center  input coordinate of unit 0's centre
 * @param field   every unit's local field, in input coordinates, unclipped: what it reads through
 *                windows, before the context
 * @param context what every unit reads because a layer on its path read a whole map; NONE if none
 */
public record AxisState(long size, Ratio jump, Ratio center, FieldPattern field, GlobalContext context) {

    /** A map no whole-map read precedes. */
    public AxisState(long size, Ratio jump, Ratio center, FieldPattern field) {
        this(size, jump, center, field, GlobalContext.NONE);
    }

    /** A map of a chain: unit 0's field {@code [lo, hi]}, moved by a whole {@code jump} per unit. */
    public AxisState(long size, Ratio jump, long lo, long hi, Ratio center) {
        this(size, jump, center, FieldPattern.uniform(lo, hi, jump.longValueExact()));
    }

    /** The network input along an axis of {@code size} pixels: each pixel sees itself. */
    public static AxisState input(long size) {
        return new AxisState(size, Ratio.of(1), 0, 0, Ratio.of(0));
    }

    /** The same map with {@code context} added to what every unit reads. */
    public AxisState withContext(GlobalContext context) {
        return new AxisState(size, jump, center, field, this.context.hull(context));
    }

    /** The interval every unit of a layer reading this whole map reads: units 0 to size - 1, context included. */
    public GlobalContext wholeMap() {
        return context.hull(field.lo(0), field.hi(Math.subtractExact(size, 1)));
    }

    /** First input pixel of unit 0's field. */
    public long lo() {
        return lo(0);
    }

    /** Last input pixel of unit 0's field. */
    public long hi() {
        return hi(0);
    }

    /** First input pixel of unit {@code u}'s field: its local field's, or the context's if that starts earlier. */
    public long lo(long u) {
        return Math.min(field.lo(u), context.lo());
    }

    /** Last input pixel of unit {@code u}'s field. */
    public long hi(long u) {
        return Math.max(field.hi(u), context.hi());
    }

    /** Units after which the fields repeat (moved by {@code period * jump}); 1 in a chain. */
    public int period() {
        return field.period();
    }

    /**
     * Receptive-field size: the widest field over the phases (in a chain, {@code hi - lo + 1}). With
     * a context the fields no longer repeat, so it is the widest over units {@code 0} to
     * {@code max(size, period) - 1}: every unit of the map and every phase. A field
     * {@code [min(a, c), max(b, d)]} is as wide as the largest of {@code b - a}, {@code b - c},
     * {@code d - a}, {@code d - c} (plus one), and the local ends {@code a}, {@code b} never
     * decrease, so the first and last of those units give the mixed terms.
     */
    public long rf() {
        long widest = field.widest();
        if (context.isNone()) {
            return widest;
        }
        long last = Math.subtractExact(Math.max(size, field.period()), 1);
        long mixed = Math.max(Math.subtractExact(field.hi(last), context.lo()),
                Math.subtractExact(context.hi(), field.lo(0)));
        return Math.max(widest, Math.addExact(Math.max(mixed, Math.subtractExact(context.hi(), context.lo())), 1));
    }
}
