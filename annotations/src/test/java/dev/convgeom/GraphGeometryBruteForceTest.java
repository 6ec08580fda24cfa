package dev.convgeom;

import static dev.convgeom.Graphs.add;
import static dev.convgeom.Graphs.channelShuffle;
import static dev.convgeom.Graphs.channels;
import static dev.convgeom.Graphs.concat;
import static dev.convgeom.Graphs.conv;
import static dev.convgeom.Graphs.crop;
import static dev.convgeom.Graphs.cubic;
import static dev.convgeom.Graphs.deconv;
import static dev.convgeom.Graphs.gate;
import static dev.convgeom.Graphs.globalAvgPool;
import static dev.convgeom.Graphs.instanceNorm;
import static dev.convgeom.Graphs.maxPool;
import static dev.convgeom.Graphs.nearest;
import static dev.convgeom.Graphs.network;
import static dev.convgeom.Graphs.pad;
import static dev.convgeom.Graphs.pool;
import static dev.convgeom.Graphs.relu;
import static dev.convgeom.Graphs.upsample;
import static dev.convgeom.Graphs.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.BruteForceAxis.Frac;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NetworkSpec#forInput} on small graphs against {@link BruteForceAxis}, which follows every
 * layer's definition pixel by pixel: for every layer, both axes (of different sizes), every unit
 * of the map and a margin of virtual units on either side, the field's first and last pixel, the
 * centre and the jump, the widest field, and which units contain each input coordinate.
 */
class GraphGeometryBruteForceTest {

    /** Virtual units checked beyond each end of a map. */
    private static final int MARGIN = 40;

    private static NetworkSpec pixelNetwork() {
        return network("pixels", 12, 10,
                conv("c", "input", 3, 2, 1),
                Graphs.pixelShuffle("ps", "c", 3),
                conv("after", "ps", 3, 2, 0),
                Graphs.pixelUnshuffle("down", "input", 2),
                conv("mid", "down", 3, 1, 1),
                Graphs.pixelShuffle("up", "mid", 2),
                Graphs.pixelUnshuffle("again", "up", 2));
    }

