package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Ratio;
import dev.convgeom.AxisGeometry;
import dev.convgeom.engine.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Published numbers for well-known networks, typed in from the literature (never copied from the
 * code): CaffeNet at 227, VGG-16 at 224, AlexNet's conv1 at 224.
 */
class PublishedNetworksTest {

    private static LayerSpec conv(String name, int out, int k, int s, int p, int groups) {
        Window w = Window.of(k, s, p);
        return new LayerSpec(name, LayerKind.CONV, w, w, OptionalLong.of(out), OptionalLong.empty(), groups);
    }

    private static LayerSpec pool(String name, int k, int s, Rounding rounding) {
        Window w = new Window(k, s, 1, 0, 0, PaddingMode.EXPLICIT, rounding);
        return new LayerSpec(name, LayerKind.MAX_POOL, w, w, OptionalLong.empty(), OptionalLong.empty(), 1);
    }

    private static LayerSpec fc(String name, int out, long in) {
        return new LayerSpec(name, LayerKind.FULLY_CONNECTED, null, null, OptionalLong.of(out),
                in > 0 ? OptionalLong.of(in) : OptionalLong.empty(), 1);
    }

    private static LayerSpec pointwise(String name, LayerKind kind) {
        return LayerSpec.pointwise(name, kind);
    }

    private static ComputedLayer layer(GeometryResult result, String name) {
        return result.layers().stream().filter(l -> l.spec().name().equals(name)).findFirst().orElseThrow();
    }

    /** bvlc_reference_caffenet, as in {@code example/CaffeNet.java}: ceil-rounded pooling, 227 input. */
    static List<LayerSpec> caffeNet() {
        return List.of(
                conv("conv1", 96, 11, 4, 0, 1), pointwise("relu1", LayerKind.RELU),
                pool("pool1", 3, 2, Rounding.CEIL), pointwise("norm1", LayerKind.LRN),
                conv("conv2", 256, 5, 1, 2, 2), pointwise("relu2", LayerKind.RELU),
                pool("pool2", 3, 2, Rounding.CEIL), pointwise("norm2", LayerKind.LRN),
                conv("conv3", 384, 3, 1, 1, 1), pointwise("relu3", LayerKind.RELU),
                conv("conv4", 384, 3, 1, 1, 2), pointwise("relu4", LayerKind.RELU),
                conv("conv5", 256, 3, 1, 1, 2), pointwise("relu5", LayerKind.RELU),
                pool("pool5", 3, 2, Rounding.CEIL),
                fc("fc6", 4096, 9216), pointwise("relu6", LayerKind.RELU), pointwise("drop6", LayerKind.DROPOUT),
                fc("fc7", 4096, 0), pointwise("relu7", LayerKind.RELU), pointwise("drop7", LayerKind.DROPOUT),
                fc("fc8", 1000, 0), pointwise("prob", LayerKind.SOFTMAX));
    }

