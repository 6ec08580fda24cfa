package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Shape;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals that depend on the input size name the sizes near the request at which the model
 * imports. Every suggestion is checked here by importing at it again, and the sizes the search
 * passes over are checked to be refused, by importing every size around the request (the brute
 * force the search avoids), so the message's "nearest" claims are not the search's own word.
 */
class InputSizeSearchTest {

    @TempDir
    Path dir;

    private static final Pattern SUGGESTED = Pattern.compile("--input (\\d+)x(\\d+)x(\\d+)");

    private Path write(ModelProto model) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(InputSizeSearchTest.class.getResource("/models/torchvision/" + name + ".onnx").toURI());
    }

    private static boolean imports(Path file, Shape input) {
        try {
            ModelImporter.read(file, input, "T", line -> { });
            return true;
        } catch (ImportException e) {
            return false;
        }
    }

    /** The sizes a message suggests with --input, in its order. */
    private static List<Shape> suggested(String message) {
        List<Shape> out = new ArrayList<>();
        Matcher m = SUGGESTED.matcher(message);
        while (m.find()) {
            out.add(new Shape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }
        return out;
    }

    /**
     * An FPN in miniature: two convolutions of stride 2 (kernel 3, pad 1: ceil(H / 2) rows each),
     * the coarser resized (nearest, as torchvision's FPN) to the size of the finer, computed from its
     * Shape as torch.onnx writes {@code F.interpolate(size=x.shape[-2:])}, and added to it. With
     * {@code fixedSize} the input is that size and the target size a constant, as torch writes it
     * for an export without dynamic axes.
     */
    private static ModelProto fpn(int fixedSize, boolean targetConstant) {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, fixedSize, fixedSize);
        String c1 = b.conv("c1", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String c2 = b.conv("c2", c1, 4, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String sizes;
        if (targetConstant) {
            int fine = (fixedSize + 1) / 2;
            sizes = b.intTensor("sizes", 1, 4, fine, fine);
        } else {
            String nc = b.node("Slice", "nc", List.of(b.node("Shape", "coarse_shape", List.of(c2)),
                    b.intTensor("zero", 0), b.intTensor("two", 2)));
            String hw = b.node("Slice", "hw", List.of(b.node("Shape", "fine_shape", List.of(c1)),
                    b.intTensor("two2", 2), b.intTensor("four", 4)));
            sizes = b.node("Concat", "sizes", List.of(nc, hw), integer("axis", 0));
        }
        String up = b.map("Resize", "up", List.of(c2, "", "", sizes), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
        return b.build(b.merge("Add", "sum", c1, up));
    }

    @Test
    void aMergeOfAResizeToAComputedSizeNamesTheSizesWhereEveryLevelHalves() throws Exception {
        Path file = write(fpn(-1, false));
        // 13 rows: 7, then 4, resized to 7: a jump of 4 * 4 / 7 beside one of 2.
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 13, 13), "T", line -> { }));
        assertTrue(e.getMessage().startsWith("'sum' (Add): convgeom's geometry refuses it: "), e.getMessage());
        assertTrue(e.getMessage().contains("joins maps of different jumps"), e.getMessage());
        assertTrue(e.getMessage().contains(". At --input 3x12x12 or --input 3x16x16 it imports (tried at the"
                + " multiples of 4, the network's total stride, and of its halves, nearest 13x13: 3 imports, "),
                e.getMessage());
        // The brute force: 12 and 16 import; 14 (7 and 4 again) does not, the one multiple of 2
        // between them; 13 does not. (15 does, 8 and 4, but is no multiple of 2: "near", not "nearest".)
        assertTrue(imports(file, new Shape(3, 12, 12)));
        assertTrue(imports(file, new Shape(3, 16, 16)));
        assertTrue(!imports(file, new Shape(3, 14, 14)));
        assertTrue(!imports(file, new Shape(3, 13, 13)));
    }

    /**
     * The seconds in the progress lines and in the message are written with a decimal point under a
     * default locale that writes a comma (Germany's): they are output of a tool, not prose for one
     * country, and a test or a script reading them must not depend on where it runs.
     */
    @Test
    void theTimesHaveADecimalPointWhateverTheDefaultLocale() throws Exception {
        Path file = write(fpn(-1, false));
        List<String> progress = new ArrayList<>();
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        ImportException e;
        try {
            assertEquals("0,5", String.format("%.1f", 0.5));   // the locale does write a comma
            e = assertThrows(ImportException.class,
                    () -> ModelImporter.read(file, new Shape(3, 13, 13), "T", progress::add));
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(Pattern.compile("nearest 13x13: 3 imports, \\d+\\.\\d s\\)").matcher(e.getMessage()).find(),
                e.getMessage());
        List<String> tried = progress.stream().filter(l -> l.startsWith("trying")).toList();
        assertEquals(3, tried.size(), progress.toString());
        for (String line : tried) {
            assertTrue(line.matches("trying --input 3x\\d+x\\d+: [a-z ]+ \\(\\d+\\.\\d s\\)"), line);
        }
        assertTrue(progress.stream().anyMatch(l -> l.matches("parsed in \\d+\\.\\d\\d s: \\d+ nodes")),
                progress.toString());
    }

    @Test
    void eachAxisKeepsItsSizeWhereItAlreadyImports() throws Exception {
        Path file = write(fpn(-1, false));
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 13, 20), "T", line -> { }));
        assertEquals(List.of(new Shape(3, 12, 20), new Shape(3, 16, 20)), suggested(e.getMessage()));
        for (Shape s : suggested(e.getMessage())) {
            assertTrue(imports(file, s), s.toString());
        }
    }

    /**
     * torch's {@code F.interpolate(scale_factor=2)} added to the finer map: at an odd size the
     * doubled map has one row more, and the importer refuses the Add while reading the graph (the
     * layers before it give the stride), not in the geometry check.
     */
    @Test
    void aMergeOfMapsOfDifferentSizesRefusedWhileReadingTheGraphNamesSizesToo() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, -1, -1);
        String fine = b.conv("fine", "x", 3, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String coarse = b.conv("coarse", fine, 4, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String up = b.map("Resize", "up", List.of(coarse, "", b.floatTensor("scales", 1, 1, 2, 2)),
                string("mode", "nearest"), string("coordinate_transformation_mode", "asymmetric"),
                string("nearest_mode", "floor"));
        Path file = write(b.build(b.merge("Add", "sum", fine, up)));
        List<String> progress = new ArrayList<>();
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 13, 16), "T", progress::add));
        assertTrue(e.getMessage().startsWith("'sum' (Add): combines maps of shapes 4x13x16 and 4x14x16"),
                e.getMessage());
        assertEquals(List.of(new Shape(3, 12, 16), new Shape(3, 14, 16)), suggested(e.getMessage()));
        assertEquals(List.of("trying --input 3x12x16: imports", "trying --input 3x14x16: imports"),
                progress.stream().filter(l -> l.startsWith("trying")).map(l -> l.replaceAll(" \\(.*", "")).toList());
        for (Shape s : suggested(e.getMessage())) {
            assertTrue(imports(file, s), s.toString());
        }
    }

    @Test
    void aRefusalThatDoesNotDependOnTheSizeCostsOneImportAndKeepsItsMessage() throws Exception {
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, -1, -1);
        String c = b.conv("c", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2));
        Path file = write(b.build(b.unary("Hardmax", "odd", c)));
        List<String> progress = new ArrayList<>();
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 13, 13), "T", progress::add));
        assertTrue(e.getMessage().startsWith("'odd' (Hardmax): "), e.getMessage());
        assertTrue(!e.getMessage().contains("--input") && !e.getMessage().contains("export"), e.getMessage());
        assertEquals(1, progress.stream().filter(l -> l.startsWith("trying --input")).count(), progress.toString());
    }

    @Test
    void aRefusalThatQuotesTheSizeButDoesNotDependOnItCostsOneImport() throws Exception {
        // A vision transformer's tokens: the refusal quotes the rows and columns merged (7 x 7 at 13 x 13,
        // 6 x 6 at 12 x 12), the same reason at every size; the search stops at the first size tried.
        OnnxBuilder b = new OnnxBuilder(13, "x", 3, -1, -1);
        String x = b.conv("patches", "x", 3, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String tokens = b.node("Reshape", "tokens", List.of(x, b.intTensor("sequence", 1, 4, -1)));
        b.node("Transpose", "sequence_first", List.of(tokens), ints("perm", 0, 2, 1));
        Path file = write(b.build("sequence_first"));
        List<String> progress = new ArrayList<>();
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 13, 13), "T", progress::add));
        assertTrue(e.getMessage().startsWith("'sequence_first' (Transpose): reads 'tokens_out', which 'tokens' reshapes"
                + " [1, 4, 7, 7] to [1, 4, 49]"), e.getMessage());
        assertTrue(!e.getMessage().contains("--input") && !e.getMessage().contains("export"), e.getMessage());
        assertEquals(List.of("trying --input 3x12x12: refused too"), progress.stream()
                .filter(l -> l.startsWith("trying")).map(l -> l.replaceAll(" \\(.*", "")).toList());
    }

    @Test
    void aFileThatFixesItsSizeAndTheResizeTargetSaysToExportWithDynamicHeightAndWidth() throws Exception {
        Path file = write(fpn(13, true));
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, null, "T", line -> { }));
        assertTrue(e.getMessage().contains("joins maps of different jumps"), e.getMessage());
        assertTrue(e.getMessage().contains(". The refusal moves with the input size, but the file fixes its input at"
                + " 13x13"), e.getMessage());
        assertTrue(e.getMessage().contains("dynamic_axes={'input': {2: 'height', 3: 'width'}}"), e.getMessage());
        assertEquals(List.of(), suggested(e.getMessage()));
    }

    @Test
    void aFileThatFixesItsSizeButComputesTheTargetNamesSizesToExportAt() throws Exception {
        Path file = write(fpn(13, false));
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, null, "T", line -> { }));
        assertTrue(e.getMessage().contains(". The file fixes its input at 13x13 (exported without dynamic height and"
                + " width); declared with --input 3x12x12 or --input 3x16x16, the same file imports"), e.getMessage());
        assertTrue(e.getMessage().contains(". To run the model at 12x12 or 16x16, export it at that size"),
                e.getMessage());
        for (Shape s : suggested(e.getMessage())) {
            assertTrue(imports(file, s), s.toString());
        }
    }

    @Test
    void anotherInputForAFileThatFixesItsSizeIsWarnedAboutAndTheSuggestionNamesTheFilesSize() throws Exception {
        Path file = write(fpn(13, false));
        List<String> progress = new ArrayList<>();
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 21, 21), "T", progress::add));
        assertTrue(progress.contains("the file fixes its input at 13x13; declaring 21x21 keeps the sizes the file holds"
                + " as constants (torch writes those it computed from its input, such as a resize's target size, as"
                + " numbers)"), progress.toString());
        // 21 rows: 11 and 6, resized to 11; 20: 10 and 5; 24: 12 and 6; 22: 11 and 6 again.
        assertTrue(e.getMessage().contains(". The file fixes its input at 13x13 (exported without dynamic height and"
                + " width); declared with --input 3x20x20 or --input 3x24x24, the same file imports"), e.getMessage());
        assertTrue(!imports(file, new Shape(3, 22, 22)));
    }

    // ------------------------------------------------------------ real exports (torchvision 0.14)

    @Test
    void retinaNetsFpnAt513NamesTheMultiplesOf32Around() throws Exception {
        Path file = fixture("retinanet_fpn_body_513_dynamic");
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 513, 513), "T", line -> { }));
        assertTrue(e.getMessage().startsWith("'/m/fpn/Add' (Add): convgeom's geometry refuses it: "), e.getMessage());
        assertTrue(e.getMessage().contains("'m_fpn_resize' 544/33 pixels. At --input 3x512x512 or --input 3x544x544"
                + " it imports (tried at the multiples of 128, the network's total stride"), e.getMessage());
        // ResNet's levels have ceil(H / 2^k) rows: from 513, 257, 129, 65, 33, 17; from 528, 66 and 33.
        assertTrue(imports(file, new Shape(3, 512, 512)));
        assertTrue(imports(file, new Shape(3, 544, 544)));
        assertTrue(!imports(file, new Shape(3, 528, 528)));
    }

    @Test
    void retinaNetAtADetectorsUsualSizeKeepsTheHeightThatImports() throws Exception {
        Path file = fixture("retinanet_fpn_body_513_dynamic");
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 800, 1333), "T", line -> { }));
        assertEquals(List.of(new Shape(3, 800, 1312), new Shape(3, 800, 1344)), suggested(e.getMessage()));
        assertTrue(imports(file, new Shape(3, 800, 1312)));
        assertTrue(imports(file, new Shape(3, 800, 1344)));
        assertTrue(!imports(file, new Shape(3, 800, 1328)));
        assertTrue(!imports(file, new Shape(3, 800, 1336)));
    }

    @Test
    void lrAsppAt513NamesSizesOfItsStrideOf16() throws Exception {
        Path file = fixture("lraspp_mobilenet_v3_large_513_dynamic");
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImporter.read(file, new Shape(3, 513, 513), "T", line -> { }));
        assertTrue(e.getMessage().startsWith("'/m/classifier/Add' (Add): "), e.getMessage());
        assertEquals(List.of(new Shape(3, 512, 512), new Shape(3, 528, 528)), suggested(e.getMessage()));
        assertTrue(e.getMessage().contains("the multiples of 16, the network's total stride"), e.getMessage());
        assertTrue(imports(file, new Shape(3, 528, 528)));
        assertTrue(!imports(file, new Shape(3, 520, 520)));
    }

    @Test
    void retinaNetExportedAt513WithoutDynamicAxesSaysHowToExportIt() throws Exception {
        Path file = fixture("retinanet_fpn_body_513_fixed");
        ImportException e = assertThrows(ImportException.class, () -> ModelImporter.read(file, null, "T", line -> { }));
        assertTrue(e.getMessage().startsWith("'/m/fpn/Add' (Add): convgeom's geometry refuses it: "), e.getMessage());
        assertTrue(e.getMessage().contains("but the file fixes its input at 513x513, and declared at other sizes with"
                + " --input it is refused too (2 imports, "), e.getMessage());
        // Its resize targets are numbers (33 x 33 and 65 x 65): at 512 x 512 the 16-row level is resized
        // to 33 rows and added to a level of 32, so --input cannot move this file.
        assertTrue(!imports(file, new Shape(3, 512, 512)));
    }

    @Test
    void theCommandLinePrintsTheSizesTriedAndTheSuggestion() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {fixture("lraspp_mobilenet_v3_large_513_dynamic").toString(),
            "--package", "p", "--class", "L", "--out", dir.toString(), "--input", "3x513x513"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("convgeom-import: trying --input 3x512x512: imports ("), printed);
        assertTrue(printed.contains("convgeom-import: trying --input 3x520x520: refused too ("), printed);
        assertTrue(printed.contains("At --input 3x512x512 or --input 3x528x528 it imports"), printed);
        assertTrue(printed.contains("nothing written"), printed);
        assertTrue(!Files.exists(dir.resolve("p/L.java")));
    }
}
