package dev.convgeom.engine;

import java.util.List;

/**
 * One axis of a network, chain or graph, walked forwards from an input size: the size of every
 * layer that {@code upTo} depends on, whether the sliding windows tile, and, when asked, every
 * map's {@link AxisState} (fields, jump, centre). It answers the run-time questions
 * ({@code forInput}, {@code outputSize}, the size searches), which take the network as valid and
 * only ask whether an input size fits it; {@link GeometryCalculator} is the compile-time walk
 * that also diagnoses. Both take every layer's geometry from {@link LayerAxis}. Reused across the
 * sizes of a search.
 */
public final class AxisWalk {

    /** Why a {@link #run} failed: what {@link #misfit()} describes. */
    public enum Misfit {
        /**
         * A window, a transposed convolution, or aligned corners stretching one unit, has no output
         * unit on its input.
         */
        NO_OUTPUT,
        /** A merge joins maps of different sizes (input {@link #misfitInput()}). */
        MERGE_SIZES,
        /** A merge joins maps of different jumps (input {@link #misfitInput()}). */
        MERGE_JUMPS,
        /** A crop's offset and size run past the map it crops. */
        CROP,
        /** A gate (input {@link #misfitInput()}) is not one unit along the axis. */
        GATE_SIZE,
        /** A {@link PadMode#REFLECT} pad is as wide as its map or wider: it would copy units beyond it. */
        REFLECT_TOO_WIDE,
        /** A pixel unshuffle's input is not a whole number of its blocks ({@link PixelShuffleStep#fits}). */
        UNSHUFFLE_BLOCKS
    }

    private final LayerGraph graph;
    private final Axis axis;
    private final int upTo;
    private final boolean[] needed;
    private final long[] sizes;
    /** The maps per layer, when walking for geometry; else null. */
    private final AxisState[] states;
    private long inputSize;
    private boolean exact;
    private int failedAt;
    private Misfit misfit;
    private int misfitInput;

    /**
     * @param graph    the network
     * @param axis     the axis to walk
     * @param upTo     the last layer to walk
     * @param geometry whether to compute the maps' fields too, or only the sizes
     * @param whole    whether to walk every layer up to {@code upTo}, or only those it depends on
     */
    public AxisWalk(LayerGraph graph, Axis axis, int upTo, boolean geometry, boolean whole) {
        this.graph = graph;
        this.axis = axis;
        this.upTo = upTo;
        // Layers read only earlier ones, so one backward sweep finds everything upTo needs.
        this.needed = new boolean[upTo + 1];
        needed[upTo] = true;
        for (int i = upTo; i >= 0; i--) {
            if (whole) {
                needed[i] = true;
            } else if (needed[i]) {
                LayerSpec layer = graph.layer(i);
                for (int read : graph.reads(i)) {
                    if (read != LayerSpec.NETWORK_INPUT) {
                        needed[read] = true;
                    }
                }
                if (layer.kind().role() == LayerKind.Role.CROP && layer.extras().like() != LayerSpec.NETWORK_INPUT) {
                    needed[layer.extras().like()] = true;
                }
            }
        }
        this.sizes = new long[upTo + 1];
        this.states = geometry ? new AxisState[upTo + 1] : null;
    }

    /** The axis walked. */
    public Axis axis() {
        return axis;
    }

