package dev.convgeom.processor.validation;

import java.util.Locale;
import java.util.Map;

/** Layer names to the constant names of generated code: {@code conv5} to {@code CONV5}. */
public final class ConstantNames {

    /** The constant that generated code holds the network input in. */
    public static final String INPUT = "INPUT";

    /**
     * Names the generated class already uses for its own static fields, with what they hold (for
     * messages). A layer whose constant is one of them would make the generated class declare a
     * field twice, so it is refused at the layer. Every other field the generated class declares
     * has a lower-case name, which no layer constant can have (see {@code GeometryClassWriter}).
     */
    public static final Map<String, String> RESERVED = Map.of(INPUT, "the network input");

    private ConstantNames() {
    }

    /**
     * {@code conv1_1} to {@code CONV1_1}, {@code convBlock2} to {@code CONV_BLOCK2}: an underscore
     * goes before every capital that follows a lower-case letter or a digit.
     */
    public static String of(String layerName) {
        StringBuilder out = new StringBuilder(layerName.length() + 4);
        for (int i = 0; i < layerName.length(); i++) {
            char c = layerName.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                char before = layerName.charAt(i - 1);
                if (Character.isLowerCase(before) || Character.isDigit(before)) {
                    out.append('_');
                }
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
