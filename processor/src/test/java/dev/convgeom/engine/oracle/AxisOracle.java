package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A brute-force oracle for the geometry of a chain of layers along ONE axis. It knows none of the
 * formulas of {@code shared/geometry.md}: no receptive-field, jump or centre recurrences and no
 * closed-form output sizes. It only slides windows tap by tap and records which input coordinates
 * every unit depends on; extents, jumps and centres are then read off those sets.
 *
 * <p>One axis at a time is legitimate because every layer the core knows is separable: a 2-D
 * window is the product of a row window and a column window (kernel, stride, dilation, padding
 * and rounding are declared per axis, SAME padding is resolved per axis), a fully connected layer
 * is a window over the whole map on each axis, and a pointwise layer touches neither axis. So the
 * set of input pixels a unit (uy, ux) depends on is exactly {rows of uy} x {columns of ux}.
 *
 * <p>Positions in padding are kept as <em>virtual</em> coordinates: a map is extended beyond its
 * ends with the same window arithmetic (unit {@code v} of a layer reads, for every tap {@code j},
 * position {@code v * stride - padBefore + j * dilation} of the layer's input, whatever the sign
 * or size of {@code v}), down to the network input, where virtual position {@code q} is input
 * coordinate {@code q}. So a unit near a border gets its unclipped field, as the core reports it,
 * and a map's virtual unit just past its end defines the jump even for a 1-unit map.
 *
 * <p>Deliberately simple rather than fast: sets of coordinates as bit sets, small sizes only.
 */
public final class AxisOracle {

    private AxisOracle() {
    }

    /**
     * One layer resolved on a concrete input size: a window of {@code kernel} taps, {@code dilation}
     * apart, placed at {@code starts} (padded coordinates: input pixel {@code i} is padded position
     * {@code padBefore + i}).
     *
     * @param inputSize     units of the layer's input
     * @param kernel        taps per window
     * @param stride        distance between window starts
     * @param dilation      distance between taps
     * @param padBefore     padding before the input (resolved for SAME)
     * @param padAfter      padding after the input
     * @param starts        start of every window that exists, padded coordinates
     * @param droppedBorder real input pixels after the last tap of the last window
     */
    public record Placement(int inputSize, int kernel, int stride, int dilation, int padBefore, int padAfter,
                            List<Integer> starts, int droppedBorder) {

        /** Output units: the number of windows found. */
        public int outputSize() {
            return starts.size();
        }

        /** Input coordinates (unpadded, possibly virtual) read by tap {@code j} of (virtual) unit {@code v}. */
        long tap(long v, int j) {
            return v * stride - padBefore + (long) j * dilation;
        }
    }

    /**
     * What the oracle says about one layer's output along the axis.
     *
     * @param placement     where the layer's windows lie on its input
     * @param size          output units
     * @param jump          {@code lo(unit 1) - lo(unit 0)}, the same between all consecutive units (checked)
     * @param lo            first input coordinate of unit {@code u}'s field, for {@code u = 0..size}
     *                      (the last one is the virtual unit just past the end)
     * @param hi            last input coordinate likewise
     */
    public record LayerField(Placement placement, int size, long jump, long[] lo, long[] hi) {

        /** Doubled centre of unit {@code u}: {@code lo + hi}, so that halves stay integers. */
        public long centreTimesTwo(int u) {
            return lo[u] + hi[u];
        }
    }

    /**
     * The oracle's answer for a chain along one axis.
     *
     * @param layers    one entry per layer that has at least one window, in order
     * @param failedAt  index of the first layer where no window fits, or -1
     */
    public record Result(List<LayerField> layers, int failedAt) {
    }

