package dev.convgeom.engine;

import java.util.List;

/**
 * A network's layers with the maps each reads resolved once into arrays: what every
 * {@link AxisWalk} follows. Immutable, so one serves all the walks of a network (a search runs
 * thousands), from any thread.
 */
public final class LayerGraph {

    private final List<LayerSpec> layers;
    private final int[][] reads;

    /** @param layers the network's layers, their inputs resolved to indices */
    public LayerGraph(List<LayerSpec> layers) {
        this.layers = List.copyOf(layers);
        this.reads = new int[this.layers.size()][];
        for (int i = 0; i < reads.length; i++) {
            List<Integer> inputs = this.layers.get(i).resolvedInputs(i);
            reads[i] = new int[inputs.size()];
            for (int k = 0; k < reads[i].length; k++) {
                reads[i][k] = inputs.get(k);
            }
        }
    }

    /** The layers, in order. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** The number of layers. */
    public int size() {
        return reads.length;
    }

    /** Layer {@code index}. */
    public LayerSpec layer(int index) {
        return layers.get(index);
    }

    /** The maps layer {@code index} reads: indices, or {@link LayerSpec#NETWORK_INPUT}; not to be changed. */
    int[] reads(int index) {
        return reads[index];
    }
}
