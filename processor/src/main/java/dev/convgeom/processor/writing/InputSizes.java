package dev.convgeom.processor.writing;

import dev.convgeom.NetworkSpec;
import dev.convgeom.Size;

/**
 * What the processor finds out about other input sizes at compile time, for Javadoc and the
 * manifest: the smallest input, and per axis the first exact sizes and their step when they form a
 * progression (as they do for every chain without SAME padding). Found once per network: on a graph
 * both are searches, which can take a noticeable part of a second when no exact size exists.
 *
 * @param minInputSize the smallest input every layer fits
 * @param rows         exact heights, or null when there is none in the int range
 * @param columns      exact widths, likewise
 */
public record InputSizes(Size minInputSize, Axis rows, Axis columns) {

    /**
     * The first three exact sizes along one axis.
     *
     * @param first  the first
     * @param second the second
     * @param third  the third
     */
    public record Axis(int first, int second, int third) {

        /** The step between exact sizes: {@code first + step * k}; 0 when they are not evenly spaced. */
        public int step() {
            return second - first == third - second ? second - first : 0;
        }

        /** {@code 227 + 32k (k >= 0)}, or {@code 5, 7, 8, ...}. */
        public String describe() {
            return step() > 0 ? first + " + " + step() + "k (k >= 0)" : first + ", " + second + ", " + third + ", ...";
        }
    }

    public static InputSizes of(NetworkSpec spec) {
        return new InputSizes(spec.minInputSize(), axis(spec, true), axis(spec, false));
    }

    /** {@code rows} or {@code columns}. */
    public Axis axis(boolean rows) {
        return rows ? this.rows : columns;
    }

    /** The exact sizes along one axis in words, or a sentence saying there is none. */
    public String describe(boolean rows) {
        Axis axis = axis(rows);
        return axis == null ? "none in the int range" : axis.describe();
    }

    private static Axis axis(NetworkSpec spec, boolean rows) {
        try {
            int a = next(spec, 1, rows);
            int b = next(spec, a + 1, rows);
            int c = next(spec, b + 1, rows);
            return new Axis(a, b, c);
        } catch (IllegalArgumentException | ArithmeticException none) {
            return null;
        }
    }

    private static int next(NetworkSpec spec, int from, boolean rows) {
        Size next = spec.nextExactSize(rows ? Size.of(1, from) : Size.of(from, 1));
        return rows ? next.height() : next.width();
    }
}
