package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NearestRounding;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Random layer graphs for the graph oracle, from a seed (so a failure is rerun from its seed alone):
 * chains of convolutions and pooling (odd and even kernels, strides 1-3, explicit, asymmetric and
 * SAME padding, dilation, rounding up), residual blocks, projection shortcuts, FCN-like paths
 * (padded convolutions, pooling, a transposed convolution back up, a crop like an earlier map or
 * the input, a merge), upsample-and-pool round trips, padding, long skips, a global pool at the
 * end. Mostly valid: each block is checked with {@link GraphOracle} as it is added and rolled back
 * if it broke something it was not meant to break. About one graph in five carries a deliberately
 * misaligned merge (or crop), half of them allowed, so that both the error and the acceptance
 * get tested; a graph ends at its first error, since the core may stop there.
 */
public final class RandomDags {

    private RandomDags() {
    }

    /** A generated graph, with the blocks it was built from (for statistics and reports). */
    public record Dag(long seed, NetworkInput input, List<LayerSpec> layers, Set<String> features) {

        public Dag {
            layers = List.copyOf(layers);
            features = Set.copyOf(features);
        }

        /** Java source that rebuilds the graph, to paste into a test. */
        public String toJava() {
            StringBuilder b = new StringBuilder("// seed ").append(seed).append(", ").append(features.stream().sorted()
                    .collect(Collectors.joining(" "))).append('\n');
            b.append("NetworkInput input = new NetworkInput(").append(input.channels()).append(", ")
                    .append(input.height()).append(", ").append(input.width()).append(");\n");
            b.append("List<LayerSpec> layers = List.of(");
            for (int i = 0; i < layers.size(); i++) {
                b.append(i == 0 ? "\n        " : ",\n        ").append(java(layers.get(i))).append("   // ").append(i);
            }
            return b.append(");").toString();
        }

        @Override
        public String toString() {
            return toJava();
        }
    }

    public static Dag generate(long seed) {
        return new Builder(seed).build();
    }

    /**
     * The graph of {@link #generate} for the same seed, drawn the same way, with a quarter of the
     * channels a convolution chooses (1, 2, 4 or 8 instead of 4 to 32): for engines that compute
     * every unit, such as ONNX Runtime in the importer's tests. Channels steer a few choices (a
     * channel split, add or concatenate), so the two graphs of a seed may differ there.
     */
    public static Dag generateNarrow(long seed) {
        return new Builder(seed, 2).build();
    }

    // ------------------------------------------------------------------------------------------

    private static final class Builder {
        private final long seed;
        private final Random r;
        /** Draws for the gate blocks only, apart from {@link #r}. */
        private final Random context;
        /** Draws for fractional upsampling factors only, so that the graphs without them stay as they were. */
        private final Random fractions;
        /** Draws for shrinking (per above factor) bilinear resizes only, apart for the same reason. */
        private final Random shrinks;
        /** Draws for the nearest upsamplings' coordinates, roundings and fractions only. */
        private final Random nearestDraws;
        /** Draws for the cubic upsamplings only, apart for the same reason. */
        private final Random cubicDraws;
        /** Draws of the pixel shuffle tail, a stream of its own so that other blocks stay as they were. */
        private final Random pixels;
        private final NetworkInput input;
        private final List<LayerSpec> layers = new ArrayList<>();
        private final Set<String> features = new LinkedHashSet<>();
        private GraphOracle cached;
        /** Set once the graph has a deliberate error: nothing more is added. */
        private boolean ended;
        /**
         * Misaligned merges this graph may still get: one in about a fifth of the graphs, none in
         * the rest (a misaligned merge that happens by accident there is rolled back). Without the
         * budget half the graphs would end in one, and few would test the valid geometry.
         */
        private int misalignBudget;

        /** Chosen channel counts are shifted right by this (0, or 2 for {@link #generateNarrow}). */
        private final int narrow;

        Builder(long seed) {
            this(seed, 0);
        }

        Builder(long seed, int narrow) {
            this.seed = seed;
            this.narrow = narrow;
            this.r = new Random(seed);
            int h = 16 + r.nextInt(81);
            int w = r.nextInt(3) == 0 ? 16 + r.nextInt(81) : h;
            this.input = new NetworkInput(3, h, w);
            this.misalignBudget = r.nextInt(5) == 0 ? 1 : 0;
            this.context = new Random(seed * 0x9E3779B97F4A7C15L + 11);
            this.fractions = new Random(seed * 0x9E3779B97F4A7C15L + 23);
            this.shrinks = new Random(seed * 0x9E3779B97F4A7C15L + 37);
            this.nearestDraws = new Random(seed * 0x9E3779B97F4A7C15L + 41);
            this.cubicDraws = new Random(seed * 0x9E3779B97F4A7C15L + 47);
            this.pixels = new Random(seed * 0x9E3779B97F4A7C15L + 43);
        }

        Dag build() {
            int cur = LayerSpec.NETWORK_INPUT;
            int blocks = 2 + r.nextInt(6);
            for (int b = 0; b < blocks && !ended && layers.size() < 36; b++) {
                int pick = r.nextInt(100);
                if (pick < 16) {
                    cur = attempt(cur, this::chain);
                } else if (pick < 20) {
                    cur = attempt(cur, this::shuffleUnit);
                } else if (pick < 35) {
                    cur = attempt(cur, this::residual);
                } else if (pick < 47) {
                    cur = attempt(cur, this::projection);
                } else if (pick < 62) {
                    cur = attempt(cur, this::fcn);
                } else if (pick < 75) {
                    cur = attempt(cur, this::upDown);
                } else if (pick < 82) {
                    cur = attempt(cur, this::padConv);
                } else if (pick < 89) {
                    cur = attempt(cur, this::longSkip);
                } else if (misalignBudget > 0) {
                    cur = attempt(cur, this::misaligned);
                } else {
                    cur = attempt(cur, this::chain);
                }
            }
            if (misalignBudget > 0 && !ended) {
                cur = attempt(cur, this::misaligned);
            }
            // Gates and normalisations over the map draw from their own stream, so that the graphs
            // of every seed stay what they were before these blocks existed, with this tail added.
            if (!ended && context.nextInt(5) < 2) {
                cur = attempt(cur, this::gated);
            }
            if (!ended && pixels.nextInt(4) == 0) {
                cur = attempt(cur, this::pixelShuffles);
            }
            if (!ended && r.nextInt(5) == 0) {
                attempt(cur, this::head);
            }
            if (ended && r.nextBoolean()) {
                // A layer after the error: the core must not trip over it.
                add(LayerSpec.pointwise("relu", LayerKind.RELU).from(layers.size() - 1));
            }
            return new Dag(seed, input, layers, features);
        }

