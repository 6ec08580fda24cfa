package dev.convgeom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access, from the importer's tests, to the engine's layers of a generated network: the
 * package-private {@link EngineLayers#of} that {@link NetworkSpec} computes its geometry on, so that
 * ONNX Runtime confirms the example networks as the processor declared them. In this package
 * because that conversion is not public API.
 */
public final class EngineLayersOfNetwork {

    private EngineLayersOfNetwork() {
    }

    /** The engine's specs of {@code network}'s layers, reads resolved by name as NetworkSpec does. */
    public static List<dev.convgeom.engine.LayerSpec> of(NetworkSpec network) {
        Map<String, Integer> index = new HashMap<>();
        index.put("input", dev.convgeom.engine.LayerSpec.NETWORK_INPUT);
        List<LayerSpec> layers = network.layers();
        int[][] reads = new int[layers.size()][];
        int[] like = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            reads[i] = layer.from().stream().mapToInt(index::get).toArray();
            like[i] = layer.resize() != null && layer.resize().isCrop() ? index.get(layer.resize().like())
                    : dev.convgeom.engine.LayerSpec.NETWORK_INPUT;
            index.put(layer.name(), i);
        }
        return new ArrayList<>(EngineLayers.of(layers, reads, like));
    }
}
