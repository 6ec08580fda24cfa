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
     * Why a Pad of a channels-last map cannot be declared, in that map's own axis order (the pads as
     * the node states them, begins then ends of N, H, W, C), or null when it pads only the rows and
     * columns, by amounts of zero or more.
     */
    static String refusal(long[] pads) {
        String stated = java.util.Arrays.toString(pads);
        if (pads.length != 8) {
            return "pads " + stated + " of a channels-last map (N x H x W x C): 8 values expected, the begins and"
                    + " ends of its four axes";
        }
        if (pads[0] != 0 || pads[4] != 0 || pads[3] != 0 || pads[7] != 0) {
            return "pads " + stated + " of a channels-last map (N x H x W x C) pad the "
                    + (pads[3] != 0 || pads[7] != 0 ? "channels (axis 3)" : "batch (axis 0)")
                    + "; only its rows and columns (axes 1 and 2) are declared, as a @Pad";
        }
        for (long v : pads) {
            if (v < 0) {
                return "negative pads " + stated + " of a channels-last map (N x H x W x C) crop; not supported";
            }
        }
        return null;
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
