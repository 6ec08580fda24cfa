package dev.convgeom.importer.onnx;

/**
 * A Pad of a map in channels-last layout (N x H x W x C, after a Transpose): Swin pads its map to
 * whole windows there, with {@code F.pad(x, (0, 0, 0, right, 0, bottom))}. Padding the rows and
 * columns is the same whichever axis holds the channels, so it is the {@code @Pad} of the map in
 * convgeom's layout; only the pads' order differs.
 */
final class ChannelsLastPad {

    private ChannelsLastPad() {
    }

    /**
     * ONNX pads {@code [n, h, w, c, n', h', w', c']} of an N x H x W x C tensor reordered as the
     * N x C x H x W tensor's {@code [n, c, h, w, n', c', h', w']}, which the Pad of a feature map
     * checks (nothing on the batch and channel axes); any other length is returned unchanged, to be
     * refused there.
     */
    static long[] asChannelsFirst(long[] pads) {
        if (pads.length != 8) {
            return pads;
        }
        return new long[] {pads[0], pads[3], pads[1], pads[2], pads[4], pads[7], pads[5], pads[6]};
    }
}