    static Stream<Arguments> graphs() {
        return Stream.of(
                // FCN-style fusion: a stride-2 deconvolution (k 4, p 1) added to the finer map, a
                // valid convolution, and the fused map cropped by 1 to meet it in a concat.
                Arguments.of(network("fusion", 20, 16,
                        conv("conv1", "input", 3, 1, 1),
                        maxPool("pool1", "conv1", 2, 2),
                        deconv("up", "pool1", 4, 2, 1),
                        add("fuse", "up", "conv1"),
                        conv("score", "fuse", 3, 1, 0),
                        crop("fusec", "fuse", "score", 1, 1),
                        concat("out", "score", "fusec")), 20, 16),
                // FCN-32s in miniature: stride 32 down, a k 64 s 32 deconvolution up, cropped like the input.
                Arguments.of(network("fcn32", 96, 64,
                        conv("down", "input", 32, 32, 0),
                        deconv("up", "down", 64, 32, 0),
                        crop("score", "up", "input", 16, 16)), 96, 64),
                // Nearest and bilinear upsampling by 2 and 3 after a strided map, merged, and a
                // strided window over phased fields.
                Arguments.of(network("upsampling", 12, 10,
                        conv("c", "input", 3, 2, 1),
                        upsample("n2", "c", 2, false),
                        upsample("n3", "c", 3, false),
                        upsample("b2", "c", 2, true),
                        upsample("b3", "c", 3, true),
                        conv("after", "b3", 3, 2, 0),
                        concat("cat2", "n2", "b2"),
                        add("add3", "n3", "b3"),
                        conv("wide", "add3", 4, 3, 1)), 12, 10),
                // Pixel shuffles: ESPCN's by 3 after a strided map, a window over its phased fields,
                // an unshuffle by 2 of the input and of a shuffled map, and a shuffle back; walked at
                // the declared 12x10 and at 20x14 (both whole blocks of 2).
                Arguments.of(pixelNetwork(), 12, 10),
                Arguments.of(pixelNetwork(), 20, 14),
                // Different factors per axis (x before y), and a factor of 1 on one axis.
                Arguments.of(network("perAxis", 9, 7,
                        conv("c", "input", 3, 2, 1),
                        upsample("n32", "c", 3, 2, false),
                        upsample("b23", "c", 2, 3, true),
                        upsample("b14", "c", 1, 4, true),
                        conv("after", "b23", 3, 2, 0),
                        upsample("n21", "after", 2, 1, false)), 9, 7),
                // Bilinear with asymmetric and aligned-corner coordinates: aligned corners repeat
                // only every (N - 1) / gcd(n - 1, f - 1) units (77 for 'again': 7 of its own times
                // the 11 of its input), and their jump depends on the size.
                Arguments.of(network("coordinates", 11, 8,
                        conv("c", "input", 3, 2, 1),
                        upsample("asym", "c", 2, 3, Upsample.Coordinates.ASYMMETRIC),
                        upsample("corners", "c", 3, 2, Upsample.Coordinates.ALIGN_CORNERS),
                        upsample("corners1", "c", 1, 4, Upsample.Coordinates.ALIGN_CORNERS),
                        conv("after", "corners", 3, 2, 0),
                        upsample("again", "after", 3, 3, Upsample.Coordinates.ALIGN_CORNERS),
                        upsample("asym2", "asym", 3, 1, Upsample.Coordinates.ASYMMETRIC)), 11, 8),
                // The same at another input size: the aligned corners' step follows it.
                Arguments.of(network("coordinatesElsewhere", 11, 8,
                        conv("c", "input", 3, 2, 1),
                        upsample("corners", "c", 3, 2, Upsample.Coordinates.ALIGN_CORNERS),
                        conv("after", "corners", 3, 2, 0)), 17, 13),
                // Fractional factors (LR-ASPP's 65/33, 10/7, 3/2 and 5/4) in every coordinate
                // mode, after a strided map and stacked; declared at 33x31, walked there and at
                // sizes where n * factor / per is not whole (the scale stays factor / per).
                Arguments.of(network("fractional", 33, 31,
                        conv("c", "input", 3, 2, 1),
                        upsample("lraspp", "input", 65, 33, 65, 33, Upsample.Coordinates.HALF_PIXEL),
                        upsample("half", "c", 10, 7, 3, 2, Upsample.Coordinates.HALF_PIXEL),
                        upsample("asym", "c", 5, 4, 10, 7, Upsample.Coordinates.ASYMMETRIC),
                        upsample("corners", "c", 3, 2, 5, 4, Upsample.Coordinates.ALIGN_CORNERS),
                        conv("after", "half", 3, 2, 0),
                        upsample("again", "after", 7, 3, 4, 3, Upsample.Coordinates.HALF_PIXEL)), 33, 31),
                Arguments.of(network("fractionalElsewhere", 33, 31,
                        conv("c", "input", 3, 2, 1),
                        upsample("lraspp", "input", 65, 33, 65, 33, Upsample.Coordinates.HALF_PIXEL),
                        upsample("half", "c", 10, 7, 3, 2, Upsample.Coordinates.HALF_PIXEL),
                        upsample("asym", "c", 5, 4, 10, 7, Upsample.Coordinates.ASYMMETRIC),
                        upsample("corners", "c", 3, 2, 5, 4, Upsample.Coordinates.ALIGN_CORNERS),
                        conv("after", "half", 3, 2, 0)), 20, 14),
                // Nearest upsampling in every coordinate mode and rounding that keeps every real
                // read inside its input, whole and fractional (PyTorch's 'nearest' is asymmetric
                // floor, its 'nearest-exact' half-pixel), stacked and strided over;
                // declared at 33x31, walked there and at another size.
                Arguments.of(nearestNetwork(), 33, 31),
                Arguments.of(nearestNetwork(), 20, 14),
                Arguments.of(cubicNetwork(), 33, 31),
                Arguments.of(cubicNetwork(), 20, 14),
                // Shrinking (per above factor: ONNX linear without antialiasing, PyTorch's
                // interpolate to a smaller size) in every coordinate mode (tf_half_pixel_for_nn
                // shrinking and enlarging), of the input and of a
                // strided map, stacked, with an upsampling and a window after it; walked at the
                // declared 33x31, at another size and where aligned corners leave one unit.
                Arguments.of(network("shrinking", 33, 31,
                        conv("c", "input", 3, 2, 1),
                        upsample("half", "input", 1, 2, 1, 2, Upsample.Coordinates.HALF_PIXEL),
                        upsample("thirds", "c", 2, 3, 3, 5, Upsample.Coordinates.HALF_PIXEL),
                        upsample("asym", "c", 3, 7, 1, 3, Upsample.Coordinates.ASYMMETRIC),
                        upsample("corners", "c", 2, 5, 1, 2, Upsample.Coordinates.ALIGN_CORNERS),
                        upsample("again", "thirds", 3, 4, 1, 2, Upsample.Coordinates.HALF_PIXEL),
                        upsample("up", "again", 5, 2, 3, 1, Upsample.Coordinates.HALF_PIXEL),
                        upsample("tf", "c", 1, 2, 2, 3, Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN),
                        upsample("tfUp", "tf", 3, 2, 2, 1, Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN),
                        conv("after", "half", 3, 2, 0)), 33, 31),
                Arguments.of(network("shrinkingElsewhere", 33, 31,
                        conv("c", "input", 3, 2, 1),
                        upsample("half", "input", 1, 2, 1, 2, Upsample.Coordinates.HALF_PIXEL),
                        upsample("thirds", "c", 2, 3, 3, 5, Upsample.Coordinates.HALF_PIXEL),
                        upsample("asym", "c", 3, 7, 1, 3, Upsample.Coordinates.ASYMMETRIC),
                        upsample("corners", "c", 2, 5, 1, 2, Upsample.Coordinates.ALIGN_CORNERS),
                        upsample("tf", "c", 1, 2, 2, 3, Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN),
                        conv("after", "half", 3, 2, 0)), 20, 14),
                Arguments.of(network("shrinkingToOneUnit", 33, 31,
                        conv("c", "input", 3, 2, 1),
                        upsample("corners", "c", 2, 5, 1, 2, Upsample.Coordinates.ALIGN_CORNERS),
                        upsample("half", "c", 1, 2, 1, 3, Upsample.Coordinates.HALF_PIXEL)), 6, 6),
                // Padding (uneven, different per axis), a dilated window, an odd deconvolution
                // with output padding, and global pooling of a phased map.
                Arguments.of(network("padded", 9, 7,
                        pad("pad", "input", 1, 2, 3, 0),
                        conv("dil", "pad", window(3, 1, 2, 0, 0), window(2, 2, 3, 1, 0)),
                        relu("act", "dil"),
                        deconv("up3", "act", window(5, 3, 1, 1, 2), window(3, 3, 1, 0, 0), 1),
                        globalAvgPool("gap", "up3"),
                        conv("c2", "pad", 3, 2, 0),
                        globalAvgPool("gap2", "c2")), 9, 7),
                // Squeeze-and-excitation: a gate pooled from the gated map, one pooled from an
                // earlier map with a border unread, windows, upsampling and an add after the gates,
                // an instance normalisation; declared at 19x23, walked at 25x17.
                Arguments.of(network("gated", 19, 23,
                        conv("c1", "input", 3, 2, 0),
                        conv("c2", "c1", 3, 1, 1),
                        globalAvgPool("g1", "c2"),
                        conv("fc", "g1", 1, 1, 0),
                        gate("se", "c2", "fc"),
                        conv("c3", "se", 3, 2, 1),
                        globalAvgPool("g2", "c1"),
                        gate("se2", "c3", "g2"),
                        upsample("up", "se2", 2, true),
                        instanceNorm("norm", "c2"),
                        conv("c4", "norm", 3, 2, 1),
                        add("sum", "c4", "se2")), 25, 17),
                // A ShuffleNet unit: a strided stem split in two channel ranges, one convolved (and
                // strided again on a copy), concatenated and shuffled; the ranges pass fields through.
                Arguments.of(network("shuffle", 13, 11,
                        conv("stem", "input", 3, 2, 1),
                        channels("left", "stem", Graphs.C, 0, 1),
                        channels("right", "stem", Graphs.C, 1, Graphs.C - 1),
                        conv("branch", "right", 3, 1, 1),
                        concat("cat", "left", "branch"),
                        channelShuffle("mix", "cat", 1 + Graphs.C, 1 + Graphs.C),
                        conv("down", "mix", 3, 2, 0)), 13, 11),
                // Dilated pooling (taps 2 and 3 apart, padded up to half the span) over a plain and
                // a phased map (rounding up is the processor's oracles' part: AxisOracle, RandomDags).
                Arguments.of(network("dilatedPools", 19, 23,
                        pool("dmax", "MaxPool", "input", window(3, 1, 2, 2, 2), window(2, 2, 3, 1, 1)),
                        conv("c", "dmax", 3, 2, 1),
                        upsample("u", "c", 2, false),
                        pool("davg", "AvgPool", "u", window(3, 2, 2, 1, 1), window(3, 1, 3, 3, 3)),
                        pool("p2", "MaxPool", "dmax", window(4, 3, 2, 3, 2), window(3, 1, 3, 3, 3))), 19, 23),
                // Dilated transposed convolutions (stride 1 along each dilated axis), one axis
                // strided and dense, over phased maps, uneven padding, and a strided window over them.
                Arguments.of(network("dilatedDeconvs", 9, 11,
                        conv("c0", "input", 3, 2, 1),
                        deconv("d1", "c0", window(3, 1, 3, 1, 3), window(4, 3, 1, 2, 1), 0),
                        conv("c", "d1", 3, 2, 0),
                        deconv("d2", "c", window(2, 1, 2, 0, 1), window(3, 1, 3, 2, 2), 0),
                        conv("w", "d2", 4, 3, 1)), 9, 11),
                // ONNX tf_crop_and_resize: regions of the input and of a strided map, nearest in
                // every rounding, bilinear, two-tap cubic, enlarging, shrinking and to one unit
                // (which sits at the region's centre), the whole map by default; windows after them;
                // declared at 33x31 and walked there and at 20x26.
                Arguments.of(cropAndResizeNetwork(), 33, 31),
                Arguments.of(cropAndResizeNetwork(), 20, 26),
                // Deconvolution straight from the input, then upsampling of the phased result.
                Arguments.of(network("stacked", 8, 6,
                        deconv("d", "input", 4, 2, 1),
                        upsample("u", "d", 3, true),
                        maxPool("p", "u", 3, 2),
                        deconv("d2", "p", 3, 2, 1)), 8, 6));
    }

