package dev.convgeom;

/**
 * The spatial size of an image or a feature map: width and height, in that order.
 *
 * <p>convgeom names every pair of spatial values in one order, x before y and width before height
 * (as {@code java.awt.Dimension}, OpenCV's {@code Size} and most image libraries do): points are
 * {@code (x, y)} and sizes are {@code Size.of(width, height)}. Methods take a {@code Size} rather
 * than two {@code int}s so that a swapped pair cannot silently give a transposed answer: a 640x480
 * landscape image is {@code Size.of(640, 480)} wherever a size is asked for.
 *
 * @param width columns, at least 1
 * @param height rows, at least 1
 */
public record Size(int width, int height) {

    /**
     * Checks both dimensions.
     *
     * @throws IllegalArgumentException if either dimension is below 1, naming it
     */
    public Size {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, was " + height);
        }
    }

    /**
     * A size of {@code width} columns and {@code height} rows.
     *
     * @param width columns, at least 1
     * @param height rows, at least 1
     * @return the size
     * @throws IllegalArgumentException if either dimension is below 1
     */
    public static Size of(int width, int height) {
        return new Size(width, height);
    }

    /**
     * A square size.
     *
     * @param side columns and rows, at least 1
     * @return the size {@code side x side}
     * @throws IllegalArgumentException if {@code side} is below 1
     */
    public static Size square(int side) {
        return new Size(side, side);
    }

    /** {@code WxH}, width first, as image sizes are usually written ({@code 640x480}). */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
