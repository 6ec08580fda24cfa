package dev.convgeom;

import static dev.convgeom.Narrowing.toInt;

/**
 * One axis of {@link NetworkSpec#forInput} on a chain: the geometry formulas applied forwards, one
 * sliding window at a time. A chain's fields are uniform (no phases), so a running jump and the
 * offsets of unit 0's field are all there is to track.
 */
final class ChainAxisWalk {
    /** The size of the map walked to so far. */
    private long size;
    /** Input pixels between the centres of neighbouring units of that map. */
    private long jump = 1;
    /** The first and last input pixel that unit 0 of that map reads. */
    private long lo;
    private long hi;

    ChainAxisWalk(long size) {
        this.size = size;
    }

    /** Slides {@code w}; false when not one window fits. */
    boolean step(Window w) {
        long out = w.outputSize(size);
        if (out < 1) {
            return false;
        }
        long pb = w.padBefore(size);
        long ke = w.dilatedKernel();
        lo = Math.subtractExact(lo, Math.multiplyExact(pb, jump));
        hi = Math.addExact(hi, Math.multiplyExact(ke - 1 - pb, jump));
        jump = Math.multiplyExact(jump, (long) w.stride());
        size = out;
        return true;
    }

    int size() {
        return toInt(size);
    }

    AxisGeometry geometry(int inputSize) {
        // In a chain the centre is the middle of the field: dense or dilated, a window is symmetric.
        return AxisGeometry.uniform(inputSize, toInt(size), Ratio.of(jump), Ratio.of(Math.addExact(lo, hi), 2),
                toInt(lo), toInt(hi));
    }
}
