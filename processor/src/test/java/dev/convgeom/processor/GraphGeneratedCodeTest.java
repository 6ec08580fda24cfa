package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.convgeom.AxisGeometry;
import dev.convgeom.AxisMap;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.Pad;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Resize;
import dev.convgeom.Size;
import dev.convgeom.Upsample;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated class and manifest of a small graph with a transposed convolution, a crop and a
 * concat: compiled, loaded and called. Every expected value is derived by hand in the comments.
 */
class GraphGeneratedCodeTest {

    /*
     * Input 1x8x8, per axis:
     * conv1 (k 2, s 2): 4 units, jump 2, centre 1/2, unit u sees [2u, 2u + 1].
     * up (deconv k 4, s 2, p 1): (4 - 1) * 2 - 2 + 4 = 8 units, jump 1, centre 1/2 - (3/2 - 1) * 1 = 0.
     *   Output v is reached by conv1 units ceil((v - 2) / 2) .. floor((v + 1) / 2):
     *   v = 0: -1 .. 0 -> [-2, 1];  v = 1: 0 .. 1 -> [0, 3];  v = 2: 0 .. 1 -> [0, 3];  v = 3: 1 .. 2 -> [2, 5].
     *   So period 2, moving 2 pixels per period: phase 0 [-2, 1], phase 1 [0, 3]; widest 4.
     * crop (like input): offset (0 - 0) / 1 = 0, 8 units, fields as up's.
     * cat (crop, input): centres agree (0, jump 1); fields the union with [v, v], which each already holds.
     */
    static final JavaFileObject GRAPH = Sources.network("Fcnish",
            "@Network(input = @Input(channels = 1, height = 8, width = 8))",
            "@Conv(out = 2, k = 2, s = 2) Object conv1;",
            "@Deconv(out = 2, k = 4, s = 2, p = 1) Object up;",
            "@Crop(from = \"up\", like = \"input\") Object crop;",
            "@Concat(from = {\"crop\", \"input\"}) Object cat;");

    private static final AxisGeometry UP_AXIS = new AxisGeometry(8, 8, Ratio.of(1), Ratio.of(0),
            new int[] {-2, 0}, new int[] {1, 3});

    @Test
    void constantsKeepOneFieldPerPhase() {
        Class<?> g = compiled(Expect.clean(GRAPH));
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        assertEquals(UP_AXIS, up.y());
        assertEquals(UP_AXIS, up.x());
        assertEquals(4, up.rfHeight());
        assertEquals(new Box(2, 0, 5, 3), up.receptiveField(3, 2));
        LayerGeometry cat = (LayerGeometry) constant(g, "CAT");
        assertEquals(3, cat.output().channels());
        assertEquals(UP_AXIS, cat.x());
    }

    @Test
    void staticShortcutsFollowThePhasesOfTheFinalLayer() {
        Class<?> g = compiled(Expect.clean(GRAPH));
        // x = 1: phase 1 -> [0, 3]; y = 2: phase 0 moved one period -> [-2 + 2, 1 + 2] = [0, 3]
        assertEquals(new Box(0, 0, 3, 3), call(g, "receptiveField", 1, 2));
        assertEquals(new Box(2, 2, 5, 5), call(g, "receptiveField", 3, 3));
        assertEquals(new Point(5.0, 6.0), call(g, "mapToInput", 5.0, 6.0));
    }

    @Test
    void cropKeepsItsComputedOffsetAndItsInputs() {
        Class<?> g = compiled(Expect.clean(GRAPH));
        LayerGeometry crop = (LayerGeometry) constant(g, "CROP");
        assertEquals(List.of("up"), crop.spec().from());
        assertEquals(Resize.crop("input", 0, 0), crop.spec().resize());
        assertEquals(List.of("crop", "input"), ((LayerGeometry) constant(g, "CAT")).spec().from());
        assertEquals(List.of("input"), ((LayerGeometry) constant(g, "CONV1")).spec().from());
    }

