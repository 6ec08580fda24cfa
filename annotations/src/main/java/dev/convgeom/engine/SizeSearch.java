package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The searches for input sizes along one axis: the smallest size a network fits, whether every
 * window tiles a size exactly, and the next size that it does. A chain (every layer reads the one
 * before and slides a window or works unit by unit) takes the window formulas backwards; a graph,
 * or SAME padding, is walked forwards ({@link AxisWalk}) size after size, within a budget of
 * layer steps so that a search costs about the same whatever the depth of the network; an exact
 * search there skips the sizes that the chain the graph starts with does not tile.
 */
public final class SizeSearch {

    /**
     * How many layer steps a search may take where no formula applies: a few milliseconds,
     * whatever the depth of the network.
     */
    private static final long SEARCH_STEPS = 1 << 22;

    private final String network;
    private final LayerGraph graph;
    private final List<LayerSpec> layers;
    private final boolean chain;
    /** Per axis, a chain's exact inputs {@code a * m + b} as {@code {a, b}}; null where no formula applies. */
    private final long[][] affine = new long[Axis.values().length][];
    /**
     * Per axis, for a graph: the exact inputs {@code a * m + b} of the chain it starts with
     * ({@link #prefixAffine}), which hold every exact input of the whole network; null where none helps.
     */
    private final long[][] prefix = new long[Axis.values().length][];

    /**
     * @param network the network's name, for messages
     * @param graph   the network
     */
    public SizeSearch(String network, LayerGraph graph) {
        this.network = network;
        this.graph = graph;
        this.layers = graph.layers();
        this.chain = isChain(layers);
        for (Axis axis : Axis.values()) {
            affine[axis.ordinal()] = chain ? ExactInputs.affine(windows(axis)) : null;
            prefix[axis.ordinal()] = chain ? null : prefixAffine(layers, axis);
        }
    }

    /** Whether every layer reads the one before and slides a window or works unit by unit. */
    public static boolean isChain(List<LayerSpec> layers) {
        return chainPrefix(layers) == layers.size();
    }

