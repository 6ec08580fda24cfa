package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.engine.CubicKernel;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.PadMode;
import dev.convgeom.processor.model.ArrayElement;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.lang.model.element.AnnotationValue;

/**
 * Checks the layers without a kernel that graphs add (upsampling, zero padding, crops, merges,
 * global pooling) one annotation at a time, and turns each into the engine's {@link LayerSpec}.
 * Whether their inputs fit together (equal sizes, alignment) is the engine's to say.
 */
final class GraphLayerValidator {

    private static final List<String> PAD_SIDES = List.of("top", "bottom", "left", "right");

    private final Reporter reporter;

    GraphLayerValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The layer's spec, its inputs not yet applied (the caller does that for every kind), or empty
     * when it has an error: {@code ok} says whether the checks common to all layers passed.
     */
    Optional<LayerSpec> validate(LayerDeclaration layer, LayerInputs inputs, boolean ok) {
        return switch (layer.kind().role()) {
            case UPSAMPLING -> upsample(layer, ok);
            case PAD -> pad(layer) && ok ? Optional.of(padSpec(layer)) : Optional.empty();
            case CROP -> crop(layer, inputs, ok);
            case MERGE -> ok ? Optional.of(plain(layer, LayerSpec.Extras.NONE
                    .withAllowMisaligned(layer.values().bool("allowMisaligned").orElse(false))))
                    : Optional.empty();
            case GLOBAL_POOLING -> ok ? Optional.of(plain(layer, LayerSpec.Extras.NONE)) : Optional.empty();
            default -> throw new IllegalArgumentException(layer.kind() + " has a kernel: see LayerValidator");
        };
    }

    /**
     * Per-axis factors fall back to {@code factor}; an axis with neither is reported, as is a
     * rounding written for a mode other than nearest (it chooses the unit nearest copies). Pers
     * fall back to {@code per}, then 1; a per above its factor shrinks.
     * {@link LayerValidator} checks that the written ones are positive.
     */
    private Optional<LayerSpec> upsample(LayerDeclaration layer, boolean ok) {
        ExplicitValues v = layer.values();
        Optional<Integer> factorX = v.integer("factorX").or(() -> v.integer("factor"));
        Optional<Integer> factorY = v.integer("factorY").or(() -> v.integer("factor"));
        if (factorX.isEmpty() || factorY.isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (factorX.isEmpty()) {
                missing.add("factorX");
            }
            if (factorY.isEmpty()) {
                missing.add("factorY");
            }
            reporter.report(Message.MISSING_FACTOR, layer.field(), v.mirror(), null, layer.name(),
                    String.join(" and ", missing));
            return Optional.empty();
        }
        boolean bilinear = v.enumConstant("mode").orElse("NEAREST").equals("BILINEAR");
        long[] pers = new long[2];
        String[][] names = {{"perX", "factorX"}, {"perY", "factorY"}};
        for (int i = 0; i < 2; i++) {
            String perName = v.integer(names[i][0]).isPresent() ? names[i][0] : "per";
            int per = v.integer(perName).orElse(1);
            int factor = (i == 0 ? factorX : factorY).get();
            pers[i] = per;
            if (per < 1 || factor < 1) {
                return Optional.empty(); // LayerValidator reports it
            }
        }
        String coordinates = v.enumConstant("coordinates").orElse("HALF_PIXEL");
        Optional<String> rounding = v.enumConstant("rounding");
        String mode = v.enumConstant("mode").orElse("NEAREST");
        if (rounding.isPresent() && !mode.equals("NEAREST")) {
            reporter.report(Message.ROUNDING_NOT_NEAREST, layer.field(), v.mirror(),
                    v.value("rounding").orElseThrow(), layer.name(), rounding.get(), mode);
            return Optional.empty();
        }
        boolean kernelWritten = !mode.equals("CUBIC") && cubicOptionsWritten(layer, mode);
        Optional<CubicKernel> cubic = mode.equals("CUBIC") ? cubic(layer) : Optional.empty();
        Optional<Optional<CropRegion>> crop = new CropRegions(reporter).read(layer, coordinates);
        if (!ok || kernelWritten || mode.equals("CUBIC") && cubic.isEmpty() || crop.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LayerSpec(layer.name(), layer.kind(), List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, LayerSpec.Extras.NONE.withFactors(factorX.get(), factorY.get(), bilinear)
                        .withPers(pers[0], pers[1]).withCoordinates(Coordinates.valueOf(coordinates))
                        .withRounding(NearestRounding.valueOf(rounding.orElse("ROUND_PREFER_FLOOR")))
                        .withCubic(cubic.orElse(null)).withCrop(crop.get().orElse(null))));
    }