    /**
     * A crop of a 1x6x9 input (height 6, width 9) to conv1's 2x3 map (k 3, s 3), at columns from 4
     * and rows from 1: the generated spec and the layer's centre say which offset went to which
     * axis. conv1 unit 0 is centred on input pixel 1 on both axes; the crop's unit 0 is input
     * column 4 and row 1, so its centre is (x, y) = (4, 1), and misaligned with conv1 (allowed).
     */
    @Test
    void aCropsOffsetXIsItsColumnsAndOffsetYItsRows() {
        Class<?> g = new CompiledClasses(Expect.clean(Sources.network("Skewed",
                "@Network(input = @Input(channels = 1, height = 6, width = 9))",
                "@Conv(out = 1, k = 3, s = 3) Object conv1;",
                "@Crop(from = \"input\", like = \"conv1\", offsetX = 4, offsetY = 1, allowMisaligned = true)"
                        + " Object crop;"))).load("test.SkewedGeometry");
        LayerGeometry crop = (LayerGeometry) constant(g, "CROP");
        assertEquals(4, crop.spec().resize().offsetX());
        assertEquals(1, crop.spec().resize().offsetY());
        assertEquals(Ratio.of(4), crop.x().exactCenter());
        assertEquals(Ratio.of(1), crop.y().exactCenter());
        assertEquals(3, crop.x().size());
        assertEquals(2, crop.y().size());
    }

    @Test
    void anyMapToAnyMapIsAnExactAffineMap() {
        Class<?> g = compiled(Expect.clean(GRAPH));
        LayerGeometry conv1 = (LayerGeometry) constant(g, "CONV1");
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        // up_u = (1/2 + 2 conv_u - 0) / 1
        AxisMap forwards = new AxisMap(Ratio.of(2), Ratio.of(1, 2));
        assertEquals(new LayerMap("conv1", "up", forwards, forwards), conv1.mappingTo(up));
        AxisMap back = new AxisMap(Ratio.of(1, 2), Ratio.of(-1, 4));
        assertEquals(new LayerMap("up", "conv1", back, back), up.mappingTo(conv1));
        assertEquals(new Point(4.5, 6.5), conv1.mapTo(up, 2, 3));
    }

    @Test
    void manifestListsInputsOffsetsAndPhases() {
        Compilation c = Expect.clean(GRAPH);
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Fcnish"));
        assertEquals(List.of("input"), Json.get(m, "layers", 0, "from"));
        assertEquals(List.of("crop", "input"), Json.get(m, "layers", 3, "from"));
        assertEquals("input", Json.get(m, "layers", 2, "like"));
        assertEquals(0L, Json.get(m, "layers", 2, "offset", "y"));
        assertEquals(2L, Json.get(m, "layers", 1, "fieldPhases", "x", "period"));
        assertEquals(List.of(-2L, 0L), Json.get(m, "layers", 1, "fieldPhases", "x", "lo"));
        assertEquals(List.of(1L, 3L), Json.get(m, "layers", 1, "fieldPhases", "x", "hi"));
        assertEquals(4L, Json.get(m, "layers", 1, "rf", "width"));
        assertEquals("1/2", Json.get(m, "layers", 0, "exact", "centerY"));
    }

