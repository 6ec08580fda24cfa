package dev.convgeom.engine;

import dev.convgeom.engine.EffectiveProfile.Accumulator;
import java.math.BigInteger;
import java.util.List;

/**
 * The uniform-weight effective field, layer by layer along one axis, exact. Every layer is an
 * average of what it reads, with the weights its own arithmetic gives when all learned weights are
 * equal:
 * <ul>
 * <li>a window (convolution, pooling, a fully connected layer as the convolution it is, global
 *     pooling): each of its {@code k} taps weighs {@code 1/k}, padding taps included (max pooling is
 *     counted like average pooling);
 * <li>a transposed convolution: output unit {@code v} is the mean of the input units whose taps
 *     reach it ({@code 0 <= v + pb - s*u <= k - 1}), so a phase reached by two taps averages two
 *     units and a phase reached by one copies it;
 * <li>nearest upsampling copies unit {@code floor(v / f)}; bilinear upsampling (half-pixel centres)
 *     reads {@code floor(q)} with weight {@code 1 - frac(q)} and {@code floor(q) + 1} with
 *     {@code frac(q)}, {@code q = (v + 1/2) / f - 1/2}; cubic upsampling reads {@code floor(q) - 1 ..
 *     floor(q) + 2} with its kernel's weights {@code w}, but as these have signs (a negative tap
 *     carries the signal too, only inverted), each tap weighs {@code |w| / sum |w|}: the
 *     statistics need weights that are a distribution (signed ones give a negative variance, -1/8
 *     unit squared halfway between two units for {@code a = -0.75}), and the magnitudes say how
 *     much of the output each unit makes; taps beyond the map are counted where they fall, as
 *     for bilinear, whether ONNX clamps them or excludes them;
 * <li>padding and crops move the units; pointwise layers change nothing;
 * <li>a merge (add or concat) sums its inputs, each with weight 1.
 * </ul>
 * So every unit's weights sum to 1 except after merges, where they sum to the number of paths;
 * statistics are taken over the normalised weights. The map's periods follow {@link FieldPattern}'s.
 */
public final class EffectiveAxis {

    private EffectiveAxis() {
    }

    /**
     * A window of {@code kernel} taps {@code dilation} apart, sliding by {@code stride} with
     * {@code padBefore} units of padding: output unit {@code r} reads input units
     * {@code s*r - pb + j*d}, {@code j = 0 .. k - 1}.
     */
    public static EffectiveProfile window(EffectiveProfile in, long kernel, long stride, long dilation,
                                          long padBefore) {
        if (kernel == 1 && stride == 1 && padBefore == 0) {
            // Unit r reads unit r with weight 1 (a 1x1 convolution, a crop by 0): the profile is the
            // input's, already reduced; returning the object lets its statistics be reused too.
            return in;
        }
        if (kernel == 1 && stride == 1) {
            // Unit r reads unit r - padBefore with weight 1 (a crop, a zero padding): the input's
            // profiles renumbered, not summed again (EffectiveProfile.renumbered).
            return in.renumbered(Math.negateExact(padBefore));
        }
        int period = in.period();
        int outPeriod = (int) (period / WindowAxis.gcd(period, stride));
        Accumulator[] phases = new Accumulator[outPeriod];
        for (int r = 0; r < outPeriod; r++) {
            phases[r] = new Accumulator();
            long first = Math.subtractExact(Math.multiplyExact(stride, r), padBefore);
            for (long j = 0; j < kernel; j++) {
                in.addTo(phases[r], Math.addExact(first, Math.multiplyExact(j, dilation)), BigInteger.ONE);
            }
        }
        long shift = Math.multiplyExact(Math.multiplyExact((long) outPeriod, stride) / period, in.shift());
        return EffectiveProfile.ofWindow(in, shift, phases, in.denominator().multiply(BigInteger.valueOf(kernel)));
    }

    /**
     * A transposed convolution of {@code window} (kernel, stride, dilation, padding before): each
     * output unit averages the input units that reach it ({@link ResampleAxis#deconvInputs}), one
     * share per tap.
     */
    public static EffectiveProfile deconv(EffectiveProfile in, Window window) {
        int period = Math.toIntExact(Math.multiplyExact((long) in.period(), window.stride()));
        long[][] reads = new long[period][];
        long common = 1;
        for (int v = 0; v < period; v++) {
            reads[v] = ResampleAxis.deconvInputs(v, window);
            long count = reads[v].length;
            common = Math.multiplyExact(common / WindowAxis.gcd(common, count), count);
        }
        Accumulator[] phases = new Accumulator[period];
        for (int v = 0; v < period; v++) {
            phases[v] = new Accumulator();
            BigInteger share = BigInteger.valueOf(common / reads[v].length);
            for (long u : reads[v]) {
                in.addTo(phases[v], u, share);
            }
        }
        return EffectiveProfile.of(in.shift(), phases, in.denominator().multiply(BigInteger.valueOf(common)));
    }

