package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Param;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks one layer annotation on its own (positive kernels and strides, sane padding, a kernel
 * given at all) and turns it into the engine's {@link LayerSpec}, resolving what was not written:
 * per-axis values fall back to the square ones, then to the defaults. The checks of the layers
 * only graphs use live in {@link DeconvChecks} and {@link GraphLayerValidator}.
 */
final class LayerValidator {

    /** Attributes that must be at least 1 when written, with what they are, for messages. */
    private static final Map<String, String> POSITIVE = Map.ofEntries(
            Map.entry("k", "a kernel size"), Map.entry("kh", "a kernel size"), Map.entry("kw", "a kernel size"),
            Map.entry("s", "a stride"), Map.entry("sh", "a stride"), Map.entry("sw", "a stride"),
            Map.entry("d", "a dilation"), Map.entry("dh", "a dilation"), Map.entry("dw", "a dilation"),
            Map.entry("groups", "groups"), Map.entry("out", "out (the number of outputs)"),
            Map.entry("in", "in (the expected number of inputs)"), Map.entry("factor", "an upsampling factor"),
            Map.entry("count", "count (the number of channels selected)"),
            Map.entry("factorX", "an upsampling factor"), Map.entry("factorY", "an upsampling factor"),
            Map.entry("per", "an upsampling factor's per"), Map.entry("perX", "an upsampling factor's per"),
            Map.entry("perY", "an upsampling factor's per"));

    private static final List<String> PADDINGS = List.of("p", "ph", "pw", "padBottom", "padRight");

    private final Reporter reporter;
    private final GraphLayerValidator graphLayers;

    LayerValidator(Reporter reporter) {
        this.reporter = reporter;
        this.graphLayers = new GraphLayerValidator(reporter);
    }

    /**
     * The layer as the engine sees it, reading {@code inputs}, or empty when it has an error
     * (already reported) or misses a required attribute (javac reports that).
     */
    Optional<LayerSpec> validate(LayerDeclaration layer, LayerInputs inputs) {
        ExplicitValues v = layer.values();
        boolean ok = checkPositive(layer) & checkPadding(layer);
        Optional<LayerSpec> spec = PixelShuffleChecks.handles(layer.kind()) ? PixelShuffleChecks.spec(layer, ok)
                : switch (layer.kind().role()) {
            case POINTWISE -> ChannelChecks.handles(layer.kind()) ? ChannelChecks.spec(reporter, layer, ok)
                    : Optional.of(LayerSpec.pointwise(layer.name(), layer.kind()));
            case CONTEXT -> Optional.of(LayerSpec.pointwise(layer.name(), layer.kind()));
            case FULLY_CONNECTED -> ok && v.integer("out").isPresent()
                    ? Optional.of(new LayerSpec(layer.name(), layer.kind(), null, null,
                            OptionalLong.of(v.integer("out").get()), optional(v, "in"), 1))
                    : Optional.empty();
            case CONVOLUTION, POOLING, DECONVOLUTION -> ok ? window(layer) : Optional.empty();
            case UPSAMPLING, PAD, CROP, MERGE, GLOBAL_POOLING -> graphLayers.validate(layer, inputs, ok);
        };
        // A layer without from keeps an empty input list, so a chain's specs are what they were.
        return inputs.from().isEmpty() ? spec : spec.map(s -> s.from(inputs.from().toArray(Integer[]::new)));
    }

    private boolean checkPositive(LayerDeclaration layer) {
        boolean ok = true;
        ExplicitValues v = layer.values();
        for (String attribute : v.writtenNames()) {
            // An unshuffle's factor divides the map: "an upsampling factor" would be wrong there.
            String what = layer.kind() == LayerKind.PIXEL_UNSHUFFLE && attribute.equals("factor")
                    ? "a downscale factor" : POSITIVE.get(attribute);
            Optional<Integer> value = v.integer(attribute);
            if (what != null && value.isPresent() && value.get() < 1) {
                reporter.report(Message.NOT_POSITIVE, layer.field(), v.mirror(), v.value(attribute).orElseThrow(),
                        layer.name(), attribute, value.get(), what);
                ok = false;
            }
        }
        return ok;
    }

    private boolean checkPadding(LayerDeclaration layer) {
        boolean ok = true;
        ExplicitValues v = layer.values();
        String mode = v.enumConstant("padding").orElse("EXPLICIT");
        for (String attribute : PADDINGS) {
            Optional<Integer> value = v.integer(attribute);
            if (value.isEmpty()) {
                continue;
            }
            if (!mode.equals("EXPLICIT")) {
                reporter.report(Message.PADDING_CONFLICT, layer.field(), v.mirror(), v.value(attribute).orElseThrow(),
                        layer.name(), mode, attribute, value.get(), attribute);
                ok = false;
            } else if (value.get() < 0) {
                reporter.report(Message.NEGATIVE_PADDING, layer.field(), v.mirror(), v.value(attribute).orElseThrow(),
                        layer.name(), attribute, value.get());
                ok = false;
            }
        }
        return ok;
    }