    /**
     * Cubic upsamplings in every coordinate mode where their fields move forwards: half-pixel by 2
     * and 3/2 (positions never whole), shrinking by 1/2, tf_half_pixel_for_nn by 2, and the two-tap
     * kernel (a = 0) with asymmetric and aligned-corner positions; windows after them.
     */
    private static NetworkSpec cubicNetwork() {
        return network("cubic", 33, 31,
                conv("c", "input", 3, 2, 1),
                cubic("bicubic", "c", 2, 1, Upsample.Coordinates.HALF_PIXEL, -0.75, false),
                cubic("tf", "c", 3, 2, Upsample.Coordinates.HALF_PIXEL, -0.5, true),
                cubic("down", "input", 1, 2, Upsample.Coordinates.HALF_PIXEL, -0.75, false),
                cubic("nn", "c", 2, 1, Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN, -0.75, true),
                cubic("twoTaps", "c", 5, 2, Upsample.Coordinates.ASYMMETRIC, 0, false),
                cubic("corners", "c", 3, 1, Upsample.Coordinates.ALIGN_CORNERS, 0, true),
                conv("after", "bicubic", 3, 2, 0),
                cubic("again", "after", 2, 1, Upsample.Coordinates.HALF_PIXEL, -2, false),
                conv("wide", "tf", 4, 3, 1));
    }

