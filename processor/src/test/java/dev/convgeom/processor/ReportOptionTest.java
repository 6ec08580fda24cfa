package dev.convgeom.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code -Aconvgeom.report=true} writes one self-contained HTML report per network next to its
 * manifest, with the geometry embedded; without the option, none.
 */
class ReportOptionTest {

    private static final String REPORT = "META-INF/convgeom/test.Net.html";

    private static JavaFileObject graph() {
        return Sources.net(
                "@Conv(out = 8, k = 3, p = 1) Object a;",
                "@Conv(out = 8, k = 5, p = 2) Object b;",
                "@Add(from = {\"a\", \"b\"}) Object sum;");
    }

    @Test
    void optionWritesTheReportNextToTheManifest() throws Exception {
        List<String> options = new ArrayList<>(Compilers.OPTIONS);
        options.add("-Aconvgeom.report=true");
        Compilation c = Compilers.noCrash(Compilers.run(Compilers.withProcessor().withOptions(options), graph()));
        assertThat(c.status()).isEqualTo(Compilation.Status.SUCCESS);
        Optional<JavaFileObject> report = c.generatedFile(StandardLocation.CLASS_OUTPUT, REPORT);
        assertTrue(report.isPresent(), "no " + REPORT);
        String html = report.get().getCharContent(true).toString();
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<title>convgeom report: Net</title>");
        // Self-contained: nothing fetched from anywhere.
        assertThat(html).doesNotContainMatch("(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("@@DATA@@");
        // The data: the merge, not separable, with its exact 2-D grid, and the effective profiles.
        assertThat(html).contains("\"name\": \"sum\"");
        assertThat(html).contains("\"separable\": false");
        assertThat(html).contains("\"grid\": 0");
        assertThat(html).contains("\"grids\": [");
        assertThat(html).contains("\"effective\":");
        assertThat(html).contains("Luo et al., NIPS 2016");
        // The pictures for documents, next to it.
        for (String picture : List.of("stack", "plane")) {
            String path = "META-INF/convgeom/test.Net." + picture + ".svg";
            Optional<JavaFileObject> svg = c.generatedFile(StandardLocation.CLASS_OUTPUT, path);
            assertTrue(svg.isPresent(), "no " + path);
            assertThat(svg.get().getCharContent(true).toString()).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        }
    }

    @Test
    void noReportWithoutTheOption() {
        Compilation c = Compilers.compile(graph());
        assertEquals(Optional.empty(), c.generatedFile(StandardLocation.CLASS_OUTPUT, REPORT));
        assertEquals(Optional.empty(), c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/test.Net.plane.svg"));
        assertTrue(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/test.Net.json").isPresent());
    }
}
