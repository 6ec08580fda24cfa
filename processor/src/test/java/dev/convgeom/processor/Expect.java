package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Assertions shared by the diagnostics tests. */
final class Expect {

    private Expect() {
    }

    /** {@code src} compiles with exactly one diagnostic: this error, at this line and column. */
    static Compilation oneError(JavaFileObject src, int line, int column, String message) {
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadWarningCount(0);
        assertThat(c).hadErrorContaining(message).inFile(src).onLine(line).atColumn(column);
        return c;
    }

    /** {@code src} compiles, without errors or warnings. */
    static Compilation clean(JavaFileObject... src) {
        Compilation c = Compilers.compile(src);
        assertThat(c).succeededWithoutWarnings();
        return c;
    }

    /** Diagnostics that carry a convgeom tag, i.e. that the processor printed. */
    static List<Diagnostic<? extends JavaFileObject>> fromProcessor(Compilation c) {
        return c.diagnostics().stream().filter(d -> d.getMessage(Locale.ROOT).contains("[convgeom:")).toList();
    }

    /** Fails unless the compilation has no diagnostic printed by the processor. */
    static void nothingFromProcessor(Compilation c) {
        List<Diagnostic<? extends JavaFileObject>> ours = fromProcessor(c);
        if (!ours.isEmpty()) {
            throw new AssertionError("expected no convgeom diagnostic, got " + ours);
        }
    }
}
