package dev.convgeom;

import java.util.Objects;

/**
 * The geometry of one layer's output map: its shape, and per axis its receptive field, jump and
 * centre, with the mappings between its units and input pixels.
 *
 * <p>Generated classes hold one {@code LayerGeometry} constant per layer, built from literals
 * computed at compile time ({@code AlexNetGeometry.CONV5}), plus {@code INPUT} for the image
 * itself. Coordinates follow one convention throughout: {@code x} is the column, {@code y} the
 * row, pixels and units are counted from 0, and a coordinate names the centre of a pixel.
 *
 * <pre>{@code
 * Point centre = AlexNetGeometry.CONV5.mapToInput(3, 4);     // (65.0, 81.0)
 * Box field = AlexNetGeometry.CONV5.receptiveField(3, 4);      // 163 x 163, may reach outside
 * Point onPool5 = AlexNetGeometry.CONV5.mapTo(AlexNetGeometry.POOL5, 3, 4);
 * LayerMap toPool5 = AlexNetGeometry.CONV5.mappingTo(AlexNetGeometry.POOL5);   // exact, both axes
 * }</pre>
 *
 * <p>After upsampling, receptive fields depend on the unit's phase (see {@link AxisGeometry});
 * {@link #rfHeight()} and {@link #rfWidth()} are then the widest over the phases, while
 * {@link #receptiveField(int, int)} is always the unit's own.
 *
 * <p>Arguments are checked, and a wrong one is an exception that names it, never a silently wrong
 * answer: a unit must be one of this map's ({@code 0 <= ux < width}; a fractional position lies
 * within half a unit of one), a coordinate must be a finite number, and a layer to map to must
 * belong to the same network at the same input size. Where fields of the virtual units beyond the
 * map are wanted (the padding continues the pattern), ask for them explicitly with
 * {@link #extrapolatedReceptiveField(int, int)}, or per axis with {@link AxisGeometry#toInput} and
 * {@link AxisGeometry#fieldStart}.
 *
 * @param name    the layer's name (its field's name), or {@code "input"}
 * @param kind    the layer's kind, the simple name of its annotation ({@code "Conv"}, ...), or
 *                {@code "Input"}
 * @param output  the shape of the layer's output map
 * @param y       geometry along the rows
 * @param x       geometry along the columns
 * @param network the network the layer belongs to, for questions about other input sizes; null
 *                for a layer built by hand outside any network (then {@code index} is -1)
 * @param index   the layer's position in {@link NetworkSpec#layers()}, or -1 for the input
 */
