package dev.convgeom.processor;

import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;

import org.junit.jupiter.api.Test;

/**
 * {@code @Pad} in {@code REFLECT} and {@code EDGE} mode: accepted where every window that reads a
 * copy also reads the unit copied (CycleGAN's generator), refused at {@code mode} otherwise. Layout
 * as in {@link Sources}: layers from line 5, indented by 4, on a 3x32x32 input.
 */
class PadModeDiagnosticsTest {

    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    @Test
    void cycleGanLikeGeneratorCompiles() {
        // ReflectionPad2d(3) + 7x7, two stride-2 convolutions, residual blocks of ReflectionPad2d(1) + 3x3
        // at stride 4, two transposed convolutions, ReflectionPad2d(3) + 7x7; an edge pad before a 2x2 pool.
        clean(net("@Pad(top = 3, bottom = 3, left = 3, right = 3, mode = Pad.Mode.REFLECT) Object pad0;",
                "@Conv(out = 8, k = 7) Object c0;",
                "@InstanceNorm Object n0;",
                "@Conv(out = 16, k = 3, s = 2, p = 1) Object down1;",
                "@Conv(out = 32, k = 3, s = 2, p = 1) Object down2;",
                "@Pad(top = 1, bottom = 1, left = 1, right = 1, mode = Pad.Mode.REFLECT) Object r1pad;",
                "@Conv(out = 32, k = 3) Object r1a;",
                "@Relu Object r1relu;",
                "@Pad(top = 1, bottom = 1, left = 1, right = 1, mode = Pad.Mode.REFLECT) Object r1pad2;",
                "@Conv(out = 32, k = 3) Object r1b;",
                "@Add(from = {\"down2\", \"r1b\"}) Object r1;",
                "@Deconv(out = 16, k = 3, s = 2, p = 1, outputPadding = 1) Object up1;",
                "@Deconv(out = 8, k = 3, s = 2, p = 1, outputPadding = 1) Object up2;",
                "@Pad(top = 3, bottom = 3, left = 3, right = 3, mode = Pad.Mode.REFLECT) Object pad9;",
                "@Conv(out = 3, k = 7) Object out;",
                "@Pad(top = 1, bottom = 1, left = 1, right = 1, mode = Pad.Mode.EDGE) Object edge;",
                "@MaxPool(k = 2, s = 2) Object pool;"));
    }

    @Test
    void reflectWiderThanItsMapIsRefusedAtMode() {
        // conv k 30 on 32 -> 3x3; reflecting 3 columns needs at least 4
        String pad = "@Pad(left = 3, right = 3, mode = Pad.Mode.REFLECT) Object pad;";
        oneError(net("@Conv(out = 8, k = 30) Object a;", pad, "@Conv(out = 8, kh = 1, kw = 7) Object b;"),
                6, column(pad, ".REFLECT"),
                "layer 'pad': REFLECT padding of 3 columns needs a map of more than 3 columns, but its input, 'a',"
                        + " has 3: new unit -3 would copy column 3, which does not exist; pad less, or use"
                        + " mode = EDGE [convgeom:reflect-pad-too-wide]");
    }

    @Test
    void copiesReadByAnythingButAWindowAreRefused() {
        String pad = "@Pad(top = 1, bottom = 1, left = 1, right = 1, mode = Pad.Mode.EDGE) Object pad;";
        oneError(net(pad, "@Relu Object r;", "@Conv(out = 8, k = 3) Object c;"),
                5, column(pad, ".EDGE"),
                "layer 'pad': in EDGE mode its new units are copies of the map's units, which only a window that"
                        + " also reads the unit copied reads as the fields say; 'r' (@Relu) reads it, and a copy it"
                        + " passes on would read pixels outside the fields reported; read it directly with a @Conv"
                        + " or pooling (move unit-by-unit layers after that), or use mode = CONSTANT"
                        + " [convgeom:copied-pad-reader]");
    }

    @Test
    void aWindowThatReadsACopyButNotItsSourceIsRefused() {
        // Reflect 2, then a 3x3 window from row -2: it reads rows -2, -1, 0, and row -2 copies row 2.
        // Every start from -2 on must reach the mirror of its first copy: k >= 2 * 2 + 1.
        String pad = "@Pad(top = 2, bottom = 2, left = 2, right = 2, mode = Pad.Mode.REFLECT) Object pad;";
        oneError(net(pad, "@Conv(out = 8, k = 3) Object c;"),
                5, column(pad, ".REFLECT"),
                "layer 'pad': in REFLECT mode new row -2 copies row 2, but the window of 'c' (kernel 3, stride 1,"
                        + " dilation 1, its own padding up to 0 before and 0 after, rounding included) that starts at"
                        + " row -2 reads the copy and not row 2 itself, so its unit would read pixels outside the"
                        + " field reported; give 'c' a kernel of at least 5 with dilation 1 along the height, pad"
                        + " less, or use mode = CONSTANT [convgeom:copied-pad-uncovered]");
    }

    @Test
    void edgeNeedsTheWindowToReachTheBorderUnit() {
        // Edge 2 on the left only, a 2-wide window with its own padding 1: the window from column -3
        // reads -3 (zero) and -2, a copy of column 0, and not column 0: k >= 2 + 1 + 1.
        String pad = "@Pad(left = 2, mode = Pad.Mode.EDGE) Object pad;";
        oneError(net(pad, "@MaxPool(kh = 1, kw = 2, s = 1, pw = 1) Object pool;"),
                5, column(pad, ".EDGE"),
                "layer 'pad': in EDGE mode new column -2 copies column 0, but the window of 'pool' (kernel 2,"
                        + " stride 1, dilation 1, its own padding up to 1 before and 1 after, rounding included) that"
                        + " starts at column -3 reads the copy and not column 0 itself, so its unit would read pixels"
                        + " outside the field reported; give 'pool' a kernel of at least 4 with dilation 1 along the"
                        + " width, pad less, or use mode = CONSTANT [convgeom:copied-pad-uncovered]");
    }
}
