package dev.convgeom.processor;

import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @Gate} and {@code @InstanceNorm}: their located diagnostics, and the generated geometry of
 * a squeeze-and-excitation block, every expected value derived by hand in the comments.
 */
class GateTest {

    private static final String CONV1 = "@Conv(out = 8, k = 3) Object conv1;";

    // --- diagnostics ----------------------------------------------------------------------------

    @Test
    void aGateOfOneName() {
        oneError(net(CONV1, "@Gate(from = \"conv1\") Object g;"), 6, 18,
                "layer 'g': @Gate reads two maps, the map to gate and then its 1x1 gate, but from names 1"
                        + " ('conv1'); write from = {\"map\", \"gate\"} [convgeom:gate-inputs]");
    }

    @Test
    void aGateOfThreeNamesIsBlamedAtTheThird() {
        oneError(net(CONV1, "@Gate(from = {\"conv1\", \"input\", \"conv1\"}) Object g;"), 6, 37,
                "layer 'g': @Gate reads two maps, the map to gate and then its 1x1 gate, but from names 3"
                        + " ('conv1', 'input', 'conv1'); write from = {\"map\", \"gate\"} [convgeom:gate-inputs]");
    }

    @Test
    void aGateMustBeOneUnit() {
        // conv1 (k 3, no padding) on 32x32: 30x30; the 1x1 convolution keeps that
        oneError(net(CONV1, "@Conv(out = 8, k = 1) Object c2;", "@Gate(from = {\"conv1\", \"c2\"}) Object g;"),
                7, 28, "layer 'g': its gate 'c2' is 8x30x30, but a gate must be one unit along the rows and the"
                        + " columns (C x 1 x 1), the same factor for every unit of 'conv1'; compute it with"
                        + " @GlobalAvgPool (squeeze-and-excitation), or merge maps of equal size with @Add"
                        + " [convgeom:gate-not-one-unit]");
    }

    @Test
    void aGateHasOneFactorPerChannelOrOne() {
        oneError(net(CONV1, "@GlobalAvgPool Object gap;", "@Conv(out = 4, k = 1) Object fc;",
                "@Gate(from = {\"conv1\", \"fc\"}) Object g;"), 8, 28,
                "layer 'g': its gate 'fc' has 4 channels and the map it gates, 'conv1', has 8; a gate has one factor"
                        + " per channel, or one for all: give the gate's last layer out = 8 or out = 1"
                        + " [convgeom:gate-channels]");
    }

