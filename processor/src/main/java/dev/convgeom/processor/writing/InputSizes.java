package dev.convgeom.processor.writing;

import dev.convgeom.NetworkSpec;
import dev.convgeom.Size;

/**
 * What the processor finds out about other input sizes at compile time, for Javadoc and the
 * manifest: the smallest input, and per axis the first exact sizes and their step when they form a
 * progression (as they do for every chain without SAME padding). Found once per network: on a graph
 * both are searches, which can take a noticeable part of a second when no exact size exists.
 *
 * @param minInputSize the smallest input every layer fits, or null when none within the bounded
 *                     search does (a graph whose windows need more rows or columns than it tries;
 *                     the declared size, beyond the search, fits)
 * @param rows         exact heights, or null when the bounded search found none
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

    /**
     * Asks {@code spec} for its smallest input and its first three exact sizes per axis.
     * {@link NetworkSpec#nextExactSize} answers for both axes at once, and fails when either has no
     * exact size from where it starts; an axis counts as having exact sizes only when its three
     * searches succeed while the other axis, asked from 1, does too. The searches are asked for
     * both axes together while both succeed (three questions, not one per axis and size, each
     * repeating the other axis's longest search from 1), and for each axis alone only after a
     * failure, so the answers are those of asking each axis alone.
     */
    public static InputSizes of(NetworkSpec spec) {
        Axis[] axes = axes(spec);
        return new InputSizes(minInputSize(spec), axes[0], axes[1]);
    }

    /**
     * The spec's smallest input, or null where its bounded search finds none: on a graph the
     * search walks sizes from 1 upwards, a limited number of them, and a window wider than that
     * (a fully connected layer over a very tall map) fits only beyond it. Guessing (the declared
     * size is not the smallest) would print a wrong number; failing would stop a valid network.
     */
    private static Size minInputSize(NetworkSpec spec) {
        try {
            return spec.minInputSize();
        } catch (IllegalArgumentException beyondTheSearch) {
            return null;
        }
    }

    /** {@code rows} or {@code columns}. */
    public Axis axis(boolean rows) {
        return rows ? this.rows : columns;
    }

    /** The exact sizes along one axis in words, or a sentence saying there is none. */
    public String describe(boolean rows) {
        Axis axis = axis(rows);
        // The search is bounded (NetworkSpec#nextExactSize), so "none" claims only what it tried.
        return axis == null ? "none found (the search tries up to 2^22 / layers sizes, at least 1024, per axis)"
                : axis.describe();
    }

    /** {@code {rows, columns}}, each null where it has no three exact sizes. */
    private static Axis[] axes(NetworkSpec spec) {
        int[] heights = new int[3];
        int[] widths = new int[3];
        Size first = next(spec, 1, 1);
        if (first == null) {
            return new Axis[2];     // an axis failed from 1: each axis alone fails with it
        }
        heights[0] = first.height();
        widths[0] = first.width();
        boolean rows = true;
        boolean columns = true;
        for (int k = 1; k < 3; k++) {
            Size both = rows && columns ? next(spec, widths[k - 1] + 1, heights[k - 1] + 1) : null;
            if (both != null) {
                heights[k] = both.height();
                widths[k] = both.width();
                continue;
            }
            // One axis failed, or an axis has failed before: each alone, the other from 1 (which fits).
            Size row = rows ? next(spec, 1, heights[k - 1] + 1) : null;
            Size column = columns ? next(spec, widths[k - 1] + 1, 1) : null;
            rows = row != null;
            columns = column != null;
            heights[k] = rows ? row.height() : 0;
            widths[k] = columns ? column.width() : 0;
        }
        return new Axis[] {rows ? new Axis(heights[0], heights[1], heights[2]) : null,
                columns ? new Axis(widths[0], widths[1], widths[2]) : null};
    }

    /** The next exact size from {@code width} x {@code height}, or null when either axis has none. */
    private static Size next(NetworkSpec spec, int width, int height) {
        try {
            return spec.nextExactSize(Size.of(width, height));
        } catch (IllegalArgumentException | ArithmeticException none) {
            return null;
        }
    }
}
