package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brute-force backward pass for the uniform-weight effective field, in 2-D: it puts weight 1 on
 * one (possibly virtual) unit of a layer and pushes it down, map by map in reverse order, position
 * by position, tap by tap, until it lands on the network input. It knows none of the core's
 * profile arithmetic (no periods, phases, shifts or shared denominators): each map is a sparse
 * grid of exact fractions, and every layer's taps are spelt out as loops. Sizes, resolved padding
 * and crop offsets come from {@link GraphOracle}, which computes them on its own.
 *
 * <p>The weights are the documented uniform ones: a window's {@code ky x kx} taps weigh
 * {@code 1/(ky kx)} each (padding taps too; max pooling like average pooling; a fully connected layer
 * is a window over the whole map, global pooling one window per whole map); a transposed
 * convolution's output unit is the mean of the input units whose taps reach it; nearest upsampling
 * copies the unit ONNX's rounding picks; bilinear weighs its two neighbours {@code 1 - frac(q)} and {@code frac(q)}; padding and
 * crops move units; a merge sums its inputs unit by unit. A merge is handled in 2-D (unit
 * {@code (y, x)} reads unit {@code (y, x)} of each input), everything else as the product of its
 * row and column taps, so the oracle's marginals check the core's claim that per-axis profiles
 * add up to the 2-D profile's marginals.
 */
public final class EffectiveFieldOracle {

    /** A read of one unit along one axis, with its weight. */
    private record Tap(long unit, Frac weight) {
    }

    private record Pos(long y, long x) {
    }

    private final GraphOracle geometry;
    private final List<LayerSpec> layers;

    public EffectiveFieldOracle(GraphOracle geometry, List<LayerSpec> layers) {
        this.geometry = geometry;
        this.layers = List.copyOf(layers);
    }

    /**
     * The weight of every input pixel {@code (y, x)} in unit {@code (vy, vx)} of layer {@code layer},
     * as {@code {y, x} -> weight}; weights of a path sum to 1, a merge adds its inputs'. Costly:
     * for small graphs.
     */
    public Map<List<Long>, Frac> profile(int layer, long vy, long vx) {
        Map<Pos, Frac> input = backward(layer, new Pos(vy, vx), null);
        Map<List<Long>, Frac> result = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
        input.forEach((p, w) -> result.put(List.of(p.y(), p.x()), w));
        return result;
    }

    /**
     * The weight of every input coordinate along {@code axis} in unit {@code v} of layer
     * {@code layer}: the same backward pass along one axis only (a merge sums unit by unit).
     */
    public TreeMap<Long, Frac> profile(int layer, Axis axis, long v) {
        Map<Pos, Frac> input = backward(layer, new Pos(v, 0), axis);
        TreeMap<Long, Frac> result = new TreeMap<>();
        input.forEach((p, w) -> result.put(p.y(), w));
        return result;
    }

    /** The backward pass in 2-D ({@code axis} null) or along {@code axis} (positions in {@code y}). */
    private Map<Pos, Frac> backward(int layer, Pos unit, Axis axis) {
        Map<Integer, Map<Pos, Frac>> pending = new HashMap<>();
        pending.computeIfAbsent(layer, i -> new HashMap<>()).put(unit, Frac.of(1));
        for (int i = layer; i >= 0; i--) {
            Map<Pos, Frac> here = pending.remove(i);
            if (here == null) {
                continue;
            }
            LayerSpec spec = layers.get(i);
            List<Integer> inputs = geometry.inputs(i);
            for (Map.Entry<Pos, Frac> e : here.entrySet()) {
                Pos p = e.getKey();
                if (spec.kind().isMerge()) {
                    for (int j : inputs) {
                        add(pending, j, p, e.getValue());
                    }
                    continue;
                }
                if (axis != null) {
                    for (Tap t : taps(i, axis, p.y())) {
                        add(pending, inputs.get(0), new Pos(t.unit(), 0), e.getValue().times(t.weight()));
                    }
                    continue;
                }
                for (Tap ty : taps(i, Axis.Y, p.y())) {
                    for (Tap tx : taps(i, Axis.X, p.x())) {
                        add(pending, inputs.get(0), new Pos(ty.unit(), tx.unit()),
                                e.getValue().times(ty.weight()).times(tx.weight()));
                    }
                }
            }
        }
        return pending.getOrDefault(LayerSpec.NETWORK_INPUT, Map.of());
    }

