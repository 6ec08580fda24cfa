package dev.convgeom;

import java.util.Objects;

/**
 * An exact affine map between the unit coordinates of two feature maps along one axis:
 * {@code u' = scale * u + offset}.
 *
 * <p>Every map's units are placed in the input frame by {@code centre + jump * u}, so any two
 * maps convert into each other by an affine map with rational coefficients, whether or not they
 * lie on one path of the network ({@link AxisGeometry#mapTo(AxisGeometry)}). Keeping the
 * coefficients exact lets maps be inverted and chained without rounding; only {@link #apply}
 * works in {@code double}.
 *
 * @param scale  units of the target per unit of the source (the ratio of the jumps); never 0
 * @param offset the target coordinate of the source's unit 0
 */
public record AxisMap(Ratio scale, Ratio offset) {

    private static final AxisMap IDENTITY = new AxisMap(Ratio.of(1), Ratio.of(0));

    /**
     * @throws NullPointerException     if either coefficient is null
     * @throws IllegalArgumentException if {@code scale} is 0: such a map could not be inverted, and
     *                                  no two feature maps relate that way
     */
    public AxisMap {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(offset, "offset");
        if (scale.signum() == 0) {
            throw new IllegalArgumentException("an axis map needs a non-zero scale, got u' = 0 u + " + offset);
        }
    }

    /** The map that changes nothing, {@code u' = 1 u + 0}. */
    public static AxisMap identity() {
        return IDENTITY;
    }

    /** The image of {@code u} (fractional, possibly outside the target map). */
    public double apply(double u) {
        return offset.doubleValue() + scale.doubleValue() * u;
    }

    /** The map back from the target to the source: {@code u = (u' - offset) / scale}. */
    public AxisMap inverse() {
        return new AxisMap(Ratio.of(1).dividedBy(scale), offset.negate().dividedBy(scale));
    }

    /**
     * This map followed by {@code next}: for maps A to B ({@code this}) and B to C ({@code next}),
     * the map from A to C.
     */
    public AxisMap then(AxisMap next) {
        return new AxisMap(next.scale.times(scale), next.scale.times(offset).plus(next.offset));
    }

    /** {@code u' = 1/2 u + 3/4}, or {@code u' = 2 u - 3} for a negative offset. */
    @Override
    public String toString() {
        return "u' = " + scale + " u " + (offset.signum() < 0 ? "- " + offset.negate() : "+ " + offset);
    }
}
