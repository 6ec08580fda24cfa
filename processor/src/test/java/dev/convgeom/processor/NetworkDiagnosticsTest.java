package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.nothingFromProcessor;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static dev.convgeom.processor.Sources.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Mistakes in the network as a whole (placement, names, input), the rule that one mistake gives
 * one diagnostic, and the rule that the processor never crashes and never stops at the first
 * broken model.
 */
class NetworkDiagnosticsTest {

    // --- placement ------------------------------------------------------------------------------

    @Test
    void twoNetworksThatWouldGenerateTheSameClass() {
        JavaFileObject nested = JavaFileObjects.forSourceLines("test.Outer",
                "package test;",
                "import dev.convgeom.*;",
                "class Outer {",
                "    @Network(input = @Input(channels = 3, height = 8, width = 8))",
                "    static class Inner {",
                "        @Relu Object relu1;",
                "    }",
                "}");
        JavaFileObject flat = JavaFileObjects.forSourceLines("test.Outer_Inner",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 8, width = 8))",
                "class Outer_Inner {",
                "    @Relu Object relu1;",
                "}");
        Compilation c = Compilers.compile(nested, flat);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("network test.Outer_Inner would generate test.Outer_InnerGeometry, which"
                + " network test.Outer.Inner already generates; rename one of them (a nested Outer.Inner generates"
                + " Outer_InnerGeometry) [convgeom:generated-name-clash]").inFile(flat).onLineContaining("class Outer_Inner");
    }

    @Test
    void layerAnnotationInATypeWithoutNetwork() {
        JavaFileObject src = JavaFileObjects.forSourceLines("test.Plain",
                "package test;",
                "import dev.convgeom.*;",
                "class Plain {",
                "    @Conv(out = 8, k = 3) Object conv1;",
                "}");
        // no annotation value to blame: the caret goes under the annotation
        oneError(src, 4, 5,
                "@Conv on 'conv1', but Plain is not a @Network: layer annotations only count in a type annotated"
                        + " @Network(input = @Input(...)) [convgeom:layer-outside-network]");
    }

    @Test
    void layerAnnotationInATypeNestedInANetwork() {
        JavaFileObject src = JavaFileObjects.forSourceLines("test.Net",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 32, width = 32))",
                "class Net {",
                "    @Relu Object relu1;",
                "    static class Block {",
                "        @Relu Object relu2;",
                "    }",
                "}");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("@Relu on 'relu2', but Block is not a @Network")
                .inFile(src).onLineContaining("Object relu2");
    }

    @Test
    void networkWithoutLayers() {
        JavaFileObject src = network("Empty", Sources.DEFAULT_NETWORK, "Object notALayer;");
        // at the @Network annotation
        oneError(src, 3, 1,
                "@Network test.Empty declares no layers: annotate its fields, in order, with @Conv, @MaxPool,"
                        + " @Relu, @FullyConnected, ... [convgeom:no-layers]");
    }

    @Test
    void networkOnAnAnnotationType() {
        JavaFileObject src = JavaFileObjects.forSourceLines("test.Bad",
                "package test;",
                "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 32, width = 32))",
                "@interface Bad {",
                "}");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("@Network on annotation type 'test.Bad': a network is a class, interface,"
                + " enum or record [convgeom:network-not-a-type]").inFile(src).onLineContaining("@interface Bad");
    }

    // --- input ----------------------------------------------------------------------------------

    @Test
    void nonPositiveInputChannels() {
        oneError(network("Net", "@Network(input = @Input(channels = 0, height = 32, width = 32))",
                        "@Conv(out = 8, k = 3) Object conv1;"), 3, 36,
                "network test.Net: input channels = 0, but it must be at least 1 [convgeom:input-not-positive]");
    }

    @Test
    void nonPositiveInputHeight() {
        oneError(network("Net", "@Network(input = @Input(channels = 3, height = -1, width = 32))",
                        "@Conv(out = 8, k = 3) Object conv1;"), 3, 48,
                "network test.Net: input height = -1, but it must be at least 1 [convgeom:input-not-positive]");
    }

    @Test
    void nonPositiveInputWidth() {
        oneError(network("Net", "@Network(input = @Input(channels = 3, height = 32, width = 0))",
                        "@Conv(out = 8, k = 3) Object conv1;"), 3, 60,
                "network test.Net: input width = 0, but it must be at least 1 [convgeom:input-not-positive]");
    }

    @Test
    void aBrokenInputStopsTheChainButNotTheLayerChecks() {
        // the kernel of 40 cannot be judged without an input; k = 0 is wrong whatever the input
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 0, width = 32))",
                "@Conv(out = 8, k = 40) Object conv1;",
                "@Conv(out = 8, k = 0) Object conv2;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("input height = 0").inFile(src).onLine(3).atColumn(48);
        assertThat(c).hadErrorContaining("layer 'conv2': k = 0").inFile(src).onLine(6).atColumn(24);
    }

    // --- names ----------------------------------------------------------------------------------

    @Test
    void aLayerNamedInput() {
        oneError(net("@Conv(out = 8, k = 3) Object conv1;", "@Relu Object input;"), 6, 18,
                "layer 'input': the name is reserved, since its constant NetGeometry.INPUT would clash with the"
                        + " network input; rename the field [convgeom:reserved-layer-name]");
    }

    @Test
    void layersNamedLikeTheGeneratedClassesOwnFieldsCompile() {
        // The generated class's own fields have lower-case names (spec, layerList, byName, all in
        // the holders of large networks), which no layer constant can clash with.
        JavaFileObject src = net(
                "@Conv(out = 8, k = 3) Object layers;",
                "@Relu Object byName;",
                "@Relu Object all;",
                "@Relu Object spec;",
                "@Relu Object layerList;",
                "@Relu Object network;");
        assertThat(Compilers.compile(src)).succeededWithoutWarnings();
        String[] many = new String[300];
        for (int i = 0; i < many.length; i++) {
            many[i] = "@Relu Object relu" + i + ";";
        }
        many[0] = "@Relu Object all;";
        many[1] = "@Relu Object spec;";
        assertThat(Compilers.compile(net(many))).succeededWithoutWarnings();
    }

    @Test
    void aLayerNamedInUpperCaseInput() {
        oneError(net("@Relu Object INPUT;"), 5, 18,
                "layer 'INPUT': the name is reserved, since its constant NetGeometry.INPUT would clash with the"
                        + " network input; rename the field [convgeom:reserved-layer-name]");
    }

    @Test
    void twoLayersWithTheSameConstant() {
        JavaFileObject src = net("@Conv(out = 8, k = 3) Object convA;", "@Relu Object CONV_A;");
        // at the second of the two
        oneError(src, 6, 18,
                "layers 'convA' and 'CONV_A' would both become the constant NetGeometry.CONV_A; rename one of the"
                        + " fields [convgeom:constant-clash]");
    }

    // --- one mistake, one diagnostic --------------------------------------------------------------

    @Test
    void aZeroKernelIsOneErrorAndNothingElse() {
        Compilation c = oneError(net("@Conv(out = 8, k = 0) Object conv1;",
                "@Conv(out = 8, k = 3) Object conv2;"), 5, 24, "layer 'conv1': k = 0");
        assertEquals(1, c.diagnostics().size(), () -> "diagnostics: " + c.diagnostics());
    }

    @Test
    void aBrokenFirstLayerHidesTheChainBehindIt() {
        // after conv1 nothing is known about shapes: conv2's in and fc's in are not judged
        oneError(net(
                "@Conv(out = 8, k = 40) Object conv1;",
                "@Conv(out = 8, k = 3, in = 99) Object conv2;",
                "@FullyConnected(out = 10, in = 5) Object fc;",
                "@MaxPool(k = 1000) Object pool;"), 5, 24, "layer 'conv1': the height/width kernel does not fit");
    }

    @Test
    void aFirstLayerWithoutKernelHidesTheChainBehindIt() {
        oneError(net(
                "@Conv(out = 8) Object conv1;",
                "@Conv(out = 8, k = 3, in = 99) Object conv2;",
                "@FullyConnected(out = 10, in = 5) Object fc;"), 5, 5, "layer 'conv1': @Conv needs a kernel size");
    }

    @Test
    void aWrongInDoesNotCascadeIntoTheNextLayers() {
        // conv2 is wrong about its input; conv3 and fc are right about conv2's output
        oneError(net(
                "@Conv(out = 8, k = 3) Object conv1;",
                "@Conv(out = 16, k = 3, in = 4) Object conv2;",
                "@Conv(out = 16, k = 3, in = 16) Object conv3;",
                "@FullyConnected(out = 10, in = 10816) Object fc;"), 6, 33, "layer 'conv2': in = 4");
    }

    // --- half-typed code: javac's error only ------------------------------------------------------

    @Test
    void anUnresolvedConstantGivesJavacsErrorOnly() {
        JavaFileObject src = net(
                "@Conv(out = 8, k = FOO) Object conv1;",
                "@Conv(out = 8, k = 400) Object conv2;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLine(5).atColumn(24);
        nothingFromProcessor(c);
    }

    @Test
    void anUnresolvedInputSizeGivesJavacsErrorOnly() {
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 32, width = FOO))",
                "@Conv(out = 8, k = 300) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLine(3).atColumn(60);
        nothingFromProcessor(c);
    }

    @Test
    void aMistypedPaddingModeGivesJavacsErrorOnly() {
        JavaFileObject src = net("@Conv(out = 8, k = 3, padding = Padding.SMAE, p = -1) Object conv1;");
        Compilation c = Compilers.compile(src);
        // javac's wording differs between JDKs ("cannot find symbol" on 17, "an enum annotation value
        // must be an enum constant" on 25): only its place is asserted
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContainingMatch(".").inFile(src).onLine(5);
        nothingFromProcessor(c);
    }

    @Test
    void valuesOfTheWrongTypeGiveJavacsErrorsOnly() {
        JavaFileObject src = net(
                "@Conv(out = 8, k = \"3\") Object conv1;",
                "@MaxPool(k = 2, ceil = 1) Object pool1;",
                "@Conv(out = 8, k = 3, q = 1) Object conv2;");
        Compilation c = Compilers.compile(src);
        assertThat(c).failed();
        nothingFromProcessor(c);
    }

    @Test
    void missingRequiredValuesGiveJavacsErrorsOnly() {
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 32))",
                "@FullyConnected(in = 10) Object fc;",
                "@Conv(out = 8, k = 300) Object conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorContaining("missing a default value for the element 'width'");
        assertThat(c).hadErrorContaining("missing a default value for the element 'out'");
        nothingFromProcessor(c);
    }

    @Test
    void anUnresolvedFieldTypeDoesNotConcernTheProcessor() {
        // the field's type is the user's business, and it may be generated later by another tool
        JavaFileObject src = net("@Conv(out = 8, k = 3) NotYetGenerated conv1;");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLine(5);
        nothingFromProcessor(c);
    }

    @Test
    void layerAnnotationOnAMethodGivesJavacsErrorOnly() {
        JavaFileObject src = net("@Conv(out = 8, k = 3) Object conv1;", "@Relu void relu() {}");
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("not applicable").inFile(src).onLine(6);
        nothingFromProcessor(c);
    }

    // --- keep going -----------------------------------------------------------------------------

    @Test
    void oneBrokenNetworkDoesNotStopAnotherFromBeingGenerated() {
        JavaFileObject broken = network("Broken", Sources.DEFAULT_NETWORK, "@Conv(out = 8, k = 0) Object conv1;");
        JavaFileObject good = network("Good", Sources.DEFAULT_NETWORK, "@Conv(out = 8, k = 3) Object conv1;");
        JavaFileObject alsoBroken = network("AlsoBroken", Sources.DEFAULT_NETWORK, "@Conv(out = 8, k = 99) Object conv1;");
        SpyingProcessor spy = new SpyingProcessor(null);
        Compilation c = Compilers.noCrash(Compilers.run(Compilers.with(spy), broken, good, alsoBroken));
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("layer 'conv1': k = 0").inFile(broken).onLine(5).atColumn(24);
        assertThat(c).hadErrorContaining("kernel does not fit").inFile(alsoBroken).onLine(5).atColumn(24);
        assertEquals(List.of("test.GoodGeometry", ":META-INF/convgeom/test.Good.json"), spy.createdNames());
    }

    @Test
    void generatedFilesNameTheModelAsTheirOriginatingElement() {
        SpyingProcessor spy = new SpyingProcessor(null);
        Compilation c = Compilers.noCrash(Compilers.run(Compilers.with(spy),
                network("Good", Sources.DEFAULT_NETWORK, "@Conv(out = 8, k = 3) Object conv1;")));
        assertThat(c).succeededWithoutWarnings();
        assertEquals(List.of(
                new SpyingProcessor.Created("createSourceFile", "test.GoodGeometry", List.of("test.Good")),
                new SpyingProcessor.Created("createResource", ":META-INF/convgeom/test.Good.json", List.of("test.Good"))),
                spy.created());
    }

    // --- never crash: an I/O failure is one located error ------------------------------------------

    @Test
    void aFailingFilerIsOneErrorAtTheNetwork() {
        JavaFileObject src = net("@Conv(out = 8, k = 3) Object conv1;");
        Compilation c = Compilers.run(Compilers.with(new SpyingProcessor(SpyingProcessor.diskFull())), src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("convgeom could not process test.Net because of an internal error (could not"
                + " write: No space left on device); please report it with this model [convgeom:internal-error]")
                .inFile(src).onLineContaining("class Net");
    }

    @Test
    void anExceptionInsideTheProcessorIsOneErrorAtTheNetworkNotACrash() {
        JavaFileObject src = net("@Conv(out = 8, k = 3) Object conv1;");
        Compilation c = Compilers.run(Compilers.with(new SpyingProcessor(new IllegalStateException("boom"))), src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("convgeom could not process test.Net because of an internal error"
                + " (java.lang.IllegalStateException: boom").inFile(src).onLineContaining("class Net");
        assertTrue(c.diagnostics().stream().noneMatch(d -> d.getMessage(null).contains(Compilers.UNCAUGHT)));
    }
}
