package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Channels} and {@code @ChannelShuffle}: a ShuffleNet-like unit compiles to the channel
 * counts worked out by hand, its run-time spec and manifest keep the selection, and every mistake
 * is reported at the attribute to change. Layout as in {@link Sources}: layers from line 5,
 * indented by 4, on a 3x32x32 input.
 */
class ChannelLayersTest {

    /** The column of {@code token} in a layer line (indented by 4), counting from 1. */
    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    /*
     * Input 3x32x32. stem: 8 channels, k 3, s 2, p 1 -> 16x16, jump 2, rf 3.
     * left: channels 0..3 of 8 -> 4x16x16, geometry of stem. right: channels 4..7 -> 4x16x16.
     * branch: k 3, p 1 on right -> 4x16x16, rf 3 + 2 * 2 = 7. cat: 8x16x16 (fields: the union, 7).
     * shuffle: groups 2 of 8 -> 8x16x16, geometry of cat.
     */
    static final JavaFileObject UNIT = Sources.network("Unit",
            "@Network(input = @Input(channels = 3, height = 32, width = 32))",
            "@Conv(out = 8, k = 3, s = 2, p = 1) Object stem;",
            "@Channels(count = 4) Object left;",
            "@Channels(from = \"stem\", first = 4, count = 4) Object right;",
            "@Conv(out = 4, k = 3, p = 1) Object branch;",
            "@Concat(from = {\"left\", \"branch\"}) Object cat;",
            "@ChannelShuffle(groups = 2) Object shuffle;");

    @Test
    void aShuffleUnitHasTheHandWorkedShapesAndFields() {
        Compilation c = Expect.clean(UNIT);
        Class<?> g = new CompiledClasses(c).load("test.UnitGeometry");
        LayerGeometry left = (LayerGeometry) constant(g, "LEFT");
        LayerGeometry right = (LayerGeometry) constant(g, "RIGHT");
        LayerGeometry stem = (LayerGeometry) constant(g, "STEM");
        assertEquals(new Shape(4, 16, 16), left.output());
        assertEquals(new Shape(4, 16, 16), right.output());
        assertEquals(stem.y(), left.y());
        assertEquals(stem.x(), right.x());
        LayerGeometry shuffle = (LayerGeometry) constant(g, "SHUFFLE");
        assertEquals(new Shape(8, 16, 16), shuffle.output());
        assertEquals(7, shuffle.rfHeight());
        assertEquals(((LayerGeometry) constant(g, "CAT")).x(), shuffle.x());
        @SuppressWarnings("unchecked")
        List<LayerGeometry> big = (List<LayerGeometry>) call(g, "forInput", Size.of(64, 48));
        assertEquals(new Shape(4, 24, 32), big.get(2).output());
        assertEquals(new Shape(8, 24, 32), big.get(5).output());
    }

    @Test
    void theRunTimeSpecKeepsTheSelectionAndTheGroups() {
        Class<?> g = new CompiledClasses(Expect.clean(UNIT)).load("test.UnitGeometry");
        NetworkSpec network = (NetworkSpec) call(g, "network");
        LayerSpec right = network.layers().get(2);
        assertEquals("right: Channels 4..7 of 8", right.toString());
        assertEquals(4, right.firstChannel());
        assertEquals("shuffle: ChannelShuffle 8 groups 2", network.layers().get(5).toString());
    }

    @Test
    void theManifestStatesTheRangeAndTheGroups() {
        Compilation c = Expect.clean(UNIT);
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Unit"));
        assertEquals("Channels", Json.get(m, "layers", 2, "kind"));
        assertEquals(4L, Json.get(m, "layers", 2, "channels", "first"));
        assertEquals(4L, Json.get(m, "layers", 2, "channels", "count"));
        assertEquals(0L, Json.get(m, "layers", 1, "channels", "first"));
        assertEquals(2L, Json.get(m, "layers", 5, "groups"));
        assertEquals(8L, Json.get(m, "layers", 5, "output", "channels"));
    }

    @Test
    void unknownChannelsLeaveTheRangeUncheckedAndTheCountKnown() {
        Compilation c = Expect.clean(net("@Conv(k = 3) Object a;", "@Channels(first = 100, count = 5) Object b;"));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Net"));
        assertEquals(5L, Json.get(m, "layers", 1, "output", "channels"));
    }

    // --- mistakes -----------------------------------------------------------------------------

    @Test
    void aNegativeFirstChannel() {
        String layer = "@Channels(first = -1, count = 2) Object c;";
        oneError(net(layer), 5, column(layer, "-1"),
                "layer 'c': first = -1 is negative, but channels are counted from 0; use 0 or more"
                        + " [convgeom:negative-first-channel]");
    }

    @Test
    void anEmptyRange() {
        String layer = "@Channels(first = 1, count = 0) Object c;";
        oneError(net(layer), 5, column(layer, "0)"),
                "layer 'c': count = 0, but count (the number of channels selected) must be at least 1"
                        + " [convgeom:not-positive]");
    }

    @Test
    void aRangeBeyondTheChannelsIsBlamedOnItsCount() {
        String layer = "@Channels(from = \"a\", first = 6, count = 4) Object c;";
        oneError(net("@Conv(out = 8, k = 3) Object a;", layer), 6, column(layer, "4)"),
                "layer 'c': first = 6, count = 4 selects channels 6 to 9, but its input has 8 channels"
                        + " (shape 8x30x30, from 'a'); use count <= 2, or a smaller first"
                        + " [convgeom:channel-range-outside]");
    }

    @Test
    void aRangeStartingBeyondTheChannelsIsBlamedOnItsFirst() {
        String layer = "@Channels(first = 3, count = 1) Object c;";
        oneError(net(layer), 5, column(layer, "3"),
                "layer 'c': first = 3, count = 1 selects channels 3 to 3, but its input has 3 channels"
                        + " (shape 3x32x32, from the network input); use first <= 2, or select from a map with more"
                        + " channels [convgeom:channel-range-outside]");
    }

    @Test
    void aDefaultedFirstIsBlamedAtTheCount() {
        String layer = "@Channels(count = 4) Object c;";
        oneError(net(layer), 5, column(layer, "4"),
                "layer 'c': first = 0, count = 4 selects channels 0 to 3, but its input has 3 channels"
                        + " (shape 3x32x32, from the network input); use count <= 3, or a smaller first"
                        + " [convgeom:channel-range-outside]");
    }

    @Test
    void shuffleGroupsThatDoNotDivideTheChannels() {
        String layer = "@ChannelShuffle(groups = 4) Object s;";
        oneError(net("@Conv(out = 6, k = 1) Object a;", layer), 6, column(layer, "4"),
                "layer 's': groups = 4 does not divide the 6 input channels (from 'a'), so they cannot be"
                        + " interleaved in equal groups; use a divisor of the channels, e.g. groups = 2"
                        + " [convgeom:shuffle-groups-mismatch]");
    }

    @Test
    void shuffleGroupsBelowOne() {
        String layer = "@ChannelShuffle(groups = 0) Object s;";
        oneError(net(layer), 5, column(layer, "0"),
                "layer 's': groups = 0, but groups must be at least 1 [convgeom:not-positive]");
    }

    @Test
    void missingCountOrGroupsIsLeftToJavac() {
        for (String layer : List.of("@Channels(first = 1) Object c;", "@ChannelShuffle Object s;")) {
            Compilation c = Compilers.compile(net(layer));
            assertThat(c).failed();
            Expect.nothingFromProcessor(c);
        }
    }
}
