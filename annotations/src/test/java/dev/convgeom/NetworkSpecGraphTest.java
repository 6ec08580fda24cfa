package dev.convgeom;

import static dev.convgeom.Graphs.C;
import static dev.convgeom.Graphs.add;
import static dev.convgeom.Graphs.concat;
import static dev.convgeom.Graphs.conv;
import static dev.convgeom.Graphs.crop;
import static dev.convgeom.Graphs.deconv;
import static dev.convgeom.Graphs.globalAvgPool;
import static dev.convgeom.Graphs.maxPool;
import static dev.convgeom.Graphs.network;
import static dev.convgeom.Graphs.relu;
import static dev.convgeom.Graphs.upsample;
import static dev.convgeom.Graphs.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkSpec} on graphs: sizes, misfits, smallest and exact inputs, mapping between
 * layers, and the checks of {@link LayerSpec} and the constructor. Expected numbers are derived
 * by hand in the comments; the published CaffeNet table comes from the geometry reference.
 */
class NetworkSpecGraphTest {

    /**
     * conv1 (k 3, p 1) keeps n; pool1 (k 2, s 2) gives floor(n/2); up (k 4, s 2, p 1) gives
     * (floor(n/2) - 1) * 2 - 2 + 4 = 2 floor(n/2), equal to conv1's n only for even n; score (k 3)
     * gives n - 2; the crop of fuse from 1 to score's n - 2 needs n - 1 <= n.
     */
    private static final NetworkSpec FUSION = network("Fusion", 20, 16,
            conv("conv1", "input", 3, 1, 1),
            maxPool("pool1", "conv1", 2, 2),
            deconv("up", "pool1", 4, 2, 1),
            add("fuse", "up", "conv1"),
            conv("score", "fuse", 3, 1, 0),
            crop("fusec", "fuse", "score", 1, 1),
            concat("out", "score", "fusec"));

    @Test
    void sizesFollowTheGraph() {
        assertEquals(new Shape(2 * C, 18, 14), FUSION.outputSize(Size.of(16, 20)));
        assertEquals(new Shape(C, 10, 8), FUSION.outputSize(1, Size.of(16, 20)));
        assertEquals(new Shape(C, 20, 16), FUSION.outputSize(3, Size.of(16, 20)));
    }

    @Test
    void smallestInputsAreSearched() {
        // fuse needs pool1 >= 1 (n >= 2) and n even: 2. The whole network needs score >= 1: n >= 4, even: 4.
        assertEquals(Size.of(2, 2), FUSION.minInputSize(3));
        assertEquals(Size.of(4, 4), FUSION.minInputSize());
        // pool1 alone needs n >= 2 (odd sizes fit: the merge is not among its inputs).
        assertEquals(Size.of(2, 2), FUSION.minInputSize(1));
        assertEquals(new Shape(C, 5, 3), FUSION.outputSize(1, Size.of(7, 11)));
    }

    @Test
    void exactSizesTileEveryWindowAndFitEveryMerge() {
        // pool1 tiles when (n - 2) is even; conv1 and score (stride 1) tile always.
        assertTrue(FUSION.isExact(Size.of(16, 20)));
        assertFalse(FUSION.isExact(Size.of(16, 21)));
        assertFalse(FUSION.isExact(Size.of(2, 2)), "score does not fit");
        assertEquals(Size.of(8, 6), FUSION.nextExactSize(Size.of(7, 5)));
        assertEquals(Size.of(4, 4), FUSION.nextExactSize(Size.of(1, 1)));
    }

