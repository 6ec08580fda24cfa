package dev.convgeom;

import static dev.convgeom.Graphs.C;
import static dev.convgeom.Graphs.conv;
import static dev.convgeom.Graphs.deconv;
import static dev.convgeom.Graphs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The value types' contracts: a wrong argument is an exception that names it, never a silently
 * wrong number or an inverted box; the extrapolating variants say so in their names. Expected
 * fields come from {@link BruteForceAxis}, which follows every window, not from the formulas.
 */
class ValueContractsTest {

    /** A 13x13 map as CaffeNet's conv5 is, but small: 3x3 stride-2 windows, padding 1, on 25. */
    private static final NetworkSpec NET = new NetworkSpec("Net", new Shape(C, 25, 25),
            List.of(conv("conv", "input", 3, 2, 1), relu("relu", "conv")));
    private static final LayerGeometry CONV = NET.forInput(Size.of(25, 25)).get(0);

    @Test
    void aUnitOffTheMapIsRefusedNamingIt() {
        assertEquals(13, CONV.output().width());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> CONV.receptiveField(999, 999));
        assertTrue(e.getMessage().contains("conv: unit (999, 999) is not on its 13x13 map"), e.getMessage());
        assertTrue(e.getMessage().contains("extrapolatedReceptiveField"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> CONV.clippedReceptiveField(999, 999));
        assertThrows(IndexOutOfBoundsException.class, () -> CONV.receptiveField(13, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> CONV.receptiveField(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> CONV.clippedReceptiveField(-1, 0));
    }

    @Test
    void everyUnitOnTheMapAndBeyondHasTheFieldTheWindowsRead() {
        BruteForceAxis columns = new BruteForceAxis(NET, false, 25);
        BruteForceAxis rows = new BruteForceAxis(NET, true, 25);
        for (int u = -20; u < 40; u++) {
            TreeSet<Long> x = columns.pixels(0, u);
            TreeSet<Long> y = rows.pixels(0, u + 1);
            Box expected = new Box(x.first().intValue(), y.first().intValue(), x.last().intValue(), y.last().intValue());
            assertEquals(expected, CONV.extrapolatedReceptiveField(u, u + 1), "unit " + u);
            if (u >= 0 && u + 1 < 13) {
                assertEquals(expected, CONV.receptiveField(u, u + 1), "unit " + u);
            }
        }
    }

    @Test
    void extrapolationBeyondTheIntRangeThrows() {
        assertThrows(ArithmeticException.class, () -> CONV.extrapolatedReceptiveField(Integer.MAX_VALUE, 0));
        assertThrows(ArithmeticException.class, () -> CONV.x().fieldStart(Integer.MIN_VALUE));
    }

    @Test
    void clippedFieldsAreNeverInverted() {
        // Padding 100 around a 1-pixel kernel: the first 50 units see only padding before the image,
        // the last ones only padding after it.
        NetworkSpec padded = new NetworkSpec("Padded", new Shape(C, 10, 10),
                List.of(conv("wide", "input", 1, 2, 100)));
        LayerGeometry wide = padded.forInput(Size.of(10, 10)).get(0);
        assertEquals(105, wide.output().width());
        assertEquals(new Box(-100, -100, -100, -100), wide.receptiveField(0, 0));
        assertEquals(new Box(0, 0, -1, -1), wide.clippedReceptiveField(0, 0), "empty, at the image's start");
        assertEquals(new Box(10, 0, 9, -1), wide.clippedReceptiveField(104, 0), "empty at the end, rows at the start");
        assertEquals(new Box(4, 8, 4, 8), wide.clippedReceptiveField(52, 54));
        for (int u = 0; u < 105; u++) {
            Box clipped = wide.clippedReceptiveField(u, u);
            assertTrue(clipped.right() >= clipped.left() - 1 && clipped.bottom() >= clipped.top() - 1, clipped::toString);
        }
    }

    /** Clipping agrees with counting the pixels of the box that lie in the image, and is never inverted. */
    @Property
    void clipKeepsExactlyThePixelsInTheImage(@ForAll @IntRange(min = -30, max = 30) int left,
                                             @ForAll @IntRange(min = 0, max = 25) int width,
                                             @ForAll @IntRange(min = -30, max = 30) int top,
                                             @ForAll @IntRange(min = 0, max = 25) int height,
                                             @ForAll @IntRange(min = 1, max = 12) int imageWidth,
                                             @ForAll @IntRange(min = 1, max = 12) int imageHeight) {
        Box box = new Box(left, top, left + width - 1, top + height - 1);
        Box clipped = box.clip(Size.of(imageWidth, imageHeight));
        int inside = 0;
        for (int x = left; x < left + width; x++) {
            for (int y = top; y < top + height; y++) {
                if (x >= 0 && x < imageWidth && y >= 0 && y < imageHeight) {
                    inside++;
                    assertTrue(clipped.contains(x, y));
                }
            }
        }
        assertEquals(inside, clipped.isEmpty() ? 0 : clipped.width() * clipped.height());
        assertTrue(clipped.width() >= 0 && clipped.height() >= 0);
        assertTrue(clipped.left() >= 0 && clipped.left() <= imageWidth && clipped.top() >= 0
                && clipped.top() <= imageHeight, clipped::toString);
    }

    @Test
    void coordinatesMustBeNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONV.mapFromInput(Double.NaN, 0));
        assertEquals("conv: px must be a finite number, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONV.mapFromInput(0, Double.NEGATIVE_INFINITY));
        assertEquals("conv: py must be a finite number, was -Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONV.mapToInput(Double.NaN, 0));
        assertEquals("conv: ux must be a finite number, was NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CONV.mapTo(CONV, 0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CONV.x().toInput(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CONV.x().fromInput(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CONV.x().nearestUnit(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CONV.x().firstUnitContaining(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CONV.x().lastUnitContaining(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> new Point(1, Double.NaN));
        assertEquals("y must be a finite number, was NaN", e.getMessage());
    }

    @Test
    void fractionalUnitsMustBeOnTheMap() {
        // Half a unit either side of the first and last unit is still the map.
        assertEquals(new Point(-1.0, 25.0), CONV.mapToInput(-0.5, 12.5));   // centre 0 + jump 2 * u
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONV.mapToInput(12.6, 0));
        assertTrue(e.getMessage().startsWith("conv: unit (12.6, 0.0) is off its 13x13 map"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CONV.mapTo(CONV, 0, -0.6));
        // The axis's affine map extrapolates, as documented.
        assertEquals(2.0 * 999, CONV.x().toInput(999));
    }

    @Test
    void pixelsOutsideTheImageMapToTheUnitsWhoseFieldsReachThere() {
        // Unit 0 reads -1..1: position -1 (padding) is in its field, -2 in none.
        assertEquals(new UnitRange(0, 0, 0, 0, 0, 0), CONV.mapFromInput(-1, -1));
        UnitRange none = CONV.mapFromInput(-2, 1e300);
        assertTrue(none.isEmpty());
        assertEquals(-1, none.lastX());
        assertEquals(13, none.firstY());
    }

    @Test
    void layersOfAnotherNetworkOrSizeAreRefused() {
        NetworkSpec other = new NetworkSpec("Other", new Shape(C, 25, 25), List.of(conv("conv", "input", 3, 2, 1)));
        LayerGeometry foreign = other.forInput(Size.of(25, 25)).get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONV.mappingTo(foreign));
        assertTrue(e.getMessage().contains("Net's layer 'conv' to Other's layer 'conv'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CONV.mapTo(foreign, 1, 1));
        LayerGeometry larger = NET.forInput(Size.of(27, 25)).get(1);
        e = assertThrows(IllegalArgumentException.class, () -> CONV.mapTo(larger, 1, 1));
        assertTrue(e.getMessage().contains("for a 25x25 input to 'relu' for a 27x25 input"), e.getMessage());
        // An equal network rebuilt elsewhere is the same network.
        NetworkSpec again = new NetworkSpec("Net", new Shape(C, 25, 25),
                List.of(conv("conv", "input", 3, 2, 1), relu("relu", "conv")));
        assertEquals(AxisMap.identity(), CONV.mappingTo(again.forInput(Size.of(25, 25)).get(1)).x());
    }

    @Test
    void dimensionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Shape(-5, 1, 1));
        assertEquals("channels must be at least 1 (or Shape.UNKNOWN), was -5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shape(3, 0, 1));
        assertEquals("height must be at least 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shape(3, 1, -2));
        assertEquals("width must be at least 1, was -2", e.getMessage());
        assertEquals(Size.of(7, 5), new Shape(Shape.UNKNOWN, 5, 7).size());
        assertThrows(IllegalArgumentException.class, () -> Size.of(0, 3));
        e = assertThrows(IllegalArgumentException.class, () -> new Box(15920, 0, 226, 0));
        assertTrue(e.getMessage().startsWith("an inverted box: left 15920, top 0, right 226"), e.getMessage());
        assertEquals(0, new Box(5, 5, 4, 4).width());
        assertThrows(IllegalArgumentException.class, () -> new UnitRange(0, 0, 5, 0, 3, 0));
    }

    @Test
    void sizesAreWidthFirstEverywhere() {
        // A 3-high, 5-wide kernel on a 20-wide, 10-high input: 8 rows and 16 columns.
        NetworkSpec wide = new NetworkSpec("Wide", new Shape(C, 10, 20), List.of(conv("c", "input",
                Graphs.window(3, 1, 1, 0, 0), Graphs.window(5, 1, 1, 0, 0))));
        assertEquals(new Shape(C, 8, 16), wide.outputSize(Size.of(20, 10)));
        assertEquals(new Shape(C, 8, 16), wide.forInput(Size.of(20, 10)).get(0).output());
        assertEquals(Size.of(5, 3), wide.minInputSize());
        assertEquals(Size.of(20, 10), wide.forInput(Size.of(20, 10)).get(0).inputSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wide.outputSize(Size.of(4, 9)));
        assertTrue(e.getMessage().contains("input 4x9 (width x height) is too small for layer 'c'"), e.getMessage());
    }

    @Test
    void networkSpecChecksItsArguments() {
        List<LayerSpec> layers = List.of(conv("a", "input", 3, 1, 1), relu("b", "a"));
        assertThrows(NullPointerException.class, () -> new NetworkSpec(null, new Shape(C, 8, 8), layers));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("N", new Shape(C, 8, 8), List.of()));
        assertEquals(List.of("b"), new NetworkSpec("N", new Shape(C, 8, 8), layers).outputs());
        // By default every layer nothing reads is an output, the last one first.
        NetworkSpec side = new NetworkSpec("N", new Shape(C, 8, 8), List.of(conv("a", "input", 3, 1, 1),
                relu("aux", "a"), relu("b", "a"), relu("c", "b")));
        assertEquals(List.of("c", "aux"), side.outputs());
        assertEquals(3, side.outputIndex());
        NetworkSpec two = new NetworkSpec("N", new Shape(C, 8, 8), layers, List.of("a", "b"));
        assertEquals(0, two.outputIndex());
        assertEquals(List.of("a", "b"), two.outputs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkSpec("N", new Shape(C, 8, 8), layers, List.of("a", "zz")));
        assertEquals("N: output 'zz' is not a layer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkSpec("N", new Shape(C, 8, 8), layers, List.of("b", "b")));
        assertEquals("N: output 'b' is named twice", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("N", new Shape(C, 8, 8), layers, List.of()));
        IndexOutOfBoundsException i = assertThrows(IndexOutOfBoundsException.class,
                () -> two.outputSize(2, Size.of(8, 8)));
        assertEquals("N: layer index 2 is not one of its 2 layers (0..1)", i.getMessage());
    }

    @Test
    void phasedFieldsKeepTheirContractsToo() {
        // A stride-2 transposed convolution: fields depend on the phase, still checked and extrapolated.
        NetworkSpec up = new NetworkSpec("Up", new Shape(C, 6, 6), List.of(deconv("up", "input", 4, 2, 1)));
        LayerGeometry g = up.forInput(Size.of(6, 6)).get(0);
        BruteForceAxis columns = new BruteForceAxis(up, false, 6);
        for (int u = -5; u < 20; u++) {
            TreeSet<Long> x = columns.pixels(0, u);
            assertEquals(x.first().intValue(), g.extrapolatedReceptiveField(u, 0).left(), "unit " + u);
            assertEquals(x.last().intValue(), g.extrapolatedReceptiveField(u, 0).right(), "unit " + u);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> g.receptiveField(12, 0));
    }
}
