package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same input, byte-identical output: every generated source and manifest. */
class DeterminismTest {

    private static final List<JavaFileObject> MODELS = List.of(
            GoldenTest.GOLDEN_NET, GeneratedCodeTest.TINY, GeneratedCodeTest.ENUM_MODEL,
            GeneratedCodeTest.RECORD_MODEL, GeneratedCodeTest.NESTED_MODEL, GeneratedCodeTest.DEFAULT_PACKAGE_MODEL);

    @Test
    void compilingTwiceGivesIdenticalFiles() {
        Map<String, String> first = outputs(MODELS);
        Map<String, String> second = outputs(MODELS);
        assertEquals(14, first.size(), () -> "files: " + first.keySet());   // 7 networks x (source + manifest)
        assertEquals(first, second);
    }

    @Test
    void theOrderOfSourcesDoesNotMatter() {
        List<JavaFileObject> reversed = new ArrayList<>(MODELS);
        Collections.reverse(reversed);
        assertEquals(outputs(MODELS), outputs(reversed));
    }

    /** Generated sources and manifests by URI, each with a fresh processor. */
    private static Map<String, String> outputs(List<JavaFileObject> sources) {
        Compilation c = Expect.clean(sources.toArray(JavaFileObject[]::new));
        Map<String, String> files = new TreeMap<>();
        for (JavaFileObject file : c.generatedFiles()) {
            String uri = file.toUri().toString();
            if (uri.endsWith(".java") || uri.endsWith(".json")) {
                files.put(uri, GeneratedCodeTest.contents(file));
            }
        }
        return files;
    }
}
