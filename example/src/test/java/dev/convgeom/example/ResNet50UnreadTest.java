package dev.convgeom.example;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.processor.ConvGeomProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * ResNet-50 as released strides by 2 in the 1x1 convolutions of both branches of the first block of
 * stages 3, 4 and 5: each of the six reads rows and columns 0, 2, 4, ... of its input only, and no
 * path reads the rest. The build's warnings and the manifest say so, with the numbers worked out
 * by hand: res2c 56x56 keeps 28x28 = 784 of 3136 units, res3d 28x28 196 of 784, res4f 14x14 49 of
 * 196: three quarters unread each, and as much of the two last maps of the residual branch that
 * each of them adds.
 */
class ResNet50UnreadTest {

    private static final String MANIFEST = "META-INF/convgeom/dev.convgeom.example.ResNet50.json";

    @Test
    void theBuildWarnsAtTheSixStridedOneByOneConvolutions() throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/convgeom/example/ResNet50.java");
        Compilation c = javac().withProcessors(new ConvGeomProcessor())
                .compile(JavaFileObjects.forResource(source.toUri().toURL()));
        assertThat(c).succeeded();
        List<String> warned = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
            warned.add(d.getMessage(null).replaceAll("^layer '([^']*)'.*", "$1"));
        }
        assertEquals(List.of("res3a_branch1", "res3a_branch2a", "res4a_branch1", "res4a_branch2a", "res5a_branch1",
                "res5a_branch2a"), warned);
        assertThat(c).hadWarningContaining("layer 'res3a_branch1': along the height/width, its windows (k = 1, s = 2)"
                + " never read 28 of the 56 rows/columns of its input 'res2c': rows/columns 1, 3, ..., 55; no path to"
                + " an output reads them. In all, 2352 of the 3136 units of 'res2c' (3/4) are read by no path to an"
                + " output.").inFile(c.sourceFiles().get(0)).onLineContaining("Object res3a_branch1;");
        assertThat(c).hadWarningContaining("layer 'res4a_branch2a': along the height/width, its windows (k = 1, s = 2)"
                + " never read 14 of the 28 rows/columns of its input 'res3d': rows/columns 1, 3, ..., 27; no path to"
                + " an output reads them. In all, 588 of the 784 units of 'res3d' (3/4)");
        assertThat(c).hadWarningContaining("layer 'res5a_branch1': along the height/width, its windows (k = 1, s = 2)"
                + " never read 7 of the 14 rows/columns of its input 'res4f': rows/columns 1, 3, ..., 13; no path to"
                + " an output reads them. In all, 147 of the 196 units of 'res4f' (3/4)");
    }

    @Test
    void theManifestListsTheUnreadUnitsOfEachMap() throws IOException {
        Map<String, Object> manifest;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MANIFEST)) {
            assertNotNull(in, MANIFEST);
            manifest = asMap(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        Map<String, String> unread = new TreeMap<>();
        for (Object o : (List<?>) manifest.get("layers")) {
            Map<String, Object> layer = asMap(o);
            Map<String, Object> u = asMap(layer.get("unread"));
            if (((Number) u.get("unreadUnits")).longValue() > 0) {
                unread.put((String) layer.get("name"), u.get("unreadUnits") + " of " + u.get("units") + " ("
                        + u.get("fraction") + "), rows " + u.get("rows"));
            }
        }
        // The add that makes each of those maps passes its unread units on to the 1x1 branch2c of its
        // residual branch, and through it to the 3x3 branch2b (whose padded windows read all of branch2a).
        Map<String, String> expected = new TreeMap<>();
        for (String[] stage : new String[][] {{"res2c", "2352 of 3136 (3/4), rows [[1, 55, 2]]"},
                {"res3d", "588 of 784 (3/4), rows [[1, 27, 2]]"}, {"res4f", "147 of 196 (3/4), rows [[1, 13, 2]]"}}) {
            for (String map : List.of(stage[0], stage[0] + "_branch2b", stage[0] + "_branch2c")) {
                expected.put(map, stage[1]);
            }
        }
        assertEquals(expected, normalise(unread));
        assertEquals(0L, ((Number) asMap(manifest.get("unreadInput")).get("unreadUnits")).longValue());
        Map<String, Object> branch1 = asMap(((List<?>) manifest.get("layers")).stream().map(ResNet50UnreadTest::asMap)
                .filter(l -> l.get("name").equals("res3a_branch1")).findFirst().orElseThrow().get("skippedInput"));
        assertEquals("{count=28, of=56, positions=[[1, 55, 2]]}", normalise(asMap(branch1.get("rows"))).toString());
    }

    /** Numbers as the JSON parser gives them may be Long or Double: written as whole numbers. */
    private static <V> Map<String, String> normalise(Map<String, V> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v).replaceAll("(\\d+)\\.0\\b", "$1")));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