    @Test
    void aMisfitNamesTheLayerAndBothSizes() {
        // a (k 2) makes 15 into 14; b passes 15 through.
        NetworkSpec misfit = network("Misfit", 15, 15, conv("a", "input", 2, 1, 0), relu("b", "input"),
                concat("cat", "a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> misfit.forInput(Size.of(15, 15)));
        assertEquals("Misfit: input 15x15 (width x height): layer 'cat' joins maps of different sizes: 'a' has 14 rows, 'b' has 15",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> misfit.outputSize(Size.of(15, 15)));
        assertEquals(new Shape(C, 14, 14), misfit.outputSize(0, Size.of(15, 15)), "a alone fits");
        e = assertThrows(IllegalArgumentException.class, misfit::minInputSize);
        assertTrue(e.getMessage().contains("no input width from 1 to"), e.getMessage());
        assertFalse(misfit.isExact(Size.of(15, 15)));
    }

    @Test
    void aCropMustFit() {
        NetworkSpec tight = network("Tight", 10, 12, conv("small", "input", 3, 1, 0), crop("c", "small", "input", 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tight.forInput(Size.of(12, 10)));
        assertEquals("Tight: input 12x10 (width x height): layer 'c' crops 8 rows of 'small' from 0 to the 10 of 'input', which needs 10",
                e.getMessage());
    }

    @Test
    void tooSmallNamesTheSmallestInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FUSION.forInput(Size.of(8, 2)));
        assertTrue(e.getMessage().contains("layer 'score'") && e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void mergesNeedEqualJumps() {
        // Both branches give 4 units from 8, with jumps 2 and 1.
        NetworkSpec jumps = network("Jumps", 8, 8, conv("a", "input", 1, 2, 0), conv("b", "input", 5, 1, 0),
                add("sum", "a", "b"));
        assertEquals(new Shape(C, 4, 4), jumps.outputSize(Size.of(8, 8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jumps.forInput(Size.of(8, 8)));
        assertTrue(e.getMessage().contains("'sum'") && e.getMessage().contains("jumps"), e.getMessage());
    }

    @Test
    void globalPoolingAdaptsToAnySize() {
        NetworkSpec gap = network("Gap", 9, 9, conv("c", "input", 3, 2, 0), globalAvgPool("g", "c"));
        assertEquals(new Shape(C, 1, 1), gap.outputSize(Size.of(9, 9)));
        assertEquals(new Shape(C, 1, 1), gap.outputSize(Size.of(57, 101)));
        assertEquals(Size.of(3, 3), gap.minInputSize());
        // c on 9: 4 units, jump 2, centre 1, field [0, 2]. g reads units 0..3: [0, 2 + 3 * 2] = [0, 8],
        // centre 1 + (4 - 1)/2 * 2 = 4, jump 2 * 4 = 8.
        AxisGeometry g = gap.forInput(Size.of(9, 9)).get(1).y();
        assertEquals(AxisGeometry.uniform(9, 1, Ratio.of(8), Ratio.of(4), 0, 8), g);
    }

    @Test
    void upsamplingGivesExactFractions() {
        // Nearest by 3 on the input: jump 1/3, centre 0 - 1 * 2/6 = -1/3; units 0, 1, 2 copy pixel 0.
        NetworkSpec up = network("Up", 5, 5, upsample("u", "input", 3, false));
        AxisGeometry u = up.forInput(Size.of(5, 5)).get(0).x();
        assertEquals(new AxisGeometry(5, 15, Ratio.of(1, 3), Ratio.of(-1, 3), new int[] {0, 0, 0}, new int[] {0, 0, 0}), u);
        assertEquals(3, u.period());
        assertEquals(1, u.rf());
        LayerGeometry layer = up.forInput(Size.of(5, 5)).get(0);
        assertEquals("u (Upsample) 4x15x15, rf 1x1, jump 0.3333333333333333x0.3333333333333333, "
                + "center (-0.3333333333333333, -0.3333333333333333)", layer.toString());
    }

    @Test
    void mappingBetweenLayersIsExactAndAgreesWithMapTo() {
        List<LayerGeometry> g = FUSION.forInput(Size.of(16, 20));
        LayerGeometry conv1 = g.get(0);
        LayerGeometry pool1 = g.get(1);
        LayerGeometry up = g.get(2);
        // pool1 (k 2, s 2 on jump 1, centre 0): jump 2, centre 1/2, so conv1 unit = 2 u + 1/2.
        LayerMap m = pool1.mappingTo(conv1);
        assertEquals("pool1 -> conv1: y u' = 2 u + 1/2, x u' = 2 u + 1/2", m.toString());
        // up: jump 2/2 = 1, centre 1/2 - ((4 - 1)/2 - 1) * 2/2 = 0: the same places as conv1.
        assertEquals(new LayerMap("up", "conv1", AxisMap.identity(), AxisMap.identity()), up.mappingTo(conv1));
        for (LayerGeometry a : g) {
            for (LayerGeometry b : g) {
                LayerMap ab = a.mappingTo(b);
                assertEquals(ab.inverse(), b.mappingTo(a));
                // mapTo takes units on a's map; the exact map extrapolates to the virtual units beyond.
                for (int u = -2; u < 5; u++) {
                    Point viaMap = ab.apply(u, u + 1);
                    Point viaInput = new Point(b.x().fromInput(a.x().toInput(u)), b.y().fromInput(a.y().toInput(u + 1)));
                    if (u >= 0) {
                        assertEquals(viaInput, a.mapTo(b, u, u + 1));
                    }
                    assertEquals(viaInput.x(), viaMap.x(), 1e-12);
                    assertEquals(viaInput.y(), viaMap.y(), 1e-12);
                }
            }
        }
    }

    /** The geometry reference's CaffeNet table: a chain keeps its direct formulas and numbers. */
    @Test
    void caffeNetChainAsPublished() {
        Window pool = new Window(3, 2, 1, 0, 0, Padding.EXPLICIT, true);
        NetworkSpec caffeNet = new NetworkSpec("CaffeNet", new Shape(3, 227, 227), List.of(
                conv("conv1", "input", 11, 4, 0),
                relu("relu1", "conv1"),
                new LayerSpec("pool1", "MaxPool", List.of("relu1"), 96, 96, 1, pool, pool, null),
                conv("conv2", "pool1", 5, 1, 2),
                new LayerSpec("pool2", "MaxPool", List.of("conv2"), 256, 256, 1, pool, pool, null),
                conv("conv3", "pool2", 3, 1, 1),
                conv("conv4", "conv3", 3, 1, 1),
                conv("conv5", "conv4", 3, 1, 1),
                new LayerSpec("pool5", "MaxPool", List.of("conv5"), 256, 256, 1, pool, pool, null),
                new LayerSpec("fc6", "FullyConnected", List.of("pool5"), 256, 4096, 1, window(6, 1, 1, 0, 0),
                        window(6, 1, 1, 0, 0), null)));
        List<LayerGeometry> g = caffeNet.forInput(Size.of(227, 227));
        AxisGeometry conv5 = g.get(7).x();
        assertEquals(13, conv5.size());
        assertEquals(163, conv5.rf());
        assertEquals(Ratio.of(16), conv5.exactJump());
        assertEquals(Ratio.of(17), conv5.exactCenter());
        // centre 17 = (lo + hi) / 2 with hi - lo + 1 = 163: lo = -64, hi = 98.
        assertEquals(AxisGeometry.uniform(227, 13, Ratio.of(16), Ratio.of(17), -64, 98), conv5);
        AxisGeometry fc6 = g.get(9).y();
        assertEquals(355, fc6.rf());
        assertEquals(32.0, fc6.jump());
        assertEquals(113.0, fc6.center());
        assertEquals(Size.of(199, 199), caffeNet.minInputSize());
        assertEquals(Size.of(227, 227 + 32), caffeNet.nextExactSize(Size.of(227, 228)));
    }

    @Test
    void layerSpecsCheckTheirParts() {
        Window w = window(3, 1, 1, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> concat("cat", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("c", "Conv", List.of(), 1, 1, 1, w, w, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("c", "Conv", List.of("a", "b"), 1, 1, 1, w, w, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("c", "Conv", List.of("input"), 1, 1, 1, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("u", "Upsample", List.of("input"), 1, 1, 1, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("r", "Relu", List.of("input"), 1, 1, 1, null, null, Resize.upsample(2, false)));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("u", "Upsample", List.of("input"), 1, 1, 1, null, null, Resize.crop("input", 0, 0)));
        // A deconvolution whose kernel is smaller than its stride would leave output units unreached.
        assertThrows(IllegalArgumentException.class, () -> deconv("d", "input", 2, 3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec("p", "Pad", List.of("input"), 1, 1, 1, w, w, null));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(0, false));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Resize.crop("x", -1, 0));
    }

    @Test
    void networksCheckTheirNames() {
        assertThrows(IllegalArgumentException.class, () -> network("N", 8, 8, relu("a", "b"), relu("b", "input")));
        assertThrows(IllegalArgumentException.class, () -> network("N", 8, 8, relu("a", "input"), relu("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> network("N", 8, 8, relu("a", "input"),
                crop("c", "a", "later", 0, 0), relu("later", "a")));
        LayerSpec narrow = new LayerSpec("n", "Conv", List.of("input"), C, 2, 1, window(1, 1, 1, 0, 0),
                window(1, 1, 1, 0, 0), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network("N", 8, 8, narrow, add("sum", "n", "input")));
        assertEquals("N: layer 'sum' adds maps of different channels: 'n' has 2, 'input' has 4", e.getMessage());
    }

    @Test
    void alignedCornersNeedTwoUnitsToStretch() {
        // conv k 4 s 4: 8 pixels give 2 units, 4 to 7 give 1, which aligned corners cannot stretch
        NetworkSpec spec = network("Corners", 8, 8, conv("c", "input", 4, 4, 0),
                upsample("u", "c", 2, 2, Upsample.Coordinates.ALIGN_CORNERS));
        assertEquals(Size.of(8, 8), spec.minInputSize());
        assertThrows(IllegalArgumentException.class, () -> spec.forInput(Size.of(7, 8)));
        // 3 units to 6: unit v at v * 2 / 5, jump 4 * 2 / 5
        assertEquals(Ratio.of(8, 5), spec.forInput(Size.of(12, 8)).get(1).x().exactJump());
    }

    @Test
    void layerSpecsPrintTheirKind() {
        assertEquals("up: Deconv 4->4 k 4x4 s 2x2 p 1/1x1/1", deconv("up", "input", 4, 2, 1).toString());
        assertEquals("d: Deconv 4->4 k 5x3 s 3x3 p 1/2x0/0 op 1",
                deconv("d", "input", window(5, 3, 1, 1, 2), window(3, 3, 1, 0, 0), 1).toString());
        assertEquals("u: Upsample x2 bilinear", upsample("u", "input", 2, true).toString());
        assertEquals("u: Upsample x3 by x2 nearest", upsample("u", "input", 3, 2, false).toString());
        assertEquals("u: Upsample x2 bilinear align_corners",
                upsample("u", "input", 2, 2, Upsample.Coordinates.ALIGN_CORNERS).toString());
        assertEquals("p: Pad 1/2x3/0", Graphs.pad("p", "input", 1, 2, 3, 0).toString());
        assertEquals("score: Crop upscore to input at 19x19", crop("score", "upscore", "input", 19, 19).toString());
        assertEquals("cat: Concat a, b", concat("cat", "a", "b").toString());
        assertEquals("g: GlobalAvgPool", globalAvgPool("g", "x").toString());
        assertEquals("conv1: Conv 4->4 k 3x3 s 1x1 p 1/1x1/1", conv("conv1", "input", 3, 1, 1).toString());
        assertEquals("r: Relu", relu("r", "x").toString());
        LayerSpec fc = new LayerSpec("fc", "FullyConnected", List.of("p"), 4, 8, 1, window(6, 1, 1, 0, 0),
                window(6, 1, 1, 0, 0), null);
        assertEquals(new LayerSpec("fc", "Conv", List.of("p"), 4, 8, 1, fc.y(), fc.x(), null), fc.asConv());
    }
}
