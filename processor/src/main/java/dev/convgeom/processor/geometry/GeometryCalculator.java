package dev.convgeom.processor.geometry;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.processor.diagnostics.Severity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Computes a chain of layers from the input forward, exactly: every layer's output shape and,
 * per axis, its field box, jump and centre (formulas in {@code shared/geometry.md}). Whatever does
 * not fit becomes a {@link Problem} located at a layer and a parameter.
 *
 * <p>The computation stops at the first layer whose spatial shape cannot be computed (no window
 * fits, a number overflows): everything after it would be guesswork and cascade. Channel problems
 * do not stop it, since they leave the spatial geometry intact.
 */
public final class GeometryCalculator {

    /** The largest size, channel count or pixel coordinate generated code can hold. */
    static final long INT_LIMIT = Integer.MAX_VALUE;

    private final NetworkInput input;
    private final boolean strict;
    private final boolean fullyConvolutional;
    private final List<ComputedLayer> computed = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Dropped borders, reported once the whole chain is known, so the fix they suggest fixes it all. */
    private final List<Runnable> droppedBorders = new ArrayList<>();
    /** The network input as a map layers can read. */
    private ComputedLayer networkInput;
    /** The convolution without {@code out} that made the channel count unknown, if it is. */
    private String channelsLostAt;

    private GeometryCalculator(NetworkInput input, boolean strict, boolean fullyConvolutional) {
        this.input = input;
        this.strict = strict;
        this.fullyConvolutional = fullyConvolutional;
    }

    /**
     * Computes {@code layers} on {@code input}.
     *
     * @param strict whether a dropped border is an error rather than a warning
     */
    public static GeometryResult compute(NetworkInput input, List<LayerSpec> layers, boolean strict) {
        return compute(input, layers, strict, false);
    }

    /**
     * Computes {@code layers} on {@code input}.
     *
     * @param strict             whether a dropped border is an error rather than a warning
     * @param fullyConvolutional whether every fully connected layer must have a complete
     *                           convolution form (known incoming channels)
     */
    public static GeometryResult compute(NetworkInput input, List<LayerSpec> layers, boolean strict,
                                         boolean fullyConvolutional) {
        GeometryCalculator calculator = new GeometryCalculator(input, strict, fullyConvolutional);
        calculator.run(layers);
        calculator.droppedBorders.forEach(Runnable::run);
        calculator.problems.sort(java.util.Comparator.comparingInt(Problem::layer));
        return new GeometryResult(input, calculator.computed, calculator.problems);
    }

