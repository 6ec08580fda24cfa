package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.NetworkSpec;
import dev.convgeom.example.CaffeNetGeometry;
import dev.convgeom.example.Fcn8sGeometry;
import dev.convgeom.example.GoogLeNetGeometry;
import dev.convgeom.example.ResNet50Geometry;
import dev.convgeom.importer.check.ModelCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written declaration checked against its model file, from a test and from the command line. */
class ModelCheckTest {

    @TempDir
    Path dir;

    @Test
    void theHandDeclaredExamplesMatchThePublishedDeployFiles() {
        ModelCheck.assertMatches(CaffeNetGeometry.network(), CaffeExamplesTest.model("bvlc_reference_caffenet.prototxt"));
        ModelCheck.assertMatches(GoogLeNetGeometry.network(), CaffeExamplesTest.model("bvlc_googlenet.prototxt"));
        ModelCheck.assertMatches(ResNet50Geometry.network(), CaffeExamplesTest.model("ResNet-50-deploy.prototxt"));
        ModelCheck.assertMatches(Fcn8sGeometry.network(), CaffeExamplesTest.model("voc-fcn8s-deploy.prototxt"));
    }

    @Test
    void aWrongKernelInOneBranchIsNamedInBothVocabularies() throws Exception {
        // inception_4c/5x5 has kernel 5, pad 2; a copy with kernel 3, pad 1 keeps every shape.
        String text = Files.readString(CaffeExamplesTest.model("bvlc_googlenet.prototxt"));
        String layer = "name: \"inception_4c/5x5\"";
        int at = text.indexOf(layer);
        int end = text.indexOf("kernel_size: 5", at);
        String changed = text.substring(0, end) + "kernel_size: 3" + text.substring(end + "kernel_size: 5".length());
        int pad = changed.indexOf("pad: 2", at);
        changed = changed.substring(0, pad) + "pad: 1" + changed.substring(pad + "pad: 2".length());
        Path model = dir.resolve("googlenet-changed.prototxt");
        Files.writeString(model, changed);

        AssertionError e = assertThrows(AssertionError.class,
                () -> ModelCheck.assertMatches(GoogLeNetGeometry.network(), model));
        assertTrue(e.getMessage().contains("declared 'inception_4c_5x5' (@Conv), in the model 'inception_4c/5x5'"
                + " (Convolution, declared as @Conv)"), e.getMessage());
        assertTrue(e.getMessage().contains("k 5x5") && e.getMessage().contains("k 3x3"), e.getMessage());
    }

    /**
     * A channel range is compared as a layer of its own (it changes the channels), range included;
     * a shuffle is compared through, like the other layers that leave the geometry alone.
     */
    @Test
    void aWrongChannelRangeIsNamedAndAShuffleMayBeLeftOut() throws Exception {
        Path model = dir.resolve("slice.prototxt");
        Files.writeString(model, "input: 'data' input_dim: 1 input_dim: 6 input_dim: 9 input_dim: 9\n"
                + "layer { name: 'cut' type: 'Slice' bottom: 'data' top: 'a' top: 'b' slice_param { slice_point: 2 } }\n"
                + "layer { name: 'conv' type: 'Convolution' bottom: 'b' top: 'conv'"
                + " convolution_param { num_output: 4 kernel_size: 3 } }\n");
        String lines = "a Channels ^ 6 2 1\nb Channels input 6 4 1 - - first,%d\nmix ChannelShuffle ^ 4 4 2\n"
                + "conv Conv ^ 4 4 1 3,1,1,0,0 =";
        NetworkSpec right = dev.convgeom.Literals.network("Sliced", "6 9 9", lines.formatted(2));
        assertEquals(null, ModelCheck.compare(right, model, line -> { }));
        NetworkSpec wrong = dev.convgeom.Literals.network("Sliced", "6 9 9",
                "a Channels ^ 6 2 1\nb Channels input 6 4 1\nconv Conv ^ 4 4 1 3,1,1,0,0 =");
        String difference = ModelCheck.compare(wrong, model, line -> { });
        assertTrue(difference.startsWith("Sliced vs slice.prototxt: layer 2 (geometry-changing layers counted)"
                + " differs: declared 'b' (@Channels), in the model 'b' (Slice, declared as @Channels): channels"
                + " b: Channels 0..3 of 6 vs b: Channels 2..5 of 6"), difference);
    }

    @Test
    void aDifferentNetworkDiffersAtItsFirstLayer() {
        AssertionError e = assertThrows(AssertionError.class, () -> ModelCheck.assertMatches(
                ResNet50Geometry.network(), CaffeExamplesTest.model("bvlc_googlenet.prototxt")));
        assertTrue(e.getMessage().startsWith("ResNet50 vs bvlc_googlenet.prototxt: layer 3"), e.getMessage());
    }

    @Test
    void theCommandLineChecksACompiledGeometryClass() throws Exception {
        String classpath = Path.of(CaffeNetGeometry.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {CaffeExamplesTest.model("bvlc_reference_caffenet.prototxt").toString(),
            "--check", "dev.convgeom.example.CaffeNetGeometry", "--classpath", classpath},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("matches bvlc_reference_caffenet.prototxt"));

        err.reset();
        status = Main.run(new String[] {CaffeExamplesTest.model("bvlc_googlenet.prototxt").toString(),
            "--check", "dev.convgeom.example.CaffeNetGeometry", "--classpath", classpath},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CaffeNet vs bvlc_googlenet.prototxt: layer"),
                err.toString(StandardCharsets.UTF_8));
    }
}