    /**
     * Places one layer of {@code spec} on an input of {@code n} units along {@code axis}. Pointwise
     * layers are windows of one tap and stride 1 (each unit reads the unit under it, exactly
     * "geometry unchanged"); a fully connected layer is one window of {@code n} taps, stride 1, no
     * padding.
     */
    public static Placement place(LayerSpec spec, Axis axis, int n) {
        return switch (spec.kind().role()) {
            case POINTWISE -> slide(n, 1, 1, 1, 0, 0, Rounding.FLOOR);
            case FULLY_CONNECTED -> slide(n, n, 1, 1, 0, 0, Rounding.FLOOR);
            case CONVOLUTION, POOLING -> place(spec.window(axis), n);
            default -> throw new IllegalArgumentException("the chain oracle places window and pointwise layers only,"
                    + " not " + spec.kind());
        };
    }

    /** Places a declared window on an input of {@code n} units, resolving its padding. */
    public static Placement place(Window w, int n) {
        int k = Math.toIntExact(w.kernel());
        int s = Math.toIntExact(w.stride());
        int d = Math.toIntExact(w.dilation());
        return switch (w.mode()) {
            case EXPLICIT -> slide(n, k, s, d, Math.toIntExact(w.padBefore()), Math.toIntExact(w.padAfter()),
                    w.rounding());
            case VALID -> slide(n, k, s, d, 0, 0, w.rounding());
            case SAME -> {
                int total = samePaddingTotal(n, k, s, d);
                yield slide(n, k, s, d, total / 2, total - total / 2, w.rounding());
            }
        };
    }

    /**
     * TensorFlow's SAME, by its definition: the output has {@code ceil(n / s)} units (counted: the
     * least {@code m} with {@code m * s >= n}), and the padding is the least total that makes that
     * many windows fit (counted too), split with the smaller half before.
     */
    static int samePaddingTotal(int n, int k, int s, int d) {
        int wanted = 0;
        while ((long) wanted * s < n) {
            wanted++;
        }
        int total = 0;
        while (slide(n, k, s, d, 0, total, Rounding.FLOOR).outputSize() < wanted) {
            total++;
        }
        return total;
    }

    /**
     * Enumerates the windows over the padded input {@code [0, pb + n + pa)}.
     * FLOOR: every window lying wholly inside the padded input. CEIL (PyTorch's {@code ceil_mode}):
     * the first window must lie inside; then windows keep being added while the previous one has not
     * yet reached the end of the padded input, but a window never starts in the trailing padding.
     */
    static Placement slide(int n, int k, int s, int d, int pb, int pa, Rounding rounding) {
        int length = pb + n + pa;
        List<Integer> starts = new ArrayList<>();
        for (int q = 0; ; q += s) {
            boolean inside = lastTap(q, k, d) <= length - 1;
            if (starts.isEmpty() || rounding == Rounding.FLOOR) {
                if (!inside) {
                    break;
                }
            } else {
                int previous = starts.get(starts.size() - 1);
                boolean previousReachedEnd = lastTap(previous, k, d) >= length - 1;
                boolean startsInTrailingPadding = q >= pb + n;
                if (previousReachedEnd || startsInTrailingPadding) {
                    break;
                }
            }
            starts.add(q);
        }
        int dropped = 0;
        if (!starts.isEmpty()) {
            int lastRead = lastTap(starts.get(starts.size() - 1), k, d);
            for (int i = 0; i < n; i++) {
                if (pb + i > lastRead) {
                    dropped++;
                }
            }
        }
        return new Placement(n, k, s, d, pb, pa, Collections.unmodifiableList(starts), dropped);
    }

    /** The largest position a window starting at {@code q} reads: its taps, one by one. */
    private static int lastTap(int q, int k, int d) {
        int last = q;
        for (int j = 0; j < k; j++) {
            last = Math.max(last, q + j * d);
        }
        return last;
    }

    /** Runs the chain {@code layers} on an input of {@code inputSize} along {@code axis}. */
    public static Result run(int inputSize, List<LayerSpec> layers, Axis axis) {
        List<Placement> placements = new ArrayList<>();
        int n = inputSize;
        int failedAt = -1;
        for (int i = 0; i < layers.size(); i++) {
            Placement p = place(layers.get(i), axis, n);
            if (p.outputSize() == 0) {
                failedAt = i;
                break;
            }
            placements.add(p);
            n = p.outputSize();
        }
        return new Result(fields(inputSize, placements), failedAt);
    }

