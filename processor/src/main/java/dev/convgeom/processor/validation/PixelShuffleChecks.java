package dev.convgeom.processor.validation;

import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.Optional;

/**
 * Turns {@code @PixelShuffle} and {@code @PixelUnshuffle} into the engine's {@link LayerSpec}: a
 * nearest upsampling and an {@code r x r} window of stride {@code r} with their channel rules
 * ({@link dev.convgeom.engine.PixelShuffleStep}). A factor below 1 is {@link LayerValidator}'s to
 * report (every positive attribute is); whether the channels or the map divide by it is the
 * engine's to say once they are known.
 */
final class PixelShuffleChecks {

    private PixelShuffleChecks() {
    }

    /** Whether {@code kind} is one of the layers built here. */
    static boolean handles(LayerKind kind) {
        return kind == LayerKind.PIXEL_SHUFFLE || kind == LayerKind.PIXEL_UNSHUFFLE;
    }

    /**
     * The layer's spec, or empty when the checks common to every layer failed ({@code ok} false,
     * reported) or its required {@code factor} is missing (javac reports that).
     */
    static Optional<LayerSpec> spec(LayerDeclaration layer, boolean ok) {
        if (!ok) {
            return Optional.empty();
        }
        return layer.values().integer("factor").map(factor -> layer.kind() == LayerKind.PIXEL_SHUFFLE
                ? LayerSpec.pixelShuffle(layer.name(), factor) : LayerSpec.pixelUnshuffle(layer.name(), factor));
    }
}