    /** Whether a cubic kernel's attributes are written on an upsampling of another mode (each reported). */
    private boolean cubicOptionsWritten(LayerDeclaration layer, String mode) {
        ExplicitValues v = layer.values();
        boolean written = false;
        for (String option : List.of("cubicCoefficient", "excludeOutside")) {
            Optional<AnnotationValue> value = v.value(option);
            if (value.isPresent()) {
                reporter.report(Message.CUBIC_OPTION_NOT_CUBIC, layer.field(), v.mirror(), value.get(), layer.name(),
                        option, mode, option);
                written = true;
            }
        }
        return written;
    }

    /**
     * A {@code CUBIC} upsampling's kernel, empty for a coefficient {@link CubicKernel#accepts}
     * refuses (reported at the coefficient, with the nearest one it takes).
     */
    private Optional<CubicKernel> cubic(LayerDeclaration layer) {
        ExplicitValues v = layer.values();
        Optional<AnnotationValue> written = v.value("cubicCoefficient");
        double a = written.map(value -> ((Number) value.getValue()).doubleValue()).orElse(-0.75);
        if (!CubicKernel.accepts(a)) {
            double nearest = Double.isNaN(a) ? -0.75 : Math.max(-2, Math.min(0, Math.rint(a * CubicKernel.COEFFICIENT_DENOMINATOR)
                    / CubicKernel.COEFFICIENT_DENOMINATOR));
            reporter.report(Message.CUBIC_COEFFICIENT, layer.field(), v.mirror(), written.orElseThrow(), layer.name(),
                    a, nearest);
            return Optional.empty();
        }
        return Optional.of(CubicKernel.of(a, v.bool("excludeOutside").orElse(false)));
    }

    /** Every side at least 0: to remove rows and columns, crop instead. */
    private boolean pad(LayerDeclaration layer) {
        ExplicitValues v = layer.values();
        boolean ok = true;
        for (String side : PAD_SIDES) {
            Optional<Integer> value = v.integer(side);
            if (value.isPresent() && value.get() < 0) {
                reporter.report(Message.NEGATIVE_PADDING, layer.field(), v.mirror(), v.value(side).orElseThrow(),
                        layer.name(), side, value.get());
                ok = false;
            }
        }
        return ok;
    }

    private static LayerSpec padSpec(LayerDeclaration layer) {
        ExplicitValues v = layer.values();
        return LayerSpec.pad(layer.name(), v.integer("top").orElse(0), v.integer("bottom").orElse(0),
                v.integer("left").orElse(0), v.integer("right").orElse(0),
                PadMode.valueOf(v.enumConstant("mode").orElse("CONSTANT")));
    }

    /**
     * A crop of its one input to the size of {@code like}, per axis at the written
     * {@code offsetX}/{@code offsetY}, else at the one {@code offset} for both axes, else at the
     * offset the engine computes. {@code offset = {}} is what leaving it out means, so it is taken
     * as such. A two-valued {@code offset} is refused rather than read in some axis order: the
     * error names the {@code offsetX} and {@code offsetY} to write.
     */
    private Optional<LayerSpec> crop(LayerDeclaration layer, LayerInputs inputs, boolean ok) {
        ExplicitValues v = layer.values();
        List<ArrayElement<Integer>> offset = v.integers("offset").orElse(List.of());
        if (offset.size() == 2) {
            int y = offset.get(0).value();
            int x = offset.get(1).value();
            reporter.report(Message.CROP_OFFSET_PAIR, layer.field(), v.mirror(), v.value("offset").orElseThrow(),
                    layer.name(), y, x, x, y);
            ok = false;
        } else if (offset.size() > 2) {
            reporter.report(Message.CROP_OFFSET_COUNT, layer.field(), v.mirror(), offset.get(1).source(),
                    layer.name(), offset.size());
            ok = false;
        }
        for (ArrayElement<Integer> value : offset) {
            ok &= nonNegative(layer, "offset", value.value(), value.source());
        }
        for (String name : List.of("offsetX", "offsetY")) {
            Optional<Integer> value = v.integer(name);
            if (value.isPresent()) {
                ok &= nonNegative(layer, name, value.get(), v.value(name).orElseThrow());
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        OptionalLong both = offset.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offset.get(0).value());
        OptionalLong x = v.integer("offsetX").map(o -> OptionalLong.of(o)).orElse(both);
        OptionalLong y = v.integer("offsetY").map(o -> OptionalLong.of(o)).orElse(both);
        return Optional.of(plain(layer, LayerSpec.Extras.NONE.withLike(inputs.like(), y, x)
                .withAllowMisaligned(v.bool("allowMisaligned").orElse(false))));
    }

    private boolean nonNegative(LayerDeclaration layer, String name, int value, AnnotationValue source) {
        if (value >= 0) {
            return true;
        }
        reporter.report(Message.NEGATIVE_OFFSET, layer.field(), layer.values().mirror(), source, layer.name(), name, value);
        return false;
    }

    /** A layer without windows or declared channels. */
    private static LayerSpec plain(LayerDeclaration layer, LayerSpec.Extras extras) {
        return new LayerSpec(layer.name(), layer.kind(), List.of(), null, null, OptionalLong.empty(),
                OptionalLong.empty(), 1, extras);
    }
}
