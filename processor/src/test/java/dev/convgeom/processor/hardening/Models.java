package dev.convgeom.processor.hardening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model sources as the fuzzer writes them: drafts (what jqwik generates and shrinks) and their
 * rendering into compilation units, one layer per line, with the lines each model and each layer
 * occupies, so that a diagnostic's position can be checked against what it is about.
 */
final class Models {

    private Models() {
    }

    /** A reference to another layer of the model in a draft's attribute value: see {@link #annotations}. */
    static final Pattern REF = Pattern.compile("@REF:(-?\\d+)@");

    static final Set<String> GRAPH_LAYERS = Set.of("Concat", "Add", "Crop", "Deconv", "Upsample", "Pad",
            "GlobalAvgPool");

    /** {@code @REF:n@}: the layer {@code n} places before the one it is written on. */
    static String ref(int back) {
        return "@REF:" + back + "@";
    }

    /** Where and how a model is declared. */
    enum Shape {
        CLASS, FINAL_CLASS, ABSTRACT_CLASS, GENERIC_CLASS, INTERFACE, ENUM, RECORD, ANNOTATION,
        NESTED_STATIC, INNER, INNER_OF_GENERIC, DEEP_NESTED, NESTED_IN_INTERFACE, NESTED_ENUM, NESTED_RECORD,
        /** A class declared in a method body: processors never see it. */
        LOCAL,
        /** Layer annotations on the fields of an anonymous class: processors never see them. */
        ANONYMOUS;

        boolean topLevel() {
            return ordinal() <= ANNOTATION.ordinal();
        }

        /** Whether the processor can see this type (annotation types are seen, and refused). */
        boolean visible() {
            return this != LOCAL && this != ANONYMOUS && this != ANNOTATION;
        }

        Kind kind() {
            return switch (this) {
                case INTERFACE -> Kind.INTERFACE;
                case ENUM, NESTED_ENUM -> Kind.ENUM;
                case RECORD, NESTED_RECORD -> Kind.RECORD;
                case ANNOTATION -> Kind.ANNOTATION;
                default -> Kind.CLASS;
            };
        }
    }

    /** What a type body may hold. */
    enum Kind { CLASS, INTERFACE, ENUM, RECORD, ANNOTATION }

    /** Where a layer annotation is written. */
    enum Placement { FIELD, STATIC_FIELD, METHOD, PARAMETER, LOCAL, ANONYMOUS }

    /** {@code name = value}, or a bare value when name is null. */
    record Attr(String name, String value) {
        String render() {
            return name == null ? value : name + " = " + value;
        }
    }

    /** An annotation: {@code @Conv(out = 8, k = 3)}. */
    record Annot(String type, List<Attr> attrs) {
        Annot {
            attrs = List.copyOf(attrs);
        }

        String render() {
            if (attrs.isEmpty()) {
                return "@" + type;
            }
            List<String> parts = new ArrayList<>();
            for (Attr a : attrs) {
                parts.add(a.render());
            }
            return "@" + type + "(" + String.join(", ", parts) + ")";
        }
    }