    /** The row ({@code axis} Y) or column marginal of a 2-D profile: coordinate -> summed weight. */
    public static TreeMap<Long, Frac> marginal(Map<List<Long>, Frac> profile, Axis axis) {
        TreeMap<Long, Frac> m = new TreeMap<>();
        profile.forEach((yx, w) -> m.merge(yx.get(axis.ordinal()), w, Frac::plus));
        return m;
    }

    private static void add(Map<Integer, Map<Pos, Frac>> pending, int map, Pos p, Frac w) {
        if (w.signum() == 0) {
            return;     // a bilinear tap exactly on a unit: its neighbour gets nothing
        }
        pending.computeIfAbsent(map, i -> new HashMap<>()).merge(p, w, Frac::plus);
    }

    /** What unit {@code v} of layer {@code i} reads along {@code axis}, tap by tap, with weights. */
    private List<Tap> taps(int i, Axis axis, long v) {
        LayerSpec spec = layers.get(i);
        long n = geometry.size(geometry.inputs(i).get(0), axis);
        List<Tap> taps = new ArrayList<>();
        switch (spec.kind().role()) {
            // A gate or a normalisation: the first input's unit, weight 1 (EffectiveFields: they add no weight).
            case POINTWISE, CONTEXT -> taps.add(new Tap(v, Frac.of(1)));
            case CONVOLUTION, POOLING -> {
                Window w = spec.window(axis);
                for (long t = 0; t < w.kernel(); t++) {
                    taps.add(new Tap(v * w.stride() - geometry.padBefore(i, axis) + t * w.dilation(),
                            Frac.of(1, w.kernel())));
                }
            }
            case FULLY_CONNECTED -> {
                for (long t = 0; t < n; t++) {
                    taps.add(new Tap(v + t, Frac.of(1, n)));
                }
            }
            case GLOBAL_POOLING -> {
                for (long t = 0; t < n; t++) {
                    taps.add(new Tap(v * n + t, Frac.of(1, n)));
                }
            }
            case DECONVOLUTION -> {
                Window w = spec.window(axis);
                List<Long> reached = new ArrayList<>();
                for (long t = 0; t < w.kernel(); t++) {
                    long rest = v + geometry.padBefore(i, axis) - t * w.dilation();
                    if (Math.floorMod(rest, w.stride()) == 0) {
                        reached.add(Math.floorDiv(rest, w.stride()));
                    }
                }
                for (long u : reached) {
                    taps.add(new Tap(u, Frac.of(1, reached.size())));
                }
            }
            case UPSAMPLING -> {
                if (spec.extras().cubic() != null) {
                    for (CubicOracle.Weighted t : CubicOracle.effectiveTaps(
                            GraphOracle.sourcePosition(spec, axis, n, Frac.of(v)), CubicOracle.coefficient(spec))) {
                        taps.add(new Tap(t.unit(), t.weight()));
                    }
                } else if (spec.extras().bilinear()) {
                    Frac q = GraphOracle.sourcePosition(spec, axis, n, Frac.of(v));
                    long below = floor(q);
                    Frac frac = q.minus(Frac.of(below));
                    taps.add(new Tap(below, Frac.of(1).minus(frac)));
                    taps.add(new Tap(below + 1, frac));
                } else {
                    taps.add(new Tap(GraphOracle.nearestUnit(spec, GraphOracle.sourcePosition(spec, axis, n, Frac.of(v))),
                            Frac.of(1)));
                }
            }
            case PAD -> taps.add(new Tap(v - geometry.padBefore(i, axis), Frac.of(1)));
            case CROP -> taps.add(new Tap(v + geometry.offset(i, axis), Frac.of(1)));
            case MERGE -> throw new IllegalStateException("merges are handled in 2-D");
        }
        return taps;
    }

    private static long floor(Frac q) {
        java.math.BigInteger[] qr = q.num().divideAndRemainder(q.den());
        return qr[0].longValueExact() - (qr[1].signum() < 0 ? 1 : 0);
    }
}
