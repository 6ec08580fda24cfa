package dev.convgeom.engine.oracle;

import dev.convgeom.engine.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A cubic {@code Resize}'s taps at one position, from the ONNX operator's definition and not from
 * the engine: the ONNX reference implementation weighs units {@code floor(q) - 1 .. floor(q) + 2},
 * with {@code s = q - floor(q)}, by
 * <pre>
 *   ((A (s + 1) - 5A)(s + 1) + 8A)(s + 1) - 4A
 *   ((A + 2) s - (A + 3)) s s + 1
 *   ((A + 2)(1 - s) - (A + 3))(1 - s)(1 - s) + 1
 *   ((A (2 - s) - 5A)(2 - s) + 8A)(2 - s) - 4A
 * </pre>
 * (Horner's forms of Keys' kernel), evaluated here in exact fractions. A unit read is one whose
 * weight is not 0; whether ONNX then clamps a unit beyond the map or excludes it, it is counted
 * where it falls, as the project states every field (virtual units beyond the map included).
 */
public final class CubicOracle {

    private CubicOracle() {
    }

    /** One unit a cubic resize reads and its signed weight. */
    public record Weighted(long unit, Frac weight) {
    }

    /** The units with a weight other than 0 at position {@code q}, and their signed weights. */
    public static List<Weighted> taps(Frac q, Frac a) {
        long below = floor(q);
        Frac s = q.minus(Frac.of(below));
        Frac one = Frac.of(1);
        Frac sp1 = s.plus(one);
        Frac oms = one.minus(s);
        Frac tms = Frac.of(2).minus(s);
        Frac[] c = {
            a.times(sp1).minus(a.times(5)).times(sp1).plus(a.times(8)).times(sp1).minus(a.times(4)),
            a.plus(Frac.of(2)).times(s).minus(a.plus(Frac.of(3))).times(s).times(s).plus(one),
            a.plus(Frac.of(2)).times(oms).minus(a.plus(Frac.of(3))).times(oms).times(oms).plus(one),
            a.times(tms).minus(a.times(5)).times(tms).plus(a.times(8)).times(tms).minus(a.times(4)),
        };
        List<Weighted> taps = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            if (c[k].compareTo(Frac.ZERO) != 0) {
                taps.add(new Weighted(below - 1 + k, c[k]));
            }
        }
        return taps;
    }

    /** The coefficient of {@code spec}, a cubic upsampling, as a fraction. */
    public static Frac coefficient(LayerSpec spec) {
        return Frac.of(spec.extras().cubic().coefficient().numerator(), spec.extras().cubic().coefficient().denominator());
    }

    /**
     * The effective-field weights of the taps at {@code q}: {@code |w| / sum |w|}, the project's
     * stated weighting for a kernel with negative taps (README, effective fields).
     */
    public static List<Weighted> effectiveTaps(Frac q, Frac a) {
        List<Weighted> taps = taps(q, a);
        Frac total = Frac.ZERO;
        for (Weighted t : taps) {
            total = total.plus(abs(t.weight()));
        }
        List<Weighted> out = new ArrayList<>();
        for (Weighted t : taps) {
            out.add(new Weighted(t.unit(), abs(t.weight()).dividedBy(total)));
        }
        return out;
    }

    private static Frac abs(Frac f) {
        return f.compareTo(Frac.ZERO) < 0 ? f.negate() : f;
    }

    private static long floor(Frac q) {
        java.math.BigInteger[] qr = q.num().divideAndRemainder(q.den());
        return qr[0].longValueExact() - (qr[1].signum() < 0 ? 1 : 0);
    }
}
