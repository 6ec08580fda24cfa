package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.CompiledClasses.call;
import static dev.convgeom.processor.CompiledClasses.constant;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Point;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import dev.convgeom.UnitRange;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Several outputs: {@code @Network(outputs)} checked at its strings, the generated
 * {@code output()}, {@code outputs()} and static shortcuts for each output, and the shortcuts'
 * argument checks.
 *
 * <p>The pyramid below, derived by hand with the window formulas (input 32, centre 0, jump 1):
 * c3 (k 3, s 2, p 1): 16 units, jump 2, field -1..1; c4 likewise on c3: 8 units, jump 4, field
 * -1 - 1 * 2 = -3 .. 1 + 1 * 2 = 3; p3 (k 1 on c3): c3's geometry; p4 (k 3, p 1 on c4): field
 * -3 - 4 = -7 .. 3 + 4 = 7. Every centre is 0.
 */
class OutputsTest {

    private static final String[] PYRAMID = {
        "@Conv(out = 8, k = 3, s = 2, p = 1) Object c3;",
        "@Conv(out = 8, k = 3, s = 2, p = 1) Object c4;",
        "@Conv(out = 8, k = 1, from = \"c3\") Object p3;",
        "@Conv(out = 8, k = 3, p = 1, from = \"c4\") Object p4;"};

    private static String networkWith(String outputs) {
        return "@Network(input = @Input(channels = 3, height = 32, width = 32), outputs = " + outputs + ")";
    }

    private static Class<?> pyramid(String outputs) {
        Compilation c = Expect.clean(network("Pyramid", networkWith(outputs), PYRAMID));
        return new CompiledClasses(c).load("test.PyramidGeometry");
    }

    @Test
    void eachOutputGetsItsOwnShortcutsAndThePrimaryTheUnprefixedOnes() {
        Class<?> g = pyramid("{\"p3\", \"p4\"}");
        Object p3 = constant(g, "P3");
        Object p4 = constant(g, "P4");
        assertSame(p3, call(g, "output"));
        assertEquals(List.of(p3, p4), call(g, "outputs"));
        NetworkSpec spec = (NetworkSpec) call(g, "network");
        assertEquals(List.of("p3", "p4"), spec.outputs());

        assertEquals(new Point(2.0, 4.0), call(g, "p3MapToInput", 1.0, 2.0));
        assertEquals(new Point(2.0, 4.0), call(g, "mapToInput", 1.0, 2.0));
        assertEquals(new Point(4.0, 8.0), call(g, "p4MapToInput", 1.0, 2.0));
        assertEquals(new Box(1, 1, 3, 3), call(g, "p3ReceptiveField", 1, 1));
        assertEquals(new Box(1, 1, 3, 3), call(g, "receptiveField", 1, 1));
        assertEquals(new Box(-3, -3, 11, 11), call(g, "p4ReceptiveField", 1, 1));
        assertEquals(new Box(0, 0, 7, 7), call(g, "p4ClippedReceptiveField", 0, 0));
        assertEquals(new Box(21, 21, 31, 31), call(g, "p4ClippedReceptiveField", 7, 7));   // -7 + 28 .. 7 + 28
        // p4's unit u reads -7 + 4u .. 7 + 4u: pixel 5 is in the fields of units 0 to 3; 5/4 rounds to 1.
        assertEquals(new UnitRange(1, 1, 0, 0, 3, 3), call(g, "p4MapFromInput", 5.0, 5.0));
        // The primary output's shape, for a 64-wide, 32-high input: 32 columns, 16 rows.
        assertEquals(new Shape(8, 16, 32), call(g, "outputSize", Size.of(64, 32)));
    }

