package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Literals}: the text generated classes are written in reads back to the very specs and
 * geometries it was written from, and text that is not in the form is refused with a message
 * that quotes it.
 */
class LiteralsTest {

    private static Window w(int k, int s, int d, int pb, int pa, Padding padding, boolean ceil) {
        return new Window(k, s, d, pb, pa, padding, ceil);
    }

    /** Every kind, and every part a line can carry: padding modes, ceil, groups, unknown channels, resizes. */
    private static final List<LayerSpec> EVERY_KIND = List.of(
            new LayerSpec("conv1", "Conv", List.of("input"), 3, 96, 1, w(11, 4, 1, 0, 0, Padding.EXPLICIT, false),
                    w(11, 4, 1, 0, 0, Padding.EXPLICIT, false), null),
            new LayerSpec("relu1", "Relu", List.of("conv1"), 96, 96, 1, null, null, null),
            new LayerSpec("pool1", "MaxPool", List.of("relu1"), 96, 96, 1, w(3, 2, 1, 0, 1, Padding.EXPLICIT, true),
                    w(3, 2, 1, 0, 1, Padding.EXPLICIT, true), null),
            new LayerSpec("same", "Conv", List.of("pool1"), 96, Shape.UNKNOWN, 2, w(3, 1, 2, 2, 2, Padding.SAME, false),
                    w(5, 1, 1, 2, 2, Padding.SAME, false), null),
            new LayerSpec("valid", "AvgPool", List.of("same"), Shape.UNKNOWN, Shape.UNKNOWN, 1,
                    w(2, 2, 1, 0, 0, Padding.VALID, false), w(2, 2, 1, 0, 0, Padding.VALID, true), null),
            new LayerSpec("pad", "Pad", List.of("valid"), Shape.UNKNOWN, Shape.UNKNOWN, 1,
                    w(1, 1, 1, 1, 2, Padding.EXPLICIT, false), w(1, 1, 1, 3, 4, Padding.EXPLICIT, false), null),
            new LayerSpec("up", "Deconv", List.of("pad"), 7, 7, 1, w(4, 2, 1, 1, 1, Padding.EXPLICIT, false),
                    w(4, 2, 1, 1, 1, Padding.EXPLICIT, false), Resize.deconv(1)),
            new LayerSpec("near", "Upsample", List.of("up"), 7, 7, 1, null, null, Resize.upsample(2, false)),
            new LayerSpec("bilin", "Upsample", List.of("near"), 7, 7, 1, null, null, Resize.upsample(3, true)),
            new LayerSpec("wide", "Upsample", List.of("bilin"), 7, 7, 1, null, null, Resize.upsample(3, 2, false)),
            new LayerSpec("corners", "Upsample", List.of("wide"), 7, 7, 1, null, null,
                    Resize.upsample(2, 2, true, Upsample.Coordinates.ALIGN_CORNERS)),
            new LayerSpec("asym", "Upsample", List.of("corners"), 7, 7, 1, null, null,
                    Resize.upsample(3, 1, true, Upsample.Coordinates.ASYMMETRIC)),
            new LayerSpec("crop", "Crop", List.of("asym"), 7, 7, 1, null, null, Resize.crop("input", 6, 5)),
            new LayerSpec("cat", "Concat", List.of("crop", "input"), 7, 10, 1, null, null, null),
            new LayerSpec("sum", "Add", List.of("cat", "cat"), 10, 10, 1, null, null, null),
            new LayerSpec("fc", "FullyConnected", List.of("sum"), 10, 4, 1, w(6, 1, 1, 0, 0, Padding.EXPLICIT, false),
                    w(5, 1, 1, 0, 0, Padding.EXPLICIT, false), null),
            new LayerSpec("gap", "GlobalAvgPool", List.of("fc"), 4, 4, 1, null, null, null),
            new LayerSpec("low", "Channels", List.of("gap"), 4, 2, 1, null, null, null, 0),
            new LayerSpec("high", "Channels", List.of("gap"), 4, 2, 1, null, null, null, 2),
            new LayerSpec("mix", "ChannelShuffle", List.of("high"), 2, 2, 2, null, null, null));

