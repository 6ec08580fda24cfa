package dev.convgeom;

import java.util.Objects;

/**
 * The part of a layer's declaration that is not a window: the factors of an {@link Upsample}, the
 * output padding of a {@link Deconv}, the target and offsets of a {@link Crop}. Held by
 * {@link LayerSpec#resize()}; generated code builds it with the factories.
 *
 * @param factorX       the upsampling factor along the columns (1 but for {@code Upsample})
 * @param factorY       the upsampling factor along the rows (1 but for {@code Upsample})
 * @param bilinear      whether an {@code Upsample} interpolates bilinearly rather than copying the
 *                      nearest unit
 * @param coordinates   where an {@code Upsample} places its units on its input ({@code HALF_PIXEL}
 *                      but for a bilinear {@code Upsample} that says otherwise)
 * @param outputPadding units a {@code Deconv} adds after the last one, on both axes
 * @param like          the layer (or {@code "input"}) whose size a {@code Crop} takes; null otherwise
 * @param offsetX       the column of the cropped map where a {@code Crop} starts
 * @param offsetY       the row of the cropped map where a {@code Crop} starts
 * @param perX          the input columns that give {@code factorX} output columns: the factor is
 *                      {@code factorX / perX} (1: a whole factor; above {@code factorX}: a
 *                      shrinking)
 * @param perY          likewise for the rows
 */
public record Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                     String like, int offsetX, int offsetY, int perX, int perY) {

    /**
     * @throws IllegalArgumentException if a factor or a per is below 1, or the output padding or
     *                                  an offset is negative
     */
    public Resize {
        Objects.requireNonNull(coordinates, "coordinates");
        if (factorX < 1 || factorY < 1 || outputPadding < 0 || offsetY < 0 || offsetX < 0) {
            throw new IllegalArgumentException("factors " + factorX + ", " + factorY + " must be at least 1, output"
                    + " padding " + outputPadding + " and offsets x " + offsetX + ", y " + offsetY + " non-negative");
        }
        if (perX < 1 || perY < 1) {
            throw new IllegalArgumentException("pers x " + perX + ", y " + perY + " must be at least 1 (a per above"
                    + " its factor shrinks the map)");
        }
    }

    /** A resize without fractional factors (pers of 1). */
    public Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                  String like, int offsetX, int offsetY) {
        this(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, 1, 1);
    }

    /**
     * An {@link Upsample} by the exact factors {@code factorX / perX} along the columns and
     * {@code factorY / perY} along the rows, x before y as everywhere in the API.
     */
    public static Resize upsample(int factorX, int perX, int factorY, int perY, boolean bilinear,
                                  Upsample.Coordinates coordinates) {
        return new Resize(factorX, factorY, bilinear, coordinates, 0, null, 0, 0, perX, perY);
    }

    /** An {@link Upsample} by {@code factor} along both axes, nearest or bilinear. */
    public static Resize upsample(int factor, boolean bilinear) {
        return upsample(factor, factor, bilinear);
    }

    /**
     * An {@link Upsample} by {@code factorX} along the columns and {@code factorY} along the rows,
     * nearest or bilinear.
     */
    public static Resize upsample(int factorX, int factorY, boolean bilinear) {
        return upsample(factorX, factorY, bilinear, Upsample.Coordinates.HALF_PIXEL);
    }

    /** As {@link #upsample(int, int, boolean)}, the units placed by {@code coordinates}. */
    public static Resize upsample(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates) {
        return new Resize(factorX, factorY, bilinear, coordinates, 0, null, 0, 0);
    }

    /** A {@link Deconv}'s extra units after the last one ({@code outputPadding}); its window says the rest. */
    public static Resize deconv(int outputPadding) {
        return new Resize(1, 1, false, Upsample.Coordinates.HALF_PIXEL, outputPadding, null, 0, 0);
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
        return new Resize(1, 1, false, Upsample.Coordinates.HALF_PIXEL, 0, like, offsetX, offsetY);
    }

    /** Whether this is a crop's ({@link #like()} is set). */
    public boolean isCrop() {
        return like != null;
    }
}
