package dev.convgeom;

import static dev.convgeom.EngineLayers.toInt;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisWalk;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryMessage;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerGraph;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Problem;
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
 * fields depend on the unit's phase (see {@link AxisGeometry}). The network's outputs are the
 * layers {@link #outputs()} names: those its {@code @Network(outputs = ...)} lists, or else the
 * layers no other layer reads, the last layer first; {@link #outputIndex()}, the first of them, is
 * the map {@link #outputSize(Size)} is about.
 * Every answer is the engine's ({@link dev.convgeom.engine.AxisWalk},
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
    /** The indices of the outputs, the primary one first. */
    private final int[] outputs;
    /** The layers in the engine's terms, their reads resolved to indices once. */
    private final LayerGraph engine;
    /** The searches behind {@link #minInputSize}, {@link #isExact} and {@link #nextExactSize}. */
    private final SizeSearch sizes;

    /**
     * A network whose outputs are the layers no other layer reads ({@code from}; a crop's
     * {@code like} only measures its map): the last layer, which is the primary output, then the
     * others in declaration order. For a chain, the last layer.
     *
     * @param name   the network's name (the model class's simple name), for messages
     * @param input  the declared input
     * @param layers every layer, in declaration order, at least one
     * @throws IllegalArgumentException as {@link #NetworkSpec(String, Shape, List, List)}
     */
    public NetworkSpec(String name, Shape input, List<LayerSpec> layers) {
        this(name, input, layers, unread(layers));
    }

    /**
     * A network with the given outputs.
     *
     * @param name    the network's name (the model class's simple name), for messages
     * @param input   the declared input
     * @param layers  every layer, in declaration order, at least one
     * @param outputs the names of the output layers, at least one, the primary output first
     * @throws NullPointerException     if an argument or an element is null
     * @throws IllegalArgumentException if there is no layer, two layers share a name, a layer is
     *                                  called {@code "input"}, a layer reads (or a crop takes the
     *                                  size of) anything but an earlier layer or the input, an
     *                                  {@code Add} joins maps of different known channel counts, or
     *                                  an output is not a layer or is named twice
     */
    public NetworkSpec(String name, Shape input, List<LayerSpec> layers, List<String> outputs) {
        this.name = Objects.requireNonNull(name, "name");
        this.input = Objects.requireNonNull(input, "input");
        this.layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": a network has at least one layer");
        }
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
        this.outputs = outputIndices(index, List.copyOf(Objects.requireNonNull(outputs, "outputs")));
        this.engine = new LayerGraph(EngineLayers.of(this.layers, reads, like));
        this.sizes = new SizeSearch(name, engine);
    }

    /** The layers no other layer reads, the last one first; unresolved names are the constructor's to report. */
    private static List<String> unread(List<LayerSpec> layers) {
        Objects.requireNonNull(layers, "layers");
        if (layers.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> read = new java.util.HashSet<>();
        for (LayerSpec layer : layers) {
            read.addAll(layer.from());
        }
        List<String> unread = new ArrayList<>();
        unread.add(layers.get(layers.size() - 1).name());
        for (LayerSpec layer : layers.subList(0, layers.size() - 1)) {
            if (!read.contains(layer.name())) {
                unread.add(layer.name());
            }
        }
        return unread;
    }

    private int[] outputIndices(Map<String, Integer> index, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(name + ": a network has at least one output");
        }
        int[] found = new int[names.size()];
        for (int k = 0; k < found.length; k++) {
            Integer at = index.get(names.get(k));
            if (at == null || at == INPUT_INDEX) {
                throw new IllegalArgumentException(name + ": output '" + names.get(k) + "' is not a layer");
            }
            if (names.subList(0, k).contains(names.get(k))) {
                throw new IllegalArgumentException(name + ": output '" + names.get(k) + "' is named twice");
            }
            found[k] = at;
        }
        return found;
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

    /**
     * The names of the network's outputs, the primary one first: those its
     * {@code @Network(outputs = ...)} lists, or the layers no other layer reads, the last first.
     */
    public List<String> outputs() {
        List<String> names = new ArrayList<>(outputs.length);
        for (int at : outputs) {
            names.add(layers.get(at).name());
        }
        return List.copyOf(names);
    }

    /** The index in {@link #layers()} of the primary output, the first of {@link #outputs()}. */
    public int outputIndex() {
        return outputs[0];
    }

    /** Every layer of the fully convolutional form: fully connected layers as convolutions. */
    public List<LayerSpec> fullyConvolutional() {
        List<LayerSpec> converted = new ArrayList<>(layers.size());
        for (LayerSpec layer : layers) {
            converted.add(layer.asConv());
        }
        return List.copyOf(converted);
    }

    /**
     * The shape of the primary output ({@link #outputIndex()}) for an input of another size.
     *
     * @param input the input's width and height
     * @return the shape, {@code C x H x W}
     * @throws IllegalArgumentException as {@link #outputSize(int, Size)}
     */
    public Shape outputSize(Size input) {
        return outputSize(outputs[0], input);
    }

    /**
     * The output shape of layer {@code index} for an input of another size, with the declared
     * rounding (fully connected kernels stay at their declared size).
     *
     * @param index the layer's position in {@link #layers()}
     * @param input the input's width and height
     * @return the shape, {@code C x H x W}
     * @throws IndexOutOfBoundsException if {@code index} is not a layer's
     * @throws IllegalArgumentException if the input is too small for some layer up to {@code index}
     *                                  (the message names the layer and the smallest input), or, on
     *                                  a graph, a merge or a crop that {@code index} depends on does
     *                                  not fit (naming the layer and the sizes)
     */
    public Shape outputSize(int index, Size input) {
        checkIndex(index);
        int height = Objects.requireNonNull(input, "input").height();
        int width = input.width();
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
     * @return the smallest width and height
     * @throws IllegalArgumentException for a graph on which no size within the search fits (see
     *                                  {@link #minInputSize(int)})
     */
    public Size minInputSize() {
        int last = layers.size() - 1;
        return new Size(sizes.minInput(last, Axis.X, true), sizes.minInput(last, Axis.Y, true));
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
     * @param index the layer's position in {@link #layers()}
     * @return the smallest width and height
     * @throws IndexOutOfBoundsException if {@code index} is not a layer's
     * @throws IllegalArgumentException for a graph on which no size within the search fits
     */
    public Size minInputSize(int index) {
        checkIndex(index);
        return new Size(sizes.minInput(index, Axis.X, false), sizes.minInput(index, Axis.Y, false));
    }

    /**
     * Whether every layer that slides a window (convolution, pooling, fully connected; not a
     * deconvolution or pad) tiles its padded input exactly for an input of this size: no border
     * pixel is left unread and no window hangs over the edge, so every input pixel counts and
     * every output unit is a whole window. On a graph, every layer must also fit (merges of equal
     * sizes, crops with room); a global pooling fits and tiles any size.
     *
     * @param input the input's width and height
     * @return whether both axes are tiled exactly
     */
    public boolean isExact(Size input) {
        Objects.requireNonNull(input, "input");
        return sizes.isExact(input.height(), Axis.Y) && sizes.isExact(input.width(), Axis.X);
    }

    /**
     * The smallest input at least {@code from}, per axis, for which {@link #isExact} holds (for
     * CaffeNet: 227 + 32k). A graph is searched upwards, up to {@code 2^22 / layers} sizes (at
     * least 1024).
     *
     * @param from the smallest width and height to consider
     * @return the exact width and height
     * @throws IllegalArgumentException if there is none within the int range, or within the search
     */
    public Size nextExactSize(Size from) {
        Objects.requireNonNull(from, "from");
        return new Size(sizes.nextExact(from.width(), Axis.X), sizes.nextExact(from.height(), Axis.Y));
    }

    /**
     * The geometry of every layer for an input of another size, in declaration order: sizes,
     * receptive fields, jumps and centres, valid also where SAME padding makes them depend on the
     * input size.
     *
     * @param input the input's width and height
     * @return every layer's geometry at that size
     * @throws IllegalArgumentException if the input is too small for some layer, a merge or a
     *                                  crop does not fit at this size (naming the layer and the sizes),
     *                                  or a pad in {@link Pad.Mode#REFLECT} or {@link Pad.Mode#EDGE}
     *                                  mode is read by something other than a window that also reads
     *                                  each copy's source (the processor's {@code copied-pad-*} errors)
     */
    public List<LayerGeometry> forInput(Size input) {
        int height = Objects.requireNonNull(input, "input").height();
        int width = input.width();
        AxisWalk y = new AxisWalk(engine, Axis.Y, layers.size() - 1, true, true);
        AxisWalk x = new AxisWalk(engine, Axis.X, layers.size() - 1, true, true);
        walkOrThrow(y, x, height, width);
        copiesReadAsZerosOrThrow(height, width);
        List<LayerGeometry> result = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            result.add(new LayerGeometry(layer.name(), layer.kind(),
                    new Shape(layer.out(), toInt(y.size(i)), toInt(x.size(i))),
                    EngineLayers.geometry(y.state(i), height), EngineLayers.geometry(x.state(i), width), this, i));
        }
        return List.copyOf(result);
    }

    /**
     * A pad in a copying mode has zero padding's geometry only where every window reading a copy
     * also reads the unit it copies (the engine's check, which the processor runs at compile time);
     * a spec built by hand, or by the importer, gets the same answer here rather than fields that
     * would not be exact.
     */
    private void copiesReadAsZerosOrThrow(int height, int width) {
        if (layers.stream().noneMatch(l -> l.padMode() != Pad.Mode.CONSTANT)) {
            return;
        }
        GeometryResult result = GeometryCalculator.compute(new NetworkInput(input.channels(), height, width),
                engine.layers(), false);
        for (Problem problem : result.problems()) {
            if (problem.message() == GeometryMessage.COPIED_PAD_READER
                    || problem.message() == GeometryMessage.COPIED_PAD_UNCOVERED) {
                throw new IllegalArgumentException(name + ": input " + width + "x" + height
                        + " (width x height): " + problem.text());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec n && n.name.equals(name) && n.input.equals(input) && n.layers.equals(layers)
                && java.util.Arrays.equals(n.outputs, outputs);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + input.hashCode()) * 31 + layers.hashCode();
    }

    @Override
    public String toString() {
        return name + " on " + input + ", " + layers.size() + " layers";
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException(name + ": layer index " + index + " is not one of its "
                    + layers.size() + " layers (0.." + (layers.size() - 1) + ")");
        }
    }

    /**
     * Throws the engine's reason where layer {@code index} is a nearest upsampling that gives no
     * output because a unit rounds outside its input (not because the input is too small).
     */
    private void nearestInsideOrThrow(int height, int width, int index) {
        if (!layers.get(index).kind().equals("Upsample")) {
            return;
        }
        GeometryResult result = GeometryCalculator.compute(new NetworkInput(input.channels(), height, width),
                engine.layers(), false);
        for (Problem problem : result.problems()) {
            if (problem.message() == GeometryMessage.NEAREST_OUTSIDE_MAP
                    || problem.message() == GeometryMessage.CUBIC_UNORDERED) {
                throw new IllegalArgumentException(name + ": input " + Size.of(width, height) + " (width x height): "
                        + problem.text());
            }
        }
    }

    private IllegalArgumentException tooSmall(int height, int width, int index) {
        String smallest;
        try {
            smallest = "the smallest input it takes is " + minInputSize(index) + " (width x height)";
        } catch (IllegalArgumentException none) {
            smallest = "no input within the search fits it";
        }
        return new IllegalArgumentException(name + ": input " + Size.of(width, height) + " (width x height) is too small for layer '"
                + layers.get(index).name() + "', whose window does not fit its input; " + smallest);
    }

    /** Runs both walks; on a failure, throws with the layer, and the sizes for a misfit. */
    private void walkOrThrow(AxisWalk y, AxisWalk x, int height, int width) {
        for (AxisWalk walk : new AxisWalk[] {y, x}) {
            if (!walk.run(walk.axis() == Axis.Y ? height : width)) {
                String misfit = walk.misfit();
                if (misfit == null) {
                    nearestInsideOrThrow(height, width, walk.failedAt());
                    throw tooSmall(height, width, walk.failedAt());
                }
                throw new IllegalArgumentException(name + ": input " + Size.of(width, height) + " (width x height): "
                        + misfit);
            }
        }
    }
}
