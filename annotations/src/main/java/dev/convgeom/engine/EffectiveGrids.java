package dev.convgeom.engine;

import dev.convgeom.engine.EffectiveFields.LayerField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The exact 2-D effective field ({@link EffectiveGrid}) of every layer whose field is not
 * separable, that is every layer with a merge of two or more maps upstream. A separable layer's
 * 2-D field is the product of its per-axis profiles ({@link EffectiveFields}), so it needs no grid;
 * the first merge builds its inputs' grids from those products, and every later layer steps the
 * grid through its row and column weights.
 *
 * <p>Cost: each layer costs its grid's cells times its row and column taps (1x1 convolutions and
 * pointwise layers cost nothing: they pass the grid on). A grid of more than {@link #MAX_CELLS}
 * weights, more than {@link #MAX_PHASES} phases, or a network past {@link #MAX_WORK} is not
 * computed (null, for that layer and those that read it): the caller must then say so, never fall
 * back to another function.
 */
public final class EffectiveGrids {

    /** The most weights one layer's grid may hold over all its phases. */
    public static final long MAX_CELLS = 1L << 21;

    /** The most phases (periodY x periodX) one layer's grid may have. */
    public static final int MAX_PHASES = 1024;

    /** The most work, in cell additions times 64-bit words, one network's grids may take (seconds). */
    public static final long MAX_WORK = 1L << 31;

    private EffectiveGrids() {
    }

    /**
     * Whether each layer's 2-D field is the product of its axes' fields: no merge of two or more
     * maps upstream.
     */
    public static boolean[] separable(GeometryResult geometry) {
        List<ComputedLayer> layers = geometry.layers();
        boolean[] separable = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            ComputedLayer layer = layers.get(i);
            boolean s = !(layer.spec().kind().isMerge() && layer.inputs().size() > 1);
            for (int in : layer.inputs()) {
                s &= in == LayerSpec.NETWORK_INPUT || separable[in];
            }
            separable[i] = s;
        }
        return separable;
    }

    /**
     * Every layer's grid, in layer order: the exact 2-D field of each non-separable layer; null for
     * separable layers (the product of {@code fields}' profiles is their 2-D field) and for layers
     * beyond the limits.
     *
     * @param geometry the computed network
     * @param fields   its per-axis fields, {@link EffectiveFields#of}
     */
    public static List<EffectiveGrid> of(GeometryResult geometry, List<LayerField> fields) {
        List<EffectiveGrid> grids = new ArrayList<>();
        forEach(geometry, fields, (grid, i) -> grids.add(grid));
        return Collections.unmodifiableList(grids);
    }

    /**
     * Hands every layer's grid, in layer order, to {@code each} (null as {@link #of} says), and
     * forgets a grid once no later layer reads it: a deep network's grids need not all fit in
     * memory at once (a layer that passes its input's grid on hands over the same object).
     */
    public static void forEach(GeometryResult geometry, List<LayerField> fields, ObjIntConsumer<EffectiveGrid> each) {
        List<ComputedLayer> layers = geometry.layers();
        boolean[] separable = separable(geometry);
        int[] lastReader = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            for (int in : layers.get(i).inputs()) {
                if (in != LayerSpec.NETWORK_INPUT) {
                    lastReader[in] = i;
                }
            }
        }
        List<EffectiveGrid> grids = new ArrayList<>();
        long work = 0;
        for (int i = 0; i < layers.size(); i++) {
            ComputedLayer layer = layers.get(i);
            EffectiveGrid grid = null;
            if (!separable[i] && fields.get(i) != null && phasesWithinLimit(fields.get(i))) {
                List<EffectiveGrid> inputs = new ArrayList<>();
                for (int in : layer.inputs()) {
                    inputs.add(in == LayerSpec.NETWORK_INPUT ? EffectiveGrid.input()
                            : separable[in] ? (fields.get(in) == null ? null
                                    : EffectiveGrid.separable(fields.get(in).y().profile(), fields.get(in).x().profile()))
                            : grids.get(in));
                }
                if (!inputs.contains(null)) {
                    long cells = 0;
                    long words = 0;
                    for (EffectiveGrid in : inputs) {
                        cells = Math.max(cells, in.cells());
                        words = Math.max(words, 1 + in.denominator().bitLength() / 64);
                    }
                    long estimate = cells(fields.get(i));
                    work += (long) Math.min(Long.MAX_VALUE / 4, (double) cells * words * taps(layer, inputs.size()));
                    if (estimate <= MAX_CELLS && work <= MAX_WORK) {
                        grid = layer.spec().kind().isMerge() ? EffectiveGrid.merge(inputs)
                                : EffectiveGrid.step(inputs.get(0), operator(geometry, layer, Axis.Y),
                                        operator(geometry, layer, Axis.X));
                    }
                }
            }
            grids.add(grid);
            each.accept(grid, i);
            for (int in : layer.inputs()) {
                if (in != LayerSpec.NETWORK_INPUT && lastReader[in] == i) {
                    grids.set(in, null);
                }
            }
        }
    }

    /** The layer's weights along one axis: its profile on the network input. */
    private static EffectiveProfile operator(GeometryResult geometry, ComputedLayer layer, Axis axis) {
        return EffectiveFields.step(layer, axis, i -> EffectiveProfile.input(),
                a -> EffectiveFields.inputSize(geometry, layer, a));
    }

    private static long taps(ComputedLayer layer, int inputs) {
        if (layer.spec().kind().isMerge()) {
            return inputs;
        }
        long taps = 0;
        for (Axis axis : Axis.values()) {
            WindowStep step = layer.step(axis);
            taps += step == null ? 2 : step.window().kernel();
        }
        return taps;
    }

    private static boolean phasesWithinLimit(LayerField field) {
        return (long) field.y().profile().period() * field.x().profile().period() <= MAX_PHASES;
    }

    /**
     * The weights the layer's grid holds: a phase's weights span the rows of its row profile and
     * the columns of its column profile (the marginals' supports), so phases times those.
     */
    private static long cells(LayerField field) {
        return (long) Math.min(Long.MAX_VALUE / 4, (double) span(field.y().profile()) * span(field.x().profile()));
    }

    private static long span(EffectiveProfile profile) {
        long n = 0;
        for (int r = 0; r < profile.period(); r++) {
            n += profile.weights(r).length;
        }
        return n;
    }
}
