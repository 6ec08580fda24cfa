package dev.convgeom;

/**
 * A position, in the pixel (or unit) coordinates of an image or feature map: {@code x} is the
 * column, {@code y} the row, both counted from 0 at the centre of the first pixel. Coordinates
 * may be fractional (between pixels) and negative (in the padding), but never NaN or infinite.
 *
 * @param x column coordinate
 * @param y row coordinate
 */
public record Point(double x, double y) {

    /**
     * Checks that both coordinates are numbers.
     *
     * @throws IllegalArgumentException if a coordinate is NaN or infinite, naming it
     */
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException(Checks.notFinite("x", x, "y", y));
        }
    }
}
