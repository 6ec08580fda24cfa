package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.shape;

/**
 * The output channels of a spatially pointwise layer: its input's, but for a channel selection
 * ({@link LayerKind#CHANNELS}), which keeps {@code out} of them. Checks, where the incoming
 * channels are known, that a selection lies within them and that a shuffle's groups divide them;
 * neither mistake touches the spatial geometry, so neither stops the calculation.
 */
final class ChannelStep {

    private ChannelStep() {
    }

    /**
     * The channels layer {@code index} puts out, or {@link ComputedLayer#UNKNOWN_CHANNELS}.
     *
     * @param source the map it reads, {@code in}
     */
    static long of(NetworkSoFar soFar, int index, LayerSpec layer, int source, ComputedLayer in) {
        return switch (layer.kind()) {
            case CHANNELS -> selection(soFar, index, layer, source, in);
            case CHANNEL_SHUFFLE -> shuffle(soFar, index, layer, source, in);
            default -> in.channels();
        };
    }

    private static long selection(NetworkSoFar soFar, int index, LayerSpec layer, int source, ComputedLayer in) {
        long first = layer.extras().firstChannel();
        long count = layer.out().orElseThrow();
        if (in.hasChannels() && first + count > in.channels()) {
            long channels = in.channels();
            boolean firstOutside = first >= channels;
            String fix = firstOutside ? "use first <= " + (channels - 1) + ", or select from a map with more channels"
                    : "use count <= " + (channels - first) + ", or a smaller first";
            soFar.report(index, firstOutside ? Param.FIRST_CHANNEL : Param.CHANNEL_COUNT, null,
                    GeometryMessage.CHANNEL_RANGE_OUTSIDE, layer.name(), first, count, first,
                    first + count - 1, channels, shape(in), soFar.source(source), fix);
        }
        return count;
    }

    private static long shuffle(NetworkSoFar soFar, int index, LayerSpec layer, int source, ComputedLayer in) {
        long groups = layer.groups();
        if (in.hasChannels() && in.channels() % groups != 0) {
            soFar.report(index, Param.GROUPS, null, GeometryMessage.SHUFFLE_GROUPS_MISMATCH, layer.name(), groups,
                    in.channels(), soFar.source(source), WindowAxis.gcd(in.channels(), groups));
        }
        return in.channels();
    }
}
