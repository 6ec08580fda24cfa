package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.convgeom.LayerGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifest the processor writes next to the classes, read the way a tool outside Java would:
 * as a class-path resource holding plain JSON.
 */
class ManifestTest {

    private static final String CAFFENET = "META-INF/convgeom/dev.convgeom.example.CaffeNet.json";

    /** The keys every layer entry has (README, "Manifest"). */
    private static final Set<String> LAYER_KEYS = Set.of("name", "kind", "output", "rf", "jump", "center");

    @Test
    @DisplayName("CaffeNet's manifest is on the class path with the documented top-level keys")
    void caffeNetTopLevel() throws IOException {
        Map<String, Object> manifest = read(CAFFENET);

        assertEquals("dev.convgeom.example.CaffeNet", manifest.get("network"));
        assertEquals(Map.of("channels", 3L, "height", 227L, "width", 227L), manifest.get("input"));
        assertEquals(23, layers(manifest).size());
    }

    @Test
    @DisplayName("conv1's entry reads exactly as in the documented example")
    void caffeNetConv1() throws IOException {
        Map<String, Object> conv1 = layers(read(CAFFENET)).get(0);

        assertAll(
                () -> assertEquals("conv1", conv1.get("name")),
                () -> assertEquals("Conv", conv1.get("kind")),
                () -> assertEquals(Map.of("channels", 96L, "height", 55L, "width", 55L), conv1.get("output")),
                () -> assertEquals(Map.of("height", 11L, "width", 11L), conv1.get("rf")),
                () -> assertEquals(Map.of("y", 4L, "x", 4L), conv1.get("jump")),
                () -> assertEquals(Map.of("y", 5.0, "x", 5.0), conv1.get("center")));
    }

    @Test
    @DisplayName("every layer, in declaration order, agrees with the generated constants")
    void caffeNetAgreesWithGeneratedClass() throws IOException {
        List<Map<String, Object>> entries = layers(read(CAFFENET));
        List<LayerGeometry> layers = CaffeNetGeometry.layers();
        assertEquals(layers.size(), entries.size());

        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerGeometry l = layers.get(i);
            Map<String, Object> e = entries.get(i);
            checks.add(() -> assertTrue(e.keySet().containsAll(LAYER_KEYS), l.name() + " has " + e.keySet()));
            checks.add(() -> assertEquals(l.name(), e.get("name")));
            checks.add(() -> assertEquals(l.kind(), e.get("kind"), l.name()));
            checks.add(() -> assertEquals(Map.of("channels", (long) l.output().channels(),
                    "height", (long) l.output().height(), "width", (long) l.output().width()), e.get("output"), l.name()));
            checks.add(() -> assertEquals(Map.of("height", (long) l.rfHeight(), "width", (long) l.rfWidth()),
                    e.get("rf"), l.name()));
            checks.add(() -> assertEquals(Map.of("y", l.y().jump(), "x", l.x().jump()), doubles(e.get("jump")), l.name()));
            checks.add(() -> assertEquals(Map.of("y", l.y().center(), "x", l.x().center()), doubles(e.get("center")),
                    l.name()));
        }
        assertAll(checks);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CaffeNet", "Vgg16", "MobileNetV1", "GoogLeNet", "ResNet50", "Fcn32s", "Fcn16s", "Fcn8s"})
    @DisplayName("every example network has a well-formed manifest")
    void everyNetwork(String network) throws IOException {
        Map<String, Object> manifest = read("META-INF/convgeom/dev.convgeom.example." + network + ".json");

        assertEquals("dev.convgeom.example." + network, manifest.get("network"));
        for (Map<String, Object> layer : layers(manifest)) {
            assertTrue(layer.keySet().containsAll(LAYER_KEYS), layer.get("name") + " has " + layer.keySet());
        }
    }

    /** Networks whose layers branch: each with its generated layers. */
    static Stream<Arguments> graphs() {
        return Stream.of(
                arguments("GoogLeNet", GoogLeNetGeometry.layers()),
                arguments("ResNet50", ResNet50Geometry.layers()),
                arguments("Fcn8s", Fcn8sGeometry.layers()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    @DisplayName("a graph's manifest names, for every layer, the layers it reads, as the generated class does")
    void graphFrom(String network, List<LayerGeometry> layers) throws IOException {
        List<Map<String, Object>> entries = layers(read("META-INF/convgeom/dev.convgeom.example." + network + ".json"));
        assertEquals(layers.size(), entries.size());

        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerGeometry l = layers.get(i);
            Map<String, Object> e = entries.get(i);
            checks.add(() -> assertEquals(l.name(), e.get("name")));
            checks.add(() -> assertEquals(l.spec().from(), e.get("from"), l.name()));
        }
        assertAll(checks);
    }

    private static Map<String, Object> read(String resource) throws IOException {
        try (InputStream in = ManifestTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the class path");
            return asMap(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(Map<String, Object> manifest) {
        return (List<Map<String, Object>>) manifest.get("layers");
    }

    /** A {y, x} object with its numbers as doubles, whether written as 4 or 4.0. */
    private static Map<String, Double> doubles(Object yx) {
        Map<String, Object> m = asMap(yx);
        return Map.of("y", ((Number) m.get("y")).doubleValue(), "x", ((Number) m.get("x")).doubleValue());
    }
}
