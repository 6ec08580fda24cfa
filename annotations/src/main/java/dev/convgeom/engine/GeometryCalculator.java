package dev.convgeom.engine;

import static dev.convgeom.engine.MessageText.shape;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a network, chain or graph, from the input forward at its declared size, exactly: every
 * layer's output shape and, per axis, its field box, jump and centre (each kind's geometry from
 * {@link LayerAxis}, formulas in {@code shared/geometry.md}). Whatever does not fit becomes a
 * {@link Problem} located at a layer and a parameter. This is the walk the annotation processor
 * runs; {@link AxisWalk} answers the run-time questions for other input sizes.
 *
 * <p>A layer whose spatial shape cannot be computed (no window fits, a number overflows, an offset
 * does not work) is <em>broken</em>: every layer that reads it, directly or through others, is
 * skipped without a word, since anything said about it would be guesswork and cascade. Every other
 * layer is still computed and checked, so independent mistakes (two bad crops on separate branches)
 * are all found in one pass. Channel problems break nothing, since they leave the spatial geometry
 * intact.
 */
public final class GeometryCalculator {

    private final NetworkSoFar soFar;
    private final DroppedBorders droppedBorders;
    private final ConvolutionChannels convolutionChannels;
    private final boolean fullyConvolutional;

    private GeometryCalculator(NetworkInput input, boolean strict, boolean fullyConvolutional) {
        this.soFar = new NetworkSoFar(input);
        this.droppedBorders = new DroppedBorders(soFar, input, strict);
        this.convolutionChannels = new ConvolutionChannels(soFar);
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
        return compute(input, layers, Set.of(), strict, fullyConvolutional);
    }

    /**
     * Computes {@code layers} on {@code input} around layers whose declarations are already known
     * to be wrong: those, and every layer that reads them, are skipped silently, and the rest is
     * checked as usual, so that one compile reports every independent mistake.
     *
     * @param unchecked indices of layers whose declaration has an error reported elsewhere; their
     *                  entries in {@code layers} only lend their names
     */
    public static GeometryResult compute(NetworkInput input, List<LayerSpec> layers, Set<Integer> unchecked,
                                         boolean strict, boolean fullyConvolutional) {
        return compute(input, layers, unchecked, List.of(), strict, fullyConvolutional);
    }

    /**
     * As {@link #compute(NetworkInput, List, Set, boolean, boolean)}, with the network's declared
     * outputs: the unread-pixel analysis counts as read what some path to one of them reads (see
     * {@link ReadCoverage}).
     *
     * @param outputs the declared outputs' layer indices; an empty list: the layers no other
     *                layer reads
     * @return the computed layers, the problems found, and the read coverage
     */
    public static GeometryResult compute(NetworkInput input, List<LayerSpec> layers, Set<Integer> unchecked,
                                         List<Integer> outputs, boolean strict, boolean fullyConvolutional) {
        GeometryCalculator calculator = new GeometryCalculator(input, strict, fullyConvolutional);
        calculator.run(layers, unchecked);
        CopiedBorders.reportAll(calculator.soFar, layers);
        Optional<ReadCoverage> reads = calculator.unreadPixels(input, layers, outputs, strict);
        return new GeometryResult(input, calculator.soFar.computedPrefix(), calculator.soFar.problemsInLayerOrder(),
                reads);
    }

