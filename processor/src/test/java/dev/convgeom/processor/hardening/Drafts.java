package dev.convgeom.processor.hardening;

import dev.convgeom.processor.hardening.Models.Annot;
import dev.convgeom.processor.hardening.Models.Attr;
import dev.convgeom.processor.hardening.Models.LayerDraft;
import dev.convgeom.processor.hardening.Models.ModelDraft;
import dev.convgeom.processor.hardening.Models.Name;
import dev.convgeom.processor.hardening.Models.Placement;
import dev.convgeom.processor.hardening.Models.Shape;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for model drafts. Three moods: <b>sane</b> models (plausible values, so that
 * many are valid and their generated code gets compiled), <b>hostile</b> ones (0, negatives,
 * {@code Integer.MAX_VALUE}/{@code MIN_VALUE}, missing and unknown attributes, unresolved names,
 * values of the wrong type, constants of other models, two layer annotations on a field, layer
 * annotations on methods, parameters, locals and anonymous classes, odd layer names) and rare
 * <b>deep</b> ones (257 to 700 layers, past the generator's chunking).
 */
final class Drafts {

    private Drafts() {
    }

    /**
     * GRAPH: networks built from the blocks of {@link GraphDrafts#graph}, mostly plausible;
     * GRAPH_HOSTILE: the same with perturbed names and values and exploding sizes.
     */
    enum Mood { SANE, HOSTILE, DEEP, GRAPH, GRAPH_HOSTILE }

    private static final List<String> PACKAGES = List.of("", "p", "q", "p.q", "dev.convgeom.fuzz");
    /** Layer, Axis: their generated classes share the simple names of the API's LayerGeometry, AxisGeometry. */
    private static final List<String> MODEL_NAMES = List.of("Net", "Net", "Model", "Layer", "Axis", "Outer_Net",
            "NetGeometry");
    /** Input: a model that shadows the annotation {@code @Input} it needs. */
    private static final List<String> HOSTILE_MODEL_NAMES = List.of("Net", "Net", "Model", "Layer", "Axis",
            "Outer_Net", "NetGeometry", "Input");
    private static final List<String> HOST_NAMES = List.of("Outer", "Host", "Outer");
    private static final List<String> NESTED_NAMES = List.of("Net", "Inner", "Net");

    private static final List<String> POINTWISE = List.of("Relu", "Sigmoid", "Tanh", "BatchNorm", "Dropout", "Lrn",
            "Softmax");

    /** Layer names that are valid, if unusual: Unicode, escapes, ignorable characters, long. */
    private static final List<Name> UNUSUAL_NAMES = List.of(
            Name.plain("_x"), Name.plain("$"), Name.plain("x$y"), Name.plain("stra\u00dfe"), Name.plain("\u00b5"),
            Name.plain("\u5c42"), new Name("conv\\u00e9", "conv\u00e9"), new Name("a\\u0000b", "a\u0000b"),
            new Name("x\\u200bx", "x\u200bx"), Name.plain("x".repeat(300)), Name.plain("spec"),
            Name.plain("layers"));

    /** Names a layer can have beyond the generated ones: reserved, clashing, Unicode, escapes, long. */
    private static final List<Name> ODD_NAMES = List.of(
            Name.plain("input"), Name.plain("INPUT"), Name.plain("convA"), Name.plain("conv_a"),
            Name.plain("CONV_A"), Name.plain("_x"), Name.plain("$"), Name.plain("x$y"), Name.plain("stra\u00dfe"),
            Name.plain("\u00b5"), Name.plain("\u5c42"), Name.plain("K"), Name.plain("spec"), Name.plain("layers"),
            new Name("conv\\u00e9", "conv\u00e9"), new Name("a\\u0000b", "a\u0000b"),
            new Name("x\\u200bx", "x\u200bx"), Name.plain("x".repeat(300)), Name.plain("conv1"));

    static Arbitrary<List<ModelDraft>> batches(int maxModels) {
        return model().list().ofMinSize(1).ofMaxSize(maxModels);
    }

    static Arbitrary<ModelDraft> model() {
        return Arbitraries.frequencyOf(
                Tuple.of(45, Arbitraries.just(Mood.SANE)),
                Tuple.of(30, Arbitraries.just(Mood.HOSTILE)),
                Tuple.of(14, Arbitraries.just(Mood.GRAPH)),
                Tuple.of(9, Arbitraries.just(Mood.GRAPH_HOSTILE)),
                Tuple.of(2, Arbitraries.just(Mood.DEEP))).flatMap(Drafts::model);
    }

    static Arbitrary<ModelDraft> model(Mood mood) {
        Arbitrary<Shape> shapes = Arbitraries.frequencyOf(
                Tuple.of(25, Arbitraries.just(Shape.CLASS)), Tuple.of(3, Arbitraries.just(Shape.FINAL_CLASS)),
                Tuple.of(3, Arbitraries.just(Shape.ABSTRACT_CLASS)), Tuple.of(5, Arbitraries.just(Shape.GENERIC_CLASS)),
                Tuple.of(7, Arbitraries.just(Shape.INTERFACE)), Tuple.of(8, Arbitraries.just(Shape.ENUM)),
                Tuple.of(8, Arbitraries.just(Shape.RECORD)), Tuple.of(mood == Mood.HOSTILE ? 2 : 1,
                        Arbitraries.just(Shape.ANNOTATION)),
                Tuple.of(8, Arbitraries.just(Shape.NESTED_STATIC)), Tuple.of(5, Arbitraries.just(Shape.INNER)),
                Tuple.of(3, Arbitraries.just(Shape.INNER_OF_GENERIC)), Tuple.of(3, Arbitraries.just(Shape.DEEP_NESTED)),
                Tuple.of(3, Arbitraries.just(Shape.NESTED_IN_INTERFACE)),
                Tuple.of(3, Arbitraries.just(Shape.NESTED_ENUM)),
                Tuple.of(3, Arbitraries.just(Shape.NESTED_RECORD)), Tuple.of(3, Arbitraries.just(Shape.LOCAL)),
                Tuple.of(mood == Mood.HOSTILE ? 3 : 1, Arbitraries.just(Shape.ANONYMOUS)));
        Arbitrary<List<LayerDraft>> layers = switch (mood) {
            case SANE -> layer(mood).list().ofMinSize(1).ofMaxSize(8);
            case HOSTILE -> layer(mood).list().ofMaxSize(10);
            case DEEP -> deepLayer().list().ofMinSize(257).ofMaxSize(700);
            case GRAPH -> GraphDrafts.graph(false);
            case GRAPH_HOSTILE -> GraphDrafts.graph(true);
        };
        Arbitrary<Annot> network = mood == Mood.HOSTILE ? network(mood).injectNull(0.08) : network(mood);
        return Combinators.combine(shapes, Arbitraries.of(PACKAGES),
                        Arbitraries.of(mood == Mood.HOSTILE ? HOSTILE_MODEL_NAMES : MODEL_NAMES),
                        Arbitraries.of(HOST_NAMES), Arbitraries.of(NESTED_NAMES), network, layers, constant(mood))
                .as((shape, pkg, name, host, nested, net, ls, k) ->
                        new ModelDraft(shape, pkg, shape.topLevel() ? name : nested, host, net, ls, k));
    }

    private static Arbitrary<String> constant(Mood mood) {
        return mood == Mood.HOSTILE
                ? Arbitraries.frequencyOf(Tuple.of(3, hostileInt()), Tuple.of(1, Arbitraries.just("@OTHER@.K")),
                        Tuple.of(2, Arbitraries.integers().between(1, 5).map(String::valueOf)))
                : Arbitraries.integers().between(1, 5).map(String::valueOf);
    }

    // --- @Network and @Input ---------------------------------------------------------------------

    private static Arbitrary<Annot> network(Mood mood) {
        Arbitrary<Attr> input = input(mood).map(i -> new Attr("input", i));
        boolean hostile = mood == Mood.HOSTILE;
        return Combinators.combine(
                        hostile ? optional(input, 98) : input.map(a -> a),
                        optional(bool(mood).map(b -> new Attr("strict", b)), hostile ? 40 : 15),
                        optional(bool(mood).map(b -> new Attr("fullyConvolutional", b)), hostile ? 40 : 15),
                        optional(Arbitraries.just(new Attr("nope", "1")), hostile ? 2 : 0))
                .as((i, s, f, n) -> new Annot("Network", present(i, s, f, n)));
    }

    private static Arbitrary<String> input(Mood mood) {
        Arbitrary<String> channels = attrValue(mood, Arbitraries.integers().between(1, 8));
        // Graphs halve and double their maps: even sizes keep more of them aligned, hence valid.
        Arbitrary<String> size = mood == Mood.GRAPH || mood == Mood.GRAPH_HOSTILE
                ? Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(16, 24, 32, 48, 64)),
                        Tuple.of(1, Arbitraries.integers().between(4, 64))).map(String::valueOf)
                : attrValue(mood, Arbitraries.integers().between(4, 64));
        boolean hostile = mood == Mood.HOSTILE;
        int written = hostile ? 99 : 100;
        return Combinators.combine(
                        optional(channels.map(v -> new Attr("channels", v)), written),
                        optional(size.map(v -> new Attr("height", v)), written),
                        optional(size.map(v -> new Attr("width", v)), written))
                .as((c, h, w) -> new Annot("Input", present(c, h, w)).render());
    }

    // --- layers -----------------------------------------------------------------------------------

    static Arbitrary<LayerDraft> layer(Mood mood) {
        boolean hostile = mood == Mood.HOSTILE;
        Arbitrary<Annot> annot = annotation(mood);
        Arbitrary<List<Annot>> annots = hostile
                ? Arbitraries.frequencyOf(Tuple.of(20, annot.map(List::of)),
                        Tuple.of(1, Combinators.combine(annot, annot).as(List::of)),
                        Tuple.of(1, Arbitraries.just(List.<Annot>of())))
                : annot.map(List::of);
        Arbitrary<Placement> placement = hostile
                ? Arbitraries.frequencyOf(Tuple.of(188, Arbitraries.just(Placement.FIELD)),
                        Tuple.of(6, Arbitraries.just(Placement.STATIC_FIELD)),
                        Tuple.of(1, Arbitraries.just(Placement.METHOD)),
                        Tuple.of(1, Arbitraries.just(Placement.PARAMETER)),
                        Tuple.of(1, Arbitraries.just(Placement.LOCAL)),
                        Tuple.of(3, Arbitraries.just(Placement.ANONYMOUS)))
                : Arbitraries.frequencyOf(Tuple.of(19, Arbitraries.just(Placement.FIELD)),
                        Tuple.of(1, Arbitraries.just(Placement.STATIC_FIELD)));
        Arbitrary<String> type = Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just("Object")), Tuple.of(8, Arbitraries.just("int")),
                Tuple.of(4, Arbitraries.just("String")), Tuple.of(4, Arbitraries.just("java.util.List<String>")),
                Tuple.of(hostile ? 4 : 1, Arbitraries.just("T")),
                Tuple.of(hostile ? 4 : 1, Arbitraries.just("@OTHERTYPE@")),
                Tuple.of(hostile ? 4 : 1, Arbitraries.just("@OTHERGEOM@")));
        Arbitrary<Name> name = hostile ? Arbitraries.of(ODD_NAMES).injectNull(0.9)
                : Arbitraries.of(UNUSUAL_NAMES).injectNull(0.97);
        return Combinators.combine(name, annots, placement, type).as(LayerDraft::new);
    }

    private static Arbitrary<Annot> annotation(Mood mood) {
        boolean hostile = mood == Mood.HOSTILE;
        Arbitrary<Annot> chain = Arbitraries.frequencyOf(
                Tuple.of(30, conv(mood)),
                Tuple.of(20, pool(mood)),
                Tuple.of(25, Arbitraries.of(POINTWISE).map(t -> new Annot(t, List.of()))),
                Tuple.of(10, fullyConnected(mood)),
                Tuple.of(8, pointwise(mood)));
        // Every layer annotation takes from: now and then a chain layer reads another layer than the one before.
        Arbitrary<Annot> reading = Combinators.combine(chain, GraphDrafts.fromOfAnyLayer(hostile))
                .as(Drafts::withFrom);
        return Arbitraries.frequencyOf(Tuple.of(93, reading), Tuple.of(12, GraphDrafts.annotation(hostile)));
    }

    /** {@code from} first; not on an annotation with a bare value ({@code @Pointwise("x")}), where it would not parse. */
    private static Annot withFrom(Annot a, List<Attr> from) {
        if (from.isEmpty() || a.attrs().stream().anyMatch(x -> x.name() == null)) {
            return a;
        }
        List<Attr> attrs = new ArrayList<>(from);
        attrs.addAll(a.attrs());
        return new Annot(a.type(), attrs);
    }

    private static Arbitrary<Annot> conv(Mood mood) {
        boolean sane = mood != Mood.HOSTILE;
        return Combinators.combine(List.of(
                        one(attr(mood, "out", Arbitraries.integers().between(1, 64), 85)),
                        one(attr(mood, "in", Arbitraries.integers().between(1, 16), sane ? 2 : 6)),
                        kernel(mood),
                        one(attr(mood, "s", Arbitraries.integers().between(1, 2), 35)),
                        one(attr(mood, "sh", Arbitraries.integers().between(1, 2), 5)),
                        one(attr(mood, "sw", Arbitraries.integers().between(1, 2), 5)),
                        one(attr(mood, "p", Arbitraries.integers().between(0, 1), 35)),
                        one(attr(mood, "ph", Arbitraries.integers().between(0, 1), 5)),
                        one(attr(mood, "pw", Arbitraries.integers().between(0, 1), 5)),
                        one(attr(mood, "d", Arbitraries.integers().between(1, 2), 10)),
                        one(attr(mood, "dh", Arbitraries.integers().between(1, 2), 3)),
                        one(attr(mood, "dw", Arbitraries.integers().between(1, 2), 3)),
                        one(attr(mood, "groups", Arbitraries.integers().between(1, 2), 8)),
                        one(optional(padding(mood).map(v -> new Attr("padding", v)), 12)),
                        one(extra(mood))))
                .as(parts -> new Annot("Conv", flat(parts)));
    }

    private static Arbitrary<Annot> pool(Mood mood) {
        Arbitrary<List<Attr>> attrs = Combinators.combine(List.of(
                        kernel(mood),
                        one(attr(mood, "s", Arbitraries.integers().between(1, 2), 40)),
                        one(attr(mood, "sh", Arbitraries.integers().between(1, 2), 4)),
                        one(attr(mood, "sw", Arbitraries.integers().between(1, 2), 4)),
                        one(attr(mood, "p", Arbitraries.integers().between(0, 1), 25)),
                        one(attr(mood, "ph", Arbitraries.integers().between(0, 1), 4)),
                        one(attr(mood, "pw", Arbitraries.integers().between(0, 1), 4)),
                        one(optional(bool(mood).map(v -> new Attr("ceil", v)), 25)),
                        one(optional(padding(mood).map(v -> new Attr("padding", v)), 10)),
                        one(extra(mood))))
                .as(Drafts::flat);
        return Combinators.combine(Arbitraries.of("MaxPool", "AvgPool"), attrs).as(Annot::new);
    }

    /**
     * The kernel: {@code k}, or {@code kh} and {@code kw}; when hostile also none, one of the
     * two, or all three.
     */
    private static Arbitrary<List<Attr>> kernel(Mood mood) {
        Arbitrary<Integer> small = Arbitraries.integers().between(1, 3);
        Arbitrary<Attr> k = attr(mood, "k", small, 100);
        Arbitrary<Attr> kh = attr(mood, "kh", small, 100);
        Arbitrary<Attr> kw = attr(mood, "kw", small, 100);
        Arbitrary<List<Attr>> square = k.map(List::of);
        Arbitrary<List<Attr>> perAxis = Combinators.combine(kh, kw).as(List::of);
        if (mood != Mood.HOSTILE) {
            return Arbitraries.frequencyOf(Tuple.of(92, square), Tuple.of(8, perAxis));
        }
        return Arbitraries.frequencyOf(Tuple.of(80, square), Tuple.of(8, perAxis),
                Tuple.of(4, Arbitraries.just(List.of())), Tuple.of(4, kh.map(List::of)),
                Tuple.of(4, Combinators.combine(k, kh, kw).as(List::of)));
    }

    private static Arbitrary<List<Attr>> one(Arbitrary<Attr> attr) {
        return attr.map(a -> a == null ? List.of() : List.of(a));
    }

    private static List<Attr> flat(List<List<Attr>> parts) {
        List<Attr> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    private static Arbitrary<Annot> fullyConnected(Mood mood) {
        return Combinators.combine(
                        attr(mood, "out", Arbitraries.integers().between(1, 100), mood == Mood.HOSTILE ? 99 : 100),
                        attr(mood, "in", Arbitraries.integers().between(1, 4096), 10),
                        extra(mood))
                .as((o, i, e) -> new Annot("FullyConnected", present(o, i, e)));
    }

    private static Arbitrary<Annot> pointwise(Mood mood) {
        Arbitrary<String> names = mood == Mood.HOSTILE
                ? Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.of("\"ReLU6\"", "\"GELU\"", "\"a */ b\"",
                                "\"\\\\u002a/\"", "\"\\\\uZZZZ\"", "\"\\\\\"", "\"line\\nbreak\"", "\"cr\\rhere\"",
                                "\"{@code }\"", "\"<b>\"", "\"$L $S $$\"", "\"\"", "\"\\u0000\"", "\"\\\"quoted\\\"\"",
                                "\"x\" + \"y\"")),
                        Tuple.of(1, Arbitraries.of("null", "3")))
                : Arbitraries.of("\"ReLU6\"", "\"GELU\"", "\"hard-swish\"", "\"scale 0.5\"");
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Annot("Pointwise", List.of()))),
                Tuple.of(3, names.map(v -> new Annot("Pointwise", List.of(new Attr(null, v))))),
                Tuple.of(1, names.map(v -> new Annot("Pointwise", List.of(new Attr("value", v))))));
    }

    /** Deep networks: windows that keep the map size, so that most stay valid at any depth. */
    private static Arbitrary<LayerDraft> deepLayer() {
        Arbitrary<Annot> annot = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 32).map(out ->
                        new Annot("Conv", List.of(new Attr("out", "" + out), new Attr("k", "3"), new Attr("p", "1"))))),
                Tuple.of(2, Arbitraries.just(new Annot("Conv", List.of(new Attr("out", "8"), new Attr("k", "1"))))),
                Tuple.of(1, Arbitraries.just(new Annot("MaxPool", List.of(new Attr("k", "3"), new Attr("s", "1"),
                        new Attr("p", "1"))))),
                Tuple.of(4, Arbitraries.of(POINTWISE).map(t -> new Annot(t, List.of()))),
                Tuple.of(1, Arbitraries.just(new Annot("Pointwise", List.of(new Attr(null, "\"ReLU6\""))))));
        return annot.map(a -> new LayerDraft(null, List.of(a), Placement.FIELD, "Object"));
    }

    // --- values -------------------------------------------------------------------------------------

    /** An attribute written with probability {@code percent}, sane or (when hostile, often) hostile. */
    private static Arbitrary<Attr> attr(Mood mood, String name, Arbitrary<Integer> sane, int percent) {
        return optional(attrValue(mood, sane).map(v -> new Attr(name, v)), percent);
    }

    private static Arbitrary<String> attrValue(Mood mood, Arbitrary<Integer> sane) {
        Arbitrary<String> plain = sane.map(String::valueOf);
        return mood == Mood.HOSTILE ? Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(2, hostileInt())) : plain;
    }

    static Arbitrary<String> hostileInt() {
        return Arbitraries.frequencyOf(
                Tuple.of(48, Arbitraries.of("0", "-1", "-7", "Integer.MAX_VALUE", "Integer.MIN_VALUE",
                        "Integer.MAX_VALUE - 1", "1 << 30", "46341", "65536", "0x7fffffff", "-2147483647")),
                Tuple.of(16, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(20, Arbitraries.of("K", "@OTHER@.K", "Nope.K", "NOPE", "'a'", "(short) -1", "1 + 2", "~0",
                        "+3", "(int) 3L")),
                // javac refuses these before processing, so that no processor runs in the compilation
                Tuple.of(1, Arbitraries.of("\"3\"", "3L", "3.0", "null", "{3}", "Integer.parseInt(\"3\")")));
    }

    private static Arbitrary<String> bool(Mood mood) {
        return mood == Mood.HOSTILE
                ? Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of("true", "false", "!false", "NOPE")),
                        Tuple.of(1, Arbitraries.of("1", "Boolean.TRUE")))
                : Arbitraries.of("true", "false");
    }

    private static Arbitrary<String> padding(Mood mood) {
        return mood == Mood.HOSTILE
                ? Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.of("Padding.SAME", "Padding.VALID",
                                "Padding.EXPLICIT", "Padding.NOPE", "dev.convgeom.Padding.SAME")),
                        Tuple.of(1, Arbitraries.of("3", "null")))
                : Arbitraries.of("Padding.SAME", "Padding.VALID", "Padding.EXPLICIT");
    }

    /** Attributes no layer has, or written twice. */
    private static Arbitrary<Attr> extra(Mood mood) {
        return optional(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(new Attr("nope", "1"))),
                        Tuple.of(1, Arbitraries.of(new Attr("k", "3"), new Attr("out", "2")))),
                mood == Mood.HOSTILE ? 1 : 0);
    }

    /** {@code value} with probability {@code percent}, else null. */
    private static <T> Arbitrary<T> optional(Arbitrary<T> value, int percent) {
        return percent >= 100 ? value : value.injectNull(1 - Math.max(0, percent) / 100.0);
    }

    /** The attributes that are written, in order. */
    private static List<Attr> present(Object... attrs) {
        List<Attr> list = new ArrayList<>();
        for (Object a : attrs) {
            if (a != null) {
                list.add((Attr) a);
            }
        }
        return list;
    }
}
