package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uniform-weight effective receptive field of every layer of a computed network, per axis
 * (after Luo et al., "Understanding the Effective Receptive Field in Deep Convolutional Neural
 * Networks", NIPS 2016): how much each input pixel weighs in one unit's value when every kernel
 * tap and pooling position weighs the same ({@link EffectiveAxis} gives the weights layer by
 * layer). It is the architecture's part of the effective field, the field at initialisation in
 * expectation: training moves it (Luo et al. measured it growing and losing its symmetry during
 * training), so it describes the network, not one set of trained weights.
 *
 * <p>A 2-D profile is the sum, over the paths from the input to the layer, of the product of the
 * paths' row and column profiles; its marginal along an axis is the sum of the paths' profiles
 * along that axis, which is what this computes, exactly. So the per-axis statistics are exact
 * even where merges make the 2-D profile not separable.
 *
 * <p>A gate ({@code @Gate}) or a normalisation over the map ({@code @InstanceNorm}) leaves the
 * profile as its first input's: each multiplies or shifts a unit by numbers computed from a whole
 * map, which with uniform weights are the same for every unit, so they scale the profile and
 * move no weight (the profile is normalised). The whole-map reads they add show in the receptive
 * field ({@link GlobalContext}), not in this profile.
 *
 * <p>After upsampling the profile depends on the unit's phase; each statistic is reported as its
 * largest over the phases, as the receptive-field size is (the widest box over the phases).
 */
public final class EffectiveFields {

    private EffectiveFields() {
    }

    /**
     * One axis of one layer: every phase's profile and the reported statistics.
     *
     * @param profile  the weights of every unit; null when the fields were computed without
     *                 keeping the profiles ({@link EffectiveFields#of(GeometryResult, boolean)})
     * @param sigma    the largest standard deviation over the phases, input pixels
     * @param extent50 the widest central extent holding 50% of the weight over the phases, pixels
     * @param extent90 likewise for 90%
     */
    public record AxisField(EffectiveProfile profile, double sigma, long extent50, long extent90) {

        static AxisField of(EffectiveProfile profile, boolean keepProfile) {
            // One pass per phase (SpreadSums); the variances compared as unreduced fractions, the
            // widest reduced once, for its sigma.
            SpreadSums widest = null;
            BigInteger widestVariance = null;
            long e50 = 0;
            long e90 = 0;
            for (int r = 0; r < profile.period(); r++) {
                SpreadSums s = profile.sums(r);
                if (widest == null) {
                    widest = s;
                } else {
                    if (widestVariance == null) {
                        widestVariance = variance(widest);
                    }
                    BigInteger variance = variance(s);
                    // v / W^2 > v' / W'^2, denominators positive.
                    if (variance.multiply(widest.total.multiply(widest.total))
                            .compareTo(widestVariance.multiply(s.total.multiply(s.total))) > 0) {
                        widest = s;
                        widestVariance = variance;
                    }
                }
                // SpreadSums.PERCENTS: 50, then 90.
                e50 = Math.max(e50, s.width(0));
                e90 = Math.max(e90, s.width(1));
            }
            return new AxisField(keepProfile ? profile : null,
                    EffectiveSpread.sigma(widest.total, widest.sum, widest.sumSquare),
                    e50, e90);
        }

        private static BigInteger variance(SpreadSums s) {
            return EffectiveSpread.varianceNumerator(s.total, s.sum, s.sumSquare);
        }
    }

    /** Both axes of one layer. */
    public record LayerField(AxisField y, AxisField x) {

        public AxisField axis(Axis axis) {
            return axis == Axis.Y ? y : x;
        }
    }

    /**
     * The most weights a layer's profiles may hold along one axis (phases times field width), and
     * the most multiply-adds computing them may take: beyond either (fields of tens of thousands of
     * pixels) the exact profile costs seconds per layer, so it is not computed for that layer and
     * those after it that read it.
     */
    static final long MAX_WEIGHTS = 1L << 17;
    static final long MAX_WORK = 1L << 25;

    /**
     * The most work, in 64-bit word operations, one network's profiles may take (about a second):
     * deep stacks make the exact weights long (3x3 convolutions add 1.6 bits a layer), so a network
     * of thousands of layers stops here; its later layers are not computed.
     */
    static final long MAX_NETWORK_WORK = 1L << 27;

    /**
     * Every computed layer's effective field, in layer order; null for a layer whose profile would
     * exceed {@link #MAX_WEIGHTS} or {@link #MAX_WORK}, for one that reads such a layer, and for
     * every layer after the network's {@link #MAX_NETWORK_WORK} is spent.
     */
    public static List<LayerField> of(GeometryResult geometry) {
        return of(geometry, true);
    }

    /**
     * As {@link #of(GeometryResult)}; without {@code keepProfiles} every {@link AxisField}'s
     * profile is null and each layer's profiles are let go once the last layer that reads them is
     * done. The statistics are the same. A deep network's exact weights (hundreds of megabytes at
     * 5,000 layers) are then never all held at once, which spares the collector copying them;
     * only the HTML report reads the profiles.
     */
    public static List<LayerField> of(GeometryResult geometry, boolean keepProfiles) {
        List<ComputedLayer> layers = geometry.layers();
        int[] lastReader = keepProfiles ? null : lastReaders(layers);
        List<EffectiveProfile[]> profiles = new ArrayList<>();
        List<LayerField> fields = new ArrayList<>();
        // A pointwise layer's profile is its input's object, and so are its statistics: computed
        // once per profile. Without keepProfiles an entry goes with the last slot that holds its
        // profile (live counts how many do), so that the map does not keep the profile.
        Map<EffectiveProfile, AxisField> statistics = new IdentityHashMap<>();
        java.util.function.Function<EffectiveProfile, AxisField> statisticsOf = p -> AxisField.of(p, keepProfiles);
        Map<EffectiveProfile, int[]> live = keepProfiles ? null : new IdentityHashMap<>();
        long work = 0;
        for (int index = 0; index < layers.size(); index++) {
            ComputedLayer layer = layers.get(index);
            if (lastReader != null && index > 0) {
                release(layers, profiles, lastReader, index - 1, statistics, live);
            }
            EffectiveProfile[] both = new EffectiveProfile[2];
            boolean computable = affordable(layer) && inputsComputed(layer, profiles);
            if (computable) {
                long words = 1;
                for (int i : layer.inputs()) {
                    if (i != LayerSpec.NETWORK_INPUT) {
                        words = Math.max(words, 1 + profiles.get(i)[0].denominator().bitLength() / 64);
                    }
                }
                work += cost(layer) * words;
                computable = work <= MAX_NETWORK_WORK;
            }
            if (!computable) {
                profiles.add(null);
                fields.add(null);
                continue;
            }
            both[Axis.Y.ordinal()] = step(layer, Axis.Y, i -> read(profiles, i, Axis.Y), a -> inputSize(geometry, layer, a));
            if (sameAlongBothAxes(layer, profiles)) {
                // Most layers of most networks: the profile along x is the one along y, and so are
                // its statistics. Computing them once halves the exact arithmetic, the bulk of the
                // processor's time per network.
                both[Axis.X.ordinal()] = both[Axis.Y.ordinal()];
                AxisField field = statistics.computeIfAbsent(both[Axis.Y.ordinal()], statisticsOf);
                hold(profiles, both, live);
                fields.add(new LayerField(field, field));
                continue;
            }
            both[Axis.X.ordinal()] = step(layer, Axis.X, i -> read(profiles, i, Axis.X), a -> inputSize(geometry, layer, a));
            hold(profiles, both, live);
            fields.add(new LayerField(statistics.computeIfAbsent(both[0], statisticsOf),
                    statistics.computeIfAbsent(both[1], statisticsOf)));
        }
        return java.util.Collections.unmodifiableList(fields);
    }

    /** For every layer, the last layer that reads its map; its own index when none does. */
    private static int[] lastReaders(List<ComputedLayer> layers) {
        int[] last = new int[layers.size()];
        for (int j = 0; j < layers.size(); j++) {
            last[j] = j;
            for (int i : layers.get(j).inputs()) {
                if (i != LayerSpec.NETWORK_INPUT) {
                    last[i] = j;
                }
            }
        }
        return last;
    }

    /** Adds a layer's slot and, when profiles are let go ({@code live} not null), counts the slots that hold each. */
    private static void hold(List<EffectiveProfile[]> profiles, EffectiveProfile[] both, Map<EffectiveProfile, int[]> live) {
        profiles.add(both);
        for (int k = 0; live != null && k < both.length; k++) {
            if (k == 0 || both[k] != both[0]) {
                live.computeIfAbsent(both[k], p -> new int[1])[0]++;
            }
        }
    }

    /**
     * After layer {@code done}, lets go of the profiles no later layer reads: those of its inputs
     * it is the last to read, and its own if nothing reads it. The slot is emptied (kept non-null,
     * as a computed layer's), and a profile no slot holds any more leaves the statistics map.
     */
    private static void release(List<ComputedLayer> layers, List<EffectiveProfile[]> profiles, int[] lastReader, int done,
                                Map<EffectiveProfile, AxisField> statistics, Map<EffectiveProfile, int[]> live) {
        for (int i : layers.get(done).inputs()) {
            if (i != LayerSpec.NETWORK_INPUT && lastReader[i] == done) {
                releaseSlot(profiles, i, statistics, live);
            }
        }
        if (lastReader[done] == done) {
            releaseSlot(profiles, done, statistics, live);
        }
    }

    private static void releaseSlot(List<EffectiveProfile[]> profiles, int slot,
                                    Map<EffectiveProfile, AxisField> statistics, Map<EffectiveProfile, int[]> live) {
        EffectiveProfile[] both = profiles.get(slot);
        if (both == null || both == RELEASED) {
            return;
        }
        for (int k = 0; k < both.length; k++) {
            if ((k == 0 || both[k] != both[0]) && --live.get(both[k])[0] == 0) {
                live.remove(both[k]);
                statistics.remove(both[k]);
            }
        }
        profiles.set(slot, RELEASED);
    }

    /** The slot of a computed layer whose profiles were let go: no later layer reads them. */
    private static final EffectiveProfile[] RELEASED = new EffectiveProfile[2];

    /** Whether every map {@code layer} reads is the network input or has profiles. */
    private static boolean inputsComputed(ComputedLayer layer, List<EffectiveProfile[]> profiles) {
        for (int i : layer.inputs()) {
            if (i != LayerSpec.NETWORK_INPUT && profiles.get(i) == null) {
                return false;
            }
        }
        return true;
    }

    /** Multiply-adds the layer's profiles take, judged from its field boxes. */
    static long cost(ComputedLayer layer) {
        long cost = 0;
        for (Axis axis : Axis.values()) {
            AxisState a = layer.axis(axis);
            WindowStep step = layer.step(axis);
            long taps = step == null ? 2 : step.window().kernel();
            cost += (long) Math.min(Long.MAX_VALUE / 4, (double) a.period() * a.rf() * taps);
        }
        return cost;
    }

    /** Whether the layer's profiles stay within the limits, judged from its field boxes. */
    private static boolean affordable(ComputedLayer layer) {
        for (Axis axis : Axis.values()) {
            AxisState a = layer.axis(axis);
            long weights = Math.multiplyHigh(a.period(), a.rf()) == 0 ? a.period() * a.rf() : Long.MAX_VALUE;
            WindowStep step = layer.step(axis);
            long taps = step == null ? 2 : step.window().kernel();
            if (weights > MAX_WEIGHTS || (double) weights * taps > MAX_WORK) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link #step} gives the same profile along x as along y: every input's two profiles
     * are one object (the network input's, or shared by this test before), and the layer does the
     * same along both axes, judged from exactly what {@link #step} reads along each. A kind not
     * listed here (upsampling among them, whose factors may come to differ per axis) is computed
     * per axis.
     */
    private static boolean sameAlongBothAxes(ComputedLayer layer, List<EffectiveProfile[]> profiles) {
        for (int i : layer.inputs()) {
            if (i != LayerSpec.NETWORK_INPUT && profiles.get(i)[0] != profiles.get(i)[1]) {
                return false;
            }
        }
        LayerSpec spec = layer.spec();
        return switch (spec.kind().role()) {
            case POINTWISE, MERGE -> true;
            case CONVOLUTION, POOLING, PAD, FULLY_CONNECTED, GLOBAL_POOLING -> {
                WindowStep y = layer.step(Axis.Y);
                WindowStep x = layer.step(Axis.X);
                yield y.window().kernel() == x.window().kernel() && y.window().stride() == x.window().stride()
                        && y.window().dilation() == x.window().dilation() && y.padBefore() == x.padBefore();
            }
            // The whole window: EffectiveAxis.deconv reads every part of it (dilation, both paddings).
            case DECONVOLUTION -> sameWindow(spec.window(Axis.Y), spec.window(Axis.X));
            case CROP -> layer.offset(Axis.Y) == layer.offset(Axis.X);
            default -> false;
        };
    }

    /**
     * {@code a.equals(b)}, component by component: the record's own {@code equals} links an
     * invokedynamic call site the first time it runs, milliseconds in a fresh JVM for one comparison.
     */
    private static boolean sameWindow(Window a, Window b) {
        return a.kernel() == b.kernel() && a.stride() == b.stride() && a.dilation() == b.dilation()
                && a.padBefore() == b.padBefore() && a.padAfter() == b.padAfter() && a.mode() == b.mode()
                && a.rounding() == b.rounding();
    }

    /** The size along {@code axis} of the first map {@code layer} reads. */
    static long inputSize(GeometryResult geometry, ComputedLayer layer, Axis axis) {
        int map = layer.inputs().get(0);
        return map == LayerSpec.NETWORK_INPUT ? geometry.input().size(axis) : geometry.layers().get(map).axis(axis).size();
    }

    private static EffectiveProfile read(List<EffectiveProfile[]> profiles, int index, Axis axis) {
        return index == LayerSpec.NETWORK_INPUT ? EffectiveProfile.input() : profiles.get(index)[axis.ordinal()];
    }

    /**
     * One layer along one axis, reading its inputs' profiles by map index; {@code inputSize} gives
     * its first input's size along an axis (see {@link #inputSize}).
     */
    static EffectiveProfile step(ComputedLayer layer, Axis axis, java.util.function.IntFunction<EffectiveProfile> read,
                                 java.util.function.ToLongFunction<Axis> inputSize) {
        EffectiveProfile in = read.apply(layer.inputs().get(0));
        LayerSpec spec = layer.spec();
        return switch (spec.kind().role()) {
            // The gate and the statistics are factors on each unit, not terms added to it: the
            // profile is the first input's (see the class comment).
            case POINTWISE, CONTEXT -> in;
            case CONVOLUTION, POOLING, PAD, FULLY_CONNECTED, GLOBAL_POOLING -> {
                WindowStep step = layer.step(axis);
                Window w = step.window();
                yield EffectiveAxis.window(in, w.kernel(), w.stride(), w.dilation(), step.padBefore());
            }
            case DECONVOLUTION -> EffectiveAxis.deconv(in, spec.window(axis));
            // The input's size places aligned corners; a shrinking has several sizes per output size.
            case UPSAMPLING -> EffectiveAxis.upsample(in, Sampling.of(spec, axis, inputSize.applyAsLong(axis)));
            case CROP -> EffectiveAxis.crop(in, layer.offset(axis));
            case MERGE -> {
                List<EffectiveProfile> inputs = new ArrayList<>();
                for (int i : layer.inputs()) {
                    inputs.add(read.apply(i));
                }
                yield EffectiveAxis.merge(inputs);
            }
        };
    }
}
