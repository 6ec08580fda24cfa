package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.Box;
import dev.convgeom.EffectiveField;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTML reports the example build writes ({@code -Aconvgeom.report=true}), opened in headless
 * Chromium: select units of several layers, read back what the page drew (the field rectangles,
 * the centre, the heat map's weight sums and moments) and compare with the generated geometry
 * ({@code receptiveField}, {@code clippedReceptiveField}, {@code mapToInput},
 * {@code effectiveField}); hover over the input plane; check the graph view's marks; no console
 * errors. Screenshots and the pictures as SVG land in {@code target/report-browser/}.
 *
 * <p>Without Debian's {@code chromium} and {@code chromium-driver} the test is skipped with a
 * message, except in CI ({@code CI=true}), where it fails.
 */
class ReportBrowserTest {

    private static final Path OUT = Path.of("target", "report-browser");
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        if (!Chromium.installed()) {
            String why = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ": the report's browser tests must run in CI");
            }
            System.out.println("SKIPPED ReportBrowserTest: " + why);
            Assumptions.abort(why);
        }
        browser = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("CaffeNet: boxes, centres and heat maps drawn for units across the map agree with the geometry")
    void caffeNet() throws Exception {
        open("CaffeNet");
        List<LayerGeometry> layers = CaffeNetGeometry.layers();
        for (LayerGeometry layer : List.of(CaffeNetGeometry.CONV1, CaffeNetGeometry.POOL2, CaffeNetGeometry.CONV5,
                CaffeNetGeometry.POOL5, CaffeNetGeometry.FC6)) {
            int n = layer.x().size();
            for (int[] unit : new int[][] {{0, 0}, {n - 1, 0}, {n / 2, n / 2}, {Math.min(3, n - 1), Math.min(4, n - 1)}}) {
                Map<String, Object> drawn = select(layers, layer, unit[0], unit[1]);
                checkGeometry(layer, unit[0], unit[1], drawn);
                checkHeat(layer, unit[0], unit[1], drawn, CaffeNetGeometry::effectiveField, true);
            }
        }
        // Hovering picks the unit nearest the pointer and draws it like a selection.
        select(layers, CaffeNetGeometry.CONV5, 0, 0);
        browser.hover("plane", 40, -30);
        Map<String, Object> hovered = drawn();
        Map<String, Object> unit = map(hovered.get("unit"));
        int hx = num(unit.get("x")).intValue();
        int hy = num(unit.get("y")).intValue();
        assertEquals("conv5", hovered.get("layer"));
        assertTrue(hx > 0 && hy > 0, "the pointer near the middle of the plane picks a middle unit: " + unit);
        checkGeometry(CaffeNetGeometry.CONV5, hx, hy, hovered);
        checkHeat(CaffeNetGeometry.CONV5, hx, hy, hovered, CaffeNetGeometry::effectiveField, true);
        assertEquals("none", browser.run("return getComputedStyle(document.getElementById('graphSection')).display;"),
                "a chain has no graph view");
        finish("CaffeNet", List.of("chart", "plane", "stack"));
    }

    @Test
    @DisplayName("ResNet-50: merges, graph marks for unread borders, heat maps of merged layers")
    void resNet50() throws Exception {
        open("ResNet50");
        List<LayerGeometry> layers = ResNet50Geometry.layers();
        for (String name : List.of("res2a", "res3a_branch1", "res4f", "res5c")) {
            LayerGeometry layer = ResNet50Geometry.layer(name);
            int n = layer.x().size();
            for (int[] unit : new int[][] {{0, 0}, {n / 2, n - 1}}) {
                Map<String, Object> drawn = select(layers, layer, unit[0], unit[1]);
                checkGeometry(layer, unit[0], unit[1], drawn);
                checkHeat(layer, unit[0], unit[1], drawn, ResNet50Geometry::effectiveField, true);
            }
        }
        // Marked in the graph: the layers whose windows leave input rows or columns unread.
        long unread = unreadInManifest("ResNet50");
        assertTrue(unread >= 6, "ResNet-50's 1x1 stride-2 convolutions drop a border");
        assertEquals(unread, num(browser.run("return document.querySelectorAll('#graph .mark').length;")).longValue());
        assertEquals(layers.size() + 1, num(browser.run("return document.querySelectorAll('#graph g[data-index]').length;"))
                .intValue());
        finish("ResNet50", List.of("chart", "plane", "stack", "graph"));
    }

    @Test
    @DisplayName("FCN-8s: every phase of the upsampled layers draws its own box and profile")
    void fcn8s() throws Exception {
        open("Fcn8s");
        List<LayerGeometry> layers = Fcn8sGeometry.layers();
        int withHeat = 0;
        for (String name : List.of("upscore2", "fuse_pool4", "upscore8", "score")) {
            LayerGeometry layer = Fcn8sGeometry.layer(name);
            int period = layer.x().period();
            assertTrue(period > 1 || !name.startsWith("upscore"), name + " has phases");
            double widest = 0;
            boolean heat = true;
            int first = layer.x().size() / 3;
            for (int u = first; u < Math.min(layer.x().size(), first + 4 * period); u++) {
                Map<String, Object> drawn = select(layers, layer, u, u);
                checkGeometry(layer, u, u, drawn);
                if (drawn.get("heat") == null) {
                    // Past the exact 2-D computation's limits (upscore8's and score's 8x8 phases of
                    // over 400x400 pixels): no heat map, and the page says so.
                    heat = false;
                    assertTrue(String.valueOf(browser.run("return document.body.textContent;"))
                            .contains("beyond the exact computation"), name);
                    continue;
                }
                widest = Math.max(widest, checkHeat(layer, u, u, drawn, Fcn8sGeometry::effectiveField, false));
            }
            if (!heat) {
                continue;
            }
            withHeat++;
            if (!name.startsWith("upscore2")) {
                // A sum of paths (pool5's, pool4's, pool3's): the exact 2-D grid, pixel by pixel
                // where the field has at most 4,096 pixels, else in the smallest square blocks
                // that keep it within 4,096 cells.
                int last = Math.min(layer.x().size(), first + 4 * period) - 1;     // the unit drawn last
                Box f = layer.receptiveField(last, last);
                int cell = 1;
                while (((f.height() + cell - 1) / cell) * ((f.width() + cell - 1) / cell) > 4096) {
                    cell++;
                }
                assertEquals(cell, num(drawn().get("cell")).intValue(), name);
            }
            // The reported sigma is the largest over the phases: one of the units drawn has it.
            assertEquals(Fcn8sGeometry.effectiveField(layer).sigmaX(), widest, 1e-4 * widest, name);
        }
        assertTrue(withHeat >= 2, "upscore2 and fuse_pool4 draw their exact 2-D fields");
        finish("Fcn8s", List.of("chart", "plane", "stack", "graph"));
    }

    // ------------------------------------------------------------------------------------------

    /** Layers whose windows leave input rows or columns unread, as the manifest lists them. */
    @SuppressWarnings("unchecked")
    private static long unreadInManifest(String network) throws Exception {
        try (var in = ReportBrowserTest.class.getClassLoader()
                .getResourceAsStream("META-INF/convgeom/dev.convgeom.example." + network + ".json")) {
            Map<String, Object> manifest = map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return ((List<Object>) manifest.get("layers")).stream()
                    .map(l -> map(l).get("window"))
                    .filter(w -> w != null)
                    .map(w -> map(map(w).get("droppedBorder")))
                    .filter(d -> num(d.get("y")).longValue() > 0 || num(d.get("x")).longValue() > 0)
                    .count();
        }
    }

    private static void open(String network) throws Exception {
        URL url = ReportBrowserTest.class.getClassLoader()
                .getResource("META-INF/convgeom/dev.convgeom.example." + network + ".html");
        assertNotNull(url, "the example build writes the report (-Aconvgeom.report=true)");
        browser.open(Path.of(toUri(url)));
        assertEquals(true, browser.run("return !!window.convgeom && document.querySelectorAll('#layers tbody tr').length > 0;"));
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> select(List<LayerGeometry> layers, LayerGeometry layer, int ux, int uy)
            throws Exception {
        int index = layers.indexOf(layer);
        assertTrue(index >= 0, layer.name());
        browser.run("window.convgeom.select(" + index + ", " + ux + ", " + uy + "); return null;");
        Map<String, Object> drawn = drawn();
        assertEquals(layer.name(), drawn.get("layer"));
        return drawn;
    }

    /** What the plane shows: the page's record, checked against the SVG elements actually drawn. */
    private static Map<String, Object> drawn() throws Exception {
        Map<String, Object> drawn = map(browser.run("return window.convgeomDrawn;"));
        Map<String, Object> rect = map(browser.run("const r = document.getElementById('field');"
                + " return {x: +r.getAttribute('x'), y: +r.getAttribute('y'), w: +r.getAttribute('width'),"
                + " h: +r.getAttribute('height')};"));
        Map<String, Object> field = map(drawn.get("field"));
        assertEquals(num(field.get("left")).doubleValue() - 0.5, num(rect.get("x")).doubleValue());
        assertEquals(num(field.get("top")).doubleValue() - 0.5, num(rect.get("y")).doubleValue());
        assertEquals(num(field.get("right")).doubleValue() - num(field.get("left")).doubleValue() + 1,
                num(rect.get("w")).doubleValue());
        assertEquals(num(field.get("bottom")).doubleValue() - num(field.get("top")).doubleValue() + 1,
                num(rect.get("h")).doubleValue());
        Map<String, Object> centre = map(browser.run("const c = document.getElementById('centre');"
                + " return {x: +c.dataset.x, y: +c.dataset.y};"));
        assertEquals(num(map(drawn.get("centre")).get("x")).doubleValue(), num(centre.get("x")).doubleValue());
        assertEquals(num(map(drawn.get("centre")).get("y")).doubleValue(), num(centre.get("y")).doubleValue());
        return drawn;
    }

    private static void checkGeometry(LayerGeometry layer, int ux, int uy, Map<String, Object> drawn) {
        String where = layer.name() + " (" + ux + ", " + uy + ")";
        Box field = layer.receptiveField(ux, uy);
        assertEquals(field, box(drawn.get("field")), where);
        Box clipped = layer.clippedReceptiveField(ux, uy);
        assertEquals(clipped, box(drawn.get("clipped")), where);
        Point centre = layer.mapToInput(ux, uy);
        Map<String, Object> c = map(drawn.get("centre"));
        assertEquals(centre.x(), num(c.get("x")).doubleValue(), 1e-9, where);
        assertEquals(centre.y(), num(c.get("y")).doubleValue(), 1e-9, where);
    }

    /**
     * The heat map's weights, as the page summed them over its cells: total 1, all inside the
     * field box, the weight inside the image below 1 exactly when the field leaves the image;
     * its moments against the geometry. Returns the drawn sigma along x.
     */
    private static double checkHeat(LayerGeometry layer, int ux, int uy, Map<String, Object> drawn,
                                    Function<LayerGeometry, EffectiveField> effective, boolean symmetric) {
        String where = layer.name() + " (" + ux + ", " + uy + ")";
        Map<String, Object> heat = map(drawn.get("heat"));
        double sum = num(heat.get("sum")).doubleValue();
        double inImage = num(heat.get("inImage")).doubleValue();
        assertEquals(1, sum, 1e-4, where);
        Box field = layer.receptiveField(ux, uy);
        Box clipped = layer.clippedReceptiveField(ux, uy);
        if (field.equals(clipped)) {
            assertEquals(sum, inImage, 1e-12, where);
        } else {
            assertTrue(inImage < sum, where + ": part of the field lies outside the image");
        }
        Box e90 = box(drawn.get("extent90"));
        assertTrue(field.left() <= e90.left() && e90.right() <= field.right() && field.top() <= e90.top()
                && e90.bottom() <= field.bottom(), where);
        EffectiveField f = effective.apply(layer);
        double sigmaX = num(heat.get("sigmaX")).doubleValue();
        double sigmaY = num(heat.get("sigmaY")).doubleValue();
        if (symmetric) {
            // One phase: the drawn profile is the one the constants describe, centred on the unit.
            assertEquals(f.sigmaX(), sigmaX, 1e-4 * f.sigmaX() + 1e-6, where);
            assertEquals(f.sigmaY(), sigmaY, 1e-4 * f.sigmaY() + 1e-6, where);
            assertEquals(f.extent90().width(), e90.right() - e90.left() + 1, where);
            assertEquals(f.extent90().height(), e90.bottom() - e90.top() + 1, where);
            Point centre = layer.mapToInput(ux, uy);
            assertEquals(centre.x(), num(heat.get("meanX")).doubleValue(), 1e-3, where);
            assertEquals(centre.y(), num(heat.get("meanY")).doubleValue(), 1e-3, where);
        } else {
            assertTrue(sigmaX <= f.sigmaX() * (1 + 1e-4), where);
            assertTrue(e90.right() - e90.left() + 1 <= f.extent90().width(), where);
        }
        return sigmaX;
    }

    private static void finish(String network, List<String> pictures) throws Exception {
        Files.createDirectories(OUT);
        for (String id : pictures) {
            Object svg = browser.run("return window.convgeom.svgText('" + id + "');");
            String text = (String) svg;
            assertTrue(text.startsWith("<svg") && text.length() > 500, id);
            Files.writeString(OUT.resolve(network + "-" + id + ".svg"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text, StandardCharsets.UTF_8);
        }
        browser.screenshot(OUT.resolve(network + ".png"));
        assertEquals(List.of(), browser.consoleErrors(), network + ": console errors");
    }

    private static Box box(Object o) {
        Map<String, Object> m = map(o);
        return new Box(num(m.get("left")).intValue(), num(m.get("top")).intValue(), num(m.get("right")).intValue(),
                num(m.get("bottom")).intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertNotNull(o);
        return (Map<String, Object>) o;
    }

    private static Number num(Object o) {
        assertNotNull(o);
        return (Number) o;
    }
}
