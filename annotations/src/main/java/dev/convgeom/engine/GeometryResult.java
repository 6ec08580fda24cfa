package dev.convgeom.engine;

import java.util.List;
import java.util.Optional;

/**
 * The computed geometry of a network and the problems found on the way. When a layer cannot be
 * computed, {@link #layers()} holds the layers computed before it (later independent layers are
 * still checked, and their problems are in {@link #problems()}).
 *
 * @param input    the network input, as a pseudo-layer's axes and channels
 * @param layers   the computed layers, in order
 * @param problems every problem found, in layer order
 * @param reads    which units of each map no path to an output reads; empty when a layer could
 *                 not be computed or a map is too long for the analysis
 */
public record GeometryResult(NetworkInput input, List<ComputedLayer> layers, List<Problem> problems,
                             Optional<ReadCoverage> reads) {

    public GeometryResult {
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }
}
