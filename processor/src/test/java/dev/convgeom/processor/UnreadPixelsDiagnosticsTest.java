package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Expect.clean;
import static dev.convgeom.processor.Expect.oneError;
import static dev.convgeom.processor.Sources.net;
import static dev.convgeom.processor.Sources.network;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Unread pixels, told truly: interior gaps as well as trailing borders, the positions and the
 * share of the map no path to an output reads, and silence when another path reads what one
 * layer skips. Layout as in {@link Sources} (layers from line 5, indented by 4).
 */
class UnreadPixelsDiagnosticsTest {

    private static final String STRICT = "@Network(input = @Input(channels = 3, height = 32, width = 32), strict = true)";

    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    @Test
    void strictRefusesAPoolThatReadsEveryOtherRow() {
        String pool = "@MaxPool(k = 1, s = 2) Object pool;";
        oneError(network("Net", STRICT, pool), 5, column(pool, "2"),
                "layer 'pool': along the height/width, its windows (k = 1, s = 2) never read 16 of the 32 rows/columns"
                        + " of the input: rows/columns 1, 3, ..., 31; no path to an output reads them. In all, 768 of"
                        + " the 1024 units of the input (3/4) are read by no path to an output. Use a stride of at"
                        + " most the kernel (s <= 1) or a kernel of at least the stride (k >= 2), or pool or crop the"
                        + " map first if only some positions matter. (An error because of @Network(strict = true).)"
                        + " [convgeom:unread-gaps]");
    }

    @Test
    void strictRefusesAConvolutionThatSkipsAThird() {
        // k 2, s 3 on 32: windows at 0, 3, ..., 30 read 0, 1, 3, 4, ..., 30, 31: 2, 5, ..., 29 are skipped.
        String conv = "@Conv(out = 8, k = 2, s = 3) Object conv;";
        oneError(network("Net", STRICT, conv), 5, column(conv, "3"),
                "layer 'conv': along the height/width, its windows (k = 2, s = 3) never read 10 of the 32"
                        + " rows/columns of the input: rows/columns 2, 5, ..., 29; no path to an output reads them."
                        + " In all, 540 of the 1024 units of the input (135/256) are read by no path to an output."
                        + " Use a stride of at most the kernel (s <= 2) or a kernel of at least the stride (k >= 3),"
                        + " or pool or crop the map first if only some positions matter. (An error because of"
                        + " @Network(strict = true).) [convgeom:unread-gaps]");
    }

    @Test
    void aGapAnotherPathReadsIsNoProblem() {
        // 'even' reads rows and columns 0, 2, ..., 30; 'all' (k 2, s 2) reads every unit.
        clean(network("Net", STRICT,
                "@MaxPool(k = 1, s = 2) Object even;",
                "@Conv(out = 8, k = 2, s = 2, from = \"input\") Object all;"));
    }

    @Test
    void twoInterleavedPathsStillLeaveHalfTheUnitsUnread() {
        // 'even' reads units (even, even); 'odd', shifted by its padding, (odd, odd): every row and
        // every column is read by one of them, but the units (even, odd) and (odd, even) by neither.
        String even = "@MaxPool(k = 1, s = 2) Object even;";
        String odd = "@Conv(out = 8, k = 1, s = 2, p = 1, from = \"input\") Object odd;";
        JavaFileObject src = network("Net", STRICT, even, odd);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("layer 'even': along the height/width, its windows (k = 1, s = 2) never read"
                + " 16 of the 32 rows/columns of the input: rows/columns 1, 3, ..., 31; other paths read only some"
                + " units of each of them. In all, 512 of the 1024 units of"
                + " the input (1/2) are read by no path to an output.").inFile(src).onLine(5).atColumn(column(even, "2"));
        assertThat(c).hadErrorContaining("layer 'odd': along the height/width, its windows (k = 1, s = 2, p = 1)"
                + " never read 16 of the 32 rows/columns of the input: rows/columns 0, 2, ..., 30;")
                .inFile(src).onLine(6).atColumn(column(odd, "2"));
    }

