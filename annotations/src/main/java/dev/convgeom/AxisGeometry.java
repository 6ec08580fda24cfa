package dev.convgeom;

import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.FieldPattern;
import dev.convgeom.engine.GlobalContext;
import java.util.Arrays;
import java.util.Objects;

/**
 * The geometry of one feature map along one axis (rows or columns), in input pixels.
 *
 * <p>Unit {@code u} of the map is centred on input coordinate {@code center + jump * u} (exact
 * rationals: {@link #exactCenter()}, {@link #exactJump()}) and sees the input pixels
 * {@link #fieldStart(int) fieldStart(u)} to {@link #fieldEnd(int) fieldEnd(u)}, inclusive. The
 * field is not clipped to the image: near a border it reaches into the padding.
 *
 * <p>In a chain of convolutions and pooling every field is unit 0's, moved by {@code jump * u}.
 * After upsampling (a transposed convolution, {@link Upsample}) the field depends on the unit's
 * <em>phase</em>: there is a period {@code P} such that the field of {@code u + P} is that of
 * {@code u} moved by the whole number of pixels {@code shift = P * jump}. This class keeps the
 * fields of units {@code 0 .. P-1} and derives every other unit's from them, inside the map and
 * beyond it (units outside {@code [0, size)} are the virtual units of padding). The first and
 * last pixels of the fields never decrease as {@code u} grows.
 *
 * <p>After a layer that reads a whole map (a {@link Gate} or an {@link InstanceNorm}) every unit
 * also reads the same interval of input pixels, the <em>context</em>
 * ({@link #contextStart()} to {@link #contextEnd()}: what the gate pooled, or what the
 * normalisation's statistics span): a unit's field is then the smallest interval holding its own
 * local field and the context, while its centre and the jump stay those of its local field.
 *
 * <p>Generated code creates these with literals computed at compile time; for a chain
 * ({@code P = 1}) the methods are a few integer instructions each.
 *
 * <pre>{@code
 * AxisGeometry.uniform(227, 13, Ratio.of(16), Ratio.of(17), -64, 98)      // conv5 of CaffeNet
 * new AxisGeometry(227, 55, Ratio.of(1, 2), Ratio.of(-1, 4), new int[] {0, 0}, new int[] {1, 2})
 * }</pre>
 */
public final class AxisGeometry {

    private final int inputSize;
    private final int size;
    private final Ratio jump;
    private final Ratio center;
    private final int period;
    private final int shift;
    private final int[] lo;
    private final int[] hi;
    // Unit 0's field and the doubles, unpacked once: the per-unit methods are benchmarked.
    private final int lo0;
    private final int hi0;
    private final int rf;
    // The context, or the empty interval [MAX_VALUE, MIN_VALUE], neutral for min and max.
    private final boolean hasContext;
    private final int contextLo;
    private final int contextHi;
    private final double jumpValue;
    private final double centerValue;

    /**
     * A map whose fields repeat with a period: {@code lo[r]} and {@code hi[r]} are the first and
     * last input pixels of unit {@code r}'s field, for {@code r} from 0 to {@code P - 1}, with
     * {@code P = lo.length}. The arrays are copied. A pattern that also repeats with a shorter
     * period is stored with the shortest one, so equal geometries are equal objects and
     * {@link #period()} is the smallest period.
     *
     * @param inputSize size of the network input along this axis, in pixels
     * @param size      number of units of this map along this axis
     * @param jump      distance in input pixels between the centres of neighbouring units
     * @param center    input coordinate of the centre of unit 0's field
     * @param lo        first pixel of the fields of units {@code 0 .. P-1}
     * @param hi        last pixel of the fields of units {@code 0 .. P-1}
     * @throws IllegalArgumentException if a size is below 1, the jump is not positive, the arrays
     *                                  are empty or of different lengths, {@code P * jump} is not a
     *                                  whole {@code int}, a field is empty, or the fields' bounds
     *                                  decrease from one unit to the next
     */
    public AxisGeometry(int inputSize, int size, Ratio jump, Ratio center, int[] lo, int[] hi) {
        this(inputSize, size, jump, center, checkedPattern(inputSize, size, jump, center, lo, hi), GlobalContext.NONE);
    }

