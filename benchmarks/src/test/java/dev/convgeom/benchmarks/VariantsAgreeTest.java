package dev.convgeom.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.benchmarks.mapping.HandWritten;
import dev.convgeom.benchmarks.mapping.RuntimeWalk;
import dev.convgeom.benchmarks.models.CaffeNetGeometry;
import dev.convgeom.benchmarks.models.Net200Geometry;
import dev.convgeom.benchmarks.models.Net20Geometry;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks compare like with like: for every unit of the final map and a grid of pixels
 * (inside and outside the image, whole and fractional), the generated shortcuts, the generated
 * constant, the hand-written literals and the runtime walk give the same answers.
 */
class VariantsAgreeTest {

    /** A (fractional) unit on a map of {@code n} units: within half a unit of one. */
    private static boolean onMap(double u, int n) {
        return u >= -0.5 && u <= n - 0.5;
    }

    @Test
    void net20() {
        LayerGeometry out = Net20Geometry.RELU19;
        assertEquals(out, Net20Geometry.output());
        RuntimeWalk walk = RuntimeWalk.of(Net20Geometry.network());
        for (int y = -2; y < out.y().size() + 2; y++) {
            for (int x = -2; x < out.x().size() + 2; x++) {
                // Off the map the shortcut and the constant refuse the unit; the extrapolating
                // variant gives the virtual unit's field, which the others compute anyway.
                var expected = out.extrapolatedReceptiveField(x, y);
                if (onMap(x, out.x().size()) && onMap(y, out.y().size())) {
                    assertEquals(expected, Net20Geometry.receptiveField(x, y));
                    assertEquals(expected, out.receptiveField(x, y));
                } else {
                    int ux = x;
                    int uy = y;
                    assertThrows(IndexOutOfBoundsException.class, () -> Net20Geometry.receptiveField(ux, uy));
                }
                assertEquals(expected, HandWritten.Net20.receptiveField(x, y));
                assertEquals(expected, walk.receptiveField(x, y));
                double fx = x + 0.25;
                double fy = y + 0.75;
                var centre = new Point(out.x().toInput(fx), out.y().toInput(fy));
                if (onMap(fx, out.x().size()) && onMap(fy, out.y().size())) {
                    assertEquals(centre, Net20Geometry.mapToInput(fx, fy));
                    assertEquals(centre, out.mapToInput(fx, fy));
                } else {
                    assertThrows(IllegalArgumentException.class, () -> Net20Geometry.mapToInput(fx, fy));
                }
                assertEquals(centre, HandWritten.Net20.mapToInput(fx, fy));
                assertEquals(centre, walk.mapToInput(fx, fy));
            }
        }
        for (double py = -40; py < 264; py += 0.75) {
            for (double px = -40; px < 264; px += 1.25) {
                double qx = px;
                double qy = py;
                var expected = out.mapFromInput(px, py);
                assertEquals(expected, Net20Geometry.mapFromInput(px, py));
                assertEquals(expected, HandWritten.Net20.mapFromInput(px, py), () -> at(qx, qy));
                assertEquals(expected, walk.mapFromInput(px, py), () -> at(qx, qy));
            }
        }
    }

    @Test
    void net200() {
        LayerGeometry out = Net200Geometry.RELU199;
        assertEquals(out, Net200Geometry.output());
        RuntimeWalk walk = RuntimeWalk.of(Net200Geometry.network());
        for (int y = -2; y < out.y().size() + 2; y++) {
            for (int x = -2; x < out.x().size() + 2; x++) {
                // Off the map the shortcut and the constant refuse the unit; the extrapolating
                // variant gives the virtual unit's field, which the others compute anyway.
                var expected = out.extrapolatedReceptiveField(x, y);
                if (onMap(x, out.x().size()) && onMap(y, out.y().size())) {
                    assertEquals(expected, Net200Geometry.receptiveField(x, y));
                    assertEquals(expected, out.receptiveField(x, y));
                } else {
                    int ux = x;
                    int uy = y;
                    assertThrows(IndexOutOfBoundsException.class, () -> Net200Geometry.receptiveField(ux, uy));
                }
                assertEquals(expected, HandWritten.Net200.receptiveField(x, y));
                assertEquals(expected, walk.receptiveField(x, y));
                double fx = x + 0.25;
                double fy = y + 0.75;
                var centre = new Point(out.x().toInput(fx), out.y().toInput(fy));
                if (onMap(fx, out.x().size()) && onMap(fy, out.y().size())) {
                    assertEquals(centre, Net200Geometry.mapToInput(fx, fy));
                    assertEquals(centre, out.mapToInput(fx, fy));
                } else {
                    assertThrows(IllegalArgumentException.class, () -> Net200Geometry.mapToInput(fx, fy));
                }
                assertEquals(centre, HandWritten.Net200.mapToInput(fx, fy));
                assertEquals(centre, walk.mapToInput(fx, fy));
            }
        }
        // The fields reach some 2,500 pixels beyond the image: sample far out too.
        for (double py = -3000; py < 3300; py += 15.75) {
            for (double px = -3000; px < 3300; px += 19.25) {
                double qx = px;
                double qy = py;
                var expected = out.mapFromInput(px, py);
                assertEquals(expected, Net200Geometry.mapFromInput(px, py));
                assertEquals(expected, HandWritten.Net200.mapFromInput(px, py), () -> at(qx, qy));
                assertEquals(expected, walk.mapFromInput(px, py), () -> at(qx, qy));
            }
        }
    }

    private static String at(double px, double py) {
        return "pixel (" + px + ", " + py + ")";
    }

    @Test
    void wholeMapsByHandMatchTheArrayForm() {
        int[] generated = new int[4 * 55 * 55];
        int[] byHand = new int[4 * 55 * 55];
        CaffeNetGeometry.CONV1.receptiveFields(generated);
        HandWritten.CaffeNet.conv1Fields(byHand);
        assertArrayEquals(generated, byHand);

        generated = new int[4 * 13 * 13];
        byHand = new int[4 * 13 * 13];
        CaffeNetGeometry.CONV5.receptiveFields(generated);
        HandWritten.CaffeNet.conv5Fields(byHand);
        assertArrayEquals(generated, byHand);
        assertEquals(CaffeNetGeometry.CONV5.receptiveField(12, 3).left(), generated[4 * (3 * 13 + 12)]);
    }
}
