package dev.convgeom.processor;

import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @PixelShuffle} and {@code @PixelUnshuffle}: an ESPCN head and an unshuffle compile to the
 * shapes and fields worked out by hand from PyTorch's definitions (a shuffle's unit
 * {@code (x, y)} reads unit {@code (x / r, y / r)}; an unshuffle's the block {@code r x .. r x + r - 1});
 * the run-time spec, the literals and the manifest keep the factor, and every mistake is reported
 * at {@code factor}. Layout as in {@link Sources}: layers from line 5, indented by 4.
 */
class PixelShuffleTest {

    /*
     * Input 1x20x30 (height 20, width 30). conv1 k 5 p 2 -> 64x20x30, rf 5; conv2 k 3 p 1 -> rf 7;
     * conv3 k 3 p 1 -> 9x20x30, rf 9, unit u reads pixels u - 4 .. u + 4. shuffle by 3: 1x60x90;
     * unit v reads conv3 unit floor(v / 3): pixels floor(v / 3) - 4 .. floor(v / 3) + 4; jump 1/3,
     * unit 0 centred at (0 + 1/2) / 3 - 1/2 = -1/3.
     */
    static final JavaFileObject ESPCN = Sources.network("Espcn",
            "@Network(input = @Input(channels = 1, height = 20, width = 30))",
            "@Conv(out = 64, k = 5, p = 2) Object conv1;",
            "@Conv(out = 32, k = 3, p = 1) Object conv2;",
            "@Conv(out = 9, k = 3, p = 1) Object conv3;",
            "@PixelShuffle(factor = 3) Object shuffle;");

    /*
     * Input 3x32x32. down by 2: 12x16x16, unit u reads pixels 2u, 2u + 1; jump 2, centre of unit 0
     * 1/2. conv k 3 p 1: 4x16x16, unit u reads down units u - 1 .. u + 1: pixels 2u - 2 .. 2u + 3.
     * up by 2: 1x32x32, unit v reads conv unit floor(v / 2).
     */
    static final JavaFileObject ROUND_TRIP = Sources.network("Trip",
            "@Network(input = @Input(channels = 3, height = 32, width = 32))",
            "@PixelUnshuffle(factor = 2) Object down;",
            "@Conv(out = 4, k = 3, p = 1) Object conv;",
            "@PixelShuffle(factor = 2) Object up;");

    @Test
    void anEspcnHeadHasTheHandWorkedShapesAndFields() {
        Class<?> g = new CompiledClasses(Expect.clean(ESPCN)).load("test.EspcnGeometry");
        LayerGeometry shuffle = (LayerGeometry) constant(g, "SHUFFLE");
        assertEquals(new Shape(1, 60, 90), shuffle.output());
        assertEquals(9, shuffle.rfWidth());
        assertEquals(Ratio.of(1, 3), shuffle.x().exactJump());
        assertEquals(Ratio.of(-1, 3), shuffle.x().exactCenter());
        // Column 5 copies conv3's column 1 (pixels -3 .. 5), row 7 its row 2 (pixels -2 .. 6).
        assertEquals(new Box(-3, -2, 5, 6), shuffle.receptiveField(5, 7));
        // Column 89 copies conv3's column 29 (pixels 25 .. 33), row 59 its row 19 (pixels 15 .. 23).
        assertEquals(new Box(25, 15, 33, 23), shuffle.receptiveField(89, 59));
        @SuppressWarnings("unchecked")
        List<LayerGeometry> big = (List<LayerGeometry>) call(g, "forInput", Size.of(7, 11));
        assertEquals(new Shape(1, 33, 21), big.get(3).output());
    }

    @Test
    void anUnshuffleReadsItsBlocksAndTheShuffleBackCopiesUnits() {
        Class<?> g = new CompiledClasses(Expect.clean(ROUND_TRIP)).load("test.TripGeometry");
        LayerGeometry down = (LayerGeometry) constant(g, "DOWN");
        assertEquals(new Shape(12, 16, 16), down.output());
        assertEquals(new Box(6, 2, 7, 3), down.receptiveField(3, 1));
        assertEquals(Ratio.of(1, 2), down.y().exactCenter());
        LayerGeometry conv = (LayerGeometry) constant(g, "CONV");
        assertEquals(new Box(2, -2, 7, 3), conv.receptiveField(2, 0));
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        assertEquals(new Shape(1, 32, 32), up.output());
        assertEquals(conv.receptiveField(2, 0), up.receptiveField(5, 1));
    }

    @Test
    void theShufflesJavadocNamesItsBlocksNotAnUpsampling() {
        // The phase note of a period-3 layer read "after upsampling" for the shuffle too, which moves
        // channels into blocks and interpolates nothing; a layer after an upsampling keeps that word.
        String source = GeneratedCodeTest.sourceOf(Expect.clean(ESPCN), "test.EspcnGeometry");
        String shuffle = source.lines().filter(l -> l.contains("{@code shuffle}, declared")).findFirst().orElseThrow();
        assertEquals("    /** {@code shuffle}, declared {@code @PixelShuffle(factor = 3)}; the pixel shuffle gives each"
                + " unit of a block its own channel, and its field depends on the unit's place in the block"
                + " (period 3\u00d73), the table gives the widest. */", shuffle);
    }

