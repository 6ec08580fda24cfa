package dev.convgeom;

/**
 * The geometry of one feature map along one axis (rows or columns), in input pixels.
 *
 * <p>Unit {@code u} of the map is centred on input coordinate {@code center + jump * u} and sees
 * the input pixels {@code lo + jump * u} to {@code hi + jump * u}, inclusive. The field is not
 * clipped to the image: near a border it reaches into the padding.
 *
 * <p>Generated code creates these with literals computed at compile time; the methods are a few
 * arithmetic instructions each.
 *
 * @param inputSize size of the network input along this axis, in pixels
 * @param size      number of units of this map along this axis
 * @param jump      distance in input pixels between the fields of neighbouring units (the
 *                  effective stride)
 * @param center    input coordinate of the centre of unit 0's field
 * @param lo        input coordinate of the first pixel of unit 0's field
 * @param hi        input coordinate of the last pixel of unit 0's field
 */
public record AxisGeometry(int inputSize, int size, double jump, double center, int lo, int hi) {

    /** Receptive-field size in pixels, {@code hi - lo + 1}. */
    public int rf() {
        return hi - lo + 1;
    }

    /** Input coordinate of the centre of unit {@code u}'s field ({@code u} may be fractional). */
    public double toInput(double u) {
        return center + jump * u;
    }

    /** The (fractional) unit whose field is centred on input coordinate {@code p}. */
    public double fromInput(double p) {
        return (p - center) / jump;
    }

    /** First input pixel of unit {@code u}'s field, unclipped. */
    public int fieldStart(int u) {
        // Whole jumps (every chain) take int arithmetic, as hand-written code would: measured
        // 2.4x faster than the double form (BENCHMARKS.md). On a constant the test folds away.
        int whole = (int) jump;
        return whole == jump ? lo + whole * u : (int) (lo + jump * u);
    }

    /** Last input pixel of unit {@code u}'s field, unclipped. */
    public int fieldEnd(int u) {
        int whole = (int) jump;
        return whole == jump ? hi + whole * u : (int) (hi + jump * u);
    }

    /** The unit whose field centre is nearest to input coordinate {@code p}, clamped into the map. */
    public int nearestUnit(double p) {
        double nearest = Math.floor((p - center) / jump + 0.5);
        return (int) Math.max(0, Math.min(nearest, size - 1));
    }

    /**
     * The first unit whose field contains input coordinate {@code p}; greater than
     * {@link #lastUnitContaining(double)} when there is none.
     */
    public int firstUnitContaining(double p) {
        double first = Math.ceil((p - hi) / jump);
        return first <= 0 ? 0 : (int) Math.min(first, size);
    }

    /**
     * The last unit whose field contains input coordinate {@code p}; less than
     * {@link #firstUnitContaining(double)} when there is none.
     */
    public int lastUnitContaining(double p) {
        double last = Math.floor((p - lo) / jump);
        return last < 0 ? -1 : (int) Math.min(last, size - 1);
    }
}
