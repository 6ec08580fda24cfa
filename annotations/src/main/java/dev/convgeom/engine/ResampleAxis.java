package dev.convgeom.engine;

import dev.convgeom.Ratio;
import java.util.List;

/**
 * The graph layers' formulas along one axis, exact (shared/geometry.md, "Layers that change
 * resolution upwards", "Crop and pad", "Merges"): transposed convolution, upsampling, crop and
 * merge. Each output field is read off the first and last input unit the output unit depends on,
 * which is exact because field ends never decrease from unit to unit ({@link FieldPattern}).
 * Every operation is checked: an overflow throws {@link ArithmeticException}.
 */
final class ResampleAxis {

    /**
     * The longest field pattern kept: a period beyond it means a resampling no real network does
     * (FCN-8s's is 32); refused rather than allocated. Generated code writes a period as one
     * string constant, which this keeps well within the 65,535 bytes a constant may have (two
     * ints of at most 11 characters and two separators per unit).
     */
    static final long MAX_PERIOD = 1 << 10;

    private ResampleAxis() {
    }

    /**
     * Output units of a transposed convolution: {@code (n - 1) * s - pb - pa + ke + op}, with
     * {@code ke = d * (k - 1) + 1} the dilated kernel.
     */
    static long deconvSize(long n, Window w, long outputPadding) {
        return Math.addExact(Math.subtractExact(Math.subtractExact(Math.multiplyExact(n - 1, w.stride()),
                w.padBefore()), w.padAfter()), Math.addExact(w.dilatedKernel(), outputPadding));
    }

    /**
     * Whether a transposed convolution's geometry can be stated: every output unit reached by some
     * input unit, and fields that move forwards. Output unit {@code v} reads the units {@code u}
     * with {@code v + pb = s * u + j * d} for a tap {@code j < k}. A kernel below the stride
     * leaves remainders modulo {@code s} no tap reaches. A dilation above 1 with a stride above 1
     * makes fields move backwards: with remainder 0 unit {@code v} reads {@code (v + pb) / s}
     * through tap 0, and unit {@code v + 1} reads no unit beyond {@code (v + pb + 1 - d) / s}, less
     * than it. With stride 1, unit {@code v} reads {@code v + pb - (k - 1) d .. v + pb} in steps of
     * {@code d}: both ends move forwards.
     */
    static boolean deconvFieldsMoveForwards(Window w) {
        return w.kernel() >= w.stride() && (w.dilation() == 1 || w.stride() == 1);
    }

    /**
     * The input units output unit {@code v} of a transposed convolution reads, in increasing order:
     * the {@code u} with {@code v + pb - s * u = j * d} for a tap {@code j < k}. Dense kernels read
     * a run of units; a dilated one may skip some.
     */
    static long[] deconvInputs(long v, Window w) {
        long s = w.stride();
        long full = Math.addExact(v, w.padBefore());
        if (w.dilation() == 1) {
            long first = WindowAxis.ceilDiv(full - w.kernel() + 1, s);
            long last = Math.floorDiv(full, s);
            long[] run = new long[(int) Math.max(0, last - first + 1)];
            for (int i = 0; i < run.length; i++) {
                run[i] = first + i;
            }
            return run;
        }
        long[] found = new long[(int) Math.min(w.kernel(), Integer.MAX_VALUE - 8)];
        int count = 0;
        // The largest tap gives the smallest unit: walk the taps downwards.
        for (long j = w.kernel() - 1; j >= 0; j--) {
            long rest = Math.subtractExact(full, Math.multiplyExact(j, w.dilation()));
            if (Math.floorMod(rest, s) == 0) {
                found[count++] = Math.floorDiv(rest, s);
            }
        }
        return java.util.Arrays.copyOf(found, count);
    }

    /**
     * The first input unit output unit {@code v} reads, without listing the others: a kernel of
     * {@code Integer.MAX_VALUE} taps must not become an array of that size (the fuzzer found one).
     * Only for a window whose {@link #deconvFieldsMoveForwards}.
     */
    static long deconvFirstInput(long v, Window w) {
        long full = Math.addExact(v, w.padBefore());
        if (w.dilation() == 1) {
            return WindowAxis.ceilDiv(Math.subtractExact(full, w.kernel() - 1), w.stride());
        }
        if (w.stride() == 1) {
            return Math.subtractExact(full, Math.multiplyExact(w.kernel() - 1, w.dilation()));
        }
        return deconvInputs(v, w)[0];
    }

    /** The last input unit output unit {@code v} reads (see {@link #deconvFirstInput}). */
    static long deconvLastInput(long v, Window w) {
        long full = Math.addExact(v, w.padBefore());
        if (w.dilation() == 1) {
            return Math.floorDiv(full, w.stride());
        }
        if (w.stride() == 1) {
            return full;
        }
        long[] reads = deconvInputs(v, w);
        return reads[reads.length - 1];
    }

