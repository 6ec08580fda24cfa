package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.shape;

/**
 * The channels and size rules of a pixel shuffle and its inverse, whose spatial geometry is
 * another kind's: {@link LayerKind#PIXEL_SHUFFLE} is a nearest upsampling by its factor
 * {@code r} (half-pixel coordinates: output unit {@code v} copies input unit {@code floor(v / r)},
 * see {@link Sampling}) that turns {@code C} channels into {@code C / r^2};
 * {@link LayerKind#PIXEL_UNSHUFFLE} is an {@code r x r} window with stride {@code r} and no
 * padding ({@link WindowAxis}) that turns {@code C} channels into {@code C r^2}. What is checked
 * here is what the formulas of those kinds do not know: the shuffle's channels must divide by
 * {@code r^2}, and the unshuffle's rows and columns by {@code r}, as PyTorch and ONNX require.
 */
public final class PixelShuffleStep {

    private PixelShuffleStep() {
    }

    /** The factor {@code r} of a pixel shuffle or unshuffle: its upsampling factor or its window's kernel. */
    public static long factor(LayerSpec layer) {
        return layer.kind() == LayerKind.PIXEL_UNSHUFFLE ? layer.window(Axis.Y).kernel() : layer.extras().factorX();
    }

    /**
     * Whether a pixel unshuffle's input of {@code n} units along {@code axis} is whole blocks: a
     * multiple of its factor. True for every other kind.
     */
    public static boolean fits(LayerSpec layer, Axis axis, long n) {
        return layer.kind() != LayerKind.PIXEL_UNSHUFFLE || n % factor(layer) == 0;
    }

    /**
     * Whether layer {@code index} fits its input {@code in} (read from map {@code source}); reports
     * each axis of a pixel unshuffle that is not whole blocks, at its factor.
     */
    static boolean fits(NetworkSoFar soFar, int index, LayerSpec layer, int source, ComputedLayer in) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            long n = in.axis(axis).size();
            if (!fits(layer, axis, n)) {
                long r = factor(layer);
                long below = n / r * r;
                soFar.report(index, Param.FACTOR, axis, GeometryMessage.UNSHUFFLE_INDIVISIBLE, layer.name(), r,
                        axis.extent(), n, shape(in), soFar.source(source), r, r,
                        below > 0 ? "an input " + axis.extent() + " of " + below + " or " + (below + r)
                                : "an input " + axis.extent() + " of " + r);
                fits = false;
            }
        }
        return fits;
    }

    /**
     * The channels layer {@code index} puts out from its input {@code in} (read from map
     * {@code source}): {@code C / r^2} for a pixel shuffle (reported where {@code r^2} does not
     * divide them, and then unknown), {@code C r^2} for an unshuffle, {@code C} for every other kind.
     */
    static long channels(NetworkSoFar soFar, int index, LayerSpec layer, int source, ComputedLayer in) {
        if (!in.hasChannels() || layer.kind() != LayerKind.PIXEL_SHUFFLE && layer.kind() != LayerKind.PIXEL_UNSHUFFLE) {
            return in.channels();
        }
        long r = factor(layer);
        long block = Math.multiplyExact(r, r);
        if (layer.kind() == LayerKind.PIXEL_UNSHUFFLE) {
            return Math.multiplyExact(in.channels(), block);
        }
        if (in.channels() % block != 0) {
            long c = in.channels();
            soFar.report(index, Param.FACTOR, null, GeometryMessage.SHUFFLE_CHANNELS_INDIVISIBLE, layer.name(), r,
                    c, shape(in), soFar.source(source), r, r, block,
                    c / block > 0 ? c / block * block + " or " + (c / block * block + block) : Long.toString(block));
            return ComputedLayer.UNKNOWN_CHANNELS;
        }
        return in.channels() / block;
    }
}