    /**
     * A gate that is one unit only at the declared size: a 30x30 kernel over conv1's 30x30 map.
     * At 34x34 conv1 has 32 rows and the gate 3: forInput refuses, naming both.
     */
    @Test
    void aGateOfOneUnitOnlyAtTheDeclaredSizeIsRefusedAtOthers() {
        Compilation c = Expect.clean(Sources.network("Fixed", Sources.DEFAULT_NETWORK, CONV1,
                "@Conv(out = 8, k = 30) Object gate;", "@Gate(from = {\"conv1\", \"gate\"}) Object excite;"));
        Class<?> g = new CompiledClasses(c).load("test.FixedGeometry");
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> call(g, "forInput", Size.of(34, 34)));
        assertTrue(e.getMessage().contains("layer 'excite' gates 'conv1' by 'gate', which has 3 rows instead of 1"),
                e.getMessage());
    }

    /** A normalisation's context is the whole map at each size: the Javadoc sends other sizes to forInput. */
    @Test
    void aNormalisedNetworkSaysItsFieldsDependOnTheInputSize() {
        Compilation c = Expect.clean(Sources.network("Norm", Sources.DEFAULT_NETWORK, CONV1, "@InstanceNorm Object norm;"));
        assertTrue(GeneratedCodeTest.contents(c.generatedSourceFile("test.NormGeometry").orElseThrow())
                .contains("This network reads whole maps (a gate or a normalisation over the map), so the fields"
                        + " from there on depend on the input size"));
        // conv1 (k 3) on 32: 30 units, [u, u + 2]; the normalisation spans [0, 31], 32 pixels at
        // 32x32, [0, 63] at 64x64.
        Class<?> g = new CompiledClasses(c).load("test.NormGeometry");
        assertEquals(new Box(0, 0, 31, 31), ((LayerGeometry) constant(g, "NORM")).receptiveField(4, 9));
        @SuppressWarnings("unchecked")
        List<LayerGeometry> big = (List<LayerGeometry>) call(g, "forInput", Size.of(64, 64));
        assertEquals(new Box(0, 0, 63, 63), big.get(1).receptiveField(4, 9));
    }

    // --- geometry -------------------------------------------------------------------------------

    /**
     * conv1 (k 3, p 1) sees [u - 1, u + 1]; pool (k 2, s 2) jump 2, unit u [2u - 1, 2u + 2], 16
     * units; the global pool of pool covers units 0..15, [-1, 32]. The gate adds [-1, 32] to every
     * unit: unit u of excite sees [min(2u - 1, -1), max(2u + 2, 32)] = [-1, 32] for all 16 units.
     * conv2 (k 3, p 1) after it: local [2u - 3, 2u + 4]; unit 0 [-3, 32], unit 7 [-1, 32], unit 15
     * [-1, 34]; widest 36 (units 0 and 15).
     */
    static final String[] SE = {
        "@Conv(out = 8, k = 3, p = 1) Object conv1;",
        "@MaxPool(k = 2, s = 2) Object pool;",
        "@GlobalAvgPool Object squeeze;",
        "@Conv(out = 2, k = 1) Object fc1;",
        "@Relu Object relu;",
        "@Conv(out = 8, k = 1) Object fc2;",
        "@Sigmoid Object scale;",
        "@Gate(from = {\"pool\", \"scale\"}) Object excite;",
        "@Conv(out = 8, k = 3, p = 1) Object conv2;",
        "@InstanceNorm Object norm;"};

    @Test
    void aGatedUnitSeesItsOwnFieldAndTheWholePooledMap() {
        Compilation c = Expect.clean(Sources.network("Se", Sources.DEFAULT_NETWORK, SE));
        Class<?> g = new CompiledClasses(c).load("test.SeGeometry");
        LayerGeometry pool = (LayerGeometry) constant(g, "POOL");
        assertFalse(pool.x().hasContext());
        assertEquals(new Box(13, 13, 16, 16), pool.receptiveField(7, 7));
        LayerGeometry excite = (LayerGeometry) constant(g, "EXCITE");
        assertEquals(new Box(-1, -1, 32, 32), excite.receptiveField(0, 0));
        assertEquals(new Box(-1, -1, 32, 32), excite.receptiveField(15, 15));
        assertEquals(-1, excite.x().contextStart());
        assertEquals(32, excite.x().contextEnd());
        assertEquals(34, excite.rfWidth());
        assertEquals(0.5, excite.x().center());      // where the unit looks: the pool's
        assertEquals(2.0, excite.x().jump());
        LayerGeometry conv2 = (LayerGeometry) constant(g, "CONV2");
        assertEquals(new Box(-3, -3, 32, 32), conv2.receptiveField(0, 0));
        assertEquals(new Box(-1, -1, 32, 32), conv2.receptiveField(7, 7));
        assertEquals(new Box(-1, -1, 34, 34), conv2.receptiveField(15, 15));
        assertEquals(new Box(0, 0, 31, 31), conv2.clippedReceptiveField(7, 7));
        assertEquals(36, conv2.rfWidth());
        // Every unit contains pixel 20 (inside the context); pixel 33 only units whose local field reaches it.
        assertEquals(0, conv2.x().firstUnitContaining(20));
        assertEquals(15, conv2.x().lastUnitContaining(20));
        assertEquals(15, conv2.x().firstUnitContaining(33));     // 2u + 4 >= 33: u >= 14.5
        assertEquals(0, conv2.x().lastUnitContaining(-3));        // 2u - 3 <= -3: u = 0
        // The normalisation spans conv2's whole field, [-3, 34]: every unit now sees all of it.
        LayerGeometry norm = (LayerGeometry) constant(g, "NORM");
        assertEquals(new Box(-3, -3, 34, 34), norm.receptiveField(7, 7));
        assertEquals(38, norm.rfWidth());
        // The output's static shortcut (norm is the output) holds the context too.
        assertEquals(new Box(-3, -3, 34, 34), call(g, "receptiveField", 7, 7));
        assertEquals(new Box(-3, -3, 34, 34), call(g, "receptiveField", 0, 15));
        // At 64x64 the global pool covers [-1, 64]: conv2's unit 7 (local [11, 18]) sees [-1, 64].
        @SuppressWarnings("unchecked")
        List<LayerGeometry> big = (List<LayerGeometry>) call(g, "forInput", Size.of(64, 64));
        assertEquals(new Box(-1, -1, 64, 64), big.get(8).receptiveField(7, 7));
        assertEquals(new Box(-3, -3, 64, 64), big.get(8).receptiveField(0, 0));
        String manifest = GeneratedCodeTest.manifestOf(c, "test.Se");
        assertTrue(manifest.contains("\"context\": {\"top\": -1, \"left\": -1, \"bottom\": 32, \"right\": 32}"),
                manifest);
    }
}
