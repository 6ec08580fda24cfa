package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.AxisGeometry;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.UnitRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated class and manifest: compiled, loaded and called, values derived by hand. */
class GeneratedCodeTest {

    /*
     * Tiny, on a 1x21x29 input (rows x columns), worked out by hand with the formulas of
     * shared/geometry.md (n' = (n + pb + pa - k) / s + 1, jump' = jump * s, lo' = lo - pb * jump,
     * hi' = hi + (k - 1 - pb) * jump, centre' = centre + ((k - 1) / 2 - pb) * jump):
     *
     * conv1 @Conv(out = 4, kh = 3, kw = 5, s = 2, ph = 1)
     *   rows:    n = (21 + 1 + 1 - 3) / 2 + 1 = 11 (20 is even: nothing dropped), jump 2,
     *            lo = 0 - 1 = -1, hi = 0 + (3 - 1 - 1) = 1, rf 3, centre 0 + (1 - 1) = 0
     *   columns: n = (29 - 5) / 2 + 1 = 13, jump 2, lo 0, hi 4, rf 5, centre 2
     * pool1 @MaxPool(k = 3, s = 2)
     *   rows:    n = (11 - 3) / 2 + 1 = 5, jump 4, lo = -1, hi = 1 + 2 * 2 = 5, rf 7, centre 0 + 1 * 2 = 2
     *   columns: n = (13 - 3) / 2 + 1 = 6, jump 4, lo = 0, hi = 4 + 2 * 2 = 8, rf 9, centre 2 + 1 * 2 = 4
     */
    static final JavaFileObject TINY = Sources.network("Tiny",
            "@Network(input = @Input(channels = 1, height = 21, width = 29))",
            "@Conv(out = 4, kh = 3, kw = 5, s = 2, ph = 1) Object conv1;",
            "@MaxPool(k = 3, s = 2) Object pool1;");

    static final LayerGeometry CONV1 = layer("conv1", "Conv", new Shape(4, 11, 13),
            chainAxis(21, 11, 2.0, 0.0, -1, 1), chainAxis(29, 13, 2.0, 2.0, 0, 4));
    static final LayerGeometry POOL1 = layer("pool1", "MaxPool", new Shape(4, 5, 6),
            chainAxis(21, 5, 4.0, 2.0, -1, 5), chainAxis(29, 6, 4.0, 4.0, 0, 8));

    private static Class<?> tinyGeometry() {
        Compilation c = Expect.clean(TINY);
        return new CompiledClasses(c).load("test.TinyGeometry");
    }

    @Test
    void constantsHoldTheHandDerivedGeometry() {
        Class<?> g = tinyGeometry();
        assertEquals(CONV1, plain(constant(g, "CONV1")));
        assertEquals(POOL1, plain(constant(g, "POOL1")));
        LayerGeometry pool1 = (LayerGeometry) constant(g, "POOL1");
        assertEquals(1, pool1.index());
        assertEquals("Tiny", pool1.network().name());
        assertEquals("MaxPool", pool1.spec().kind());
        assertEquals(-1, ((LayerGeometry) constant(g, "INPUT")).index());
        assertEquals(layer("input", "Input", new Shape(1, 21, 29),
                chainAxis(21, 21, 1.0, 0.0, 0, 0), chainAxis(29, 29, 1.0, 0.0, 0, 0)),
                plain(constant(g, "INPUT")));
        assertEquals(3, CONV1.rfHeight());
        assertEquals(9, POOL1.rfWidth());
    }