    /** How many layers, from the first, form a chain in the sense of {@link #isChain}. */
    static int chainPrefix(List<LayerSpec> layers) {
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            LayerKind.Role role = layer.kind().role();
            boolean plain = role == LayerKind.Role.CONVOLUTION || role == LayerKind.Role.POOLING
                    || role == LayerKind.Role.POINTWISE;
            // Its input must be whole blocks, which the windows' formulas backwards do not know.
            plain &= layer.kind() != LayerKind.PIXEL_UNSHUFFLE;
            if (!plain || !layer.resolvedInputs(i).equals(List.of(i - 1))) {
                return i;
            }
        }
        return layers.size();
    }

    /**
     * The exact inputs {@code a * m + b} ({@link ExactInputs#affine}) of the chain a graph starts
     * with, up to its first window that pads SAME, as {@code {a, b}}; null when that gives no step
     * ({@code a = 1}) or numbers beyond the int range. An input the whole network tiles exactly
     * makes every window of that chain tile exactly, which puts it among these, so a search may
     * skip every other size: the walk would reject them at one of those windows.
     */
    static long[] prefixAffine(List<LayerSpec> layers, Axis axis) {
        List<Window> windows = new ArrayList<>();
        for (LayerSpec layer : layers.subList(0, chainPrefix(layers))) {
            if (layer.kind().hasWindow()) {
                if (layer.window(axis).mode() == PaddingMode.SAME) {
                    break;
                }
                windows.add(layer.window(axis));
            }
        }
        long[] ab = ExactInputs.affine(windows);
        return ab == null || ab[0] <= 1 || ab[0] > Integer.MAX_VALUE || Math.abs(ab[1]) > Integer.MAX_VALUE ? null : ab;
    }

    /**
     * Whether every sliding window tiles an input of {@code n} along {@code axis} exactly, and
     * every layer fits.
     */
    public boolean isExact(long n, Axis axis) {
        if (n < 1) {
            return false;
        }
        AxisWalk walk = new AxisWalk(graph, axis, layers.size() - 1, false, true);
        return walk.runExact(n);
    }

    /**
     * The smallest size at least {@code from} for which {@link #isExact} holds. Where no window
     * pads SAME, a chain's exact sizes are an arithmetic progression ({@link ExactInputs#affine});
     * otherwise, or where that is out of range, the search goes upwards.
     *
     * @throws IllegalArgumentException if there is none within the int range, or within the search
     */
    public int nextExact(int from, Axis axis) {
        long start = Math.max(1, from);
        long[] ab = affine[axis.ordinal()];
        AxisWalk walk = new AxisWalk(graph, axis, layers.size() - 1, false, true);
        if (ab != null) {
            long a = ab[0];
            long b = ab[1];
            long m = Math.max(1, -Math.floorDiv(-(start - b), a));
            long tries = searchLimit();
            for (long candidate = a * m + b; candidate <= Integer.MAX_VALUE && tries-- > 0; candidate += a) {
                if (candidate >= 1 && walk.runExact(candidate)) {
                    return (int) candidate;
                }
            }
        } else {
            long end = Math.min(Integer.MAX_VALUE, start + searchLimit());
            long[] steps = prefix[axis.ordinal()];
            // The same sizes as one by one, less those the chain the graph starts with rejects.
            long step = steps == null ? 1 : steps[0];
            long first = steps == null ? start
                    : steps[0] * Math.max(1, -Math.floorDiv(-(start - steps[1]), steps[0])) + steps[1];
            for (long candidate = first; candidate <= end; candidate += step) {
                if (walk.runExact(candidate)) {
                    return (int) candidate;
                }
            }
        }
        String range = ab != null ? " within the int range" : " to " + Math.min(Integer.MAX_VALUE, start + searchLimit());
        throw new IllegalArgumentException(network + ": no input " + axis.extent() + " from " + from + range
                + " is tiled exactly by every layer" + (chain ? "" : " and fits every merge and crop"));
    }

    /**
     * The smallest size along {@code axis} on which every layer up to {@code index} has at least one
     * unit: of the layers {@code index} depends on, or, if {@code whole}, of every layer up to it.
     * A chain takes its windows' formulas backwards; a graph is walked for every size from 1
     * upwards, up to {@code 2^22 / layers} sizes (at least 1024).
     *
     * @throws IllegalArgumentException for a graph on which no size within the search fits
     */
    public int minInput(int index, Axis axis, boolean whole) {
        if (chain) {
            long n = 1;
            for (int i = index; i >= 0; i--) {
                LayerSpec layer = layers.get(i);
                if (layer.kind().hasWindow()) {
                    n = WindowAxis.minInputFor(n, layer.window(axis));
                }
            }
            return Math.toIntExact(n);
        }
        AxisWalk walk = new AxisWalk(graph, axis, index, false, whole);
        long end = Math.min(Integer.MAX_VALUE, searchLimit());
        for (long n = 1; n <= end; n++) {
            if (walk.run(n)) {
                return (int) n;
            }
        }
        throw new IllegalArgumentException(network + ": no input " + axis.extent() + " from 1 to " + end
                + " fits layer '" + layers.get(index).name() + "' (at " + end + ": "
                + (walk.misfit() != null ? walk.misfit() : "the window of '" + layers.get(walk.failedAt()).name()
                + "' does not fit") + ")");
    }

    /** The windows of a chain along {@code axis}, in order. */
    private List<Window> windows(Axis axis) {
        List<Window> windows = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer.kind().hasWindow()) {
                windows.add(layer.window(axis));
            }
        }
        return windows;
    }

    /** Candidates to try in a search: {@link #SEARCH_STEPS} over the number of layers. */
    private long searchLimit() {
        return Math.max(1024, SEARCH_STEPS / Math.max(1, layers.size()));
    }
}
