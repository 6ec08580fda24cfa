package dev.convgeom.processor.validation;

import dev.convgeom.Ratio;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.processor.model.ArrayElement;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * Reads an {@code @Upsample}'s {@code roiX} and {@code roiY}, the region a
 * {@code CROP_AND_RESIZE} upsampling stretches over its output, and reports each mistake at the
 * value written: a region under other coordinates, a region of other than two bounds, a bound
 * outside {@code [0, 1]} or no multiple of {@code 1 / 2^32} ({@link CropRegion#accepts}), a start
 * not before its end.
 */
final class CropRegions {

    private static final List<String> NAMES = List.of("roiX", "roiY");

    private final Reporter reporter;

    CropRegions(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The region written on {@code layer} (null: none written, the whole map), or empty when a
     * mistake was reported.
     */
    Optional<Optional<CropRegion>> read(LayerDeclaration layer, String coordinates) {
        ExplicitValues v = layer.values();
        boolean ok = true;
        if (!coordinates.equals("CROP_AND_RESIZE")) {
            for (String name : NAMES) {
                Optional<AnnotationValue> written = v.value(name);
                if (written.isPresent()) {
                    reporter.report(Message.ROI_NOT_CROP_AND_RESIZE, layer.field(), v.mirror(), written.get(),
                            layer.name(), name, coordinates, name);
                    ok = false;
                }
            }
            return ok ? Optional.of(Optional.empty()) : Optional.empty();
        }
        Ratio[][] bounds = new Ratio[2][];
        boolean any = false;
        for (int i = 0; i < 2; i++) {
            String name = NAMES.get(i);
            Optional<List<ArrayElement<Double>>> written = v.doubles(name);
            if (written.isEmpty()) {
                bounds[i] = new Ratio[] {Ratio.of(0), Ratio.of(1)};
                continue;
            }
            any = true;
            bounds[i] = axis(layer, name, written.get());
            ok &= bounds[i] != null;
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(any ? Optional.of(new CropRegion(bounds[0][0], bounds[0][1], bounds[1][0], bounds[1][1]))
                : Optional.empty());
    }

    /** One axis's {@code {start, end}} as exact fractions, or null after reporting why not. */
    private Ratio[] axis(LayerDeclaration layer, String name, List<ArrayElement<Double>> bounds) {
        ExplicitValues v = layer.values();
        AnnotationValue whole = v.value(name).orElseThrow();
        String written = text(bounds);
        if (bounds.size() != 2) {
            reporter.report(Message.CROP_REGION, layer.field(), v.mirror(), whole, layer.name(), name, written,
                    "a region has a start and an end, 2 values, not " + bounds.size());
            return null;
        }
        for (ArrayElement<Double> bound : bounds) {
            double value = bound.value();
            if (!(value >= 0 && value <= 1)) {
                reporter.report(Message.CROP_REGION, layer.field(), v.mirror(), bound.source(), layer.name(), name,
                        written, value + " lies outside [0, 1]: a sample beyond the map takes ONNX's"
                                + " extrapolation_value and reads no unit, which no field states");
                return null;
            }
            if (!CropRegion.accepts(value)) {
                reporter.report(Message.CROP_REGION, layer.field(), v.mirror(), bound.source(), layer.name(), name,
                        written, value + " is no multiple of 1/2^32: as a double it is "
                                + new BigDecimal(value).toPlainString() + ", not the decimal written");
                return null;
            }
        }
        Ratio start = CropRegion.exact(bounds.get(0).value());
        Ratio end = CropRegion.exact(bounds.get(1).value());
        if (start.compareTo(end) >= 0) {
            reporter.report(Message.CROP_REGION, layer.field(), v.mirror(), whole, layer.name(), name, written,
                    "the start does not lie before the end (a flipped region reads the input backwards, an empty"
                            + " one puts every unit on one position; neither has fields that move forwards)");
            return null;
        }
        return new Ratio[] {start, end};
    }

    private static String text(List<ArrayElement<Double>> bounds) {
        StringBuilder s = new StringBuilder("{");
        for (ArrayElement<Double> bound : bounds) {
            s.append(s.length() > 1 ? ", " : "").append(bound.value());
        }
        return s.append('}').toString();
    }
}
