package dev.convgeom.importer.model;

import java.util.List;

/**
 * The largest product of strides along any path from the input to a layer, per axis: how many
 * input pixels the coarsest map of a network steps per unit when every strided layer divides its
 * input exactly (32 for a ResNet, 128 for RetinaNet's P7). Upsampling is not divided out: this is
 * the coarsest downsampling, which decides at which input sizes every level halves exactly.
 */
public final class TotalStride {

    private TotalStride() {
    }

    /**
     * {rows, columns} of {@code layers} (a whole network or the layers before a refusal); {1, 1}
     * for none.
     */
    public static long[] of(List<ImportedLayer> layers) {
        long[][] product = new long[layers.size()][];
        long[] most = {1, 1};
        for (int i = 0; i < layers.size(); i++) {
            ImportedLayer layer = layers.get(i);
            long[] in = {1, 1};
            for (int f : layer.from()) {
                if (f >= 0) {
                    in[0] = Math.max(in[0], product[f][0]);
                    in[1] = Math.max(in[1], product[f][1]);
                }
            }
            boolean strided = switch (layer.kind()) {
                case CONV, MAX_POOL, AVG_POOL, PIXEL_UNSHUFFLE -> layer.y() != null && layer.x() != null;
                default -> false;
            };
            // Capped: a product past any image size says nothing more about which sizes divide.
            product[i] = strided
                    ? new long[] {Math.min(1L << 30, in[0] * layer.y().stride()),
                            Math.min(1L << 30, in[1] * layer.x().stride())}
                    : in;
            most[0] = Math.max(most[0], product[i][0]);
            most[1] = Math.max(most[1], product[i][1]);
        }
        return most;
    }
}
