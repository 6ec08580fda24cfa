package dev.convgeom;

/**
 * Which units of a feature map an input pixel corresponds to: the unit whose field is centred
 * nearest to it, and the rectangle of units whose receptive fields contain it.
 *
 * <p>Both are restricted to the units that exist. The nearest unit is clamped into the map; the
 * rectangle is empty ({@link #isEmpty()}) when no unit's field contains the pixel, which happens
 * for a pixel in a dropped border or in a gap between windows. Like a {@link Box}, the rectangle
 * is never inverted: an empty run has {@code last = first - 1}.
 *
 * @param nearestX column of the nearest unit
 * @param nearestY row of the nearest unit
 * @param firstX first column whose fields contain the pixel
 * @param firstY first row whose fields contain the pixel
 * @param lastX last column whose fields contain the pixel (inclusive), at least {@code firstX - 1}
 * @param lastY last row whose fields contain the pixel (inclusive), at least {@code firstY - 1}
 */
public record UnitRange(int nearestX, int nearestY, int firstX, int firstY, int lastX, int lastY) {

    /**
     * Checks that the rectangle is not inverted.
     *
     * @throws IllegalArgumentException if {@code lastX < firstX - 1} or {@code lastY < firstY - 1}
     */
    public UnitRange {
        if ((long) lastX < (long) firstX - 1 || (long) lastY < (long) firstY - 1) {
            throw new IllegalArgumentException("an inverted unit range: columns " + firstX + ".." + lastX + ", rows "
                    + firstY + ".." + lastY + "; an empty run has last = first - 1");
        }
    }

    /**
     * The range on a map of {@code width} by {@code height} units, from the units an input pixel
     * gives before they are restricted to the map: the nearest unit clamped into it, the first
     * unit containing the pixel at least 0 and at most {@code width} (or {@code height}), the last
     * at least -1 and at most {@code width - 1}, as {@link LayerGeometry#mapFromInput} restricts
     * them. Generated mapping code computes the six with literal arithmetic and calls this.
     *
     * @param nearestX column of the nearest unit, unclamped
     * @param nearestY row of the nearest unit, unclamped
     * @param firstX   first column whose fields contain the pixel, unclamped
     * @param firstY   first row whose fields contain the pixel, unclamped
     * @param lastX    last column whose fields contain the pixel, unclamped
     * @param lastY    last row whose fields contain the pixel, unclamped
     * @param width    the map's width in units
     * @param height   the map's height in units
     * @return the range, restricted to the map
     * @throws IllegalArgumentException if the rectangle is inverted (see {@link UnitRange})
     */
    public static UnitRange onMap(double nearestX, double nearestY, double firstX, double firstY, double lastX,
                                  double lastY, int width, int height) {
        return new UnitRange((int) Math.max(0, Math.min(nearestX, width - 1)),
                (int) Math.max(0, Math.min(nearestY, height - 1)),
                firstX <= 0 ? 0 : (int) Math.min(firstX, width), firstY <= 0 ? 0 : (int) Math.min(firstY, height),
                lastX < 0 ? -1 : (int) Math.min(lastX, width - 1), lastY < 0 ? -1 : (int) Math.min(lastY, height - 1));
    }

    /** Whether no unit's field contains the pixel. */
    public boolean isEmpty() {
        return firstX > lastX || firstY > lastY;
    }

    /** Number of units whose fields contain the pixel. */
    public long count() {
        return isEmpty() ? 0 : (long) (lastX - firstX + 1) * (lastY - firstY + 1);
    }
}
