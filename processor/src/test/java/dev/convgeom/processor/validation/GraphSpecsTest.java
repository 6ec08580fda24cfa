package dev.convgeom.processor.validation;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Param;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.NetworkModel;
import dev.convgeom.processor.model.NetworkReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.junit.jupiter.api.Test;

/**
 * What validation hands the geometry core for a graph: names resolved to indices, every graph
 * annotation read into its {@link LayerSpec}; and which written value a core problem is blamed on.
 * Tested on the model javac builds, without the core.
 */
class GraphSpecsTest {

    private static final int INPUT = LayerSpec.NETWORK_INPUT;

    @Test
    void everyGraphAnnotationBecomesItsSpec() {
        List<LayerSpec> specs = specs(
                "@Conv(out = 8, k = 3, p = 1) Object conv1;",
                "@MaxPool(k = 2) Object pool1;",
                "@Deconv(out = 8, kh = 4, kw = 6, sh = 2, sw = 3, ph = 1, outputPadding = 1, groups = 2) Object up;",
                "@Crop(from = \"up\", like = \"conv1\") Object upc;",
                "@Crop(from = \"conv1\", like = \"input\", offset = 2, allowMisaligned = true) Object c2;",
                "@Crop(like = \"input\", offsetX = 3, offsetY = 1) Object c3;",
                "@Add(from = {\"conv1\", \"upc\"}) Object fuse;",
                "@Concat(from = {\"fuse\", \"input\", \"fuse\"}, allowMisaligned = true) Object cat;",
                "@Pad(top = 1, bottom = 2, left = 3) Object padded;",
                "@Upsample(factor = 2, mode = Upsample.Mode.BILINEAR) Object up2;",
                "@Upsample(from = \"conv1\", factor = 3) Object up3;",
                "@GlobalAvgPool(from = \"input\") Object gap;",
                "@Crop(from = \"conv1\", like = \"input\", offset = 2, offsetX = 4) Object c4;",
                "@Crop(from = \"conv1\", like = \"input\", offsetY = 4) Object c5;");
        assertEquals(14, specs.size());
        // a chain layer without from keeps an empty input list: "the layer before", as before graphs
        assertEquals(List.of(), specs.get(1).inputs());

        LayerSpec up = specs.get(2);
        assertEquals(LayerKind.DECONV, up.kind());
        assertEquals(new Window(4, 2, 1, 1, 1, PaddingMode.EXPLICIT, Rounding.FLOOR), up.y());
        assertEquals(new Window(6, 3, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.FLOOR), up.x());
        assertEquals(OptionalLong.of(8), up.out());
        assertEquals(2, up.groups());
        assertEquals(1, up.extras().outputPadding());

        assertEquals(List.of(2), specs.get(3).inputs());
        assertEquals(0, specs.get(3).extras().like());
        assertEquals(OptionalLong.empty(), specs.get(3).extras().offsetY());
        assertEquals(OptionalLong.empty(), specs.get(3).extras().offsetX());
        assertEquals(List.of(0), specs.get(4).inputs());
        assertEquals(INPUT, specs.get(4).extras().like());
        assertEquals(OptionalLong.of(2), specs.get(4).extras().offsetY());
        assertEquals(OptionalLong.of(2), specs.get(4).extras().offsetX());
        assertTrue(specs.get(4).extras().allowMisaligned());
        assertEquals(List.of(), specs.get(5).inputs());
        assertEquals(OptionalLong.of(1), specs.get(5).extras().offsetY());
        assertEquals(OptionalLong.of(3), specs.get(5).extras().offsetX());

        assertEquals(LayerSpec.merge("fuse", LayerKind.ADD, 0, 3), specs.get(6));
        assertEquals(List.of(6, INPUT, 6), specs.get(7).inputs());
        assertTrue(specs.get(7).extras().allowMisaligned());

        assertEquals(LayerSpec.pad("padded", 1, 2, 3, 0), specs.get(8));
        assertEquals(LayerSpec.upsample("up2", 2, true), specs.get(9));
        assertEquals(LayerSpec.upsample("up3", 3, false).from(0), specs.get(10));
        LayerSpec gap = specs.get(11);
        assertEquals(new LayerSpec("gap", LayerKind.GLOBAL_AVG_POOL, List.of(INPUT), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, LayerSpec.Extras.NONE), gap);
        // offsetX wins over offset on its axis; an axis given by neither is computed
        assertEquals(OptionalLong.of(2), specs.get(12).extras().offsetY());
        assertEquals(OptionalLong.of(4), specs.get(12).extras().offsetX());
        assertEquals(OptionalLong.of(4), specs.get(13).extras().offsetY());
        assertEquals(OptionalLong.empty(), specs.get(13).extras().offsetX());
    }