    /**
     * Follows every tap back to the input. Top down, the virtual positions each map must know (its
     * units 0..size, the last one virtual, plus whatever the next layer's taps read); then bottom
     * up, the set of input coordinates each of those positions depends on.
     */
    private static List<LayerField> fields(int inputSize, List<Placement> placements) {
        int count = placements.size();
        List<TreeSet<Long>> needed = new ArrayList<>();
        int[] sizes = new int[count + 1];
        sizes[0] = inputSize;
        for (int l = 0; l < count; l++) {
            sizes[l + 1] = placements.get(l).outputSize();
        }
        for (int l = 0; l <= count; l++) {
            TreeSet<Long> units = new TreeSet<>();
            for (long u = 0; u <= sizes[l]; u++) {
                units.add(u);
            }
            needed.add(units);
        }
        for (int l = count; l >= 1; l--) {
            Placement p = placements.get(l - 1);
            for (long v : needed.get(l)) {
                for (int j = 0; j < p.kernel(); j++) {
                    needed.get(l - 1).add(p.tap(v, j));
                }
            }
        }
        Map<Long, Coords> below = new HashMap<>();
        for (long q : needed.get(0)) {
            below.put(q, Coords.single(q));
        }
        List<LayerField> result = new ArrayList<>();
        for (int l = 1; l <= count; l++) {
            Placement p = placements.get(l - 1);
            Map<Long, Coords> here = new HashMap<>();
            for (long v : needed.get(l)) {
                List<Coords> parts = new ArrayList<>();
                for (int j = 0; j < p.kernel(); j++) {
                    parts.add(below.get(p.tap(v, j)));
                }
                here.put(v, Coords.union(parts));
            }
            result.add(measure(p, sizes[l], here));
            below = here;
        }
        return result;
    }

    /** Reads extents off the sets and checks that consecutive units' sets are translates. */
    private static LayerField measure(Placement p, int size, Map<Long, Coords> sets) {
        long[] lo = new long[size + 1];
        long[] hi = new long[size + 1];
        for (int u = 0; u <= size; u++) {
            Coords set = sets.get((long) u);
            lo[u] = set.min();
            hi[u] = set.max();
        }
        long jump = lo[1] - lo[0];
        if (jump <= 0) {
            throw new AssertionError("oracle: fields do not move forwards: lo(0) = " + lo[0] + ", lo(1) = " + lo[1]);
        }
        for (int u = 0; u < size; u++) {
            if (!sets.get((long) u).shifted(jump).equals(sets.get((long) u + 1))) {
                throw new AssertionError("oracle: the field of unit " + (u + 1) + " is not the field of unit " + u
                        + " moved by " + jump);
            }
        }
        return new LayerField(p, size, jump, lo, hi);
    }

    /**
     * A non-empty set of input coordinates: coordinate {@code base + b} for every bit {@code b} of
     * {@code bits}, with {@code base} the smallest (so bit 0 is always set).
     */
    private record Coords(long base, BitSet bits) {

        static Coords single(long q) {
            BitSet bits = new BitSet();
            bits.set(0);
            return new Coords(q, bits);
        }

        static Coords union(List<Coords> parts) {
            long base = Long.MAX_VALUE;
            for (Coords c : parts) {
                base = Math.min(base, c.base);
            }
            BitSet bits = new BitSet();
            for (Coords c : parts) {
                for (int b = c.bits.nextSetBit(0); b >= 0; b = c.bits.nextSetBit(b + 1)) {
                    bits.set(Math.toIntExact(c.base + b - base));
                }
            }
            return new Coords(base, bits);
        }

        long min() {
            return base + bits.nextSetBit(0);
        }

        long max() {
            return base + bits.length() - 1;
        }

        Coords shifted(long by) {
            return new Coords(base + by, bits);
        }
    }
}