    @Test
    void aShrinkingAndTfHalfPixelCoordinatesRoundTrip() {
        LayerSpec down = new LayerSpec("down", "Upsample", List.of("input"), 3, 3, 1, null, null,
                Resize.upsample(1, 2, 2, 3, true, Upsample.Coordinates.TF_HALF_PIXEL_FOR_NN));
        assertEquals("down Upsample input 3 3 1 - - upsample,1/2,2/3,bilinear,tf_half_pixel_for_nn",
                Literals.line(down));
        assertEquals(List.of(down), Literals.network("Down", "3 33 20", Literals.line(down)).layers());
    }

    @Test
    void aCubicKernelIsWrittenAfterItsModeOnlyWhenNotPyTorchs() {
        LayerSpec bicubic = new LayerSpec("up", "Upsample", List.of("input"), 3, 3, 1, null, null,
                Resize.upsample(2, 1, 2, 1, false, Upsample.Coordinates.HALF_PIXEL).withCubic(-0.75, false));
        LayerSpec tf = new LayerSpec("up2", "Upsample", List.of("up"), 3, 3, 1, null, null,
                Resize.upsample(3, 2, 3, 2, false, Upsample.Coordinates.HALF_PIXEL).withCubic(-0.5, true));
        LayerSpec twoTaps = new LayerSpec("up3", "Upsample", List.of("up2"), 3, 3, 1, null, null,
                Resize.upsample(3, 1, 3, 1, false, Upsample.Coordinates.ALIGN_CORNERS).withCubic(0, false));
        assertEquals("up Upsample input 3 3 1 - - upsample,2,cubic", Literals.line(bicubic));
        assertEquals("up2 Upsample ^ 3 3 1 - - upsample,3/2,cubic:-0.5:exclude_outside", Literals.line(tf, "up"));
        assertEquals("up3 Upsample ^ 3 3 1 - - upsample,3,cubic:0,align_corners", Literals.line(twoTaps, "up2"));
        NetworkSpec net = Literals.network("Cubic", "3 33 20", Literals.line(bicubic), Literals.line(tf, "up"),
                Literals.line(twoTaps, "up2"));
        assertEquals(List.of(bicubic, tf, twoTaps), net.layers());
        assertEquals("up2: Upsample x3 cubic a -0.5 exclude_outside", tf.toString());
        // a coefficient convgeom does not state exactly, or both cubic and bilinear: refused
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, false).withCubic(-0.6, false));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, false).withCubic(0.5, false));
        assertThrows(IllegalArgumentException.class, () -> Literals.network("Bad", "3 33 20",
                "up Upsample input 3 3 1 - - upsample,2,cubic:-0.5:outside"));
    }

    @Test
    void aCropAndResizeRegionIsWrittenAfterItsCoordinatesInExactDecimals() {
        LayerSpec whole = new LayerSpec("up", "Upsample", List.of("input"), 3, 3, 1, null, null,
                Resize.upsample(2, 1, 2, 1, true, Upsample.Coordinates.CROP_AND_RESIZE));
        LayerSpec region = new LayerSpec("up2", "Upsample", List.of("up"), 3, 3, 1, null, null,
                Resize.upsample(3, 2, 3, 2, false, Upsample.Coordinates.CROP_AND_RESIZE)
                        .withRounding(Upsample.Rounding.CEIL).withRoi(0.1f, 0.75, 0, 1));
        assertEquals("up Upsample input 3 3 1 - - upsample,2,bilinear,crop_and_resize", Literals.line(whole));
        assertEquals("up2 Upsample ^ 3 3 1 - - upsample,3/2,nearest,crop_and_resize:0.100000001490116119384765625:0.75"
                + ":0:1,ceil", Literals.line(region, "up"));
        NetworkSpec net = Literals.network("Crop", "3 33 20", Literals.line(whole), Literals.line(region, "up"));
        assertEquals(List.of(whole, region), net.layers());
        assertEquals(List.of((double) 0.1f, 0.75, 0.0, 1.0), net.layers().get(1).resize().roi());
        // a bound outside [0, 1], no multiple of 1/2^32, a flipped region, a region of other coordinates: refused
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, 1, 2, 1, true,
                Upsample.Coordinates.CROP_AND_RESIZE).withRoi(0, 1.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, 1, 2, 1, true,
                Upsample.Coordinates.CROP_AND_RESIZE).withRoi(0.1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, 1, 2, 1, true,
                Upsample.Coordinates.CROP_AND_RESIZE).withRoi(0.75, 0.25, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Resize.upsample(2, true).withRoi(0, 0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Literals.network("Bad", "3 33 20",
                "up Upsample input 3 3 1 - - upsample,2,bilinear,crop_and_resize:0:1"));
    }

    @Test
    void aFractionalFactorIsWrittenFactorSlashPer() {
        LayerSpec both = new LayerSpec("up", "Upsample", List.of("input"), 3, 3, 1, null, null,
                Resize.upsample(65, 33, 65, 33, true, Upsample.Coordinates.HALF_PIXEL));
        LayerSpec apart = new LayerSpec("up2", "Upsample", List.of("up"), 3, 3, 1, null, null,
                Resize.upsample(3, 2, 5, 1, true, Upsample.Coordinates.ALIGN_CORNERS));
        assertEquals("up Upsample input 3 3 1 - - upsample,65/33,bilinear", Literals.line(both));
        assertEquals("up2 Upsample ^ 3 3 1 - - upsample,3/2,5,bilinear,align_corners", Literals.line(apart, "up"));
        NetworkSpec net = Literals.network("Frac", "3 33 20", Literals.line(both), Literals.line(apart, "up"));
        assertEquals(List.of(both, apart), net.layers());
        // x before y: 3/2 along the columns, 5 along the rows
        assertEquals(new Resize(3, 5, true, Upsample.Coordinates.ALIGN_CORNERS, 0, null, 0, 0, 2, 1),
                net.layers().get(1).resize());
    }

    @Test
    void aNearestRoundingIsWrittenAfterTheCoordinatesOnlyWhenNotTheDefault() {
        LayerSpec floor = new LayerSpec("up", "Upsample", List.of("input"), 3, 3, 1, null, null,
                Resize.upsample(3, 1, 3, 1, false, Upsample.Coordinates.ASYMMETRIC).withRounding(Upsample.Rounding.FLOOR));
        LayerSpec ceil = new LayerSpec("up2", "Upsample", List.of("up"), 3, 3, 1, null, null,
                Resize.upsample(65, 33, 2, 1, false, Upsample.Coordinates.HALF_PIXEL)
                        .withRounding(Upsample.Rounding.ROUND_PREFER_CEIL));
        LayerSpec plain = new LayerSpec("up3", "Upsample", List.of("up2"), 3, 3, 1, null, null,
                Resize.upsample(5, 2, 5, 2, false, Upsample.Coordinates.ALIGN_CORNERS));
        assertEquals("up Upsample input 3 3 1 - - upsample,3,nearest,asymmetric,floor", Literals.line(floor));
        assertEquals("up2 Upsample ^ 3 3 1 - - upsample,65/33,2,nearest,round_prefer_ceil", Literals.line(ceil, "up"));
        assertEquals("up3 Upsample ^ 3 3 1 - - upsample,5/2,nearest,align_corners", Literals.line(plain, "up2"));
        NetworkSpec net = Literals.network("Near", "3 33 20", Literals.line(floor), Literals.line(ceil, "up"),
                Literals.line(plain, "up2"));
        assertEquals(List.of(floor, ceil, plain), net.layers());
        assertEquals("up: Upsample x3 nearest asymmetric floor", floor.toString());
        assertThrows(IllegalArgumentException.class, () -> Literals.network("Bad", "3 33 20",
                "up Upsample input 3 3 1 - - upsample,3,nearest,floor,asymmetric"));
    }

    @Test
    void aChannelSelectionWritesItsFirstChannelOnlyWhenNotZero() {
        assertEquals("low Channels gap 4 2 1", Literals.line(named("low")));
        assertEquals("high Channels gap 4 2 1 - - first,2", Literals.line(named("high")));
        assertEquals("mix ChannelShuffle ^ 2 2 2", Literals.line(named("mix"), "high"));
    }

    private static LayerSpec named(String name) {
        return EVERY_KIND.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aChannelSelectionMustFitAndOnlyChannelsSelect() {
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec("c", "Channels", List.of("input"), 4, 3,
                1, null, null, null, 2));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec("c", "Channels", List.of("input"), 4,
                Shape.UNKNOWN, 1, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec("c", "Channels", List.of("input"), 4, 1,
                1, null, null, null, -1));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec("c", "Relu", List.of("input"), 4, 4,
                1, null, null, null, 1));
        assertEquals(7, new LayerSpec("c", "Channels", List.of("input"), Shape.UNKNOWN, 3, 1, null, null, null, 7)
                .firstChannel());
    }

    @Test
    void everyKindOfLayerReadsBackAsWritten() {
        StringBuilder text = new StringBuilder();
        for (LayerSpec layer : EVERY_KIND) {
            text.append(Literals.line(layer)).append('\n');
        }
        NetworkSpec read = Literals.network("Every", "3 40 30", text.toString());
        assertEquals(EVERY_KIND, read.layers());
        assertEquals(new Shape(3, 40, 30), read.input());
        assertEquals("Every", read.name());
    }

    @Test
    void linesSplitOverSeveralStringsReadAsOne() {
        List<String> lines = EVERY_KIND.stream().map(Literals::line).toList();
        String first = String.join("\n", lines.subList(0, 5)) + "\n";
        String rest = String.join("\n", lines.subList(5, lines.size()));
        assertEquals(EVERY_KIND, Literals.network("Every", "3 40 30", first, rest).layers());
    }

    @Test
    void linesAreTheDocumentedForm() {
        assertEquals("conv1 Conv input 3 96 1 11,4,1,0,0 =", Literals.line(EVERY_KIND.get(0)));
        assertEquals("relu1 Relu conv1 96 96 1", Literals.line(EVERY_KIND.get(1)));
        assertEquals("pool1 MaxPool relu1 96 96 1 3,2,1,0,1,ceil =", Literals.line(EVERY_KIND.get(2)));
        assertEquals("same Conv pool1 96 ? 2 3,1,2,2,2,SAME 5,1,1,2,2,SAME", Literals.line(EVERY_KIND.get(3)));
        assertEquals("valid AvgPool same ? ? 1 2,2,1,0,0,VALID 2,2,1,0,0,VALID,ceil", Literals.line(EVERY_KIND.get(4)));
        assertEquals("up Deconv pad 7 7 1 4,2,1,1,1 = deconv,1", Literals.line(EVERY_KIND.get(6)));
        assertEquals("bilin Upsample near 7 7 1 - - upsample,3,bilinear", Literals.line(EVERY_KIND.get(8)));
        assertEquals("wide Upsample bilin 7 7 1 - - upsample,3,2,nearest", Literals.line(EVERY_KIND.get(9)));
        assertEquals("corners Upsample wide 7 7 1 - - upsample,2,bilinear,align_corners",
                Literals.line(EVERY_KIND.get(10)));
        assertEquals("asym Upsample corners 7 7 1 - - upsample,3,1,bilinear,asymmetric",
                Literals.line(EVERY_KIND.get(11)));
        assertEquals("crop Crop asym 7 7 1 - - crop,input,6,5", Literals.line(EVERY_KIND.get(12)));
        assertEquals("cat Concat crop,input 7 10 1", Literals.line(EVERY_KIND.get(13)));
    }

    @Test
    void aLayersGeometryIsItsNumbers() {
        NetworkSpec net = Literals.network("Net", "3 227 220", "conv1 Conv input 3 96 1 11,4,1,0,0 =\n"
                + "up Upsample conv1 96 96 1 - - upsample,2,nearest");
        // CaffeNet's conv1 on 227 rows: 55 units, jump 4, centre 5, field [0, 10]; columns as given
        LayerGeometry conv1 = Literals.layer(net, 0, "96 55 53 | 4 5 0 10 | 4 11/2 -1 12");
        assertEquals(new LayerGeometry("conv1", "Conv", new Shape(96, 55, 53),
                AxisGeometry.uniform(227, 55, Ratio.of(4), Ratio.of(5), 0, 10),
                AxisGeometry.uniform(220, 53, Ratio.of(4), Ratio.of(11, 2), -1, 12), net, 0), conv1);
        // rows: "0 10, 2 12" repeats every unit (moved by the jump), so one phase; columns: two phases
        LayerGeometry up = Literals.layer(net, 1, "? 110 106 | 2 13/4 0 10, 2 12 | 2 -3/4 -1 12, 0 14");
        assertEquals(new AxisGeometry(227, 110, Ratio.of(2), Ratio.of(13, 4), new int[] {0}, new int[] {10}),
                up.y());
        assertEquals(new AxisGeometry(220, 106, Ratio.of(2), Ratio.of(-3, 4), new int[] {-1, 0}, new int[] {12, 14}),
                up.x());
        assertEquals(Shape.UNKNOWN, up.output().channels());
        assertEquals("up", up.name());
        assertEquals("Upsample", up.kind());
        assertEquals(1, up.index());
    }

    @Test
    void aContextFollowsTheFieldsAfterATilde() {
        NetworkSpec net = Literals.network("Net", "3 32 32", "c Conv input 3 8 1 3,1,1,1,1 =");
        LayerGeometry c = Literals.layer(net, 0, "8 32 32 | 1 0 -1 1 ~ -1 32 | -1 1 ~ -2 33");
        assertEquals(AxisGeometry.uniform(32, 32, Ratio.of(1), Ratio.of(0), -1, 1).withContext(-1, 32), c.y());
        assertEquals(AxisGeometry.uniform(32, 32, Ratio.of(1), Ratio.of(0), -1, 1).withContext(-2, 33), c.x());
        assertThrows(IllegalArgumentException.class, () -> Literals.layer(net, 0, "8 32 32 | 1 0 -1 1 ~ -1"));
    }

    @Test
    void oneAxisWrittenOnceServesBoth() {
        NetworkSpec net = Literals.network("Net", "3 227 227", "conv1 Conv input 3 96 1 11,4,1,0,0 =");
        assertEquals(new Window(11, 4, 1, 0, 0, Padding.EXPLICIT, false), net.layers().get(0).x());
        LayerGeometry once = Literals.layer(net, 0, "96 55 55 | 4 5 0 10");
        assertEquals(Literals.layer(net, 0, "96 55 55 | 4 5 0 10 | 4 5 0 10"), once);
        assertEquals(AxisGeometry.uniform(227, 55, Ratio.of(4), Ratio.of(5), 0, 10), once.x());
    }

    @Test
    void aCaretReadsTheLayerBefore() {
        LayerSpec first = EVERY_KIND.get(0);
        LayerSpec second = EVERY_KIND.get(1);
        assertEquals("conv1 Conv ^ 3 96 1 11,4,1,0,0 =", Literals.line(first, "input"));
        assertEquals("relu1 Relu ^ 96 96 1", Literals.line(second, "conv1"));
        assertEquals("relu1 Relu conv1 96 96 1", Literals.line(second, "input"));
        assertEquals("cat Concat crop,input 7 10 1", Literals.line(EVERY_KIND.get(13), "crop"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < EVERY_KIND.size(); i++) {
            text.append(Literals.line(EVERY_KIND.get(i), i == 0 ? "input" : EVERY_KIND.get(i - 1).name())).append('\n');
        }
        assertEquals(EVERY_KIND, Literals.network("Every", "3 40 30", text.toString()).layers());
    }

    @Test
    void columnsWithTheRowsStepsGiveOnlyTheirFields() {
        NetworkSpec net = Literals.network("Net", "3 224 224", "hconv Conv ^ 3 64 1 1,1,1,0,0 3,1,1,1,1");
        LayerGeometry short_ = Literals.layer(net, 0, "64 224 224 | 1 0 0 0 | -1 1");
        assertEquals(Literals.layer(net, 0, "64 224 224 | 1 0 0 0 | 1 0 -1 1"), short_);
        NetworkSpec up = Literals.network("Up", "1 8 8", "up Upsample ^ 1 1 1 - - upsample,2,nearest");
        assertEquals(Literals.layer(up, 0, "1 16 16 | 1/2 -1/4 0 0, 0 1 | 1/2 -1/4 0 1, 1 1"),
                Literals.layer(up, 0, "1 16 16 | 1/2 -1/4 0 0, 0 1 | 0 1, 1 1"));
    }

    @Test
    void theInputIsItsOwnField() {
        NetworkSpec net = Literals.network("Net", "1 8 6", "relu Relu input 1 1 1");
        LayerGeometry input = Literals.input(net);
        assertEquals(new LayerGeometry("input", "Input", new Shape(1, 8, 6),
                AxisGeometry.uniform(8, 8, Ratio.of(1), Ratio.of(0), 0, 0),
                AxisGeometry.uniform(6, 6, Ratio.of(1), Ratio.of(0), 0, 0), net, -1), input);
    }

    @Test
    void textNotInTheFormIsRefusedWithTheTextQuoted() {
        assertRefused(() -> Literals.network("N", "3 8", "r Relu input 1 1 1"), "\"3 8\"");
        assertRefused(() -> Literals.network("N", "3 8 8", "r Relu input 1 1"), "\"r Relu input 1 1\"");
        assertRefused(() -> Literals.network("N", "3 8 8", "c Conv input 1 1 1 3,1,1,1,1,round 3,1,1,1,1"),
                "unknown window flag \"round\"");
        assertRefused(() -> Literals.network("N", "3 8 8", "c Conv input 1 1 1 3,1,1 3,1,1,1,1"), "\"3,1,1\"");
        assertRefused(() -> Literals.network("N", "3 8 8", "u Upsample input 1 1 1 - - upsample,2"),
                "\"upsample,2\"");
        assertRefused(() -> Literals.network("N", "3 8 8", "r Relu input x 1 1"), "\"r Relu input x 1 1\"");
        NetworkSpec net = Literals.network("N", "1 8 8", "r Relu input 1 1 1");
        assertRefused(() -> Literals.layer(net, 0, "1 8 8 | 1 0 0 0 | 1 0 0 0 | 1 0 0 0"), "\"1 8 8 | 1 0 0 0 |");
        assertRefused(() -> Literals.layer(net, 0, "1 8 8 | 1 0 | 1 0 0 0"), "\"1 0\"");
        assertRefused(() -> Literals.layer(net, 0, "1 8 | 1 0 0 0 | 1 0 0 0"), "\"1 8\"");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable read, String quoted) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
        assertTrue(e.getMessage().contains(quoted), () -> "expected " + quoted + " in: " + e.getMessage());
    }
}