    @Test
    void layersAndLookupByName() {
        Class<?> g = tinyGeometry();
        assertEquals(List.of(CONV1, POOL1), ((List<?>) call(g, "layers")).stream().map(GeneratedCodeTest::plain).toList());
        assertSame(constant(g, "CONV1"), call(g, "layer", "conv1"));
        assertSame(constant(g, "INPUT"), call(g, "layer", "input"));
        assertSame(constant(g, "POOL1"), call(g, "output"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call(g, "layer", "conv9"));
        assertEquals("No layer 'conv9' in Tiny; its layers are conv1, pool1", e.getMessage());
    }

    @Test
    void staticShortcutsMapTheFinalLayer() {
        Class<?> g = tinyGeometry();
        // centre + jump * unit: x 4 + 4 * 1 = 8, y 2 + 4 * 2 = 10; fractional units are fine
        assertEquals(new Point(8.0, 10.0), call(g, "mapToInput", 1.0, 2.0));
        assertEquals(new Point(6.0, 2.0), call(g, "mapToInput", 0.5, 0.0));
        // [lo, hi] + jump * unit: x [0, 8] + 4, y [-1, 5] + 8
        assertEquals(new Box(4, 7, 12, 13), call(g, "receptiveField", 1, 2));
        // unit (0, 0) reaches one row into the top padding; clipping drops it
        assertEquals(new Box(0, -1, 8, 5), call(g, "receptiveField", 0, 0));
        assertEquals(new Box(0, 0, 8, 5), call(g, "clippedReceptiveField", 0, 0));
        // the last unit (5, 4): x [20, 28], y [15, 21]; the input has rows 0..20
        assertEquals(new Box(20, 15, 28, 21), call(g, "receptiveField", 5, 4));
        assertEquals(new Box(20, 15, 28, 20), call(g, "clippedReceptiveField", 5, 4));
        // pixel (10, 10): x nearest round((10 - 4) / 4) = 2 (1.5 + 0.5 floored), fields containing it
        // ceil((10 - 8) / 4) = 1 .. floor((10 - 0) / 4) = 2; y nearest floor((10 - 2) / 4 + 0.5) = 2,
        // ceil((10 - 5) / 4) = 2 .. floor((10 + 1) / 4) = 2
        assertEquals(new UnitRange(2, 2, 1, 2, 2, 2), call(g, "mapFromInput", 10.0, 10.0));
        // pixel (0, 0): nearest x would be -1, clamped to 0
        assertEquals(new UnitRange(0, 0, 0, 0, 0, 0), call(g, "mapFromInput", 0.0, 0.0));
    }

    @Test
    void staticMapFromInputIsTheConstantsAtEveryQuarterPixel() {
        // The static method is literal arithmetic; the constant's (judged by the oracles) walks its
        // AxisGeometry: they must agree everywhere, beyond the input and at halves, where rounding
        // decides, and refuse a non-finite coordinate with the same message.
        Class<?> g = tinyGeometry();
        LayerGeometry pool1 = (LayerGeometry) constant(g, "POOL1");
        for (double y = -40; y <= 60; y += 0.25) {
            for (double x = -40; x <= 60; x += 0.25) {
                assertEquals(pool1.mapFromInput(x, y), call(g, "mapFromInput", x, y), "at " + x + ", " + y);
            }
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                    () -> pool1.mapFromInput(bad, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> call(g, "mapFromInput", bad, 1.0));
            assertEquals(expected.getMessage(), e.getMessage());
            expected = assertThrows(IllegalArgumentException.class, () -> pool1.mapFromInput(1, bad));
            e = assertThrows(IllegalArgumentException.class, () -> call(g, "mapFromInput", 1.0, bad));
            assertEquals(expected.getMessage(), e.getMessage());
        }
    }

    @Test
    void mapToBetweenLayers() {
        Class<?> g = tinyGeometry();
        LayerGeometry conv1 = (LayerGeometry) constant(g, "CONV1");
        LayerGeometry pool1 = (LayerGeometry) constant(g, "POOL1");
        LayerGeometry input = (LayerGeometry) constant(g, "INPUT");
        // conv1 (3, 4) is input (2 + 2*3, 0 + 2*4) = (8, 8); in pool1 ((8 - 4) / 4, (8 - 2) / 4) = (1, 1.5)
        assertEquals(new Point(1.0, 1.5), conv1.mapTo(pool1, 3, 4));
        assertEquals(new Point(3.0, 4.0), pool1.mapTo(conv1, 1, 1.5));
        assertEquals(new Point(1.0, 2.0), input.mapTo(pool1, 8, 10));
        assertEquals(new Point(8.0, 10.0), pool1.mapTo(input, 1, 2));
        assertEquals(call(g, "mapToInput", 1.0, 2.0), pool1.mapToInput(1, 2));
    }

    @Test
    void generatedSourceShape() {
        Compilation c = Expect.clean(TINY);
        String source = sourceOf(c, "test.TinyGeometry");
        assertContains(source, "@Generated(\"dev.convgeom.processor.ConvGeomProcessor\")\npublic final class TinyGeometry {");
        assertContains(source, "    private TinyGeometry() {\n    }");
        assertContains(source, "Geometry of {@link test.Tiny}");
        assertContains(source, "<tr><td>{@link #CONV1 conv1}</td><td>Conv</td><td>4×11×13</td><td>3×5</td>"
                + "<td>2×2</td><td>(0, 2)</td></tr>");
        assertContains(source, "<tr><td>{@link #POOL1 pool1}</td><td>MaxPool</td><td>4×5×6</td><td>7×9</td>"
                + "<td>4×4</td><td>(2, 4)</td></tr>");
        assertContains(source, "declared {@code @Conv(out = 4, kh = 3, kw = 5, s = 2, ph = 1)}");
        // every number a literal: the mapping is plain arithmetic
        assertContains(source, "return new Point(4.0 + 4.0 * x, 2.0 + 4.0 * y);");
        assertContains(source, "return new Box(0 + 4 * x, -1 + 4 * y, 8 + 4 * x, 5 + 4 * y);");
    }

    @Test
    void manifestHoldsTheHandDerivedGeometry() {
        Compilation c = Expect.clean(TINY);
        Object m = Json.parse(manifestOf(c, "test.Tiny"));
        assertEquals("test.Tiny", Json.get(m, "network"));
        assertEquals("test.TinyGeometry", Json.get(m, "generatedClass"));
        assertEquals(false, Json.get(m, "strict"));
        assertEquals(List.of(1L, 21L, 29L), List.of(Json.get(m, "input", "channels"), Json.get(m, "input", "height"),
                Json.get(m, "input", "width")));
        assertEquals(2, ((List<?>) Json.get(m, "layers")).size());
        assertLayer(m, 0, "conv1", "Conv", 4L, 11L, 13L, 3L, 5L, 2L, 2L, 0.0, 2.0);
        assertLayer(m, 1, "pool1", "MaxPool", 4L, 5L, 6L, 7L, 9L, 4L, 4L, 2.0, 4.0);
        assertEquals(-1L, Json.get(m, "layers", 1, "field", "top"));
        assertEquals(8L, Json.get(m, "layers", 1, "field", "right"));
        assertEquals(1L, Json.get(m, "layers", 0, "window", "padding", "top"));
        assertEquals(0L, Json.get(m, "layers", 0, "window", "padding", "left"));
    }

    private static void assertLayer(Object m, int i, String name, String kind, long c, long h, long w,
                                    long rfh, long rfw, long jy, long jx, double cy, double cx) {
        assertEquals(name, Json.get(m, "layers", i, "name"));
        assertEquals(kind, Json.get(m, "layers", i, "kind"));
        assertEquals(List.of(c, h, w), List.of(Json.get(m, "layers", i, "output", "channels"),
                Json.get(m, "layers", i, "output", "height"), Json.get(m, "layers", i, "output", "width")));
        assertEquals(List.of(rfh, rfw), List.of(Json.get(m, "layers", i, "rf", "height"),
                Json.get(m, "layers", i, "rf", "width")));
        assertEquals(List.of(jy, jx), List.of(Json.get(m, "layers", i, "jump", "y"), Json.get(m, "layers", i, "jump", "x")));
        assertEquals(List.of(cy, cx), List.of(Json.get(m, "layers", i, "center", "y"),
                Json.get(m, "layers", i, "center", "x")));
    }

    @Test
    void unknownChannelsAreNullInTheManifestAndUnknownInCode() {
        Compilation c = Expect.clean(Sources.net("@Conv(k = 3) Object conv1;"));
        assertEquals(null, Json.get(Json.parse(manifestOf(c, "test.Net")), "layers", 0, "output", "channels"));
        assertTrue(((Map<?, ?>) Json.get(Json.parse(manifestOf(c, "test.Net")), "layers", 0, "output"))
                .containsKey("channels"));
        LayerGeometry conv1 = (LayerGeometry) constant(new CompiledClasses(c).load("test.NetGeometry"), "CONV1");
        assertEquals(new Shape(Shape.UNKNOWN, 30, 30), conv1.output());
    }

    // --- every kind of model ----------------------------------------------------------------------

    static final JavaFileObject ENUM_MODEL = JavaFileObjects.forSourceLines("test.EnumNet",
            "package test;",
            "import dev.convgeom.*;",
            "@Network(input = @Input(channels = 3, height = 8, width = 8))",
            "enum EnumNet {",
            "    @Conv(out = 4, k = 3) CONV1,",
            "    @Relu RELU1;",
            "}");

    static final JavaFileObject RECORD_MODEL = JavaFileObjects.forSourceLines("test.RecordNet",
            "package test;",
            "import dev.convgeom.*;",
            "@Network(input = @Input(channels = 3, height = 8, width = 8))",
            "record RecordNet(@Conv(out = 4, k = 3) Object conv1, @MaxPool(k = 2) Object pool1) {",
            "}");

    static final JavaFileObject NESTED_MODEL = JavaFileObjects.forSourceLines("test.Outer",
            "package test;",
            "import dev.convgeom.*;",
            "class Outer {",
            "    @Network(input = @Input(channels = 3, height = 8, width = 8))",
            "    static class Inner {",
            "        @Conv(out = 4, k = 3) Object conv1;",
            "    }",
            "    class Middle {",
            "        @Network(input = @Input(channels = 3, height = 8, width = 8))",
            "        private class Deep {",
            "            @Relu Object relu1;",
            "        }",
            "    }",
            "}");

    static final JavaFileObject DEFAULT_PACKAGE_MODEL = JavaFileObjects.forSourceLines("Plain",
            "import dev.convgeom.*;",
            "@Network(input = @Input(channels = 3, height = 8, width = 8))",
            "public class Plain {",
            "    @Conv(out = 4, k = 3) Object conv1;",
            "}");

    static final JavaFileObject GENERIC_INTERFACE_MODEL = JavaFileObjects.forSourceLines("test.Shapes",
            "package test;",
            "import dev.convgeom.*;",
            "@Network(input = @Input(channels = 3, height = 8, width = 8))",
            "public interface Shapes<T extends Comparable<T>> {",
            "    @Conv(out = 4, k = 3) Object conv1 = null;",
            "    @FullyConnected(out = 2, in = 144) Object fc = null;",
            "}");

    @Test
    void enumModelNamesLayersAfterItsConstants() {
        Compilation c = Expect.clean(ENUM_MODEL);
        Class<?> g = new CompiledClasses(c).load("test.EnumNetGeometry");
        // 8 - 3 + 1 = 6, centre (3 - 1) / 2 = 1
        assertEquals(layer("CONV1", "Conv", new Shape(4, 6, 6),
                chainAxis(8, 6, 1.0, 1.0, 0, 2), chainAxis(8, 6, 1.0, 1.0, 0, 2)),
                plain(call(g, "layer", "CONV1")));
        assertEquals(List.of("CONV1", "RELU1"), names(call(g, "layers")));
    }

    @Test
    void recordModelTakesItsAnnotatedComponents() {
        Compilation c = Expect.clean(RECORD_MODEL);
        Class<?> g = new CompiledClasses(c).load("test.RecordNetGeometry");
        // pool1 (k = s = 2) on conv1's 6: 3 units, jump 2, field [0, 2 + 1] = 4 wide, centre 1 + 0.5 = 1.5
        assertEquals(layer("pool1", "MaxPool", new Shape(4, 3, 3),
                chainAxis(8, 3, 2.0, 1.5, 0, 3), chainAxis(8, 3, 2.0, 1.5, 0, 3)),
                plain(call(g, "layer", "pool1")));
        assertEquals(new Point(1.5, 3.5), call(g, "mapToInput", 0.0, 1.0));
    }

    @Test
    void nestedModelsAreNamedAfterTheirEnclosingTypes() {
        Compilation c = Expect.clean(NESTED_MODEL);
        CompiledClasses classes = new CompiledClasses(c);
        assertEquals(List.of("conv1"), names(call(classes.load("test.Outer_InnerGeometry"), "layers")));
        assertEquals(List.of("relu1"), names(call(classes.load("test.Outer_Middle_DeepGeometry"), "layers")));
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/test.Outer$Inner.json");
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/test.Outer$Middle$Deep.json");
        assertEquals("test.Outer$Inner", Json.get(Json.parse(manifestOf(c, "test.Outer$Inner")), "network"));
    }

    @Test
    void modelInTheDefaultPackage() {
        Compilation c = Expect.clean(DEFAULT_PACKAGE_MODEL);
        Class<?> g = new CompiledClasses(c).load("PlainGeometry");
        assertEquals(new Point(1.0, 1.0), call(g, "mapToInput", 0.0, 0.0));
        assertEquals("Plain", Json.get(Json.parse(manifestOf(c, "Plain")), "network"));
    }

    @Test
    void genericInterfaceModel() {
        Compilation c = Expect.clean(GENERIC_INTERFACE_MODEL);
        Class<?> g = new CompiledClasses(c).load("test.ShapesGeometry");
        // fc is a 6x6 window over conv1's map: field 8 wide, centre 1 + 2.5 = 3.5
        assertEquals(new Box(0, 0, 7, 7), call(g, "receptiveField", 0, 0));
        assertEquals(new Point(3.5, 3.5), call(g, "mapToInput", 0.0, 0.0));
    }

    @Test
    void generatedClassIsPublicFinalWithAPrivateConstructor() throws Exception {
        Class<?> g = tinyGeometry();
        assertTrue(Modifier.isPublic(g.getModifiers()) && Modifier.isFinal(g.getModifiers()));
        assertEquals(1, g.getDeclaredConstructors().length);
        assertTrue(Modifier.isPrivate(g.getDeclaredConstructors()[0].getModifiers()));
        for (String name : List.of("INPUT", "CONV1", "POOL1")) {
            int m = g.getField(name).getModifiers();
            assertTrue(Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m), name);
        }
    }