    /**
     * A cubic upsampling whose fields would step back (asymmetric by 2: unit 0 on input unit 0
     * reads one unit, unit 1 four) is refused at run time with the engine's reason.
     */
    @Test
    void aCubicUpsamplingWhoseFieldsStepBackIsRefusedWithTheReason() {
        NetworkSpec spec = network("stepsBack", 8, 8,
                cubic("up", "input", 2, 1, Upsample.Coordinates.ASYMMETRIC, -0.75, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.forInput(Size.of(8, 8)));
        assertTrue(e.getMessage().contains("the fields step back from one unit to the next"), e.getMessage());
    }

    private static NetworkSpec cropAndResizeNetwork() {
        Upsample.Rounding floor = Upsample.Rounding.ROUND_PREFER_FLOOR;
        return network("cropAndResize", 33, 31,
                conv("c", "input", 3, 2, 1),
                Graphs.cropAndResize("half", "input", 1, 1, Upsample.Mode.BILINEAR, floor, 0, 0.25, 0.75, 0, 0.5),
                Graphs.cropAndResize("whole", "c", 2, 1, Upsample.Mode.BILINEAR, floor, 0),
                Graphs.cropAndResize("up", "c", 3, 1, Upsample.Mode.NEAREST, floor, 0, 0.125, 0.875, 0.5, 1),
                Graphs.cropAndResize("ceil", "c", 5, 2, Upsample.Mode.NEAREST, Upsample.Rounding.ROUND_PREFER_CEIL,
                        0, 0.0625, 0.5, 0.25, 0.75),
                Graphs.cropAndResize("floor", "c", 2, 1, Upsample.Mode.NEAREST, Upsample.Rounding.FLOOR, 0,
                        0.375, 0.625, 0, 1),
                Graphs.cropAndResize("cl", "c", 2, 1, Upsample.Mode.NEAREST, Upsample.Rounding.CEIL, 0,
                        0.375, 0.625, 0.75, 1),
                Graphs.cropAndResize("twoTaps", "c", 3, 2, Upsample.Mode.CUBIC, floor, 0, 0.25, 1, 0.5, 0.75),
                Graphs.cropAndResize("down", "input", 1, 3, Upsample.Mode.BILINEAR, floor, 0, 0.5, 1, 0.25, 0.5),
                Graphs.cropAndResize("one", "input", 1, 20, Upsample.Mode.BILINEAR, floor, 0, 0.25, 0.5, 0.125, 1),
                conv("after", "up", 3, 2, 0),
                conv("wide", "half", 4, 3, 1));
    }

    /** Crop and resize of a map of one unit to several: every unit would sit on it, so the input is too small. */
    @Test
    void aCropAndResizeOfOneUnitToSeveralIsTooSmall() {
        NetworkSpec spec = network("oneUnit", 8, 8, conv("c", "input", 8, 8, 0),
                Graphs.cropAndResize("up", "c", 2, 1, Upsample.Mode.BILINEAR, Upsample.Rounding.ROUND_PREFER_FLOOR, 0,
                        0.25, 0.75, 0.25, 0.75));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.outputSize(1, Size.of(8, 8)));
        assertTrue(e.getMessage().contains("up"), e.getMessage());
        assertEquals(4, spec.outputSize(1, Size.of(16, 16)).width());
        assertEquals(Size.of(16, 16), spec.minInputSize());
    }

