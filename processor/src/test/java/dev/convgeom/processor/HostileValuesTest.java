package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Hostile but well-typed values, one attribute at a time and in random mixes: the processor never
 * crashes, never lets a wrapped number into generated code that does not compile, and for each
 * model either generates code that loads and answers, or reports convgeom errors located on the
 * model's {@code @Network} or layer lines.
 *
 * <p>Each test compiles its models in one batch (one file per model, {@code test.Net0},
 * {@code test.Net1}, ...), then compiles the models without errors again, where their generated
 * code must compile: a few hundred compilations one by one would take minutes.
 */
class HostileValuesTest {

    private static final List<String> VALUES =
            List.of("Integer.MIN_VALUE", "-1", "0", "1", "Integer.MAX_VALUE - 1", "Integer.MAX_VALUE");
    private static final List<String> CONV = List.of("out", "in", "k", "kh", "kw", "s", "sh", "sw", "p", "ph", "pw",
            "d", "dh", "dw", "groups");
    private static final List<String> POOL = List.of("k", "kh", "kw", "s", "sh", "sw", "p", "ph", "pw");
    private static final List<String> INPUT = List.of("channels", "height", "width");

    /** A model: its {@code @Network} line and its layer lines. */
    record Model(String network, List<String> layers) {
    }

    @Test
    void everyAttributeAtEveryHostileValue() {
        List<Model> models = new ArrayList<>();
        for (String value : VALUES) {
            for (String attribute : CONV) {
                models.add(new Model(inputLine(Map.of()), List.of(
                        annotation("Conv", Map.of("out", "8", "k", "3"), attribute, value) + " Object conv1;",
                        "@FullyConnected(out = 10) Object fc;")));
            }
            for (String attribute : POOL) {
                models.add(new Model(inputLine(Map.of()), List.of(
                        "@Conv(out = 8, k = 3) Object conv1;",
                        annotation("MaxPool", Map.of("k", "2"), attribute, value) + " Object pool1;")));
            }
            for (String attribute : INPUT) {
                models.add(new Model(inputLine(Map.of(attribute, value)), List.of(
                        "@Conv(out = 8, k = 3, p = 1) Object conv1;", "@FullyConnected(out = 10) Object fc;")));
            }
            models.add(new Model(inputLine(Map.of()), List.of("@FullyConnected(out = " + value + ") Object fc;")));
            models.add(new Model(inputLine(Map.of()), List.of("@FullyConnected(out = 1, in = " + value + ") Object fc;")));
        }
        check(models);
    }

    /** Random chains of hostile layers, from a fixed seed: the same models on every run. */
    @Test
    void randomChains() {
        Random random = new Random(20240229);
        List<Model> models = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            Map<String, String> input = new LinkedHashMap<>();
            for (String attribute : INPUT) {
                input.put(attribute, random.nextInt(8) == 0 ? pick(random, VALUES)
                        : Integer.toString(1 + random.nextInt(300)));
            }
            List<String> layers = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                layers.add(randomLayer(random) + " Object l" + i + ";");
            }
            models.add(new Model(inputLine(input), layers));
        }
        check(models);
    }

    private static void check(List<Model> models) {
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            sources.add(Sources.network("Net" + i, models.get(i).network(), models.get(i).layers().toArray(String[]::new)));
        }
        Compilation all = Compilers.compile(sources.toArray(JavaFileObject[]::new));   // fails on a crash
        Set<String> failed = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : all.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            String where = d.getSource() == null ? "nowhere" : d.getSource().toUri().getPath();
            assertTrue(where.matches("(.*/)?test/Net[0-9]+\\.java"),
                    () -> "diagnostic outside the models (" + where + "): " + message);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String model = where.replaceAll("(.*/)?test/(Net[0-9]+)\\.java", "$2");
                Model m = models.get(Integer.parseInt(model.substring(3)));
                assertTrue(message.contains("[convgeom:"), () -> "not a convgeom error in " + m + ": " + message);
                assertTrue(d.getLineNumber() == 3 || d.getLineNumber() >= Sources.FIRST_LAYER_LINE,
                        () -> "error off the network and layer lines in " + m + ": " + message);
                failed.add(model);
            }
        }
        // the models without errors, again: their generated code compiles, loads and answers
        List<JavaFileObject> clean = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (!failed.contains("Net" + i)) {
                clean.add(sources.get(i));
                names.add("Net" + i);
            }
        }
        // enough of the models are valid that generation is exercised too
        assertTrue(clean.size() >= models.size() / 10, () -> "only " + clean.size() + " of " + models.size()
                + " models are valid");
        Compilation good = Compilers.compile(clean.toArray(JavaFileObject[]::new));
        assertThat(good).succeeded();
        assertEquals(0, good.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count());
        CompiledClasses classes = new CompiledClasses(good);
        for (String name : names) {
            Class<?> g = classes.load("test." + name + "Geometry");
            CompiledClasses.call(g, "mapToInput", 0.0, 0.0);
            CompiledClasses.call(g, "receptiveField", 0, 0);
            CompiledClasses.call(g, "clippedReceptiveField", 0, 0);
            CompiledClasses.call(g, "mapFromInput", 0.0, 0.0);
        }
    }

    private static String randomLayer(Random random) {
        int kind = random.nextInt(5);
        List<String> attributes = kind <= 1 ? CONV : kind <= 3 ? POOL : List.of("out", "in");
        String name = kind <= 1 ? "Conv" : kind == 2 ? "MaxPool" : kind == 3 ? "AvgPool" : "FullyConnected";
        Map<String, String> values = new LinkedHashMap<>();
        if (kind == 4) {
            values.put("out", "10");
        } else {
            values.put("k", Integer.toString(1 + random.nextInt(7)));
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            String attribute = pick(random, attributes);
            values.put(attribute, random.nextInt(3) == 0 ? pick(random, VALUES) : Integer.toString(random.nextInt(9)));
        }
        if (kind <= 3 && random.nextInt(6) == 0) {
            values.put("padding", random.nextBoolean() ? "Padding.SAME" : "Padding.VALID");
        }
        if ((kind == 2 || kind == 3) && random.nextBoolean()) {
            values.put("ceil", "true");
        }
        return "@" + name + values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String annotation(String name, Map<String, String> base, String attribute, String value) {
        Map<String, String> values = new LinkedHashMap<>(base);
        values.put(attribute, value);
        return "@" + name + values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String inputLine(Map<String, String> overrides) {
        Map<String, String> input = new LinkedHashMap<>(Map.of("channels", "3", "height", "32", "width", "32"));
        input.putAll(overrides);
        return "@Network(input = @Input(channels = " + input.get("channels") + ", height = " + input.get("height")
                + ", width = " + input.get("width") + "))";
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
