package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What the steps of one calculation share: the maps computed so far (the network input, then the
 * layers in order) and the problems found so far. Steps read maps by index and report here, so
 * that every problem lands in one list in the order it was found.
 */
final class NetworkSoFar {

    /** The network input as a map layers can read. */
    private final ComputedLayer networkInput;
    /** One entry per layer so far, null for a layer that could not be computed. */
    private final List<ComputedLayer> layers = new ArrayList<>();
    /** The computed layers before the first one that could not be computed. */
    private int computedPrefix;
    private final List<Problem> problems = new ArrayList<>();

    NetworkSoFar(NetworkInput input) {
        networkInput = new ComputedLayer(LayerSpec.pointwise("input", LayerKind.RELU), List.of(), input.channels(),
                AxisState.input(input.height()), AxisState.input(input.width()), null, null, 0, 0);
    }

    /** The map with index {@code index}: a computed layer, or the network input. */
    ComputedLayer map(int index) {
        return index == LayerSpec.NETWORK_INPUT ? networkInput : layers.get(index);
    }

    /**
     * The layers so far, in order, null for one that could not be computed; a read-only view that
     * grows as they are added. A layer that is computed reads only computed layers.
     */
    List<ComputedLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layers before the first one that could not be computed: all of them when none failed. */
    List<ComputedLayer> computedPrefix() {
        return List.copyOf(layers.subList(0, computedPrefix));
    }

    /** Whether map {@code index} (a layer so far, or the network input) was computed. */
    boolean isComputed(int index) {
        return index == LayerSpec.NETWORK_INPUT || layers.get(index) != null;
    }

    /** Whether every layer so far was computed. */
    boolean allComputed() {
        return computedPrefix == layers.size();
    }

    /** The name of map {@code index} in a message: a layer's, or "input". */
    String name(int index) {
        return MessageText.name(layers, index);
    }

    /** How a message names the map {@code index} reads: "'conv1'" or "the network input". */
    String source(int index) {
        return MessageText.source(layers, index);
    }

    void add(ComputedLayer layer) {
        if (computedPrefix == layers.size()) {
            computedPrefix++;
        }
        layers.add(layer);
    }

    /** Records that the next layer could not be computed (its problem, if any, is reported). */
    void skip() {
        layers.add(null);
    }

    /** Reports a problem with a parameter as a whole, at the message's own severity. */
    void report(int index, Param param, Axis axis, GeometryMessage message, Object... args) {
        report(index, param, -1, axis, message, args);
    }

    /** Reports a problem with element {@code element} of an array parameter, at the message's own severity. */
    void report(int index, Param param, int element, Axis axis, GeometryMessage message, Object... args) {
        add(new Problem(index, param, element, axis, message.severity(), message, List.of(args)));
    }

    /** Adds a problem built by the caller, for one whose severity depends on more than its message. */
    void add(Problem problem) {
        problems.add(problem);
    }

    /**
     * Every problem, in layer order; within a layer in the order found (the sort is stable),
     * since dropped borders are found after the whole network.
     */
    List<Problem> problemsInLayerOrder() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::layer));
        return sorted;
    }
}