    private static NetworkSpec nearestNetwork() {
        return network("nearest", 33, 31,
                conv("c", "input", 3, 2, 1),
                nearest("exact", "input", 65, 33, Upsample.Coordinates.HALF_PIXEL, Upsample.Rounding.ROUND_PREFER_CEIL),
                nearest("half", "c", 10, 7, Upsample.Coordinates.HALF_PIXEL, Upsample.Rounding.ROUND_PREFER_FLOOR),
                nearest("floor3", "c", 3, 1, Upsample.Coordinates.ASYMMETRIC, Upsample.Rounding.FLOOR),
                nearest("round2", "c", 2, 1, Upsample.Coordinates.ASYMMETRIC, Upsample.Rounding.ROUND_PREFER_FLOOR),
                nearest("round32", "c", 3, 2, Upsample.Coordinates.ASYMMETRIC, Upsample.Rounding.ROUND_PREFER_CEIL),
                nearest("corners", "c", 5, 2, Upsample.Coordinates.ALIGN_CORNERS, Upsample.Rounding.ROUND_PREFER_CEIL),
                nearest("cornersFloor", "c", 3, 1, Upsample.Coordinates.ALIGN_CORNERS, Upsample.Rounding.FLOOR),
                nearest("cornersCeil", "c", 2, 1, Upsample.Coordinates.ALIGN_CORNERS, Upsample.Rounding.CEIL),
                conv("after", "floor3", 3, 2, 0),
                nearest("again", "after", 7, 3, Upsample.Coordinates.HALF_PIXEL, Upsample.Rounding.ROUND_PREFER_CEIL),
                conv("wide", "round32", 4, 3, 1));
    }

