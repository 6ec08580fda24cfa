package dev.convgeom.engine;

import java.util.BitSet;

/**
 * Which positions of a layer's input its units read, along one axis: the backward view of each
 * kind of layer, over real positions only (a window's taps in the padding read nothing).
 * Every input of a merge is read at the same positions; a crop reads its source, not its
 * reference {@code like}; a gate reads its map unit by unit and all of its gate, an instance
 * normalisation all of its input.
 */
final class AxisReads {

    /**
     * Dilated windows are followed tap by tap; past this many taps the analysis is given up (as
     * for maps over {@link ReadCoverage#AXIS_LIMIT}) rather than stall the compile.
     */
    static final long TAP_BUDGET = 1L << 24;

    /** Thrown when following the taps would cost more than {@link #TAP_BUDGET}. */
    static final class TooCostly extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooCostly() {
            super(null, null, false, false);
        }
    }

    private AxisReads() {
    }

    /**
     * The positions of an input of {@code inSize} units that units {@code needed} of
     * {@code layer}'s output read along {@code axis}.
     */
    static BitSet of(ComputedLayer layer, Axis axis, long inSize, BitSet needed) {
        int n = Math.toIntExact(inSize);
        BitSet reads = new BitSet(n);
        WindowStep step = layer.step(axis);
        if (step != null) {
            // Convolution, pooling, zero padding, fully connected, global pooling: unit u reads
            // taps u*s - pb + j*d, j < k.
            Window w = step.window();
            long s = w.stride();
            long d = w.dilation();
            if (d > 1 && (long) needed.cardinality() * w.kernel() > TAP_BUDGET) {
                throw new TooCostly();
            }
            // Windows start in increasing order, so each one only adds what lies beyond the end
            // of the ones before: the work is the units plus the positions, not units x kernel.
            long covered = Long.MIN_VALUE;
            for (int u = needed.nextSetBit(0); u >= 0; u = needed.nextSetBit(u + 1)) {
                long start = (long) u * s - step.padBefore();
                if (d == 1) {
                    long end = start + w.kernel();
                    setClipped(reads, Math.max(start, covered), end, n);
                    covered = Math.max(covered, end);
                } else {
                    for (long j = 0; j < w.kernel(); j++) {
                        setClipped(reads, start + j * d, start + j * d + 1, n);
                    }
                }
            }
            return reads;
        }
        LayerSpec spec = layer.spec();
        switch (spec.kind().role()) {
            case DECONVOLUTION -> {
                // Input unit u writes full-output positions s*u + j*d, j < k; output unit v is
                // full position v + pb. Dense: it reads u from ceil((v + pb - k + 1) / s) to
                // floor((v + pb) / s); dilated: the units ResampleAxis.deconvInputs lists.
                Window w = spec.window(axis);
                long s = w.stride();
                if (w.dilation() > 1 && (long) needed.cardinality() * w.kernel() > TAP_BUDGET) {
                    throw new TooCostly();
                }
                long covered = Long.MIN_VALUE;
                for (int v = needed.nextSetBit(0); v >= 0; v = needed.nextSetBit(v + 1)) {
                    if (w.dilation() > 1) {
                        for (long u : ResampleAxis.deconvInputs(v, w)) {
                            setClipped(reads, u, u + 1, n);
                        }
                        continue;
                    }
                    long full = v + w.padBefore();
                    long first = -Math.floorDiv(-(full - w.kernel() + 1), s);
                    long end = Math.floorDiv(full, s) + 1;
                    setClipped(reads, Math.max(first, covered), end, n);
                    covered = Math.max(covered, end);
                }
            }
            case UPSAMPLING -> {
                // Units read as the sampling places them; beyond the ends only the end unit is real.
                Sampling sampling = Sampling.of(spec, axis, n);
                for (int v = needed.nextSetBit(0); v >= 0; v = needed.nextSetBit(v + 1)) {
                    setClipped(reads, sampling.first(v), sampling.last(v) + 1, n);
                }
            }
            case CROP -> {
                long o = layer.offset(axis);
                for (int v = needed.nextSetBit(0); v >= 0; v = needed.nextSetBit(v + 1)) {
                    setClipped(reads, v + o, v + o + 1, n);
                }
            }
            case POINTWISE, MERGE -> reads.or(needed);
            // The gated map unit by unit; the gate (one unit) or a normalised map as a whole.
            case CONTEXT -> {
                boolean whole = layer.inputs().size() == 1 || inSize == 1;
                if (whole && !needed.isEmpty()) {
                    reads.set(0, n);
                } else {
                    reads.or(needed);
                }
            }
            default -> throw new IllegalArgumentException(spec.kind() + " has a window step: see above");
        }
        return reads;
    }

    /** Sets positions {@code from} (inclusive) to {@code to} (exclusive) that lie in {@code [0, n)}. */
    private static void setClipped(BitSet set, long from, long to, int n) {
        long a = Math.max(0, from);
        long b = Math.min(n, to);
        if (a < b) {
            set.set((int) a, (int) b);
        }
    }
}
