package dev.convgeom;

/**
 * A rectangle of input pixels, bounds inclusive: the pixels from column {@code left} to column
 * {@code right} and from row {@code top} to row {@code bottom}.
 *
 * <p>A receptive field is reported unclipped, so its bounds may lie outside the image (in the
 * padding); {@link #clip(int, int)} restricts it to the image. A box with {@code left > right}
 * or {@code top > bottom} is empty: a unit that sees only padding has an empty clipped field.
 *
 * @param left first column
 * @param top first row
 * @param right last column
 * @param bottom last row
 */
public record Box(int left, int top, int right, int bottom) {

    /** Number of columns, 0 for an empty box. */
    public int width() {
        return Math.max(0, right - left + 1);
    }

    /** Number of rows, 0 for an empty box. */
    public int height() {
        return Math.max(0, bottom - top + 1);
    }

    /** Whether the box holds no pixel. */
    public boolean isEmpty() {
        return left > right || top > bottom;
    }

    /** Whether pixel ({@code x}, {@code y}) lies inside the box. */
    public boolean contains(int x, int y) {
        return x >= left && x <= right && y >= top && y <= bottom;
    }

    /**
     * This box restricted to an image of {@code height x width} pixels. The result is empty (see
     * {@link #isEmpty()}) when the box lies wholly outside the image.
     */
    public Box clip(int height, int width) {
        return new Box(Math.max(left, 0), Math.max(top, 0),
                Math.min(right, width - 1), Math.min(bottom, height - 1));
    }
}