    @Test
    void twoStridedBranchesOfAResidualBlockLeaveThreeQuartersUnread() {
        String b1 = "@Conv(out = 8, k = 1, s = 2) Object b1;";
        String b2a = "@Conv(out = 8, k = 1, s = 2, from = \"input\") Object b2a;";
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 8, width = 8))",
                b1, b2a,
                "@Conv(out = 8, k = 3, p = 1) Object b2b;",
                "@Add(from = {\"b1\", \"b2b\"}) Object sum;");
        Compilation c = Compilers.compile(src);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(2);
        String tail = "never read 4 of the 8 rows/columns of the input: rows/columns 1, 3, 5, 7; no path to an output"
                + " reads them. In all, 48 of the 64 units of the input (3/4) are read by no path to an output.";
        assertThat(c).hadWarningContaining("layer 'b1': along the height/width, its windows (k = 1, s = 2) " + tail)
                .inFile(src).onLine(5).atColumn(column(b1, "2"));
        assertThat(c).hadWarningContaining("layer 'b2a': along the height/width, its windows (k = 1, s = 2) " + tail)
                .inFile(src).onLine(6).atColumn(column(b2a, "2"));
    }

    @Test
    void aGapOtherPathsPartlyReadNamesWhatIsLeft() {
        // 'a' reads columns 0, 2, ..., 30 (all rows); 'b' (k 1, s 4) reads columns 0, 4, ..., 28 and
        // rows 0, 4, ..., 28: it skips rows 'a' reads, which is fine, and no column 'a' skips is read.
        String b = "@Conv(out = 8, k = 1, s = 4, from = \"input\") Object b;";
        JavaFileObject src = net("@MaxPool(kh = 1, kw = 1, sh = 1, sw = 2) Object a;", b);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadWarningContaining("layer 'a': along the width, its windows (k = 1, s = 2) never read 16 of"
                + " the 32 columns of the input: columns 1, 3, ..., 31; no path to an output reads them. In all, 512"
                + " of the 1024 units of the input (1/2)").inFile(src).onLine(5);
        assertThat(c).hadWarningContaining("layer 'b': along the width, its windows (k = 1, s = 4) never read 24 of"
                + " the 32 columns of the input: columns 1 to 3, 5 to 7, 9 to 11 and 15 more; other paths read some"
                + " of them, but no path to an output reads columns 1, 3, ..., 31.")
                .inFile(src).onLine(6).atColumn(column(b, "4"));
        assertThat(c).hadWarningCount(2);
    }

    @Test
    void aDilationsHolesAreGapsToo() {
        // k 2, d 3, s 1 on 32: unit u reads u and u + 3, u < 29: every position is read. On 5 rows with
        // s 2: windows at 0 and 2 read 0, 3, 2, 5 -> 1 and 4 are never read.
        String conv = "@Conv(out = 8, k = 2, d = 3, s = 2) Object conv;";
        JavaFileObject src = network("Net", "@Network(input = @Input(channels = 3, height = 6, width = 6))", conv);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("layer 'conv': along the height/width, its windows (k = 2, s = 2, d = 3)"
                + " never read 2 of the 6 rows/columns of the input: rows/columns 1, 4; no path to an output reads"
                + " them. In all, 20 of the 36 units of the input (5/9) are read by no path to an output. Use a"
                + " smaller dilation or stride, or more padding, so that every position falls under a tap.")
                .inFile(src).onLine(5).atColumn(column(conv, "3"));
    }

    /**
     * 'tail' (k 1, s 2) reads rows and columns 0, 2, ..., 30 of 'head'. Not declared, the outputs
     * are the layers nothing reads: only 'tail', so half the rows of 'head' are read by nothing
     * (strict: an error). Declared, 'head' is an output too, all of whose units are used: no gap.
     */
    @Test
    void aDeclaredOutputThatAnotherLayerReadsCountsAsAnOutput() {
        String head = "@Conv(out = 8, k = 3, p = 1) Object head;";
        String tail = "@MaxPool(k = 1, s = 2) Object tail;";
        oneError(network("Net", STRICT, head, tail), 6, column(tail, "2"),
                "layer 'tail': along the height/width, its windows (k = 1, s = 2) never read 16 of the 32"
                        + " rows/columns of its input 'head': rows/columns 1, 3, ..., 31; no path to an output reads"
                        + " them. In all, 768 of the 1024 units of 'head' (3/4) are read by no path to an output."
                        + " Use a stride of at most the kernel (s <= 1) or a kernel of at least the stride (k >= 2),"
                        + " or pool or crop the map first if only some positions matter. (An error because of"
                        + " @Network(strict = true).) [convgeom:unread-gaps]");
        clean(network("Net", "@Network(input = @Input(channels = 3, height = 32, width = 32), strict = true,"
                + " outputs = {\"head\", \"tail\"})", head, tail));
    }

    /**
     * 'side' (k 1, s 2) is read by nothing and not declared: a dead end, whose units nothing that
     * reaches an output reads, so what its windows skip is no warning; 'main' skips the same
     * positions and is the declared output, so it is an error under strict, located at its stride.
     */
    @Test
    void anUndeclaredDeadEndIsNoOutput() {
        String side = "@MaxPool(k = 1, s = 2) Object side;";
        String main = "@Conv(out = 8, k = 1, s = 2, from = \"input\") Object main;";
        String declared = "@Network(input = @Input(channels = 3, height = 32, width = 32), strict = true,"
                + " outputs = \"main\")";
        oneError(network("Net", declared, side, main), 6, column(main, "2"),
                "layer 'main': along the height/width, its windows (k = 1, s = 2) never read 16 of the 32"
                        + " rows/columns of the input: rows/columns 1, 3, ..., 31; no path to an output reads them.");
        // not declared, both are outputs and both are blamed
        JavaFileObject src = network("Net", STRICT, side, main);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("layer 'side': along the height/width").inFile(src).onLine(5)
                .atColumn(column(side, "2"));
        assertThat(c).hadErrorContaining("layer 'main': along the height/width").inFile(src).onLine(6)
                .atColumn(column(main, "2"));
    }
}