        interface Block {
            /** Adds layers after {@code cur}; returns the new current map, or null to give up. */
            Integer apply(int cur);
        }

        /**
         * Runs a block; keeps it if the graph is still valid, or if it failed exactly where the
         * block meant it to (then the graph ends); otherwise rolls it back, up to three tries.
         */
        private int attempt(int cur, Block block) {
            for (int tries = 0; tries < 3; tries++) {
                int mark = layers.size();
                int budget = misalignBudget;
                Set<String> before = new LinkedHashSet<>(features);
                Integer next;
                try {
                    next = block.apply(cur);
                } catch (RuntimeException e) {
                    // A block reading sizes of layers after an accidental failure: roll it back.
                    next = null;
                }
                GraphOracle o = oracle();
                if (next != null && o.failure().isEmpty() && sane()) {
                    return next;
                }
                if (next != null && ended && o.failure().isPresent() && o.failure().get().layer() == layers.size() - 1
                        && (o.failure().get().kind() == GraphOracle.FailureKind.MISALIGNED
                        || features.contains("unshuffle-indivisible")
                        || features.contains("bad-crop") || features.contains("nearest-outside"))) {
                    return next;
                }
                ended = false;
                misalignBudget = budget;
                truncate(mark);
                features.clear();
                features.addAll(before);
            }
            return cur;
        }

        /** Sizes stay in a range where the test is quick and maps are not degenerate. */
        private boolean sane() {
            GraphOracle o = oracle();
            for (int i = 0; i < layers.size(); i++) {
                for (Axis a : Axis.values()) {
                    if (o.size(i, a) > 400) {
                        return false;
                    }
                }
            }
            return true;
        }

        private GraphOracle oracle() {
            if (cached == null) {
                cached = GraphOracle.run(input, layers);
            }
            return cached;
        }

        private void truncate(int size) {
            while (layers.size() > size) {
                layers.remove(layers.size() - 1);
            }
            cached = null;
        }

        private int add(LayerSpec spec) {
            int index = layers.size();
            String name = spec.kind().displayName().toLowerCase() + index;
            layers.add(new LayerSpec(name, spec.kind(), spec.inputs(), spec.y(), spec.x(), spec.out(), spec.in(),
                    spec.groups(), spec.extras()));
            cached = null;
            return index;
        }

        private long n(int i, Axis a) {
            return oracle().size(i, a);
        }

        private long ch(int i) {
            return oracle().channels(i);
        }

        private boolean sameSize(int i, int j) {
            return n(i, Axis.Y) == n(j, Axis.Y) && n(i, Axis.X) == n(j, Axis.X);
        }

        private long outs() {
            return (4L << r.nextInt(4)) >> narrow;
        }

