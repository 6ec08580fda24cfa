package dev.convgeom;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A slow, independent model of one axis of a graph network, for tests only. It knows nothing of
 * jumps, phases or periods: it follows each layer's definition.
 *
 * <ul>
 *   <li>Which input pixels a unit depends on: the set of pixels, unit by unit, layer by layer,
 *       down to the input, where unit {@code v} of the input is pixel {@code v}. Units outside a
 *       map (padding) are followed the same way, as virtual units, so fields are unclipped.</li>
 *   <li>Where a unit sits: each layer's map from its own unit coordinate to its source's, composed
 *       down to the input with exact fractions (the kernel's centre for windows; for a transposed
 *       convolution the inverse of "input unit u places its kernel centred at
 *       {@code s u - pb + (k - 1) / 2}"; for upsampling PyTorch's half-pixel rule).</li>
 *   <li>Sizes, by counting windows or by the layer's definition.</li>
 * </ul>
 */
final class BruteForceAxis {

    /** An exact fraction, in lowest terms with a positive denominator; deliberately not {@link Ratio}. */
    record Frac(BigInteger num, BigInteger den) {
        Frac {
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger g = num.gcd(den);
            if (g.signum() != 0) {
                num = num.divide(g);
                den = den.divide(g);
            }
        }

        static Frac of(long n, long d) {
            return new Frac(BigInteger.valueOf(n), BigInteger.valueOf(d));
        }

        static Frac of(long n) {
            return of(n, 1);
        }

        Frac plus(Frac o) {
            return new Frac(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Frac times(Frac o) {
            return new Frac(num.multiply(o.num), den.multiply(o.den));
        }

        Frac minus(Frac o) {
            return plus(o.times(of(-1)));
        }

        Frac over(long d) {
            return new Frac(num, den.multiply(BigInteger.valueOf(d)));
        }

        /** A double's exact value (every finite double is a dyadic fraction). */
        static Frac exact(double value) {
            java.math.BigDecimal d = new java.math.BigDecimal(value);
            return d.scale() <= 0 ? new Frac(d.toBigIntegerExact(), BigInteger.ONE)
                    : new Frac(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        }

        static Frac of(Ratio r) {
            return of(r.numerator(), r.denominator());
        }

        double value() {
            return num.doubleValue() / den.doubleValue();
        }

        long floor() {
            BigInteger[] qr = num.divideAndRemainder(den);
            return qr[0].longValueExact() - (qr[1].signum() < 0 ? 1 : 0);
        }
    }

    private final NetworkSpec spec;
    private final boolean rows;
    private final int inputSize;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[] sizes;
    private final List<Map<Long, TreeSet<Long>>> memo = new java.util.ArrayList<>();

    BruteForceAxis(NetworkSpec spec, boolean rows, int inputSize) {
        this.spec = spec;
        this.rows = rows;
        this.inputSize = inputSize;
        List<LayerSpec> layers = spec.layers();
        this.sizes = new long[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            index.put(layers.get(i).name(), i);
            memo.add(new HashMap<>());
            sizes[i] = computeSize(layers.get(i));
        }
    }

    long size(int layer) {
        return sizes[layer];
    }

    /** The input pixels unit {@code v} of layer {@code layer} depends on, virtual ones included. */
    TreeSet<Long> pixels(int layer, long v) {
        if (layer < 0) {
            TreeSet<Long> one = new TreeSet<>();
            one.add(v);
            return one;
        }
        TreeSet<Long> known = memo.get(layer).get(v);
        if (known != null) {
            return known;
        }
        LayerSpec l = spec.layers().get(layer);
        Window w = rows ? l.y() : l.x();
        int src = source(l.from().get(0));
        TreeSet<Long> result = new TreeSet<>();
        switch (l.kind()) {
            case "Conv", "MaxPool", "AvgPool", "Pad" -> {
                long pb = w.padBefore(sizeOf(src));
                for (int t = 0; t < w.kernel(); t++) {
                    result.addAll(pixels(src, (long) w.stride() * v - pb + (long) w.dilation() * t));
                }
            }
            case "Deconv" -> {
                // Scatter: input unit u adds its kernel tap t to output position s u + d t - pb.
                long s = w.stride();
                long pb = w.padBefore();
                long ke = (long) w.dilation() * (w.kernel() - 1) + 1;
                for (long u = Math.floorDiv(v - ke, s) - 2; u <= Math.floorDiv(v + pb, s) + 2; u++) {
                    for (int t = 0; t < w.kernel(); t++) {
                        if (s * u + (long) w.dilation() * t - pb == v) {
                            result.addAll(pixels(src, u));
                        }
                    }
                }
            }
            case "Upsample" -> {
                if (l.resize().cubic()) {
                    // Keys' kernel vanishes at distances 1 and 2, and its outer lobe is a times a
                    // polynomial with no root strictly between 1 and 2: one unit at a whole position,
                    // else the two around it (a = 0) or the four floor(q) - 1 .. floor(q) + 2.
                    Frac q = source(l, Frac.of(v), sizeOf(src));
                    long i0 = q.floor();
                    boolean whole = q.equals(Frac.of(i0));
                    boolean outer = l.resize().cubicCoefficient() != 0;
                    long first = whole || !outer ? i0 : i0 - 1;
                    long last = whole ? i0 : outer ? i0 + 2 : i0 + 1;
                    for (long u = first; u <= last; u++) {
                        result.addAll(pixels(src, u));
                    }
                } else if (l.resize().bilinear()) {
                    // The units either side of the ONNX source position, one where it is whole.
                    Frac q = source(l, Frac.of(v), sizeOf(src));
                    long i0 = q.floor();
                    result.addAll(pixels(src, i0));
                    if (!q.equals(Frac.of(i0))) {
                        result.addAll(pixels(src, i0 + 1));
                    }
                } else {
                    result.addAll(pixels(src, nearest(l.resize().rounding(), source(l, Frac.of(v), sizeOf(src)))));
                }
            }
            // PyTorch's definitions: a shuffled unit copies unit floor(v / r), an unshuffled one reads its block.
            case "PixelShuffle" -> result.addAll(pixels(src, Math.floorDiv(v, l.resize().factorX())));
            case "PixelUnshuffle" -> {
                for (long t = 0; t < w.kernel(); t++) {
                    result.addAll(pixels(src, w.kernel() * v + t));
                }
            }
            case "Crop" -> result.addAll(pixels(src, v + offset(l)));
            case "GlobalAvgPool" -> {
                long n = sizeOf(src);
                for (long u = v * n; u < v * n + n; u++) {
                    result.addAll(pixels(src, u));
                }
            }
            case "Concat", "Add" -> {
                for (String from : l.from()) {
                    result.addAll(pixels(source(from), v));
                }
            }
            // Unit v of the map, times the gate's every unit (it has one); a normalisation: unit
            // v, shifted and scaled by statistics of every unit of its input.
            case "Gate", "InstanceNorm" -> {
                result.addAll(pixels(src, v));
                int whole = source(l.from().get(l.from().size() - 1));
                for (long u = 0; u < sizeOf(whole); u++) {
                    result.addAll(pixels(whole, u));
                }
            }
            default -> result.addAll(pixels(src, v));
        }
        memo.get(layer).put(v, result);
        return result;
    }

    /** The input coordinate that unit position {@code v} (fractional) of layer {@code layer} sits on. */
    Frac centre(int layer, Frac v) {
        if (layer < 0) {
            return v;
        }
        LayerSpec l = spec.layers().get(layer);
        Window w = rows ? l.y() : l.x();
        int src = source(l.from().get(0));
        Frac at = switch (l.kind()) {
            case "Conv", "MaxPool", "AvgPool", "Pad" -> {
                long ke = (long) w.dilation() * (w.kernel() - 1) + 1;
                yield v.times(Frac.of(w.stride())).minus(Frac.of(w.padBefore(sizeOf(src))))
                        .plus(Frac.of(ke - 1, 2));
            }
            // Solve s u - pb + d (k - 1)/2 = v for u: the kernel's centre tap lands on v.
            case "Deconv" -> v.plus(Frac.of(w.padBefore())).minus(Frac.of((long) w.dilation() * (w.kernel() - 1), 2))
                    .over(w.stride());
            case "Upsample" -> source(l, v, sizeOf(src));
            // ESPCN's sub-pixel positions, and the middle of an unshuffled block.
            case "PixelShuffle" -> v.plus(Frac.of(1, 2)).over(l.resize().factorX()).minus(Frac.of(1, 2));
            case "PixelUnshuffle" -> v.times(Frac.of(w.kernel())).plus(Frac.of(w.kernel() - 1, 2));
            case "Crop" -> v.plus(Frac.of(offset(l)));
            case "GlobalAvgPool" -> v.times(Frac.of(sizeOf(src))).plus(Frac.of(sizeOf(src) - 1, 2));
            default -> v;
        };
        return centre(src, at);
    }

    private long computeSize(LayerSpec l) {
        int src = source(l.from().get(0));
        long n = sizeOf(src);
        Window w = rows ? l.y() : l.x();
        return switch (l.kind()) {
            case "Conv", "MaxPool", "AvgPool" -> {
                // Count the windows that lie inside the padded input (rounding down; the tests use no ceil).
                long pb = w.padBefore(n);
                long ke = (long) w.dilation() * (w.kernel() - 1) + 1;
                long count = 0;
                while ((long) w.stride() * count - pb + ke - 1 <= n - 1 + w.padAfter(n)) {
                    count++;
                }
                yield count;
            }
            case "Pad" -> w.padBefore() + n + w.padAfter();
            // The full scatter covers (n - 1) s + k positions; pb and pa are cut off, op added.
            case "Deconv" -> (n - 1) * w.stride() + (long) w.dilation() * (w.kernel() - 1) + 1 - w.padBefore() - w.padAfter()
                    + l.resize().outputPadding();
            case "Upsample" -> Math.floorDiv(n * factor(l), per(l));
            case "PixelShuffle" -> n * l.resize().factorX();
            case "PixelUnshuffle" -> n / w.kernel();
            case "Crop" -> sizeOf(source(l.resize().like()));
            case "GlobalAvgPool" -> 1;
            default -> n;
        };
    }

    /**
     * Where unit {@code v} of an upsampling of {@code n} units sits on its input, by ONNX
     * {@code Resize}'s formulas for output length {@code N}: {@code half_pixel}
     * {@code (v + 1/2) n / N - 1/2}, {@code asymmetric} {@code v n / N}, {@code tf_half_pixel_for_nn}
     * {@code (v + 1/2) n / N}, {@code align_corners}
     * {@code v (n - 1) / (N - 1)}, for nearest and bilinear upsampling alike. With a fractional
     * factor the scale is the declared {@code factor / per} ({@code N / n} only where that is
     * whole), as ONNX's {@code scales} give it.
     */
    private Frac source(LayerSpec l, Frac v, long n) {
        long bigN = Math.floorDiv(n * factor(l), per(l));
        return switch (l.resize().coordinates()) {
            case HALF_PIXEL -> v.plus(Frac.of(1, 2)).times(Frac.of(per(l))).over(factor(l)).minus(Frac.of(1, 2));
            case ASYMMETRIC -> v.times(Frac.of(per(l))).over(factor(l));
            case TF_HALF_PIXEL_FOR_NN -> v.plus(Frac.of(1, 2)).times(Frac.of(per(l))).over(factor(l));
            // One output unit sits at 0 (ONNX, PyTorch); virtual units beyond it are placed as if
            // there were two, the second on the last input unit, so that the jump stays positive.
            // (An axis kept at its size, one unit among them, maps v to v: n - 1 over N - 1.)
            case ALIGN_CORNERS -> bigN == n ? v : v.times(Frac.of(n - 1)).over(bigN == 1 ? 1 : bigN - 1);
            // tf_crop_and_resize: start (n - 1) + v (end - start) (n - 1) / (N - 1); one unit at the
            // region's centre, virtual units beyond it (end - start) (n - 1) apart (1 where that is 0).
            case CROP_AND_RESIZE -> {
                Frac start = Frac.exact(l.resize().roi().isEmpty() ? 0 : l.resize().roi().get(rows ? 2 : 0));
                Frac end = Frac.exact(l.resize().roi().isEmpty() ? 1 : l.resize().roi().get(rows ? 3 : 1));
                Frac apart = end.minus(start).times(Frac.of(n - 1));
                yield bigN == 1
                        ? start.plus(end).times(Frac.of(n - 1)).over(2).plus(v.times(apart.num().signum() == 0 ? Frac.of(1) : apart))
                        : start.times(Frac.of(n - 1)).plus(v.times(apart).over(bigN - 1));
            }
        };
    }

    /**
     * The unit ONNX's {@code nearest_mode} picks at position {@code q}, unclamped: {@code floor},
     * {@code ceil}, or the nearest, halves going down ({@code round_prefer_floor}) or up
     * ({@code round_prefer_ceil}). Twice the distance above the floor, compared with 1, says which.
     */
    static long nearest(Upsample.Rounding rounding, Frac q) {
        long below = q.floor();
        Frac twice = q.minus(Frac.of(below)).times(Frac.of(2));
        int half = twice.num().compareTo(twice.den());
        boolean whole = twice.num().signum() == 0;
        return switch (rounding) {
            case FLOOR -> below;
            case CEIL -> whole ? below : below + 1;
            case ROUND_PREFER_FLOOR -> half <= 0 ? below : below + 1;
            case ROUND_PREFER_CEIL -> half < 0 ? below : below + 1;
        };
    }

    /** The input units that become {@link #factor} output units along this axis. */
    private long per(LayerSpec l) {
        return rows ? l.resize().perY() : l.resize().perX();
    }

    /** An upsampling's factor along this axis. */
    private long factor(LayerSpec l) {
        return rows ? l.resize().factorY() : l.resize().factorX();
    }

    private long sizeOf(int layer) {
        return layer < 0 ? inputSize : sizes[layer];
    }

    private int source(String name) {
        return name.equals("input") ? -1 : index.get(name);
    }

    private long offset(LayerSpec l) {
        return rows ? l.resize().offsetY() : l.resize().offsetX();
    }
}
