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
 *                      but for an {@code Upsample} that says otherwise)
 * @param outputPadding units a {@code Deconv} adds after the last one, on both axes
 * @param like          the layer (or {@code "input"}) whose size a {@code Crop} takes; null otherwise
 * @param offsetX       the column of the cropped map where a {@code Crop} starts
 * @param offsetY       the row of the cropped map where a {@code Crop} starts
 * @param perX          the input columns that give {@code factorX} output columns: the factor is
 *                      {@code factorX / perX} (1: a whole factor; above {@code factorX}: a
 *                      shrinking)
 * @param perY          likewise for the rows
 * @param rounding      which unit a nearest {@code Upsample} copies ({@code ROUND_PREFER_FLOOR} otherwise)
 * @param cubic         whether an {@code Upsample} interpolates cubically ({@link Upsample.Mode#CUBIC}; then
 *                      {@code bilinear} is false)
 * @param cubicCoefficient a cubic {@code Upsample}'s {@link Upsample#cubicCoefficient()} (-0.75 otherwise)
 * @param excludeOutside   a cubic {@code Upsample}'s {@link Upsample#excludeOutside()} (false otherwise)
 * @param roi           the region a {@link Upsample.Coordinates#CROP_AND_RESIZE} {@code Upsample} stretches,
 *                      {@code {startX, endX, startY, endY}} ({@link Upsample#roiX()}, {@link Upsample#roiY()},
 *                      each an exact double); empty for the whole map and for every other resize
 */
public record Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                     String like, int offsetX, int offsetY, int perX, int perY, Upsample.Rounding rounding,
                     boolean cubic, double cubicCoefficient, boolean excludeOutside, java.util.List<Double> roi) {

    /**
     * @throws IllegalArgumentException if a factor or a per is below 1, the output padding or
     *                                  an offset is negative, or a cubic resize is also bilinear or
     *                                  has a coefficient {@link Upsample#cubicCoefficient()} refuses
     */
    public Resize {
        if (cubic && (bilinear || !dev.convgeom.engine.CubicKernel.accepts(cubicCoefficient))) {
            throw new IllegalArgumentException("a cubic resize is not bilinear, and its coefficient "
                    + cubicCoefficient + " is a multiple of 1/1024 from -2 to 0");
        }
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(rounding, "rounding");
        roi = java.util.List.copyOf(roi);
        if (!roi.isEmpty() && (roi.size() != 4 || coordinates != Upsample.Coordinates.CROP_AND_RESIZE)) {
            throw new IllegalArgumentException("a region of interest is {startX, endX, startY, endY}, of a"
                    + " CROP_AND_RESIZE upsampling, got " + roi + " with " + coordinates);
        }
        if (!roi.isEmpty()) {
            dev.convgeom.engine.CropRegion.of(roi.get(0), roi.get(1), roi.get(2), roi.get(3)); // checks the bounds
        }
        if (factorX < 1 || factorY < 1 || outputPadding < 0 || offsetY < 0 || offsetX < 0) {
            throw new IllegalArgumentException("factors " + factorX + ", " + factorY + " must be at least 1, output"
                    + " padding " + outputPadding + " and offsets x " + offsetX + ", y " + offsetY + " non-negative");
        }
        if (perX < 1 || perY < 1) {
            throw new IllegalArgumentException("pers x " + perX + ", y " + perY + " must be at least 1 (a per above"
                    + " its factor shrinks the map)");
        }
    }

    /** A resize that crops no region of interest ({@link #roi()} empty). */
    public Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                  String like, int offsetX, int offsetY, int perX, int perY, Upsample.Rounding rounding,
                  boolean cubic, double cubicCoefficient, boolean excludeOutside) {
        this(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, perX, perY, rounding,
                cubic, cubicCoefficient, excludeOutside, java.util.List.of());
    }

    /**
     * This resize, a {@link Upsample.Coordinates#CROP_AND_RESIZE} upsampling, stretching the region
     * {@code [startX, endX]} of the columns and {@code [startY, endY]} of the rows (fractions of the
     * input, {@link Upsample#roiX()}).
     *
     * @throws IllegalArgumentException if the coordinates are others, or a bound is not one
     *                                  {@link Upsample#roiX()} takes
     */
    public Resize withRoi(double startX, double endX, double startY, double endY) {
        return new Resize(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, perX, perY,
                rounding, cubic, cubicCoefficient, excludeOutside, java.util.List.of(startX, endX, startY, endY));
    }

    /** A resize that is no cubic upsampling. */
    public Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                  String like, int offsetX, int offsetY, int perX, int perY, Upsample.Rounding rounding) {
        this(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, perX, perY, rounding,
                false, -0.75, false);
    }

    /**
     * This resize, an upsampling, made cubic with coefficient {@code a} ({@link Upsample#cubicCoefficient()})
     * and {@link Upsample#excludeOutside()}.
     */
    public Resize withCubic(double a, boolean excludeOutside) {
        return new Resize(factorX, factorY, false, coordinates, outputPadding, like, offsetX, offsetY, perX, perY,
                rounding, true, a, excludeOutside, roi);
    }

    /** A resize whose nearest upsampling (if any) rounds as ONNX does by default. */
    public Resize(int factorX, int factorY, boolean bilinear, Upsample.Coordinates coordinates, int outputPadding,
                  String like, int offsetX, int offsetY, int perX, int perY) {
        this(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, perX, perY,
                Upsample.Rounding.ROUND_PREFER_FLOOR);
    }

    /** This resize with a nearest upsampling's {@code rounding}. */
    public Resize withRounding(Upsample.Rounding rounding) {
        return new Resize(factorX, factorY, bilinear, coordinates, outputPadding, like, offsetX, offsetY, perX, perY,
                rounding, cubic, cubicCoefficient, excludeOutside, roi);
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
