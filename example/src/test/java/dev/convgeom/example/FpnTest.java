package dev.convgeom.example;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import dev.convgeom.Window;
import dev.convgeom.processor.ConvGeomProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The feature pyramid example: three outputs with their shortcuts, every field against a brute
 * force that follows each layer's definition, and the half-unit offset of nearest upsampling that
 * makes {@code allowMisaligned} the right declaration.
 */
class FpnTest {

    @Test
    @DisplayName("P3 to P5: 32x32, 16x16, 8x8 at strides 8, 16, 32, all centred on pixel 0")
    void outputsAndTheirShapes() {
        assertEquals(List.of(FpnGeometry.P3, FpnGeometry.P4, FpnGeometry.P5), FpnGeometry.outputs());
        assertSame(FpnGeometry.P3, FpnGeometry.output());
        assertEquals(List.of("p3", "p4", "p5"), FpnGeometry.network().outputs());
        // 256 halves five times on the way (stem, pool, c3, c4, c5): 128, 64, 32, 16, 8.
        assertEquals(new Shape(64, 32, 32), FpnGeometry.P3.output());
        assertEquals(new Shape(64, 16, 16), FpnGeometry.P4.output());
        assertEquals(new Shape(64, 8, 8), FpnGeometry.P5.output());
        int stride = 8;
        for (LayerGeometry level : FpnGeometry.outputs()) {
            assertEquals(Ratio.of(stride), level.x().exactJump(), level.name());
            assertEquals(Ratio.of(0), level.x().exactCenter(), level.name());
            stride *= 2;
        }
        // The primary output at another size: a 512x384 image gives a 64x48 P3.
        assertEquals(new Shape(64, 48, 64), FpnGeometry.outputSize(Size.of(512, 384)));
        assertEquals(new Shape(64, 12, 16), FpnGeometry.P5.outputSize(Size.of(512, 384)));
    }