public record LayerGeometry(String name, String kind, Shape output, AxisGeometry y, AxisGeometry x,
                            NetworkSpec network, int index) {

    /**
     * Checks that the parts fit together.
     *
     * @throws NullPointerException     if a part but {@code network} is null
     * @throws IllegalArgumentException if the output's height and width are not the sizes of the
     *                                  axes, or {@code index} is not a layer of the network (-1
     *                                  for the input)
     */
    public LayerGeometry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(x, "x");
        if (output.height() != y.size() || output.width() != x.size()) {
            throw new IllegalArgumentException(name + ": output " + output + " but the axes have " + y.size()
                    + " rows and " + x.size() + " columns");
        }
        if (network == null ? index != -1 : index < -1 || index >= network.layers().size()) {
            throw new IllegalArgumentException(name + ": index " + index + " is not a layer of "
                    + (network == null ? "no network (-1 only)" : network.name() + " (0 to "
                    + (network.layers().size() - 1) + ", or -1 for the input)"));
        }
    }

    /** The layer as declared; for the input, null. */
    public LayerSpec spec() {
        return index < 0 ? null : network.layers().get(index);
    }

    /**
     * The layer in the network's fully convolutional form: a fully connected layer as the
     * convolution it is equivalent to (kernel = its incoming map, stride 1, no padding), every
     * other layer as declared. For the input, null.
     */
    public LayerSpec asConv() {
        return index < 0 ? null : spec().asConv();
    }

    /**
     * The size of the input this geometry is computed for: the declared one for the generated
     * constants, the one asked for after {@link NetworkSpec#forInput(Size)}.
     */
    public Size inputSize() {
        return new Size(x.inputSize(), y.inputSize());
    }

    /**
     * This layer's output shape for an input of another size, through the fully convolutional
     * form with the declared rounding.
     *
     * @param input the input's width and height
     * @return the shape, {@code C x H x W}
     * @throws IllegalArgumentException if a layer up to this one does not fit (naming it and the
     *                                  smallest input)
     * @throws IllegalStateException    for a layer built outside any network
     */
    public Shape outputSize(Size input) {
        Objects.requireNonNull(input, "input");
        if (network == null) {
            throw new IllegalStateException("'" + name + "' was built outside any network, which would say its size");
        }
        if (index < 0) {
            return new Shape(output.channels(), input.height(), input.width());
        }
        return network.outputSize(index, input);
    }

    /** Receptive-field height in input pixels (the widest over the phases). */
    public int rfHeight() {
        return y.rf();
    }

    /** Receptive-field width in input pixels (the widest over the phases). */
    public int rfWidth() {
        return x.rf();
    }

    /**
     * Input coordinate of the centre of unit ({@code ux}, {@code uy})'s field. Units may be
     * fractional, within half a unit of the map: {@code -0.5 <= ux <= width - 0.5}. Beyond the map,
     * the axes' affine maps ({@code x().toInput(ux)}) extrapolate.
     *
     * @throws IllegalArgumentException if a coordinate is NaN, infinite or off the map, naming it
     */
    public Point mapToInput(double ux, double uy) {
        checkPosition(ux, uy);
        return new Point(x.toInput(ux), y.toInput(uy));
    }

    /**
     * The input pixels unit ({@code ux}, {@code uy}) depends on, unclipped: near a border the box
     * reaches into the padding, outside the image.
     *
     * @throws IndexOutOfBoundsException if the unit is not one of this map's, naming it; for the
     *                                   virtual units beyond the map, see
     *                                   {@link #extrapolatedReceptiveField(int, int)}
     */
    public Box receptiveField(int ux, int uy) {
        checkUnit(ux, uy);
        return new Box(x.fieldStart(ux), y.fieldStart(uy), x.fieldEnd(ux), y.fieldEnd(uy));
    }

    /**
     * The receptive field of unit ({@code ux}, {@code uy}), which may lie outside the map: a virtual
     * unit of the padding around it, or beyond, whose field continues the pattern of the map's
     * (for a chain, unit 0's field moved by {@code jump * u}). On the map it is
     * {@link #receptiveField(int, int)}.
     *
     * @throws ArithmeticException if a bound lies beyond the {@code int} range
     */
    public Box extrapolatedReceptiveField(int ux, int uy) {
        return new Box(x.fieldStart(ux), y.fieldStart(uy), x.fieldEnd(ux), y.fieldEnd(uy));
    }

    /**
     * The image pixels unit ({@code ux}, {@code uy}) depends on: its receptive field clipped to
     * the input. Empty (see {@link Box#isEmpty()}), never inverted, for a unit that sees only
     * padding.
     *
     * @throws IndexOutOfBoundsException if the unit is not one of this map's, naming it
     */
    public Box clippedReceptiveField(int ux, int uy) {
        return receptiveField(ux, uy).clipTo(x.inputSize(), y.inputSize());
    }

    /**
     * The units of this map that input pixel ({@code px}, {@code py}) corresponds to: the one whose
     * field is centred nearest to it (clamped into the map), and all those whose fields contain it
     * (a position in the padding, outside the image, is contained in the fields that reach there).
     *
     * @throws IllegalArgumentException if a coordinate is NaN or infinite, naming it
     */
    public UnitRange mapFromInput(double px, double py) {
        if (!Double.isFinite(px) || !Double.isFinite(py)) {
            throw new IllegalArgumentException(name + ": " + Checks.notFinite("px", px, "py", py));
        }
        return new UnitRange(x.nearestUnit(px), y.nearestUnit(py),
                x.firstUnitContaining(px), y.firstUnitContaining(py),
                x.lastUnitContaining(px), y.lastUnitContaining(py));
    }

    /**
     * Writes the receptive field of every unit of this map into {@code dest}, without allocating:
     * unit ({@code ux}, {@code uy}) takes the four ints from index {@code 4 * (uy * width + ux)},
     * as left, top, right, bottom (inclusive, unclipped). Rows are outer, columns inner.
     *
     * @param dest at least {@code 4 * height * width} ints
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void receptiveFields(int[] dest) {
        Objects.requireNonNull(dest, "dest");
        int height = y.size();
        int width = x.size();
        if (dest.length / 4 < (long) height * width) {
            throw new IllegalArgumentException("need " + 4L * height * width + " ints for " + height + "x" + width
                    + " units, got " + dest.length);
        }
        int i = 0;
        for (int uy = 0; uy < height; uy++) {
            int top = y.fieldStart(uy);
            int bottom = y.fieldEnd(uy);
            for (int ux = 0; ux < width; ux++) {
                dest[i] = x.fieldStart(ux);
                dest[i + 1] = top;
                dest[i + 2] = x.fieldEnd(ux);
                dest[i + 3] = bottom;
                i += 4;
            }
        }
    }

    /**
     * Writes the input coordinate of every unit's field centre into {@code dest}, without
     * allocating: unit ({@code ux}, {@code uy}) takes x at index {@code 2 * (uy * width + ux)} and y
     * right after it.
     *
     * @param dest at least {@code 2 * height * width} doubles
     * @throws IllegalArgumentException if {@code dest} is too short
     */
    public void centers(double[] dest) {
        Objects.requireNonNull(dest, "dest");
        int height = y.size();
        int width = x.size();
        if (dest.length / 2 < (long) height * width) {
            throw new IllegalArgumentException("need " + 2L * height * width + " doubles for " + height + "x" + width
                    + " units, got " + dest.length);
        }
        int i = 0;
        for (int uy = 0; uy < height; uy++) {
            double cy = y.toInput(uy);
            for (int ux = 0; ux < width; ux++) {
                dest[i] = x.toInput(ux);
                dest[i + 1] = cy;
                i += 2;
            }
        }
    }

    /**
     * The position, in units of {@code other}, that looks at the same input location as unit
     * ({@code ux}, {@code uy}) of this map: both are taken to the input frame and back, so the
     * two layers need not lie on one path. The result may be fractional, and may lie outside
     * {@code other}'s map.
     *
     * @throws IllegalArgumentException if {@code other} is a layer of another network or for
     *                                  another input size, or a coordinate is NaN, infinite or off
     *                                  this map (see {@link #mapToInput(double, double)})
     */
    public Point mapTo(LayerGeometry other, double ux, double uy) {
        checkSameFrame(other);
        checkPosition(ux, uy);
        return new Point(other.x.fromInput(x.toInput(ux)), other.y.fromInput(y.toInput(uy)));
    }

    /**
     * The exact map from this layer's units to {@code other}'s, both axes: the same mapping as
     * {@link #mapTo(LayerGeometry, double, double)}, with rational coefficients that can be
     * inverted and chained without rounding, and printed ({@code u' = 1/2 u + 3/4}).
     *
     * @throws IllegalArgumentException if {@code other} is a layer of another network or for
     *                                  another input size
     * @throws ArithmeticException      if the coefficients exceed the range of {@link Ratio}
     */
    public LayerMap mappingTo(LayerGeometry other) {
        checkSameFrame(other);
        return new LayerMap(name, other.name, y.mapTo(other.y), x.mapTo(other.x));
    }

    private void checkUnit(int ux, int uy) {
        if (ux < 0 || ux >= x.size() || uy < 0 || uy >= y.size()) {
            throw new IndexOutOfBoundsException(name + ": unit (" + ux + ", " + uy + ") is not on its " + x.size()
                    + "x" + y.size() + " map (columns 0.." + (x.size() - 1) + ", rows 0.." + (y.size() - 1)
                    + "); for the virtual units beyond it, use extrapolatedReceptiveField");
        }
    }

    /** A fractional unit lies on the map when it is within half a unit of one; NaN fails too. */
    private void checkPosition(double ux, double uy) {
        if (!(ux >= -0.5 && ux <= x.size() - 0.5 && uy >= -0.5 && uy <= y.size() - 0.5)) {
            if (!Double.isFinite(ux) || !Double.isFinite(uy)) {
                throw new IllegalArgumentException(name + ": " + Checks.notFinite("ux", ux, "uy", uy));
            }
            throw new IllegalArgumentException(name + ": unit (" + ux + ", " + uy + ") is off its " + x.size() + "x"
                    + y.size() + " map (columns -0.5.." + (x.size() - 0.5) + ", rows -0.5.." + (y.size() - 0.5)
                    + "); beyond it, the axes extrapolate: x().toInput(ux), y().toInput(uy)");
        }
    }

    private static String owner(NetworkSpec network) {
        return network == null ? "no network" : network.name();
    }

    /** Mapping compares input frames: one network, one input size. */
    private void checkSameFrame(LayerGeometry other) {
        Objects.requireNonNull(other, "other");
        if (other.network != network && !Objects.equals(other.network, network)) {
            throw new IllegalArgumentException("cannot map " + owner(network) + "'s layer '" + name + "' to "
                    + owner(other.network) + "'s layer '" + other.name + "': they are layers of different networks,"
                    + " whose input frames are unrelated");
        }
        if (other.x.inputSize() != x.inputSize() || other.y.inputSize() != y.inputSize()) {
            throw new IllegalArgumentException("cannot map '" + name + "' for a " + inputSize() + " input to '"
                    + other.name + "' for a " + other.inputSize() + " input: take both from one forInput(size)");
        }
    }

    /** One line: name, kind, shape, receptive field, jump and centre. */
    @Override
    public String toString() {
        return name + " (" + kind + ") " + output + ", rf " + y.rf() + "x" + x.rf()
                + ", jump " + number(y.jump()) + "x" + number(x.jump())
                + ", center (" + number(y.center()) + ", " + number(x.center()) + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
