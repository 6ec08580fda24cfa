package dev.convgeom.processor.writing;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PadMode;
import dev.convgeom.engine.PixelShuffleStep;
import dev.convgeom.engine.PositionSet;
import dev.convgeom.engine.ReadCoverage;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.WindowStep;
import dev.convgeom.engine.EffectiveFields;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import java.util.List;
import java.util.Optional;

/**
 * The JSON manifest of a network, for tools outside Java: the input, and per layer its declared
 * window, output shape, receptive field, jump, centre and field box (unit 0, unclipped). Keys
 * and layers come in a fixed order, so equal models give byte-identical manifests. Where the
 * network's reads were analysed, also which units of each map no path to an output reads, and per
 * layer the positions of its input its windows skip.
 */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    /**
     * @param networkName    the model's binary name
     * @param generatedClass the generated class's qualified name
     * @param constants      each layer's constant in the generated class
     * @param spec           the network as generated code rebuilds it (its layers' inputs and crops)
     * @param sizes          the smallest and the exact input sizes
     * @param effective      each layer's effective field ({@link EffectiveFields#of}), null where not computed
     */
    public static String write(String networkName, String generatedClass, boolean strict,
                               GeometryResult geometry, List<String> constants, NetworkSpec spec,
                               InputSizes sizes, List<LayerField> effective) {
        NetworkInput input = geometry.input();
        // About 900 characters a layer of a deep chain, 650 in the examples.
        JsonWriter json = new JsonWriter(4096 + 1024 * geometry.layers().size()).beginObject()
                .string("network", networkName)
                .string("generatedClass", generatedClass)
                .bool("strict", strict)
                .name("input").beginInlineObject()
                .number("channels", input.channels())
                .number("height", input.height())
                .number("width", input.width())
                .endObject();
        Optional<ReadCoverage> reads = geometry.reads();
        List<ComputedLayer> layers = geometry.layers();
        json.strings("outputs", spec.outputs());
        if (reads.isPresent()) {
            unread(json, "unreadInput", reads.get().input());
        } else {
            json.raw("unreadInput", "null");
        }
        json.name("layers").beginArray();
        for (int i = 0; i < layers.size(); i++) {
            layer(json, layers.get(i), constants.get(i), spec.layers().get(i), effective.get(i));
            if (reads.isPresent()) {
                skipped(json, reads.get(), i);
                unread(json, "unread", reads.get().map(i));
            }
            json.endObject();
        }
        json.endArray();
        fullyConvolutional(json, sizes);
        return json.endObject().toString();
    }

    /** The smallest input and the exact input sizes of the fully convolutional form. */
    private static void fullyConvolutional(JsonWriter json, InputSizes sizes) {
        Size min = sizes.minInputSize();
        json.name("fullyConvolutional").beginObject();
        if (min == null) {
            json.raw("minInputSize", "null");   // beyond the bounded search, as exactSizes' null
        } else {
            json.name("minInputSize").beginInlineObject()
                    .number("height", min.height())
                    .number("width", min.width())
                    .endObject();
        }
        json.name("exactSizes").beginObject();
        progression(json, "height", sizes.axis(true));
        progression(json, "width", sizes.axis(false));
        json.endObject().endObject();
    }

    /** {@code {"first": 227, "step": 32}}: exact sizes are first + step * k; step 0 when uneven. */
    private static void progression(JsonWriter json, String name, InputSizes.Axis p) {
        if (p == null) {
            json.raw(name, "null");
            return;
        }
        json.name(name).beginInlineObject().number("first", p.first()).number("step", p.step()).endObject();
    }

    private static void layer(JsonWriter json, ComputedLayer layer, String constant, LayerSpec spec,
                              LayerField effective) {
        json.beginObject()
                .string("name", layer.spec().name())
                .string("kind", layer.spec().kind().displayName())
                .string("constant", constant)
                .strings("from", spec.from());
        if (layer.stepY() != null && spec.hasWindow()) {
            window(json, layer);
        }
        var extras = layer.spec().extras();
        switch (layer.spec().kind()) {
            case DECONV -> {
                json.name("deconv").beginInlineObject()
                        .number("kh", spec.y().kernel()).number("kw", spec.x().kernel())
                        .number("sh", spec.y().stride()).number("sw", spec.x().stride())
                        .number("ph", spec.y().padBefore()).number("pw", spec.x().padBefore());
                // Only where they differ from ph and pw, so that symmetric ones keep their form.
                if (spec.y().padAfter() != spec.y().padBefore()) {
                    json.number("padBottom", spec.y().padAfter());
                }
                if (spec.x().padAfter() != spec.x().padBefore()) {
                    json.number("padRight", spec.x().padAfter());
                }
                // Only where dilated, so that the manifests of dense transposed convolutions keep their form.
                if (spec.y().dilation() != 1 || spec.x().dilation() != 1) {
                    json.number("dh", spec.y().dilation()).number("dw", spec.x().dilation());
                }
                json.number("outputPadding", extras.outputPadding()).endObject();
            }
            case UPSAMPLE -> upsample(json.name("upsample").beginInlineObject(), extras).endObject();
            case CROP -> json.string("like", spec.resize().like())
                    .name("offset").beginInlineObject()
                    .number("y", layer.offsetY())
                    .number("x", layer.offsetX())
                    .endObject();
            case CHANNELS -> json.name("channels").beginInlineObject()
                    .number("first", extras.firstChannel()).number("count", spec.out())
                    .endObject();
            case CHANNEL_SHUFFLE -> json.number("groups", spec.groups());
            case PIXEL_SHUFFLE, PIXEL_UNSHUFFLE -> json.number("factor", PixelShuffleStep.factor(layer.spec()));
            // Only for copies, so that the manifests of zero padding keep their form.
            case PAD -> {
                if (extras.padMode() != PadMode.CONSTANT) {
                    json.string("padMode", extras.padMode().name());
                }
            }
            default -> { }
        }
        if (spec.isFullyConnected()) {
            LayerSpec conv = spec.asConv();
            json.name("asConv").beginInlineObject()
                    .raw("in", conv.in() == Shape.UNKNOWN ? "null" : Integer.toString(conv.in()))
                    .number("out", conv.out())
                    .number("kh", conv.y().kernel())
                    .number("kw", conv.x().kernel())
                    .endObject();
        }
        json.name("output").beginInlineObject()
                .raw("channels", layer.hasChannels() ? Long.toString(layer.channels()) : "null")
                .number("height", layer.y().size())
                .number("width", layer.x().size())
                .endObject();
        json.name("rf").beginInlineObject()
                .number("height", layer.y().rf())
                .number("width", layer.x().rf())
                .endObject();
        json.name("jump").beginInlineObject()
                .raw("y", Numbers.json(layer.y().jump()))
                .raw("x", Numbers.json(layer.x().jump()))
                .endObject();
        json.name("center").beginInlineObject()
                .raw("y", Numbers.jsonDouble(layer.y().center()))
                .raw("x", Numbers.jsonDouble(layer.x().center()))
                .endObject();
        AxisState y = layer.y();
        AxisState x = layer.x();
        json.name("field").beginInlineObject()
                .number("top", y.lo())
                .number("left", x.lo())
                .number("bottom", y.hi())
                .number("right", x.hi())
                .endObject();
        // After a gate or a normalisation over the map, every unit also reads this box (included in
        // "field" and "rf"; "fieldPhases" keep the local fields without it).
        if (!y.context().isNone() || !x.context().isNone()) {
            json.name("context").beginInlineObject()
                    .raw("top", y.context().isNone() ? "null" : Long.toString(y.context().lo()))
                    .raw("left", x.context().isNone() ? "null" : Long.toString(x.context().lo()))
                    .raw("bottom", y.context().isNone() ? "null" : Long.toString(y.context().hi()))
                    .raw("right", x.context().isNone() ? "null" : Long.toString(x.context().hi()))
                    .endObject();
        }
        // Jumps and centres become fractions after upsampling: the exact values, as "num/den".
        json.name("exact").beginInlineObject()
                .string("jumpY", layer.y().jump().toString())
                .string("jumpX", layer.x().jump().toString())
                .string("centerY", layer.y().center().toString())
                .string("centerX", layer.x().center().toString())
                .endObject();
        if (y.period() > 1 || x.period() > 1) {
            phases(json, y, x);
        }
        effectiveField(json, effective);
    }

    /**
     * {@code "factor"} when both axes have it, else {@code "factorX"} and {@code "factorY"}, each
     * with its {@code "per"} where the factor is fractional; the mode; {@code "coordinates"} where
     * they are not half-pixel; a nearest upsampling's {@code "rounding"} where it is not
     * {@code ROUND_PREFER_FLOOR}.
     */
    private static JsonWriter upsample(JsonWriter json, dev.convgeom.engine.LayerSpec.Extras extras) {
        if (extras.factorX() == extras.factorY() && extras.perX() == extras.perY()) {
            json.number("factor", extras.factorX());
            if (extras.perX() != 1) {
                json.number("per", extras.perX());
            }
        } else {
            json.number("factorX", extras.factorX());
            if (extras.perX() != 1) {
                json.number("perX", extras.perX());
            }
            json.number("factorY", extras.factorY());
            if (extras.perY() != 1) {
                json.number("perY", extras.perY());
            }
        }
        json.string("mode", extras.cubic() != null ? "CUBIC" : extras.bilinear() ? "BILINEAR" : "NEAREST");
        if (extras.cubic() != null) {
            json.raw("cubicCoefficient", java.math.BigDecimal.valueOf(extras.cubic().coefficient().doubleValue())
                    .stripTrailingZeros().toPlainString());
            json.bool("excludeOutside", extras.cubic().excludeOutside());
        }
        if (extras.coordinates() != Coordinates.HALF_PIXEL) {
            json.string("coordinates", extras.coordinates().name());
        }
        if (extras.crop() != null) {
            // Exact decimals: every bound is a multiple of 1/2^32.
            json.name("roi").beginInlineObject();
            for (dev.convgeom.engine.Axis axis : new dev.convgeom.engine.Axis[] {dev.convgeom.engine.Axis.Y,
                    dev.convgeom.engine.Axis.X}) {
                json.name(axis == dev.convgeom.engine.Axis.Y ? "y" : "x").beginArray()
                        .value(dev.convgeom.engine.CropRegion.decimal(extras.crop().start(axis)))
                        .value(dev.convgeom.engine.CropRegion.decimal(extras.crop().end(axis))).endArray();
            }
            json.endObject();
        }
        return extras.bilinear() || extras.cubic() != null || extras.rounding() == NearestRounding.ROUND_PREFER_FLOOR ? json
                : json.string("rounding", extras.rounding().name());
    }

    /**
     * The positions of its (first) input the layer's own units never read, per axis, whatever
     * other layers read: {@code {"count": 28, "of": 56, "positions": [[1, 55, 2]]}}.
     */
    private static void skipped(JsonWriter json, ReadCoverage reads, int layer) {
        json.name("skippedInput").beginObject();
        for (Axis axis : Axis.values()) {
            PositionSet set = reads.skipped(layer, axis);
            json.name(axis.units()).beginInlineObject()
                    .number("count", set.count())
                    .number("of", set.size());
            progressions(json.rawStart("positions"), set);
            json.endObject();
        }
        json.endObject();
    }

    /**
     * What no path to an output reads of a map: its units, how many of them are unread, that
     * fraction exactly, and the rows and columns of which no unit is read.
     */
    private static void unread(JsonWriter json, String name, ReadCoverage.MapReads map) {
        json.name(name).beginInlineObject()
                .number("units", map.units())
                .number("unreadUnits", map.unreadUnits())
                .string("fraction", map.unreadFraction().toString());
        progressions(json.rawStart("rows"), map.unreadRows());
        progressions(json.rawStart("columns"), map.unreadColumns());
        json.endObject();
    }

    /** {@code [[1, 55, 2], [60, 60, 1]]}: the set as runs {@code [first, last, step]}, appended to {@code b}. */
    private static void progressions(StringBuilder b, PositionSet set) {
        b.append('[');
        boolean first = true;
        for (PositionSet.Progression run : set.progressions()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append('[').append(run.first()).append(", ").append(run.last()).append(", ").append(run.step())
                    .append(']');
        }
        b.append(']');
    }

    /**
     * The uniform-weight effective field: standard deviation and central extents per axis, each the
     * largest over the phases; null when the field was too large to compute exactly.
     */
    private static void effectiveField(JsonWriter json, LayerField f) {
        if (f == null) {
            json.raw("effectiveField", "null");
            return;
        }
        json.name("effectiveField").beginInlineObject()
                .name("sigma").beginInlineObject()
                .raw("y", Double.toString(f.y().sigma()))
                .raw("x", Double.toString(f.x().sigma()))
                .endObject()
                .name("extent50").beginInlineObject()
                .number("height", f.y().extent50())
                .number("width", f.x().extent50())
                .endObject()
                .name("extent90").beginInlineObject()
                .number("height", f.y().extent90())
                .number("width", f.x().extent90())
                .endObject()
                .endObject();
    }

    /**
     * After upsampling, the field of unit u depends on its phase: unit {@code r + t * period} sees
     * {@code [lo[r] + t * shift, hi[r] + t * shift]}.
     */
    private static void phases(JsonWriter json, AxisState y, AxisState x) {
        json.name("fieldPhases").beginObject();
        AxisState[] axes = {y, x};
        for (int i = 0; i < axes.length; i++) {
            AxisState a = axes[i];
            json.name(i == 0 ? "y" : "x").beginInlineObject()
                    .number("period", a.period())
                    .number("shift", a.field().shift())
                    .numbers("lo", a.field().los())
                    .numbers("hi", a.field().his())
                    .endObject();
        }
        json.endObject();
    }

    /** The window as applied: kernel, stride, dilation, resolved padding, dropped border. */
    private static void window(JsonWriter json, ComputedLayer layer) {
        WindowStep sy = layer.stepY();
        WindowStep sx = layer.stepX();
        json.name("window").beginObject();
        json.name("kernel").beginInlineObject()
                .number("height", sy.window().kernel())
                .number("width", sx.window().kernel())
                .endObject();
        json.name("stride").beginInlineObject()
                .number("y", sy.window().stride())
                .number("x", sx.window().stride())
                .endObject();
        json.name("dilation").beginInlineObject()
                .number("y", sy.window().dilation())
                .number("x", sx.window().dilation())
                .endObject();
        json.name("padding").beginInlineObject()
                .number("top", sy.padBefore())
                .number("bottom", sy.padAfter())
                .number("left", sx.padBefore())
                .number("right", sx.padAfter())
                .endObject();
        json.bool("ceil", sy.window().rounding() == Rounding.CEIL);
        json.name("droppedBorder").beginInlineObject()
                .number("y", sy.droppedBorder())
                .number("x", sx.droppedBorder())
                .endObject();
        json.endObject();
    }
}
