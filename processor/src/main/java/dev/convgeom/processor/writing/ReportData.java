package dev.convgeom.processor.writing;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.EffectiveFields.AxisField;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.EffectiveSpread;
import dev.convgeom.engine.EffectiveTerms;
import dev.convgeom.engine.EffectiveTerms.Term;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers the HTML report draws from, as JSON: per layer its shape, jump, centre, the field
 * box of every phase ({@code lo}, {@code hi}, {@code period}, {@code shift}), the effective field
 * of every phase (normalised weights from {@code start}, mean, sigma, 50% and 90% extents), and
 * what the graph view marks (merges, crops, upsampling, dropped borders, misaligned merges). The
 * page only moves a phase's numbers by whole periods ({@code t * shift}): every geometric value
 * comes from here.
 */
final class ReportData {

    private ReportData() {
    }

    /** The most separable terms a layer's 2-D profile is embedded with, and the most weights they may hold. */
    static final int MAX_TERMS = 24;
    static final long MAX_TERM_WEIGHTS = 60_000;

    static String json(String network, GeometryResult geometry, List<LayerField> effective) {
        List<List<Term>> terms = EffectiveTerms.of(geometry, MAX_TERMS);
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
        boolean[] separable = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            ComputedLayer layer = layers.get(i);
            separable[i] = separable(layer, separable);
            layer(json, layers, i, effective.get(i), separable[i], separable[i] ? null : terms.get(i));
        }
        json.endArray();
        return json.endObject().toString();
    }

    /** A layer's 2-D profile is the product of its axes' unless a merge of two paths lies upstream. */
    private static boolean separable(ComputedLayer layer, boolean[] known) {
        if (layer.spec().kind().isMerge() && layer.inputs().size() > 1) {
            return false;
        }
        for (int i : layer.inputs()) {
            if (i != LayerSpec.NETWORK_INPUT && !known[i]) {
                return false;
            }
        }
        return true;
    }

    private static void layer(JsonWriter json, List<ComputedLayer> layers, int index, LayerField effective,
                              boolean separable, List<Term> terms) {
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
            terms(json, terms);
        }
        json.endObject();
    }

    /**
     * The 2-D profile as its separable terms (paths, and per axis every phase's normalised weights),
     * or null when there are too many to embed; the page sums their products.
     */
    private static void terms(JsonWriter json, List<Term> terms) {
        long weights = 0;
        if (terms != null) {
            for (Term t : terms) {
                for (EffectiveProfile p : List.of(t.y(), t.x())) {
                    for (int r = 0; r < p.period(); r++) {
                        weights += p.weights(r).length;
                    }
                }
            }
        }
        if (terms == null || weights > MAX_TERM_WEIGHTS) {
            json.raw("terms", "null");
            return;
        }
        json.name("terms").beginArray();
        for (Term t : terms) {
            json.beginObject().raw("paths", t.paths().toString());
            for (Axis axis : Axis.values()) {
                EffectiveProfile p = axis == Axis.Y ? t.y() : t.x();
                json.name(axis == Axis.Y ? "y" : "x").beginObject().number("shift", p.shift()).name("phases").beginArray();
                for (int r = 0; r < p.period(); r++) {
                    EffectiveSpread s = p.spread(r);
                    json.beginInlineObject().number("start", s.start()).raw("weights", weights(s)).endObject();
                }
                json.endArray().endObject();
            }
            json.endObject();
        }
        json.endArray();
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