    @Test
    void theRunTimeSpecAndItsLiteralsKeepTheFactor() {
        Class<?> g = new CompiledClasses(Expect.clean(ROUND_TRIP)).load("test.TripGeometry");
        NetworkSpec network = (NetworkSpec) call(g, "network");
        assertEquals("down: PixelUnshuffle 3->12 /2", network.layers().get(0).toString());
        assertEquals("up: PixelShuffle 4->1 x2", network.layers().get(2).toString());
        assertEquals("down PixelUnshuffle ^ 3 12 1 2,2,1,0,0 =", dev.convgeom.Literals.line(network.layers().get(0), "input"));
        assertEquals("up PixelShuffle ^ 4 1 1 - - upsample,2,nearest",
                dev.convgeom.Literals.line(network.layers().get(2), "conv"));
        assertEquals(new Shape(1, 64, 48), network.outputSize(Size.of(48, 64)));
        assertEquals(Size.of(2, 2), network.minInputSize());
        assertEquals(Size.of(34, 34), network.nextExactSize(Size.of(33, 33)));
    }

    @Test
    void anInputThatIsNotWholeBlocksIsRefusedAtRunTime() {
        Class<?> g = new CompiledClasses(Expect.clean(ROUND_TRIP)).load("test.TripGeometry");
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> {
            try {
                g.getMethod("forInput", Size.class).invoke(null, Size.of(33, 32));
            } catch (ReflectiveOperationException r) {
                throw r;
            }
        });
        assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
        assertTrue(e.getCause().getMessage().contains("layer 'down' cuts the 33 columns of 'input' into blocks of 2"),
                e.getCause().getMessage());
    }

    @Test
    void theManifestStatesTheFactor() {
        Compilation c = Expect.clean(ROUND_TRIP);
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Trip"));
        assertEquals("PixelUnshuffle", Json.get(m, "layers", 0, "kind"));
        assertEquals(2L, Json.get(m, "layers", 0, "factor"));
        assertEquals(12L, Json.get(m, "layers", 0, "output", "channels"));
        assertEquals(2L, Json.get(m, "layers", 2, "factor"));
        assertEquals(1L, Json.get(m, "layers", 2, "output", "channels"));
    }

    // --- mistakes -----------------------------------------------------------------------------

    @Test
    void shuffledChannelsThatAreNotWholeBlocks() {
        String layer = "@PixelShuffle(factor = 2) Object ps;";
        oneError(net(layer), 5, 4 + layer.indexOf("2") + 1,
                "layer 'ps': factor = 2 needs a multiple of factor x factor input channels, but its input has 3"
                        + " (shape 3x32x32, from the network input), so they do not make whole 2x2 blocks of 4;"
                        + " give it 4 channels, or another factor [convgeom:shuffle-channels-indivisible]");
    }

    @Test
    void shuffledChannelsAboveABlockSuggestBothNeighbours() {
        String layer = "@PixelShuffle(factor = 2) Object ps;";
        oneError(net("@Conv(out = 10, k = 1) Object a;", layer), 6, 4 + layer.indexOf("2") + 1,
                "layer 'ps': factor = 2 needs a multiple of factor x factor input channels, but its input has 10"
                        + " (shape 10x32x32, from 'a'), so they do not make whole 2x2 blocks of 4;"
                        + " give it 8 or 12 channels, or another factor [convgeom:shuffle-channels-indivisible]");
    }

    @Test
    void anUnshuffleOfAMapItsFactorDoesNotDivide() {
        String layer = "@PixelUnshuffle(factor = 3) Object pu;";
        oneError(Sources.network("Net", "@Network(input = @Input(channels = 3, height = 30, width = 32))", layer),
                5, 4 + layer.indexOf("3") + 1,
                "layer 'pu': factor = 3 does not divide its input's width of 32 (shape 3x30x32, from the network"
                        + " input), but a pixel unshuffle cuts its input into whole 3x3 blocks (PyTorch and ONNX"
                        + " SpaceToDepth refuse a remainder); give it an input width of 30 or 33, or a factor that"
                        + " divides it [convgeom:unshuffle-indivisible]");
    }

    @Test
    void anUnshuffleOfAMapSmallerThanOneBlock() {
        String layer = "@PixelUnshuffle(factor = 4) Object pu;";
        oneError(Sources.network("Net", "@Network(input = @Input(channels = 3, height = 3, width = 8))", layer),
                5, 4 + layer.indexOf("4") + 1,
                "layer 'pu': factor = 4 does not divide its input's height of 3 (shape 3x3x8, from the network"
                        + " input), but a pixel unshuffle cuts its input into whole 4x4 blocks (PyTorch and ONNX"
                        + " SpaceToDepth refuse a remainder); give it an input height of 4, or a factor that"
                        + " divides it [convgeom:unshuffle-indivisible]");
    }

    @Test
    void aFactorBelowOne() {
        String layer = "@PixelUnshuffle(factor = 0) Object pu;";
        oneError(net(layer), 5, 4 + layer.indexOf("0") + 1,
                "layer 'pu': factor = 0, but a downscale factor must be at least 1 [convgeom:not-positive]");
        String shuffle = "@PixelShuffle(factor = -2) Object ps;";
        oneError(net(shuffle), 5, 4 + shuffle.indexOf("-2") + 1,
                "layer 'ps': factor = -2, but an upsampling factor must be at least 1 [convgeom:not-positive]");
    }
}