    @Test
    @DisplayName("each output's static shortcuts agree with its constant on every unit")
    void shortcutsForEachOutput() {
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(FpnGeometry.P3.receptiveField(x, y), FpnGeometry.p3ReceptiveField(x, y));
                assertEquals(FpnGeometry.P3.receptiveField(x, y), FpnGeometry.receptiveField(x, y));
                assertEquals(FpnGeometry.P3.mapToInput(x, y), FpnGeometry.p3MapToInput(x, y));
            }
        }
        for (int u = 0; u < 16; u++) {
            assertEquals(FpnGeometry.P4.receptiveField(u, 15 - u), FpnGeometry.p4ReceptiveField(u, 15 - u));
            assertEquals(FpnGeometry.P4.clippedReceptiveField(u, 15 - u), FpnGeometry.p4ClippedReceptiveField(u, 15 - u));
        }
        assertEquals(new Point(7 * 32.0, 0.0), FpnGeometry.p5MapToInput(7, 0));
        assertEquals(FpnGeometry.P5.mapFromInput(100, 200), FpnGeometry.p5MapFromInput(100, 200));
    }

    @Test
    @DisplayName("every unit of P3, P4 and P5 reads the pixels the layers' definitions say, virtual units included")
    void everyFieldAgreesWithABruteForce() {
        NetworkSpec spec = FpnGeometry.network();
        BruteForce brute = new BruteForce(spec);
        List<String> names = spec.layers().stream().map(LayerSpec::name).toList();
        for (LayerGeometry level : FpnGeometry.outputs()) {
            int index = names.indexOf(level.name());
            int n = level.output().width();
            for (int u = -3; u < n + 3; u++) {
                long[] field = brute.field(index, u);
                Box box = level.extrapolatedReceptiveField(u, u);
                assertEquals(field[0], box.left(), level.name() + " unit " + u);
                assertEquals(field[1], box.right(), level.name() + " unit " + u);
                assertEquals(field[0], box.top(), level.name() + " unit " + u);
            }
        }
    }

    @Test
    @DisplayName("nearest upsampling puts the coarse level J/2 pixels before the lateral: 8 at P4, 4 at P3")
    void theUpsampledLevelIsHalfAFineUnitOff() {
        // Half-pixel centres: unit v of up5 sits at coarse unit v/2 - 1/4, i.e. 32 (v/2 - 1/4) = 16 v - 8.
        assertEquals(Ratio.of(16), FpnGeometry.UP5.x().exactJump());
        assertEquals(Ratio.of(-8), FpnGeometry.UP5.x().exactCenter());
        assertEquals(Ratio.of(0), FpnGeometry.LATERAL4.x().exactCenter());
        assertEquals(Ratio.of(-4), FpnGeometry.UP4.x().exactCenter());
        assertEquals(Ratio.of(0), FpnGeometry.LATERAL3.x().exactCenter());
        // The sum maps like its first input, the lateral.
        assertEquals(FpnGeometry.LATERAL4.x().exactCenter(), FpnGeometry.MERGED4.x().exactCenter());
        // What the units copy: unit v of up5 is lateral5's unit floor(v / 2), centred on 32 floor(v / 2);
        // lateral4's unit v is centred on 16 v. Even units are 0 off, odd ones 16: 8 on average.
        BruteForce brute = new BruteForce(FpnGeometry.network());
        int up5 = FpnGeometry.network().layers().stream().map(LayerSpec::name).toList().indexOf("up5");
        int lateral4 = up5 - 2;
        assertEquals("lateral4", FpnGeometry.network().layers().get(lateral4).name());
        long total = 0;
        for (int v = 0; v < 16; v++) {
            long[] copied = brute.field(up5, v);
            long[] lateral = brute.field(lateral4, v);
            long offset = (lateral[0] + lateral[1]) / 2 - (copied[0] + copied[1]) / 2;
            assertEquals(v % 2 == 0 ? 0 : 16, offset, "unit " + v);
            total += offset;
        }
        assertEquals(8, total / 16);
    }

    @Test
    @DisplayName("without allowMisaligned the top-down add is refused, with the 8-pixel offset, at its from")
    void withoutAllowMisalignedTheAddIsRefused() throws IOException {
        Path source = Paths.get(System.getProperty("basedir", "."), "src/main/java/dev/convgeom/example/Fpn.java");
        String text = Files.readString(source, StandardCharsets.UTF_8);
        String declared = "@Add(from = {\"lateral4\", \"up5\"}, allowMisaligned = true)";
        String refused = "@Add(from = {\"lateral4\", \"up5\"})                        ";
        List<String> lines = text.replace(declared, refused).lines().toList();
        int line = lines.indexOf(lines.stream().filter(l -> l.contains("Object merged4;")).findFirst().orElseThrow())
                + 1;
        Compilation c = javac().withProcessors(new ConvGeomProcessor())
                .compile(JavaFileObjects.forSourceLines("dev.convgeom.example.Fpn", lines));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("layer 'merged4': inputs 'lateral4' and 'up5' are not aligned along the"
                        + " height/width")
                .inFile(c.sourceFiles().get(0)).onLine(line).atColumn(lines.get(line - 1).indexOf("\"up5\"") + 1);
        assertThat(c).hadErrorContaining("8 input pixels apart (1/2 unit of jump 16)");
        assertThat(c).hadErrorContaining("[convgeom:misaligned-merge]");
    }

    /**
     * One axis of the pyramid by the layers' definitions, for tests only: the first and last input
     * pixel each unit depends on, following every tap of every window, the copied unit of a
     * nearest upsampling, both inputs of an add; units outside a map (padding) are followed the
     * same way. It knows no jump, centre or phase.
     */
    private static final class BruteForce {

        private final NetworkSpec spec;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<Long, long[]> memo = new HashMap<>();

        BruteForce(NetworkSpec spec) {
            this.spec = spec;
            for (int i = 0; i < spec.layers().size(); i++) {
                index.put(spec.layers().get(i).name(), i);
            }
        }

        long[] field(int layer, long v) {
            if (layer < 0) {
                return new long[] {v, v};
            }
            long key = layer * (1L << 32) + v;
            long[] known = memo.get(key);
            if (known != null) {
                return known;
            }
            LayerSpec l = spec.layers().get(layer);
            int source = l.from().get(0).equals("input") ? -1 : index.get(l.from().get(0));
            long[] result = switch (l.kind()) {
                case "Conv", "MaxPool" -> {
                    Window w = l.x();
                    long[] union = null;
                    for (int t = 0; t < w.kernel(); t++) {
                        union = union(union, field(source, w.stride() * v - w.padBefore() + (long) t * w.dilation()));
                    }
                    yield union;
                }
                case "Relu" -> field(source, v);
                case "Upsample" -> field(source, Math.floorDiv(v, l.resize().factorX()));
                case "Add" -> {
                    long[] union = null;
                    for (String from : l.from()) {
                        union = union(union, field(index.get(from), v));
                    }
                    yield union;
                }
                default -> throw new IllegalArgumentException("not in the pyramid: " + l.kind());
            };
            memo.put(key, result);
            return result;
        }

        private static long[] union(long[] a, long[] b) {
            return a == null ? b : new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
        }
    }
}