    @Test
    void aChainsSpecsDoNotDependOnNamingThePreviousLayer() {
        List<LayerSpec> implicit = specs("@Conv(out = 8, k = 3) Object conv1;", "@Relu Object relu1;");
        List<LayerSpec> named = specs("@Conv(from = \"input\", out = 8, k = 3) Object conv1;",
                "@Relu(from = \"conv1\") Object relu1;");
        assertEquals(implicit.get(0).from(INPUT), named.get(0));
        assertEquals(implicit.get(1).from(0), named.get(1));
    }

    @Test
    void coreProblemsAreBlamedOnTheElementTheyName() {
        List<Optional<AnnotationValue>> blamed = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        withModel(model -> {
            ExplicitValues merge = model.layers().get(1).values();
            blamed.add(Attributes.blame(merge, Param.FROM, 1, null));
            expected.add(merge.strings("from").orElseThrow().get(1).source());
            blamed.add(Attributes.blame(merge, Param.FROM, -1, null));
            expected.add(merge.value("from").orElseThrow());
            ExplicitValues crop = model.layers().get(2).values();
            blamed.add(Attributes.blame(crop, Param.OFFSET, -1, Axis.X));
            expected.add(crop.value("offsetX").orElseThrow());
            // no offsetY written: the offset for both axes
            blamed.add(Attributes.blame(crop, Param.OFFSET, -1, Axis.Y));
            expected.add(crop.value("offset").orElseThrow());
            blamed.add(Attributes.blame(crop, Param.LIKE, -1, null));
            expected.add(crop.value("like").orElseThrow());
            ExplicitValues up = model.layers().get(3).values();
            blamed.add(Attributes.blame(up, Param.FACTOR, -1, null));
            expected.add(up.value("factor").orElseThrow());
            ExplicitValues deconv = model.layers().get(4).values();
            blamed.add(Attributes.blame(deconv, Param.OUTPUT_PADDING, -1, Axis.Y));
            expected.add(deconv.value("outputPadding").orElseThrow());
            // from not written: nothing to point at, the diagnostic goes on the annotation
            blamed.add(Attributes.blame(deconv, Param.FROM, 0, null));
            expected.add(null);
        }, "@Conv(out = 8, k = 3) Object conv1;",
                "@Add(from = {\"input\", \"conv1\"}) Object sum;",
                "@Crop(like = \"conv1\", offset = 1, offsetX = 2) Object crop;",
                "@Upsample(factor = 2) Object up;",
                "@Deconv(k = 4, s = 2, outputPadding = 1) Object de;");
        assertEquals(expected.size(), blamed.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), blamed.get(i).orElse(null), "blame " + i);
        }
    }

    /** The specs of {@code test.Net} on a 3x32x32 input with these layers; fails on any diagnostic. */
    private static List<LayerSpec> specs(String... layers) {
        List<LayerSpec> specs = new ArrayList<>();
        withModel((model, messager) -> specs.addAll(
                new NetworkValidator(new Reporter(messager)).layerSpecs(model).orElseThrow()), layers);
        return specs;
    }

    private static void withModel(Consumer<NetworkModel> check, String... layers) {
        withModel((model, messager) -> check.accept(model), layers);
    }

    /**
     * Runs {@code check} on the model javac reads from {@code test.Net} with these layers, inside
     * a processor (element values only exist there); fails if the compilation has any diagnostic.
     */
    private static void withModel(BiConsumer<NetworkModel, Messager> check, String... layers) {
        List<String> lines = new ArrayList<>(List.of("package test;", "import dev.convgeom.*;",
                "@Network(input = @Input(channels = 3, height = 32, width = 32))", "class Net {"));
        for (String layer : layers) {
            lines.add("    " + layer);
        }
        lines.add("}");
        List<Throwable> failures = new ArrayList<>();
        Compilation c = javac().withProcessors(new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("dev.convgeom.Network");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                TypeElement network = processingEnv.getElementUtils().getTypeElement("dev.convgeom.Network");
                for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(network))) {
                    try {
                        check.accept(NetworkReader.read(type), processingEnv.getMessager());
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e);    // thrown again outside javac, which would wrap it
                    }
                }
                return false;
            }
        }).compile(JavaFileObjects.forSourceLines("test.Net", lines));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0).getMessage(), failures.get(0));
        }
        // A repeated from name (cat's "fuse", kept to show duplicates keep their places) is a warning.
        assertEquals(List.of(), c.diagnostics().stream()
                .filter(d -> !d.getMessage(null).contains("[convgeom:repeated-merge-input]")).toList(), "diagnostics");
    }
}
