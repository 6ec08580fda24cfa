package dev.convgeom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a generated {@code <Model>Geometry} class answers besides its constants: its layers in
 * order and by name, its outputs and every layer's effective field. The generated class builds one
 * from its constants when it loads, and its static methods of the same names delegate to it, so
 * that this code, and the messages of its exceptions, exist once here rather than once in every
 * generated class (which javac would compile again for every network).
 */
public final class NetworkGeometry {

    /** Names listed in full in a lookup's message up to this many layers; longer networks are abridged. */
    private static final int NAMES_IN_FULL = 12;

    private final NetworkSpec spec;
    private final LayerGeometry input;
    private final List<LayerGeometry> layers;
    private final Map<String, LayerGeometry> byName;
    private final List<LayerGeometry> outputs;
    private final List<EffectiveField> effectiveFields;

    private NetworkGeometry(NetworkSpec spec, LayerGeometry input, List<LayerGeometry> layers,
                            Map<String, LayerGeometry> byName, List<LayerGeometry> outputs,
                            List<EffectiveField> effectiveFields) {
        this.spec = spec;
        this.input = input;
        this.layers = layers;
        this.byName = byName;
        this.outputs = outputs;
        this.effectiveFields = effectiveFields;
    }

    /**
     * The network of {@code input}, with its layers' constants and effective fields.
     *
     * @param input           the network's input constant ({@link Literals#input}), which names the
     *                        network
     * @param layers          every layer's constant, in the order of the network's spec
     * @param effectiveFields the effective fields as {@link EffectiveField#decode} reads them, one
     *                        per layer
     * @return the lookups
     * @throws IllegalArgumentException if {@code input} is not a network's input, or the layers or
     *                                  the effective fields are not one per layer of its spec, in order
     * @throws NullPointerException     if an argument is null
     */
    public static NetworkGeometry of(LayerGeometry input, List<LayerGeometry> layers, String... effectiveFields) {
        Objects.requireNonNull(input, "input");
        NetworkSpec spec = input.network();
        if (spec == null || input.index() != -1) {
            throw new IllegalArgumentException("'" + input.name() + "' is not a network's input");
        }
        List<LayerGeometry> ordered = List.copyOf(layers);
        if (ordered.size() != spec.layers().size()) {
            throw new IllegalArgumentException(spec.name() + " has " + spec.layers().size() + " layers, not "
                    + ordered.size());
        }
        Map<String, LayerGeometry> byName = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            LayerGeometry layer = ordered.get(i);
            if (layer.network() != spec || layer.index() != i) {
                throw new IllegalArgumentException("'" + layer.name() + "' is not layer " + i + " of " + spec.name());
            }
            byName.put(layer.name(), layer);
        }
        List<LayerGeometry> outputs = new ArrayList<>();
        for (String name : spec.outputs()) {
            outputs.add(byName.get(name));
        }
        List<EffectiveField> fields = EffectiveField.decode(effectiveFields);
        if (fields.size() != ordered.size()) {
            throw new IllegalArgumentException(spec.name() + " has " + ordered.size() + " layers but "
                    + fields.size() + " effective fields");
        }
        return new NetworkGeometry(spec, input, ordered, Map.copyOf(byName), List.copyOf(outputs), fields);
    }

    /**
     * The network {@code spec} with every layer's geometry given as text, one line per layer in
     * the order of the spec, each in the form {@link Literals#layer} reads: what a generated class
     * writes, so that its constants are one short call each ({@link #layer(int)}).
     *
     * @param spec            the layers as declared
     * @param geometries      one line per layer, each ended by a line break (a text block)
     * @param effectiveFields the effective fields as {@link EffectiveField#decode} reads them, one
     *                        per layer
     * @return the network's geometry
     * @throws IllegalArgumentException if the lines or the effective fields are not one per layer,
     *                                  or a line is not in {@link Literals#layer}'s form
     * @throws NullPointerException     if an argument is null
     */
    public static NetworkGeometry of(NetworkSpec spec, String geometries, String... effectiveFields) {
        Objects.requireNonNull(spec, "spec");
        String[] lines = geometries.isEmpty() ? new String[0] : geometries.split("\n");
        if (lines.length != spec.layers().size()) {
            throw new IllegalArgumentException(lines.length + (lines.length == 1 ? " line" : " lines")
                    + " of geometry for the " + spec.layers().size() + " layers of " + spec.name());
        }
        List<LayerGeometry> layers = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            layers.add(Literals.layer(spec, i, lines[i]));
        }
        return of(Literals.input(spec), layers, effectiveFields);
    }

    /**
     * The network's input as a layer: every pixel is its own field.
     *
     * @return the input's constant
     */
    public LayerGeometry input() {
        return input;
    }

    /**
     * Layer {@code index} in the order of the spec.
     *
     * @param index the layer's position, from 0
     * @return the layer's constant
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < layers().size()}
     */
    public LayerGeometry layer(int index) {
        return layers.get(index);
    }

    /**
     * The layers as declared, with the questions about other input sizes.
     *
     * @return the network's spec
     */
    public NetworkSpec spec() {
        return spec;
    }

    /**
     * Every layer, in declaration order; the input is not among them.
     *
     * @return the layers' constants, in order
     */
    public List<LayerGeometry> layers() {
        return layers;
    }

    /**
     * The layer named {@code name} (its field's name), or the input for {@code "input"}.
     *
     * @param name the layer's name
     * @return the layer's constant
     * @throws NullPointerException     if {@code name} is null (the message lists the layers)
     * @throws IllegalArgumentException if the network has no such layer (the message lists them)
     */
    public LayerGeometry layer(String name) {
        if (name == null) {
            throw new NullPointerException("name is null; " + spec.name() + "'s layers are " + names());
        }
        LayerGeometry layer = "input".equals(name) ? input : byName.get(name);
        if (layer == null) {
            throw new IllegalArgumentException("No layer '" + name + "' in " + spec.name() + "; its layers are "
                    + names());
        }
        return layer;
    }

    /**
     * The network's outputs, primary first ({@link NetworkSpec#outputs()}).
     *
     * @return every output's constant
     */
    public List<LayerGeometry> outputs() {
        return outputs;
    }

    /**
     * The uniform-weight effective receptive field of {@code layer}'s units: the spread of the input
     * pixels' weights when every kernel tap weighs the same (see {@link EffectiveField}).
     *
     * @param layer one of this network's layers, or its input
     * @return its standard deviations and central extents
     * @throws IllegalArgumentException if {@code layer} belongs to another network
     * @throws IllegalStateException    if its field was too large to compute exactly at compile time
     */
    public EffectiveField effectiveField(LayerGeometry layer) {
        if (layer.network() != spec) {
            throw new IllegalArgumentException("'" + layer.name() + "' is not a layer of " + spec.name());
        }
        if (layer.index() < 0) {
            return EffectiveField.INPUT;
        }
        EffectiveField field = effectiveFields.get(layer.index());
        if (field == null) {
            throw new IllegalStateException("the effective field of '" + layer.name() + "' was not computed: its"
                    + " receptive field is too large to weigh exactly at compile time");
        }
        return field;
    }

    /** The layers' names for a message: all of them, or the first two and the last of a long network. */
    private String names() {
        if (layers.size() <= NAMES_IN_FULL) {
            return String.join(", ", layers.stream().map(LayerGeometry::name).toList());
        }
        return layers.get(0).name() + ", " + layers.get(1).name() + ", ... , " + layers.get(layers.size() - 1).name()
                + " (" + layers.size() + " layers)";
    }

    @Override
    public String toString() {
        return "NetworkGeometry[" + spec.name() + ", " + layers.size() + " layers]";
    }
}
