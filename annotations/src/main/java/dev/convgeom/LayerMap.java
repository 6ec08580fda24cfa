package dev.convgeom;

import java.util.Objects;

/**
 * The exact map from the units of one layer's output to the units of another's, both axes:
 * the unit of {@link #to()} that looks at the same input location as a unit of {@link #from()}.
 * {@link LayerGeometry#mappingTo(LayerGeometry)} makes one; the two layers need not lie on one
 * path of the network.
 *
 * <pre>{@code
 * LayerMap m = FcnGeometry.SCORE_POOL4.mappingTo(FcnGeometry.UPSCORE2);
 * Point p = m.apply(3, 4);    // column, row of UPSCORE2
 * }</pre>
 *
 * @param from the source layer's name
 * @param to   the target layer's name
 * @param y    the map along the rows
 * @param x    the map along the columns
 */
public record LayerMap(String from, String to, AxisMap y, AxisMap x) {

    /** @throws NullPointerException if any component is null */
    public LayerMap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(x, "x");
    }

    /** The position in {@link #to()} of unit ({@code x}, {@code y}) of {@link #from()} (column, row). */
    public Point apply(double x, double y) {
        return new Point(this.x.apply(x), this.y.apply(y));
    }

    /** The map in the other direction, from {@link #to()} to {@link #from()}. */
    public LayerMap inverse() {
        return new LayerMap(to, from, y.inverse(), x.inverse());
    }

    /** This map followed by {@code next}, whose {@link #from()} should be this map's {@link #to()}. */
    public LayerMap then(LayerMap next) {
        if (!next.from.equals(to)) {
            throw new IllegalArgumentException("cannot follow a map to '" + to + "' by one from '" + next.from + "'");
        }
        return new LayerMap(from, next.to, y.then(next.y), x.then(next.x));
    }

    /** {@code conv5 -> pool5: y u' = 1/2 u - 1/2, x u' = 1/2 u - 1/2}. */
    @Override
    public String toString() {
        return from + " -> " + to + ": y " + y + ", x " + x;
    }
}
