package dev.convgeom;

import static dev.convgeom.EngineLayers.toInt;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisWalk;
import dev.convgeom.engine.SizeSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 *
 * <p>A network is a graph: each layer reads the layers named in {@link LayerSpec#from()}, which
 * are earlier layers or {@code "input"}. Branches, merges ({@code Concat}, {@code Add}), crops,
 * padding, transposed convolutions, upsampling and global pooling are walked forwards, one axis at
 * a time (the axes never interact), by the rules of the geometry reference; after upsampling the
 * fields depend on the unit's phase (see {@link AxisGeometry}). The last layer is the network's
 * output. Every answer is the engine's ({@link dev.convgeom.engine.AxisWalk},
 * {@link dev.convgeom.engine.SizeSearch}), the same exact geometry the annotation processor computes
 * the generated constants with; a chain, in which every layer reads the one before and slides a
 * window or works unit by unit, lets the searches take the window formulas backwards.
 */
public final class NetworkSpec {

    /** The name by which {@link LayerSpec#from()} refers to the network input. */
    private static final String INPUT = "input";
    /** The index by which the engine refers to the network input. */
    private static final int INPUT_INDEX = dev.convgeom.engine.LayerSpec.NETWORK_INPUT;

    private final String name;
    private final Shape input;
    private final List<LayerSpec> layers;
    /** The layers in the engine's terms, their reads resolved to indices once. */
    private final List<dev.convgeom.engine.LayerSpec> engine;
    /** The searches behind {@link #minInputSize}, {@link #isExact} and {@link #nextExactSize}. */
    private final SizeSearch sizes;

    /**
     * @param name   the network's name (the model class's simple name), for messages
     * @param input  the declared input
     * @param layers every layer, in declaration order
     * @throws IllegalArgumentException if two layers share a name, a layer is called
     *                                  {@code "input"}, a layer reads (or a crop takes the size of)
     *                                  anything but an earlier layer or the input, or an {@code Add}
     *                                  joins maps of different known channel counts
     */
    public NetworkSpec(String name, Shape input, List<LayerSpec> layers) {
        this.name = name;
        this.input = input;
        this.layers = List.copyOf(layers);
        Map<String, Integer> index = new HashMap<>();
        index.put(INPUT, INPUT_INDEX);
        int[][] reads = new int[this.layers.size()][];
        int[] like = new int[this.layers.size()];
        for (int i = 0; i < this.layers.size(); i++) {
            LayerSpec layer = this.layers.get(i);
            int[] from = new int[layer.from().size()];
            for (int k = 0; k < from.length; k++) {
                from[k] = earlier(index, layer, layer.from().get(k));
            }
            reads[i] = from;
            like[i] = layer.resize() != null && layer.resize().isCrop()
                    ? earlier(index, layer, layer.resize().like()) : INPUT_INDEX;
            if (layer.kind().equals("Add")) {
                checkChannels(layer, from);
            }
            if (index.putIfAbsent(layer.name(), i) != null) {
                throw new IllegalArgumentException(name + ": two layers are called '" + layer.name() + "'");
            }
        }
        this.engine = EngineLayers.of(this.layers, reads, like);
        this.sizes = new SizeSearch(name, engine);
    }

    private int earlier(Map<String, Integer> index, LayerSpec layer, String read) {
        Integer at = index.get(read);
        if (at == null) {
            throw new IllegalArgumentException(name + ": layer '" + layer.name() + "' reads '" + read
                    + "', which is neither an earlier layer nor the input");
        }
        return at;
    }

    private void checkChannels(LayerSpec layer, int[] from) {
        int first = channelsOf(from[0]);
        for (int k = 1; k < from.length; k++) {
            int other = channelsOf(from[k]);
            if (first != Shape.UNKNOWN && other != Shape.UNKNOWN && first != other) {
                throw new IllegalArgumentException(name + ": layer '" + layer.name() + "' adds maps of different"
                        + " channels: '" + layer.from().get(0) + "' has " + first + ", '" + layer.from().get(k)
                        + "' has " + other);
            }
        }
    }

    private int channelsOf(int index) {
        return index == INPUT_INDEX ? input.channels() : layers.get(index).out();
    }

    /** The network's name, for messages. */
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
     *                                  (the message names the layer and the smallest input), or, on
     *                                  a graph, a merge or a crop that {@code index} depends on does
     *                                  not fit (naming the layer and the sizes)
     */
    public Shape outputSize(int index, int height, int width) {
        checkInput(height, width);
        Objects.checkIndex(index, layers.size());
        AxisWalk y = new AxisWalk(engine, Axis.Y, index, false, false);
        AxisWalk x = new AxisWalk(engine, Axis.X, index, false, false);
        walkOrThrow(y, x, height, width);
        return new Shape(layers.get(index).out(), toInt(y.size(index)), toInt(x.size(index)));
    }