    /**
     * A map whose fields the engine computed: {@code pattern} is valid and at its shortest period
     * already, so it is only narrowed to the {@code int}s of this type.
     *
     * @throws ArithmeticException if a field's bound, the field size or the shift exceeds the int range
     */
    AxisGeometry(int inputSize, int size, Ratio jump, Ratio center, FieldPattern pattern, GlobalContext context) {
        int p = pattern.period();
        long[] los = pattern.los();
        long[] his = pattern.his();
        this.inputSize = inputSize;
        this.size = size;
        this.jump = jump;
        this.center = center;
        this.period = p;
        this.shift = wholeShift(p, jump);
        this.lo = new int[p];
        this.hi = new int[p];
        for (int r = 0; r < p; r++) {
            lo[r] = EngineLayers.toInt(los[r]);
            hi[r] = EngineLayers.toInt(his[r]);
        }
        this.lo0 = lo[0];
        this.hi0 = hi[0];
        this.hasContext = !context.isNone();
        this.contextLo = hasContext ? EngineLayers.toInt(context.lo()) : Integer.MAX_VALUE;
        this.contextHi = hasContext ? EngineLayers.toInt(context.hi()) : Integer.MIN_VALUE;
        this.rf = EngineLayers.toInt(new AxisState(size, jump, center, pattern, context).rf());
        this.jumpValue = jump.doubleValue();
        this.centerValue = center.doubleValue();
    }

    /** The fields as the engine's pattern, after the checks the constructor's Javadoc lists. */
    private static FieldPattern checkedPattern(int inputSize, int size, Ratio jump, Ratio center, int[] lo, int[] hi) {
        Objects.requireNonNull(jump, "jump");
        Objects.requireNonNull(center, "center");
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        if (inputSize < 1 || size < 1) {
            throw new IllegalArgumentException("input size " + inputSize + " and map size " + size
                    + " must be at least 1");
        }
        if (jump.signum() <= 0) {
            throw new IllegalArgumentException("the jump must be positive, got " + jump);
        }
        if (lo.length == 0 || lo.length != hi.length) {
            throw new IllegalArgumentException("need one field per phase, as many lo as hi, at least one; got "
                    + lo.length + " lo and " + hi.length + " hi");
        }
        // The engine's field pattern checks the fields (non-empty, never moving backwards, also into
        // the next period) and keeps them at their shortest period.
        return FieldPattern.of(wholeShift(lo.length, jump), longs(lo), longs(hi));
    }

    /**
     * The geometry of a map in a chain of window and pointwise layers: every unit's field is unit
     * 0's, {@code [lo, hi]}, moved by {@code jump * u}.
     *
     * @throws IllegalArgumentException if {@code jump} is not a positive whole {@code int}, or as
     *                                  the constructor
     */
    public static AxisGeometry uniform(int inputSize, int size, Ratio jump, Ratio center, int lo, int hi) {
        if (!jump.isInteger()) {
            throw new IllegalArgumentException("a uniform map needs a whole jump, got " + jump
                    + "; give the fields of one period instead");
        }
        return new AxisGeometry(inputSize, size, jump, center, new int[] {lo}, new int[] {hi});
    }

