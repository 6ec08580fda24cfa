package dev.convgeom.benchmarks.mapping;

import dev.convgeom.Box;
import dev.convgeom.Point;
import dev.convgeom.UnitRange;

/**
 * The baseline the generated code is held to: the final layer's mappings written by hand, with the
 * network's numbers as literals, the way a careful person would write them after working the
 * geometry out on paper. Same formulas as {@code AxisGeometry} (so the results are identical,
 * which {@code VariantsAgreeTest} checks), same result types.
 *
 * <p>The literals are those of the final layer ({@code relu19}, {@code relu199}) of the synthetic
 * chains {@code Net20} (56x56, jump 4, centre 1.5, rows -9..12, columns -12..15 for unit 0) and
 * {@code Net200} (7x7, jump 32, centre 15.5, rows -2013..2044, columns -2524..2555).
 */
public final class HandWritten {

    private HandWritten() {
    }

    /** {@code Net20}'s final layer by hand. */
    public static final class Net20 {

        private Net20() {
        }

        public static Point mapToInput(double x, double y) {
            return new Point(1.5 + 4.0 * x, 1.5 + 4.0 * y);
        }

        public static Box receptiveField(int x, int y) {
            return new Box(-12 + 4 * x, -9 + 4 * y, 15 + 4 * x, 12 + 4 * y);
        }

        public static UnitRange mapFromInput(double x, double y) {
            double nearestX = Math.floor((x - 1.5) / 4.0 + 0.5);
            double nearestY = Math.floor((y - 1.5) / 4.0 + 0.5);
            double firstX = Math.ceil((x - 15) / 4.0);
            double firstY = Math.ceil((y - 12) / 4.0);
            double lastX = Math.floor((x + 12) / 4.0);
            double lastY = Math.floor((y + 9) / 4.0);
            return new UnitRange(
                    (int) Math.max(0, Math.min(nearestX, 55)),
                    (int) Math.max(0, Math.min(nearestY, 55)),
                    firstX <= 0 ? 0 : (int) Math.min(firstX, 56),
                    firstY <= 0 ? 0 : (int) Math.min(firstY, 56),
                    lastX < 0 ? -1 : (int) Math.min(lastX, 55),
                    lastY < 0 ? -1 : (int) Math.min(lastY, 55));
        }
    }

    /** {@code Net200}'s final layer by hand. */
    public static final class Net200 {

        private Net200() {
        }

        public static Point mapToInput(double x, double y) {
            return new Point(15.5 + 32.0 * x, 15.5 + 32.0 * y);
        }

        public static Box receptiveField(int x, int y) {
            return new Box(-2524 + 32 * x, -2013 + 32 * y, 2555 + 32 * x, 2044 + 32 * y);
        }

        public static UnitRange mapFromInput(double x, double y) {
            double nearestX = Math.floor((x - 15.5) / 32.0 + 0.5);
            double nearestY = Math.floor((y - 15.5) / 32.0 + 0.5);
            double firstX = Math.ceil((x - 2555) / 32.0);
            double firstY = Math.ceil((y - 2044) / 32.0);
            double lastX = Math.floor((x + 2524) / 32.0);
            double lastY = Math.floor((y + 2013) / 32.0);
            return new UnitRange(
                    (int) Math.max(0, Math.min(nearestX, 6)),
                    (int) Math.max(0, Math.min(nearestY, 6)),
                    firstX <= 0 ? 0 : (int) Math.min(firstX, 7),
                    firstY <= 0 ? 0 : (int) Math.min(firstY, 7),
                    lastX < 0 ? -1 : (int) Math.min(lastX, 6),
                    lastY < 0 ? -1 : (int) Math.min(lastY, 6));
        }
    }

    /**
     * CaffeNet's conv1 (55x55, jump 4, unit 0 reads 0..10) and conv5 (13x13, jump 16, unit 0 reads
     * -64..98) written out by hand into a preallocated array: the limit for
     * {@code LayerGeometry.receptiveFields(int[])}.
     */
    public static final class CaffeNet {

        private CaffeNet() {
        }

        public static void conv1Fields(int[] dest) {
            int i = 0;
            for (int y = 0; y < 55; y++) {
                for (int x = 0; x < 55; x++) {
                    dest[i] = 4 * x;
                    dest[i + 1] = 4 * y;
                    dest[i + 2] = 10 + 4 * x;
                    dest[i + 3] = 10 + 4 * y;
                    i += 4;
                }
            }
        }

        public static void conv5Fields(int[] dest) {
            int i = 0;
            for (int y = 0; y < 13; y++) {
                for (int x = 0; x < 13; x++) {
                    dest[i] = -64 + 16 * x;
                    dest[i + 1] = -64 + 16 * y;
                    dest[i + 2] = 98 + 16 * x;
                    dest[i + 3] = 98 + 16 * y;
                    i += 4;
                }
            }
        }
    }
}
