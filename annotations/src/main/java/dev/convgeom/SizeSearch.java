package dev.convgeom;

import java.util.List;

/**
 * The searches for input sizes along one axis: the next size that every window tiles exactly,
 * and the smallest size a graph fits. A chain without SAME padding takes a direct formula; a
 * graph, or SAME padding, is walked size after size, within a budget of layer steps so that a
 * search costs about the same whatever the depth of the network.
 */
final class SizeSearch {

    /**
     * How many layer steps {@link NetworkSpec#nextExactSize} may take where SAME padding rules out
     * the direct formula: a few milliseconds, whatever the depth of the network.
     */
    private static final long SEARCH_STEPS = 1 << 22;

    private final Wiring wiring;
    private final List<LayerSpec> layers;
    /** Whether the direct chain formulas apply (see {@link NetworkSpec}). */
    private final boolean chain;

    SizeSearch(Wiring wiring, boolean chain) {
        this.wiring = wiring;
        this.layers = wiring.layers();
        this.chain = chain;
    }

    /**
     * Whether every sliding window tiles an input of {@code n} along this axis, and, on a graph,
     * every layer fits.
     */
    boolean isExact(long n, boolean rows) {
        if (n < 1) {
            return false;
        }
        if (!chain) {
            GraphAxisWalk walk = new GraphAxisWalk(wiring, rows, layers.size() - 1, false, true);
            return walk.run(n) && walk.exact();
        }
        for (LayerSpec layer : layers) {
            if (!layer.hasWindow()) {
                continue;
            }
            Window window = rows ? layer.y() : layer.x();
            if (!window.tiles(n)) {
                return false;
            }
            n = window.outputSize(n);
        }
        return true;
    }

    /**
     * Where no window pads by SAME, the exact sizes are an arithmetic progression: each exact
     * layer maps its output size m back to the input size {@code s * (m - 1) + ke - pb - pa}, so
     * the network maps m to {@code A * m + B} with A the product of the strides. Otherwise, or
     * where that is out of range, search upwards.
     */
    int nextExact(int from, boolean rows) {
        long start = Math.max(1, from);
        if (!chain) {
            long end = Math.min(Integer.MAX_VALUE, start + searchLimit());
            GraphAxisWalk walk = new GraphAxisWalk(wiring, rows, layers.size() - 1, false, true);
            for (long candidate = start; candidate <= end; candidate++) {
                if (walk.run(candidate) && walk.exact()) {
                    return (int) candidate;
                }
            }
            throw new IllegalArgumentException(wiring.network() + ": no input " + (rows ? "height" : "width")
                    + " from " + from + " to " + end
                    + " is tiled exactly by every layer and fits every merge and crop");
        }
        long a = 1;
        long b = 0;
        boolean affine = true;
        try {
            for (int i = layers.size() - 1; i >= 0 && affine; i--) {
                LayerSpec layer = layers.get(i);
                if (!layer.hasWindow()) {
                    continue;
                }
                Window w = rows ? layer.y() : layer.x();
                if (w.padding() == Padding.SAME) {
                    affine = false;
                    break;
                }
                long offset = w.dilatedKernel() - w.padBefore(0) - w.padAfter(0) - w.stride();
                // n = s * m + offset, with m = a * m' + b
                b = Math.addExact(Math.multiplyExact((long) w.stride(), b), offset);
                a = Math.multiplyExact((long) w.stride(), a);
            }
        } catch (ArithmeticException overflow) {
            affine = false;
        }
        if (affine) {
            long m = Math.max(1, -Math.floorDiv(-(start - b), a));
            long tries = searchLimit();
            for (long candidate = a * m + b; candidate <= Integer.MAX_VALUE && tries-- > 0; candidate += a) {
                if (isExact(candidate, rows)) {
                    return (int) candidate;
                }
            }
        } else {
            long end = Math.min(Integer.MAX_VALUE, start + searchLimit());
            for (long candidate = start; candidate <= end; candidate++) {
                if (isExact(candidate, rows)) {
                    return (int) candidate;
                }
            }
        }
        throw new IllegalArgumentException(wiring.network() + ": no input " + (rows ? "height" : "width")
                + " from " + from + (affine ? " within the int range" : " to " + (start + searchLimit()))
                + " is tiled exactly by every layer");
    }

    /** Candidates to try in a search: {@link #SEARCH_STEPS} over the number of layers. */
    private long searchLimit() {
        return Math.max(1024, SEARCH_STEPS / Math.max(1, layers.size()));
    }

    /**
     * The smallest size along this axis for which a graph walk up to {@code index} succeeds: of
     * the layers {@code index} depends on, or, if {@code whole}, of every layer up to it.
     */
    int minGraphInput(int index, boolean rows, boolean whole) {
        GraphAxisWalk walk = new GraphAxisWalk(wiring, rows, index, false, whole);
        long end = Math.min(Integer.MAX_VALUE, searchLimit());
        for (long n = 1; n <= end; n++) {
            if (walk.run(n)) {
                return (int) n;
            }
        }
        throw new IllegalArgumentException(wiring.network() + ": no input " + (rows ? "height" : "width")
                + " from 1 to " + end + " fits layer '" + wiring.layer(index).name() + "' (at " + end + ": "
                + (walk.misfit() != null ? walk.misfit() : "the window of '" + wiring.layer(walk.failedAt()).name()
                + "' does not fit") + ")");
    }
}