    // --- large networks: holder classes keep every initializer under 64 KiB ------------------------

    /** {@code layers} convolutions k = 3, p = 1 on 1x8x8: layer i keeps 8x8 and its field is [-(i+1), i+1]. */
    private static JavaFileObject deep(int layers) {
        String[] lines = new String[layers];
        for (int i = 0; i < layers; i++) {
            lines[i] = "@Conv(out = 1, k = 3, p = 1) Object c" + i + ";";
        }
        return Sources.network("Deep", "@Network(input = @Input(channels = 1, height = 8, width = 8))", lines);
    }

    @ParameterizedTest(name = "{0} layers")
    @MethodSource("largeSizes")
    void largeNetworksCompileAndHoldTheRightConstants(int layers) {
        Compilation c = Expect.clean(deep(layers));
        String source = sourceOf(c, "test.DeepGeometry");
        // up to 256 layers the constants are built in place; beyond, in holders of 256 layers each
        int holders = layers <= 256 ? 0 : (layers + 255) / 256;
        if (holders > 0) {
            assertContains(source, "private static final class Layers" + (holders - 1) + " {");
        }
        assertTrue(!source.contains("class Layers" + holders + " "), "one holder too many");
        Class<?> g = new CompiledClasses(c).load("test.DeepGeometry");
        List<LayerGeometry> expected = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            AxisGeometry axis = chainAxis(8, 8, 1.0, 0.0, -(i + 1), i + 1);
            expected.add(layer("c" + i, "Conv", new Shape(1, 8, 8), axis, axis));
        }
        List<?> all = (List<?>) call(g, "layers");
        assertEquals(expected, all.stream().map(GeneratedCodeTest::plain).toList());
        // the public constants and the lookup by name: both ends of every holder, and a sample between
        for (int i = 0; i < layers; i++) {
            if (i % 256 == 0 || i % 256 == 255 || i % 97 == 0 || i == layers - 1) {
                assertSame(all.get(i), constant(g, "C" + i), "C" + i);
                assertSame(all.get(i), call(g, "layer", "c" + i), "c" + i);
            }
        }
        assertEquals(new Box(-layers, -layers, layers, layers), call(g, "receptiveField", 0, 0));
    }

    static Stream<Arguments> largeSizes() {
        return Stream.of(Arguments.of(256), Arguments.of(257), Arguments.of(600), Arguments.of(3000));
    }

    /**
     * Spec lines long enough that 256 of them pass a string literal's 65,535 bytes (DenseNet-201
     * imported from torchvision: its concatenations name every earlier layer of their block): the
     * holders split earlier, so the class compiles ("constant string too long" before) and every
     * constant is still its layer.
     */
    @Test
    void longSpecLinesSplitHoldersBeforeAStringLiteralsLimit() {
        int layers = 300;
        String[] lines = new String[layers];
        String tail = "_" + "x".repeat(250);
        for (int i = 0; i < layers; i++) {
            lines[i] = "@Conv(out = 1, k = 3, p = 1) Object c" + i + tail + ";";
        }
        Compilation c = Expect.clean(Sources.network("Long", "@Network(input = @Input(channels = 1, height = 8, width = 8))",
                lines));
        String source = sourceOf(c, "test.LongGeometry");
        // 256 such lines pass the limit, so layer 255 is in the second holder already
        assertContains(source, ("C255" + tail).toUpperCase(java.util.Locale.ROOT) + " = Layers1.L");
        Class<?> g = new CompiledClasses(c).load("test.LongGeometry");
        List<?> all = (List<?>) call(g, "layers");
        assertEquals(layers, all.size());
        for (int i = 0; i < layers; i++) {
            AxisGeometry axis = chainAxis(8, 8, 1.0, 0.0, -(i + 1), i + 1);
            assertEquals(layer("c" + i + tail, "Conv", new Shape(1, 8, 8), axis, axis), plain(all.get(i)));
            assertSame(all.get(i), constant(g, ("C" + i + tail).toUpperCase(java.util.Locale.ROOT)), "C" + i);
            assertSame(all.get(i), call(g, "layer", "c" + i + tail), "c" + i);
        }
    }

    // --- generated code is warning-free ------------------------------------------------------------

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("tiny", List.of(TINY)),
                Arguments.of("enum", List.of(ENUM_MODEL)),
                Arguments.of("record", List.of(RECORD_MODEL)),
                Arguments.of("nested", List.of(NESTED_MODEL)),
                Arguments.of("default package", List.of(DEFAULT_PACKAGE_MODEL)),
                Arguments.of("generic interface", List.of(GENERIC_INTERFACE_MODEL)),
                Arguments.of("600 layers", List.of(deep(600))),
                Arguments.of("golden", List.of(GoldenTest.GOLDEN_NET)));
    }

    /**
     * The generated sources, compiled again on their own (with the model, without processing) under
     * the whole of {@code -Xlint:all -Werror}: users with strict builds must not see a warning from
     * code they did not write.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void generatedCodeCompilesWithoutWarningsUnderXlintAllWerror(String name, List<JavaFileObject> model) {
        Compilation c = Expect.clean(model.toArray(JavaFileObject[]::new));
        List<JavaFileObject> again = new ArrayList<>(model);
        for (JavaFileObject generated : c.generatedSourceFiles()) {
            again.add(JavaFileObjects.forSourceString(binaryName(generated), contents(generated)));
        }
        assertTrue(again.size() > model.size(), "nothing was generated");
        Compilation strict = javac().withOptions("--release", "17", "-Xlint:all", "-Werror", "-proc:none")
                .compile(again);
        assertThat(strict).succeededWithoutWarnings();
    }

    /**
     * A graph with no exact size (at an odd size the upsampled map is one unit off the lateral it
     * is added to; an even size is not tiled by the stride-2 windows): the Javadoc says the bounded
     * search found none, not that none exists.
     */
    @Test
    void aNetworkWithoutExactSizesSaysOnlyThatTheSearchFoundNone() {
        JavaFileObject model = Sources.network("NoExact",
                "@Network(input = @Input(channels = 1, height = 32, width = 32))",
                "@Conv(out = 1, k = 3, s = 2, p = 1) Object c1;",
                "@Conv(out = 1, k = 3, s = 2, p = 1) Object c2;",
                "@Upsample(factor = 2) Object up;",
                "@Add(from = {\"c1\", \"up\"}, allowMisaligned = true) Object merged;");
        String source = sourceOf(Expect.clean(model), "test.NoExactGeometry");
        assertTrue(source.contains("Exact sizes of this network, per axis: none found (the search tries up to"
                + " 2^22 / layers sizes, at least 1024, per axis)."), source);
    }

    // --- helpers --------------------------------------------------------------------------------

    static String sourceOf(Compilation c, String qualifiedName) {
        return contents(c.generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName)));
    }

    static String manifestOf(Compilation c, String binaryName) {
        return contents(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/" + binaryName + ".json")
                .orElseThrow(() -> new AssertionError("no manifest for " + binaryName)));
    }

    static String contents(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binaryName(JavaFileObject generated) {
        // mem:///SOURCE_OUTPUT/test/TinyGeometry.java -> test.TinyGeometry
        String path = generated.toUri().getPath();
        path = path.substring(path.indexOf("SOURCE_OUTPUT/") + "SOURCE_OUTPUT/".length(), path.length() - 5);
        return path.replace('/', '.');
    }

    /** A layer's geometry as written by hand in these tests: no network spec, no index. */
    private static LayerGeometry layer(String name, String kind, Shape output, AxisGeometry y, AxisGeometry x) {
        return new LayerGeometry(name, kind, output, y, x, null, -1);
    }

    /** A generated layer's geometry without its network spec and index, to compare with {@link #layer}. */
    private static LayerGeometry plain(Object generated) {
        LayerGeometry l = (LayerGeometry) generated;
        return layer(l.name(), l.kind(), l.output(), l.y(), l.x());
    }

    private static List<String> names(Object layers) {
        return ((List<?>) layers).stream().map(l -> ((LayerGeometry) l).name()).toList();
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected to find\n" + part + "\nin\n" + text);
    }

    /** A chain's axis written with the doubles a person reads off a table: halves are exact. */
    static AxisGeometry chainAxis(int inputSize, int size, double jump, double center, int lo, int hi) {
        return AxisGeometry.uniform(inputSize, size, Ratio.of(Math.round(jump * 2), 2),
                Ratio.of(Math.round(center * 2), 2), lo, hi);
    }
}
