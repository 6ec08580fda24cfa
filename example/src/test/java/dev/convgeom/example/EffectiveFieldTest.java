package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.EffectiveField;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.Size;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The generated effective fields of the example networks: on the chains, every layer against the
 * closed form {@code sigma^2 = sum over window layers of (d J)^2 (k^2 - 1) / 12} worked from the
 * declared windows (a sum of independent uniform spreads); on every network, the manifest's
 * {@code effectiveField} against the generated {@code effectiveField(layer)}.
 */
class EffectiveFieldTest {

    @Test
    @DisplayName("CaffeNet, VGG-16 and MobileNet v1: sigma of every layer is the closed-form sum")
    void chainsFollowTheClosedForm() {
        checkClosedForm(CaffeNetGeometry.layers(), CaffeNetGeometry::effectiveField);
        checkClosedForm(Vgg16Geometry.layers(), Vgg16Geometry::effectiveField);
        checkClosedForm(MobileNetV1Geometry.layers(), MobileNetV1Geometry::effectiveField);
    }

    @Test
    @DisplayName("CaffeNet conv5: sigma^2 = 10 + 32/3 + 128 + 128/3 + 3 * 512/3 = 2110/3")
    void caffeNetConv5ByHand() {
        // conv1 k11 J1: 120/12; pool1 k3 J4: 16*8/12; conv2 k5 J8: 64*24/12; pool2 k3 J8: 64*8/12;
        // conv3..5 k3 J16: 256*8/12 each.
        EffectiveField conv5 = CaffeNetGeometry.effectiveField(CaffeNetGeometry.CONV5);
        assertEquals(Math.sqrt(2110.0 / 3), conv5.sigmaX(), 1e-12);
        assertEquals(Math.sqrt(2110.0 / 3), conv5.sigmaY(), 1e-12);
        assertTrue(conv5.extent90().width() < CaffeNetGeometry.CONV5.x().rf());
        assertEquals(EffectiveField.INPUT, CaffeNetGeometry.effectiveField(CaffeNetGeometry.INPUT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaffeNetGeometry.effectiveField(Vgg16Geometry.CONV1_1));
        assertTrue(e.getMessage().contains("not a layer of CaffeNet"), e.getMessage());
    }

    @Test
    @DisplayName("every network's manifest carries the generated effective fields")
    void manifestsAgreeWithGeneratedConstants() throws IOException {
        check("CaffeNet", CaffeNetGeometry.layers(), CaffeNetGeometry::effectiveField);
        check("Vgg16", Vgg16Geometry.layers(), Vgg16Geometry::effectiveField);
        check("MobileNetV1", MobileNetV1Geometry.layers(), MobileNetV1Geometry::effectiveField);
        check("GoogLeNet", GoogLeNetGeometry.layers(), GoogLeNetGeometry::effectiveField);
        check("ResNet50", ResNet50Geometry.layers(), ResNet50Geometry::effectiveField);
        check("Fcn32s", Fcn32sGeometry.layers(), Fcn32sGeometry::effectiveField);
        check("Fcn16s", Fcn16sGeometry.layers(), Fcn16sGeometry::effectiveField);
        check("Fcn8s", Fcn8sGeometry.layers(), Fcn8sGeometry::effectiveField);
    }

    private static void checkClosedForm(List<LayerGeometry> layers, Function<LayerGeometry, EffectiveField> field) {
        double varianceY = 0;
        double varianceX = 0;
        long jumpY = 1;
        long jumpX = 1;
        for (LayerGeometry layer : layers) {
            LayerSpec spec = layer.asConv();
            if (spec.hasWindow()) {
                long stepY = spec.y().dilation() * jumpY;
                long stepX = spec.x().dilation() * jumpX;
                long ky = spec.y().kernel();
                long kx = spec.x().kernel();
                varianceY += stepY * stepY * (ky * ky - 1) / 12.0;
                varianceX += stepX * stepX * (kx * kx - 1) / 12.0;
                jumpY *= spec.y().stride();
                jumpX *= spec.x().stride();
            }
            EffectiveField f = field.apply(layer);
            assertEquals(Math.sqrt(varianceY), f.sigmaY(), 1e-9 * Math.max(1, f.sigmaY()), layer.name());
            assertEquals(Math.sqrt(varianceX), f.sigmaX(), 1e-9 * Math.max(1, f.sigmaX()), layer.name());
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(String network, List<LayerGeometry> layers,
                              Function<LayerGeometry, EffectiveField> field) throws IOException {
        String resource = "META-INF/convgeom/dev.convgeom.example." + network + ".json";
        Map<String, Object> manifest;
        try (InputStream in = EffectiveFieldTest.class.getClassLoader().getResourceAsStream(resource)) {
            manifest = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> entries = (List<Map<String, Object>>) manifest.get("layers");
        assertEquals(layers.size(), entries.size());
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> e = (Map<String, Object>) entries.get(i).get("effectiveField");
            Map<String, Object> sigma = (Map<String, Object>) e.get("sigma");
            EffectiveField f = field.apply(layers.get(i));
            String where = network + " " + layers.get(i).name();
            assertEquals(((Number) sigma.get("y")).doubleValue(), f.sigmaY(), 0, where);
            assertEquals(((Number) sigma.get("x")).doubleValue(), f.sigmaX(), 0, where);
            assertEquals(size(e.get("extent50")), f.extent50(), where);
            assertEquals(size(e.get("extent90")), f.extent90(), where);
            assertTrue(f.extent50().width() <= f.extent90().width() && f.extent90().width() <= layers.get(i).x().rf(),
                    where);
        }
    }

    @SuppressWarnings("unchecked")
    private static Size size(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return Size.of(((Number) m.get("width")).intValue(), ((Number) m.get("height")).intValue());
    }
}