    private void run(List<LayerSpec> layers, Set<Integer> unchecked) {
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (unchecked.contains(i) || readsBroken(layer, i)) {
                soFar.skip();
                continue;
            }
            ComputedLayer next;
            try {
                next = step(i, layer, layer.resolvedInputs(i));
            } catch (ResampleAxis.PeriodTooLong tooLong) {
                soFar.report(i, Param.NONE, null, GeometryMessage.NUMBER_TOO_LARGE, layer.name(), "field pattern",
                        tooLong.getMessage());
                next = null;
            } catch (ArithmeticException overflow) {
                soFar.report(i, Param.NONE, null, GeometryMessage.NUMBER_TOO_LARGE, layer.name(), "geometry",
                        "a value exceeds the range of exact 64-bit arithmetic");
                next = null;
            }
            if (next == null || !GeneratedLimits.fit(soFar, i, next)) {
                soFar.skip();
            } else {
                soFar.add(next);
            }
        }
    }

    /**
     * Which units no path to an output reads, and the layers whose windows skip them. A layer that
     * could not be computed counts as reading all of whatever it reads, so that its mistake hides
     * no independent gap and blames none it might have covered. A network with a map too long for
     * the exact analysis has each layer's trailing border checked alone.
     *
     * @return the coverage, when every layer was computed
     */
    private Optional<ReadCoverage> unreadPixels(NetworkInput input, List<LayerSpec> layers, List<Integer> outputs,
                                                boolean strict) {
        List<List<Integer>> opaqueReads = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            opaqueReads.add(soFar.isComputed(i) ? List.of() : layers.get(i).resolvedInputs(i));
        }
        Optional<ReadCoverage> reads = ReadCoverage.of(input, soFar.layers(), opaqueReads, outputs);
        if (reads.isPresent()) {
            new UnreadPixels(soFar, reads.get(), droppedBorders, strict).reportAll();
        } else if (soFar.allComputed()) {
            droppedBorders.reportAll();
        }
        return soFar.allComputed() ? reads : Optional.empty();
    }

    /** Whether layer {@code index} reads a map that could not be computed (a crop's reference included). */
    private boolean readsBroken(LayerSpec layer, int index) {
        for (int input : layer.resolvedInputs(index)) {
            if (!soFar.isComputed(input)) {
                return true;
            }
        }
        return layer.kind() == LayerKind.CROP && !soFar.isComputed(layer.extras().like());
    }

    /** One layer; null when its spatial shape cannot be computed (a problem was reported). */
    private ComputedLayer step(int index, LayerSpec layer, List<Integer> inputs) {
        int source = inputs.get(0);
        ComputedLayer in = soFar.map(source);
        return switch (layer.kind().role()) {
            case POINTWISE -> new ComputedLayer(layer, inputs, ChannelStep.of(soFar, index, layer, source, in), in.y(),
                    in.x(), null, null, 0, 0);
            case CONVOLUTION -> window(index, layer, inputs, in, convolutionChannels.of(index, layer, source, in));
            case POOLING, PAD -> PixelShuffleStep.fits(soFar, index, layer, source, in)
                    ? window(index, layer, inputs, in, PixelShuffleStep.channels(soFar, index, layer, source, in)) : null;
            case FULLY_CONNECTED -> fullyConnected(index, layer, inputs, in);
            case GLOBAL_POOLING -> globalPool(layer, inputs, in);
            case DECONVOLUTION -> deconv(index, layer, inputs, in, convolutionChannels.of(index, layer, source, in));
            case UPSAMPLING -> upsample(index, layer, inputs, in);
            case CROP -> new CropStep(soFar, index, layer, inputs).compute();
            case MERGE -> new MergeStep(soFar, index, layer, inputs).compute();
            case CONTEXT -> context(index, layer, inputs, in);
        };
    }

    /**
     * A layer whose units also read a whole map (a gate, a normalisation): the first input's map
     * with the {@link GlobalContext} added. A gate must be one unit on both axes, with one factor
     * per channel of the gated map or one for all.
     */
    private ComputedLayer context(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        ComputedLayer whole = soFar.map(inputs.get(inputs.size() - 1));
        if (inputs.size() > 1) {
            if (whole.y().size() != 1 || whole.x().size() != 1) {
                soFar.report(index, Param.FROM, 1, null, GeometryMessage.GATE_NOT_ONE_UNIT, layer.name(),
                        soFar.name(inputs.get(1)), shape(whole), soFar.name(inputs.get(0)));
                return null;
            }
            if (in.hasChannels() && whole.hasChannels() && whole.channels() != 1
                    && whole.channels() != in.channels()) {
                soFar.report(index, Param.FROM, 1, null, GeometryMessage.GATE_CHANNELS, layer.name(),
                        soFar.name(inputs.get(1)), whole.channels(), soFar.name(inputs.get(0)), in.channels(),
                        in.channels());
                return null;
            }
        }
        return new ComputedLayer(layer, inputs, in.channels(),
                LayerAxis.resample(layer, Axis.Y, List.of(in.y(), whole.y()), 0, 0),
                LayerAxis.resample(layer, Axis.X, List.of(in.x(), whole.x()), 0, 0), null, null, 0, 0);
    }

    private ComputedLayer window(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in, long channels) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            if (!WindowAxis.fits(in.axis(axis).size(), layer.window(axis))) {
                KernelTooLarge.report(soFar, index, layer, in, axis, inputs.get(0));
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        WindowStep y = slide(layer, Axis.Y, in);
        WindowStep x = slide(layer, Axis.X, in);
        droppedBorders.defer(index, layer, inputs.get(0), in, Axis.Y, y);
        droppedBorders.defer(index, layer, inputs.get(0), in, Axis.X, x);
        return new ComputedLayer(layer, inputs, channels, y.output(), x.output(), y, x, 0, 0);
    }

    private ComputedLayer fullyConnected(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        if (in.hasChannels() && layer.in().isPresent()) {
            BigInteger values = BigInteger.valueOf(in.channels())
                    .multiply(BigInteger.valueOf(in.y().size()))
                    .multiply(BigInteger.valueOf(in.x().size()));
            if (!values.equals(BigInteger.valueOf(layer.in().getAsLong()))) {
                soFar.report(index, Param.IN, null, GeometryMessage.FC_IN_MISMATCH, layer.name(), layer.in().getAsLong(),
                        shape(in), values, soFar.source(inputs.get(0)), values);
            }
        }
        if (fullyConvolutional && !in.hasChannels()) {
            soFar.report(index, Param.NONE, null, GeometryMessage.FC_CHANNELS_UNKNOWN, layer.name(), in.y().size(),
                    in.x().size(), convolutionChannels.lostAt(), convolutionChannels.lostAt());
        }
        // Geometrically a convolution whose kernel is the whole incoming map.
        WindowStep y = slide(layer, Axis.Y, in);
        WindowStep x = slide(layer, Axis.X, in);
        return new ComputedLayer(layer, inputs, layer.out().orElseThrow(), y.output(), x.output(), y, x, 0, 0);
    }

    /** Pooling over the whole map, whatever its size: one window as large as the map. */
    private ComputedLayer globalPool(LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        WindowStep y = slide(layer, Axis.Y, in);
        WindowStep x = slide(layer, Axis.X, in);
        return new ComputedLayer(layer, inputs, in.channels(), y.output(), x.output(), y, x, 0, 0);
    }

    /** The window {@code layer} slides along {@code axis} (see {@link LayerAxis#window}), slid over {@code in}. */
    private static WindowStep slide(LayerSpec layer, Axis axis, ComputedLayer in) {
        AxisState a = in.axis(axis);
        return WindowAxis.slide(a, LayerAxis.window(layer, axis, a.size()));
    }

    private ComputedLayer upsample(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            long n = in.axis(axis).size();
            if (Sampling.empty(layer, axis, n)) {
                long f = layer.extras().factor(axis);
                long p = layer.extras().per(axis);
                soFar.report(index, Param.FACTOR, axis, GeometryMessage.UPSAMPLE_EMPTY, layer.name(), f, p,
                        axis.extent(), n, n, f, p, WindowAxis.ceilDiv(p, f));
                fits = false;
            } else if (!Sampling.fits(layer, axis, n)) {
                if (!Sampling.cubicOrdered(layer, axis, n)) {
                    reportCubicUnordered(index, layer, axis, n);
                } else if (layer.extras().coordinates() == Coordinates.CROP_AND_RESIZE) {
                    soFar.report(index, Param.COORDINATES, axis, GeometryMessage.CROP_AND_RESIZE_ONE_UNIT,
                            layer.name(), axis.extent(), Sampling.size(layer, axis, n));
                } else if (Sampling.nearestInside(layer, axis, n)) {
                    soFar.report(index, Param.COORDINATES, axis, GeometryMessage.ALIGN_CORNERS_ONE_UNIT, layer.name(),
                            axis.extent(), layer.extras().factor(axis));
                } else {
                    reportOutside(index, layer, axis, n);
                }
                fits = false;
            }
        }
        return fits ? new ComputedLayer(layer, inputs, PixelShuffleStep.channels(soFar, index, layer, inputs.get(0), in),
                LayerAxis.resample(layer, Axis.Y, List.of(in.y()), 0, 0),
                LayerAxis.resample(layer, Axis.X, List.of(in.x()), 0, 0), null, null, 0, 0) : null;
    }

    /** A cubic upsampling whose fields step back ({@link Sampling#cubicOrdered}): names the two units. */
    private void reportCubicUnordered(int index, LayerSpec layer, Axis axis, long n) {
        Sampling s = Sampling.of(layer, axis, n);
        long v = Sampling.firstStepBack(s);
        soFar.report(index, Param.COORDINATES, axis, GeometryMessage.CUBIC_UNORDERED, layer.name(),
                layer.extras().coordinates(), v - 1, axis.extent(), s.position(v - 1), s.first(v - 1), s.last(v - 1),
                v, s.position(v), s.first(v), s.last(v));
    }

    /** A nearest upsampling whose first or last unit rounds outside its input ({@link Sampling#nearestInside}). */
    private void reportOutside(int index, LayerSpec layer, Axis axis, long n) {
        Sampling s = Sampling.of(layer, axis, n);
        long out = Sampling.size(layer, axis, n);
        long v = s.first(0) < 0 ? 0 : out - 1;
        soFar.report(index, Param.ROUNDING, axis, GeometryMessage.NEAREST_OUTSIDE_MAP, layer.name(),
                layer.extras().coordinates(), layer.extras().rounding(), v, out, axis.extent(), s.position(v),
                s.first(v), n);
    }

    private ComputedLayer deconv(int index, LayerSpec layer, List<Integer> inputs, ComputedLayer in, long channels) {
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            Window w = layer.window(axis);
            // Validation refuses both: a kernel below the stride leaves output units no input
            // reaches, and a dilation with a stride above 1 makes fields move backwards.
            if (!ResampleAxis.deconvFieldsMoveForwards(w)) {
                throw new IllegalArgumentException(layer.name() + ": a transposed convolution needs a kernel of at"
                        + " least its stride, and stride 1 where it is dilated (validation checks this)");
            }
            long n = in.axis(axis).size();
            long size = ResampleAxis.deconvSize(n, w, layer.extras().outputPadding());
            if (size < 1) {
                // Blame the side that was written larger: padBottom = 5 with p = 1 is the 5's fault.
                Param blamed = w.padAfter() > w.padBefore() ? Param.PAD_AFTER : Param.PADDING;
                soFar.report(index, blamed, axis, GeometryMessage.DECONV_NO_OUTPUT, layer.name(), axis.extent(), n,
                        w.stride(), w.padBefore(), w.padAfter(), w.kernel(), layer.extras().outputPadding(), size);
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        return new ComputedLayer(layer, inputs, channels, LayerAxis.resample(layer, Axis.Y, List.of(in.y()), 0, 0),
                LayerAxis.resample(layer, Axis.X, List.of(in.x()), 0, 0), null, null, 0, 0);
    }
}
