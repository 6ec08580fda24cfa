package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Box;
import dev.convgeom.EffectiveField;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG pictures the processor writes next to each report ({@code -Aconvgeom.report=true}),
 * parsed as XML and compared with the generated geometry: the input plane's field, clipped field,
 * centre and extents, and its heat map's cells (weights summing to 1, all inside the field, and
 * moments equal to the effective field's where cells are single pixels); the stack view's rows
 * against each layer's field.
 */
class ReportSvgTest {

    static List<Arguments> networks() {
        return List.of(
                Arguments.of("CaffeNet", CaffeNetGeometry.layers(), (Function<LayerGeometry, EffectiveField>) CaffeNetGeometry::effectiveField),
                Arguments.of("ResNet50", ResNet50Geometry.layers(), (Function<LayerGeometry, EffectiveField>) ResNet50Geometry::effectiveField),
                Arguments.of("Fcn8s", Fcn8sGeometry.layers(), (Function<LayerGeometry, EffectiveField>) Fcn8sGeometry::effectiveField));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void planeDrawsTheDefaultUnitsFieldAndExactHeatMap(String network, List<LayerGeometry> layers,
                                                        Function<LayerGeometry, EffectiveField> effective) throws Exception {
        Element root = parse(network, "plane").getDocumentElement();
        Element plane = byId(root, "plane");
        LayerGeometry layer = defaultLayer(layers);
        assertEquals(layer.name(), plane.getAttribute("data-layer"));
        int ux = Integer.parseInt(plane.getAttribute("data-unit-x"));
        int uy = Integer.parseInt(plane.getAttribute("data-unit-y"));
        assertEquals((layer.x().size() - 1) / 2, ux);
        assertEquals((layer.y().size() - 1) / 2, uy);
        Box field = layer.receptiveField(ux, uy);
        assertEquals(field, box(byId(root, "field")));
        assertEquals(layer.clippedReceptiveField(ux, uy), box(byId(root, "clipped")));
        Point centre = layer.mapToInput(ux, uy);
        Element c = byId(root, "centre");
        assertEquals(centre.x(), Double.parseDouble(c.getAttribute("data-x")), 1e-12);
        assertEquals(centre.y(), Double.parseDouble(c.getAttribute("data-y")), 1e-12);
        if (network.equals("Fcn8s")) {
            // score's 8x8 phases of 436x436 pixels exceed the exact 2-D computation's limit
            // (2^21 weights): the picture says so and draws no heat map.
            assertTrue(byId(root, "note").getTextContent().contains("not computed"));
            assertTrue(find(root, "heat") == null, "no heat map beyond the limits");
            return;
        }
        EffectiveField f = effective.apply(layer);
        Box e90 = box(byId(root, "extent90"));
        assertEquals(f.extent90().width(), e90.width());
        assertEquals(f.extent90().height(), e90.height());

        Element heat = byId(root, "heat");
        int cell = Integer.parseInt(heat.getAttribute("data-cell"));
        NodeList cells = heat.getElementsByTagName("rect");
        double sum = 0, mx = 0, my = 0, sxx = 0, syy = 0;
        for (int k = 0; k < cells.getLength(); k++) {
            Element r = (Element) cells.item(k);
            double w = Double.parseDouble(r.getAttribute("data-weight"));
            double x = Double.parseDouble(r.getAttribute("x")) + 0.5;
            double y = Double.parseDouble(r.getAttribute("y")) + 0.5;
            assertTrue(x >= field.left() && x + Double.parseDouble(r.getAttribute("width")) - 1 <= field.right()
                    && y >= field.top() && y + Double.parseDouble(r.getAttribute("height")) - 1 <= field.bottom(),
                    "cell at (" + x + ", " + y + ") outside the field " + field);
            sum += w;
            mx += w * x;
            my += w * y;
            sxx += w * x * x;
            syy += w * y * y;
        }
        assertEquals(1, sum, 1e-9, "the cells hold all the weight");
        if (layer.x().period() > 1 || layer.y().period() > 1) {
            return;     // after upsampling each phase has its own profile; the constants give the widest
        }
        if (cell == 1) {
            // Single pixels: the drawn weights are the field itself, centred on the unit, with its sigma.
            assertEquals(centre.x(), mx / sum, 1e-6);
            assertEquals(centre.y(), my / sum, 1e-6);
            assertEquals(f.sigmaX(), Math.sqrt(sxx / sum - mx * mx / (sum * sum)), 1e-6 * f.sigmaX());
            assertEquals(f.sigmaY(), Math.sqrt(syy / sum - my * my / (sum * sum)), 1e-6 * f.sigmaY());
        } else {
            // Blocks of pixels: the cells' mean lies within half a block of the centre.
            assertEquals(centre.x(), mx / sum + (cell - 1) / 2.0, cell / 2.0);
            assertEquals(centre.y(), my / sum + (cell - 1) / 2.0, cell / 2.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void stackRowsAreTheFieldsOfTheUnitsTheDefaultUnitReads(String network, List<LayerGeometry> layers,
                                                           Function<LayerGeometry, EffectiveField> effective) throws Exception {
        Element root = parse(network, "stack").getDocumentElement();
        Element stack = byId(root, "stack");
        double x0 = Double.parseDouble(stack.getAttribute("data-x0"));
        double x1 = Double.parseDouble(stack.getAttribute("data-x1"));
        double scale = (900 - 140) / (x1 - x0);
        NodeList groups = stack.getElementsByTagName("g");
        assertTrue(groups.getLength() >= 3);
        String last = null;
        for (int k = 0; k < groups.getLength(); k++) {
            Element g = (Element) groups.item(k);
            String name = g.getAttribute("data-layer");
            int u = Integer.parseInt(g.getAttribute("data-unit"));
            long lo = Long.parseLong(g.getAttribute("data-lo"));
            long hi = Long.parseLong(g.getAttribute("data-hi"));
            if (!name.equals("input")) {
                LayerGeometry layer = layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
                Box b = layer.receptiveField(u, 0);
                assertEquals(b.left(), lo, name);
                assertEquals(b.right(), hi, name);
            } else {
                assertEquals(lo, hi);
            }
            Element bar = (Element) g.getElementsByTagName("rect").item(0);
            assertEquals(130 + (lo - 0.5 - x0) * scale, Double.parseDouble(bar.getAttribute("x")), 1e-9, name);
            assertEquals((hi - lo + 1) * scale, Double.parseDouble(bar.getAttribute("width")), 1e-9, name);
            last = name;
        }
        LayerGeometry chosen = defaultLayer(layers);
        assertEquals(chosen.name(), last, "the stack ends with the chosen unit's layer");
    }

    /** The documented default: the last layer whose map is wider or taller than one unit. */
    private static LayerGeometry defaultLayer(List<LayerGeometry> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).x().size() > 1 || layers.get(i).y().size() > 1) {
                return layers.get(i);
            }
        }
        return layers.get(layers.size() - 1);
    }

    private static Document parse(String network, String picture) throws Exception {
        String path = "META-INF/convgeom/dev.convgeom.example." + network + "." + picture + ".svg";
        try (InputStream in = ReportSvgTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path + " written by the processor with -Aconvgeom.report=true");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element byId(Element root, String id) {
        Element e = find(root, id);
        if (e == null) {
            throw new AssertionError("no element #" + id);
        }
        return e;
    }

    private static Element find(Element root, String id) {
        NodeList all = root.getElementsByTagName("*");
        for (int k = 0; k < all.getLength(); k++) {
            Element e = (Element) all.item(k);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    private static Box box(Element rect) {
        int left = (int) Math.round(Double.parseDouble(rect.getAttribute("x")) + 0.5);
        int top = (int) Math.round(Double.parseDouble(rect.getAttribute("y")) + 0.5);
        int width = (int) Math.round(Double.parseDouble(rect.getAttribute("width")));
        int height = (int) Math.round(Double.parseDouble(rect.getAttribute("height")));
        return new Box(left, top, left + width - 1, top + height - 1);
    }
}
