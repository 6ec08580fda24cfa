package dev.convgeom.processor.writing;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.EffectiveFields.AxisField;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.EffectiveSpread;
import dev.convgeom.engine.EffectiveGrid;
import dev.convgeom.engine.EffectiveGrids;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.PadMode;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The numbers the HTML report draws from, as JSON: per layer its shape, jump, centre, the field
 * box of every phase ({@code lo}, {@code hi}, {@code period}, {@code shift}), the effective field
 * of every phase (normalised weights from {@code start}, mean, sigma, 50% and 90% extents), for
 * layers with a merge upstream the exact 2-D field ({@link EffectiveGrids}) as heat-map cells, and
 * what the graph view marks (merges, crops, upsampling, dropped borders, misaligned merges). The
 * page only moves a phase's numbers by whole periods ({@code t * shift}): every geometric value
 * comes from here.
 */
final class ReportData {

    private ReportData() {
    }

    /**
     * The report's numbers and the heat cells of {@code unit}, the unit the SVG pictures show
     * (null when its field was not computed).
     */
    record Built(String json, HeatCells unitHeat) {
    }

    private static EffectiveGrid.Phase product(LayerField f, SvgUnit unit) {
        java.math.BigInteger[] wy = f.y().profile().weights(unit.uy());
        java.math.BigInteger[] wx = f.x().profile().weights(unit.ux());
        java.math.BigInteger[] w = new java.math.BigInteger[Math.multiplyExact(wy.length, wx.length)];
        for (int j = 0; j < wy.length; j++) {
            for (int i = 0; i < wx.length; i++) {
                w[j * wx.length + i] = wy[j].multiply(wx[i]);
            }
        }
        return new EffectiveGrid.Phase(f.y().profile().start(unit.uy()), f.x().profile().start(unit.ux()), wy.length,
                wx.length, w);
    }

    /**
     * The most heat-map cells one layer's grid may embed over all its phases (64 phases of at most
     * {@link HeatCells#MAX_CELLS}); a grid with more phases is left out and the page says so.
     */
    static final long MAX_EMBEDDED_CELLS = 64L * HeatCells.MAX_CELLS;

    static Built build(String network, GeometryResult geometry, List<LayerField> effective, SvgUnit unit) {
        boolean[] separable = EffectiveGrids.separable(geometry);
        HeatCells[] unitHeat = new HeatCells[1];
        // Each distinct grid once, as heat cells; layers that pass a grid on (1x1 convolutions,
        // pointwise layers) hand over the same object and share its entry. Weak keys: a grid no
        // later layer reads may go.
        Map<EffectiveGrid, Integer> distinct = new WeakHashMap<>();
        List<Cells> cells = new ArrayList<>();
        String[] refs = new String[separable.length];
        EffectiveGrids.forEach(geometry, effective, (grid, i) -> {
            if (i == unit.layer()) {
                LayerField f = effective.get(i);
                // A separable layer: the product of the unit's own row and column profiles (one
                // phase; the whole separable grid of an upsampled map holds every phase).
                unitHeat[0] = separable[i] ? (f == null ? null : HeatCells.of(product(f, unit)))
                        : grid == null ? null : HeatCells.of(grid.unit(unit.uy(), unit.ux()));
            }
            if (grid != null && (long) grid.periodY() * grid.periodX() * HeatCells.MAX_CELLS > MAX_EMBEDDED_CELLS) {
                refs[i] = "null";   // exact, but too many phases to embed: the page says so
            } else if (grid != null) {
                refs[i] = Integer.toString(distinct.computeIfAbsent(grid, g -> {
                    cells.add(Cells.of(g));
                    return cells.size() - 1;
                }));
            } else {
                refs[i] = separable[i] ? null : "null";
            }
        });
        NetworkInput input = geometry.input();
        JsonWriter json = new JsonWriter().beginObject()
                .string("network", network)
                .name("input").beginInlineObject()
                .number("channels", input.channels())
                .number("height", input.height())
                .number("width", input.width())
                .endObject()
                .name("layers").beginArray();
        List<ComputedLayer> layers = geometry.layers();
        for (int i = 0; i < layers.size(); i++) {
            layer(json, layers, i, effective.get(i), separable[i], refs[i]);
        }
        json.endArray();
        json.name("grids").beginArray();
        for (Cells c : cells) {
            c.write(json);
        }
        json.endArray();
        return new Built(json.endObject().toString(), unitHeat[0]);
    }

