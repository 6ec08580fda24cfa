package dev.convgeom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code minInputSize()}'s Javadoc tells the final map at that size as it is, not as "1x1": a
 * U-Net-like graph (down, up, crop the skip, concatenate) ends larger than 1x1 at its smallest input.
 */
class MinInputSizeJavadocTest {

    @Test
    void aUNetLikeGraphEndsInTwoByTwoAtItsSmallestInput() throws Exception {
        // By hand, on n x n: c1 n-2, p1 floor((n-2)/2), c2 p1-2, up 2*c2, crop of c1 at offset 2 (centres
        // 1 and 3, jump 1) to up's size, cat up, c3 up-2. c3 >= 1 needs c2 >= 2, p1 >= 4, n >= 10; at 10:
        // c1 8, p1 4, c2 2, up 4 (2 + 4 <= 8 fits the crop), c3 2. At 9, c3 would be 0.
        JavaFileObject src = Sources.network("UNet", "@Network(input = @Input(channels = 1, height = 16, width = 16))",
                "@Conv(out = 4, k = 3) Object c1;",
                "@MaxPool(k = 2) Object p1;",
                "@Conv(out = 8, k = 3) Object c2;",
                "@Deconv(out = 4, k = 2, s = 2) Object up;",
                "@Crop(from = \"c1\", like = \"up\") Object skip;",
                "@Concat(from = {\"up\", \"skip\"}) Object cat;",
                "@Conv(out = 2, k = 3) Object c3;");
        Compilation c = Compilers.compile(src);
        assertThat(c).succeededWithoutWarnings();
        String generated = c.generatedSourceFile("test.UNetGeometry").orElseThrow().getCharContent(true).toString();
        String promise = "The smallest input every layer fits: 10x10 (width x height); there {@code c3} is 2x2"
                + " (width x height).";
        assertTrue(generated.replaceAll("\\s*\\n\\s*\\*\\s*", " ").contains(promise), generated);
    }

    /**
     * A graph whose fully connected layer needs 2,000,000 rows: the run-time search walks sizes from
     * 1 to 2^22 / 4 and finds none that fits. The processor used to stop with an internal error
     * (found by ProcessorFuzzTest); now it compiles, says the search found none, and neither the
     * Javadoc nor the manifest prints a size that is not the smallest.
     */
    @Test
    void aGraphWhoseSmallestInputIsBeyondTheSearchSaysSoInsteadOfFailing() {
        JavaFileObject src = Sources.network("Tall", "@Network(input = @Input(channels = 1, height = 2000000, width = 4))",
                "@Conv(out = 1, k = 1) Object a;",
                "@Conv(out = 1, k = 1, from = \"input\") Object b;",
                "@Add(from = {\"a\", \"b\"}) Object sum;",
                "@FullyConnected(out = 3) Object fc;");
        Compilation c = Compilers.compile(src);
        assertThat(c).succeededWithoutWarnings();
        String generated = GeneratedCodeTest.sourceOf(c, "test.TallGeometry").replaceAll("\\s*\\n\\s*\\*\\s*", " ");
        assertTrue(generated.contains("The smallest input every layer fits: none found at compile time."), generated);
        assertTrue(generated.contains("the declared 4x2000000 (width x height) does."), generated);
        assertTrue(generated.contains("return spec.minInputSize();"), generated);
        String manifest = GeneratedCodeTest.manifestOf(c, "test.Tall");
        assertTrue(manifest.contains("\"minInputSize\": null"), manifest);
    }
}
