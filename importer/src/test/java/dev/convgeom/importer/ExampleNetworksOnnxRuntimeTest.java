package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import dev.convgeom.EngineLayersOfNetwork;
import dev.convgeom.LayerGeometry;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Size;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.example.CaffeNetGeometry;
import dev.convgeom.example.Fcn16sGeometry;
import dev.convgeom.example.Fcn32sGeometry;
import dev.convgeom.example.Fcn8sGeometry;
import dev.convgeom.example.FpnGeometry;
import dev.convgeom.example.GoogLeNetGeometry;
import dev.convgeom.example.MobileNetV1Geometry;
import dev.convgeom.example.ResNet50Geometry;
import dev.convgeom.example.Ssd300Geometry;
import dev.convgeom.example.TinyYoloV2Geometry;
import dev.convgeom.example.Vgg16Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Confirms every example network of {@code example/} on ONNX Runtime, as the processor declared
 * it: the generated class's layers ({@code XxxGeometry.network()}, in the engine's terms), with
 * every channel count divided by {@value #DIVISOR} (rounded up), written to ONNX by
 * {@link DagOnnxWriter} and checked as {@link RandomDagOnnxRuntimeTest} checks the random graphs:
 * the shape of every 4-D tensor, and single pixels and edges just outside and inside the fields
 * of the corner, edge and centre units of the last spatial maps. FCN-8s, 16s and 32s keep their
 * crops (a Slice at the declared offsets). Dividing the channels leaves the spatial geometry
 * alone: each layer's rows and columns are also compared with the generated class's
 * {@link NetworkSpec#forInput}.
 */
class ExampleNetworksOnnxRuntimeTest {

    /** Channels per channel kept: VGG-16's 4096-unit fc6 becomes 64 channels. */
    static final int DIVISOR = 64;

    static Stream<Arguments> examples() {
        return Stream.of(CaffeNetGeometry.network(), Vgg16Geometry.network(), MobileNetV1Geometry.network(),
                GoogLeNetGeometry.network(), ResNet50Geometry.network(), TinyYoloV2Geometry.network(),
                Fcn32sGeometry.network(), Fcn16sGeometry.network(), Fcn8sGeometry.network(), Ssd300Geometry.network(),
                FpnGeometry.network()).map(n -> Arguments.of(n.name(), n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void onnxRuntimeAgreesWithTheDeclaredGeometry(String name, NetworkSpec network) throws Exception {
        NetworkInput input = new NetworkInput(network.input().channels(), network.input().height(),
                network.input().width());
        List<LayerSpec> layers = narrow(input, EngineLayersOfNetwork.of(network));
        RandomDagOnnxRuntimeTest.Counts counts = new RandomDagOnnxRuntimeTest.Counts();
        List<ComputedLayer> computed = RandomDagOnnxRuntimeTest.confirm(OrtEnvironment.getEnvironment(), input, layers,
                counts);
        assertNotNull(computed, name + " was skipped: " + counts);
        List<LayerGeometry> declared = network.forInput(new Size(network.input().width(), network.input().height()));
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(declared.get(i).output().height(), computed.get(i).y().size(), name + ": rows of " + i);
            assertEquals(declared.get(i).output().width(), computed.get(i).x().size(), name + ": columns of " + i);
        }
        System.out.printf("ExampleNetworksOnnxRuntimeTest %s: %s%n", name, counts);
        assertTrue(counts.units >= 4 && counts.shapes >= layers.size() / 2, counts.toString());
    }

    /**
     * The layers with every declared channel count {@code c} made {@code ceil(c / DIVISOR)}; a
     * depthwise convolution (as many groups as input channels) keeps one group per channel, any
     * other grouping its groups. Merges are marked as allowed to be misaligned.
     */
    static List<LayerSpec> narrow(NetworkInput input, List<LayerSpec> layers) {
        List<ComputedLayer> original = GeometryCalculator.compute(input, layers, false).layers();
        List<LayerSpec> narrowed = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            int from = l.resolvedInputs(i).get(0);
            long inChannels = from < 0 ? input.channels() : original.get(from).channels();
            List<ComputedLayer> sofar = narrowed.isEmpty() ? List.of()
                    : GeometryCalculator.compute(input, narrowed, false).layers();
            long newIn = from < 0 ? input.channels() : sofar.get(from).channels();
            long groups = l.groups() > 1 && l.groups() == inChannels ? newIn : l.groups();
            OptionalLong out = l.out().isPresent()
                    ? OptionalLong.of(groups > 1 && l.groups() == inChannels && l.out().getAsLong() == inChannels ? newIn
                            : (l.out().getAsLong() + DIVISOR - 1) / DIVISOR)
                    : l.out();
            OptionalLong in = l.in().isPresent() ? OptionalLong.of(newIn) : l.in();
            // The generated class compiled, so every merge passed the processor's alignment check
            // (FPN allows its half-unit offsets); the run-time spec does not carry that flag.
            LayerSpec.Extras extras = l.kind().isMerge() ? l.extras().withAllowMisaligned(true) : l.extras();
            narrowed.add(new LayerSpec(l.name(), l.kind(), l.inputs(), l.y(), l.x(), out, in, groups, extras));
        }
        return narrowed;
    }
}
