package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;

/**
 * An {@code Expand} of a statistic over the channels (one channel per unit) back to the channels of
 * its map: torch's {@code F.normalize(x)}, which SSD's VGG body applies to conv4_3, divides {@code x}
 * by its L2 norm over the channels, exported as {@code ReduceL2}, {@code Clip}, {@code Expand} to
 * {@code x}'s shape and {@code Div}. Expanding only the channel axis copies each unit's statistic
 * across the channels at the same row and column, which is what the broadcast in the {@code Div}
 * would do anyway: the units it reads are unchanged.
 */
final class ChannelBroadcast {

    private ChannelBroadcast() {
    }

    /**
     * Whether expanding a {@code 1 x 1 x H x W} statistic of {@code map} to {@code target} (ONNX's
     * bidirectional broadcast) gives {@code 1 x C' x H x W}: the rows and columns kept, only the
     * channel axis widened.
     */
    static boolean keepsRowsAndColumns(long[] target, Shape map) {
        long[] in = {1, 1, map.height(), map.width()};
        if (target.length > 4) {
            return false;
        }
        long[] out = in.clone();
        for (int i = 0; i < target.length; i++) {
            int axis = 4 - target.length + i;
            long t = target[i];
            if (t != 1 && in[axis] != 1 && t != in[axis]) {
                return false;
            }
            out[axis] = in[axis] == 1 ? t : in[axis];
        }
        return out[0] == 1 && out[1] >= 1 && out[2] == map.height() && out[3] == map.width();
    }
}
