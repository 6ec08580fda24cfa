package dev.convgeom.processor.writing;

import dev.convgeom.Ratio;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.EffectiveFields.AxisField;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.EffectiveSpread;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerSpec;
import java.util.List;
import java.util.TreeSet;

/**
 * The report's stack view as an SVG file: how one unit's field widens layer by layer, along the
 * columns (x). One row per map the unit depends on (the input first, then its ancestors in layer
 * order), each showing the field of the unit of that map nearest to the chosen unit's centre:
 * the whole field (light), its 90% and 50% effective extents (darker). Each row's group carries
 * {@code data-layer}, {@code data-unit}, {@code data-lo} and {@code data-hi}; the drawing maps
 * input column {@code p} to {@code 130 + (p - x0) * (900 - 140) / (x1 - x0)}, with {@code x0} and
 * {@code x1} on the root element.
 */
final class StackSvg {

    private static final int WIDTH = 900;
    private static final int LEFT = 130;
    private static final int ROW = 16;

    private StackSvg() {
    }

    static String svg(GeometryResult geometry, List<LayerField> effective, SvgUnit unit) {
        List<ComputedLayer> layers = geometry.layers();
        TreeSet<Integer> rows = new TreeSet<>();
        ancestors(layers, unit.layer(), rows);
        rows.add(LayerSpec.NETWORK_INPUT);
        double centre = layers.get(unit.layer()).x().center().plus(layers.get(unit.layer()).x().jump().times(unit.ux()))
                .doubleValue();
        long[][] boxes = new long[rows.size()][];
        long[] units = new long[rows.size()];
        int k = 0;
        long x0 = 0;
        long x1 = geometry.input().width() - 1;
        for (int i : rows) {
            AxisState a = i == LayerSpec.NETWORK_INPUT ? AxisState.input(geometry.input().width()) : layers.get(i).x();
            units[k] = i == unit.layer() ? unit.ux() : nearest(a, centre);
            boxes[k] = new long[] {a.lo(units[k]), a.hi(units[k])};
            x0 = Math.min(x0, boxes[k][0]);
            x1 = Math.max(x1, boxes[k][1]);
            k++;
        }
        double from = x0 - 0.5;
        double to = x1 + 0.5;
        double scale = (WIDTH - LEFT - 10) / (to - from);
        int height = 20 + rows.size() * ROW + 10;
        Svg svg = new Svg(WIDTH, height, "0 0 " + WIDTH + " " + height);
        svg.group("id", "stack", "data-x0", Svg.number(from), "data-x1", Svg.number(to));
        svg.element("rect", "x", LEFT + (-0.5 - from) * scale, "y", 12.0, "width", geometry.input().width() * scale,
                "height", (double) rows.size() * ROW + 4, "fill", "#eee");
        svg.text("input x " + (x0) + " .. " + x1, "x", LEFT, "y", 10, "font-size", 10, "fill", "#666");
        k = 0;
        for (int i : rows) {
            double y = 14 + k * ROW;
            String name = i == LayerSpec.NETWORK_INPUT ? "input" : layers.get(i).spec().name();
            svg.text(name + " [" + units[k] + "]", "x", LEFT - 6, "y", y + 11, "text-anchor", "end", "font-size", 11);
            svg.group("data-layer", name, "data-unit", units[k], "data-lo", boxes[k][0], "data-hi", boxes[k][1]);
            bar(svg, boxes[k], from, scale, y, "#aec7e8", "field");
            AxisField f = i == LayerSpec.NETWORK_INPUT ? null : effective.get(i) == null ? null : effective.get(i).x();
            if (f != null) {
                bar(svg, extent(f.profile(), units[k], 90), from, scale, y, "#5b8fd0", "extent90");
                bar(svg, extent(f.profile(), units[k], 50), from, scale, y, "#1f4fb4", "extent50");
            }
            svg.end();
            k++;
        }
        return svg.end().finish();
    }

    private static void bar(Svg svg, long[] box, double from, double scale, double y, String fill, String role) {
        svg.element("rect", "class", role, "x", LEFT + (box[0] - 0.5 - from) * scale, "y", y,
                "width", (box[1] - box[0] + 1) * scale, "height", (double) ROW - 3, "fill", fill);
    }

    /** Unit {@code u}'s central extent: its phase's, moved by whole periods. */
    static long[] extent(EffectiveProfile p, long u, int percent) {
        int r = (int) Math.floorMod(u, (long) p.period());
        EffectiveSpread s = p.spread(r);
        long move = p.start(u) - p.start(r);
        long[] e = s.extent(percent);
        return new long[] {e[0] + move, e[1] + move};
    }

    /** The unit whose centre lies nearest {@code position}, within the map. */
    private static long nearest(AxisState a, double position) {
        Ratio jump = a.jump();
        long u = Math.round((position - a.center().doubleValue()) / jump.doubleValue());
        return Math.max(0, Math.min(a.size() - 1, u));
    }

    private static void ancestors(List<ComputedLayer> layers, int layer, TreeSet<Integer> seen) {
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            int i = todo.pop();
            if (i != LayerSpec.NETWORK_INPUT && seen.add(i)) {
                layers.get(i).inputs().forEach(todo::push);
            }
        }
    }
}
