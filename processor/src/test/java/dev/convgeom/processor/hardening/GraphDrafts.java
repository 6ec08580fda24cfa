package dev.convgeom.processor.hardening;

import static dev.convgeom.processor.hardening.Models.ref;

import dev.convgeom.processor.hardening.Models.Annot;
import dev.convgeom.processor.hardening.Models.Attr;
import dev.convgeom.processor.hardening.Models.LayerDraft;
import dev.convgeom.processor.hardening.Models.Placement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Drafts of graph layers ({@code from}, {@code @Concat}, {@code @Add}, {@code @Crop},
 * {@code @Deconv}, {@code @Upsample}, {@code @Pad}, {@code @GlobalAvgPool}).
 *
 * <p>References to other layers are written as {@code @REF:n@} ({@link Models#ref}), the layer
 * {@code n} places before, and become names only when the model is rendered: the names depend on
 * the model's shape (enum constants are upper case) and on the index, which shrinking changes.
 *
 * <p>Two uses: single graph layers mixed into the sane and hostile moods of {@link Drafts}
 * (references at random distances, so mostly misaligned or mis-sized graphs), and whole graphs
 * built from blocks that real networks use (inception branches, residual adds, U-Net and FCN
 * up-paths with crops, pad-then-crop), so that a fair share is valid and their generated code is
 * compiled strictly too; the hostile variant of those perturbs names, counts and values, and adds
 * blocks that blow sizes up (upsampling by 1000 three times).
 */
final class GraphDrafts {

    private GraphDrafts() {
    }

    /** Names no layer has, or not quite: what a user types while the network is half renamed. */
    private static final List<String> HOSTILE_NAMES = List.of("\"Input\"", "\"INPUT\"", "\"data\"", "\"\"",
            "\" input\"", "\"input \"", "\"nope\"", "\"conv\"", "\"a.b\"", "\"K\"", "\"null\"", "\"\\u0000\"",
            "\"" + ref(1) + " \"", "\"" + ref(1) + "\" + \"\"", "\"in\" + \"put\"");
    /** javac refuses these as a {@code String} element, so no processor runs in the compilation. */
    private static final List<String> BROKEN_NAMES = List.of("null", "3", "'x'", "Object.class", "NOPE",
            "String.valueOf(1)");

    // --- references ---------------------------------------------------------------------------------

    /** A string literal naming the layer {@code back} places before; when hostile, sometimes something else. */
    static Arbitrary<String> name(boolean hostile, int back) {
        Arbitrary<String> sane = Arbitraries.just(quote(ref(back)));
        if (!hostile) {
            return sane;
        }
        return Arbitraries.frequencyOf(Tuple.of(30, sane),
                // itself, later layers, far back (before the first layer: "input")
                Tuple.of(4, Arbitraries.of(0, -1, -2, -5, 2, 3, 40).map(n -> quote(ref(n)))),
                Tuple.of(2, Arbitraries.just("\"input\"")),
                Tuple.of(4, Arbitraries.of(HOSTILE_NAMES)),
                Tuple.of(1, Arbitraries.of(BROKEN_NAMES)));
    }

    /** A string literal naming a layer at a random distance: before, itself or after, or "input". */
    private static Arbitrary<String> anyName(boolean hostile) {
        Arbitrary<String> near = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.integers().between(1, 3)),
                        Tuple.of(3, Arbitraries.integers().between(4, 9)),
                        Tuple.of(hostile ? 3 : 0, Arbitraries.integers().between(-3, 0)))
                .map(n -> quote(ref(n)));
        return Arbitraries.frequencyOf(Tuple.of(12, near), Tuple.of(2, Arbitraries.just("\"input\"")),
                Tuple.of(hostile ? 4 : 0, name(true, 1)));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** {@code from = {a, b}}, or {@code from = a} for one name (an array attribute takes a bare element). */
    private static Attr from(List<String> names) {
        return new Attr("from", names.size() == 1 ? names.get(0) : "{" + String.join(", ", names) + "}");
    }

    /** {@code from} of a single-input layer: none (the layer before), one name, or, when hostile, odd lists. */
    static Arbitrary<List<Attr>> singleFrom(boolean hostile) {
        Arbitrary<List<Attr>> one = anyName(hostile).map(n -> List.of(from(List.of(n))));
        Arbitrary<List<Attr>> braced = anyName(hostile).map(n -> List.of(new Attr("from", "{" + n + "}")));
        if (!hostile) {
            return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())), Tuple.of(3, one),
                    Tuple.of(1, braced));
        }
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())), Tuple.of(4, one),
                Tuple.of(1, braced),
                Tuple.of(2, Arbitraries.just(List.of(new Attr("from", "{}")))),
                Tuple.of(2, anyName(true).list().ofMinSize(2).ofMaxSize(3).map(ns -> List.of(from(ns)))),
                Tuple.of(1, anyName(true).map(n -> List.of(from(List.of(n, n))))),
                Tuple.of(1, Arbitraries.of("null", "{null}", "{\"input\",}").map(v -> List.of(new Attr("from", v)))));
    }

    /** {@code from} of a merge: 2 or 3 names; when hostile also none, one, ten, duplicates, or left out. */
    private static Arbitrary<List<Attr>> mergeFrom(boolean hostile) {
        Arbitrary<List<Attr>> sane = anyName(hostile).list().ofMinSize(2).ofMaxSize(3).map(ns -> List.of(from(ns)));
        if (!hostile) {
            return sane;
        }
        return Arbitraries.frequencyOf(Tuple.of(10, sane),
                Tuple.of(2, Arbitraries.just(List.of(new Attr("from", "{}")))),
                Tuple.of(2, anyName(true).map(n -> List.of(from(List.of(n))))),
                Tuple.of(1, anyName(true).map(n -> List.of(from(List.of(n, n))))),
                Tuple.of(1, anyName(false).list().ofSize(10).map(ns -> List.of(from(ns)))),
                Tuple.of(1, Arbitraries.of(List.of(new Attr("from", "\"input\"")), List.of(), // from is required
                        List.of(new Attr("from", "null")))));
    }

    // --- single graph layers, for the sane and hostile moods ------------------------------------------

    /** One graph layer reading layers at random distances. */
    static Arbitrary<Annot> annotation(boolean hostile) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, merge(hostile)),
                Tuple.of(4, crop(hostile)),
                Tuple.of(4, deconv(hostile)),
                Tuple.of(4, upsample(hostile)),
                Tuple.of(3, pad(hostile)),
                Tuple.of(2, singleFrom(hostile).map(f -> new Annot("GlobalAvgPool", f))));
    }

    /** A {@code from} to add to a layer of the older kinds ({@code @Conv}, {@code @Relu}, ...), mostly none. */
    static Arbitrary<List<Attr>> fromOfAnyLayer(boolean hostile) {
        return Arbitraries.frequencyOf(Tuple.of(hostile ? 6 : 10, Arbitraries.just(List.<Attr>of())),
                Tuple.of(1, singleFrom(hostile)));
    }

    private static Arbitrary<Annot> merge(boolean hostile) {
        return Combinators.combine(Arbitraries.of("Concat", "Add"), mergeFrom(hostile), allowMisaligned(hostile))
                .as((type, from, allow) -> new Annot(type, concat(from, allow)));
    }

    private static Arbitrary<Annot> crop(boolean hostile) {
        Arbitrary<List<Attr>> like = Arbitraries.frequencyOf(Tuple.of(hostile ? 30 : 1, anyName(hostile)
                        .map(n -> List.of(new Attr("like", n)))),
                Tuple.of(hostile ? 1 : 0, Arbitraries.just(List.of())));    // like is required
        return Combinators.combine(singleFrom(hostile), like, offset(hostile), allowMisaligned(hostile))
                .as((from, l, offset, allow) -> new Annot("Crop", concat(from, l, offset, allow)));
    }

    /**
     * No offset (computed), one value for both axes, or offsetX and/or offsetY (with or without
     * offset); when hostile also {}, 2 or 3 values (refused), and hostile numbers.
     */
    private static Arbitrary<List<Attr>> offset(boolean hostile) {
        Arbitrary<String> value = value(hostile, Arbitraries.integers().between(0, 4));
        // one value bare ({@code offset = 1}, as an array attribute allows) or braced
        Arbitrary<List<Attr>> written = Combinators.combine(value.list().ofMinSize(1).ofMaxSize(hostile ? 3 : 1),
                        Arbitraries.of(true, false))
                .as((vs, bare) -> List.of(new Attr("offset", vs.size() == 1 && bare ? vs.get(0)
                        : "{" + String.join(", ", vs) + "}")));
        Arbitrary<List<Attr>> perAxis = Combinators.combine(Arbitraries.frequencyOf(
                                Tuple.of(1, Arbitraries.just(List.<Attr>of())), Tuple.of(1, written)),
                        value.injectNull(0.3), value.injectNull(0.3))
                .as((both, x, y) -> {
                    List<Attr> attrs = new ArrayList<>(both);
                    if (x != null) {
                        attrs.add(new Attr("offsetX", x));
                    }
                    if (y != null) {
                        attrs.add(new Attr("offsetY", y));
                    }
                    return attrs;
                });
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())), Tuple.of(2, written),
                Tuple.of(2, perAxis), Tuple.of(hostile ? 1 : 0, Arbitraries.just(List.of(new Attr("offset", "{}")))));
    }

    private static Arbitrary<Annot> deconv(boolean hostile) {
        Arbitrary<Integer> stride = Arbitraries.integers().between(1, 3);
        return Combinators.combine(List.of(
                        singleFrom(hostile),
                        attr(hostile, "out", Arbitraries.integers().between(1, 32), 80),
                        attr(hostile, "in", Arbitraries.integers().between(1, 8), hostile ? 10 : 3),
                        Arbitraries.frequencyOf(Tuple.of(9, attr(hostile, "k", Arbitraries.integers().between(1, 6), 100)),
                                Tuple.of(1, Combinators.combine(
                                        attr(hostile, "kh", Arbitraries.integers().between(1, 6), 100),
                                        attr(hostile, "kw", Arbitraries.integers().between(1, 6), hostile ? 80 : 100))
                                        .as(GraphDrafts::concat))),
                        attr(hostile, "s", stride, 70),
                        attr(hostile, "sh", stride, 5),
                        attr(hostile, "p", Arbitraries.integers().between(0, 2), 30),
                        attr(hostile, "pw", Arbitraries.integers().between(0, 2), 5),
                        attr(hostile, "outputPadding", Arbitraries.integers().between(0, 1), 15),
                        attr(hostile, "groups", Arbitraries.integers().between(1, 2), 8),
                        // a dilation Deconv has no attribute for: javac's error, and nothing from the processor
                        Arbitraries.just(List.of(new Attr("d", "2"))).injectNull(hostile ? 0.98 : 1.0)
                                .map(a -> a == null ? List.<Attr>of() : a)))
                .as(parts -> new Annot("Deconv", flat(parts)));
    }

    private static Arbitrary<Annot> upsample(boolean hostile) {
        Arbitrary<List<Attr>> factor = Arbitraries.frequencyOf(
                Tuple.of(30, value(hostile, Arbitraries.integers().between(1, 4)).map(v -> List.of(new Attr("factor", v)))),
                Tuple.of(hostile ? 3 : 0, Arbitraries.of("1000", "46341", "65536").map(v -> List.of(new Attr("factor", v)))),
                Tuple.of(hostile ? 1 : 0, Arbitraries.just(List.of())));    // factor is required
        return Combinators.combine(singleFrom(hostile), factor, mode(hostile))
                .as((from, f, m) -> new Annot("Upsample", concat(from, f, m)));
    }

    /**
     * {@code mode}; when hostile also values javac refuses ({@code null}, a string, another enum's
     * constant, a call) or cannot resolve ({@code Mode.BILINEAR} without an import, a constant that
     * does not exist): the processor must add nothing to javac's error.
     */
    private static Arbitrary<List<Attr>> mode(boolean hostile) {
        Arbitrary<String> sane = Arbitraries.of("Upsample.Mode.NEAREST", "Upsample.Mode.BILINEAR",
                "dev.convgeom.Upsample.Mode.BILINEAR");
        Arbitrary<String> broken = Arbitraries.of("null", "\"BILINEAR\"", "Padding.SAME", "Mode.BILINEAR",
                "Upsample.Mode.NOPE", "Upsample.Mode.valueOf(\"NEAREST\")", "BILINEAR", "{Upsample.Mode.NEAREST}");
        Arbitrary<String> mode = hostile ? Arbitraries.frequencyOf(Tuple.of(4, sane), Tuple.of(1, broken)) : sane;
        return mode.map(m -> List.of(new Attr("mode", m))).injectNull(0.5).map(a -> a == null ? List.of() : a);
    }

    private static Arbitrary<Annot> pad(boolean hostile) {
        Arbitrary<Integer> side = Arbitraries.integers().between(0, 3);
        return Combinators.combine(singleFrom(hostile), attr(hostile, "top", side, 60),
                        attr(hostile, "bottom", side, 60), attr(hostile, "left", side, 60),
                        attr(hostile, "right", side, 60))
                .as((from, t, b, l, r) -> new Annot("Pad", concat(from, t, b, l, r)));
    }

    private static Arbitrary<List<Attr>> allowMisaligned(boolean hostile) {
        Arbitrary<String> value = hostile ? Arbitraries.of("true", "false", "!true", "1") : Arbitraries.of("true",
                "false");
        return value.map(v -> List.of(new Attr("allowMisaligned", v))).injectNull(0.8)
                .map(a -> a == null ? List.of() : a);
    }

    // --- whole graphs ---------------------------------------------------------------------------------

    /**
     * The layers of a graph network: 1 to 4 blocks. Sane: each block reads the layer before it and
     * keeps its geometry plausible. Hostile: the same blocks with perturbed names and values, lone
     * hostile graph layers, and blocks that make sizes and periods explode.
     */
    static Arbitrary<List<LayerDraft>> graph(boolean hostile) {
        Arbitrary<List<LayerDraft>> block = hostile
                ? Arbitraries.frequencyOf(Tuple.of(10, block(true)),
                        Tuple.of(3, annotation(true).map(a -> List.of(layer(a)))),
                        Tuple.of(2, explosion()))
                : block(false);
        return block.list().ofMinSize(1).ofMaxSize(4).map(GraphDrafts::flatLayers);
    }

    private static Arbitrary<List<LayerDraft>> block(boolean hostile) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, chain(hostile)),
                Tuple.of(4, inception(hostile)),
                Tuple.of(4, residual(hostile)),
                Tuple.of(4, unet(hostile)),
                Tuple.of(4, fcn(hostile)),
                Tuple.of(2, padCrop(hostile)),
                Tuple.of(2, shifted(hostile)),
                Tuple.of(1, pyramid(hostile)),
                Tuple.of(2, head(hostile)));
    }

    /** A size-preserving layer: conv k3 p1, conv k1, or a pointwise layer. */
    private static Arbitrary<List<LayerDraft>> chain(boolean hostile) {
        return Arbitraries.oneOf(
                channels(hostile).map(c -> List.of(layer(conv(c, "3", "1")))),
                channels(hostile).map(c -> List.of(layer(conv(c, "1", null)))),
                Arbitraries.of("Relu", "BatchNorm", "Dropout").map(t -> List.of(layer(new Annot(t, List.of())))));
    }

    /**
     * Two to four branches reading the layer before the block (conv k1, conv k3 p1, conv k5 p2,
     * max pool k3 s1 p1: all keep size and centres), then a concat of them.
     */
    private static Arbitrary<List<LayerDraft>> inception(boolean hostile) {
        return Arbitraries.integers().between(2, 4).flatMap(n -> {
            List<Arbitrary<LayerDraft>> layers = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                Arbitrary<String> source = name(hostile, b + 1);    // the layer before the block
                layers.add(Combinators.combine(source, channels(hostile), Arbitraries.integers().between(0, 3))
                        .as((src, c, kind) -> layer(switch (kind) {
                            case 0 -> with(conv(c, "1", null), new Attr("from", src));
                            case 1 -> with(conv(c, "3", "1"), new Attr("from", src));
                            case 2 -> with(conv(c, "5", "2"), new Attr("from", src));
                            default -> new Annot("MaxPool", List.of(new Attr("from", src), new Attr("k", "3"),
                                    new Attr("s", "1"), new Attr("p", "1")));
                        })));
            }
            List<Arbitrary<String>> branches = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                branches.add(name(hostile, n - b));
            }
            layers.add(Combinators.combine(Combinators.combine(branches).as(List::copyOf), allowMisaligned(hostile))
                    .as((names, allow) -> layer(new Annot("Concat", concat(List.of(from(names)), allow)))));
            return Combinators.combine(layers).as(List::copyOf);
        });
    }

    /** Two convs of the same channels, then their sum: {@code Add(from = {first, second})}. */
    private static Arbitrary<List<LayerDraft>> residual(boolean hostile) {
        return Combinators.combine(channels(hostile), name(hostile, 2), name(hostile, 1), allowMisaligned(hostile))
                .as((c, a, b, allow) -> List.of(layer(conv(c, "3", "1")), layer(conv(c, "3", "1")),
                        layer(new Annot("Add", concat(List.of(from(List.of(a, b))), allow)))));
    }

    /**
     * Down by 2 (pool k2 s2), a conv, up by 2 (upsample, or deconv k2 s2), then a concat with the
     * map before the block: aligned when the size is even.
     */
    private static Arbitrary<List<LayerDraft>> unet(boolean hostile) {
        Arbitrary<Annot> up = Arbitraries.oneOf(
                mode(hostile).map(m -> new Annot("Upsample", concat(List.of(new Attr("factor", "2")), m))),
                channels(hostile).map(c -> new Annot("Deconv", List.of(new Attr("out", c), new Attr("k", "2"),
                        new Attr("s", "2")))));
        return Combinators.combine(channels(hostile), up, name(hostile, 4), name(hostile, 1))
                .as((c, u, skip, upped) -> List.of(
                        layer(new Annot("MaxPool", List.of(new Attr("k", "2"), new Attr("s", "2")))),
                        layer(conv(c, "3", "1")),
                        layer(u),
                        layer(new Annot("Concat", List.of(from(List.of(skip, upped)))))));
    }

    /**
     * FCN: down by s (conv or pool), a deconv k = 2s s = s back up, and a crop like the map before
     * the block (offset computed, or written), as FCN crops its score maps.
     */
    private static Arbitrary<List<LayerDraft>> fcn(boolean hostile) {
        return Arbitraries.integers().between(2, 4).flatMap(s -> Combinators.combine(
                        channels(hostile), Arbitraries.of(true, false), name(hostile, 3), offset(hostile),
                        Arbitraries.integers().between(0, s / 2))
                .as((c, pool, like, offset, p) -> List.of(
                        layer(pool ? new Annot("MaxPool", List.of(new Attr("k", "" + s), new Attr("s", "" + s)))
                                : new Annot("Conv", List.of(new Attr("out", c), new Attr("k", "" + s),
                                new Attr("s", "" + s)))),
                        layer(new Annot("Deconv", List.of(new Attr("out", c), new Attr("k", "" + 2 * s),
                                new Attr("s", "" + s), new Attr("p", "" + p)))),
                        layer(new Annot("Crop", concat(List.of(new Attr("like", like)), offset))))));
    }

    /** Zero padding, optionally a valid conv, and a crop back to the map before the block. */
    private static Arbitrary<List<LayerDraft>> padCrop(boolean hostile) {
        Arbitrary<String> side = value(hostile, Arbitraries.integers().between(0, 3));
        return Combinators.combine(side, side, side, side, Arbitraries.of(true, false), channels(hostile),
                        offset(hostile), allowMisaligned(hostile))
                .flatAs((t, b, l, r, conv, c, offset, allow) -> name(hostile, conv ? 3 : 2).map(like -> {
                    List<LayerDraft> layers = new ArrayList<>();
                    layers.add(layer(new Annot("Pad", List.of(new Attr("top", t), new Attr("bottom", b),
                            new Attr("left", l), new Attr("right", r)))));
                    if (conv) {
                        layers.add(layer(conv(c, "3", null)));
                    }
                    layers.add(layer(new Annot("Crop", concat(List.of(new Attr("like", like)), offset, allow))));
                    return layers;
                }));
    }

    /**
     * A branch of the same size whose centres are half a pixel off (pad top and left by one, then
     * a 2 x 2 conv), merged with the map before the block: misaligned, unless allowMisaligned.
     */
    private static Arbitrary<List<LayerDraft>> shifted(boolean hostile) {
        return Combinators.combine(channels(hostile), name(hostile, 3), name(hostile, 1), Arbitraries.of("Concat", "Add"),
                        allowMisaligned(hostile))
                .as((c, source, branch, merge, allow) -> List.of(
                        layer(new Annot("Pad", List.of(new Attr("top", "1"), new Attr("left", "1")))),
                        layer(conv(c, "2", null)),
                        layer(new Annot(merge, concat(List.of(from(List.of(source, branch))), allow)))));
    }

    /**
     * Global pooling of the map before the block and of its half-resolution pool, concatenated:
     * both 1 x 1, but of different jumps.
     */
    private static Arbitrary<List<LayerDraft>> pyramid(boolean hostile) {
        // the pool, the global pool of the source, that of the pool, and the concat of the two global pools
        return Combinators.combine(name(hostile, 2), name(hostile, 2), name(hostile, 2), name(hostile, 1),
                        allowMisaligned(hostile))
                .as((source, pool, fine, coarse, allow) -> List.of(
                        layer(new Annot("MaxPool", List.of(new Attr("k", "2"), new Attr("s", "2")))),
                        layer(new Annot("GlobalAvgPool", List.of(new Attr("from", source)))),
                        layer(new Annot("GlobalAvgPool", List.of(new Attr("from", pool)))),
                        layer(new Annot("Concat", concat(List.of(from(List.of(fine, coarse))), allow)))));
    }

    /** Global average pooling, then optionally a classifier. */
    private static Arbitrary<List<LayerDraft>> head(boolean hostile) {
        return Combinators.combine(Arbitraries.of(true, false), value(hostile, Arbitraries.integers().between(1, 10)))
                .as((fc, out) -> fc
                        ? List.of(layer(new Annot("GlobalAvgPool", List.of())),
                                layer(new Annot("FullyConnected", List.of(new Attr("out", out)))))
                        : List.of(layer(new Annot("GlobalAvgPool", List.of()))));
    }

    /**
     * Sizes and periods that explode: upsampling by 1000 (or more) two to four times, a deconv
     * with a huge stride, huge paddings; the processor must report NUMBER_TOO_LARGE at a layer,
     * not wrap, hang or crash.
     */
    private static Arbitrary<List<LayerDraft>> explosion() {
        Arbitrary<String> big = Arbitraries.of("1000", "1000", "46341", "65536", "1 << 20", "Integer.MAX_VALUE", "3");
        Arbitrary<List<LayerDraft>> upsamples = Combinators.combine(big, mode(false))
                .as((f, m) -> layer(new Annot("Upsample", concat(List.of(new Attr("factor", f)), m))))
                .list().ofMinSize(2).ofMaxSize(4);
        Arbitrary<List<LayerDraft>> deconv = Combinators.combine(big, big)
                .as((k, s) -> List.of(layer(new Annot("Deconv", List.of(new Attr("out", "4"), new Attr("k", k),
                        new Attr("s", s))))));
        Arbitrary<List<LayerDraft>> pads = big.list().ofSize(4).map(v -> List.of(layer(new Annot("Pad", List.of(
                new Attr("top", v.get(0)), new Attr("bottom", v.get(1)), new Attr("left", v.get(2)),
                new Attr("right", v.get(3)))))));
        return Arbitraries.frequencyOf(Tuple.of(3, upsamples), Tuple.of(1, deconv), Tuple.of(1, pads));
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static Arbitrary<String> channels(boolean hostile) {
        return value(hostile, Arbitraries.of(4, 8, 16));
    }

    private static Annot conv(String out, String k, String p) {
        List<Attr> attrs = new ArrayList<>(List.of(new Attr("out", out), new Attr("k", k)));
        if (p != null) {
            attrs.add(new Attr("p", p));
        }
        return new Annot("Conv", attrs);
    }

    private static Annot with(Annot a, Attr first) {
        List<Attr> attrs = new ArrayList<>();
        attrs.add(first);
        attrs.addAll(a.attrs());
        return new Annot(a.type(), attrs);
    }

    private static LayerDraft layer(Annot a) {
        return new LayerDraft(null, List.of(a), Placement.FIELD, "Object");
    }

    /** A sane value, or when hostile now and then one of {@link Drafts#hostileInt()}. */
    private static Arbitrary<String> value(boolean hostile, Arbitrary<Integer> sane) {
        Arbitrary<String> plain = sane.map(String::valueOf);
        return hostile ? Arbitraries.frequencyOf(Tuple.of(6, plain), Tuple.of(1, Drafts.hostileInt())) : plain;
    }

    /** An attribute written with probability {@code percent}, as a list of zero or one. */
    private static Arbitrary<List<Attr>> attr(boolean hostile, String name, Arbitrary<Integer> sane, int percent) {
        Arbitrary<List<Attr>> written = value(hostile, sane).map(v -> List.of(new Attr(name, v)));
        return percent >= 100 ? written : written.injectNull(1 - percent / 100.0).map(a -> a == null ? List.of() : a);
    }

    @SafeVarargs
    private static List<Attr> concat(List<Attr>... parts) {
        List<Attr> all = new ArrayList<>();
        for (List<Attr> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static List<Attr> flat(List<List<Attr>> parts) {
        List<Attr> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    private static List<LayerDraft> flatLayers(List<List<LayerDraft>> blocks) {
        List<LayerDraft> all = new ArrayList<>();
        blocks.forEach(all::addAll);
        return all;
    }
}
