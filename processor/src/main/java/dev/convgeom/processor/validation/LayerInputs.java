package dev.convgeom.processor.validation;

import dev.convgeom.engine.LayerSpec;
import java.util.List;

/**
 * The maps one layer reads, its names resolved to layer indices ({@link LayerSpec#NETWORK_INPUT}
 * for {@code "input"}).
 *
 * @param from the layers named in {@code from}, in order; empty when it names none, which means
 *             the layer just before (as in a chain, so a chain's specs stay as they were)
 * @param like a crop's {@code like}; {@link LayerSpec#NETWORK_INPUT} for every other layer
 */
record LayerInputs(List<Integer> from, int like) {

    /** A layer without {@code from}: it reads the layer before it. */
    static final LayerInputs PREVIOUS = new LayerInputs(List.of(), LayerSpec.NETWORK_INPUT);

    LayerInputs {
        from = List.copyOf(from);
    }
}