    /*
     * Input 1x4x6 (H x W), @Upsample(factorX = 3, factorY = 2), nearest:
     * columns: 18 units, jump 1/3, centre 0 - 1 * (3 - 1) / 6 = -1/3; unit v copies pixel floor(v / 3):
     *   period 3, every phase [0, 0], moving 1 pixel per period.
     * rows: 8 units, jump 1/2, centre -(2 - 1) / 4 = -1/4; unit v copies row floor(v / 2): period 2.
     */
    @Test
    void perAxisFactorsUpsampleEachAxisByItsOwn() {
        Compilation c = Expect.clean(Sources.network("Wide", "@Network(input = @Input(channels = 1, height = 4,"
                + " width = 6))", "@Upsample(factorX = 3, factorY = 2) Object up;"));
        LayerGeometry up = (LayerGeometry) constant(new CompiledClasses(c).load("test.WideGeometry"), "UP");
        assertEquals(new AxisGeometry(6, 18, Ratio.of(1, 3), Ratio.of(-1, 3), new int[] {0, 0, 0},
                new int[] {0, 0, 0}), up.x());
        assertEquals(new AxisGeometry(4, 8, Ratio.of(1, 2), Ratio.of(-1, 4), new int[] {0, 0}, new int[] {0, 0}),
                up.y());
        assertEquals(Resize.upsample(3, 2, false), up.spec().resize());
        // unit (x 7, y 5) copies pixel (7 / 3, 5 / 2) = (2, 2)
        assertEquals(new Box(2, 2, 2, 2), up.receptiveField(7, 5));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Wide"));
        assertEquals(3L, Json.get(m, "layers", 0, "upsample", "factorX"));
        assertEquals(2L, Json.get(m, "layers", 0, "upsample", "factorY"));
        assertEquals("NEAREST", Json.get(m, "layers", 0, "upsample", "mode"));
    }

    /*
     * Input 1x10x12 (H x W), reflect 3 then a 7x7 convolution: the pad's 16 x 18 units and the
     * convolution's 10 x 12 are those of zero padding (centre of unit 0 at -3, fields [-3, 3] for
     * unit 0 of the convolution), and the manifest and report say which mode it is.
     */
    @Test
    void reflectPaddingHasTheGeometryOfZeroPaddingAndSaysItsMode() {
        Compilation c = Expect.clean(Sources.network("Reflected", "@Network(input = @Input(channels = 1, height = 10,"
                + " width = 12))", "@Pad(top = 3, bottom = 3, left = 3, right = 3, mode = Pad.Mode.REFLECT) Object pad;",
                "@Conv(out = 2, k = 7) Object conv;"));
        Class<?> g = new CompiledClasses(c).load("test.ReflectedGeometry");
        LayerGeometry pad = (LayerGeometry) constant(g, "PAD");
        assertEquals(AxisGeometry.uniform(12, 18, Ratio.of(1), Ratio.of(-3), -3, -3), pad.x());
        assertEquals(AxisGeometry.uniform(10, 16, Ratio.of(1), Ratio.of(-3), -3, -3), pad.y());
        assertEquals(Pad.Mode.REFLECT, pad.spec().padMode());
        LayerGeometry conv = (LayerGeometry) constant(g, "CONV");
        assertEquals(new Box(-3, -3, 3, 3), conv.receptiveField(0, 0));
        assertEquals(new Box(0, 0, 3, 3), conv.clippedReceptiveField(0, 0));
        // the last unit reads columns 8..14 of zero padding's map, 12..14 being copies of 10..8: 8..11
        assertEquals(new Box(8, 6, 11, 9), conv.clippedReceptiveField(11, 9));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Reflected"));
        assertEquals("REFLECT", Json.get(m, "layers", 0, "padMode"));
    }