        private boolean aligned(int i, int j) {
            GraphOracle o = oracle();
            for (Axis a : Axis.values()) {
                for (long u = 0; u <= 1; u++) {
                    if (o.centre(i, a, u).compareTo(o.centre(j, a, u)) != 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * Merges {@code a} and {@code b} (order random: the first input gives the centre). If they
         * are misaligned, half the time the merge allows it, else the graph ends at the error.
         */
        private Integer merge(int a, int b) {
            if (oracle().failure().isPresent() || !sameSize(a, b)) {
                return null;
            }
            boolean add = ch(a) == ch(b) && r.nextInt(10) < 7;
            List<Integer> in = r.nextBoolean() ? List.of(a, b) : List.of(b, a);
            LayerSpec m = LayerSpec.merge("m", add ? LayerKind.ADD : LayerKind.CONCAT, in.toArray(Integer[]::new));
            features.add(add ? "add" : "concat");
            if (!aligned(a, b)) {
                if (misalignBudget == 0) {
                    return null;
                }
                misalignBudget--;
                boolean allow = r.nextBoolean();
                if (allow) {
                    m = new LayerSpec(m.name(), m.kind(), m.inputs(), null, null, m.out(), m.in(), m.groups(),
                            m.extras().withAllowMisaligned(true));
                    features.add("misaligned-allowed");
                } else {
                    features.add("misaligned-error");
                    ended = true;
                }
            }
            return add(m);
        }

        // --- windows ------------------------------------------------------------------------------

        private Window window(long n, boolean pool) {
            for (int tries = 0; tries < 12; tries++) {
                long k = pool ? 2 + r.nextInt(3) : new long[] {1, 1, 2, 3, 3, 3, 4, 5, 7}[r.nextInt(9)];
                long s = new long[] {1, 1, 1, 2, 2, 3}[r.nextInt(6)];
                long d = k > 1 && r.nextInt(7) == 0 ? 2 : 1;
                long ke = d * (k - 1) + 1;
                // A pooling window may be padded by up to half its (dilated) span.
                long pb = pool ? r.nextInt((int) (ke / 2) + 1) : r.nextInt((int) ke);
                long pa = r.nextInt(5) == 0 ? (pool ? r.nextInt((int) (ke / 2) + 1) : r.nextInt((int) ke)) : pb;
                Rounding rounding = r.nextInt(pool ? 3 : 10) == 0 ? Rounding.CEIL : Rounding.FLOOR;
                PaddingMode mode = r.nextInt(12) == 0 ? PaddingMode.SAME : PaddingMode.EXPLICIT;
                if (rounding == Rounding.CEIL) {
                    pa = Math.min(pa, ke - 1);   // rounding up is defined only for pa < ke (see Chains.ceilDomain)
                }
                Window w = new Window(k, s, d, pb, pa, mode, rounding);
                if (AxisOracle.place(w, Math.toIntExact(n)).outputSize() >= 2) {
                    return w;
                }
            }
            return Window.of(1, 1, 0);
        }

        /**
         * A stride-1 transposed convolution dilated by 2 or 3 on at least one axis (the only
         * stride @Deconv accepts with a dilation), padded by less than half its span on each side
         * so that it never shrinks the map.
         */
        private LayerSpec dilatedDeconv() {
            features.add("dilated-deconv");
            Window[] w = new Window[2];
            for (int a = 0; a < 2; a++) {
                long k = 2 + r.nextInt(2);
                long d = a == 0 || r.nextBoolean() ? 2 + r.nextInt(2) : 1;
                long half = (d * (k - 1)) / 2;
                w[a] = new Window(k, 1, d, r.nextInt((int) half + 1), r.nextInt((int) half + 1), PaddingMode.EXPLICIT,
                        Rounding.FLOOR);
            }
            Window y = r.nextBoolean() ? w[0] : w[1];
            Window x = y == w[0] ? w[1] : w[0];
            return new LayerSpec("d", LayerKind.DECONV, List.of(), y, x, OptionalLong.of(outs()), OptionalLong.empty(), 1,
                    LayerSpec.Extras.NONE);
        }

        /** A convolution that keeps the size and the centres: odd kernel, stride 1, half the kernel padded. */
        private LayerSpec sizeKeeping(long out) {
            long k = new long[] {1, 3, 3, 5}[r.nextInt(4)];
            long d = k == 3 && r.nextInt(4) == 0 ? 2 : 1;
            long p = d * (k - 1) / 2;
            Window w = new Window(k, 1, d, p, p, PaddingMode.EXPLICIT, Rounding.FLOOR);
            return LayerSpec.conv("c", out, w);
        }

        // --- blocks -------------------------------------------------------------------------------

        private Integer chain(int cur) {
            features.add("chain");
            int count = 1 + r.nextInt(3);
            for (int i = 0; i < count; i++) {
                int kind = r.nextInt(20);
                if (kind < 3) {
                    cur = add(LayerSpec.pointwise("p", kind == 0 ? LayerKind.RELU : LayerKind.BATCH_NORM).from(cur));
                    continue;
                }
                if (kind == 19 && r.nextBoolean()) {
                    cur = add(dilatedDeconv().from(cur));
                    continue;
                }
                boolean pool = kind < 8;
                Window y = window(n(cur, Axis.Y), pool);
                Window x = r.nextInt(5) == 0 ? window(n(cur, Axis.X), pool) : y;
                if (AxisOracle.place(x, Math.toIntExact(n(cur, Axis.X))).outputSize() == 0
                        || AxisOracle.place(y, Math.toIntExact(n(cur, Axis.Y))).outputSize() == 0) {
                    return null;
                }
                if (y.rounding() == Rounding.CEIL || x.rounding() == Rounding.CEIL) {
                    features.add("ceil");
                }
                if (y.dilation() > 1 || x.dilation() > 1) {
                    features.add(pool ? "dilated-pool" : "dilation");
                }
                LayerKind k = pool ? (r.nextBoolean() ? LayerKind.MAX_POOL : LayerKind.AVG_POOL) : LayerKind.CONV;
                cur = add(new LayerSpec("w", k, List.of(cur), y, x, pool ? OptionalLong.empty()
                        : OptionalLong.of(outs()), OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
            }
            return cur;
        }

        /**
         * A ShuffleNet unit: the channels split in two ranges, one convolved, the two concatenated
         * (or added, when equal) and shuffled in a random divisor of their channels; on a map of
         * unknown channels, one range, unchecked.
         */
        private Integer shuffleUnit(int cur) {
            features.add("channels");
            long c = ch(cur);
            if (c < 2) {
                return c < 0 ? add(LayerSpec.channels("s", r.nextInt(4), 1 + r.nextInt(8)).from(cur)) : null;
            }
            long left = 1 + r.nextInt((int) c - 1);
            int a = add(LayerSpec.channels("s", 0, left).from(cur));
            int b = add(LayerSpec.channels("s", left, c - left).from(cur));
            b = add(sizeKeeping(c - left).from(b));
            Integer m = merge(r.nextBoolean() ? a : add(LayerSpec.pointwise("p", LayerKind.RELU).from(a)), b);
            if (m == null || ended) {
                return m;
            }
            List<Long> divisors = new ArrayList<>();
            for (long g = 1; g <= ch(m); g++) {
                if (ch(m) % g == 0) {
                    divisors.add(g);
                }
            }
            features.add("shuffle");
            return add(LayerSpec.channelShuffle("x", divisors.get(r.nextInt(divisors.size()))).from(m));
        }

        private Integer residual(int cur) {
            features.add("residual");
            long c = ch(cur);
            int a = cur;
            int depth = 1 + r.nextInt(3);
            for (int i = 0; i < depth; i++) {
                a = add(sizeKeeping(i == depth - 1 ? c : outs()).from(a));
            }
            int b = r.nextInt(5) < 3 ? cur : add(LayerSpec.conv("c", c, Window.of(1, 1, 0)).from(cur));
            if (r.nextInt(6) == 0 && b != cur) {
                features.add("merge3");
                return add(LayerSpec.merge("m", LayerKind.ADD, a, b, cur));
            }
            return merge(a, b);
        }

        /** Two strided paths of the same stride: the oracle says whether they stay aligned. */
        private Integer projection(int cur) {
            features.add("projection");
            long c = outs();
            int a;
            int b;
            switch (r.nextInt(5)) {
                case 0 -> {     // ResNet: 3x3 s2 p1 (+ 3x3) against 1x1 s2
                    a = add(LayerSpec.conv("c", outs(), Window.of(3, 2, 1)).from(cur));
                    a = add(LayerSpec.conv("c", c, Window.of(3, 1, 1)).from(a));
                    b = add(LayerSpec.conv("c", c, Window.of(1, 2, 0)).from(cur));
                }
                case 1 -> {     // the same strided window on both sides
                    Window w = window(Math.min(n(cur, Axis.Y), n(cur, Axis.X)), false);
                    a = add(LayerSpec.conv("c", c, Window.of(1, 1, 0)).from(cur));
                    a = add(new LayerSpec("c", LayerKind.CONV, List.of(a), w, w, OptionalLong.of(c),
                            OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
                    b = add(new LayerSpec("c", LayerKind.CONV, List.of(cur), w, w, OptionalLong.of(c),
                            OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
                }
                case 2 -> {     // max pool 3 s2 p1 against 1x1 s2
                    a = add(LayerSpec.maxPool("p", Window.of(3, 2, 1)).from(cur));
                    b = add(LayerSpec.conv("c", ch(cur), Window.of(1, 2, 0)).from(cur));
                }
                case 3 -> {     // ResNet-D: avg pool 2 s2 then 1x1, against 3x3 s2 p1 (half a pixel apart)
                    a = add(LayerSpec.conv("c", c, Window.of(3, 2, 1)).from(cur));
                    Window w = new Window(2, 2, 1, 0, 0, PaddingMode.EXPLICIT,
                            r.nextBoolean() ? Rounding.CEIL : Rounding.FLOOR);
                    b = add(new LayerSpec("p", LayerKind.AVG_POOL, List.of(cur), w, w, OptionalLong.empty(),
                            OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
                    b = add(LayerSpec.conv("c", c, Window.of(1, 1, 0)).from(b));
                }
                default -> {    // even kernel 2 s2 against 1x1 s2
                    a = add(LayerSpec.conv("c", c, Window.of(2, 2, 0)).from(cur));
                    b = add(LayerSpec.conv("c", c, Window.of(1, 2, 0)).from(cur));
                }
            }
            return merge(a, b);
        }

        /**
         * FCN: a padded convolution, pooling down by S, a transposed convolution back up by S, a crop
         * like the map it started from (or the network input), then a merge with it.
         */
        private Integer fcn(int cur) {
            features.add("fcn");
            int skip = cur;
            long pad = r.nextInt(13);
            int a = add(LayerSpec.conv("c", outs(), Window.of(3, 1, pad)).from(cur));
            long total = 1;
            int downs = 1 + r.nextInt(2);
            for (int i = 0; i < downs; i++) {
                long s = 2 + r.nextInt(2);
                total *= s;
                switch (r.nextInt(4)) {
                    case 0 -> a = add(LayerSpec.maxPool("p", Window.of(s, s, 0)).from(a));
                    case 1 -> a = add(LayerSpec.maxPool("p", new Window(s + 1, s, 1, 0, 0, PaddingMode.EXPLICIT,
                            Rounding.CEIL)).from(a));
                    case 2 -> a = add(LayerSpec.conv("c", outs(), Window.of(3, s, 1)).from(a));
                    default -> a = add(LayerSpec.conv("c", outs(), Window.of(s + 1, s, 0)).from(a));
                }
            }
            if (r.nextBoolean()) {
                a = add(LayerSpec.conv("c", outs(), Window.of(1, 1, 0)).from(a));
            }
            long s = total;
            Window wy = deconvWindow(s);
            Window wx = r.nextInt(5) == 0 ? deconvWindow(s) : wy;
            long op = r.nextInt(5) == 0 ? r.nextInt((int) s) : 0;
            if (op > 0) {
                features.add("output-padding");
            }
            if (!wx.equals(wy) || wy.dilation() > 1 || wy.padBefore() != wy.padAfter()) {
                features.add("odd-deconv");
            }
            a = add(new LayerSpec("d", LayerKind.DECONV, List.of(a), wy, wx, OptionalLong.of(ch(skip)),
                    OptionalLong.empty(), 1, LayerSpec.Extras.NONE.withOutputPadding(op)));
            if (r.nextInt(20) == 0) {
                // Deliberately wrong: like a map of another jump (the pooled one), or like
                // something larger than the source.
                features.add("bad-crop");
                ended = true;
                return add(LayerSpec.crop("x", a, a - 1));
            }
            int crop = add(LayerSpec.crop("x", a, skip));
            features.add(skip < 0 ? "crop-like-input" : "crop");
            if (oracle().failure().isEmpty() && r.nextInt(4) == 0) {
                // The same crop with its offsets written out: accepted when they are the aligned
                // ones; one unit further (if it fits) misaligns it, allowed or an error.
                long oy = oracle().offset(crop, Axis.Y);
                long ox = oracle().offset(crop, Axis.X);
                LayerSpec.Extras e = layers.get(crop).extras();
                if (misalignBudget > 0 && oy + n(skip, Axis.Y) < n(a, Axis.Y)) {
                    misalignBudget--;
                    oy++;
                    boolean allow = r.nextBoolean();
                    e = e.withAllowMisaligned(allow);
                    features.add(allow ? "misaligned-allowed" : "misaligned-error");
                    ended = !allow;
                }
                truncate(crop);
                crop = add(new LayerSpec("x", LayerKind.CROP, List.of(a), null, null, OptionalLong.empty(),
                        OptionalLong.empty(), 1, e.withLike(skip, OptionalLong.of(oy), OptionalLong.of(ox))));
                features.add("explicit-offset");
                if (ended) {
                    return crop;
                }
            }
            if (r.nextInt(5) == 0) {
                return crop;
            }
            return merge(crop, skip);
        }

        /**
         * A transposed convolution's window for stride s: kernel s..2s, maybe padded unevenly. Not
         * dilated: with a stride above 1 a dilation makes the fields move backwards (see
         * {@link #dilatedDeconv}, stride 1, for the dilated ones).
         */
        private Window deconvWindow(long s) {
            long k = new long[] {s, 2 * s, 2 * s, s + 1, 2 * s - 1}[r.nextInt(5)];
            long d = 1;
            long ke = d * (k - 1) + 1;
            long p = r.nextInt((int) ((ke - s) / 2) + 1);
            long pa = r.nextInt(6) == 0 ? r.nextInt((int) ((ke - s) / 2) + 1) : p;
            return new Window(k, s, d, p, pa, PaddingMode.EXPLICIT, Rounding.FLOOR);
        }

        /** Up and back down (or down and back up) by the same factor, merged with the start. */
        private Integer upDown(int cur) {
            features.add("updown");
            long f = 2 + r.nextInt(2);
            int a;
            boolean chained = false;
            if (r.nextBoolean()) {
                boolean bilinear = r.nextBoolean();
                features.add(bilinear ? "bilinear" : "nearest");
                // One time in three the axes take different factors (1 to 3 each), and the way
                // back down pools each axis by its own.
                long fy = f;
                if (r.nextInt(3) == 0) {
                    features.add("per-axis-factor");
                    f = 1 + r.nextInt(3);
                    fy = f == 1 ? 2 + r.nextInt(2) : 1 + r.nextInt(3);
                }
                LayerSpec up = LayerSpec.upsample("u", f, fy, bilinear);
                // One bilinear upsampling in two places its units otherwise; the result, no longer
                // aligned with the start (and, for aligned corners, of another jump), is not merged.
                // Aligned corners repeat only every N - 1 units: kept to maps of at most 65 units.
                if (bilinear && r.nextBoolean()) {
                    boolean corners = r.nextBoolean() && Math.max(n(cur, Axis.Y) * fy, n(cur, Axis.X) * f) <= 65;
                    features.add(corners ? "align-corners" : "asymmetric");
                    chained = true;
                    up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                            up.extras().withCoordinates(corners ? Coordinates.ALIGN_CORNERS : Coordinates.ASYMMETRIC));
                    // One asymmetric in three becomes tf_half_pixel_for_nn, drawn apart (as shrinks).
                    if (!corners && shrinks.nextInt(3) == 0) {
                        features.add("tf-half-pixel");
                        up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                                up.extras().withCoordinates(Coordinates.TF_HALF_PIXEL_FOR_NN));
                    }
                }
                // One bilinear upsampling in two (half-pixel or asymmetric) takes fractional
                // factors, 3/2, 5/2, 4/3 or 7/3 on each axis, and is not merged; pooled back by
                // the factor rounded up. Small numerators keep the periods (the numerators) short.
                // Not with aligned corners, whose period (N - 1) / gcd(n - 1, N - n) would grow
                // beyond the 1,024 units kept (the annotations' brute-force graphs test those).
                if (bilinear && fractions.nextBoolean() && up.extras().coordinates() != Coordinates.ALIGN_CORNERS) {
                    long perX = 2 + fractions.nextInt(2);
                    long perY = 2 + fractions.nextInt(2);
                    long fx = fractions.nextBoolean() ? perX + 1 : 2 * perX + 1;
                    long fyy = fractions.nextBoolean() ? perY + 1 : 2 * perY + 1;
                    features.add("fractional-factor");
                    chained = true;
                    up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                            up.extras().withFactors(fx, fyy, true).withPers(perX, perY));
                    f = (fx + perX - 1) / perX;
                    fy = (fyy + perY - 1) / perY;
                }
                // One bilinear upsampling in four (not with aligned corners, for the period's sake)
                // shrinks instead, by 1/2, 2/3 or 3/5 on each axis (ONNX linear without
                // antialiasing), drawn apart so that the other graphs stay as they were; not merged,
                // and "pooled back" by a window of 1.
                if (bilinear && shrinks.nextInt(4) == 0 && up.extras().coordinates() != Coordinates.ALIGN_CORNERS) {
                    long[][] fractions = {{1, 2}, {2, 3}, {3, 5}};
                    long[] x = fractions[shrinks.nextInt(3)];
                    long[] y = fractions[shrinks.nextInt(3)];
                    if (n(cur, Axis.X) >= x[1] && n(cur, Axis.Y) >= y[1]) {
                        features.add("shrinking");
                        chained = true;
                        up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                                up.extras().withFactors(x[0], y[0], true).withPers(x[1], y[1]));
                        f = 1;
                        fy = 1;
                    }
                }
                // One nearest upsampling in two places and rounds its units as another ONNX
                // coordinate mode and nearest_mode do, one in two of those by a fractional factor;
                // not merged. Where a real unit rounds
                // outside the input the oracle fails there, and the graph ends on that error.
                if (!bilinear && nearestDraws.nextBoolean()) {
                    // Not aligned corners: their periods, times the input's, outgrow the 1,024 units
                    // kept (the brute-force graphs and NearestSamplingTest cover them).
                    Coordinates c = nearestDraws.nextBoolean() ? Coordinates.HALF_PIXEL : Coordinates.ASYMMETRIC;
                    LayerSpec.Extras e = up.extras().withCoordinates(c)
                            .withRounding(NearestRounding.values()[nearestDraws.nextInt(4)]);
                    if (c != Coordinates.ALIGN_CORNERS && nearestDraws.nextBoolean()) {
                        long perX = 2 + nearestDraws.nextInt(2);
                        long perY = 2 + nearestDraws.nextInt(2);
                        long fx = nearestDraws.nextBoolean() ? perX + 1 : 2 * perX + 1;
                        long fyy = nearestDraws.nextBoolean() ? perY + 1 : 2 * perY + 1;
                        e = e.withFactors(fx, fyy, false).withPers(perX, perY);
                        f = (fx + perX - 1) / perX;
                        fy = (fyy + perY - 1) / perY;
                    }
                    features.add("nearest-variant");
                    chained = true;
                    up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1, e);
                }
                // One bilinear upsampling in three, whatever its coordinates and factors, is cubic
                // instead (same positions, four taps), with PyTorch's, TensorFlow's or the
                // two-tap kernel, excluding the taps beyond the map or not; drawn apart. Not in the
                // narrow graphs: ONNX Runtime's random-graph confirmation relies on positive weights
                // only (nothing cancels), which a cubic kernel's negative taps would break; the
                // importer's cubic tests confirm cubic on ONNX Runtime with one path per pixel.
                if (bilinear && narrow == 0 && cubicDraws.nextInt(3) == 0) {
                    double[] coefficients = {-0.75, -0.5, 0};
                    features.add("cubic");
                    up = new LayerSpec(up.name(), up.kind(), up.inputs(), null, null, up.out(), up.in(), 1,
                            up.extras().withCubic(dev.convgeom.engine.CubicKernel.of(
                                    coefficients[cubicDraws.nextInt(3)], cubicDraws.nextBoolean())));
                }
                a = add(up.from(cur));
                if (layers.size() > 1 && oracle().failure()
                        .filter(x -> x.kind() == GraphOracle.FailureKind.NEAREST_OUTSIDE
                                || x.kind() == GraphOracle.FailureKind.CUBIC_UNORDERED).isPresent()) {
                    features.add(up.extras().cubic() != null ? "cubic-unordered" : "nearest-outside");
                    ended = true;
                    return a;
                }
                if (r.nextBoolean()) {
                    a = add(sizeKeeping(outs()).from(a));
                }
                Window down = Window.of(fy, fy, 0);
                Window across = Window.of(f, f, 0);
                a = r.nextBoolean()
                        ? add(new LayerSpec("p", LayerKind.MAX_POOL, List.of(a), down, across, OptionalLong.empty(),
                                OptionalLong.empty(), 1, LayerSpec.Extras.NONE))
                        : add(new LayerSpec("c", LayerKind.CONV, List.of(a), down, across, OptionalLong.of(ch(cur)),
                                OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
            } else {
                f = 2;
                a = r.nextBoolean() ? add(LayerSpec.maxPool("p", Window.of(2, 2, 0)).from(cur))
                        : add(LayerSpec.conv("c", outs(), Window.of(3, 2, 1)).from(cur));
                if (r.nextBoolean()) {
                    a = add(sizeKeeping(outs()).from(a));
                }
                switch (r.nextInt(3)) {
                    case 0 -> {
                        boolean bilinear = r.nextBoolean();
                        features.add(bilinear ? "bilinear" : "nearest");
                        a = add(LayerSpec.upsample("u", 2, bilinear).from(a));
                    }
                    case 1 -> {
                        features.add("deconv");
                        a = add(LayerSpec.deconv("d", ch(cur), 2, 2, 0).from(a));
                    }
                    default -> {
                        features.add("deconv");
                        a = add(LayerSpec.deconv("d", ch(cur), 4, 2, 1).from(a));
                    }
                }
                if (!sameSize(a, cur)) {
                    a = add(LayerSpec.crop("x", a, cur));
                    features.add("crop");
                }
            }
            return chained ? a : merge(a, cur);
        }

        /** Pad, then a valid convolution that takes the padding back: aligned iff the padding is symmetric. */
        private Integer padConv(int cur) {
            features.add("pad");
            long t = r.nextInt(3);
            long b = r.nextInt(4) == 0 ? r.nextInt(3) : t;
            long l = r.nextInt(3);
            long rt = r.nextInt(4) == 0 ? r.nextInt(3) : l;
            int a = add(LayerSpec.pad("pad", t, b, l, rt).from(cur));
            Window y = Window.of(t + b + 1, 1, 0);
            Window x = Window.of(l + rt + 1, 1, 0);
            a = add(new LayerSpec("c", LayerKind.CONV, List.of(a), y, x, OptionalLong.of(ch(cur)), OptionalLong.empty(),
                    1, LayerSpec.Extras.NONE));
            return merge(a, cur);
        }

        /** A merge with an earlier map of the current size, anywhere in the graph. */
        private Integer longSkip(int cur) {
            List<Integer> candidates = new ArrayList<>();
            for (int j = LayerSpec.NETWORK_INPUT; j < cur; j++) {
                if (sameSize(j, cur) && (j < 0 || layers.get(j).kind().role() != LayerKind.Role.MERGE)) {
                    candidates.add(j);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
            features.add("long-skip");
            return merge(cur, candidates.get(r.nextInt(candidates.size())));
        }

        /** Deliberately misaligned branches of equal size. */
        private Integer misaligned(int cur) {
            features.add("deliberate");
            int a = switch (r.nextInt(3)) {
                case 0 -> {     // pad one before, then an even 2-tap window: half a pixel back
                    int p = add(LayerSpec.pad("pad", 1, 0, 1, 0).from(cur));
                    yield add(LayerSpec.conv("c", ch(cur), Window.of(2, 1, 0)).from(p));
                }
                case 1 -> {     // 3 taps padded 2 before, none after: a pixel back
                    Window w = new Window(3, 1, 1, 2, 0, PaddingMode.EXPLICIT, Rounding.FLOOR);
                    yield add(new LayerSpec("c", LayerKind.CONV, List.of(cur), w, w, OptionalLong.of(ch(cur)),
                            OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
                }
                default -> {    // pad one before and crop one off the end: a shift by one
                    int p = add(LayerSpec.pad("pad", 1, 0, 0, 0).from(cur));
                    Window y = new Window(1, 1, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.FLOOR);
                    yield add(new LayerSpec("c", LayerKind.CONV, List.of(p), new Window(2, 1, 1, 0, 0,
                            PaddingMode.EXPLICIT, Rounding.FLOOR), y, OptionalLong.of(ch(cur)), OptionalLong.empty(), 1,
                            LayerSpec.Extras.NONE));
                }
            };
            return merge(a, cur);
        }

        /**
         * Squeeze-and-excitation: global pooling of the current map or of an earlier one, 1x1
         * convolutions and a sigmoid to a gate of one unit per channel (or one), the current map
         * gated; then maybe a window, an instance normalisation, an upsampling or a second gate,
         * so that the context passes through every kind of layer.
         */
        private Integer gated(int cur) {
            features.add("gate");
            int pooled = cur;
            if (context.nextBoolean() && cur >= 0) {
                pooled = LayerSpec.NETWORK_INPUT + context.nextInt(cur + 2);
                features.add("gate-elsewhere");
            }
            int g = add(new LayerSpec("g", LayerKind.GLOBAL_AVG_POOL, List.of(pooled), null, null,
                    OptionalLong.empty(), OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
            int squeeze = add(LayerSpec.conv("c", 4, Window.of(1, 1, 0)).from(g));
            long gateChannels = context.nextInt(4) == 0 ? 1 : ch(cur);
            int excite = add(LayerSpec.conv("c", gateChannels, Window.of(1, 1, 0)).from(squeeze));
            int sigmoid = add(LayerSpec.pointwise("s", LayerKind.SIGMOID).from(excite));
            int out = add(new LayerSpec("gate", LayerKind.GATE, List.of(cur, sigmoid), null, null,
                    OptionalLong.empty(), OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
            switch (context.nextInt(5)) {
                case 0 -> out = add(LayerSpec.conv("c", (4L << context.nextInt(4)) >> narrow, Window.of(3, 1 + context.nextInt(2), 1)).from(out));
                case 1 -> {
                    features.add("instance-norm");
                    out = add(LayerSpec.pointwise("n", LayerKind.INSTANCE_NORM).from(out));
                }
                case 2 -> out = add(LayerSpec.upsample("u", 2, context.nextBoolean()).from(out));
                case 3 -> {
                    features.add("instance-norm");
                    int norm = add(LayerSpec.pointwise("n", LayerKind.INSTANCE_NORM).from(cur));
                    out = add(LayerSpec.merge("m", LayerKind.ADD, out, norm));
                }
                default -> {
                }
            }
            return out;
        }

        /**
         * ESPCN's upsampling (a convolution to {@code c f^2} channels, a pixel shuffle by {@code f}),
         * or a pixel unshuffle by {@code f}: on a map {@code f} divides, padded to one, or deliberately
         * on one it does not divide (the graph then ends); an unshuffle is sometimes shuffled back.
         */
        private Integer pixelShuffles(int cur) {
            long f = 2 + pixels.nextInt(2);
            if (pixels.nextBoolean()) {
                features.add("pixel-shuffle");
                int conv = add(LayerSpec.conv("c", (1 + pixels.nextInt(3)) * f * f, Window.of(3, 1, 1)).from(cur));
                return add(LayerSpec.pixelShuffle("ps", f).from(conv));
            }
            long py = Math.floorMod(-n(cur, Axis.Y), f);
            long px = Math.floorMod(-n(cur, Axis.X), f);
            if ((py != 0 || px != 0) && pixels.nextInt(3) != 0) {
                features.add("unshuffle-padded");
                cur = add(LayerSpec.pad("p", 0, py, px, 0).from(cur));
            } else if (py != 0 || px != 0) {
                features.add("unshuffle-indivisible");
                ended = true;
            }
            features.add("pixel-unshuffle");
            int down = add(LayerSpec.pixelUnshuffle("pu", f).from(cur));
            if (!ended && pixels.nextBoolean()) {
                features.add("pixel-round-trip");
                down = add(LayerSpec.pixelShuffle("ps", f).from(down));
            }
            return down;
        }

        /** A classifier head: global pooling, maybe a fully connected layer after it. */
        private Integer head(int cur) {
            features.add("head");
            int g = r.nextInt(4) == 0 && n(cur, Axis.Y) * n(cur, Axis.X) <= 400
                    ? cur : add(new LayerSpec("g", LayerKind.GLOBAL_AVG_POOL, List.of(cur), null, null,
                    OptionalLong.empty(), OptionalLong.empty(), 1, LayerSpec.Extras.NONE));
            if (g == cur || r.nextBoolean()) {
                return add(LayerSpec.fullyConnected("fc", 10).from(g));
            }
            return g;
        }
    }

    // --- printing -----------------------------------------------------------------------------

    static String java(LayerSpec l) {
        String name = '"' + l.name() + '"';
        String from = l.inputs().isEmpty() ? ""
                : ".from(" + l.inputs().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        String[] candidates = switch (l.kind().role()) {
            case CONVOLUTION -> l.y() != null && l.y().equals(l.x()) && plain(l.y())
                    ? new String[] {"LayerSpec.conv(" + name + ", " + l.out().orElse(0) + ", " + window(l.y()) + ")"}
                    : new String[0];
            case POOLING -> l.kind() == LayerKind.MAX_POOL && l.y() != null && l.y().equals(l.x())
                    ? new String[] {"LayerSpec.maxPool(" + name + ", " + window(l.y()) + ")"} : new String[0];
            case DECONVOLUTION -> new String[] {"LayerSpec.deconv(" + name + ", " + l.out().orElse(0) + ", "
                    + l.y().kernel() + ", " + l.y().stride() + ", " + l.y().padBefore() + ")"};
            case UPSAMPLING -> new String[] {"LayerSpec.upsample(" + name + ", " + l.extras().factorX() + ", "
                    + l.extras().factorY() + ", " + l.extras().bilinear() + ")"};
            case PAD -> new String[] {"LayerSpec.pad(" + name + ", " + l.y().padBefore() + ", " + l.y().padAfter()
                    + ", " + l.x().padBefore() + ", " + l.x().padAfter() + ")"};
            case CROP -> new String[] {"LayerSpec.crop(" + name + ", " + l.inputs().get(0) + ", " + l.extras().like()
                    + ")"};
            case MERGE -> new String[] {"LayerSpec.merge(" + name + ", LayerKind." + l.kind() + ", "
                    + l.inputs().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"};
            case POINTWISE -> new String[] {switch (l.kind()) {
                case CHANNELS -> "LayerSpec.channels(" + name + ", " + l.extras().firstChannel() + ", "
                        + l.out().orElseThrow() + ")";
                case CHANNEL_SHUFFLE -> "LayerSpec.channelShuffle(" + name + ", " + l.groups() + ")";
                default -> "LayerSpec.pointwise(" + name + ", LayerKind." + l.kind() + ")";
            }};
            case FULLY_CONNECTED -> new String[] {"LayerSpec.fullyConnected(" + name + ", " + l.out().orElse(0) + ")"};
            default -> new String[0];
        };
        for (String c : candidates) {
            String withFrom = l.kind().role() == LayerKind.Role.CROP || l.kind().isMerge() ? c : c + from;
            if (rebuilds(withFrom, l)) {
                return withFrom;
            }
        }
        LayerSpec.Extras e = l.extras();
        return "new LayerSpec(" + name + ", LayerKind." + l.kind() + ", List.of("
                + l.inputs().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "), "
                + fullWindow(l.y()) + ", " + fullWindow(l.x()) + ", " + optional(l.out()) + ", " + optional(l.in())
                + ", " + l.groups() + ", new LayerSpec.Extras(" + e.like() + ", " + optional(e.offsetY()) + ", "
                + optional(e.offsetX()) + ", " + e.factorX() + ", " + e.factorY() + ", " + e.bilinear()
                + ", Coordinates." + e.coordinates() + ", " + e.outputPadding() + ", "
                + e.allowMisaligned() + ")" + (e.perX() != 1 || e.perY() != 1
                ? ".withPers(" + e.perX() + ", " + e.perY() + ")" : "")
                + (e.rounding() != NearestRounding.ROUND_PREFER_FLOOR
                ? ".withRounding(NearestRounding." + e.rounding() + ")" : "")
                + (e.cubic() != null ? ".withCubic(CubicKernel.of(" + e.cubic().coefficient().doubleValue() + ", "
                + e.cubic().excludeOutside() + "))" : "") + ")";
    }

    /**
     * Whether the short form stands for exactly this layer: the factories are re-invoked the way the
     * printed text would invoke them, so a short form is printed only when it is exact.
     */
    private static boolean rebuilds(String text, LayerSpec l) {
        LayerSpec built = switch (l.kind().role()) {
            case CONVOLUTION -> LayerSpec.conv(l.name(), l.out().orElse(0), Window.of(l.y().kernel(), l.y().stride(),
                    l.y().padBefore()));
            case POOLING -> LayerSpec.maxPool(l.name(), Window.of(l.y().kernel(), l.y().stride(), l.y().padBefore()));
            case DECONVOLUTION -> LayerSpec.deconv(l.name(), l.out().orElse(0), l.y().kernel(), l.y().stride(),
                    l.y().padBefore());
            case UPSAMPLING -> LayerSpec.upsample(l.name(), l.extras().factorX(), l.extras().factorY(),
                    l.extras().bilinear());
            case PAD -> LayerSpec.pad(l.name(), l.y().padBefore(), l.y().padAfter(), l.x().padBefore(),
                    l.x().padAfter());
            case CROP -> LayerSpec.crop(l.name(), l.inputs().get(0), l.extras().like());
            case MERGE -> LayerSpec.merge(l.name(), l.kind(), l.inputs().toArray(Integer[]::new));
            case POINTWISE -> switch (l.kind()) {
                case CHANNELS -> LayerSpec.channels(l.name(), l.extras().firstChannel(), l.out().orElseThrow());
                case CHANNEL_SHUFFLE -> LayerSpec.channelShuffle(l.name(), l.groups());
                default -> LayerSpec.pointwise(l.name(), l.kind());
            };
            case FULLY_CONNECTED -> LayerSpec.fullyConnected(l.name(), l.out().orElse(0));
            default -> null;
        };
        if (built == null) {
            return false;
        }
        if (l.kind().role() != LayerKind.Role.CROP && !l.kind().isMerge() && !l.inputs().isEmpty()) {
            built = built.from(l.inputs().toArray(Integer[]::new));
        }
        return built.equals(l);
    }

    private static boolean plain(Window w) {
        return w.equals(Window.of(w.kernel(), w.stride(), w.padBefore()));
    }

    private static String window(Window w) {
        return plain(w) ? "Window.of(" + w.kernel() + ", " + w.stride() + ", " + w.padBefore() + ")" : fullWindow(w);
    }

    private static String fullWindow(Window w) {
        if (w == null) {
            return "null";
        }
        return "new Window(" + w.kernel() + ", " + w.stride() + ", " + w.dilation() + ", " + w.padBefore() + ", "
                + w.padAfter() + ", PaddingMode." + w.mode() + ", Rounding." + w.rounding() + ")";
    }

    private static String optional(OptionalLong o) {
        return o.isPresent() ? "OptionalLong.of(" + o.getAsLong() + ")" : "OptionalLong.empty()";
    }

    static String describe(List<Integer> list) {
        return Arrays.toString(list.toArray());
    }
}
