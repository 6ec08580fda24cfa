package dev.convgeom.importer.onnx;

import dev.convgeom.importer.model.ImportedLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which layers an ONNX model returns, for {@code @Network(outputs = ...)}. convgeom's default
 * outputs are the layers no other layer reads; a detector's feature pyramid also returns maps that
 * later levels read (torchvision's FPN returns P5 and the P6 pooled from it), and without the list
 * those maps were no outputs: no shortcuts of their own, and their units reported as read by no
 * path to an output.
 */
final class GraphOutputs {

    private GraphOutputs() {
    }

    /**
     * The list to declare: {@code returned} (the layers behind the graph's outputs, in its order)
     * when it holds a layer that another layer reads and every layer no other layer reads;
     * otherwise empty, the default (which then names the same maps, or the model returns a map
     * convgeom does not follow and the default stays the honest choice).
     *
     * @param complete whether every graph output is a map of one of {@code layers}
     */
    static List<Integer> declared(List<Integer> returned, boolean complete, List<ImportedLayer> layers) {
        Set<Integer> read = new HashSet<>();
        for (ImportedLayer layer : layers) {
            read.addAll(layer.from());
        }
        List<Integer> sinks = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!read.contains(i)) {
                sinks.add(i);
            }
        }
        boolean extra = returned.stream().anyMatch(read::contains);
        return complete && extra && returned.containsAll(sinks) ? List.copyOf(returned) : List.of();
    }
}
