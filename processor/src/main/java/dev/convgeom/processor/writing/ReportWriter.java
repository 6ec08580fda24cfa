package dev.convgeom.processor.writing;

import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.GeometryResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report of a network: one self-contained file (inline CSS, JavaScript and SVG, no
 * network access) with the layer table, a chart of field, jump and effective extent by layer, the
 * input plane where selecting a unit draws its field, clipped field, centre and effective-field
 * heat map over an image the reader may drop in, the stack of fields a unit depends on, and, for
 * graphs, the layers as a graph with merges, crops, upsampling, unread borders and misaligned
 * merges marked. Every picture can be saved as SVG. The page draws from the numbers
 * {@link ReportData} embeds; its script only moves a phase's boxes and profiles by whole periods.
 */
public final class ReportWriter {

    private static final String TEMPLATE = "report.html";

    private ReportWriter() {
    }

    /** The path of a network's report among the class output, next to its manifest. */
    public static String path(String binaryName) {
        return path(binaryName, ".html");
    }

    /** The path of one of {@link #files}' files among the class output. */
    public static String path(String binaryName, String suffix) {
        return "META-INF/convgeom/" + binaryName + suffix;
    }

    /**
     * The report's HTML.
     *
     * @param network   the network's name, as the title
     * @param geometry  its computed geometry, free of errors
     * @param effective each layer's effective field, null where not computed
     */
    public static String html(String network, GeometryResult geometry, List<LayerField> effective) {
        return files(network, geometry, effective).get(".html");
    }

    /**
     * The report and its pictures as SVG files, by the suffix that follows the binary name in
     * their path ({@code META-INF/convgeom/<binary name><suffix>}): {@code .html} the report,
     * {@code .stack.svg} the stack view and {@code .plane.svg} the input plane, both of the unit
     * {@link SvgUnit} chooses (the centre unit of the last map wider or taller than one unit).
     *
     * @param network   the network's name, as the title
     * @param geometry  its computed geometry, free of errors
     * @param effective each layer's effective field, null where not computed
     */
    public static Map<String, String> files(String network, GeometryResult geometry, List<LayerField> effective) {
        SvgUnit unit = SvgUnit.of(geometry);
        ReportData.Built built = ReportData.build(network, geometry, effective, unit);
        // Inside <script> only "</" can end the element early; "<\/" is the same JSON string.
        String data = built.json().replace("</", "<\\/");
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".html", template().replace("@@TITLE@@", escape(network)).replace("@@DATA@@", data));
        files.put(".stack.svg", StackSvg.svg(geometry, effective, unit));
        files.put(".plane.svg", PlaneSvg.svg(geometry, effective.get(unit.layer()), unit, built.unitHeat()));
        return files;
    }

    private static String template() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the report template " + TEMPLATE + " is missing from the processor jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
