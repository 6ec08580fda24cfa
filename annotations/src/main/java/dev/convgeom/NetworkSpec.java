package dev.convgeom;

import java.util.ArrayList;
import java.util.List;

/**
 * A network's layers as declared, with what can be asked of them for any input size: the output
 * size of every layer, the smallest input that fits, which input sizes every window tiles
 * exactly, and the full geometry for another input size.
 *
 * <p>Fully connected layers count as the convolutions they are equivalent to (see
 * {@link LayerSpec#asConv()}), their kernels fixed at the declared input's size: on a larger
 * input the network's output becomes a map of scores, one per window of the declared size.
 * Generated classes hold one {@code NetworkSpec} ({@code AlexNetGeometry.SPEC}), and each of
 * their {@link LayerGeometry} constants refers to it.
 */
public final class NetworkSpec {

    /**
     * How many layer steps {@link #nextExactSize} may take where SAME padding rules out the direct
     * formula: a few milliseconds, whatever the depth of the network.
     */
    private static final long SEARCH_STEPS = 1 << 22;

    private final String name;
    private final Shape input;
    private final List<LayerSpec> layers;

    /**
     * @param name   the network's name (the model class's simple name), for messages
     * @param input  the declared input
     * @param layers every layer, in order
     */
    public NetworkSpec(String name, Shape input, List<LayerSpec> layers) {
        this.name = name;
        this.input = input;
        this.layers = List.copyOf(layers);
    }

    public String name() {
        return name;
    }

    /** The declared input. */
    public Shape input() {
        return input;
    }

    /** Every layer, in declaration order, fully connected layers as declared. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** Every layer of the fully convolutional form: fully connected layers as convolutions. */
    public List<LayerSpec> fullyConvolutional() {
        List<LayerSpec> converted = new ArrayList<>(layers.size());
        for (LayerSpec layer : layers) {
            converted.add(layer.asConv());
        }
        return List.copyOf(converted);
    }

    /** The output shape of the last layer for an input of {@code height x width}. */
    public Shape outputSize(int height, int width) {
        return outputSize(layers.size() - 1, height, width);
    }

    /**
     * The output shape of layer {@code index} for an input of {@code height x width}, with the
     * declared rounding (fully connected kernels stay at their declared size).
     *
     * @throws IllegalArgumentException if the input is too small for some layer up to {@code index}
     *                                  (the message names the layer and the smallest input)
     */
    public Shape outputSize(int index, int height, int width) {
        long h = height;
        long w = width;
        checkInput(height, width);
        for (int i = 0; i <= index; i++) {
            LayerSpec layer = layers.get(i);
            if (!layer.hasWindow()) {
                continue;
            }
            long nh = layer.y().outputSize(h);
            long nw = layer.x().outputSize(w);
            if (nh < 1 || nw < 1) {
                throw tooSmall(height, width, i);
            }
            h = nh;
            w = nw;
        }
        return new Shape(layers.get(index).out(), (int) h, (int) w);
    }

    /**
     * The smallest input giving a 1x1 final map (every layer fits), per axis. For CaffeNet, whose
     * pooling rounds up, that is 199x199 rather than its declared 227x227.
     */
    public Shape minInputSize() {
        return minInputSize(layers.size() - 1);
    }

    /** The smallest input for which every layer up to {@code index} has at least one unit. */
    public Shape minInputSize(int index) {
        long h = 1;
        long w = 1;
        for (int i = index; i >= 0; i--) {
            LayerSpec layer = layers.get(i);
            if (layer.hasWindow()) {
                h = layer.y().minInputFor(h);
                w = layer.x().minInputFor(w);
            }
        }
        return new Shape(input.channels(), toInt(h), toInt(w));
    }

    /**
     * Whether every window layer tiles its padded input exactly for an input of
     * {@code height x width}: no border pixel is left unread and no window hangs over the edge,
     * so every input pixel counts and every output unit is a whole window.
     */
    public boolean isExact(int height, int width) {
        return exactAxis(height, true) && exactAxis(width, false);
    }

    /**
     * The smallest input at least {@code height x width} for which {@link #isExact} holds, per
     * axis (for CaffeNet: 227 + 32k).
     *
     * @throws IllegalArgumentException if there is none within the int range
     */
    public Shape nextExactSize(int height, int width) {
        return new Shape(input.channels(), nextExact(height, true), nextExact(width, false));
    }

