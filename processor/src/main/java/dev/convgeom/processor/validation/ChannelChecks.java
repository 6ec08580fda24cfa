package dev.convgeom.processor.validation;

import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.Optional;

/**
 * Checks the channel layers, {@code @Channels} and {@code @ChannelShuffle}, one annotation at a
 * time and turns each into the engine's {@link LayerSpec}. {@code count} and {@code groups} below
 * 1 are {@link LayerValidator}'s to report (every positive attribute is); whether the range fits
 * the incoming channels, or the groups divide them, is the engine's to say once they are known.
 */
final class ChannelChecks {

    private ChannelChecks() {
    }

    /** Whether {@code kind} is one of the channel layers checked here. */
    static boolean handles(LayerKind kind) {
        return kind == LayerKind.CHANNELS || kind == LayerKind.CHANNEL_SHUFFLE;
    }

    /**
     * The layer's spec, or empty when it has an error (reported) or misses its required
     * {@code count} or {@code groups} (javac reports that); {@code ok} says whether the checks
     * common to every layer passed.
     */
    static Optional<LayerSpec> spec(Reporter reporter, LayerDeclaration layer, boolean ok) {
        ExplicitValues v = layer.values();
        if (layer.kind() == LayerKind.CHANNEL_SHUFFLE) {
            return ok ? v.integer("groups").map(groups -> LayerSpec.channelShuffle(layer.name(), groups))
                    : Optional.empty();
        }
        int first = v.integer("first").orElse(0);
        if (first < 0) {
            reporter.report(Message.NEGATIVE_FIRST_CHANNEL, layer.field(), v.mirror(), v.value("first").orElseThrow(),
                    layer.name(), first);
            ok = false;
        }
        return ok ? v.integer("count").map(count -> LayerSpec.channels(layer.name(), first, count)) : Optional.empty();
    }
}
