package dev.convgeom.engine;

import dev.convgeom.Ratio;
import java.math.BigInteger;

/**
 * Generated code holds sizes, pixel coordinates and field sizes in {@code int}: refuse what does
 * not fit, so that a network the calculation accepts always gives a file that compiles.
 */
final class GeneratedLimits {

    /** The largest size, channel count or pixel coordinate generated code can hold. */
    static final long INT_LIMIT = Integer.MAX_VALUE;

    private GeneratedLimits() {
    }

    /** Whether generated code can hold {@code layer}, layer {@code index}; reports what it cannot. */
    static boolean fit(NetworkSoFar soFar, int index, ComputedLayer layer) {
        for (Axis axis : Axis.values()) {
            AxisState a = layer.axis(axis);
            if (a.size() > INT_LIMIT) {
                return tooLarge(soFar, index, layer, "output " + axis.extent(), a.size() + " > " + INT_LIMIT);
            }
            // Generated code keeps each phase's field and the fields of the map's units in ints.
            // Exact: after 1-unit maps the shift is bounded only by long, so shift * (size - 1) can
            // exceed it, and this runs outside the calculation's overflow handling.
            FieldPattern field = a.field();
            long[] los = field.los();
            long[] his = field.his();
            // Plain loops in longs: this runs once per layer and axis, mostly before the JIT has
            // compiled anything, where streams and BigIntegers cost more than the check.
            long low = Long.MAX_VALUE;
            for (long lo : los) {
                low = Math.min(low, lo);
            }
            long high = Long.MIN_VALUE;
            for (long hi : his) {
                high = Math.max(high, hi);
            }
            long last = a.size() - 1;
            long lastPhaseHi = his[(int) (last % his.length)];
            long periods = last / his.length;
            String span = null;
            try {
                high = Math.max(high, Math.addExact(lastPhaseHi, Math.multiplyExact(field.shift(), periods)));
                if (low < -INT_LIMIT || high > INT_LIMIT) {
                    span = low + " to " + high;
                }
            } catch (ArithmeticException beyondLong) {
                // The last unit's field ends beyond long: the same test in BigIntegers, exact.
                BigInteger lastHi = BigInteger.valueOf(lastPhaseHi).add(
                        BigInteger.valueOf(field.shift()).multiply(BigInteger.valueOf(periods)));
                BigInteger bigHigh = BigInteger.valueOf(high).max(lastHi);
                if (low < -INT_LIMIT || bigHigh.compareTo(BigInteger.valueOf(INT_LIMIT)) > 0) {
                    span = low + " to " + bigHigh;
                }
            }
            if (span != null) {
                return tooLarge(soFar, index, layer, "receptive field",
                        "it spans input " + axis.units() + " " + span + ", beyond the int range");
            }
            // Both ends can be ints while the size, hi - lo + 1, is not (rf() is an int).
            if (a.rf() > INT_LIMIT) {
                return tooLarge(soFar, index, layer, "receptive field",
                        "its " + axis.extent() + " is " + a.rf() + " input " + axis.units() + " > " + INT_LIMIT);
            }
        }
        if (layer.channels() > INT_LIMIT) {
            return tooLarge(soFar, index, layer, "channel count", layer.channels() + " > " + INT_LIMIT);
        }
        // Generated code writes the final layer's jump as an int literal (receptiveField is
        // lo + jump * x in int arithmetic): strides of Integer.MAX_VALUE on two layers would give
        // a file that does not compile. Blamed on the stride that passed the limit.
        boolean jumpsFit = true;
        for (Axis axis : Axis.values()) {
            Ratio jump = layer.axis(axis).jump();
            if (jump.compareTo(Ratio.of(INT_LIMIT)) > 0) {
                soFar.report(index, Param.STRIDE, axis, GeometryMessage.NUMBER_TOO_LARGE, layer.spec().name(),
                        axis.extent() + " jump", jump + " > " + INT_LIMIT);
                jumpsFit = false;
            }
        }
        if (!jumpsFit) {
            return false;
        }
        for (Axis axis : Axis.values()) {
            long shift = layer.axis(axis).field().shift();
            if (shift > INT_LIMIT) {
                return tooLarge(soFar, index, layer, "field pattern", "its fields move " + shift + " input "
                        + axis.units() + " per period > " + INT_LIMIT);
            }
        }
        return true;
    }

    /** Reports that {@code what} of {@code layer} does not fit in an int; always false, to return. */
    private static boolean tooLarge(NetworkSoFar soFar, int index, ComputedLayer layer, String what, String detail) {
        soFar.report(index, Param.NONE, null, GeometryMessage.NUMBER_TOO_LARGE, layer.spec().name(), what, detail);
        return false;
    }
}