    /**
     * The geometry of every layer for an input of {@code height x width}: sizes, receptive fields,
     * jumps and centres, valid also where SAME padding makes them depend on the input size.
     *
     * @throws IllegalArgumentException if the input is too small for some layer
     */
    public List<LayerGeometry> forInput(int height, int width) {
        checkInput(height, width);
        AxisWalk y = new AxisWalk(height);
        AxisWalk x = new AxisWalk(width);
        List<LayerGeometry> result = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer.hasWindow() && !(y.step(layer.y()) & x.step(layer.x()))) {
                throw tooSmall(height, width, i);
            }
            result.add(new LayerGeometry(layer.name(), layer.kind(), new Shape(layer.out(), y.size(), x.size()),
                    y.geometry(height), x.geometry(width), this, i));
        }
        return List.copyOf(result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec n && n.name.equals(name) && n.input.equals(input) && n.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + input.hashCode()) * 31 + layers.hashCode();
    }

    @Override
    public String toString() {
        return name + " on " + input + ", " + layers.size() + " layers";
    }

    private boolean exactAxis(long n, boolean rows) {
        if (n < 1) {
            return false;
        }
        for (LayerSpec layer : layers) {
            if (!layer.hasWindow()) {
                continue;
            }
            Window window = rows ? layer.y() : layer.x();
            if (!window.tiles(n)) {
                return false;
            }
            n = window.outputSize(n);
        }
        return true;
    }

    /**
     * Where no window pads by SAME, the exact sizes are an arithmetic progression: each exact
     * layer maps its output size m back to the input size {@code s * (m - 1) + ke - pb - pa}, so
     * the network maps m to {@code A * m + B} with A the product of the strides. Otherwise, or
     * where that is out of range, search upwards.
     */
    private int nextExact(int from, boolean rows) {
        long start = Math.max(1, from);
        long a = 1;
        long b = 0;
        boolean affine = true;
        try {
            for (int i = layers.size() - 1; i >= 0 && affine; i--) {
                LayerSpec layer = layers.get(i);
                if (!layer.hasWindow()) {
                    continue;
                }
                Window w = rows ? layer.y() : layer.x();
                if (w.padding() == Padding.SAME) {
                    affine = false;
                    break;
                }
                long offset = w.dilatedKernel() - w.padBefore(0) - w.padAfter(0) - w.stride();
                // n = s * m + offset, with m = a * m' + b
                b = Math.addExact(Math.multiplyExact((long) w.stride(), b), offset);
                a = Math.multiplyExact((long) w.stride(), a);
            }
        } catch (ArithmeticException overflow) {
            affine = false;
        }
        if (affine) {
            long m = Math.max(1, -Math.floorDiv(-(start - b), a));
            long tries = searchLimit();
            for (long candidate = a * m + b; candidate <= Integer.MAX_VALUE && tries-- > 0; candidate += a) {
                if (exactAxis(candidate, rows)) {
                    return (int) candidate;
                }
            }
        } else {
            long end = Math.min(Integer.MAX_VALUE, start + searchLimit());
            for (long candidate = start; candidate <= end; candidate++) {
                if (exactAxis(candidate, rows)) {
                    return (int) candidate;
                }
            }
        }
        throw new IllegalArgumentException(name + ": no input " + (rows ? "height" : "width") + " from " + from
                + (affine ? " within the int range" : " to " + (start + searchLimit()))
                + " is tiled exactly by every layer");
    }

    /** Candidates to try in a search: {@link #SEARCH_STEPS} over the number of layers. */
    private long searchLimit() {
        return Math.max(1024, SEARCH_STEPS / Math.max(1, layers.size()));
    }

    private void checkInput(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(name + ": input " + height + "x" + width + " must be at least 1x1");
        }
    }

    private IllegalArgumentException tooSmall(int height, int width, int index) {
        Shape min = minInputSize(index);
        return new IllegalArgumentException(name + ": input " + height + "x" + width + " is too small for layer '"
                + layers.get(index).name() + "', whose window does not fit its input; the smallest input it takes is "
                + min.height() + "x" + min.width());
    }

    private static int toInt(long value) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new ArithmeticException(value + " exceeds the int range");
        }
        return (int) value;
    }

    /** One axis of {@link #forInput}: the geometry formulas of a chain, applied forwards. */
    private static final class AxisWalk {
        private long size;
        private long jump = 1;
        private long lo;
        private long hi;

        AxisWalk(long size) {
            this.size = size;
        }

        /** Slides {@code w}; false when not one window fits. */
        boolean step(Window w) {
            long out = w.outputSize(size);
            if (out < 1) {
                return false;
            }
            long pb = w.padBefore(size);
            long ke = w.dilatedKernel();
            lo = Math.subtractExact(lo, Math.multiplyExact(pb, jump));
            hi = Math.addExact(hi, Math.multiplyExact(ke - 1 - pb, jump));
            jump = Math.multiplyExact(jump, (long) w.stride());
            size = out;
            return true;
        }

        int size() {
            return toInt(size);
        }

        AxisGeometry geometry(int inputSize) {
            // In a chain the centre is the middle of the field: dense or dilated, a window is symmetric.
            return new AxisGeometry(inputSize, toInt(size), jump, (lo + hi) / 2.0, toInt(lo), toInt(hi));
        }
    }
}
