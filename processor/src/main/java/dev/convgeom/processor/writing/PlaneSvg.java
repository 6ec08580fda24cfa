package dev.convgeom.processor.writing;

import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.NetworkInput;

/**
 * The report's input plane as an SVG file, in input-pixel coordinates (pixel {@code (x, y)} is the
 * square {@code x - 0.5 .. x + 0.5}): the image ({@code #image}), one unit's field unclipped
 * ({@code #field}, dashed) and clipped to the image ({@code #clipped}), its centre
 * ({@code #centre}, {@code data-x}, {@code data-y}), its effective-field heat map ({@code #heat}:
 * one rectangle per {@link HeatCells} cell with its weight in {@code data-weight}) and the 50% and
 * 90% central extents ({@code #extent50}, {@code #extent90}, from the exact per-axis profiles).
 * Without a heat map (a 2-D field beyond the limits of the exact computation) it says so in
 * {@code #note}.
 */
final class PlaneSvg {

    private PlaneSvg() {
    }

    /**
     * @param heat the unit's heat cells, or null when its field was not computed
     */
    static String svg(GeometryResult geometry, LayerField effective, SvgUnit unit, HeatCells heat) {
        NetworkInput in = geometry.input();
        ComputedLayer layer = geometry.layers().get(unit.layer());
        long left = layer.x().lo(unit.ux());
        long right = layer.x().hi(unit.ux());
        long top = layer.y().lo(unit.uy());
        long bottom = layer.y().hi(unit.uy());
        double x0 = Math.min(0, left) - 0.5;
        double y0 = Math.min(0, top) - 0.5;
        double w = Math.max(in.width() - 1, right) + 0.5 - x0;
        double h = Math.max(in.height() - 1, bottom) + 0.5 - y0;
        double s = w / 640;     // one screen pixel, in input pixels
        Svg svg = new Svg(640, Math.round(640 * h / w), Svg.number(x0) + " " + Svg.number(y0) + " " + Svg.number(w) + " "
                + Svg.number(h));
        svg.group("id", "plane", "data-layer", layer.spec().name(), "data-unit-x", unit.ux(), "data-unit-y", unit.uy());
        svg.element("rect", "x", x0, "y", y0, "width", w, "height", h, "fill", "#f3f3f3");
        svg.element("rect", "id", "image", "x", -0.5, "y", -0.5, "width", (double) in.width(), "height",
                (double) in.height(), "fill", "#fff", "stroke", "#444", "stroke-width", s);
        if (heat != null && effective != null) {
            heat(svg, heat);
        } else {
            svg.text("2-D effective field not computed (beyond the exact computation's limits)", "id", "note",
                    "x", x0 + 4 * s, "y", y0 + 14 * s, "font-size", 11 * s);
        }
        if (effective != null) {
            // The extents come from the exact per-axis profiles, which every network has.
            extent(svg, "extent90", "#d62728", StackSvg.extent(effective.x().profile(), unit.ux(), 90),
                    StackSvg.extent(effective.y().profile(), unit.uy(), 90), s);
            extent(svg, "extent50", "#ff7f0e", StackSvg.extent(effective.x().profile(), unit.ux(), 50),
                    StackSvg.extent(effective.y().profile(), unit.uy(), 50), s);
        }
        svg.element("rect", "id", "field", "x", left - 0.5, "y", top - 0.5, "width", (double) (right - left + 1),
                "height", (double) (bottom - top + 1), "fill", "none", "stroke", "#1f4fb4", "stroke-width", 1.5 * s,
                "stroke-dasharray", Svg.number(5 * s) + " " + Svg.number(4 * s));
        long cl = Math.max(0, left);
        long cr = Math.min(in.width() - 1, right);
        long ct = Math.max(0, top);
        long cb = Math.min(in.height() - 1, bottom);
        if (cl <= cr && ct <= cb) {
            svg.element("rect", "id", "clipped", "x", cl - 0.5, "y", ct - 0.5, "width", (double) (cr - cl + 1),
                    "height", (double) (cb - ct + 1), "fill", "none", "stroke", "#1f4fb4", "stroke-width", 2 * s);
        }
        double cx = layer.x().center().plus(layer.x().jump().times(unit.ux())).doubleValue();
        double cy = layer.y().center().plus(layer.y().jump().times(unit.uy())).doubleValue();
        double r = 6 * s;
        svg.group("id", "centre", "data-x", Svg.number(cx), "data-y", Svg.number(cy), "stroke", "#000",
                "stroke-width", Svg.number(1.5 * s));
        svg.element("line", "x1", cx - r, "x2", cx + r, "y1", cy, "y2", cy);
        svg.element("line", "x1", cx, "x2", cx, "y1", cy - r, "y2", cy + r);
        svg.end();
        return svg.end().finish();
    }

    private static void heat(Svg svg, HeatCells heat) {
        double max = 0;
        for (double v : heat.weights()) {
            max = Math.max(max, v);
        }
        svg.group("id", "heat", "data-cell", heat.cell(), "fill", "rgb(220,30,30)");
        for (int j = 0; j < heat.rows(); j++) {
            for (int i = 0; i < heat.columns(); i++) {
                double v = heat.weights()[j * heat.columns() + i];
                if (v == 0) {
                    continue;
                }
                int cw = Math.min(heat.cell(), heat.width() - i * heat.cell());
                int ch = Math.min(heat.cell(), heat.height() - j * heat.cell());
                svg.element("rect", "x", heat.left() + (double) i * heat.cell() - 0.5,
                        "y", heat.top() + (double) j * heat.cell() - 0.5, "width", (double) cw, "height", (double) ch,
                        "fill-opacity", Svg.number(Math.round(920 * Math.sqrt(v / max)) / 1000.0), "data-weight", v);
            }
        }
        svg.end();
    }

    private static void extent(Svg svg, String id, String colour, long[] x, long[] y, double s) {
        svg.element("rect", "id", id, "x", x[0] - 0.5, "y", y[0] - 0.5, "width", (double) (x[1] - x[0] + 1),
                "height", (double) (y[1] - y[0] + 1), "fill", "none", "stroke", colour, "stroke-width", s);
    }
}
