package dev.convgeom;

/**
 * The part of a layer's declaration that is not a window: the factor of an {@link Upsample}, the
 * output padding of a {@link Deconv}, the target and offsets of a {@link Crop}. Held by
 * {@link LayerSpec#resize()}; generated code builds it with the factories.
 *
 * @param factor        the upsampling factor (1 but for {@code Upsample})
 * @param bilinear      whether an {@code Upsample} interpolates bilinearly rather than copying the
 *                      nearest unit
 * @param outputPadding units a {@code Deconv} adds after the last one, on both axes
 * @param like          the layer (or {@code "input"}) whose size a {@code Crop} takes; null otherwise
 * @param offsetX       the column of the cropped map where a {@code Crop} starts
 * @param offsetY       the row of the cropped map where a {@code Crop} starts
 */
public record Resize(int factor, boolean bilinear, int outputPadding, String like, int offsetX, int offsetY) {

    /**
     * @throws IllegalArgumentException if the factor is below 1 or the output padding or an
     *                                  offset is negative
     */
    public Resize {
        if (factor < 1 || outputPadding < 0 || offsetY < 0 || offsetX < 0) {
            throw new IllegalArgumentException("factor " + factor + " must be at least 1, output padding "
                    + outputPadding + " and offsets x " + offsetX + ", y " + offsetY + " non-negative");
        }
    }

    /** An {@link Upsample} by {@code factor} along both axes, nearest or bilinear. */
    public static Resize upsample(int factor, boolean bilinear) {
        return new Resize(factor, bilinear, 0, null, 0, 0);
    }

    /** A {@link Deconv}'s extra units after the last one ({@code outputPadding}); its window says the rest. */
    public static Resize deconv(int outputPadding) {
        return new Resize(1, false, outputPadding, null, 0, 0);
    }

    /**
     * A {@link Crop} to the size of {@code like}, starting at column {@code offsetX} and row
     * {@code offsetY} of the cropped map (offsets computed at compile time): x before y, as
     * everywhere in the API.
     */
    public static Resize crop(String like, int offsetX, int offsetY) {
        if (like == null) {
            throw new IllegalArgumentException("a crop needs the layer whose size it takes");
        }
        return new Resize(1, false, 0, like, offsetX, offsetY);
    }

    /** Whether this is a crop's ({@link #like()} is set). */
    public boolean isCrop() {
        return like != null;
    }
}