    /**
     * Upsampling as {@code s} samples: nearest copies its unit, linear interpolation weighs unit
     * {@code floor(q)} by {@code 1 - frac(q)} and the next by {@code frac(q)} (over {@code s.d()}).
     * The period follows {@link ResampleAxis#upsample}'s reasoning.
     */
    public static EffectiveProfile upsample(EffectiveProfile in, Sampling s) {
        long inPeriod = in.period();
        long periods = inPeriod / WindowAxis.gcd(s.advance(), inPeriod);
        int period = Math.toIntExact(Math.multiplyExact(s.period(), periods));
        if (s.cubic() != null) {
            return cubic(in, s, period, Math.multiplyExact(s.advance() / (inPeriod / periods), in.shift()));
        }
        Accumulator[] phases = new Accumulator[period];
        for (int v = 0; v < period; v++) {
            phases[v] = new Accumulator();
            if (s.linear()) {
                long upper = s.upperWeight(v);
                in.addTo(phases[v], s.first(v), BigInteger.valueOf(s.d() - upper));
                in.addTo(phases[v], s.first(v) + 1, BigInteger.valueOf(upper));
            } else {
                in.addTo(phases[v], s.first(v), BigInteger.ONE);
            }
        }
        BigInteger denominator = s.linear() ? in.denominator().multiply(BigInteger.valueOf(s.d())) : in.denominator();
        long shift = Math.multiplyExact(s.advance() / (inPeriod / periods), in.shift());
        return EffectiveProfile.of(shift, phases, denominator);
    }

    /**
     * Cubic upsampling: each phase's taps weigh {@code |w| / sum |w|} (see the class comment), over
     * the least common multiple of the phases' sums.
     */
    private static EffectiveProfile cubic(EffectiveProfile in, Sampling s, int period, long shift) {
        BigInteger[][] magnitudes = new BigInteger[period][];
        BigInteger[] sums = new BigInteger[period];
        BigInteger common = BigInteger.ONE;
        for (int v = 0; v < period; v++) {
            BigInteger[] w = s.cubicWeights(v);
            magnitudes[v] = new BigInteger[w.length];
            sums[v] = BigInteger.ZERO;
            for (int k = 0; k < w.length; k++) {
                magnitudes[v][k] = w[k].abs();
                sums[v] = sums[v].add(magnitudes[v][k]);
            }
            common = common.divide(common.gcd(sums[v])).multiply(sums[v]);
        }
        Accumulator[] phases = new Accumulator[period];
        for (int v = 0; v < period; v++) {
            phases[v] = new Accumulator();
            BigInteger scale = common.divide(sums[v]);
            long below = s.position(v).floor();
            for (int k = 0; k < 4; k++) {
                if (magnitudes[v][k].signum() != 0) {
                    in.addTo(phases[v], below - 1 + k, magnitudes[v][k].multiply(scale));
                }
            }
        }
        return EffectiveProfile.of(shift, phases, in.denominator().multiply(common));
    }

    /** Units {@code offset, offset + 1, ...} of {@code in}. */
    public static EffectiveProfile crop(EffectiveProfile in, long offset) {
        return window(in, 1, 1, 1, -offset);
    }

    /** The sum of maps of equal size and jump, unit by unit. */
    public static EffectiveProfile merge(List<EffectiveProfile> inputs) {
        long lcm = 1;
        BigInteger denominator = BigInteger.ONE;
        for (EffectiveProfile in : inputs) {
            lcm = Math.multiplyExact(lcm / WindowAxis.gcd(lcm, in.period()), in.period());
            BigInteger d = in.denominator();
            denominator = denominator.divide(denominator.gcd(d)).multiply(d);
        }
        int period = Math.toIntExact(lcm);
        Accumulator[] phases = new Accumulator[period];
        for (int v = 0; v < period; v++) {
            phases[v] = new Accumulator();
            for (EffectiveProfile in : inputs) {
                in.addTo(phases[v], v, denominator.divide(in.denominator()));
            }
        }
        EffectiveProfile first = inputs.get(0);
        long shift = Math.multiplyExact(period / first.period(), first.shift());
        return EffectiveProfile.of(shift, phases, denominator);
    }
}
