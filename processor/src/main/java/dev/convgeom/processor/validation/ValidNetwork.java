package dev.convgeom.processor.validation;

import dev.convgeom.engine.GeometryResult;
import dev.convgeom.processor.model.NetworkModel;
import java.util.List;

/**
 * A network that passed validation: its model, its computed geometry (free of errors), and the
 * constant name of each layer, ready for generation.
 *
 * @param model         the network as written
 * @param geometry      its computed geometry
 * @param constantNames the generated constant of each layer, in layer order
 * @param strict        whether the network asked for strict checking
 * @param outputs       the indices of the declared output layers, the primary output first; empty when
 *                      {@code @Network} declares none (the default: the layers no other layer reads)
 */
public record ValidNetwork(NetworkModel model, GeometryResult geometry, List<String> constantNames, boolean strict,
                           List<Integer> outputs) {

    public ValidNetwork {
        constantNames = List.copyOf(constantNames);
        outputs = List.copyOf(outputs);
    }
}
