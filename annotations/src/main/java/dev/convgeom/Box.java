package dev.convgeom;

/**
 * A rectangle of input pixels, bounds inclusive: the pixels from column {@code left} to column
 * {@code right} and from row {@code top} to row {@code bottom}.
 *
 * <p>A receptive field is reported unclipped, so its bounds may lie outside the image (in the
 * padding); {@link #clip(Size)} restricts it to the image. A box is never inverted: it spans at
 * least zero columns and zero rows ({@code right >= left - 1}, {@code bottom >= top - 1}). An
 * empty box ({@link #isEmpty()}) has no width or no height, and sits where the pixels it lost
 * were: the clipped field of a unit that sees only the padding before the image is the empty box
 * at column (or row) 0.
 *
 * @param left first column
 * @param top first row
 * @param right last column, at least {@code left - 1}
 * @param bottom last row, at least {@code top - 1}
 */
public record Box(int left, int top, int right, int bottom) {

    /**
     * Checks that the box is not inverted.
     *
     * @throws IllegalArgumentException if {@code right < left - 1} or {@code bottom < top - 1},
     *                                  naming the bounds
     */
    public Box {
        if ((long) right < (long) left - 1 || (long) bottom < (long) top - 1) {
            throw new IllegalArgumentException("an inverted box: left " + left + ", top " + top + ", right " + right
                    + ", bottom " + bottom + "; right must be at least left - 1 and bottom at least top - 1 (an empty"
                    + " box has width or height 0)");
        }
    }

    /** Number of columns, 0 for an empty box. */
    public int width() {
        return right - left + 1;
    }

    /** Number of rows, 0 for an empty box. */
    public int height() {
        return bottom - top + 1;
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
     * This box restricted to an image of {@code image.width() x image.height()} pixels. A box that
     * lies wholly outside the image along an axis becomes empty there, at the image's edge on the
     * side where it lay (column 0 or {@code width}), never inverted.
     *
     * @param image the image's size
     * @return the pixels of this box that exist
     */
    public Box clip(Size image) {
        return clipTo(image.width(), image.height());
    }

    /** {@link #clip(Size)} without the size object, for the layers' own clipping. */
    Box clipTo(long w, long h) {
        return new Box(clipStart(left, right, w), clipStart(top, bottom, h),
                clipEnd(left, right, w), clipEnd(top, bottom, h));
    }

    /** The first of [start, end] within [0, n), or where the empty remainder sits. */
    private static int clipStart(int start, int end, long n) {
        if (end < 0) {
            return 0;
        }
        return (int) Math.min(Math.max(start, 0), n);
    }

    private static int clipEnd(int start, int end, long n) {
        if (end < 0) {
            return -1;
        }
        return (int) Math.max(Math.min(end, n - 1), Math.min(Math.max(start, 0), n) - 1);
    }
}