    /**
     * A nearest unit rounding outside its input (half-pixel floor: unit 0 at -1/4 floors to -1) is
     * refused at run time with the engine's reason, not as an input too small.
     */
    @Test
    void aNearestUnitRoundingOutsideItsInputIsRefusedWithTheReason() {
        NetworkSpec spec = network("clamped", 8, 8,
                nearest("up", "input", 2, 1, Upsample.Coordinates.HALF_PIXEL, Upsample.Rounding.FLOOR));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.forInput(Size.of(8, 8)));
        assertTrue(e.getMessage().contains("which rounds to unit -1, outside the 8 units of its input"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} at {1}x{2}")
    @MethodSource("graphs")
    void everyUnitMatchesTheBruteForce(NetworkSpec spec, int height, int width) {
        List<LayerGeometry> layers = spec.forInput(Size.of(width, height));
        BruteForceAxis rows = new BruteForceAxis(spec, true, height);
        BruteForceAxis columns = new BruteForceAxis(spec, false, width);
        for (int i = 0; i < layers.size(); i++) {
            LayerGeometry g = layers.get(i);
            assertAxis(g.name() + " rows", rows, i, g.y(), height);
            assertAxis(g.name() + " columns", columns, i, g.x(), width);
            assertEquals(new Shape(g.output().channels(), g.y().size(), g.x().size()), spec.outputSize(i, Size.of(width, height)));
        }
    }

    private static void assertAxis(String at, BruteForceAxis brute, int layer, AxisGeometry g, int inputSize) {
        assertEquals(inputSize, g.inputSize(), at);
        assertEquals(brute.size(layer), g.size(), at + ": size");
        Frac c0 = brute.centre(layer, Frac.of(0));
        Frac jump = brute.centre(layer, Frac.of(1)).minus(c0);
        assertEquals(c0, Frac.of(g.exactCenter()), at + ": centre of unit 0");
        assertEquals(jump, Frac.of(g.exactJump()), at + ": jump");
        // The margin covers a period (crop and resize repeats only every N - 1 units or more).
        int margin = Math.max(MARGIN, g.period());
        int widest = 0;
        long firstPixel = Long.MAX_VALUE;
        long lastPixel = Long.MIN_VALUE;
        for (int u = -margin; u < g.size() + margin; u++) {
            TreeSet<Long> pixels = brute.pixels(layer, u);
            assertEquals((long) pixels.first(), g.fieldStart(u), at + ": first pixel of unit " + u);
            assertEquals((long) pixels.last(), g.fieldEnd(u), at + ": last pixel of unit " + u);
            // rf: over the map's units and every phase (the same as over all units where the
            // fields repeat; a context makes virtual units far out wider than any real one).
            if (u >= 0 && u < Math.max(g.size(), g.period())) {
                widest = (int) Math.max(widest, pixels.last() - pixels.first() + 1);
            }
            Frac centre = brute.centre(layer, Frac.of(u));
            assertEquals(centre.value(), g.toInput(u), 1e-9, at + ": centre of unit " + u);
            assertEquals(u, g.fromInput(centre.value()), 1e-9, at + ": unit at the centre of unit " + u);
            if (u >= 0 && u < g.size()) {
                firstPixel = Math.min(firstPixel, pixels.first());
                lastPixel = Math.max(lastPixel, pixels.last());
            }
        }
        assertEquals(widest, g.rf(), at + ": widest field");
        // Every half pixel around the map's fields: which real units contain it.
        for (long twice = 2 * firstPixel - 6; twice <= 2 * lastPixel + 6; twice++) {
            double p = twice / 2.0;
            int first = -1;
            int last = -1;
            for (int u = 0; u < g.size(); u++) {
                TreeSet<Long> pixels = brute.pixels(layer, u);
                if (pixels.first() <= p && p <= pixels.last()) {
                    first = first < 0 ? u : first;
                    last = u;
                }
            }
            if (first < 0) {
                assertTrue(g.firstUnitContaining(p) > g.lastUnitContaining(p), at + ": no unit contains " + p);
            } else {
                assertEquals(first, g.firstUnitContaining(p), at + ": first unit containing " + p);
                assertEquals(last, g.lastUnitContaining(p), at + ": last unit containing " + p);
            }
        }
    }
}
