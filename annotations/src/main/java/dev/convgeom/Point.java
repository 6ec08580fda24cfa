package dev.convgeom;

/**
 * A position, in the pixel (or unit) coordinates of an image or feature map: {@code x} is the
 * column, {@code y} the row, both counted from 0 at the centre of the first pixel. Coordinates
 * may be fractional (between pixels) and negative (in the padding).
 *
 * @param x column coordinate
 * @param y row coordinate
 */
public record Point(double x, double y) {
}
