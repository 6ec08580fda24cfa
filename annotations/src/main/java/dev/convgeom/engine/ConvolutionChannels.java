package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.shape;


/**
 * The output channel count of a convolution or transposed convolution, with its {@code in} and
 * {@code groups} checked against the channels it receives. Remembers the last one without
 * {@code out}, since a later fully connected layer that needs the count names it as the cause.
 */
final class ConvolutionChannels {

    private final NetworkSoFar soFar;
    /** The convolution without {@code out} that made the channel count unknown, if it is. */
    private String lostAt;

    ConvolutionChannels(NetworkSoFar soFar) {
        this.soFar = soFar;
    }

    /**
     * The channels layer {@code index} puts out, or {@link ComputedLayer#UNKNOWN_CHANNELS};
     * reports mismatches, which leave the spatial geometry intact and so do not stop the calculation.
     *
     * @param source the map it reads, {@code in}
     */
    long of(int index, LayerSpec layer, int source, ComputedLayer in) {
        long groups = layer.groups();
        if (in.hasChannels()) {
            long channels = in.channels();
            if (layer.in().isPresent() && layer.in().getAsLong() != channels) {
                soFar.report(index, Param.IN, null, GeometryMessage.IN_CHANNELS_MISMATCH, layer.name(),
                        layer.in().getAsLong(), channels, shape(in), soFar.source(source), channels);
            }
            if (channels % groups != 0) {
                long suggestion = layer.out().isPresent() ? WindowAxis.gcd(channels, layer.out().getAsLong()) : WindowAxis.gcd(channels, groups);
                soFar.report(index, Param.GROUPS, null, GeometryMessage.GROUPS_IN_MISMATCH, layer.name(), groups, channels,
                        soFar.source(source), suggestion);
            }
        }
        if (layer.out().isEmpty()) {
            lostAt = layer.name();
            return ComputedLayer.UNKNOWN_CHANNELS;
        }
        long out = layer.out().getAsLong();
        if (out % groups != 0) {
            soFar.report(index, Param.GROUPS, null, GeometryMessage.GROUPS_OUT_MISMATCH, layer.name(), groups, out,
                    Math.multiplyExact(groups, Math.max(1, Math.round((double) out / groups))));
        }
        return out;
    }

    /** The name of the last convolution without {@code out} so far, or null if there was none. */
    String lostAt() {
        return lostAt;
    }

}