    /**
     * A name as written in the source and as the compiler reads it: a Unicode escape in the source
     * is one character in the name, an identifier-ignorable character (NUL, zero-width space) none.
     */
    record Name(String source, String decoded) {
        /** javac drops identifier-ignorable characters (U+0000, U+200B, ...) from names. */
        Name {
            decoded = decoded.codePoints().filter(c -> !Character.isIdentifierIgnorable(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }

        static Name plain(String name) {
            return new Name(name, name);
        }
    }

    /**
     * One layer: its annotations (usually one), where they are written, the field's type.
     *
     * @param name null for a generated name
     */
    record LayerDraft(Name name, List<Annot> annots, Placement placement, String type) {
        LayerDraft {
            annots = List.copyOf(annots);
        }
    }

    /**
     * A model. {@code network} null: the type carries no {@code @Network} (its layer annotations
     * are then outside a network).
     */
    record ModelDraft(Shape shape, String pkg, String name, String host, Annot network, List<LayerDraft> layers,
                      String k) {
        ModelDraft {
            layers = List.copyOf(layers);
        }

        ModelDraft withNames(String newPkg, String newName, String newHost) {
            return new ModelDraft(shape, newPkg, newName, newHost, network, layers, k);
        }

        /** Whether it uses the graph DSL: a graph layer, or a {@code from} on any layer. */
        boolean graph() {
            return layers.stream().flatMap(l -> l.annots().stream()).anyMatch(a ->
                    GRAPH_LAYERS.contains(a.type()) || a.attrs().stream().anyMatch(x -> "from".equals(x.name())));
        }

        /** The top-level type of its file. */
        String topName() {
            return shape.topLevel() ? name : host;
        }

        @Override
        public String toString() {
            return shape + " " + (pkg.isEmpty() ? "" : pkg + ".") + topName() + " (" + layers.size() + " layers)";
        }
    }

    /** A rendered model: where it is and what the processor should generate for it. */
    record Model(ModelDraft draft, String unitName, int firstLine, int lastLine, Map<String, Set<Integer>> layerLines,
                 String binaryName, String generatedName, Map<Integer, Integer> annotationEnds) {

        /**
         * Whether a diagnostic at {@code line}, {@code column} (from 1) is inside the {@code @Network}
         * or the layer annotations that begin a line of this model (not in a field type or name).
         */
        boolean inAnnotations(long line, long column) {
            Integer end = annotationEnds.get((int) line);
            return end != null && column >= 1 && column <= end;
        }

        /** Whether the processor sees this model as a network it should generate. */
        boolean visible() {
            return draft.shape().visible() && draft.network() != null;
        }

        boolean contains(int line) {
            return line >= firstLine && line <= lastLine;
        }

        String qualifiedType() {
            return binaryName.replace('$', '.');
        }
    }

    /** A compilation unit: its qualified top-level name, its text and the model it declares. */
    record Unit(String qualifiedName, String text, Model model) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("// ").append(qualifiedName).append('\n');
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                b.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
            }
            return b.toString();
        }
    }

    /**
     * Renders a batch of drafts into units: top-level names made unique per package, then the
     * placeholders {@code @OTHER@} (another unit's top-level type, for its constant {@code K}),
     * {@code @OTHERTYPE@} (another model's type) and {@code @OTHERGEOM@} (another model's generated
     * class) resolved to the next model of the batch.
     */
    static List<Unit> render(List<ModelDraft> drafts) {
        List<ModelDraft> named = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ModelDraft d : drafts) {
            String top = d.topName();
            String candidate = top;
            for (int i = 2; !taken.add(d.pkg() + "." + candidate.toLowerCase(Locale.ROOT)); i++) {
                candidate = top + i;    // also case-insensitively: file systems may fold case
            }
            named.add(d.shape().topLevel() ? d.withNames(d.pkg(), candidate, d.host())
                    : d.withNames(d.pkg(), d.name(), candidate));
        }
        List<Unit> units = new ArrayList<>();
        for (ModelDraft d : named) {
            units.add(render(d));
        }
        List<Unit> resolved = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            Model other = units.size() > 1 ? units.get((i + 1) % units.size()).model() : null;
            java.util.function.UnaryOperator<String> names = t -> t
                    .replace("@OTHER@", other == null ? "Nope"
                            : qualified(other.draft().pkg(), other.draft().topName()))
                    .replace("@OTHERTYPE@", other == null ? "Nope" : other.qualifiedType())
                    .replace("@OTHERGEOM@", other == null ? "NopeGeometry" : other.generatedName());
            // The names change the lengths of lines: where a line's annotations end moves with them.
            String[] lines = u.text().split("\n", -1);
            Map<Integer, Integer> ends = new HashMap<>();
            u.model().annotationEnds().forEach((line, end) ->
                    ends.put(line, names.apply(lines[line - 1].substring(0, end)).length()));
            Model m = u.model();
            Model moved = new Model(m.draft(), m.unitName(), m.firstLine(), m.lastLine(), m.layerLines(),
                    m.binaryName(), m.generatedName(), Map.copyOf(ends));
            resolved.add(new Unit(u.qualifiedName(), names.apply(u.text()), moved));
        }
        return resolved;
    }

    static String qualified(String pkg, String simple) {
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    private static Unit render(ModelDraft d) {
        Lines out = new Lines();
        if (!d.pkg().isEmpty()) {
            out.add("package " + d.pkg() + ";");
        }
        out.add("import dev.convgeom.*;");
        out.add("");
        int first;
        int last;
        Map<String, Set<Integer>> layerLines = new LinkedHashMap<>();
        String binary;
        String generated;
        Shape shape = d.shape();
        if (shape.topLevel()) {
            first = out.next();
            model(out, d, "", "public", layerLines);
            last = out.next() - 1;
            binary = qualified(d.pkg(), d.name());
            generated = qualified(d.pkg(), d.name() + "Geometry");
        } else {
            boolean generic = shape == Shape.INNER_OF_GENERIC;
            String hostKind = shape == Shape.NESTED_IN_INTERFACE ? "interface" : "class";
            out.add("public " + hostKind + " " + d.host() + (generic ? "<T extends Number>" : "") + " {");
            out.add("    " + (shape == Shape.NESTED_IN_INTERFACE ? "" : "static final ") + "int K = " + d.k() + ";");
            String indent = "    ";
            String outer = d.host();
            switch (shape) {
                case DEEP_NESTED -> {
                    out.add("    static class Mid {");
                    indent = "        ";
                    outer = d.host() + "$Mid";
                }
                case LOCAL -> {
                    out.add("    void method() {");
                    indent = "        ";
                }
                default -> {
                }
            }
            first = out.next();
            if (shape == Shape.ANONYMOUS) {
                out.add(indent + "Object anonymous = new Object() {");
                for (int i = 0; i < d.layers().size(); i++) {
                    layer(out, indent + "    ", Kind.CLASS, d, i, layerLines);
                }
                out.add(indent + "};");
            } else {
                String modifiers = switch (shape) {
                    case NESTED_STATIC, DEEP_NESTED -> "static";
                    default -> "";
                };
                model(out, d, indent, modifiers, layerLines);
            }
            last = out.next() - 1;
            if (shape == Shape.DEEP_NESTED || shape == Shape.LOCAL) {
                out.add("    }");
            }
            out.add("}");
            binary = qualified(d.pkg(), outer + "$" + d.name());
            generated = qualified(d.pkg(), outer.replace('$', '_') + "_" + d.name() + "Geometry");
        }
        String unitName = qualified(d.pkg(), d.topName());
        Model model = new Model(d, unitName, first, last, layerLines, binary, generated, out.annotationEnds());
        return new Unit(unitName, out.text(), model);
    }

    /** The model type itself, its annotation first. */
    private static void model(Lines out, ModelDraft d, String indent, String modifiers,
                              Map<String, Set<Integer>> layerLines) {
        if (d.network() != null) {
            out.addAnnotated(indent, d.network().render(), "");
        }
        String prefix = indent + (modifiers.isEmpty() ? "" : modifiers + " ");
        Kind kind = d.shape().kind();
        String k = "static final int K = " + d.k() + ";";
        List<Integer> components = new ArrayList<>();
        List<Integer> body = new ArrayList<>();
        for (int i = 0; i < d.layers().size(); i++) {
            boolean header = d.layers().get(i).placement() == Placement.FIELD
                    && (kind == Kind.RECORD || kind == Kind.ENUM);
            (header ? components : body).add(i);
        }
        switch (kind) {
            case CLASS -> {
                String mods = switch (d.shape()) {
                    case FINAL_CLASS -> "final ";
                    case ABSTRACT_CLASS -> "abstract ";
                    default -> "";
                };
                boolean generic = d.shape() == Shape.GENERIC_CLASS;
                out.add(prefix + mods + "class " + d.name() + (generic ? "<T extends Number>" : "") + " {");
                if (d.shape() != Shape.LOCAL) {
                    out.add(indent + "    " + k);
                }
            }
            case INTERFACE -> {
                out.add(prefix + "interface " + d.name() + " {");
                out.add(indent + "    int K = " + d.k() + ";");
            }
            case ANNOTATION -> {
                out.add(prefix + "@interface " + d.name() + " {");
                out.add(indent + "    int K = " + d.k() + ";");
            }
            case ENUM -> {
                out.add(prefix + "enum " + d.name() + " {");
                for (int i = 0; i < components.size(); i++) {
                    LayerDraft l = d.layers().get(components.get(i));
                    String name = layerName(l, components.get(i), true);
                    record(layerLines, l, name, out.next());
                    out.addAnnotated(indent + "    ", annotations(l, d, components.get(i)), name
                            + (i == components.size() - 1 ? ";" : ","));
                }
                if (components.isEmpty()) {
                    out.add(indent + "    ;");
                }
                out.add(indent + "    " + k);
            }
            case RECORD -> {
                out.add(prefix + "record " + d.name() + "(");
                for (int i = 0; i < components.size(); i++) {
                    LayerDraft l = d.layers().get(components.get(i));
                    String name = layerName(l, components.get(i), false);
                    record(layerLines, l, name, out.next());
                    out.addAnnotated(indent + "        ", annotations(l, d, components.get(i)), type(l) + " " + name
                            + (i == components.size() - 1 ? "" : ","));
                }
                out.add(indent + ") {");
                out.add(indent + "    " + k);
            }
            default -> throw new AssertionError(kind);
        }
        for (int i : body) {
            layer(out, indent + "    ", kind, d, i, layerLines);
        }
        out.add(indent + "}");
    }

    /** One layer on one line. */
    private static void layer(Lines out, String indent, Kind kind, ModelDraft d, int index,
                              Map<String, Set<Integer>> layerLines) {
        LayerDraft l = d.layers().get(index);
        String name = layerName(l, index, false);
        record(layerLines, l, name, out.next());
        String a = annotations(l, d, index);
        String type = type(l);
        String init = type.equals("int") ? "0" : "null";
        boolean iface = kind == Kind.INTERFACE || kind == Kind.ANNOTATION;
        Placement p = kind == Kind.ANNOTATION && l.placement() != Placement.METHOD ? Placement.FIELD : l.placement();
        String line = switch (p) {
            case FIELD -> iface ? a + type + " " + name + " = " + init + ";" : a + type + " " + name + ";";
            case STATIC_FIELD -> iface ? a + type + " " + name + " = " + init + ";"
                    : a + "static " + type + " " + name + ";";
            case METHOD -> kind == Kind.ANNOTATION ? a + "int " + name + "();"
                    : iface ? a + type + " " + name + "();"
                    : a + type + " " + name + "() { return " + init + "; }";
            case PARAMETER -> iface ? "void m_" + name + "(" + a + type + " p);"
                    : "void m_" + name + "(" + a + type + " p) { }";
            case LOCAL -> (iface ? "default " : "") + "void m_" + name + "() { " + a + type + " " + name + " = "
                    + init + "; }";
            case ANONYMOUS -> (iface ? "" : kind == Kind.RECORD ? "static final " : "final ") + "Object a_" + name
                    + " = new Object() { " + a + type + " " + name + "; };";
        };
        if (p == Placement.FIELD || p == Placement.STATIC_FIELD) {
            out.addAnnotated(indent, a, line.substring(a.length()));
        } else {
            out.add(indent + line);
        }
    }

    private static void record(Map<String, Set<Integer>> layerLines, LayerDraft l, String sourceName, int line) {
        String decoded = l.name() != null ? l.name().decoded() : sourceName;
        layerLines.computeIfAbsent(decoded, n -> new TreeSet<>()).add(line);
    }

    private static String layerName(LayerDraft l, int index, boolean constant) {
        if (l.name() != null) {
            return l.name().source();
        }
        String kind = l.annots().isEmpty() ? "plain" : l.annots().get(0).type().toLowerCase(Locale.ROOT);
        String name = kind + index;
        return constant ? name.toUpperCase(Locale.ROOT) : name;
    }

    /**
     * A layer's annotations, with each {@code @REF:n@} replaced by the name of the layer {@code n}
     * places before it (0 itself, negative after it), as it is written in the source.
     */
    private static String annotations(LayerDraft l, ModelDraft d, int index) {
        StringBuilder b = new StringBuilder();
        for (Annot a : l.annots()) {
            b.append(a.render()).append(' ');
        }
        Matcher ref = REF.matcher(b);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            ref.appendReplacement(out, Matcher.quoteReplacement(
                    referencedName(d, index - Integer.parseInt(ref.group(1)))));
        }
        ref.appendTail(out);
        return out.toString();
    }

    /**
     * The name layer {@code target} is declared with. Drafts refer to layers by distance so that
     * a reference survives shrinking: one before the first layer stands for "input" (what the
     * first layer reads by default), one after the last for the last layer.
     */
    private static String referencedName(ModelDraft d, int target) {
        if (target < 0) {
            return "input";
        }
        int i = Math.min(target, d.layers().size() - 1);
        LayerDraft l = d.layers().get(i);
        // Enum constants are upper case, other fields (also of enums) lower case; see model().
        boolean constant = d.shape().kind() == Kind.ENUM && l.placement() == Placement.FIELD;
        return layerName(l, i, constant);
    }

    private static String type(LayerDraft l) {
        return l.type();
    }

    /** Lines of a source file, counted from 1. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final Map<Integer, Integer> annotationEnds = new HashMap<>();

        /** A line {@code indent annotations rest}, remembering the column where its annotations end. */
        void addAnnotated(String indent, String annotations, String rest) {
            if (!annotations.isEmpty()) {
                annotationEnds.put(next(), indent.length() + annotations.stripTrailing().length());
            }
            add(indent + annotations + rest);
        }

        Map<Integer, Integer> annotationEnds() {
            return Map.copyOf(annotationEnds);
        }

        int next() {
            return lines.size() + 1;
        }

        void add(String line) {
            lines.add(line);
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }
    }
}