    @Test
    void theShortcutsAgreeWithTheConstantsOnEveryUnit() {
        Class<?> g = pyramid("{\"p4\", \"p3\"}");
        assertSame(constant(g, "P4"), call(g, "output"));
        for (String name : List.of("p3", "p4")) {
            LayerGeometry layer = (LayerGeometry) constant(g, name.toUpperCase());
            for (int y = 0; y < layer.output().height(); y++) {
                for (int x = 0; x < layer.output().width(); x++) {
                    assertEquals(layer.receptiveField(x, y), call(g, name + "ReceptiveField", x, y));
                    assertEquals(layer.clippedReceptiveField(x, y), call(g, name + "ClippedReceptiveField", x, y));
                    assertEquals(layer.mapToInput(x, y), call(g, name + "MapToInput", (double) x, (double) y));
                }
            }
        }
    }

    @Test
    void aChainWithoutOutputsEndsInItsOneOutputAndNoShortcutIsPrefixed() {
        Compilation c = Expect.clean(Sources.net(PYRAMID[0], PYRAMID[1]));
        Class<?> g = new CompiledClasses(c).load("test.NetGeometry");
        assertSame(constant(g, "C4"), call(g, "output"));
        assertEquals(List.of(constant(g, "C4")), call(g, "outputs"));
        assertThrows(NoSuchMethodException.class, () -> g.getMethod("c4MapToInput", double.class, double.class));
        assertTrue(GeneratedCodeTest.manifestOf(c, "test.Net").contains("\"outputs\": [\"c4\"],"));
    }

    @Test
    void withoutOutputsEveryLayerNothingReadsIsAnOutputTheLastFirst() {
        // aux reads c3 and nothing reads aux: a side output, after the last layer.
        String[] layers = {PYRAMID[0], "@Conv(out = 8, k = 1) Object aux;", "@Conv(out = 8, k = 3, s = 2, p = 1,"
                + " from = \"c3\") Object c4;", "@Conv(out = 8, k = 3, p = 1) Object head;"};
        Compilation c = Expect.clean(Sources.net(layers));
        Class<?> g = new CompiledClasses(c).load("test.NetGeometry");
        assertSame(constant(g, "HEAD"), call(g, "output"));
        assertEquals(List.of(constant(g, "HEAD"), constant(g, "AUX")), call(g, "outputs"));
        assertEquals(new Box(-1, -1, 1, 1), call(g, "auxReceptiveField", 0, 0));
        assertEquals(call(g, "receptiveField", 2, 3), call(g, "headReceptiveField", 2, 3));
        assertTrue(GeneratedCodeTest.manifestOf(c, "test.Net").contains("\"outputs\": [\"head\", \"aux\"],"));
    }

    @Test
    void theManifestListsTheOutputs() {
        Compilation c = Expect.clean(network("Pyramid", networkWith("{\"p3\", \"p4\"}"), PYRAMID));
        assertTrue(GeneratedCodeTest.manifestOf(c, "test.Pyramid").contains("\"outputs\": [\"p3\", \"p4\"],"));
    }