    /**
     * The smallest input for which every layer fits, per axis: {@link #forInput} succeeds. For
     * CaffeNet, whose pooling rounds up, that is 199x199 rather than its declared 227x227. A graph
     * is searched as in {@link #minInputSize(int)}, over all its layers (a branch that the output
     * does not read counts too).
     *
     * @throws IllegalArgumentException for a graph on which no size within the search fits (see
     *                                  {@link #minInputSize(int)})
     */
    public Shape minInputSize() {
        int last = layers.size() - 1;
        return new Shape(input.channels(), sizes.minInput(last, Axis.Y, true), sizes.minInput(last, Axis.X, true));
    }

    /**
     * The smallest input for which every layer up to {@code index} has at least one unit, per
     * axis. On a graph, "fits" also means that the maps a merge joins have equal sizes and that
     * every crop finds room; only the layers that {@code index} depends on count. A chain takes
     * its windows' formulas backwards; a graph is walked forwards for every size from 1 upwards,
     * up to {@code 2^22 / layers} sizes (at least 1024), and the first size that fits is the
     * answer. A merge of maps that shrink at different rates may fit at some sizes and not at
     * others: the answer is the smallest that fits, not a bound above which all do.
     *
     * @throws IllegalArgumentException for a graph on which no size within the search fits
     */
    public Shape minInputSize(int index) {
        Objects.checkIndex(index, layers.size());
        return new Shape(input.channels(), sizes.minInput(index, Axis.Y, false), sizes.minInput(index, Axis.X, false));
    }

    /**
     * Whether every layer that slides a window (convolution, pooling, fully connected; not a
     * deconvolution or pad) tiles its padded input exactly for an input of {@code height x width}:
     * no border pixel is left unread and no window hangs over the edge, so every input pixel
     * counts and every output unit is a whole window. On a graph, every layer must also fit
     * (merges of equal sizes, crops with room); a global pooling fits and tiles any size.
     */
    public boolean isExact(int height, int width) {
        return sizes.isExact(height, Axis.Y) && sizes.isExact(width, Axis.X);
    }

    /**
     * The smallest input at least {@code height x width} for which {@link #isExact} holds, per
     * axis (for CaffeNet: 227 + 32k). A graph is searched upwards, up to {@code 2^22 / layers}
     * sizes (at least 1024).
     *
     * @throws IllegalArgumentException if there is none within the int range, or within the search
     */
    public Shape nextExactSize(int height, int width) {
        return new Shape(input.channels(), sizes.nextExact(height, Axis.Y), sizes.nextExact(width, Axis.X));
    }

    /**
     * The geometry of every layer for an input of {@code height x width}: sizes, receptive fields,
     * jumps and centres, valid also where SAME padding makes them depend on the input size.
     *
     * @throws IllegalArgumentException if the input is too small for some layer, or a merge or a
     *                                  crop does not fit at this size (naming the layer and the sizes)
     */
    public List<LayerGeometry> forInput(int height, int width) {
        checkInput(height, width);
        AxisWalk y = new AxisWalk(engine, Axis.Y, layers.size() - 1, true, true);
        AxisWalk x = new AxisWalk(engine, Axis.X, layers.size() - 1, true, true);
        walkOrThrow(y, x, height, width);
        List<LayerGeometry> result = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            result.add(new LayerGeometry(layer.name(), layer.kind(),
                    new Shape(layer.out(), toInt(y.size(i)), toInt(x.size(i))),
                    EngineLayers.geometry(y.state(i), height), EngineLayers.geometry(x.state(i), width), this, i));
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

    private void checkInput(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(name + ": input " + height + "x" + width + " must be at least 1x1");
        }
    }

    private IllegalArgumentException tooSmall(int height, int width, int index) {
        String smallest;
        try {
            Shape min = minInputSize(index);
            smallest = "the smallest input it takes is " + min.height() + "x" + min.width();
        } catch (IllegalArgumentException none) {
            smallest = "no input within the search fits it";
        }
        return new IllegalArgumentException(name + ": input " + height + "x" + width + " is too small for layer '"
                + layers.get(index).name() + "', whose window does not fit its input; " + smallest);
    }

    /** Runs both walks; on a failure, throws with the layer, and the sizes for a misfit. */
    private void walkOrThrow(AxisWalk y, AxisWalk x, int height, int width) {
        for (AxisWalk walk : new AxisWalk[] {y, x}) {
            if (!walk.run(walk.axis() == Axis.Y ? height : width)) {
                String misfit = walk.misfit();
                if (misfit == null) {
                    throw tooSmall(height, width, walk.failedAt());
                }
                throw new IllegalArgumentException(name + ": input " + height + "x" + width + ": " + misfit);
            }
        }
    }
}