    /*
     * Input 1x3x4 (H x W), bilinear by 2 with aligned corners: n = 4 columns to N = 8, so column v
     * sits at v * 3 / 7: jump 3/7, centre 0. Positions 0, 3/7, 6/7, 9/7, 12/7, 15/7, 18/7, 3 read
     * units [0,0] [0,1] [0,1] [1,2] [1,2] [2,3] [2,3] [3,3]; they repeat only after 7 units
     * (period 7, shift 3). Rows: n = 3 to 6, row v at v * 2 / 5: 0, 2/5, 4/5, 6/5, 8/5, 2 read
     * [0,0] [0,1] [0,1] [1,2] [1,2] [2,2]; period 5, shift 2.
     * Asymmetric by 3 on the same input, columns: v at v / 3: jump 1/3, centre 0; phase 0 reads
     * its unit, phases 1 and 2 the unit and the next.
     */
    @Test
    @SuppressWarnings("unchecked")
    void alignedCornersAndAsymmetricCoordinatesPlaceTheSamplesAsOnnxDoes() {
        Compilation c = Expect.clean(Sources.network("Corners", "@Network(input = @Input(channels = 1, height = 3,"
                + " width = 4))",
                "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,"
                        + " coordinates = Upsample.Coordinates.ALIGN_CORNERS) Object corners;",
                "@Upsample(from = \"input\", factor = 3, mode = Upsample.Mode.BILINEAR,"
                        + " coordinates = Upsample.Coordinates.ASYMMETRIC) Object asym;"));
        Class<?> g = new CompiledClasses(c).load("test.CornersGeometry");
        LayerGeometry corners = (LayerGeometry) constant(g, "CORNERS");
        assertEquals(new AxisGeometry(4, 8, Ratio.of(3, 7), Ratio.of(0), new int[] {0, 0, 0, 1, 1, 2, 2},
                new int[] {0, 1, 1, 2, 2, 3, 3}), corners.x());
        assertEquals(new AxisGeometry(3, 6, Ratio.of(2, 5), Ratio.of(0), new int[] {0, 0, 0, 1, 1},
                new int[] {0, 1, 1, 2, 2}), corners.y());
        // the last unit of both axes: column 7 is phase 0 moved one period (3), row 5 phase 0 moved 2
        assertEquals(new Box(3, 2, 3, 2), corners.receptiveField(7, 5));
        LayerGeometry asym = (LayerGeometry) constant(g, "ASYM");
        assertEquals(new AxisGeometry(4, 12, Ratio.of(1, 3), Ratio.of(0), new int[] {0, 0, 0}, new int[] {0, 1, 1}),
                asym.x());
        assertEquals(Resize.upsample(2, 2, true, Upsample.Coordinates.ALIGN_CORNERS), corners.spec().resize());
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Corners"));
        assertEquals("ALIGN_CORNERS", Json.get(m, "layers", 0, "upsample", "coordinates"));
        assertEquals("ASYMMETRIC", Json.get(m, "layers", 1, "upsample", "coordinates"));
        assertEquals(2L, Json.get(m, "layers", 0, "upsample", "factor"));
        // at another size the step follows: 6 columns to 12, v at v * 5 / 11
        LayerGeometry wider = ((java.util.List<LayerGeometry>) call(g, "forInput",
                dev.convgeom.Size.of(6, 3))).get(0);
        assertEquals(Ratio.of(5, 11), wider.x().exactJump());
    }

