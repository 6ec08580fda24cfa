package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pad's mode at run time: kept by the spec and its literal, the geometry of zero padding at every
 * size, and a reflect pad refused where its map is too narrow to reflect (PyTorch's
 * {@code ReflectionPad2d} and ONNX Runtime refuse it too).
 */
class PadModeRuntimeTest {

    private static final Window PAD3 = new Window(1, 1, 1, 3, 3, Padding.EXPLICIT, false);
    private static final Window K7 = new Window(7, 1, 1, 0, 0, Padding.EXPLICIT, false);

    private static NetworkSpec network(Pad.Mode mode) {
        return new NetworkSpec("Reflected", new Shape(1, 10, 10), List.of(
                new LayerSpec("pad", "Pad", List.of("input"), 1, 1, 1, PAD3, PAD3, null, 0, mode),
                new LayerSpec("conv", "Conv", List.of("pad"), 1, 2, 1, K7, K7, null)));
    }

    @Test
    void theModeSurvivesTheLiteralAndNamesItself() {
        LayerSpec pad = network(Pad.Mode.REFLECT).layers().get(0);
        assertEquals("pad Pad input 1 1 1 1,1,1,3,3 = reflect", Literals.line(pad));
        assertEquals("pad: Pad 3/3x3/3 reflect", pad.toString().substring(0, "pad: Pad 3/3x3/3 reflect".length()));
        NetworkSpec read = Literals.network("Reflected", "1 10 10", Literals.line(pad) + "\n");
        assertEquals(Pad.Mode.REFLECT, read.layers().get(0).padMode());
        assertEquals(Pad.Mode.EDGE, Literals.network("Edged", "1 10 10",
                Literals.line(network(Pad.Mode.EDGE).layers().get(0)) + "\n").layers().get(0).padMode());
    }

    @Test
    void everyModeHasTheGeometryOfZeroPadding() {
        for (Size size : List.of(Size.of(4, 4), Size.of(9, 5), Size.of(33, 17))) {
            List<LayerGeometry> constant = network(Pad.Mode.CONSTANT).forInput(size);
            for (Pad.Mode mode : List.of(Pad.Mode.REFLECT, Pad.Mode.EDGE)) {
                List<LayerGeometry> copies = network(mode).forInput(size);
                for (int i = 0; i < 2; i++) {
                    assertEquals(constant.get(i).output(), copies.get(i).output());
                    assertEquals(constant.get(i).x(), copies.get(i).x());
                    assertEquals(constant.get(i).y(), copies.get(i).y());
                }
                assertEquals(mode, copies.get(0).spec().padMode());
            }
        }
    }

    @Test
    void reflectNeedsAMapWiderThanItsPadding() {
        // reflecting 3 needs 4 units: unit -3 copies unit 3; the 7x7 window then fits any map
        assertEquals(Size.of(4, 4), network(Pad.Mode.REFLECT).minInputSize());
        assertEquals(Size.of(1, 1), network(Pad.Mode.EDGE).minInputSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network(Pad.Mode.REFLECT).forInput(Size.of(8, 3)));
        assertEquals("Reflected: input 8x3 (width x height): layer 'pad' reflects 3 rows of 'input', which has only 3"
                + " (reflect padding must be narrower than its map)", e.getMessage());
    }

    @Test
    void aCopyReadByAUnitByUnitLayerIsRefusedAsTheProcessorRefusesIt() {
        // A ReLU between the pad and the window: the copies' units would be read as units of their
        // own, not as zero padding's, so zero padding's fields would not be exact.
        NetworkSpec relu = new NetworkSpec("Relu", new Shape(1, 10, 10), List.of(
                new LayerSpec("pad", "Pad", List.of("input"), 1, 1, 1, PAD3, PAD3, null, 0, Pad.Mode.EDGE),
                new LayerSpec("relu", "Relu", List.of("pad"), 1, 1, 1, null, null, null),
                new LayerSpec("conv", "Conv", List.of("relu"), 1, 2, 1, K7, K7, null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> relu.forInput(Size.of(10, 10)));
        assertTrue(e.getMessage().startsWith("Relu: input 10x10 (width x height): ") && e.getMessage().contains("'pad'"),
                e.getMessage());
        // A 3x3 window after reflecting 3 reads copies without their sources.
        Window k3 = new Window(3, 1, 1, 0, 0, Padding.EXPLICIT, false);
        NetworkSpec narrow = new NetworkSpec("Narrow", new Shape(1, 10, 10), List.of(
                new LayerSpec("pad", "Pad", List.of("input"), 1, 1, 1, PAD3, PAD3, null, 0, Pad.Mode.REFLECT),
                new LayerSpec("conv", "Conv", List.of("pad"), 1, 2, 1, k3, k3, null)));
        assertThrows(IllegalArgumentException.class, () -> narrow.forInput(Size.of(10, 10)));
        // The same networks with zero padding are fine.
        assertEquals(3, new NetworkSpec("Zeros", new Shape(1, 10, 10), List.of(
                new LayerSpec("pad", "Pad", List.of("input"), 1, 1, 1, PAD3, PAD3, null, 0, Pad.Mode.CONSTANT),
                new LayerSpec("relu", "Relu", List.of("pad"), 1, 1, 1, null, null, null),
                new LayerSpec("conv", "Conv", List.of("relu"), 1, 2, 1, K7, K7, null))).forInput(Size.of(10, 10))
                .size());
    }

    @Test
    void onlyAPadHasAMode() {
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec("conv", "Conv", List.of("input"), 1, 2, 1,
                K7, K7, null, 0, Pad.Mode.REFLECT));
    }
}
