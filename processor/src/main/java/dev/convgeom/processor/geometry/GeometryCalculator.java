package dev.convgeom.processor.geometry;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.processor.diagnostics.Severity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

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
        ComputedLayer previous = new ComputedLayer(
                LayerSpec.pointwise("input", LayerKind.RELU), input.channels(),
                AxisState.input(input.height()), AxisState.input(input.width()), null, null);
        for (int i = 0; i < layers.size(); i++) {
            ComputedLayer next;
            try {
                next = step(i, layers.get(i), previous);
            } catch (ArithmeticException overflow) {
                report(i, Param.NONE, null, Message.NUMBER_TOO_LARGE, layers.get(i).name(), "geometry",
                        "a value exceeds the range of exact 64-bit arithmetic");
                return;
            }
            if (next == null || !fitsInGeneratedCode(i, next)) {
                return;
            }
            computed.add(next);
            previous = next;
        }
    }

    /** One layer; null when its spatial shape cannot be computed (a problem was reported). */
    private ComputedLayer step(int index, LayerSpec layer, ComputedLayer in) {
        return switch (layer.kind().role()) {
            case POINTWISE -> new ComputedLayer(layer, in.channels(), in.y(), in.x(), null, null);
            case CONVOLUTION -> window(index, layer, in, convolutionChannels(index, layer, in));
            case POOLING -> window(index, layer, in, in.channels());
            case FULLY_CONNECTED -> fullyConnected(index, layer, in);
            default -> throw new UnsupportedOperationException("graphs: being written");
        };
    }

    private long convolutionChannels(int index, LayerSpec layer, ComputedLayer in) {
        long groups = layer.groups();
        if (in.hasChannels()) {
            long channels = in.channels();
            if (layer.in().isPresent() && layer.in().getAsLong() != channels) {
                report(index, Param.IN, null, Message.IN_CHANNELS_MISMATCH, layer.name(), layer.in().getAsLong(),
                        channels, shape(in), source(in), channels);
            }
            if (channels % groups != 0) {
                long suggestion = layer.out().isPresent() ? gcd(channels, layer.out().getAsLong()) : gcd(channels, groups);
                report(index, Param.GROUPS, null, Message.GROUPS_IN_MISMATCH, layer.name(), groups, channels,
                        source(in), suggestion);
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

    private ComputedLayer window(int index, LayerSpec layer, ComputedLayer in, long channels) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            if (!WindowAxis.fits(in.axis(axis).size(), layer.window(axis))) {
                reportKernelTooLarge(index, layer, in, axis);
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        WindowStep y = WindowAxis.slide(in.y(), layer.y());
        WindowStep x = WindowAxis.slide(in.x(), layer.x());
        boolean first = computed.isEmpty();
        droppedBorders.add(() -> reportDroppedBorder(index, layer, in, Axis.Y, y, first));
        droppedBorders.add(() -> reportDroppedBorder(index, layer, in, Axis.X, x, first));
        return new ComputedLayer(layer, channels, y.output(), x.output(), y, x);
    }

    private ComputedLayer fullyConnected(int index, LayerSpec layer, ComputedLayer in) {
        if (in.hasChannels() && layer.in().isPresent()) {
            BigInteger values = BigInteger.valueOf(in.channels())
                    .multiply(BigInteger.valueOf(in.y().size()))
                    .multiply(BigInteger.valueOf(in.x().size()));
            if (!values.equals(BigInteger.valueOf(layer.in().getAsLong()))) {
                report(index, Param.IN, null, Message.FC_IN_MISMATCH, layer.name(), layer.in().getAsLong(),
                        shape(in), values, source(in), values);
            }
        }
        if (fullyConvolutional && !in.hasChannels()) {
            report(index, Param.NONE, null, Message.FC_CHANNELS_UNKNOWN, layer.name(), in.y().size(), in.x().size(),
                    channelsLostAt, channelsLostAt);
        }
        // Geometrically a convolution whose kernel is the whole incoming map.
        WindowStep y = WindowAxis.slide(in.y(), Window.of(in.y().size(), 1, 0));
        WindowStep x = WindowAxis.slide(in.x(), Window.of(in.x().size(), 1, 0));
        return new ComputedLayer(layer, layer.out().orElseThrow(), y.output(), x.output(), y, x);
    }

    private void reportKernelTooLarge(int index, LayerSpec layer, ComputedLayer in, Axis axis) {
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
                + (computed.isEmpty() ? " (" + axis.extent() + " at least " + (ke - pad[0] - pad[1]) + ")" : "")
                + ".";
        report(index, Param.KERNEL, axis, Message.KERNEL_TOO_LARGE, layer.name(), axis.extent(), arithmetic,
                axis.units(), fix);
    }

    private void reportDroppedBorder(int index, LayerSpec layer, ComputedLayer in, Axis axis, WindowStep step,
                                     boolean first) {
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
            List<WindowStep> chain = new ArrayList<>();
            for (ComputedLayer done : computed) {
                if (done.stepY() != null) {
                    chain.add(axis == Axis.Y ? done.stepY() : done.stepX());
                }
            }
            // Sizes for which every window layer of the network tiles exactly: following the
            // suggestion clears this layer and every other one.
            List<Long> sizes = ExactInputs.around(chain, input.size(axis));
            String padMore = first ? ", or pad " + (s - remainder) + " more after" : "";
            fix = sizes.isEmpty()
                    ? "It would tile an input " + axis.extent() + " of " + (n - remainder) + " or " + (n + s - remainder)
                            + " here, which the network input and the layers before decide" + padMore + "."
                    : "Use input " + axis.extent() + " "
                            + String.join(" or ", sizes.stream().map(String::valueOf).toList())
                            + " (every window layer then tiles its input exactly)" + padMore + ".";
        }
        String what = first ? "of the input"
                : "of its input (the output of '" + in.spec().name() + "')";
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
            // Exact: after 1-unit maps the jump is bounded only by long, so jump * (size - 1) can
            // exceed it, and this runs outside the calculation's overflow handling.
            BigInteger lastHi = BigInteger.valueOf(a.hi()).add(BigInteger.valueOf(a.jump().longValueExact())
                    .multiply(BigInteger.valueOf(a.size() - 1)));
            if (a.size() > INT_LIMIT) {
                return tooLarge(index, layer, "output " + axis.extent(), a.size() + " > " + INT_LIMIT);
            }
            if (a.lo() < -INT_LIMIT || lastHi.compareTo(BigInteger.valueOf(INT_LIMIT)) > 0) {
                return tooLarge(index, layer, "receptive field",
                        "it spans input " + axis.units() + " " + a.lo() + " to " + lastHi
                                + ", beyond the int range");
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
        return jumpsFit;
    }

    private boolean tooLarge(int index, ComputedLayer layer, String what, String detail) {
        report(index, Param.NONE, null, Message.NUMBER_TOO_LARGE, layer.spec().name(), what, detail);
        return false;
    }

    private void report(int index, Param param, Axis axis, Message message, Object... args) {
        problems.add(new Problem(index, param, axis, message.severity(), message, List.of(args)));
    }

    private String source(ComputedLayer in) {
        return computed.isEmpty() ? "the network input" : "'" + in.spec().name() + "'";
    }

    private static String shape(ComputedLayer layer) {
        return (layer.hasChannels() ? Long.toString(layer.channels()) : "?") + "x" + layer.y().size() + "x"
                + layer.x().size();
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