    @Test
    void caffeNet227() {
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(3, 227, 227), caffeNet(), true);
        assertTrue(r.problems().isEmpty(), () -> r.problems().toString());
        // layer, channels, output size, rf, jump, centre of unit 0
        Object[][] table = {
                {"conv1", 96, 55, 11, 4, 5},
                {"pool1", 96, 27, 19, 8, 9},
                {"conv2", 256, 27, 51, 8, 9},
                {"pool2", 256, 13, 67, 16, 17},
                {"conv3", 384, 13, 99, 16, 17},
                {"conv4", 384, 13, 131, 16, 17},
                {"conv5", 256, 13, 163, 16, 17},
                {"pool5", 256, 6, 195, 32, 33},
                {"fc6", 4096, 1, 355, 32, 113},
                {"fc7", 4096, 1, 355, 32, 113},
                {"fc8", 1000, 1, 355, 32, 113},
        };
        for (Object[] row : table) {
            ComputedLayer l = layer(r, (String) row[0]);
            assertEquals((long) (int) row[1], l.channels(), row[0] + " channels");
            for (Axis axis : Axis.values()) {
                AxisState a = l.axis(axis);
                String at = row[0] + " " + axis + " ";
                assertEquals((long) (int) row[2], a.size(), at + "size");
                assertEquals((long) (int) row[3], a.rf(), at + "rf");
                assertEquals(Ratio.of((int) row[4]), a.jump(), at + "jump");
                assertEquals(Ratio.of((int) row[5]), a.center(), at + "centre");
            }
        }
        // Araujo et al., "Computing Receptive Fields of Convolutional Neural Networks" (Distill,
        // 2019), AlexNet: receptive field 195, effective stride 32, effective padding 64 (= -lo).
        AxisState pool5 = layer(r, "pool5").x();
        assertEquals(-64, pool5.lo());
        assertEquals(130, pool5.hi());
        // conv5 unit (x, y) is centred on input pixel (17 + 16x, 17 + 16y).
        AxisGeometry conv5 = GeometryOracleTest.runtime(227, layer(r, "conv5").y());
        assertEquals(17 + 16 * 12, conv5.toInput(12));
        assertEquals(163, conv5.rf());
    }

    /** VGG-16 (configuration D): 3x3 convolutions padded by 1, 2x2 max pooling with stride 2. */
    @Test
    void vgg16At224() {
        String[] names = {"conv1_1", "conv1_2", "pool1", "conv2_1", "conv2_2", "pool2",
                "conv3_1", "conv3_2", "conv3_3", "pool3", "conv4_1", "conv4_2", "conv4_3", "pool4",
                "conv5_1", "conv5_2", "conv5_3", "pool5"};
        // The widely published receptive-field table for VGG-16 at 224 x 224.
        int[] sizes = {224, 224, 112, 112, 112, 56, 56, 56, 56, 28, 28, 28, 28, 14, 14, 14, 14, 7};
        int[] rfs = {3, 5, 6, 10, 14, 16, 24, 32, 40, 44, 60, 76, 92, 100, 132, 164, 196, 212};
        int[] jumps = {1, 1, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 16, 16, 16, 16, 32};
        int[] channels = {64, 64, 64, 128, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512};
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            layers.add(names[i].startsWith("pool") ? pool(names[i], 2, 2, Rounding.FLOOR)
                    : conv(names[i], channels[i], 3, 1, 1, 1));
            layers.add(pointwise("relu" + i, LayerKind.RELU));
        }
        GeometryResult r = GeometryCalculator.compute(new NetworkInput(3, 224, 224), layers, true);
        assertTrue(r.problems().isEmpty(), () -> r.problems().toString());
        for (int i = 0; i < names.length; i++) {
            ComputedLayer l = layer(r, names[i]);
            assertEquals(channels[i], l.channels(), names[i] + " channels");
            for (Axis axis : Axis.values()) {
                AxisState a = l.axis(axis);
                assertEquals(sizes[i], a.size(), names[i] + " size");
                assertEquals(rfs[i], a.rf(), names[i] + " rf");
                assertEquals(Ratio.of(jumps[i]), a.jump(), names[i] + " jump");
            }
        }
        // Araujo et al. (Distill, 2019), VGG 16: receptive field 212, effective stride 32,
        // effective padding 90.
        assertEquals(-90, layer(r, "pool5").y().lo());
        assertEquals(-90, layer(r, "conv5_3").x().lo());
    }

    /**
     * AlexNet as in the paper (conv1: 96 kernels of 11x11, stride 4, no padding) on the paper's
     * 224 x 224: (224 - 11) / 4 + 1 = 54.25, so 54 units and 1 pixel never read, the well-known
     * inconsistency that made Caffe use 227.
     */
    @Test
    void alexNetConv1At224DropsOnePixel() {
        List<LayerSpec> layers = List.of(conv("conv1", 96, 11, 4, 0, 1));
        GeometryResult lenient = GeometryCalculator.compute(new NetworkInput(3, 224, 224), layers, false);
        ComputedLayer conv1 = lenient.layers().get(0);
        for (Axis axis : Axis.values()) {
            assertEquals(54, conv1.axis(axis).size());
            assertEquals(11, conv1.axis(axis).rf());
            assertEquals(Ratio.of(4), conv1.axis(axis).jump());
            assertEquals(Ratio.of(5), conv1.axis(axis).center());
        }
        assertEquals(1, conv1.stepY().droppedBorder());
        assertEquals(1, conv1.stepX().droppedBorder());
        assertEquals(2, lenient.problems().size());
        for (Problem p : lenient.problems()) {
            assertEquals(GeometryMessage.DROPPED_BORDER, p.message());
            assertEquals(Severity.WARNING, p.severity());
            assertTrue(p.text().contains("(224 + 0 + 0 - 11) mod 4 = 1"), p.text());
        }
        assertFalse(lenient.hasErrors());

        GeometryResult strict = GeometryCalculator.compute(new NetworkInput(3, 224, 224), layers, true);
        assertTrue(strict.hasErrors());
        assertEquals(List.of(Severity.ERROR, Severity.ERROR), strict.problems().stream().map(Problem::severity).toList());

        GeometryResult at227 = GeometryCalculator.compute(new NetworkInput(3, 227, 227), layers, true);
        assertTrue(at227.problems().isEmpty());
        assertEquals(55, at227.layers().get(0).y().size());
    }
}