    /**
     * A non-separable layer's exact 2-D field: per phase ({@code ry * periodX + rx}) its heat-map
     * cells ({@link HeatCells}); the page moves a phase by whole periods.
     */
    private record Cells(int periodY, int periodX, long shiftY, long shiftX, List<HeatCells> phases) {

        static Cells of(EffectiveGrid g) {
            List<HeatCells> phases = new ArrayList<>();
            for (int ry = 0; ry < g.periodY(); ry++) {
                for (int rx = 0; rx < g.periodX(); rx++) {
                    phases.add(HeatCells.of(g.unit(ry, rx)));
                }
            }
            return new Cells(g.periodY(), g.periodX(), g.shiftY(), g.shiftX(), phases);
        }

        void write(JsonWriter json) {
            json.beginObject().number("periodY", periodY).number("periodX", periodX)
                    .number("shiftY", shiftY).number("shiftX", shiftX).name("phases").beginArray();
            for (HeatCells c : phases) {
                StringBuilder w = new StringBuilder("[");
                for (int k = 0; k < c.weights().length; k++) {
                    w.append(k == 0 ? "" : ",").append(Float.toString((float) c.weights()[k]));
                }
                json.beginInlineObject().number("top", c.top()).number("left", c.left())
                        .number("height", c.height()).number("width", c.width()).number("cell", c.cell())
                        .number("rows", c.rows()).number("columns", c.columns())
                        .raw("weights", w.append(']').toString()).endObject();
            }
            json.endArray().endObject();
        }
    }

    private static void layer(JsonWriter json, List<ComputedLayer> layers, int index, LayerField effective,
                              boolean separable, String grid) {
        ComputedLayer layer = layers.get(index);
        LayerKind kind = layer.spec().kind();
        List<String> inputs = new ArrayList<>();
        for (int i : layer.inputs()) {
            inputs.add(Integer.toString(i));
        }
        json.beginObject()
                .string("name", layer.spec().name())
                .string("kind", kind.displayName())
                .string("role", kind.role().name())
                .raw("inputs", "[" + String.join(", ", inputs) + "]")
                .raw("channels", layer.hasChannels() ? Long.toString(layer.channels()) : "null")
                .bool("separable", separable);
        if (kind == LayerKind.CROP) {
            json.name("crop").beginInlineObject()
                    .number("y", layer.offsetY()).number("x", layer.offsetX())
                    .raw("like", Integer.toString(layer.spec().extras().like())).endObject();
        }
        if (kind == LayerKind.CHANNELS) {
            json.name("channelRange").beginInlineObject().number("first", layer.spec().extras().firstChannel())
                    .number("count", layer.channels()).endObject();
        } else if (kind == LayerKind.CHANNEL_SHUFFLE) {
            json.number("shuffleGroups", layer.spec().groups());
        } else if (kind == LayerKind.UPSAMPLE && layer.spec().extras().cubic() != null) {
            json.string("cubic", "cubic, a = " + layer.spec().extras().cubic().coefficient().doubleValue()
                    + (layer.spec().extras().cubic().excludeOutside() ? ", taps beyond the map excluded" : ""));
        } else if (kind == LayerKind.PAD && layer.spec().extras().padMode() != PadMode.CONSTANT) {
            json.string("padMode", layer.spec().extras().padMode().name());
        }
        if (kind == LayerKind.UPSAMPLE && layer.spec().extras().coordinates() == dev.convgeom.engine.Coordinates.CROP_AND_RESIZE) {
            dev.convgeom.engine.CropRegion roi = layer.spec().extras().crop() == null
                    ? dev.convgeom.engine.CropRegion.WHOLE : layer.spec().extras().crop();
            json.string("cropAndResize", "rows " + dev.convgeom.engine.CropRegion.decimal(roi.startY()) + " to "
                    + dev.convgeom.engine.CropRegion.decimal(roi.endY()) + ", columns "
                    + dev.convgeom.engine.CropRegion.decimal(roi.startX()) + " to "
                    + dev.convgeom.engine.CropRegion.decimal(roi.endX()));
        }
        if (kind == LayerKind.PIXEL_SHUFFLE || kind == LayerKind.PIXEL_UNSHUFFLE) {
            json.number(kind == LayerKind.PIXEL_SHUFFLE ? "pixelShuffle" : "pixelUnshuffle",
                    dev.convgeom.engine.PixelShuffleStep.factor(layer.spec()));
        }
        if (layer.stepY() != null) {
            json.name("dropped").beginInlineObject()
                    .number("y", layer.stepY().droppedBorder()).number("x", layer.stepX().droppedBorder())
                    .endObject();
        }
        if (kind.isMerge()) {
            json.raw("misaligned", misalignment(layers, layer));
        }
        for (Axis axis : Axis.values()) {
            axis(json, axis, layer.axis(axis), effective == null ? null : effective.axis(axis));
        }
        if (!separable) {
            // Index into "grids", or null when beyond EffectiveGrids' limits.
            json.raw("grid", grid);
        }
        json.endObject();
    }