    /**
     * A transposed convolution: output unit v is reached by the input units of
     * {@link #deconvInputs}; the jump divides by s and the period multiplies by it. Its field runs
     * from the first one's field start to the last one's field end (field ends never decrease).
     * Only for a positive {@link #deconvSize} and a window whose {@link #deconvFieldsMoveForwards}
     * (validation checks both).
     */
    static AxisState deconv(AxisState in, Window w, long outputPadding) {
        long s = w.stride();
        long pb = w.padBefore();
        FieldPattern field = in.field();
        int period = checkedPeriod(Math.multiplyExact((long) field.period(), s));
        long[] lo = new long[period];
        long[] hi = new long[period];
        for (int v = 0; v < period; v++) {
            lo[v] = field.lo(deconvFirstInput(v, w));
            hi[v] = field.hi(deconvLastInput(v, w));
        }
        Ratio jump = in.jump().dividedBy(Ratio.of(s));
        Ratio center = in.center().minus(Ratio.of(w.dilatedKernel() - 1, 2).minus(Ratio.of(pb)).times(jump));
        // Unit v + P*s is reached by the units of v moved by P: the fields move by the input's shift.
        return new AxisState(deconvSize(in.size(), w, outputPadding), jump, center,
                FieldPattern.of(field.shift(), lo, hi), in.context());
    }

    /**
     * Upsampling as {@code s} samples (see {@link Sampling}): output unit v reads input units
     * {@code s.first(v) .. s.last(v)}. The pattern repeats when both the sampling and the input's
     * fields do: every {@code s.period()} units the positions advance {@code s.advance()} input
     * units, so over {@code s.period() * P / gcd(advance, P)} units (P the input's period) they
     * advance a whole number of input periods.
     */
    static AxisState upsample(AxisState in, Sampling s) {
        FieldPattern field = in.field();
        long inPeriod = field.period();
        long periods = inPeriod / WindowAxis.gcd(s.advance(), inPeriod);
        int period = checkedPeriod(Math.multiplyExact(s.period(), periods));
        long[] lo = new long[period];
        long[] hi = new long[period];
        for (int v = 0; v < period; v++) {
            lo[v] = field.lo(s.first(v));
            hi[v] = field.hi(s.last(v));
        }
        long shift = Math.multiplyExact(s.advance() / (inPeriod / periods), field.shift());
        Ratio jump = in.jump().times(Ratio.of(s.a(), s.d()));
        Ratio center = in.center().plus(in.jump().times(s.position(0)));
        return new AxisState(Math.floorDiv(Math.multiplyExact(in.size(), s.factor()), s.per()), jump, center,
                FieldPattern.of(shift, lo, hi), in.context());
    }

    /** Units {@code offset .. offset + size - 1} of {@code in}: the phases rotate by the offset. */
    static AxisState crop(AxisState in, long offset, long size) {
        FieldPattern field = in.field();
        int period = field.period();
        long[] lo = new long[period];
        long[] hi = new long[period];
        for (int v = 0; v < period; v++) {
            lo[v] = field.lo(Math.addExact(v, offset));
            hi[v] = field.hi(Math.addExact(v, offset));
        }
        return new AxisState(size, in.jump(), in.center().plus(in.jump().times(offset)),
                FieldPattern.of(field.shift(), lo, hi), in.context());
    }

    /**
     * Maps of equal size and jump merged unit by unit: the first input's centre, and per unit the
     * union of the inputs' fields, over the least common multiple of their periods; the local
     * fields and the {@link GlobalContext}s are joined apart, which is exact as each unit's field
     * is the hull of its local field and its context.
     */
    static AxisState merge(List<AxisState> inputs) {
        AxisState first = inputs.get(0);
        long lcm = 1;
        for (AxisState in : inputs) {
            long p = in.period();
            lcm = checkedPeriod(Math.multiplyExact(lcm / WindowAxis.gcd(lcm, p), p));
        }
        int period = (int) lcm;
        long[] lo = new long[period];
        long[] hi = new long[period];
        GlobalContext context = GlobalContext.NONE;
        for (AxisState in : inputs) {
            context = context.hull(in.context());
        }
        for (int v = 0; v < period; v++) {
            lo[v] = Long.MAX_VALUE;
            hi[v] = Long.MIN_VALUE;
            for (AxisState in : inputs) {
                lo[v] = Math.min(lo[v], in.field().lo(v));
                hi[v] = Math.max(hi[v], in.field().hi(v));
            }
        }
        long shift = Math.multiplyExact(period / first.period(), first.field().shift());
        return new AxisState(first.size(), first.jump(), first.center(), FieldPattern.of(shift, lo, hi), context);
    }

    /**
     * A layer that reads its first input unit by unit and a whole map besides (a {@link
     * LayerKind.Role#CONTEXT} layer): the first input's map, whose every unit also reads the whole
     * of {@code whole}: the gate's one unit, or, for a normalisation, every unit of the input.
     */
    static AxisState context(AxisState in, AxisState whole) {
        return in.withContext(whole.wholeMap());
    }

    private static int checkedPeriod(long period) {
        if (period > MAX_PERIOD) {
            throw new PeriodTooLong(period);
        }
        return (int) period;
    }


    /** A field pattern too long to keep; reported as a number too large. */
    static final class PeriodTooLong extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        PeriodTooLong(long period) {
            super("the receptive fields repeat only every " + period + " units (at most " + MAX_PERIOD
                    + " are kept)");
        }
    }
}
