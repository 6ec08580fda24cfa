package dev.convgeom.engine;

/**
 * The input pixels that every unit of a map reads besides its own local field, because a layer on
 * its path read a whole map: a squeeze-and-excitation gate (a map multiplied by a 1x1 map pooled
 * from a whole map), or a normalisation whose statistics span the rows and columns (instance
 * normalisation). Along one axis it is one interval {@code [lo, hi]} of input coordinates,
 * unclipped; {@link #NONE} is the empty interval, for maps no such layer precedes.
 *
 * <p>Exact, not an approximation: a gated unit reads its own unit of the gated map and the gate's
 * one unit, so its field is the union of the two. The gate's field covers the fields of every unit
 * of the map it pooled; the union, one interval per unit, is the hull kept by {@link AxisState}:
 * unit {@code u}'s field is {@code [min(local lo(u), lo), max(local hi(u), hi)]}. A later window
 * reads several units, each carrying the same interval, so the interval passes through unchanged
 * while the local fields grow as before; a merge takes the hull of its inputs' intervals. The jump
 * and centre, where a unit looks, stay the gated map's.
 *
 * @param lo first input coordinate every unit reads; {@link Long#MAX_VALUE} for {@link #NONE}
 * @param hi last input coordinate every unit reads; {@link Long#MIN_VALUE} for {@link #NONE}
 */
public record GlobalContext(long lo, long hi) {

    /** No whole-map read on the path: the empty interval, neutral for {@link #hull}. */
    public static final GlobalContext NONE = new GlobalContext(Long.MAX_VALUE, Long.MIN_VALUE);

    /**
     * @throws IllegalArgumentException if {@code lo > hi} other than {@link #NONE}'s
     */
    public GlobalContext {
        if (lo > hi && !(lo == Long.MAX_VALUE && hi == Long.MIN_VALUE)) {
            throw new IllegalArgumentException("an empty context is NONE, got [" + lo + ", " + hi + "]");
        }
    }

    /** Whether no layer on the path read a whole map. */
    public boolean isNone() {
        return lo > hi;
    }

    /** The smallest interval holding this one and {@code [lo, hi]}. */
    public GlobalContext hull(long lo, long hi) {
        return new GlobalContext(Math.min(this.lo, lo), Math.max(this.hi, hi));
    }

    /** The smallest interval holding both. */
    public GlobalContext hull(GlobalContext other) {
        return other.isNone() ? this : hull(other.lo, other.hi);
    }

    @Override
    public String toString() {
        return isNone() ? "none" : "[" + lo + ", " + hi + "]";
    }
}
