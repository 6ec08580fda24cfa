package dev.convgeom.detection;

import static dev.convgeom.detection.SsdPriorBoxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CellTest {

    @Test
    void tinyYoloV2CellZero() {
        Cell c = Cell.of(Layers.tinyYoloV2(), 0, 0);
        assertEquals(new Point(31.5, 31.5), c.center());
        assertEquals(new Box(-127, -127, 190, 190), c.field());
        // jump 32 around box coordinate 32; YOLO's own tile is [0, 32]
        assertEquals(new Rect(16, 16, 48, 48), c.tile());
        assertEquals(new Rect(16 + 32 * 5, 16 + 32 * 2, 48 + 32 * 5, 48 + 32 * 2), Cell.of(Layers.tinyYoloV2(), 5, 2).tile());
    }

    @Test
    void assignmentByTile() {
        LayerGeometry grid = Layers.tinyYoloV2();
        assertEquals(Cell.of(grid, 0, 0), Cell.containing(grid, 47.9, 16));
        assertEquals(Cell.of(grid, 1, 0), Cell.containing(grid, 48, 0));
        assertEquals(Cell.of(grid, 12, 12), Cell.containing(grid, 416, 416));
        assertMessage("y is NaN", () -> Cell.containing(grid, 1, Double.NaN));
    }

    /**
     * Oracle: the unit whose field centre (pixel centre + 0.5, from the field box) is nearest,
     * searched over every unit, ties to the later one, clamped into the map. Fractional jumps too.
     */
    @Property(tries = 300)
    void tileHoldsThePointsNearestToItsCentre(@ForAll @IntRange(min = 1, max = 12) int size,
                                              @ForAll @IntRange(min = 1, max = 3) int den,
                                              @ForAll @IntRange(min = 1, max = 40) int num,
                                              @ForAll @IntRange(min = -20, max = 20) int centreTwice,
                                              @ForAll @DoubleRange(min = -60, max = 400) double x) {
        Ratio jump = Ratio.of(num * den, den);   // whole jump: uniform maps need one
        Ratio centre = Ratio.of(centreTwice, 2);
        LayerGeometry layer = Layers.square("l", 400, size, jump, centre, (int) Math.floor(centre.doubleValue()) - 1,
                (int) Math.ceil(centre.doubleValue()) + 1);
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int u = 0; u < size; u++) {
            double c = centre.doubleValue() + 0.5 + jump.doubleValue() * u;
            double d = Math.abs(x - c);
            if (d <= bestDistance) {   // ascending u: a tie goes to the later unit
                best = u;
                bestDistance = d;
            }
        }
        assertEquals(best, Cell.containing(layer, x, x).x());
        Cell cell = Cell.of(layer, best, best);
        assertEquals(jump.doubleValue(), cell.tile().width(), 1e-9);
        assertEquals(Cell.of(layer, best + 1, 0).tile().left(), cell.tile().right(), 1e-9);
    }
}