    private Optional<LayerSpec> window(LayerDeclaration layer) {
        ExplicitValues v = layer.values();
        Optional<Integer> kh = v.integer("kh").or(() -> v.integer("k"));
        Optional<Integer> kw = v.integer("kw").or(() -> v.integer("k"));
        if (kh.isEmpty() || kw.isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (kh.isEmpty()) {
                missing.add("kh");
            }
            if (kw.isEmpty()) {
                missing.add("kw");
            }
            reporter.report(Message.MISSING_KERNEL, layer.field(), v.mirror(), null,
                    layer.name(), layer.kind().displayName(), String.join(" and ", missing));
            return Optional.empty();
        }
        Window y = axisWindow(layer, Axis.Y, kh.get());
        Window x = axisWindow(layer, Axis.X, kw.get());
        if (layer.kind().role() == LayerKind.Role.POOLING && !checkPoolPadding(layer, y, x)) {
            return Optional.empty();
        }
        boolean deconv = layer.kind().role() == LayerKind.Role.DECONVOLUTION;
        if (deconv && !DeconvChecks.check(reporter, layer, y, x)) {
            return Optional.empty();
        }
        boolean conv = layer.kind().role() == LayerKind.Role.CONVOLUTION || deconv;
        LayerSpec spec = new LayerSpec(layer.name(), layer.kind(), y, x,
                conv ? optional(v, "out") : OptionalLong.empty(),
                conv ? optional(v, "in") : OptionalLong.empty(),
                v.integer("groups").orElse(1));
        if (deconv) {
            spec = new LayerSpec(spec.name(), spec.kind(), spec.inputs(), y, x, spec.out(), spec.in(), spec.groups(),
                    LayerSpec.Extras.NONE.withOutputPadding(v.integer("outputPadding").orElse(0)));
        }
        return Optional.of(spec);
    }

    /**
     * One axis's window. A transposed convolution declares no padding mode or rounding, so its
     * window is {@code Window(k, s, d, p, padBottom or padRight, EXPLICIT, FLOOR)}, as the engine
     * expects; no other annotation has {@code padBottom} or {@code padRight}.
     */
    private static Window axisWindow(LayerDeclaration layer, Axis axis, int kernel) {
        ExplicitValues v = layer.values();
        boolean pooling = layer.kind().role() == LayerKind.Role.POOLING;
        String suffix = axis == Axis.Y ? "h" : "w";
        int stride = v.integer("s" + suffix).or(() -> v.integer("s")).orElse(pooling ? kernel : 1);
        int pad = v.integer("p" + suffix).or(() -> v.integer("p")).orElse(0);
        // A transposed convolution may remove more or less below (on the right) than above (on the left).
        int padAfter = v.integer(axis == Axis.Y ? "padBottom" : "padRight").orElse(pad);
        int dilation = v.integer("d" + suffix).or(() -> v.integer("d")).orElse(1);
        PaddingMode mode = PaddingMode.valueOf(v.enumConstant("padding").orElse("EXPLICIT"));
        Rounding rounding = v.bool("ceil").orElse(false) ? Rounding.CEIL : Rounding.FLOOR;
        return new Window(kernel, stride, dilation, pad, padAfter, mode, rounding);
    }

    /**
     * A pooling window must see some input: padding at most half the window. Reported once per
     * written attribute ({@code p = 5} too large on both axes is one mistake).
     */
    private boolean checkPoolPadding(LayerDeclaration layer, Window y, Window x) {
        ExplicitValues v = layer.values();
        String blamedY = null;
        boolean ok = true;
        for (Axis axis : Axis.values()) {
            Window window = axis == Axis.Y ? y : x;
            long limit = window.dilatedKernel() / 2;
            if (window.padBefore() <= limit) {
                continue;
            }
            ok = false;
            String attribute = Attributes.writtenName(v, Param.PADDING, axis);
            if (attribute.equals(blamedY)) {
                continue;
            }
            blamedY = attribute;
            reporter.report(Message.POOL_PADDING_TOO_LARGE, layer.field(), v.mirror(), v.value(attribute).orElse(null),
                    layer.name(), attribute, window.padBefore(), axis.extent(), window.dilatedKernel(), attribute, limit);
        }
        return ok;
    }

    private static OptionalLong optional(ExplicitValues values, String name) {
        return values.integer(name).map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
