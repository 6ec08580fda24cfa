package dev.convgeom.processor.writing;

import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;

/**
 * The input sizes a network tiles exactly, found at compile time for Javadoc and the manifest:
 * the first three per axis, and their step when they form a progression (as they do for every
 * chain without SAME padding).
 */
final class ExactSizes {

    /** First exact size and step along one axis; step 0 when the sizes are not evenly spaced. */
    record Progression(int first, int step) {
    }

    private ExactSizes() {
    }

    /** The exact sizes along rows or columns, or null when there is none in the int range. */
    static Progression of(NetworkSpec spec, boolean rows) {
        try {
            int a = next(spec, 1, rows);
            int b = next(spec, a + 1, rows);
            int c = next(spec, b + 1, rows);
            return new Progression(a, b - a == c - b ? b - a : 0);
        } catch (IllegalArgumentException | ArithmeticException none) {
            return null;
        }
    }

    /** {@code 227 + 32k (k >= 0)}, or {@code 5, 7, 8, ...}, or a sentence saying there is none. */
    static String describe(NetworkSpec spec, boolean rows) {
        Progression p = of(spec, rows);
        if (p == null) {
            return "none in the int range";
        }
        if (p.step() > 0) {
            return p.first() + " + " + p.step() + "k (k >= 0)";
        }
        int second = next(spec, p.first() + 1, rows);
        int third = next(spec, second + 1, rows);
        return p.first() + ", " + second + ", " + third + ", ...";
    }

    private static int next(NetworkSpec spec, int from, boolean rows) {
        Shape next = rows ? spec.nextExactSize(from, 1) : spec.nextExactSize(1, from);
        return rows ? next.height() : next.width();
    }
}