    private static String weights(EffectiveSpread s) {
        StringBuilder weights = new StringBuilder("[");
        for (int i = 0; i < s.weights().length; i++) {
            weights.append(i == 0 ? "" : ",").append(Float.toString((float) s.weight(i)));
        }
        return weights.append(']').toString();
    }

    /** Input pixels between the centres of a merge's first input and each other, per axis; null when aligned. */
    private static String misalignment(List<ComputedLayer> layers, ComputedLayer merge) {
        ComputedLayer first = map(layers, merge.inputs().get(0), merge);
        StringBuilder b = new StringBuilder();
        for (int k = 1; k < merge.inputs().size(); k++) {
            ComputedLayer other = map(layers, merge.inputs().get(k), merge);
            double dy = other.y().center().minus(first.y().center()).doubleValue();
            double dx = other.x().center().minus(first.x().center()).doubleValue();
            if (dy != 0 || dx != 0) {
                b.append(b.length() == 0 ? "" : ", ").append("{\"input\": ").append(merge.inputs().get(k))
                        .append(", \"y\": ").append(dy).append(", \"x\": ").append(dx).append('}');
            }
        }
        return b.length() == 0 ? "null" : "[" + b + "]";
    }

    /** A merge never reads the network input directly in a way that matters here: it is aligned with itself. */
    private static ComputedLayer map(List<ComputedLayer> layers, int index, ComputedLayer fallback) {
        return index == LayerSpec.NETWORK_INPUT ? inputLike(fallback) : layers.get(index);
    }

    private static ComputedLayer inputLike(ComputedLayer like) {
        return new ComputedLayer(like.spec(), List.of(), like.channels(), AxisState.input(like.y().size()),
                AxisState.input(like.x().size()), null, null, 0, 0);
    }

    private static void axis(JsonWriter json, Axis axis, AxisState a, AxisField effective) {
        json.name(axis == Axis.Y ? "y" : "x").beginObject()
                .number("size", a.size())
                .raw("jump", Numbers.jsonDouble(a.jump()))
                .raw("center", Numbers.jsonDouble(a.center()))
                .string("exactJump", a.jump().toString())
                .string("exactCenter", a.center().toString())
                .number("rf", a.rf())
                .number("period", a.period())
                .number("shift", a.field().shift())
                .numbers("lo", a.field().los())
                .numbers("hi", a.field().his());
        // Every unit's field also holds the context, after a gate or a normalisation over the map.
        if (!a.context().isNone()) {
            json.number("contextLo", a.context().lo()).number("contextHi", a.context().hi());
        }
        if (effective == null) {
            json.raw("effective", "null");
        } else {
            effective(json, effective);
        }
        json.endObject();
    }

    private static void effective(JsonWriter json, AxisField f) {
        json.name("effective").beginObject()
                .raw("sigma", Double.toString(f.sigma()))
                .number("extent50", f.extent50())
                .number("extent90", f.extent90())
                .number("shift", f.profile().shift())
                .name("phases").beginArray();
        EffectiveProfile profile = f.profile();
        for (int r = 0; r < profile.period(); r++) {
            EffectiveSpread s = profile.spread(r);
            long[] e50 = s.extent(50);
            long[] e90 = s.extent(90);
            json.beginInlineObject()
                    .number("start", s.start())
                    .raw("mean", Double.toString(s.mean()))
                    .raw("sigma", Double.toString(s.sigma()))
                    .numbers("extent50", e50)
                    .numbers("extent90", e90)
                    .raw("weights", weights(s))
                    .endObject();
        }
        json.endArray().endObject();
    }
}
