package dev.convgeom;

import java.util.List;

/**
 * Who reads whom in a network, by index: what a graph walk needs of a {@link NetworkSpec}.
 * The spec resolves the names of {@link LayerSpec#from()} and of a crop's {@code like} once, when
 * it validates them; a walk, which a search repeats for thousands of sizes, then only follows
 * indices. Immutable: the arrays are copied in and never handed out.
 */
final class Wiring {

    /** The index by which a read or a crop refers to the network input. */
    static final int INPUT = -1;

    private final String network;
    private final List<LayerSpec> layers;
    private final int[][] reads;
    private final int[] like;

    /**
     * @param network the network's name, for messages
     * @param layers  every layer, in declaration order
     * @param reads   per layer, the indices of the layers it reads ({@link #INPUT} for the input)
     * @param like    per layer, the index of the layer whose size a crop takes; unused for other kinds
     */
    Wiring(String network, List<LayerSpec> layers, int[][] reads, int[] like) {
        this.network = network;
        this.layers = List.copyOf(layers);
        this.reads = new int[reads.length][];
        for (int i = 0; i < reads.length; i++) {
            this.reads[i] = reads[i].clone();
        }
        this.like = like.clone();
    }

    /** The network's name, for messages. */
    String network() {
        return network;
    }

    /** Every layer, in declaration order. */
    List<LayerSpec> layers() {
        return layers;
    }

    LayerSpec layer(int index) {
        return layers.get(index);
    }

    /** How many maps layer {@code index} reads: one, or more for a merge. */
    int readCount(int index) {
        return reads[index].length;
    }

    /** The index of the {@code k}-th map that layer {@code index} reads, or {@link #INPUT}. */
    int read(int index, int k) {
        return reads[index][k];
    }

    /** The index of the layer whose size the crop at {@code index} takes, or {@link #INPUT}. */
    int like(int index) {
        return like[index];
    }
}
