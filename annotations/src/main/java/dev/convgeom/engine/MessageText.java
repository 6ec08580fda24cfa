package dev.convgeom.engine;

import dev.convgeom.Ratio;
import java.util.List;

/**
 * The small pieces of text the geometry messages share (a quantity with its noun, a map's name,
 * a shape), so that every message words them the same way.
 */
final class MessageText {

    private MessageText() {
    }

    /** "1 unit", "2 units", "1/2 unit": a quantity with its noun. */
    static String count(Ratio value, String noun) {
        String number = value.toString();
        boolean one = value.abs().compareTo(Ratio.of(1)) <= 0 && value.signum() != 0;
        return number + " " + noun + (one ? "" : "s");
    }

    /** How a message names the map {@code index} reads: "'conv1'" or "the network input". */
    static String source(List<ComputedLayer> layers, int index) {
        return index == LayerSpec.NETWORK_INPUT ? "the network input" : "'" + name(layers, index) + "'";
    }

    /** The name of map {@code index}: a layer's, or "input". */
    static String name(List<ComputedLayer> layers, int index) {
        return index == LayerSpec.NETWORK_INPUT ? "input" : layers.get(index).spec().name();
    }

    /** "64x56x56", or "?x56x56" when the channel count is unknown. */
    static String shape(ComputedLayer layer) {
        return (layer.hasChannels() ? Long.toString(layer.channels()) : "?") + "x" + layer.y().size() + "x"
                + layer.x().size();
    }
}
