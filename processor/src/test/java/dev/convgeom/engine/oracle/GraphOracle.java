package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Coordinates;
import dev.convgeom.engine.CropRegion;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A brute-force oracle for the geometry of a graph of layers (geometry.md, "Testing the geometry
 * independently"), in the spirit of {@link AxisOracle}: it knows none of the recurrences (no
 * {@code rf' = rf + (ke - 1) jump}, no phase patterns, no periods). Each layer only says, for any
 * integer unit {@code v} of its output, which units of which input maps {@code v} reads; a unit's
 * field is then the extent of the input pixels reached by following those reads down to the
 * network input, whose (virtual) unit {@code u} is pixel {@code u}. Units outside a map are
 * virtual: they follow the same rules, which is how padding reaches into coordinates beyond the
 * image, and why the fields come out unclipped as the core reports them.
 *
 * <p>Centres are per unit too: each layer maps a (rational) unit position to a position in its
 * (first) input's units by the layer's own affine map, and the oracle composes these maps from
 * the unit down to the input, exactly. Jump and centre are read off units 0 and 1; the test
 * checks the map is affine by evaluating more units.
 *
 * <p>Also what makes a graph invalid, decided from the same per-unit view: no window fits, a merge
 * of maps of different sizes or (add) channels, a merge whose inputs' units 0 and 1 are centred at
 * different input coordinates (unless allowed), a crop whose offset is not a whole number of units
 * inside the source map. The oracle stops at the first invalid layer, as the core may.
 *
 * <p>One axis at a time, as in {@link AxisOracle}: every layer is separable.
 */
public final class GraphOracle {

    /** Why a layer cannot be computed. */
    public enum FailureKind {
        NO_WINDOW, EMPTY_OUTPUT, SIZE_MISMATCH, CHANNELS_MISMATCH, MISALIGNED, CROP_JUMPS_DIFFER, CROP_NOT_WHOLE,
        CROP_OUT_OF_RANGE, GATE_NOT_ONE_UNIT, GATE_CHANNELS,
        /** A real unit of a nearest upsampling rounds to a unit outside its input (ONNX clamps it). */
        NEAREST_OUTSIDE,
        /**
         * A cubic upsampling with outer taps where some units sit exactly on an input unit (one
         * tap) and others between two (four): the fields do not move forwards from unit to unit.
         */
        CUBIC_UNORDERED,
        /** A pixel unshuffle's input is not whole blocks of its factor (PyTorch and ONNX refuse it). */
        UNSHUFFLE_BLOCKS
    }

    /** The first invalid layer and why. */
    public record Failure(int layer, FailureKind kind, String detail) {
    }

    /** A read of one unit of a map: {@code layer} (or -1, the network input) and its unit. */
    record Read(int layer, long unit) {
    }

    private final NetworkInput input;
    private final List<LayerSpec> layers;
    private final List<List<Integer>> inputs = new ArrayList<>();
    /** Per axis ordinal, per layer: output size, resolved padding before, crop offset. */
    private final long[][] size;
    private final long[][] padBefore;
    private final long[][] offset;
    private final long[] channels;
    private final boolean[] misalignedAllowed;
    private final Map<Long, long[]>[][] fields;
    private int computed;
    private Failure failure;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private GraphOracle(NetworkInput input, List<LayerSpec> layers) {
        this.input = input;
        this.layers = List.copyOf(layers);
        int count = layers.size();
        size = new long[2][count];
        padBefore = new long[2][count];
        offset = new long[2][count];
        channels = new long[count];
        misalignedAllowed = new boolean[count];
        fields = new Map[2][count];
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < count; i++) {
                fields[a][i] = new HashMap<>();
            }
        }
    }

    /** Runs {@code layers} on {@code input}: sizes, channels and validity now, fields on demand. */
    public static GraphOracle run(NetworkInput input, List<LayerSpec> layers) {
        GraphOracle oracle = new GraphOracle(input, layers);
        for (int i = 0; i < layers.size(); i++) {
            oracle.inputs.add(layers.get(i).resolvedInputs(i));
            Failure f = oracle.layer(i);
            if (f != null) {
                oracle.failure = f;
                break;
            }
            oracle.computed = i + 1;
        }
        return oracle;
    }

    /** Layers the oracle computed: all of them, or those before the failure. */
    public int computed() {
        return computed;
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Output size of layer {@code i} (-1: the network input). */
    public long size(int i, Axis axis) {
        return i < 0 ? input.size(axis) : size[axis.ordinal()][i];
    }

    /** Output channels of layer {@code i}, or -1 when unknown. */
    public long channels(int i) {
        return i < 0 ? input.channels() : channels[i];
    }

    /** The crop offset the oracle used for layer {@code i} (a crop). */
    public long offset(int i, Axis axis) {
        return offset[axis.ordinal()][i];
    }

    /** The padding before that layer {@code i} applies along {@code axis} (resolved for SAME). */
    public long padBefore(int i, Axis axis) {
        return padBefore[axis.ordinal()][i];
    }

    /** Whether merge {@code i} had misaligned inputs that it was allowed to have. */
    public boolean misalignedButAllowed(int i) {
        return misalignedAllowed[i];
    }

    /** The maps layer {@code i} reads (crops: the map cropped), defaults resolved. */
    public List<Integer> inputs(int i) {
        return inputs.get(i);
    }

    private Failure layer(int i) {
        LayerSpec spec = layers.get(i);
        List<Integer> in = inputs.get(i);
        for (int j : in) {
            if (j >= i || j < LayerSpec.NETWORK_INPUT) {
                throw new IllegalArgumentException("layer " + i + " reads " + j + ": not an earlier layer");
            }
        }
        int first = in.get(0);
        long inChannels = channels(first);
        for (Axis axis : Axis.values()) {
            int a = axis.ordinal();
            long n = size(first, axis);
            // PyTorch's definitions: a shuffle makes r x r units of each unit, an unshuffle one of each r x r block.
            if (spec.kind() == LayerKind.PIXEL_SHUFFLE) {
                size[a][i] = n * shuffleFactor(spec);
                continue;
            }
            if (spec.kind() == LayerKind.PIXEL_UNSHUFFLE) {
                if (n % shuffleFactor(spec) != 0) {
                    return new Failure(i, FailureKind.UNSHUFFLE_BLOCKS, axis + ": " + n + " by " + shuffleFactor(spec));
                }
                size[a][i] = n / shuffleFactor(spec);
                continue;
            }
            switch (spec.kind().role()) {
                case POINTWISE -> size[a][i] = n;
                // A gate multiplies every unit by the gate's one unit: the gate must have one.
                case CONTEXT -> {
                    if (in.size() > 1 && size(in.get(1), axis) != 1) {
                        return new Failure(i, FailureKind.GATE_NOT_ONE_UNIT, axis + ": gate of "
                                + size(in.get(1), axis));
                    }
                    size[a][i] = n;
                }
                case CONVOLUTION, POOLING -> {
                    AxisOracle.Placement p = AxisOracle.place(spec.window(axis), Math.toIntExact(n));
                    if (p.outputSize() == 0) {
                        return new Failure(i, FailureKind.NO_WINDOW, axis + ": no window on " + n);
                    }
                    size[a][i] = p.outputSize();
                    padBefore[a][i] = p.padBefore();
                }
                case FULLY_CONNECTED, GLOBAL_POOLING -> size[a][i] = 1;
                case DECONVOLUTION -> {
                    // Every input unit u spreads over positions s*u .. s*u + ke - 1 of the full
                    // output; padding trims it on both sides, output padding adds at the end.
                    Window w = spec.window(axis);
                    long full = (n - 1) * w.stride() + w.dilatedKernel();
                    long out = full - w.padBefore() - w.padAfter() + spec.extras().outputPadding();
                    if (out < 1) {
                        return new Failure(i, FailureKind.EMPTY_OUTPUT, axis + ": " + out + " units");
                    }
                    size[a][i] = out;
                    padBefore[a][i] = w.padBefore();
                }
                case UPSAMPLING -> {
                    long bigN = upsampledSize(spec, axis, n);
                    // A shrinking by factor / per below 1 may leave floor(n * factor / per) = 0 units.
                    if (bigN < 1) {
                        return new Failure(i, FailureKind.EMPTY_OUTPUT, axis + ": " + bigN + " units");
                    }
                    // align_corners maps v to v (n - 1) / (N - 1): one unit stretched over several has no step.
                    if (spec.extras().coordinates() == Coordinates.ALIGN_CORNERS && n == 1 && bigN > 1) {
                        return new Failure(i, FailureKind.EMPTY_OUTPUT, axis + ": align_corners on 1 unit");
                    }
                    // tf_crop_and_resize puts every unit of several on the one input unit: no step either.
                    if (spec.extras().coordinates() == Coordinates.CROP_AND_RESIZE && n == 1 && bigN > 1) {
                        return new Failure(i, FailureKind.EMPTY_OUTPUT, axis + ": tf_crop_and_resize on 1 unit");
                    }
                    size[a][i] = bigN;
                    // ONNX clamps a nearest read to the input; the geometry refuses such a unit (checked unit by unit).
                    for (long v = 0; !spec.extras().bilinear() && spec.extras().cubic() == null && v < bigN; v++) {
                        long u = nearestUnit(spec, sourcePosition(spec, axis, n, Frac.of(v)));
                        if (u < 0 || u >= n) {
                            return new Failure(i, FailureKind.NEAREST_OUTSIDE, axis + ": unit " + v + " reads " + u
                                    + " of " + n);
                        }
                    }
                    // Cubic reads, unit by unit over a stretch longer than any period, virtual units
                    // included: each end of the units read must not move back.
                    if (spec.extras().cubic() != null) {
                        // ... and over a whole period of the positions, the denominator of their step
                        // (crop and resize repeats only every N - 1 units or more), up to 2,048 units.
                        Frac step = sourcePosition(spec, axis, n, Frac.of(1)).minus(sourcePosition(spec, axis, n, Frac.ZERO));
                        long period = step.den().min(java.math.BigInteger.valueOf(2048)).longValueExact();
                        long reach = Math.max(2 * spec.extras().factor(axis) + bigN, period);
                        long[] previous = null;
                        for (long v = -reach; v <= bigN + reach; v++) {
                            List<CubicOracle.Weighted> taps = CubicOracle.taps(sourcePosition(spec, axis, n, Frac.of(v)),
                                    CubicOracle.coefficient(spec));
                            long[] box = {taps.get(0).unit(), taps.get(taps.size() - 1).unit()};
                            if (previous != null && (box[0] < previous[0] || box[1] < previous[1])) {
                                return new Failure(i, FailureKind.CUBIC_UNORDERED, axis + ": unit " + v + " reads "
                                        + box[0] + ".." + box[1] + " after " + previous[0] + ".." + previous[1]);
                            }
                            previous = box;
                        }
                    }
                }
                case PAD -> {
                    Window w = spec.window(axis);
                    size[a][i] = n + w.padBefore() + w.padAfter();
                    padBefore[a][i] = w.padBefore();
                }
                case CROP -> {
                    Failure f = crop(i, spec, first, axis);
                    if (f != null) {
                        return f;
                    }
                }
                case MERGE -> {
                    for (int k = 1; k < in.size(); k++) {
                        if (size(in.get(k), axis) != n) {
                            return new Failure(i, FailureKind.SIZE_MISMATCH,
                                    axis + ": " + n + " vs " + size(in.get(k), axis));
                        }
                    }
                    size[a][i] = n;
                }
            }
        }
        channels[i] = switch (spec.kind().role()) {
            case CONVOLUTION, DECONVOLUTION, FULLY_CONNECTED -> spec.out().orElse(-1);
            case MERGE -> mergeChannels(spec, in);
            default -> spec.kind() == LayerKind.CHANNELS ? spec.out().orElseThrow() : inChannels;
        };
        long block = shuffleFactor(spec) * shuffleFactor(spec);
        if (spec.kind() == LayerKind.PIXEL_UNSHUFFLE && inChannels >= 0) {
            channels[i] = inChannels * block;
        } else if (spec.kind() == LayerKind.PIXEL_SHUFFLE && inChannels >= 0) {
            if (inChannels % block != 0) {
                return new Failure(i, FailureKind.CHANNELS_MISMATCH, inChannels + " channels in blocks of " + block);
            }
            channels[i] = inChannels / block;
        }
        if (spec.kind().role() == LayerKind.Role.CONTEXT && in.size() > 1) {
            long gate = channels(in.get(1));
            if (inChannels >= 0 && gate >= 0 && gate != 1 && gate != inChannels) {
                return new Failure(i, FailureKind.GATE_CHANNELS, gate + " gate channels for " + inChannels);
            }
        }
        Failure channelRule = channelRule(i, spec, inChannels);
        if (channelRule != null) {
            return channelRule;
        }
        if (spec.kind().role() == LayerKind.Role.MERGE) {
            if (spec.kind() == LayerKind.ADD && channels[i] == -2) {
                return new Failure(i, FailureKind.CHANNELS_MISMATCH, "channels differ");
            }
            return alignment(i, spec, in);
        }
        return null;
    }

    /**
     * A channel selection is channels {@code first .. first + count - 1} of its input, so it needs
     * {@code first + count} of them; a shuffle deals its channels into {@code groups} equal piles.
     * Either is checkable only where the incoming channels are known.
     */
    private static Failure channelRule(int i, LayerSpec spec, long inChannels) {
        if (inChannels < 0) {
            return null;
        }
        if (spec.kind() == LayerKind.CHANNELS) {
            long last = spec.extras().firstChannel() + spec.out().orElseThrow() - 1;
            return last < inChannels ? null : new Failure(i, FailureKind.CHANNELS_MISMATCH, "channel " + last
                    + " of " + inChannels);
        }
        if (spec.kind() == LayerKind.CHANNEL_SHUFFLE) {
            long pile = inChannels / spec.groups();
            return pile * spec.groups() == inChannels ? null : new Failure(i, FailureKind.CHANNELS_MISMATCH,
                    inChannels + " channels in " + spec.groups() + " groups");
        }
        return null;
    }

    /** Concat: the sum (unknown if any is); add: the common count, -2 if two known ones differ. */
    private long mergeChannels(LayerSpec spec, List<Integer> in) {
        if (spec.kind() == LayerKind.CONCAT) {
            long sum = 0;
            for (int j : in) {
                if (channels(j) < 0) {
                    return -1;
                }
                sum += channels(j);
            }
            return sum;
        }
        long known = -1;
        for (int j : in) {
            long c = channels(j);
            if (c >= 0 && known >= 0 && c != known) {
                return -2;
            }
            if (c >= 0) {
                known = c;
            }
        }
        return known;
    }

    /** Units 0 and 1 of every input must be centred where the first input's are. */
    private Failure alignment(int i, LayerSpec spec, List<Integer> in) {
        for (Axis axis : Axis.values()) {
            int first = in.get(0);
            for (int k = 1; k < in.size(); k++) {
                int other = in.get(k);
                for (long u = 0; u <= 1; u++) {
                    Frac c0 = centre(first, axis, Frac.of(u));
                    Frac c1 = centre(other, axis, Frac.of(u));
                    if (c0.compareTo(c1) != 0) {
                        if (spec.extras().allowMisaligned()) {
                            misalignedAllowed[i] = true;
                        } else {
                            return new Failure(i, FailureKind.MISALIGNED, axis + ": unit " + u + " of input " + first
                                    + " at " + c0 + ", of input " + other + " at " + c1);
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * Crop of {@code from} like {@code like}: the offset that centres the crop's unit 0 (and so,
     * with equal jumps, every unit) where the reference map's unit 0 is, or the declared one.
     */
    private Failure crop(int i, LayerSpec spec, int from, Axis axis) {
        int like = spec.extras().like();
        long nA = size(from, axis);
        long nB = size(like, axis);
        Frac a0 = centre(from, axis, Frac.ZERO);
        Frac jA = centre(from, axis, Frac.of(1)).minus(a0);
        Frac b0 = centre(like, axis, Frac.ZERO);
        Frac jB = centre(like, axis, Frac.of(1)).minus(b0);
        long o;
        if (spec.extras().offset(axis).isPresent()) {
            o = spec.extras().offset(axis).getAsLong();
            boolean aligned = jA.compareTo(jB) == 0 && a0.plus(jA.times(o)).compareTo(b0) == 0;
            if (!aligned && !spec.extras().allowMisaligned()) {
                return new Failure(i, FailureKind.MISALIGNED, axis + ": explicit offset " + o + " misaligned");
            }
            if (!aligned) {
                misalignedAllowed[i] = true;
            }
        } else {
            if (jA.compareTo(jB) != 0) {
                return new Failure(i, FailureKind.CROP_JUMPS_DIFFER, axis + ": jumps " + jA + " vs " + jB);
            }
            Frac units = b0.minus(a0).dividedBy(jA);
            if (!units.isWhole()) {
                return new Failure(i, FailureKind.CROP_NOT_WHOLE, axis + ": offset " + units);
            }
            o = units.longValueExact();
        }
        if (o < 0 || o + nB > nA) {
            return new Failure(i, FailureKind.CROP_OUT_OF_RANGE, axis + ": offset " + o + ", " + nB + " of " + nA);
        }
        size[axis.ordinal()][i] = nB;
        offset[axis.ordinal()][i] = o;
        return null;
    }

    /**
     * The input coordinate of (rational) unit position {@code v} of layer {@code i}: each layer's
     * own map into its first input's units, composed down to the network input.
     */
    public Frac centre(int i, Axis axis, Frac v) {
        Frac at = v;
        int layer = i;
        while (layer >= 0) {
            LayerSpec spec = layers.get(layer);
            int a = axis.ordinal();
            int below = inputs.get(layer).get(0);
            long n = size(below, axis);
            // ESPCN's sub-pixel positions: a shuffle's unit v sits at (v + 1/2) / r - 1/2; an unshuffle's at its block's middle.
            long r = shuffleFactor(spec);
            at = spec.kind() == LayerKind.PIXEL_SHUFFLE ? at.plus(Frac.HALF).dividedBy(r).minus(Frac.HALF)
                    : spec.kind() == LayerKind.PIXEL_UNSHUFFLE ? at.times(r).plus(Frac.of(r - 1, 2))
                    : switch (spec.kind().role()) {
                case POINTWISE, MERGE, CONTEXT -> at;
                case CONVOLUTION, POOLING -> {
                    Window w = spec.window(axis);
                    yield at.times(w.stride()).minus(Frac.of(padBefore[a][layer]))
                            .plus(Frac.of(w.dilatedKernel() - 1, 2));
                }
                case FULLY_CONNECTED -> at.plus(Frac.of(n - 1, 2));
                case GLOBAL_POOLING -> at.times(n).plus(Frac.of(n - 1, 2));
                case DECONVOLUTION -> {
                    Window w = spec.window(axis);
                    yield at.plus(Frac.of(padBefore[a][layer])).minus(Frac.of(w.dilatedKernel() - 1, 2))
                            .dividedBy(w.stride());
                }
                case UPSAMPLING -> sourcePosition(spec, axis, n, at);
                case PAD -> at.minus(Frac.of(padBefore[a][layer]));
                case CROP -> at.plus(Frac.of(offset[a][layer]));
            };
            layer = below;
        }
        return at;
    }

    /**
     * The factor of a pixel shuffle (its upsampling factor) or unshuffle (its window), 1 for other
     * kinds; read from the spec's fields, not from the engine's step.
     */
    private static long shuffleFactor(LayerSpec spec) {
        return spec.kind() == LayerKind.PIXEL_SHUFFLE ? spec.extras().factorX()
                : spec.kind() == LayerKind.PIXEL_UNSHUFFLE ? spec.window(Axis.Y).kernel() : 1;
    }

    /** Input coordinate of unit {@code u}'s centre. */
    public Frac centre(int i, Axis axis, long u) {
        return centre(i, axis, Frac.of(u));
    }

    /**
     * The field {@code [min, max]} of (possibly virtual) unit {@code v} of layer {@code i}: the
     * extent of the input pixels its reads reach, memoised per layer and unit.
     */
    public long[] field(int i, Axis axis, long v) {
        if (i < 0) {
            return new long[] {v, v};
        }
        if (i >= computed) {
            throw new IllegalArgumentException("layer " + i + " was not computed");
        }
        Map<Long, long[]> memo = fields[axis.ordinal()][i];
        long[] known = memo.get(v);
        if (known != null) {
            return known;
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Read r : reads(i, axis, v)) {
            long[] f = field(r.layer(), axis, r.unit());
            lo = Math.min(lo, f[0]);
            hi = Math.max(hi, f[1]);
        }
        if (lo > hi) {
            throw new AssertionError("oracle: unit " + v + " of layer " + i + " reads nothing");
        }
        long[] result = {lo, hi};
        memo.put(v, result);
        return result;
    }

    /**
     * Where (possibly fractional, possibly virtual) unit {@code v} of an upsampling of {@code n}
     * units sits on its input, as ONNX {@code Resize} states it with {@code scale = N / n} and
     * {@code N} the output length: {@code half_pixel} {@code (v + 1/2) / scale - 1/2},
     * {@code asymmetric} {@code v / scale}, {@code tf_half_pixel_for_nn} {@code (v + 1/2) / scale},
     * {@code align_corners} {@code v (n - 1) / (N - 1)}
     * ({@code v (n - 1)} for {@code N = 1}, whose one unit sits at 0), for nearest and bilinear
     * upsampling alike. The scale is the
     * declared one, {@code factor / per}, as ONNX's {@code scales} give it: {@code N / n} only
     * where {@code n * factor / per} is whole.
     */
    public static Frac sourcePosition(LayerSpec spec, Axis axis, long n, Frac v) {
        long bigN = upsampledSize(spec, axis, n);
        Frac scale = Frac.of(spec.extras().factor(axis), spec.extras().per(axis));
        return switch (spec.extras().coordinates()) {
            case HALF_PIXEL -> v.plus(Frac.HALF).dividedBy(scale).minus(Frac.HALF);
            case ASYMMETRIC -> v.dividedBy(scale);
            case TF_HALF_PIXEL_FOR_NN -> v.plus(Frac.HALF).dividedBy(scale);
            // One output unit sits at 0 (ONNX, PyTorch); virtual units beyond it are placed as if
            // there were two, the second on the last input unit, so that the jump stays positive.
            // (An axis kept at its size, one unit among them, maps v to v: n - 1 over N - 1.)
            case ALIGN_CORNERS -> bigN == n ? v : v.times(n - 1).dividedBy(bigN == 1 ? 1 : bigN - 1);
            case CROP_AND_RESIZE -> cropPosition(spec, axis, n, bigN, v);
        };
    }

    /**
     * ONNX {@code tf_crop_and_resize}: unit {@code v} of {@code N > 1} sits at
     * {@code start (n - 1) + v (end - start) (n - 1) / (N - 1)}, the one unit of {@code N = 1} at
     * {@code (start + end) / 2 (n - 1)}, the region {@code [start, end]} the layer's (the whole map
     * when it names none). Virtual units beyond a single one are placed as if there were two
     * units, {@code (end - start) (n - 1)} apart (1 apart where that is 0), so the jump stays positive.
     */
    static Frac cropPosition(LayerSpec spec, Axis axis, long n, long bigN, Frac v) {
        CropRegion roi = spec.extras().crop() == null ? CropRegion.WHOLE : spec.extras().crop();
        Frac start = Frac.of(roi.start(axis).numerator(), roi.start(axis).denominator());
        Frac end = Frac.of(roi.end(axis).numerator(), roi.end(axis).denominator());
        if (bigN == 1) {
            Frac apart = end.minus(start).times(n - 1);
            return start.plus(end).dividedBy(2).times(n - 1).plus(v.times(apart.signum() == 0 ? Frac.of(1) : apart));
        }
        return start.times(n - 1).plus(v.times(end.minus(start)).times(n - 1).dividedBy(bigN - 1));
    }

    /**
     * The unit ONNX's {@code nearest_mode} picks at position {@code q}, before clamping, from its
     * definition: {@code floor}, {@code ceil}, or the nearest unit with halves going to the
     * {@code floor} ({@code round_prefer_floor}) or to the {@code ceil} ({@code round_prefer_ceil}).
     */
    public static long nearestUnit(LayerSpec spec, Frac q) {
        long below = floor(q);
        Frac rest = q.minus(Frac.of(below));
        boolean whole = rest.compareTo(Frac.ZERO) == 0;
        return switch (spec.extras().rounding()) {
            case FLOOR -> below;
            case CEIL -> whole ? below : below + 1;
            case ROUND_PREFER_FLOOR -> rest.compareTo(Frac.HALF) <= 0 ? below : below + 1;
            case ROUND_PREFER_CEIL -> rest.compareTo(Frac.HALF) < 0 ? below : below + 1;
        };
    }

    /** ONNX's output length {@code floor(n * scale)}, the scale {@code factor / per}. */
    static long upsampledSize(LayerSpec spec, Axis axis, long n) {
        return floor(Frac.of(n).times(Frac.of(spec.extras().factor(axis), spec.extras().per(axis))));
    }

    static long floor(Frac q) {
        java.math.BigInteger[] qr = q.num().divideAndRemainder(q.den());
        return qr[0].longValueExact() - (qr[1].signum() < 0 ? 1 : 0);
    }

    /** What (possibly virtual) unit {@code v} of layer {@code i} reads, tap by tap. */
    List<Read> reads(int i, Axis axis, long v) {
        LayerSpec spec = layers.get(i);
        int a = axis.ordinal();
        List<Integer> in = inputs.get(i);
        int below = in.get(0);
        long n = size(below, axis);
        List<Read> reads = new ArrayList<>();
        // PyTorch's definitions: out[c][y][x] = in[c r^2 + (y mod r) r + (x mod r)][y / r][x / r] and back.
        if (spec.kind() == LayerKind.PIXEL_SHUFFLE) {
            reads.add(new Read(below, Math.floorDiv(v, shuffleFactor(spec))));
            return reads;
        }
        if (spec.kind() == LayerKind.PIXEL_UNSHUFFLE) {
            for (long t = 0; t < shuffleFactor(spec); t++) {
                reads.add(new Read(below, v * shuffleFactor(spec) + t));
            }
            return reads;
        }
        switch (spec.kind().role()) {
            case POINTWISE -> reads.add(new Read(below, v));
            case CONVOLUTION, POOLING -> {
                Window w = spec.window(axis);
                for (long t = 0; t < w.kernel(); t++) {
                    reads.add(new Read(below, v * w.stride() - padBefore[a][i] + t * w.dilation()));
                }
            }
            // A window over the whole map sliding by one unit: virtual unit v is the same window moved by v.
            case FULLY_CONNECTED -> {
                for (long t = 0; t < n; t++) {
                    reads.add(new Read(below, v + t));
                }
            }
            // Pooling over the whole map: virtual unit v is the next whole map over, n units on.
            case GLOBAL_POOLING -> {
                for (long t = 0; t < n; t++) {
                    reads.add(new Read(below, v * n + t));
                }
            }
            case DECONVOLUTION -> {
                // Input unit u writes full-output position s*u + t for every tap t (a multiple of
                // the dilation); output unit v is full position v + pb.
                Window w = spec.window(axis);
                long ke = w.dilatedKernel();
                for (long t = 0; t < ke; t++) {
                    long rest = v + padBefore[a][i] - t;
                    if (t % w.dilation() == 0 && Math.floorMod(rest, w.stride()) == 0) {
                        reads.add(new Read(below, Math.floorDiv(rest, w.stride())));
                    }
                }
            }
            case UPSAMPLING -> {
                if (spec.extras().cubic() != null) {
                    // The four units around the position that weigh something in ONNX's cubic kernel.
                    for (CubicOracle.Weighted t : CubicOracle.taps(sourcePosition(spec, axis, n, Frac.of(v)),
                            CubicOracle.coefficient(spec))) {
                        reads.add(new Read(below, t.unit()));
                    }
                } else if (spec.extras().bilinear()) {
                    // Interpolated from the units either side of the ONNX source position (one when it is whole).
                    Frac q = sourcePosition(spec, axis, n, Frac.of(v));
                    long u = floor(q);
                    reads.add(new Read(below, u));
                    reads.add(new Read(below, q.isWhole() ? u : u + 1));
                } else {
                    // The unit the ONNX position rounds to (virtual units past the ends follow the same rule).
                    reads.add(new Read(below, nearestUnit(spec, sourcePosition(spec, axis, n, Frac.of(v)))));
                }
            }
            case PAD -> reads.add(new Read(below, v - padBefore[a][i]));
            case CROP -> reads.add(new Read(below, v + offset[a][i]));
            case MERGE -> {
                for (int j : in) {
                    reads.add(new Read(j, v));
                }
            }
            // Unit v of the map, and the whole of a map: the gate's one unit, which every unit
            // (virtual ones too) multiplies by; or, for a normalisation, every real unit of the
            // input, whose mean and variance shift and scale unit v.
            case CONTEXT -> {
                reads.add(new Read(below, v));
                int whole = in.get(in.size() - 1);
                for (long t = 0; t < size(whole, axis); t++) {
                    reads.add(new Read(whole, t));
                }
            }
        }
        return reads;
    }
}
