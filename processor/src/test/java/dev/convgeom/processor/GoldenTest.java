package dev.convgeom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated source and manifest of one small model, compared byte for byte with golden files
 * in {@code src/test/resources/golden/} (Javadoc included: {@code hasSourceEquivalentTo} would
 * ignore it).
 *
 * <p>After an intended change to the output, regenerate the files and review the diff:
 * <pre>
 * CONVGEOM_UPDATE_GOLDEN=1 mvn -q -B -pl processor -am test -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * git diff processor/src/test/resources/golden
 * </pre>
 */
class GoldenTest {

    private static final boolean UPDATE = "1".equals(System.getenv("CONVGEOM_UPDATE_GOLDEN"));

    /** Non-square input, per-axis kernel and padding, ceil pooling, SAME with dilation, fully connected. */
    static final JavaFileObject GOLDEN_NET = JavaFileObjects.forSourceLines("test.GoldenNet",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 3, height = 24, width = 20))",
            "public class GoldenNet {",
            "    @Conv(out = 8, kh = 3, kw = 5, ph = 1, pw = 2)             Object conv1;",
            "    @Relu                                                      Object relu1;",
            "    @MaxPool(k = 2, ceil = true)                               Object pool1;",
            "    @Conv(out = 16, k = 3, d = 2, padding = Padding.SAME)      Object conv2;",
            "    @BatchNorm                                                 Object bn2;",
            "    @AvgPool(k = 2)                                            Object pool2;",
            "    @FullyConnected(out = 10, in = 480)                        Object fc;",
            "    @Softmax                                                   Object prob;",
            "}");

    /** A squeeze-and-excitation block and an instance normalisation: the context in constants and manifest. */
    static final JavaFileObject GATED_NET = JavaFileObjects.forSourceLines("test.GatedNet",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 3, height = 16, width = 12))",
            "public class GatedNet {",
            "    @Conv(out = 8, k = 3, s = 2, p = 1)                        Object conv1;",
            "    @GlobalAvgPool                                             Object squeeze;",
            "    @Conv(out = 2, k = 1)                                      Object fc1;",
            "    @Relu                                                      Object relu;",
            "    @Conv(out = 8, k = 1)                                      Object fc2;",
            "    @Sigmoid                                                   Object scale;",
            "    @Gate(from = {\"conv1\", \"scale\"})                        Object excite;",
            "    @Conv(out = 8, k = 3, p = 1)                               Object conv2;",
            "    @InstanceNorm                                              Object norm;",
            "}");

    @Test
    void gatedSource() {
        Compilation c = Expect.clean(GATED_NET);
        compare("GatedNetGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GatedNetGeometry"));
    }

    @Test
    void gatedManifest() {
        Compilation c = Expect.clean(GATED_NET);
        compare("test.GatedNet.json", GeneratedCodeTest.manifestOf(c, "test.GatedNet"));
    }

    @Test
    void generatedSource() {
        Compilation c = Expect.clean(GOLDEN_NET);
        compare("GoldenNetGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GoldenNetGeometry"));
    }

    @Test
    void manifest() {
        Compilation c = Expect.clean(GOLDEN_NET);
        compare("test.GoldenNet.json", GeneratedCodeTest.manifestOf(c, "test.GoldenNet"));
    }

    /** A ShuffleNet v2 unit: channel ranges, a depthwise branch, concat and shuffle. */
    static final JavaFileObject GOLDEN_SHUFFLE = JavaFileObjects.forSourceLines("test.GoldenShuffle",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 3, height = 16, width = 12))",
            "public class GoldenShuffle {",
            "    @Conv(out = 8, k = 3, s = 2, p = 1)                        Object stem;",
            "    @Channels(count = 4)                                       Object left;",
            "    @Channels(from = \"stem\", first = 4, count = 4)            Object right;",
            "    @Conv(out = 4, k = 3, p = 1, groups = 4)                   Object dw;",
            "    @Concat(from = {\"left\", \"dw\"})                           Object cat;",
            "    @ChannelShuffle(groups = 2)                                Object shuffle;",
            "}");

    @Test
    void shuffleSourceAndManifest() {
        Compilation c = Expect.clean(GOLDEN_SHUFFLE);
        compare("GoldenShuffleGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GoldenShuffleGeometry"));
        compare("test.GoldenShuffle.json", GeneratedCodeTest.manifestOf(c, "test.GoldenShuffle"));
    }

    /** ESPCN's head in miniature and a pixel unshuffle of the input: the factor, phases and channels. */
    static final JavaFileObject GOLDEN_PIXELS = JavaFileObjects.forSourceLines("test.GoldenPixels",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 1, height = 8, width = 6))",
            "public class GoldenPixels {",
            "    @Conv(out = 8, k = 5, p = 2)                               Object conv1;",
            "    @Conv(out = 9, k = 3, p = 1)                               Object conv2;",
            "    @PixelShuffle(factor = 3)                                  Object shuffle;",
            "    @PixelUnshuffle(from = \"input\", factor = 2)               Object down;",
            "    @Conv(out = 4, k = 3, p = 1)                               Object mix;",
            "}");

    @Test
    void pixelsSourceAndManifest() {
        Compilation c = Expect.clean(GOLDEN_PIXELS);
        compare("GoldenPixelsGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GoldenPixelsGeometry"));
        compare("test.GoldenPixels.json", GeneratedCodeTest.manifestOf(c, "test.GoldenPixels"));
    }

    /**
     * Cubic upsamplings: PyTorch's bicubic by 2, then TensorFlow's kernel by 3/2 excluding the
     * outside: the mode and kernel in literal and manifest, the |w| / sum |w| effective weights.
     */
    static final JavaFileObject GOLDEN_CUBIC = JavaFileObjects.forSourceLines("test.GoldenCubic",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 3, height = 10, width = 8))",
            "public class GoldenCubic {",
            "    @Conv(out = 4, k = 3, s = 2, p = 1)                        Object stem;",
            "    @Upsample(factor = 2, mode = Upsample.Mode.CUBIC)          Object bicubic;",
            "    @Upsample(factor = 3, per = 2, mode = Upsample.Mode.CUBIC,",
            "              cubicCoefficient = -0.5, excludeOutside = true)  Object tf;",
            "    @Conv(out = 4, k = 3, p = 1)                               Object head;",
            "}");

    @Test
    void cubicSourceAndManifest() {
        Compilation c = Expect.clean(GOLDEN_CUBIC);
        compare("GoldenCubicGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GoldenCubicGeometry"));
        compare("test.GoldenCubic.json", GeneratedCodeTest.manifestOf(c, "test.GoldenCubic"));
    }

    /**
     * Crop and resize (ONNX tf_crop_and_resize): a bilinear region of both axes by 2, a nearest one
     * of the columns only by 3/2 rounded up: coordinates and exact region bounds in literal and
     * manifest, a step that depends on the input size.
     */
    static final JavaFileObject GOLDEN_CROP = JavaFileObjects.forSourceLines("test.GoldenCrop",
            "package test;",
            "",
            "import dev.convgeom.*;",
            "",
            "@Network(input = @Input(channels = 3, height = 10, width = 8))",
            "public class GoldenCrop {",
            "    @Conv(out = 4, k = 3, s = 2, p = 1)                        Object stem;",
            "    @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR,",
            "              coordinates = Upsample.Coordinates.CROP_AND_RESIZE,",
            "              roiX = {0.25, 0.75}, roiY = {0, 0.5})             Object region;",
            "    @Upsample(from = \"stem\", factor = 3, per = 2,",
            "              coordinates = Upsample.Coordinates.CROP_AND_RESIZE,",
            "              rounding = Upsample.Rounding.ROUND_PREFER_CEIL,",
            "              roiX = {0.125, 1})                              Object columns;",
            "    @Conv(from = \"region\", out = 4, k = 3, p = 1)             Object head;",
            "}");

    @Test
    void cropAndResizeSourceAndManifest() {
        Compilation c = Expect.clean(GOLDEN_CROP);
        compare("GoldenCropGeometry.java.txt", GeneratedCodeTest.sourceOf(c, "test.GoldenCropGeometry"));
        compare("test.GoldenCrop.json", GeneratedCodeTest.manifestOf(c, "test.GoldenCrop"));
    }

    private static void compare(String name, String actual) {
        if (UPDATE) {
            write(name, actual);
            return;
        }
        assertEquals(read(name), actual, () -> "generated output differs from golden/" + name
                + "; if the change is intended, regenerate with CONVGEOM_UPDATE_GOLDEN=1 (see GoldenTest)");
    }

    private static String read(String name) {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file golden/" + name + "; create it with CONVGEOM_UPDATE_GOLDEN=1");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes into the source tree (surefire runs in the module directory), not into target/. */
    private static void write(String name, String contents) {
        Path dir = Paths.get(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), contents, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("updated golden file " + dir.resolve(name));
    }
}
