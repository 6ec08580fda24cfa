package dev.convgeom.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's build at its strictest: the example networks, and the example program that uses their
 * generated classes, compiled by plain javac in a fresh project with {@code -Xlint:all -Werror},
 * which includes {@code -Xlint:processing} (no "No processor claimed any of these annotations") and
 * covers the generated code.
 *
 * <p>ResNet-50 is compiled apart: the published model has 1x1 stride-2 convolutions that leave
 * input rows unread, and convgeom says so in warnings of its own, which {@code -Werror} rightly
 * turns into a failed build. For it, the test checks that those are the only warnings: javac's
 * lint finds nothing.
 */
class LintCleanIT {

    private static final String WARNS_BY_DESIGN = "ResNet50.java";
    private static final String USES_IT = "Main.java";

    @Test
    void exampleNetworksCompileWithLintAllWerror() {
        List<String> sources = FreshProject.exampleSources().stream()
                .filter(s -> !s.endsWith(WARNS_BY_DESIGN) && !s.endsWith(USES_IT)).toList();
        assertTrue(sources.size() >= 7, sources::toString);
        FreshProject.Run compile = strict("lint-all-werror", sources);
        assertEquals(0, compile.exit(), compile::describe);
        assertEquals("", compile.output(), compile::describe);
    }

    @Test
    void allExamplesWithMainWarnOnlyWhereConvgeomMeansTo() {
        FreshProject.Run compile = strict("lint-all-werror-resnet", FreshProject.exampleSources());
        List<String> warnings = compile.output().lines().filter(l -> l.contains("warning:")).toList();
        assertTrue(!warnings.isEmpty(), compile::describe);
        assertTrue(warnings.stream().allMatch(w -> w.contains(WARNS_BY_DESIGN) && w.contains("[convgeom:")),
                compile::describe);
        assertTrue(compile.output().contains("error: warnings found and -Werror specified"), compile::describe);
        assertEquals(1, compile.output().lines().filter(l -> l.contains("error:")).count(), compile::describe);
    }

    private static FreshProject.Run strict(String name, List<String> sources) {
        FreshProject project = FreshProject.named(name);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror",
                "-processorpath", FreshProject.path(FreshProject.PROCESSOR_JAR, FreshProject.API_JAR),
                "-cp", FreshProject.API_JAR.toString(), "-d", "classes", "-s", "generated"));
        args.addAll(sources);
        return project.javac(args);
    }
}
