package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Declarations that compute but are doubtful (warnings: the geometry is well defined and the
 * class is generated), and the advice for a window that cannot fit a map whose size no input
 * changes. Layout as in {@link Sources} (layers from line 5, indented by 4).
 */
class DoubtfulDeclarationsTest {

    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    @Test
    void aConvolutionAfterAFullyConnectedLayerIsNotToldToUseALargerInput() {
        String conv = "@Conv(out = 8, k = 3) Object conv;";
        oneError(net("@FullyConnected(out = 10) Object fc;", conv), 6, column(conv, "3"),
                "layer 'conv': the height/width kernel does not fit its input: input height/width 1 + padding 0 + 0"
                        + " = 1 < kernel 3; no window fits, so the output would have no rows/columns. Use padding of"
                        + " at least 1 on each side, a kernel of at most 1; a larger input does not help, since 'fc'"
                        + " is fully connected, so its output is 1x1 for every input size (after it, a 1x1"
                        + " convolution or @FullyConnected is the usual layer). [convgeom:kernel-too-large]");
    }

    @Test
    void aPoolAfterAGlobalPoolNamesTheGlobalPool() {
        String pool = "@MaxPool(k = 2) Object late;";
        oneError(net("@GlobalAvgPool Object gap;", "@Relu Object act;", pool), 7, column(pool, "2"),
                "a kernel of at most 1; a larger input does not help, since 'gap' pools globally, so its output is"
                        + " 1x1 for every input size");
    }

    @Test
    void anAddOfOneMapWithItselfIsAWarningAtTheRepeat() {
        String sum = "@Add(from = {\"a\", \"a\"}) Object sum;";
        JavaFileObject src = net("@Conv(out = 8, k = 3, p = 1) Object a;", sum);
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'sum': from names 'a' 2 times, so @Add adds it to itself (2 times"
                + " its values); name the map that was meant instead of the repeat [convgeom:repeated-merge-input]")
                .inFile(src).onLine(6).atColumn(column(sum, "\"a\"}"));
    }

    @Test
    void aConcatOfOneMapThreeTimesIsOneWarning() {
        String cat = "@Concat(from = {\"a\", \"input\", \"a\", \"a\"}) Object cat;";
        JavaFileObject src = net("@Conv(out = 8, k = 3, p = 1) Object a;", cat);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'cat': from names 'a' 3 times, so @Concat stacks its channels 3 times"
                + " over").inFile(src).onLine(6).atColumn(column(cat, "\"a\", \"a\"}"));
    }

    @Test
    void aStaticLayerFieldInAClassIsAWarning() {
        String act = "@Relu static Object act;";
        JavaFileObject src = net("@Conv(out = 8, k = 3, p = 1) Object conv;", act);
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'act' is a static field: it counts as a layer of Net in declaration"
                + " order, but it belongs to the class, not to a network object holding its layers in instance fields;"
                + " remove static (fields of an interface network and enum constants are layers as they are)"
                + " [convgeom:static-layer-field]").inFile(src).onLine(6).atColumn(column(act, "act"));
    }

    @Test
    void aTransientLayerFieldIsAWarning() {
        String conv = "@Conv(out = 8, k = 3, p = 1) transient Object conv;";
        JavaFileObject src = net(conv);
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'conv' is a transient field: it counts as a layer of Net, but"
                + " serialization leaves it out, so a network object restored from a stream lacks a layer the"
                + " geometry counts; remove transient [convgeom:transient-layer-field]")
                .inFile(src).onLine(5).atColumn(column(conv, "conv;"));
    }

    @Test
    void fieldsOfAnInterfaceAndEnumConstantsAreLayersWithoutAWord() {
        clean(JavaFileObjects.forSourceLines("test.Iface",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 32, width = 32))",
                "interface Iface {",
                "    @Conv(out = 8, k = 3, p = 1) Object conv = null;",
                "    @Relu Object act = null;",
                "}"));
        clean(JavaFileObjects.forSourceLines("test.Tiny",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 32, width = 32))",
                "enum Tiny {",
                "    @Conv(out = 8, k = 3, p = 1) CONV,",
                "    @Relu ACT",
                "}"));
    }
}