    private void run(List<LayerSpec> layers) {
        networkInput = new ComputedLayer(LayerSpec.pointwise("input", LayerKind.RELU), List.of(), input.channels(),
                AxisState.input(input.height()), AxisState.input(input.width()), null, null, 0, 0);
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            ComputedLayer next;
            try {
                next = step(i, layer, layer.resolvedInputs(i));
            } catch (ResampleAxis.PeriodTooLong tooLong) {
                report(i, Param.NONE, null, Message.NUMBER_TOO_LARGE, layer.name(), "field pattern",
                        tooLong.getMessage());
                return;
            } catch (ArithmeticException overflow) {
                report(i, Param.NONE, null, Message.NUMBER_TOO_LARGE, layer.name(), "geometry",
                        "a value exceeds the range of exact 64-bit arithmetic");
                return;
            }
            if (next == null || !fitsInGeneratedCode(i, next)) {
                return;
            }
            computed.add(next);
        }
    }

    /** The map with index {@code index}: a computed layer, or the network input. */
    private ComputedLayer map(int index) {
        return index == LayerSpec.NETWORK_INPUT ? networkInput : computed.get(index);
    }

    /** One layer; null when its spatial shape cannot be computed (a problem was reported). */
    private ComputedLayer step(int index, LayerSpec layer, List<Integer> inputs) {
        int source = inputs.get(0);
        ComputedLayer in = map(source);
        return switch (layer.kind().role()) {
            case POINTWISE -> new ComputedLayer(layer, inputs, in.channels(), in.y(), in.x(), null, null, 0, 0);
            case CONVOLUTION -> window(index, layer, inputs, in, convolutionChannels(index, layer, source, in));
            case POOLING, PAD -> window(index, layer, inputs, in, in.channels());
            case FULLY_CONNECTED -> fullyConnected(index, layer, inputs, in);
            case GLOBAL_POOLING -> globalPool(layer, inputs, in);
            case DECONVOLUTION -> deconv(index, layer, inputs, in, convolutionChannels(index, layer, source, in));
            case UPSAMPLING -> new ComputedLayer(layer, inputs, in.channels(),
                    ResampleAxis.upsample(in.y(), layer.extras().factor(), layer.extras().bilinear()),
                    ResampleAxis.upsample(in.x(), layer.extras().factor(), layer.extras().bilinear()),
                    null, null, 0, 0);
            case CROP -> new CropStep(index, layer, inputs).compute();
            case MERGE -> merge(index, layer, inputs);
        };
    }

    private long convolutionChannels(int index, LayerSpec layer, int source, ComputedLayer in) {
        long groups = layer.groups();
        if (in.hasChannels()) {
            long channels = in.channels();
            if (layer.in().isPresent() && layer.in().getAsLong() != channels) {
                report(index, Param.IN, null, Message.IN_CHANNELS_MISMATCH, layer.name(), layer.in().getAsLong(),
                        channels, shape(in), source(source), channels);
            }
            if (channels % groups != 0) {
                long suggestion = layer.out().isPresent() ? gcd(channels, layer.out().getAsLong()) : gcd(channels, groups);
                report(index, Param.GROUPS, null, Message.GROUPS_IN_MISMATCH, layer.name(), groups, channels,
                        source(source), suggestion);
            }
        }
        if (layer.out().isEmpty()) {
            channelsLostAt = layer.name();
            return ComputedLayer.UNKNOWN_CHANNELS;
        }
        long out = layer.out().getAsLong();
        if (out % groups != 0) {
            report(index, Param.GROUPS, null, Message.GROUPS_OUT_MISMATCH, layer.name(), groups, out,
                    Math.multiplyExact(groups, Math.max(1, Math.round((double) out / groups))));
        }
        return out;
    }

    private ComputedLayer window(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in, long channels) {
        boolean fits = true;
        boolean first = inputs.get(0) == LayerSpec.NETWORK_INPUT;
        for (Axis axis : Axis.values()) {
            if (!WindowAxis.fits(in.axis(axis).size(), layer.window(axis))) {
                reportKernelTooLarge(index, layer, in, axis, first);
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        WindowStep y = WindowAxis.slide(in.y(), layer.y());
        WindowStep x = WindowAxis.slide(in.x(), layer.x());
        droppedBorders.add(() -> reportDroppedBorder(index, layer, inputs.get(0), in, Axis.Y, y));
        droppedBorders.add(() -> reportDroppedBorder(index, layer, inputs.get(0), in, Axis.X, x));
        return new ComputedLayer(layer, inputs, channels, y.output(), x.output(), y, x, 0, 0);
    }

    private ComputedLayer fullyConnected(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        if (in.hasChannels() && layer.in().isPresent()) {
            BigInteger values = BigInteger.valueOf(in.channels())
                    .multiply(BigInteger.valueOf(in.y().size()))
                    .multiply(BigInteger.valueOf(in.x().size()));
            if (!values.equals(BigInteger.valueOf(layer.in().getAsLong()))) {
                report(index, Param.IN, null, Message.FC_IN_MISMATCH, layer.name(), layer.in().getAsLong(),
                        shape(in), values, source(inputs.get(0)), values);
            }
        }
        if (fullyConvolutional && !in.hasChannels()) {
            report(index, Param.NONE, null, Message.FC_CHANNELS_UNKNOWN, layer.name(), in.y().size(), in.x().size(),
                    channelsLostAt, channelsLostAt);
        }
        // Geometrically a convolution whose kernel is the whole incoming map.
        WindowStep y = WindowAxis.slide(in.y(), Window.of(in.y().size(), 1, 0));
        WindowStep x = WindowAxis.slide(in.x(), Window.of(in.x().size(), 1, 0));
        return new ComputedLayer(layer, inputs, layer.out().orElseThrow(), y.output(), x.output(), y, x, 0, 0);
    }

    /**
     * Pooling over the whole map: one window as large as the map. Its stride is the map's size
     * too, so that the units beyond the one real unit (the virtual ones a later padding reaches)
     * continue the pattern as further, non-overlapping windows.
     */
    private ComputedLayer globalPool(LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        WindowStep y = WindowAxis.slide(in.y(), Window.of(in.y().size(), in.y().size(), 0));
        WindowStep x = WindowAxis.slide(in.x(), Window.of(in.x().size(), in.x().size(), 0));
        return new ComputedLayer(layer, inputs, in.channels(), y.output(), x.output(), y, x, 0, 0);
    }

    private ComputedLayer deconv(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in, long channels) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            Window w = layer.window(axis);
            // @Deconv has neither: a kernel below the stride, or taps spread by a dilation sharing a
            // factor with it, leave output units no input reaches, and fields that jump backwards.
            if (w.kernel() < w.stride() || w.dilation() != 1) {
                throw new IllegalArgumentException(layer.name() + ": a transposed convolution needs a kernel of at"
                        + " least its stride and no dilation (validation checks this)");
            }
            long n = in.axis(axis).size();
            long size = ResampleAxis.deconvSize(n, w, layer.extras().outputPadding());
            if (size < 1) {
                report(index, Param.PADDING, axis, Message.DECONV_NO_OUTPUT, layer.name(), axis.extent(), n,
                        w.stride(), w.padBefore(), w.padAfter(), w.kernel(), layer.extras().outputPadding(), size);
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        return new ComputedLayer(layer, inputs, channels,
                ResampleAxis.deconv(in.y(), layer.y(), layer.extras().outputPadding()),
                ResampleAxis.deconv(in.x(), layer.x(), layer.extras().outputPadding()), null, null, 0, 0);
    }

    /**
     * Add or concat: equal sizes (and, to add, equal channels), equal jumps, and, unless the
     * layer accepts an offset, equal centres. The output maps like the first input and sees the
     * union of the inputs' fields.
     */
    private ComputedLayer merge(int index, LayerSpec layer, List<Integer> inputs) {
        ComputedLayer first = map(inputs.get(0));
        boolean add = layer.kind() == LayerKind.ADD;
        boolean sizes = true;
        long channels = first.channels();
        for (int i = 1; i < inputs.size(); i++) {
            ComputedLayer other = map(inputs.get(i));
            boolean spatial = other.y().size() == first.y().size() && other.x().size() == first.x().size();
            boolean channelsDiffer = add && first.hasChannels() && other.hasChannels()
                    && first.channels() != other.channels();
            if (!spatial || channelsDiffer) {
                String what = add ? "channels, height and width" : "height and width";
                String fix = !spatial
                        ? "Crop the larger to the smaller with @Crop(from = ..., like = ...), or change the layers before"
                                + " the merge"
                        : "Give both paths the same number of channels (for a residual connection, a 1x1 projection"
                                + " on the shortcut)";
                report(index, Param.FROM, i, null, Message.MERGE_SIZE_MISMATCH, layer.name(),
                        layer.kind().displayName(), what, name(inputs.get(0)), shape(first), name(inputs.get(i)),
                        shape(other), fix);
                sizes &= spatial;
            }
            if (add) {
                channels = first.hasChannels() ? first.channels() : other.channels();
            } else {
                channels = channels == ComputedLayer.UNKNOWN_CHANNELS || !other.hasChannels()
                        ? ComputedLayer.UNKNOWN_CHANNELS : Math.addExact(channels, other.channels());
            }
        }
        if (!sizes) {
            return null;
        }
        boolean jumps = true;
        for (int i = 1; i < inputs.size(); i++) {
            for (Axis axis : Axis.values()) {
                jumps &= checkAligned(index, layer, inputs, i, axis);
            }
        }
        if (!jumps) {
            return null;
        }
        List<AxisState> ys = new ArrayList<>();
        List<AxisState> xs = new ArrayList<>();
        for (int input : inputs) {
            ys.add(map(input).y());
            xs.add(map(input).x());
        }
        return new ComputedLayer(layer, inputs, channels, ResampleAxis.merge(ys), ResampleAxis.merge(xs), null, null,
                0, 0);
    }

    /** Whether input {@code i} of a merge has the first input's jump; reports misalignment. */
    private boolean checkAligned(int index, LayerSpec layer, List<Integer> inputs, int i, Axis axis) {
        int a = inputs.get(0);
        int b = inputs.get(i);
        AxisState first = map(a).axis(axis);
        AxisState other = map(b).axis(axis);
        if (!first.jump().equals(other.jump())) {
            Paths paths = Paths.between(computed, a, b);
            report(index, Param.FROM, i, axis, Message.MERGE_JUMPS_DIFFER, layer.name(), name(a), name(b),
                    axis.extent(), first.jump(), other.jump(), paths.fork(), paths.toFirst(), paths.toSecond());
            return false;
        }
        Rational apart = other.center().minus(first.center());
        if (apart.signum() != 0 && !layer.extras().allowMisaligned()) {
            Paths paths = Paths.between(computed, a, b);
            Rational units = apart.dividedBy(first.jump());
            String crop = "";
            if (units.isInteger()) {
                // Unit 0 of the map that starts further out matches a later unit of the other: a
                // crop of that other one, starting there, lines them up.
                int later = apart.signum() > 0 ? a : b;
                int earlier = apart.signum() > 0 ? b : a;
                crop = "Cropping '" + name(later) + "' by " + count(units.abs(), "unit") + " (@Crop(from = \""
                        + name(later) + "\", like = \"" + name(earlier) + "\")) aligns them where it is large enough. ";
            }
            report(index, Param.FROM, i, axis, Message.MISALIGNED_MERGE, layer.name(), name(a), name(b), axis.extent(),
                    name(a), axis.unit(), first.center(), name(b), other.center(), count(apart.abs(), "input pixel"),
                    count(units.abs(), "unit"), first.jump(), paths.fork(), paths.toFirst(), paths.toSecond(), crop);
        }
        return true;
    }

    /** A crop: offsets computed to align with its reference, or given and checked. */
    private final class CropStep {
        private final int index;
        private final LayerSpec layer;
        private final List<Integer> inputs;
        private final ComputedLayer from;
        private final ComputedLayer like;

        CropStep(int index, LayerSpec layer, List<Integer> inputs) {
            this.index = index;
            this.layer = layer;
            this.inputs = inputs;
            this.from = map(inputs.get(0));
            this.like = map(layer.extras().like());
        }

        ComputedLayer compute() {
            long[] offsets = new long[2];
            boolean ok = true;
            for (Axis axis : Axis.values()) {
                Long offset = offset(axis);
                ok &= offset != null;
                offsets[axis.ordinal()] = offset == null ? 0 : offset;
            }
            if (!ok) {
                return null;
            }
            return new ComputedLayer(layer, inputs, from.channels(),
                    ResampleAxis.crop(from.y(), offsets[0], like.y().size()),
                    ResampleAxis.crop(from.x(), offsets[1], like.x().size()), null, null, offsets[0], offsets[1]);
        }

        /** The offset along {@code axis}, or null when it does not work (reported). */
        private Long offset(Axis axis) {
            AxisState a = from.axis(axis);
            AxisState b = like.axis(axis);
            String fromName = name(inputs.get(0));
            String likeName = name(layer.extras().like());
            boolean sameJump = a.jump().equals(b.jump());
            Rational aligning = sameJump ? b.center().minus(a.center()).dividedBy(a.jump()) : null;
            OptionalLong given = layer.extras().offset(axis);
            if (given.isPresent()) {
                long o = given.getAsLong();
                if (Math.addExact(o, b.size()) > a.size()) {
                    report(index, Param.OFFSET, axis, Message.CROP_OFFSET_OUT_OF_RANGE, layer.name(), o, b.size(),
                            axis.units(), likeName, o + b.size(), a.size(), axis.units(), fromName,
                            a.size() - b.size());
                    return null;
                }
                if (!layer.extras().allowMisaligned() && (aligning == null || !aligning.equals(Rational.of(o)))) {
                    Rational apart = b.center().minus(a.center().plus(a.jump().times(o)));
                    String aligned = aligning == null
                            ? "their jumps differ (" + a.jump() + " and " + b.jump() + "), so no offset aligns them"
                            : aligning.isInteger() && aligning.signum() >= 0
                                    ? "offset " + aligning + " aligns them"
                                    : "no whole offset aligns them (it would be " + aligning + ")";
                    report(index, Param.OFFSET, axis, Message.CROP_OFFSET_MISALIGNED, layer.name(), o, axis.extent(),
                            fromName, likeName, aligning == null ? "a varying number of input pixels"
                                    : count(apart.abs(), "input pixel"), aligned);
                    return null;
                }
                return o;
            }
            if (!sameJump) {
                report(index, Param.LIKE, axis, Message.CROP_JUMPS_DIFFER, layer.name(), fromName, likeName,
                        axis.extent(), a.jump(), b.jump(), likeName);
                return null;
            }
            Rational pixels = b.center().minus(a.center());
            if (!aligning.isInteger()) {
                report(index, Param.LIKE, axis, Message.CROP_NOT_WHOLE, layer.name(), fromName, likeName, axis.extent(),
                        count(aligning, "unit"), count(pixels, "input pixel"), count(a.jump(), "input pixel"));
                return null;
            }
            long o = aligning.longValueExact();
            if (o < 0) {
                report(index, Param.LIKE, axis, Message.CROP_NEGATIVE_OFFSET, layer.name(), fromName,
                        count(Rational.of(-o), "unit"), count(pixels.negate(), "input pixel"), likeName, axis.extent(),
                        likeName, o, likeName, fromName, count(Rational.of(-o), axis.unit()));
                return null;
            }
            if (Math.addExact(o, b.size()) > a.size()) {
                report(index, Param.LIKE, axis, Message.CROP_TOO_SMALL, layer.name(), fromName, likeName, axis.extent(),
                        o, fromName, o, b.size(), o + b.size(), axis.units(), a.size(), fromName);
                return null;
            }
            return o;
        }
    }

    private void reportKernelTooLarge(int index, LayerSpec layer, ComputedLayer in, Axis axis, boolean first) {
        Window w = layer.window(axis);
        long n = in.axis(axis).size();
        long[] pad = WindowAxis.padding(n, w);
        long ke = w.dilatedKernel();
        String kernel = w.dilation() == 1 ? "kernel " + ke
                : "dilated kernel " + ke + " (k = " + w.kernel() + ", d = " + w.dilation() + ")";
        String arithmetic = "input " + axis.extent() + " " + n + " + padding " + pad[0] + " + " + pad[1]
                + " = " + (n + pad[0] + pad[1]) + " < " + kernel;
        long perSide = (ke - n + 1) / 2;
        String fix = "Use padding of at least " + perSide + " on each side, a kernel of at most "
                + (n + pad[0] + pad[1]) + ", or a larger input"
                + (first ? " (" + axis.extent() + " at least " + (ke - pad[0] - pad[1]) + ")" : "")
                + ".";
        report(index, Param.KERNEL, axis, Message.KERNEL_TOO_LARGE, layer.name(), axis.extent(), arithmetic,
                axis.units(), fix);
    }

    private void reportDroppedBorder(int index, LayerSpec layer, int source, ComputedLayer in, Axis axis,
                                     WindowStep step) {
        boolean first = source == LayerSpec.NETWORK_INPUT;
        if (step.droppedBorder() == 0) {
            return;
        }
        Window w = layer.window(axis);
        long n = in.axis(axis).size();
        long ke = w.dilatedKernel();
        long s = w.stride();
        long remainder = Math.floorMod(n + step.padBefore() + step.padAfter() - ke, s);
        long dropped = step.droppedBorder();
        String units = dropped == 1 ? axis.unit() : axis.units();
        String fix;
        if (remainder == 0) {
            fix = "The stride exceeds the kernel, so the last window ends before the input does.";
        } else {
            // Sizes for which every window layer on the way here tiles exactly: following the
            // suggestion clears this layer and every other one before it.
            List<Long> sizes = (isChain() ? Optional.of(allSteps(axis)) : pathFromInput(index, axis))
                    .map(chain -> ExactInputs.around(chain, input.size(axis)))
                    .orElse(List.of());
            String padMore = first ? ", or pad " + (s - remainder) + " more after" : "";
            fix = sizes.isEmpty()
                    ? "It would tile an input " + axis.extent() + " of " + (n - remainder) + " or " + (n + s - remainder)
                            + " here, which the network input and the layers before decide" + padMore + "."
                    : "Use input " + axis.extent() + " "
                            + String.join(" or ", sizes.stream().map(String::valueOf).toList())
                            + " (every window layer then tiles its input exactly)" + padMore + ".";
        }
        String what = first ? "of the input"
                : "of its input (the output of '" + name(source) + "')";
        Severity severity = strict ? Severity.ERROR : Severity.WARNING;
        String note = strict ? " (An error because of @Network(strict = true).)"
                : " (@Network(strict = true) makes this an error.)";
        problems.add(new Problem(index, Param.STRIDE, axis, severity, Message.DROPPED_BORDER, List.of(
                layer.name(), axis.extent(), n, step.padBefore(), step.padAfter(), ke, s, remainder, dropped,
                units, what, dropped == 1 ? "is" : "are", fix, note)));
    }

    /**
     * Generated code holds sizes, pixel coordinates and field sizes in {@code int}: refuse what
     * does not fit.
     */
    private boolean fitsInGeneratedCode(int index, ComputedLayer layer) {
        for (Axis axis : Axis.values()) {
            AxisState a = layer.axis(axis);
            if (a.size() > INT_LIMIT) {
                return tooLarge(index, layer, "output " + axis.extent(), a.size() + " > " + INT_LIMIT);
            }
            // Generated code keeps each phase's field and the fields of the map's units in ints.
            // Exact: after 1-unit maps the shift is bounded only by long, so shift * (size - 1) can
            // exceed it, and this runs outside the calculation's overflow handling.
            FieldPattern field = a.field();
            long[] los = field.los();
            long[] his = field.his();
            BigInteger low = BigInteger.valueOf(Arrays.stream(los).min().orElseThrow());
            BigInteger high = BigInteger.valueOf(Arrays.stream(his).max().orElseThrow());
            long last = a.size() - 1;
            BigInteger lastHi = BigInteger.valueOf(his[(int) (last % his.length)]).add(
                    BigInteger.valueOf(field.shift()).multiply(BigInteger.valueOf(last / his.length)));
            high = high.max(lastHi);
            if (low.compareTo(BigInteger.valueOf(-INT_LIMIT)) < 0 || high.compareTo(BigInteger.valueOf(INT_LIMIT)) > 0) {
                return tooLarge(index, layer, "receptive field",
                        "it spans input " + axis.units() + " " + low + " to " + high + ", beyond the int range");
            }
            // Both ends can be ints while the size, hi - lo + 1, is not (rf() is an int).
            if (a.rf() > INT_LIMIT) {
                return tooLarge(index, layer, "receptive field",
                        "its " + axis.extent() + " is " + a.rf() + " input " + axis.units() + " > " + INT_LIMIT);
            }
        }
        if (layer.channels() > INT_LIMIT) {
            return tooLarge(index, layer, "channel count", layer.channels() + " > " + INT_LIMIT);
        }
        // Generated code writes the final layer's jump as an int literal (receptiveField is
        // lo + jump * x in int arithmetic): strides of Integer.MAX_VALUE on two layers would give
        // a file that does not compile. Blamed on the stride that passed the limit.
        boolean jumpsFit = true;
        for (Axis axis : Axis.values()) {
            Rational jump = layer.axis(axis).jump();
            if (jump.compareTo(Rational.of(INT_LIMIT)) > 0) {
                report(index, Param.STRIDE, axis, Message.NUMBER_TOO_LARGE, layer.spec().name(),
                        axis.extent() + " jump", jump + " > " + INT_LIMIT);
                jumpsFit = false;
            }
        }
        if (!jumpsFit) {
            return false;
        }
        for (Axis axis : Axis.values()) {
            long shift = layer.axis(axis).field().shift();
            if (shift > INT_LIMIT) {
                return tooLarge(index, layer, "field pattern", "its fields move " + shift + " input "
                        + axis.units() + " per period > " + INT_LIMIT);
            }
        }
        return true;
    }

    private boolean tooLarge(int index, ComputedLayer layer, String what, String detail) {
        report(index, Param.NONE, null, Message.NUMBER_TOO_LARGE, layer.spec().name(), what, detail);
        return false;
    }

    private void report(int index, Param param, Axis axis, Message message, Object... args) {
        report(index, param, -1, axis, message, args);
    }

    private void report(int index, Param param, int element, Axis axis, Message message, Object... args) {
        problems.add(new Problem(index, param, element, axis, message.severity(), message, List.of(args)));
    }

    /** "1 unit", "2 units", "1/2 unit": a quantity with its noun. */
    private static String count(Rational value, String noun) {
        String number = value.toString();
        boolean one = value.abs().compareTo(Rational.ONE) <= 0 && value.signum() != 0;
        return number + " " + noun + (one ? "" : "s");
    }

    /** How a message names the map {@code index} reads: "'conv1'" or "the network input". */
    private String source(int index) {
        return index == LayerSpec.NETWORK_INPUT ? "the network input" : "'" + name(index) + "'";
    }

    /** The name of map {@code index}: a layer's, or "input". */
    private String name(int index) {
        return index == LayerSpec.NETWORK_INPUT ? "input" : computed.get(index).spec().name();
    }

    /** Whether every layer reads the one before and slides a window or works unit by unit. */
    private boolean isChain() {
        for (int i = 0; i < computed.size(); i++) {
            ComputedLayer layer = computed.get(i);
            LayerKind.Role role = layer.spec().kind().role();
            boolean plain = role == LayerKind.Role.POINTWISE || role == LayerKind.Role.CONVOLUTION
                    || role == LayerKind.Role.POOLING || role == LayerKind.Role.FULLY_CONNECTED;
            if (!plain || !layer.inputs().equals(List.of(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /** Every window step of a chain along {@code axis}, in order. */
    private List<WindowStep> allSteps(Axis axis) {
        List<WindowStep> steps = new ArrayList<>();
        for (ComputedLayer layer : computed) {
            if (layer.step(axis) != null) {
                steps.add(layer.step(axis));
            }
        }
        return steps;
    }

    /**
     * The window steps from the network input to map {@code index} along {@code axis}, in order,
     * when that path is a chain of window and pointwise layers (the only case with an affine
     * formula for exact input sizes); empty otherwise.
     */
    private Optional<List<WindowStep>> pathFromInput(int index, Axis axis) {
        List<WindowStep> steps = new ArrayList<>();
        for (int at = index; at != LayerSpec.NETWORK_INPUT; ) {
            ComputedLayer layer = computed.get(at);
            LayerKind.Role role = layer.spec().kind().role();
            if (layer.inputs().size() != 1 || role == LayerKind.Role.GLOBAL_POOLING
                    || !(role == LayerKind.Role.POINTWISE || layer.step(axis) != null)) {
                return Optional.empty();
            }
            if (layer.step(axis) != null) {
                steps.add(layer.step(axis));
            }
            at = layer.inputs().get(0);
        }
        Collections.reverse(steps);
        return Optional.of(steps);
    }

    private static String shape(ComputedLayer layer) {
        return (layer.hasChannels() ? Long.toString(layer.channels()) : "?") + "x" + layer.y().size() + "x"
                + layer.x().size();
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
