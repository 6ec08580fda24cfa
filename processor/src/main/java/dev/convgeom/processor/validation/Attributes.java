package dev.convgeom.processor.validation;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Param;
import dev.convgeom.processor.model.ExplicitValues;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * The attribute names behind each declared parameter, per axis, most specific first: the
 * per-axis attribute ({@code kh}) wins over the square one ({@code k}) when both are written.
 */
final class Attributes {

    private Attributes() {
    }

    /** Candidate attribute names for {@code param} along {@code axis} (null: both axes). */
    static List<String> names(Param param, Axis axis) {
        return switch (param) {
            case KERNEL -> perAxis(axis, "kh", "kw", "k");
            case STRIDE -> perAxis(axis, "sh", "sw", "s");
            case PADDING -> perAxis(axis, "ph", "pw", "p", "padding");
            case DILATION -> perAxis(axis, "dh", "dw", "d");
            case IN -> List.of("in");
            case OUT -> List.of("out");
            case GROUPS -> List.of("groups");
            case FROM -> List.of("from");
            case LIKE -> List.of("like");
            case OFFSET -> perAxis(axis, "offsetY", "offsetX", "offset");
            case FACTOR -> perAxis(axis, "factorY", "factorX", "factor");
            case COORDINATES -> List.of("coordinates");
            case OUTPUT_PADDING -> List.of("outputPadding");
            case FIRST_CHANNEL -> List.of("first");
            case CHANNEL_COUNT -> List.of("count");
            case PAD_MODE -> List.of("mode");
            case NONE -> List.of();
            case ROUNDING -> List.of("rounding", "coordinates");
            case PAD_AFTER -> axis == null ? List.of("padBottom", "padRight")
                    : List.of(axis == Axis.Y ? "padBottom" : "padRight");
        };
    }

    private static List<String> perAxis(Axis axis, String y, String x, String... square) {
        if (axis == null) {
            return List.of(square);
        }
        String specific = axis == Axis.Y ? y : x;
        return square.length == 1 ? List.of(specific, square[0]) : List.of(specific, square[0], square[1]);
    }

    /** The written value to point at for {@code param}, if one was written. */
    static Optional<AnnotationValue> blame(ExplicitValues values, Param param, Axis axis) {
        for (String name : names(param, axis)) {
            Optional<AnnotationValue> value = values.value(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /**
     * The written value to point at for a problem: with an {@code element} index (from 0), that
     * element of the array attribute ({@code "b"} in {@code from = {"a", "b"}}); without one
     * (-1), the whole attribute. An index beyond the written array (a defaulted or shorter
     * one) falls back to the whole attribute, or to the annotation when none was written.
     */
    static Optional<AnnotationValue> blame(ExplicitValues values, Param param, int element, Axis axis) {
        Optional<AnnotationValue> whole = blame(values, param, axis);
        int index = element;
        if (index < 0 || whole.isEmpty() || !(whole.get().getValue() instanceof List<?> items)
                || index >= items.size() || !(items.get(index) instanceof AnnotationValue value)) {
            return whole;
        }
        return Optional.of(value);
    }

    /** The name of the attribute that set {@code param} along {@code axis}, for messages. */
    static String writtenName(ExplicitValues values, Param param, Axis axis) {
        for (String name : names(param, axis)) {
            if (values.has(name)) {
                return name;
            }
        }
        List<String> names = names(param, axis);
        return names.isEmpty() ? "" : names.get(0);
    }
}