    /**
     * The geometry of a map whose fields depend on the phase, with the fields of units
     * {@code 0 .. P - 1} written as text: {@code "lo hi, lo hi, ..."}, one pair per unit, decimal.
     * Generated code uses this form (through {@link Literals}): one string constant costs a class initializer a few bytes,
     * where array literals of a long period would cost several per number and, over many layers,
     * pass the 64 KiB a method may hold.
     *
     * @throws IllegalArgumentException if {@code fields} is not pairs of ints, or as the constructor
     */
    public static AxisGeometry phases(int inputSize, int size, Ratio jump, Ratio center, String fields) {
        String[] pairs = fields.split(",");
        int[] lo = new int[pairs.length];
        int[] hi = new int[pairs.length];
        for (int r = 0; r < pairs.length; r++) {
            String[] ends = pairs[r].trim().split("\\s+");
            if (ends.length != 2) {
                throw new IllegalArgumentException("unit " + r + ": expected \"lo hi\", got \"" + pairs[r].trim() + "\"");
            }
            try {
                lo[r] = Integer.parseInt(ends[0]);
                hi[r] = Integer.parseInt(ends[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unit " + r + ": " + e.getMessage(), e);
            }
        }
        return new AxisGeometry(inputSize, size, jump, center, lo, hi);
    }

    /** Size of the network input along this axis, in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of units of this map along this axis. */
    public int size() {
        return size;
    }

    /**
     * Distance in input pixels between the centres of neighbouring units (the effective stride),
     * as a {@code double}; {@link #exactJump()} is exact.
     */
    public double jump() {
        return jumpValue;
    }

    /** Input coordinate of the centre of unit 0's field, as a {@code double}; see {@link #exactCenter()}. */
    public double center() {
        return centerValue;
    }

    /** The jump as an exact fraction (below 1 after upsampling). */
    public Ratio exactJump() {
        return jump;
    }

    /** The centre of unit 0's field as an exact fraction. */
    public Ratio exactCenter() {
        return center;
    }

    /**
     * This geometry with every unit also reading input pixels {@code lo} to {@code hi} (joined with
     * the context it has): the map after a {@link Gate} or an {@link InstanceNorm}.
     *
     * @throws IllegalArgumentException if {@code lo > hi}
     */
    public AxisGeometry withContext(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("the context must be a non-empty interval, got [" + lo + ", " + hi + "]");
        }
        GlobalContext c = context().hull(lo, hi);
        return new AxisGeometry(inputSize, size, jump, center, FieldPattern.of(shift, longs(this.lo), longs(this.hi)), c);
    }

    /** Whether every unit also reads a context (see the class comment). */
    public boolean hasContext() {
        return hasContext;
    }

    /**
     * First input pixel of the context every unit reads.
     *
     * @throws IllegalStateException if there is none ({@link #hasContext()})
     */
    public int contextStart() {
        if (!hasContext) {
            throw new IllegalStateException("no layer before this map reads a whole map: it has no context");
        }
        return contextLo;
    }

    /**
     * Last input pixel of the context every unit reads.
     *
     * @throws IllegalStateException if there is none ({@link #hasContext()})
     */
    public int contextEnd() {
        if (!hasContext) {
            throw new IllegalStateException("no layer before this map reads a whole map: it has no context");
        }
        return contextHi;
    }

    private GlobalContext context() {
        return hasContext ? new GlobalContext(contextLo, contextHi) : GlobalContext.NONE;
    }

    /** First input pixel of unit 0's field. */
    public int lo() {
        return Math.min(lo0, contextLo);
    }

    /** Last input pixel of unit 0's field. */
    public int hi() {
        return Math.max(hi0, contextHi);
    }

    /**
     * Receptive-field size in pixels: the widest field over the phases, {@code hi - lo + 1} for a
     * chain; with a context, the widest over every unit of the map and every phase.
     */
    public int rf() {
        return rf;
    }

    /** The smallest number of units after which the fields repeat, moved by {@link #shift()}: 1 for a chain. */
    public int period() {
        return period;
    }

    /** Pixels that the fields move by over one {@link #period()}: {@code period * jump}, a whole number. */
    public int shift() {
        return shift;
    }

    /**
     * First input pixel of the field of unit {@code r}, a phase (with the context, if any).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= r < period()}
     */
    public int phaseLo(int r) {
        return Math.min(lo[Objects.checkIndex(r, period)], contextLo);
    }

    /**
     * Last input pixel of the field of unit {@code r}, a phase.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= r < period()}
     */
    public int phaseHi(int r) {
        return Math.max(hi[Objects.checkIndex(r, period)], contextHi);
    }

    /**
     * Input coordinate of the centre of unit {@code u}'s field. {@code u} may be fractional, and
     * may lie outside the map: this is the affine map itself, which also places the virtual units
     * beyond the map ({@link LayerGeometry#mapToInput} checks that a unit is on the map).
     *
     * @throws IllegalArgumentException if {@code u} is NaN or infinite
     */
    public double toInput(double u) {
        if (!Double.isFinite(u)) {
            throw Checks.notFinite("unit", u);
        }
        return centerValue + jumpValue * u;
    }

    /**
     * The (fractional) unit whose field is centred on input coordinate {@code p}, anywhere on the
     * line, inside the map or not.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public double fromInput(double p) {
        if (!Double.isFinite(p)) {
            throw Checks.notFinite("input coordinate", p);
        }
        return (p - centerValue) / jumpValue;
    }

    /**
     * First input pixel of unit {@code u}'s field, unclipped. {@code u} may lie outside the map:
     * the virtual units of padding continue the pattern of fields
     * ({@link LayerGeometry#receptiveField} checks that a unit is on the map,
     * {@link LayerGeometry#extrapolatedReceptiveField} does not).
     *
     * @throws ArithmeticException if the pixel lies beyond the {@code int} range (a unit far
     *                             outside the map)
     */
    public int fieldStart(int u) {
        // A chain stays in int arithmetic, as hand-written code would (BENCHMARKS.md); the exact
        // operations are intrinsics that cost an overflow flag test.
        // Without a context, contextLo is Integer.MAX_VALUE: the min leaves the local field.
        return Math.min(contextLo, period == 1 ? Math.addExact(lo0, Math.multiplyExact(shift, u))
                : Math.addExact(lo[Math.floorMod(u, period)], Math.multiplyExact(shift, Math.floorDiv(u, period))));
    }

    /**
     * Last input pixel of unit {@code u}'s field, unclipped; {@code u} may lie outside the map (see
     * {@link #fieldStart(int)}).
     *
     * @throws ArithmeticException if the pixel lies beyond the {@code int} range
     */
    public int fieldEnd(int u) {
        return Math.max(contextHi, period == 1 ? Math.addExact(hi0, Math.multiplyExact(shift, u))
                : Math.addExact(hi[Math.floorMod(u, period)], Math.multiplyExact(shift, Math.floorDiv(u, period))));
    }

    /**
     * The unit whose field centre is nearest to input coordinate {@code p}, clamped into the map.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public int nearestUnit(double p) {
        if (!Double.isFinite(p)) {
            throw Checks.notFinite("input coordinate", p);
        }
        double nearest = Math.floor((p - centerValue) / jumpValue + 0.5);
        return (int) Math.max(0, Math.min(nearest, size - 1));
    }

    /**
     * The first unit whose field contains input coordinate {@code p}; greater than
     * {@link #lastUnitContaining(double)} when there is none. Since the fields' bounds never
     * decrease, the units containing {@code p} are a contiguous run: this is the first unit whose
     * field ends at or after {@code p}.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public int firstUnitContaining(double p) {
        if (!Double.isFinite(p)) {
            throw Checks.notFinite("input coordinate", p);
        }
        if (hasContext && p <= contextHi) {
            return 0;   // the field of every unit ends at or after the context's end
        }
        double first;
        if (period == 1) {
            first = Math.ceil((p - hi0) / shift);
        } else {
            // In phase r, unit r + P q ends at hi[r] + shift q: the smallest fitting q, per phase.
            first = Double.POSITIVE_INFINITY;
            for (int r = 0; r < period; r++) {
                first = Math.min(first, Math.ceil((p - hi[r]) / shift) * period + r);
            }
        }
        return first <= 0 ? 0 : (int) Math.min(first, size);
    }

    /**
     * The last unit whose field contains input coordinate {@code p}; less than
     * {@link #firstUnitContaining(double)} when there is none: the last unit whose field starts at
     * or before {@code p}.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public int lastUnitContaining(double p) {
        if (!Double.isFinite(p)) {
            throw Checks.notFinite("input coordinate", p);
        }
        if (hasContext && p >= contextLo) {
            return size - 1;
        }
        double last;
        if (period == 1) {
            last = Math.floor((p - lo0) / shift);
        } else {
            last = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < period; r++) {
                last = Math.max(last, Math.floor((p - lo[r]) / shift) * period + r);
            }
        }
        return last < 0 ? -1 : (int) Math.min(last, size - 1);
    }

    /**
     * The exact map from this map's units to {@code other}'s: the unit of {@code other} centred
     * where a unit of this map is, {@code (center + jump * u - other.center) / other.jump}.
     *
     * @throws ArithmeticException if the coefficients exceed the range of {@link Ratio}
     */
    public AxisMap mapTo(AxisGeometry other) {
        return new AxisMap(jump.dividedBy(other.jump), center.minus(other.center).dividedBy(other.jump));
    }

    /** Equal sizes, jumps, centres and fields. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AxisGeometry g && g.inputSize == inputSize && g.size == size && g.jump.equals(jump)
                && g.center.equals(center) && Arrays.equals(g.lo, lo) && Arrays.equals(g.hi, hi)
                && g.contextLo == contextLo && g.contextHi == contextHi;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, size, jump, center, Arrays.hashCode(lo), Arrays.hashCode(hi), contextLo, contextHi);
    }

    /** {@code AxisGeometry[inputSize=227, size=13, jump=16, center=17, lo=-64, hi=98]}, arrays for several phases. */
    @Override
    public String toString() {
        return "AxisGeometry[inputSize=" + inputSize + ", size=" + size + ", jump=" + jump + ", center=" + center
                + ", lo=" + (period == 1 ? Integer.toString(lo0) : Arrays.toString(lo))
                + ", hi=" + (period == 1 ? Integer.toString(hi0) : Arrays.toString(hi))
                + (hasContext ? ", context=[" + contextLo + ", " + contextHi + "]" : "") + "]";
    }

    private static int wholeShift(int period, Ratio jump) {
        Ratio s = jump.times(period);
        if (!s.isInteger() || s.numerator() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the fields of " + period + " units must move by a whole number of"
                    + " pixels (an int), but " + period + " * " + jump + " = " + s);
        }
        return (int) s.numerator();
    }

    private static long[] longs(int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }
}
