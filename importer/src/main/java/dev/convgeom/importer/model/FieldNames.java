package dev.convgeom.importer.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns node and layer names into the field names of the generated class, by one deterministic
 * rule (the README's "Import a model" states it too):
 *
 * <ol>
 *   <li>Start from the layer's name in the model (ONNX: the node's name, or its first output's
 *       name when the node has none).</li>
 *   <li>Lower-case it (ASCII), and write every run of characters other than {@code a-z} and
 *       {@code 0-9} as one {@code _}; drop {@code _} at both ends.
 *       {@code /layer1/layer1.0/conv1/Conv} becomes {@code layer1_layer1_0_conv1_conv},
 *       {@code inception_3a/3x3} becomes {@code inception_3a_3x3}.</li>
 *   <li>An empty result, or one that starts with a digit, gets the operator (the same way
 *       lower-cased) in front: an unnamed {@code Conv} is {@code conv}, a node named {@code 123}
 *       is {@code conv_123}.</li>
 *   <li>A Java keyword or literal, and {@code input} (the DSL's name for the network input), get
 *       the operator after them: {@code input_conv}.</li>
 *   <li>A name already taken by an earlier layer gets {@code _2}, or the next number free.</li>
 * </ol>
 *
 * <p>Lower case keeps the generated constants apart: the processor writes {@code convBlock} and
 * {@code conv_block} both as {@code CONV_BLOCK}, but two different lower-case names never share a
 * constant.
 */
public final class FieldNames {

    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "non", "when", "module", "exports", "input");

    private FieldNames() {
    }

    /** The field name of every layer, in order: unique, valid Java identifiers. */
    public static List<String> of(List<ImportedLayer> layers) {
        List<String> names = new ArrayList<>(layers.size());
        Set<String> taken = new HashSet<>();
        for (ImportedLayer layer : layers) {
            String base = base(layer.source(), layer.op());
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }

    /** Steps 1 to 4 of the rule: the name before collisions are resolved. */
    static String base(String source, String op) {
        String name = clean(source);
        String operator = clean(op).isEmpty() ? "layer" : clean(op);
        if (name.isEmpty()) {
            return operator;
        }
        if (Character.isDigit(name.charAt(0))) {
            name = operator + "_" + name;
        }
        return RESERVED.contains(name) ? name + "_" + operator : name;
    }

    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean gap = false;
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && out.length() > 0) {
                    out.append('_');
                }
                out.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }
}
