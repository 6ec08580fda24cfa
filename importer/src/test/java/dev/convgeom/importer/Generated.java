package dev.convgeom.importer;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.processor.ConvGeomProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Compiles a generated class with convgeom's processor, as a user's build would, and reads its
 * manifest; compares manifests layer by layer with the names taken out.
 */
final class Generated {

    /** Manifest kinds that leave the geometry alone: hand-declared examples may leave them out. */
    static final Set<String> NEUTRAL = Set.of("Relu", "Sigmoid", "Tanh", "BatchNorm", "Dropout", "Lrn", "Softmax",
            "Pointwise");

    private Generated() {
    }

    /** Compiles {@code source} ({@code packageName.className}); fails the test on any error. */
    static Compilation compile(String packageName, String className, String source) {
        JavaFileObject file = JavaFileObjects.forSourceString(packageName + "." + className, source);
        Compilation compilation = javac().withProcessors(new ConvGeomProcessor()).compile(file);
        String errors = compilation.diagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(null))
                .collect(Collectors.joining("\n"));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), errors + "\n" + source);
        return compilation;
    }

    /** The manifest the processor wrote for {@code packageName.className}. */
    static JsonObject manifest(Compilation compilation, String packageName, String className) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/convgeom/" + packageName + "." + className + ".json").orElseThrow();
        try {
            return JsonParser.parseString(file.getCharContent(true).toString()).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest of a hand-declared example class, from the example module's jar. */
    static JsonObject exampleManifest(String simpleName) {
        String path = "/META-INF/convgeom/dev.convgeom.example." + simpleName + ".json";
        try (InputStream in = Generated.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the test class path");
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The layers with their names taken out: geometry-neutral layers dropped (a {@code from} that
     * named one names what it read), every remaining name replaced by the layer's position
     * ({@code "#3"}), the constant's name removed. What is left is kinds, windows, shapes, fields,
     * jumps, centres, phases and wiring.
     */
    static List<JsonObject> withoutNames(JsonObject manifest) {
        JsonArray layers = manifest.getAsJsonArray("layers");
        Map<String, String> renamed = new HashMap<>();
        renamed.put("input", "input");
        List<JsonObject> kept = new ArrayList<>();
        for (JsonElement e : layers) {
            JsonObject layer = e.getAsJsonObject().deepCopy();
            String name = layer.get("name").getAsString();
            JsonArray from = new JsonArray();
            for (JsonElement f : layer.getAsJsonArray("from")) {
                from.add(renamed.get(f.getAsString()));
            }
            if (NEUTRAL.contains(layer.get("kind").getAsString())) {
                renamed.put(name, from.get(0).getAsString());
                continue;
            }
            String position = "#" + kept.size();
            renamed.put(name, position);
            layer.remove("name");
            layer.remove("constant");
            layer.add("from", from);
            if (layer.has("like")) {
                layer.addProperty("like", renamed.get(layer.get("like").getAsString()));
            }
            kept.add(layer);
        }
        return kept;
    }

    /** Asserts the two manifests describe the same network, names aside, layer by layer. */
    static void assertSameNetwork(JsonObject expected, JsonObject actual) {
        assertEquals(expected.get("input"), actual.get("input"), "input");
        List<JsonObject> want = withoutNames(expected);
        List<JsonObject> got = withoutNames(actual);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "layer #" + i);
        }
        assertEquals(want.size(), got.size(), "number of layers that change the geometry");
    }
}