    @Test
    void theShortcutsCheckTheirArgumentsAsTheConstantsDo() {
        Class<?> g = pyramid("{\"p3\", \"p4\"}");
        IndexOutOfBoundsException off = assertThrows(IndexOutOfBoundsException.class,
                () -> call(g, "receptiveField", 999, 999));
        assertTrue(off.getMessage().startsWith("p3: unit (999, 999) is not on its 16x16 map"), off.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> call(g, "p4ClippedReceptiveField", 8, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> call(g, "p4ReceptiveField", 0, -1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> call(g, "mapToInput", Double.NaN, 0.0));
        assertEquals("p3: ux must be a finite number, was NaN", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> call(g, "p4MapToInput", 0.0, 7.6));
        assertEquals(new Point(30.0, -2.0), call(g, "p4MapToInput", 7.5, -0.5));
        assertThrows(IllegalArgumentException.class, () -> call(g, "p4MapFromInput", 0.0, Double.NaN));
    }

    @Test
    void aNullLayerNameIsRefusedNamingTheLayers() throws Exception {
        Class<?> g = pyramid("{\"p3\", \"p4\"}");
        Method layer = g.getMethod("layer", String.class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> layer.invoke(null,
                (Object) null));
        assertTrue(e.getCause() instanceof NullPointerException);
        assertEquals("name is null; Pyramid's layers are c3, c4, p3, p4", e.getCause().getMessage());
    }

    @Test
    void generatedCodeWithSeveralOutputsCompilesUnderXlintAllWerror() {
        JavaFileObject model = network("Pyramid", networkWith("{\"p3\", \"p4\"}"), PYRAMID);
        Compilation c = Expect.clean(model);
        List<JavaFileObject> again = new ArrayList<>(List.of(model));
        again.add(JavaFileObjects.forSourceString("test.PyramidGeometry", GeneratedCodeTest.sourceOf(c,
                "test.PyramidGeometry")));
        Compilation strict = com.google.testing.compile.Compiler.javac()
                .withOptions("--release", "17", "-Xlint:all", "-Werror", "-proc:none").compile(again);
        assertThat(strict).succeededWithoutWarnings();
    }

    // --- diagnostics, at the string in outputs (line 3 holds @Network) ------------------------------

    private static void outputsError(String outputs, String at, String message) {
        String line = networkWith(outputs);
        oneError(network("Pyramid", line, PYRAMID), 3, line.indexOf(at) + 1, message);
    }

    @Test
    void anOutputThatIsNoLayer() {
        outputsError("{\"p3\", \"p5\"}", "\"p5\"",
                "@Network(outputs): 'p5' is not a layer of Pyramid; did you mean 'p3'? [convgeom:unknown-output]");
        outputsError("{\"input\"}", "\"input\"", "@Network(outputs): 'input' is not a layer of Pyramid; 'input' is"
                + " the network input, which is not an output; name a layer [convgeom:unknown-output]");
        outputsError("\"zzz\"", "\"zzz\"", "@Network(outputs): 'zzz' is not a layer of Pyramid; the outputs are"
                + " layers, named as their fields [convgeom:unknown-output]");
    }

    @Test
    void anOutputListedTwice() {
        String line = networkWith("{\"p3\", \"p4\", \"p3\"}");
        oneError(network("Pyramid", line, PYRAMID), 3, line.lastIndexOf("\"p3\"") + 1,
                "@Network(outputs): 'p3' is listed twice; list each output once [convgeom:duplicate-output]");
    }

    @Test
    void anEmptyListOfOutputs() {
        outputsError("{}", "{}", "@Network(outputs = {}) on Pyramid names no output; list the output layers, or"
                + " leave outputs out to have the last layer ('p4') as the output [convgeom:no-outputs]");
    }

    @Test
    void twoOutputsWhoseShortcutsWouldShareAName() {
        String[] layers = {"@Conv(out = 8, k = 3) Object p3;", "@Conv(out = 8, k = 3) Object p3Clipped;",
            "@Conv(out = 8, k = 3) Object clipped;"};
        String line = networkWith("{\"p3\", \"p3Clipped\"}");
        oneError(network("Pyramid", line, layers), 3, line.indexOf("\"p3Clipped\"") + 1,
                "@Network(outputs): output 'p3Clipped' would get the static shortcut"
                        + " PyramidGeometry.p3ClippedReceptiveField(int, int), which output 'p3' gets too; rename one"
                        + " of the fields [convgeom:output-shortcut-clash]");
        line = networkWith("{\"p3\", \"clipped\"}");
        oneError(network("Pyramid", line, layers), 3, line.indexOf("\"clipped\"") + 1,
                "@Network(outputs): output 'clipped' would get the static shortcut"
                        + " PyramidGeometry.clippedReceptiveField(int, int), which the primary output (unprefixed)"
                        + " gets too; rename one of the fields [convgeom:output-shortcut-clash]");
    }

    @Test
    void everyMistakeInOutputsIsReportedInOneCompile() {
        String line = networkWith("{\"p9\", \"p3\", \"p3\"}");
        JavaFileObject src = network("Pyramid", line, PYRAMID);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[convgeom:unknown-output]").inFile(src).onLine(3)
                .atColumn(line.indexOf("\"p9\"") + 1);
        assertThat(c).hadErrorContaining("[convgeom:duplicate-output]").inFile(src).onLine(3)
                .atColumn(line.lastIndexOf("\"p3\"") + 1);
    }
}
