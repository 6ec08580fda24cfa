package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.convgeom.processor.Sources.net;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every independent mistake is reported in one compile: a layer with a mistake of its own, or one
 * whose shape cannot be computed, silences only the layers that read it; independent branches and
 * later independent checks are still made. Layout as in {@link Sources} (layers from line 5,
 * indented by 4, on a 3x32x32 input).
 */
class EveryMistakeTest {

    /** The column of {@code token} in a layer line, counting from 1. */
    private static int column(String layer, String token) {
        int at = layer.indexOf(token);
        if (at < 0) {
            throw new IllegalArgumentException(token + " not in " + layer);
        }
        return 4 + at + 1;
    }

    private static final List<String> LAYERS = List.of(
            "@Conv(out = 16, k = 3, p = 1) Object a;",                       // 5: 16x32x32
            "@Conv(out = 32, k = 3, p = 1, from = \"input\") Object b;",       // 6: 32x32x32
            "@Add(from = {\"a\", \"b\"}) Object sum;",                          // 7: 16 and 32 channels
            "@Conv(out = 8, k = 0, from = \"input\") Object c;",               // 8: k = 0
            "@Relu(from = \"c\") Object afterC;",                              // 9: reads a broken layer
            "@Conv(out = 8, k = 3, from = \"input\") Object d;",               // 10: 8x30x30, centre 1
            "@Crop(from = \"d\", like = \"input\") Object crop1;",              // 11: would start before d
            "@Crop(from = \"input\", like = \"d\", offset = 5) Object crop2;",  // 12: 5 + 30 > 32
            "@Conv(out = 8, k = 40, from = \"input\") Object big;",            // 13: no window fits
            "@Relu(from = \"big\") Object afterBig;",                          // 14: reads a broken layer
            "@MaxPool(k = 2, from = \"input\") Object pool;",                  // 15: jump 2
            "@Crop(from = \"pool\", like = \"input\") Object crop3;",           // 16: jumps 2 and 1
            "@Conv(out = 8, k = 3, from = \"crop3\") Object afterCrop3;");      // 17: reads a broken layer

    private static String line(int number) {
        return LAYERS.get(number - Sources.FIRST_LAYER_LINE);
    }

    @Test
    void everyIndependentMistakeIsReportedOnceInOneCompile() {
        JavaFileObject src = net(LAYERS.toArray(String[]::new));
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorContaining("layer 'sum': @Add needs inputs of equal channels, height and width, but 'a'"
                        + " is 16x32x32 and 'b' is 32x32x32. [convgeom:merge-size-mismatch]".replace(". [", ". Give both paths the same number of channels (for a residual connection, a 1x1 projection on the shortcut) ["))
                .inFile(src).onLine(7).atColumn(column(line(7), "\"b\""));
        assertThat(c).hadErrorContaining("layer 'c': k = 0, but a kernel size must be at least 1 [convgeom:not-positive]")
                .inFile(src).onLine(8).atColumn(column(line(8), "0"));
        assertThat(c).hadErrorContaining("layer 'crop1': 'd' starts 1 unit (1 input pixel) after 'input' along the"
                        + " height/width, so no crop of it aligns with 'input' (the offset would be -1)")
                .inFile(src).onLine(11).atColumn(column(line(11), "\"input\""));
        assertThat(c).hadErrorContaining("layer 'crop2': offset 5 plus the 30 rows/columns of 'd' is 35, more than the 32"
                        + " rows/columns of 'input'; use an offset of at most 2 [convgeom:crop-offset-out-of-range]")
                .inFile(src).onLine(12).atColumn(column(line(12), "5"));
        assertThat(c).hadErrorContaining("layer 'big': the height/width kernel does not fit its input")
                .inFile(src).onLine(13).atColumn(column(line(13), "40"));
        assertThat(c).hadErrorContaining("layer 'crop3': cannot align 'pool' with 'input' along the height/width:"
                        + " their jumps differ (2 and 1 input pixels per unit) [convgeom:crop-jumps-differ]".replace(" [", ", so no crop offset lines up more than one unit; crop a map of the same resolution as 'input' ["))
                .inFile(src).onLine(16).atColumn(column(line(16), "\"input\""));
        // One diagnostic per mistake; nothing about the layers that read c, big and crop3.
        assertThat(c).hadErrorCount(6);
        assertThat(c).hadWarningCount(0);
        Expect.fromProcessor(c).forEach(d -> {
            long line = d.getLineNumber();
            if (line == 9 || line == 14 || line == 17) {
                throw new AssertionError("a layer reading a broken one was blamed: " + d);
            }
        });
    }

    /** The case: an @Add of 16 and 32 channels used to stay silent next to another error. */
    @Test
    void aChannelMismatchIsReportedBesideAnUnrelatedNameError() {
        String sum = "@Add(from = {\"a\", \"b\"}) Object sum;";
        String typo = "@Relu(from = \"sun\") Object out;";
        JavaFileObject src = net("@Conv(out = 16, k = 3, p = 1) Object a;",
                "@Conv(out = 32, k = 3, p = 1, from = \"input\") Object b;",
                sum,
                typo);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[convgeom:merge-size-mismatch]").inFile(src).onLine(7)
                .atColumn(column(sum, "\"b\""));
        assertThat(c).hadErrorContaining("layer 'out': from names 'sun', but the network has no layer of that name;"
                + " did you mean 'sum'? [convgeom:unknown-layer]").inFile(src).onLine(8).atColumn(column(typo, "\"sun\""));
    }

    /** Three crops that fail on three branches: three errors in one compile, not one per compile. */
    @Test
    void threeBadCropsAreReportedTogether() {
        String c1 = "@Crop(from = \"input\", like = \"d\", offset = 3) Object c1;";
        String c2 = "@Crop(from = \"input\", like = \"d\", offset = 4) Object c2;";
        String c3 = "@Crop(from = \"input\", like = \"d\", offsetX = 9, offsetY = 1) Object c3;";
        JavaFileObject src = net("@Conv(out = 8, k = 3) Object d;", c1, c2, c3);
        Compilation c = Compilers.compile(src);
        assertThat(c).hadErrorCount(3);
        assertThat(c).hadErrorContaining("layer 'c1': offset 3 plus the 30 rows/columns of 'd' is 33")
                .inFile(src).onLine(6).atColumn(column(c1, "3"));
        assertThat(c).hadErrorContaining("layer 'c2': offset 4 plus the 30 rows/columns of 'd' is 34")
                .inFile(src).onLine(7).atColumn(column(c2, "4"));
        assertThat(c).hadErrorContaining("layer 'c3': offset 9 plus the 30 columns of 'd' is 39")
                .inFile(src).onLine(8).atColumn(column(c3, "9"));
    }
}