    /**
     * Walks from an input of {@code n}; false when some needed layer does not fit.
     *
     * @throws ArithmeticException if a number exceeds exact {@code long} arithmetic, or the fields
     *                             repeat over a longer period than the engine keeps
     */
    public boolean run(long n) {
        start(n);
        for (int i = 0; i <= upTo; i++) {
            if (needed[i] && !step(i)) {
                failedAt = i;
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an input of {@code n} fits every needed layer and every sliding window tiles its
     * input exactly: {@code run(n) && exact()}, but the walk stops at the first window that does
     * not tile, where a search for exact sizes rejects most sizes, instead of walking the rest of
     * the network. The layers after it are not walked, so a number too big for them does not
     * throw.
     *
     * @throws ArithmeticException as {@link #run}, for the layers walked
     */
    public boolean runExact(long n) {
        start(n);
        for (int i = 0; i <= upTo; i++) {
            if (needed[i] && (!step(i) || !exact)) {
                failedAt = i;
                return false;
            }
        }
        return true;
    }

    private void start(long n) {
        inputSize = n;
        exact = true;
        misfit = null;
        misfitInput = -1;
        failedAt = -1;
    }

    /** After a successful {@link #run}: the size of layer {@code index}, or of the input. */
    public long size(int index) {
        return index == LayerSpec.NETWORK_INPUT ? inputSize : sizes[index];
    }

    /** After a successful {@link #run} that computed the fields: the map of layer {@code index}. */
    public AxisState state(int index) {
        return states[index];
    }

    /** After {@link #run}: whether every sliding window tiled its input exactly. */
    public boolean exact() {
        return exact;
    }

    /** After a failed {@link #run}: the layer that failed. */
    public int failedAt() {
        return failedAt;
    }

    /** After a failed {@link #run}: why. */
    public Misfit misfitKind() {
        return misfit;
    }

    /** After a merge failed: the position in its inputs of the one that does not fit the first. */
    public int misfitInput() {
        return misfitInput;
    }

    private AxisState state(int index, long size) {
        return index == LayerSpec.NETWORK_INPUT ? AxisState.input(size) : states[index];
    }

    private boolean step(int i) {
        LayerSpec layer = graph.layer(i);
        int[] inputs = graph.reads(i);
        long n = size(inputs[0]);
        LayerKind.Role role = layer.kind().role();
        boolean crop = role == LayerKind.Role.CROP;
        long like = crop ? size(layer.extras().like()) : 0;
        long offset = crop ? layer.extras().offset(axis).orElse(0) : 0;
        long out = LayerAxis.size(layer, axis, n, like);
        if (out < 1) {
            return fail(Misfit.NO_OUTPUT, -1);
        }
        if (crop && Math.addExact(offset, out) > n) {
            return fail(Misfit.CROP, -1);
        }
        if (!PixelShuffleStep.fits(layer, axis, n)) {
            return fail(Misfit.UNSHUFFLE_BLOCKS, -1);
        }
        if (role == LayerKind.Role.PAD && layer.extras().padMode() == PadMode.REFLECT
                && Math.max(layer.window(axis).padBefore(), layer.window(axis).padAfter()) >= n) {
            return fail(Misfit.REFLECT_TOO_WIDE, -1);
        }
        boolean gate = role == LayerKind.Role.CONTEXT;
        for (int k = 1; k < inputs.length; k++) {
            if (gate ? size(inputs[k]) != 1 : size(inputs[k]) != n) {
                return fail(gate ? Misfit.GATE_SIZE : Misfit.MERGE_SIZES, k);
            }
        }
        // Only the layers that slide a window can leave a border unread; a pad reads all.
        if (role == LayerKind.Role.CONVOLUTION || role == LayerKind.Role.POOLING
                || role == LayerKind.Role.FULLY_CONNECTED) {
            exact &= WindowAxis.tiles(n, LayerAxis.window(layer, axis, n));
        }
        if (states != null) {
            AxisState[] in = new AxisState[inputs.length];
            for (int k = 0; k < in.length; k++) {
                in[k] = state(inputs[k], size(inputs[k]));
                if (!gate && !in[k].jump().equals(in[0].jump())) {
                    return fail(Misfit.MERGE_JUMPS, k);
                }
            }
            states[i] = LayerAxis.map(layer, axis, List.of(in), offset, like);
        }
        sizes[i] = out;
        return true;
    }

    private boolean fail(Misfit why, int input) {
        misfit = why;
        misfitInput = input;
        return false;
    }

    /**
     * After a failed {@link #run}: what did not fit, naming the layer and the sizes
     * ("layer 'cat' joins maps of different sizes: 'a' has 14 rows, 'b' has 15"), or null when a
     * window was too big. Built only when asked for: a search fails at most of its sizes.
     */
    public String misfit() {
        if (misfit == null || misfit == Misfit.NO_OUTPUT) {
            return null;
        }
        LayerSpec layer = graph.layer(failedAt);
        int[] inputs = graph.reads(failedAt);
        long n = size(inputs[0]);
        String first = name(inputs[0]);
        return switch (misfit) {
            case CROP -> "layer '" + layer.name() + "' crops " + n + " " + axis.units() + " of '" + first + "' from "
                    + layer.extras().offset(axis).orElse(0) + " to the " + size(layer.extras().like()) + " of '"
                    + name(layer.extras().like()) + "', which needs "
                    + (layer.extras().offset(axis).orElse(0) + size(layer.extras().like()));
            case GATE_SIZE -> "layer '" + layer.name() + "' gates '" + first + "' by '" + name(inputs[misfitInput])
                    + "', which has " + size(inputs[misfitInput]) + " " + axis.units() + " instead of 1";
            case REFLECT_TOO_WIDE -> "layer '" + layer.name() + "' reflects "
                    + Math.max(layer.window(axis).padBefore(), layer.window(axis).padAfter()) + " " + axis.units()
                    + " of '" + first + "', which has only " + n + " (reflect padding must be narrower than its map)";
            case MERGE_SIZES -> "layer '" + layer.name() + "' joins maps of different sizes: '" + first + "' has "
                    + n + " " + axis.units() + ", '" + name(inputs[misfitInput]) + "' has "
                    + size(inputs[misfitInput]);
            case UNSHUFFLE_BLOCKS -> "layer '" + layer.name() + "' cuts the " + n + " " + axis.units() + " of '" + first
                    + "' into blocks of " + PixelShuffleStep.factor(layer) + ", which do not divide them";
            default -> "layer '" + layer.name() + "' joins maps of different jumps along the " + axis.units() + ": '"
                    + first + "' " + jumpOf(inputs[0]) + ", '" + name(inputs[misfitInput]) + "' "
                    + jumpOf(inputs[misfitInput]) + " pixels";
        };
    }

    private String jumpOf(int index) {
        return index == LayerSpec.NETWORK_INPUT ? "1" : states[index].jump().toString();
    }

    private String name(int index) {
        return index == LayerSpec.NETWORK_INPUT ? "input" : graph.layer(index).name();
    }
}
