package dev.convgeom;

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
 * @param name    the layer's name (its field's name), or {@code "input"}
 * @param kind    the layer's kind, the simple name of its annotation ({@code "Conv"}, ...), or
 *                {@code "Input"}
 * @param output  the shape of the layer's output map
 * @param y       geometry along the rows
 * @param x       geometry along the columns
 * @param network the network the layer belongs to, for questions about other input sizes
 * @param index   the layer's position in {@link NetworkSpec#layers()}, or -1 for the input
 */
public record LayerGeometry(String name, String kind, Shape output, AxisGeometry y, AxisGeometry x,
                            NetworkSpec network, int index) {

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
     * This layer's output shape for an input of {@code height x width}, through the fully
     * convolutional form with the declared rounding.
     *
     * @throws IllegalArgumentException if a layer up to this one does not fit (naming it and the
     *                                  smallest input)
     */
    public Shape outputSize(int height, int width) {
        if (index < 0) {
            return new Shape(output.channels(), height, width);
        }
        return network.outputSize(index, height, width);
    }

    /** Receptive-field height in input pixels (the widest over the phases). */
    public int rfHeight() {
        return y.rf();
    }

    /** Receptive-field width in input pixels (the widest over the phases). */
    public int rfWidth() {
        return x.rf();
    }

    /** Input coordinate of the centre of unit ({@code ux}, {@code uy})'s field. */
    public Point mapToInput(double ux, double uy) {
        return new Point(x.toInput(ux), y.toInput(uy));
    }

    /**
     * The input pixels unit ({@code ux}, {@code uy}) depends on, unclipped: near a border the box
     * reaches into the padding, outside the image.
     */
    public Box receptiveField(int ux, int uy) {
        return new Box(x.fieldStart(ux), y.fieldStart(uy), x.fieldEnd(ux), y.fieldEnd(uy));
    }

    /**
     * The image pixels unit ({@code ux}, {@code uy}) depends on: its receptive field clipped to
     * the input. Empty (see {@link Box#isEmpty()}) for a unit that sees only padding.
     */
    public Box clippedReceptiveField(int ux, int uy) {
        return receptiveField(ux, uy).clip(y.inputSize(), x.inputSize());
    }

    /**
     * The units of this map that input pixel ({@code px}, {@code py}) corresponds to: the one whose
     * field is centred nearest to it, and all those whose fields contain it.
     */
    public UnitRange mapFromInput(double px, double py) {
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
     * two layers need not lie on one path. The result may be fractional.
     */
    public Point mapTo(LayerGeometry other, double ux, double uy) {
        return new Point(other.x.fromInput(x.toInput(ux)), other.y.fromInput(y.toInput(uy)));
    }

    /**
     * The exact map from this layer's units to {@code other}'s, both axes: the same mapping as
     * {@link #mapTo(LayerGeometry, double, double)}, with rational coefficients that can be
     * inverted and chained without rounding, and printed ({@code u' = 1/2 u + 3/4}).
     *
     * @throws ArithmeticException if the coefficients exceed the range of {@link Ratio}
     */
    public LayerMap mappingTo(LayerGeometry other) {
        return new LayerMap(name, other.name, y.mapTo(other.y), x.mapTo(other.x));
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