    /*
     * Input 1x5x9 (H x W), bilinear by 2, crop and resize of columns 0.25..0.75 and rows 0..0.5.
     * Columns: 9 to 18, v at 0.25 * 8 + v * 0.5 * 8 / 17 = 2 + 4v/17: jump 4/17, centre 2; period
     * 17 moving 4: phase 0 on column 2 reads it alone, phases 1-4 read 2..3, 5-8 3..4, 9-12 4..5,
     * 13-16 5..6. Rows: 5 to 10, v at v * 0.5 * 4 / 9 = 2v/9: jump 2/9, centre 0; period 9 moving
     * 2: phase 0 reads row 0, 1-4 rows 0..1, 5-8 rows 1..2.
     */
    @Test
    @SuppressWarnings("unchecked")
    void cropAndResizePlacesTheSamplesInItsRegionAsOnnxDoes() {
        Compilation c = Compilers.compile(Sources.network("Crops", "@Network(input = @Input(channels = 1, height = 5,"
                + " width = 9))",
                "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR, coordinates = Upsample.Coordinates.CROP_AND_RESIZE,"
                        + " roiX = {0.25, 0.75}, roiY = {0, 0.5}) Object crops;"));
        assertThat(c).succeeded();
        Class<?> g = new CompiledClasses(c).load("test.CropsGeometry");
        LayerGeometry crops = (LayerGeometry) constant(g, "CROPS");
        assertEquals(new AxisGeometry(9, 18, Ratio.of(4, 17), Ratio.of(2),
                new int[] {2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5},
                new int[] {2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6}), crops.x());
        assertEquals(new AxisGeometry(5, 10, Ratio.of(2, 9), Ratio.of(0), new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1},
                new int[] {0, 1, 1, 1, 1, 2, 2, 2, 2}), crops.y());
        // the last unit: column 17 is phase 0 moved 4 (column 6), row 9 phase 0 moved 2 (row 2)
        assertEquals(new Box(6, 2, 6, 2), crops.receptiveField(17, 9));
        assertEquals(Resize.upsample(2, 2, true, Upsample.Coordinates.CROP_AND_RESIZE).withRoi(0.25, 0.75, 0, 0.5),
                crops.spec().resize());
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Crops"));
        assertEquals("CROP_AND_RESIZE", Json.get(m, "layers", 0, "upsample", "coordinates"));
        assertEquals(String.valueOf(java.util.List.of(0.25, 0.75)),
                String.valueOf(Json.get(m, "layers", 0, "upsample", "roi", "x")));
        assertEquals(String.valueOf(java.util.List.of(0L, 0.5)),
                String.valueOf(Json.get(m, "layers", 0, "upsample", "roi", "y")));
        // at another size the step follows: 5 columns to 10, v at 1 + 2v/9
        LayerGeometry other = ((java.util.List<LayerGeometry>) call(g, "forInput",
                dev.convgeom.Size.of(5, 5))).get(0);
        assertEquals(Ratio.of(2, 9), other.x().exactJump());
        assertEquals(Ratio.of(1), other.x().exactCenter());
    }

    /*
     * Input 1x3x4 (H x W), nearest by 3/2 along the columns, asymmetric, halves rounded up:
     * floor(4 * 3 / 2) = 6 columns at v * 2/3 = 0, 2/3, 4/3, 2, 8/3, 10/3, copying 0, 1, 1, 2, 3, 3:
     * period 3 moving 2, phases [0] [1] [1]; jump 2/3, centre 0. Rows by 1: each copies itself.
     */
    @Test
    void nearestRoundingCoordinatesAndFractionalFactorReachTheGeneratedClassAndManifest() {
        Compilation c = Expect.clean(Sources.network("Near", "@Network(input = @Input(channels = 1, height = 3,"
                + " width = 4))", "@Upsample(factorX = 3, perX = 2, factorY = 1,"
                + " coordinates = Upsample.Coordinates.ASYMMETRIC, rounding = Upsample.Rounding.ROUND_PREFER_CEIL)"
                + " Object up;"));
        Class<?> g = new CompiledClasses(c).load("test.NearGeometry");
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        assertEquals(new AxisGeometry(4, 6, Ratio.of(2, 3), Ratio.of(0), new int[] {0, 1, 1}, new int[] {0, 1, 1}),
                up.x());
        assertEquals(new AxisGeometry(3, 3, Ratio.of(1), Ratio.of(0), new int[] {0}, new int[] {0}), up.y());
        assertEquals(Resize.upsample(3, 2, 1, 1, false, Upsample.Coordinates.ASYMMETRIC)
                .withRounding(Upsample.Rounding.ROUND_PREFER_CEIL), up.spec().resize());
        // column 4 (phase 1 moved one period) copies column 3
        assertEquals(new Box(3, 2, 3, 2), up.receptiveField(4, 2));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Near"));
        assertEquals("NEAREST", Json.get(m, "layers", 0, "upsample", "mode"));
        assertEquals("ASYMMETRIC", Json.get(m, "layers", 0, "upsample", "coordinates"));
        assertEquals("ROUND_PREFER_CEIL", Json.get(m, "layers", 0, "upsample", "rounding"));
    }

    /*
     * Input 1x3x4 (H x W), bilinear by 3/2 along the columns and 5/3 along the rows, half-pixel:
     * columns: floor(4 * 3 / 2) = 6 units; column v at (v + 1/2) * 2/3 - 1/2 = (4v - 1) / 6:
     *   -1/6, 1/2, 7/6, 11/6, 5/2, 19/6 read [-1,0] [0,1] [1,2] [1,2] [2,3] [3,4]: period 3
     *   (every 3 columns the position moves 2), phases [-1,0] [0,1] [1,2]; jump 2/3, centre -1/6.
     * rows: floor(3 * 5 / 3) = 5 units; row v at (v + 1/2) * 3/5 - 1/2 = (3v - 1) / 5:
     *   -1/5, 2/5, 1, 8/5, 11/5 read [-1,0] [0,1] [1,1] [1,2] [2,3]: period 5; jump 3/5, centre -1/5.
     * At 9 x 7 (W x H) the factors stay: floor(9 * 3/2) = 13 columns, floor(7 * 5/3) = 11 rows, and
     * the jumps stay 2/3 and 3/5 (a resize by a scale, not to a size).
     */
    @Test
    @SuppressWarnings("unchecked")
    void fractionalFactorsReadTheUnitsAroundTheirExactPositions() {
        Compilation c = Expect.clean(Sources.network("Frac", "@Network(input = @Input(channels = 1, height = 3,"
                + " width = 4))", "@Upsample(factorX = 3, perX = 2, factorY = 5, perY = 3,"
                + " mode = Upsample.Mode.BILINEAR) Object up;"));
        Class<?> g = new CompiledClasses(c).load("test.FracGeometry");
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        assertEquals(new AxisGeometry(4, 6, Ratio.of(2, 3), Ratio.of(-1, 6), new int[] {-1, 0, 1},
                new int[] {0, 1, 2}), up.x());
        assertEquals(new AxisGeometry(3, 5, Ratio.of(3, 5), Ratio.of(-1, 5), new int[] {-1, 0, 1, 1, 2},
                new int[] {0, 1, 1, 2, 3}), up.y());
        assertEquals(Resize.upsample(3, 2, 5, 3, true, Upsample.Coordinates.HALF_PIXEL), up.spec().resize());
        // column 3 reads [1, 2], row 2 sits on row 1
        assertEquals(new Box(1, 1, 2, 1), up.receptiveField(3, 2));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Frac"));
        assertEquals(3L, Json.get(m, "layers", 0, "upsample", "factorX"));
        assertEquals(2L, Json.get(m, "layers", 0, "upsample", "perX"));
        assertEquals(5L, Json.get(m, "layers", 0, "upsample", "factorY"));
        assertEquals(3L, Json.get(m, "layers", 0, "upsample", "perY"));
        LayerGeometry other = ((java.util.List<LayerGeometry>) call(g, "forInput",
                dev.convgeom.Size.of(9, 7))).get(0);
        assertEquals(13, other.x().size());
        assertEquals(11, other.y().size());
        assertEquals(Ratio.of(2, 3), other.x().exactJump());
        assertEquals(Ratio.of(3, 5), other.y().exactJump());
    }

    /**
     * Every layer after FCN's 32x transposed convolution keeps 32 fields per axis; hundreds of them
     * must still fit the class initializers (64 KiB each), which array literals of the fields did
     * not.
     */
    @Test
    void hundredsOfLayersWithLongPeriodsCompile() {
        String[] layers = new String[601];
        layers[0] = "@Deconv(out = 2, k = 64, s = 32) Object up;";
        for (int i = 1; i < layers.length; i++) {
            layers[i] = "@Relu Object relu" + i + ";";
        }
        Compilation c = Expect.clean(Sources.network("Deep", "@Network(input = @Input(channels = 1, height = 8,"
                + " width = 8))", layers));
        LayerGeometry last = (LayerGeometry) call(new CompiledClasses(c).load("test.DeepGeometry"), "output");
        // (8 - 1) * 32 + 64 = 288 units; k = 2s: every unit reached by two input units, 32 phases
        assertEquals(288, last.output().width());
        assertEquals(32, last.x().period());
    }

    /**
     * A global pool's window is whatever map it gets: at 32x32 its one unit is centred on
     * (32 - 1) / 2 = 15.5, at 64x64 on 31.5, and the generated Javadoc sends other sizes to forInput.
     */
    @Test
    void globalPoolingFollowsTheInputSize() {
        Compilation c = Expect.clean(Sources.network("Gap", "@Network(input = @Input(channels = 3, height = 32,"
                + " width = 32))", "@Conv(out = 8, k = 3, p = 1) Object conv1;", "@GlobalAvgPool Object gap;"));
        Class<?> g = new CompiledClasses(c).load("test.GapGeometry");
        LayerGeometry gap = (LayerGeometry) constant(g, "GAP");
        assertEquals(15.5, gap.x().center());
        assertEquals(34, gap.rfWidth());       // conv1's fields of units 0 and 31: -1 .. 32
        @SuppressWarnings("unchecked")
        List<LayerGeometry> big = (List<LayerGeometry>) call(g, "forInput", Size.of(64, 64));
        assertEquals(1, big.get(1).output().width());
        assertEquals(31.5, big.get(1).x().center());
        assertEquals(66, big.get(1).rfWidth());
        assertTrue(GeneratedCodeTest.contents(c.generatedSourceFile("test.GapGeometry").orElseThrow())
                .contains("This network pools globally, so the centres from the global pool on depend on the input"
                        + " size"));
    }

    /*
     * Input 1x6x7, per axis (rows; columns alike, 7 units):
     * up (k 3, s 2, p 0 above, padBottom 1: ONNX's SAME_UPPER for n * s units): 2 * 5 + 3 - 0 - 1 = 12
     *   units, jump 1/2, centre (v + 0 - 1) / 2, so -1/2. Output v is reached by input units
     *   ceil((v - 2) / 2) .. floor(v / 2): v = 0: -1 .. 0; v = 1: 0 .. 0. Phases [-1, 0], [0, 0].
     * dil (k 2, d 3, s 1): 12 - 1 + 4 = 15 units; v reads up units v - 3 and v (taps 0 and 3):
     *   up's unit w has field [ceil(w / 2) - 1, floor(w / 2)], so v = 0: [-2, 0], v = 1: [-2, 0],
     *   v = 2: [-1, 1], v = 3: [-1, 1]: phases [-2, 0], [-2, 0]; centre (v - 3/2) * 1/2 - 1/2, so -5/4.
     */
    static final JavaFileObject PADDED_AND_DILATED = Sources.network("Fcnish",
            "@Network(input = @Input(channels = 1, height = 6, width = 7))",
            "@Deconv(out = 1, k = 3, s = 2, p = 0, padBottom = 1, padRight = 1) Object up;",
            "@Deconv(out = 1, k = 2, d = 3) Object dil;");

    @Test
    void deconvolutionsWithMorePaddingAfterAndWithADilation() {
        Compilation c = Expect.clean(PADDED_AND_DILATED);
        Class<?> g = compiled(c);
        LayerGeometry up = (LayerGeometry) constant(g, "UP");
        assertEquals(new AxisGeometry(6, 12, Ratio.of(1, 2), Ratio.of(-1, 2), new int[] {-1, 0}, new int[] {0, 0}),
                up.y());
        assertEquals(14, up.x().size());
        assertEquals(new Box(-1, 0, 0, 0), up.receptiveField(0, 1));
        LayerGeometry dil = (LayerGeometry) constant(g, "DIL");
        assertEquals(new AxisGeometry(6, 15, Ratio.of(1, 2), Ratio.of(-5, 4), new int[] {-2, -2}, new int[] {0, 0}),
                dil.y());
        assertEquals(17, dil.x().size());
        assertEquals(new Box(-1, -1, 1, 1), dil.receptiveField(3, 2));
        Object m = Json.parse(GeneratedCodeTest.manifestOf(c, "test.Fcnish"));
        assertEquals(0L, Json.get(m, "layers", 0, "deconv", "ph"));
        assertEquals(1L, Json.get(m, "layers", 0, "deconv", "padBottom"));
        assertEquals(3L, Json.get(m, "layers", 1, "deconv", "dh"));
        assertEquals(3L, Json.get(m, "layers", 1, "deconv", "dw"));
    }

    private static Class<?> compiled(Compilation c) {
        return new CompiledClasses(c).load("test.FcnishGeometry");
    }
}
