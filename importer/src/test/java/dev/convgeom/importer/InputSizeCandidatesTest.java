package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.model.TotalStride;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search's parts on hand-made networks: the total stride of a graph with branches, the order
 * of the sizes tried (each one listed here by hand from the request and the stride), the bound on
 * imports, and a fault at a size not asked for.
 */
class InputSizeCandidatesTest {

    private static AxisWindow window(int stride) {
        return new AxisWindow(3, stride, 1, 1, 1);
    }

    /** input -> a (stride 2) -> b (stride 2 rows, 4 columns); input -> c (stride 8): the most is c's 8 rows, b's 8 columns. */
    private static ImportedNetwork branches() {
        Shape any = new Shape(4, 8, 8);
        ImportedLayer a = ImportedLayer.conv("a", "Conv", -1, 3, 4, 1, window(2), window(2), false, any);
        ImportedLayer b = ImportedLayer.conv("b", "Conv", 0, 4, 4, 1, window(2), window(4), false, any);
        ImportedLayer c = ImportedLayer.conv("c", "Conv", -1, 3, 4, 1, window(8), window(2), false, any);
        ImportedLayer up = ImportedLayer.upsample("up", "Resize", 1, 2, 2, false, dev.convgeom.Upsample.Coordinates.HALF_PIXEL,
                any, "");
        ImportedLayer sum = ImportedLayer.merge("sum", "Add", LayerKind.ADD, List.of(2, 3), any, "");
        return new ImportedNetwork("t", new Shape(3, 100, 100), List.of(a, b, c, up, sum));
    }

    @Test
    void theTotalStrideIsTheLargestProductAlongAPathPerAxisAndUpsamplingDoesNotDivideIt() {
        assertArrayEquals(new long[] {8, 8}, TotalStride.of(branches().layers()));
        assertArrayEquals(new long[] {4, 8}, TotalStride.of(branches().layers().subList(0, 2)));
        assertArrayEquals(new long[] {1, 1}, TotalStride.of(List.of()));
    }

    private static List<Shape> tried(Shape requested, java.util.function.Predicate<Shape> importsAt) {
        List<Shape> tried = new ArrayList<>();
        ImportException refusal = new ImportException("'sum' (Add): x").reaching(branches());
        InputSizeSearch.around(refusal, requested, null, size -> {
            tried.add(size);
            if (!importsAt.test(size)) {
                throw new ImportException("'sum' (Add): refused at " + size.height());
            }
        }, line -> { });
        return tried;
    }

    @Test
    void belowThenAboveEachFromTheCoarsestMultipleWhileTheyImport() {
        // Stride 8 on both axes: 8, 4, 2. Request 3x13x21. Below: 8x16, then 12x20 (multiples of 4),
        // then 12x20 again (of 2: skipped). Above: 16x24, then 16x24 again (of 4: skipped), then 14x22.
        assertEquals(List.of(new Shape(3, 8, 16), new Shape(3, 12, 20), new Shape(3, 16, 24), new Shape(3, 14, 22)),
                tried(new Shape(3, 13, 21), s -> true));
        // The coarsest failing ends a direction: one try each way.
        assertEquals(List.of(new Shape(3, 8, 16), new Shape(3, 16, 24)), tried(new Shape(3, 13, 21), s -> false));
        // A refinement failing ends it too: 12x20 refused after 8x16 imported.
        assertEquals(List.of(new Shape(3, 8, 16), new Shape(3, 12, 20), new Shape(3, 16, 24), new Shape(3, 14, 22)),
                tried(new Shape(3, 13, 21), s -> s.height() != 12));
    }

    @Test
    void aSizeThatEmptiesAnAxisIsNotTried() {
        // 5 x 9: below, 0 rows at multiples of 8 (not tried), then 4 x 8, then 4 x 8 again (skipped);
        // above 8 x 16, then 8 x 12, then 6 x 10.
        assertEquals(List.of(new Shape(3, 4, 8), new Shape(3, 8, 16), new Shape(3, 8, 12), new Shape(3, 6, 10)),
                tried(new Shape(3, 5, 9), s -> true));
    }

    @Test
    void aFaultAtASizeNotAskedForCountsAsRefusedAndTheRefusalStays() {
        ImportException refusal = new ImportException("'sum' (Add): x").reaching(branches());
        List<String> progress = new ArrayList<>();
        ImportException result = InputSizeSearch.around(refusal, new Shape(3, 13, 21), null, size -> {
            throw new IllegalStateException("boom");
        }, progress::add);
        assertSame(refusal, result);
        assertTrue(progress.get(0).startsWith("trying --input 3x8x16: failed, java.lang.IllegalStateException: boom"),
                progress.toString());
    }

    @Test
    void noSearchWithoutTheLayersReachedOrTheSize() {
        ImportException bare = new ImportException("'x' (Foo): unknown");
        assertSame(bare, InputSizeSearch.around(bare, new Shape(3, 13, 13), null, size -> { }, line -> { }));
        ImportException reached = new ImportException("'x' (Foo): unknown").reaching(branches());
        assertSame(reached, InputSizeSearch.around(reached, null, null, size -> { }, line -> { }));
    }
}
