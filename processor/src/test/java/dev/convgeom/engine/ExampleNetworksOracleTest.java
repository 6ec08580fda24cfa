package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.engine.Chains.Chain;
import dev.convgeom.engine.oracle.AxisOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example module's networks (CaffeNet, VGG-16, MobileNet v1), declared here layer for layer as
 * in {@code example/}, checked against the brute-force oracle on every unit of every layer, with
 * the same assertions as the random chains: what the processor generates for them is what the
 * core computes here.
 */
class ExampleNetworksOracleTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("CaffeNet", new Chain(new NetworkInput(3, 227, 227), PublishedNetworksTest.caffeNet())),
                Arguments.of("VGG-16", new Chain(new NetworkInput(3, 224, 224), vgg16())),
                Arguments.of("MobileNet v1", new Chain(new NetworkInput(3, 224, 224), mobileNetV1())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyUnitAgreesWithOracle(String name, Chain chain) {
        GeometryResult result = GeometryCalculator.compute(chain.input(), chain.layers(), true);
        assertEquals(List.of(), result.problems(), name + " has no problem at its declared input");
        AxisOracle.Result y = AxisOracle.run(chain.inputSize(Axis.Y), chain.layers(), Axis.Y);
        AxisOracle.Result x = AxisOracle.run(chain.inputSize(Axis.X), chain.layers(), Axis.X);
        GeometryOracleTest.assertCoreMatches(chain, result, y, x, true, chain.layers().size());
        for (int i = 0; i < result.layers().size(); i++) {
            GeometryOracleTest.assertRuntimeMatches(chain, result.layers().get(i), y.layers().get(i), x.layers().get(i));
        }
    }

    /** Configuration D: 13 convolutions 3x3 padded 1, 5 max pools 2x2 stride 2, three FC layers. */
    private static List<LayerSpec> vgg16() {
        int[] blocks = {2, 2, 3, 3, 3};
        int[] widths = {64, 128, 256, 512, 512};
        List<LayerSpec> layers = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b]; c++) {
                layers.add(conv("conv" + (b + 1) + "_" + (c + 1), widths[b], 3, 1, 1, PaddingMode.EXPLICIT));
                layers.add(LayerSpec.pointwise("relu" + (b + 1) + "_" + (c + 1), LayerKind.RELU));
            }
            Window pool = Window.of(2, 2, 0);
            layers.add(new LayerSpec("pool" + (b + 1), LayerKind.MAX_POOL, pool, pool, OptionalLong.empty(),
                    OptionalLong.empty(), 1));
        }
        layers.add(LayerSpec.fullyConnected("fc6", 4096));
        layers.add(LayerSpec.fullyConnected("fc7", 4096));
        layers.add(LayerSpec.fullyConnected("fc8", 1000));
        return layers;
    }

    /** Howard et al., Table 1, TensorFlow's SAME padding, depthwise convolutions as groups = channels. */
    private static List<LayerSpec> mobileNetV1() {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(conv("conv1", 32, 3, 2, 0, PaddingMode.SAME));
        int channels = 32;
        int[][] blocks = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
                {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
        for (int i = 0; i < blocks.length; i++) {
            Window dw = new Window(3, blocks[i][1], 1, 0, 0, PaddingMode.SAME, Rounding.FLOOR);
            layers.add(new LayerSpec("dw" + i, LayerKind.CONV, dw, dw, OptionalLong.of(channels),
                    OptionalLong.of(channels), channels));
            layers.add(LayerSpec.pointwise("dw" + i + "_relu6", LayerKind.POINTWISE));
            layers.add(conv("pw" + i, blocks[i][0], 1, 1, 0, PaddingMode.SAME));
            layers.add(LayerSpec.pointwise("pw" + i + "_relu6", LayerKind.POINTWISE));
            channels = blocks[i][0];
        }
        Window gap = Window.of(7, 1, 0);
        layers.add(new LayerSpec("pool", LayerKind.AVG_POOL, gap, gap, OptionalLong.empty(), OptionalLong.empty(), 1));
        layers.add(new LayerSpec("fc", LayerKind.FULLY_CONNECTED, null, null, OptionalLong.of(1000),
                OptionalLong.of(1024), 1));
        return layers;
    }

    private static LayerSpec conv(String name, int out, int k, int s, int p, PaddingMode mode) {
        Window w = new Window(k, s, 1, p, p, mode, Rounding.FLOOR);
        return new LayerSpec(name, LayerKind.CONV, w, w, OptionalLong.of(out), OptionalLong.empty(), 1);
    }
}
