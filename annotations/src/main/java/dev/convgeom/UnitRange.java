package dev.convgeom;

/**
 * Which units of a feature map an input pixel corresponds to: the unit whose field is centred
 * nearest to it, and the rectangle of units whose receptive fields contain it.
 *
 * <p>Both are restricted to the units that exist. The nearest unit is clamped into the map; the
 * rectangle is empty ({@link #isEmpty()}) when no unit's field contains the pixel, which happens
 * for a pixel in a dropped border.
 *
 * @param nearestX column of the nearest unit
 * @param nearestY row of the nearest unit
 * @param firstX first column whose fields contain the pixel
 * @param firstY first row whose fields contain the pixel
 * @param lastX last column whose fields contain the pixel (inclusive)
 * @param lastY last row whose fields contain the pixel (inclusive)
 */
public record UnitRange(int nearestX, int nearestY, int firstX, int firstY, int lastX, int lastY) {

    /** Whether no unit's field contains the pixel. */
    public boolean isEmpty() {
        return firstX > lastX || firstY > lastY;
    }

    /** Number of units whose fields contain the pixel. */
    public long count() {
        return isEmpty() ? 0 : (long) (lastX - firstX + 1) * (lastY - firstY + 1);
    }
}
