package dev.convgeom;

/**
 * One axis of a graph, walked forwards from an input size: the size of every layer that
 * {@code upTo} depends on, whether the sliding windows tile, and, when asked, the fields.
 * Reused across the sizes of a search.
 */
final class GraphAxisWalk {
    private final Wiring wiring;
    private final boolean rows;
    private final int upTo;
    private final boolean[] needed;
    private final long[] sizes;
    /** The fields per layer, when walking for geometry; else null. */
    private final PhasedField[] fields;
    private long inputSize;
    private boolean exact;
    private int failedAt;
    /**
     * After a failed {@link #run}: the input of a merge whose size differs from the first's,
     * {@link #CROP} for a crop without room, or -1 when a window was too big. The message is
     * built only when asked for ({@link #misfit()}): a search fails at most of its sizes.
     */
    private int misfitInput;
    private static final int CROP = Integer.MAX_VALUE;

    /**
     * @param rows     whether to walk the rows (heights), or the columns (widths)
     * @param upTo     the last layer to walk
     * @param geometry whether to compute the fields too, or only the sizes
     * @param whole    whether to walk every layer up to {@code upTo}, or only those it depends on
     */
    GraphAxisWalk(Wiring wiring, boolean rows, int upTo, boolean geometry, boolean whole) {
        this.wiring = wiring;
        this.rows = rows;
        this.upTo = upTo;
        // Layers read only earlier ones, so one backward sweep finds everything upTo needs.
        this.needed = new boolean[upTo + 1];
        needed[upTo] = true;
        for (int i = upTo; i >= 0; i--) {
            if (whole) {
                needed[i] = true;
            } else if (needed[i]) {
                for (int k = 0; k < wiring.readCount(i); k++) {
                    int read = wiring.read(i, k);
                    if (read != Wiring.INPUT) {
                        needed[read] = true;
                    }
                }
                if (wiring.layer(i).kind().equals("Crop") && wiring.like(i) != Wiring.INPUT) {
                    needed[wiring.like(i)] = true;
                }
            }
        }
        this.sizes = new long[upTo + 1];
        this.fields = geometry ? new PhasedField[upTo + 1] : null;
    }

    boolean rows() {
        return rows;
    }

    /** After a successful {@link #run}: the size of layer {@code index}, or of the input. */
    long size(int index) {
        return index == Wiring.INPUT ? inputSize : sizes[index];
    }

    /** After {@link #run}: whether every sliding window tiled its input exactly. */
    boolean exact() {
        return exact;
    }

    /** After a failed {@link #run}: the layer that failed. */
    int failedAt() {
        return failedAt;
    }

    /**
     * After a successful {@link #run} that computed the fields: the geometry of layer
     * {@code index} on this axis, for an input of {@code inputSize}.
     */
    AxisGeometry geometry(int index, int inputSize) {
        return fields[index].geometry(inputSize, sizes[index]);
    }

    private PhasedField field(int index) {
        return index == Wiring.INPUT ? PhasedField.INPUT : fields[index];
    }

    /** Walks from an input of {@code n}; false when some needed layer does not fit. */
    boolean run(long n) {
        inputSize = n;
        exact = true;
        misfitInput = -1;
        failedAt = -1;
        for (int i = 0; i <= upTo; i++) {
            if (needed[i] && !step(i)) {
                failedAt = i;
                return false;
            }
        }
        return true;
    }

    private boolean step(int i) {
        LayerSpec layer = wiring.layer(i);
        int source = wiring.read(i, 0);
        long n = size(source);
        Window w = rows ? layer.y() : layer.x();
        boolean geometry = fields != null;
        long out;
        switch (layer.kind()) {
            case "Conv", "MaxPool", "AvgPool", "FullyConnected", "Pad" -> {
                out = w.outputSize(n);
                if (out < 1) {
                    return false;
                }
                exact &= !layer.slidesWindow() || w.tiles(n);
                if (geometry) {
                    fields[i] = field(source).window(w.dilatedKernel(), w.stride(), w.padBefore(n));
                }
            }
            case "Deconv" -> {
                long stretched = Math.multiplyExact(n - 1, (long) w.stride());
                out = stretched - w.padBefore() - w.padAfter() + w.kernel() + layer.resize().outputPadding();
                if (out < 1) {
                    return false;
                }
                if (geometry) {
                    fields[i] = field(source).deconv(w.kernel(), w.stride(), w.padBefore());
                }
            }
            case "Upsample" -> {
                out = Math.multiplyExact(n, (long) layer.resize().factor());
                if (geometry) {
                    fields[i] = field(source).upsample(layer.resize().factor(), layer.resize().bilinear());
                }
            }
            case "Crop" -> {
                out = size(wiring.like(i));
                long offset = rows ? layer.resize().offsetY() : layer.resize().offsetX();
                if (offset + out > n) {
                    misfitInput = CROP;
                    return false;
                }
                if (geometry) {
                    fields[i] = field(source).crop(offset);
                }
            }
            case "GlobalAvgPool" -> {
                // One window over the whole map, stepping by its size, so virtual units continue the pattern.
                out = 1;
                if (geometry) {
                    fields[i] = field(source).window(n, n, 0);
                }
            }
            case "Concat", "Add" -> {
                out = n;
                for (int k = 1; k < wiring.readCount(i); k++) {
                    if (size(wiring.read(i, k)) != n) {
                        misfitInput = k;
                        return false;
                    }
                }
                if (geometry) {
                    fields[i] = merge(layer, i);
                }
            }
            default -> {
                out = n;
                if (geometry) {
                    fields[i] = field(source);
                }
            }
        }
        sizes[i] = out;
        return true;
    }

    /**
     * After a failed {@link #run}: what did not fit, naming the layer and the sizes, or null
     * when a window was too big.
     */
    String misfit() {
        if (misfitInput < 0) {
            return null;
        }
        LayerSpec layer = wiring.layer(failedAt);
        long n = size(wiring.read(failedAt, 0));
        if (misfitInput == CROP) {
            long out = size(wiring.like(failedAt));
            long offset = rows ? layer.resize().offsetY() : layer.resize().offsetX();
            return "layer '" + layer.name() + "' crops " + n + " " + units() + " of '" + layer.from().get(0)
                    + "' from " + offset + " to the " + out + " of '" + layer.resize().like()
                    + "', which needs " + (offset + out);
        }
        return "layer '" + layer.name() + "' joins maps of different sizes: '" + layer.from().get(0) + "' has "
                + n + " " + units() + ", '" + layer.from().get(misfitInput) + "' has "
                + size(wiring.read(failedAt, misfitInput));
    }

    private PhasedField merge(LayerSpec layer, int i) {
        PhasedField[] joined = new PhasedField[wiring.readCount(i)];
        for (int k = 0; k < joined.length; k++) {
            joined[k] = field(wiring.read(i, k));
            if (!joined[k].jump().equals(joined[0].jump())) {
                throw new IllegalArgumentException(wiring.network() + ": layer '" + layer.name()
                        + "' joins maps of different jumps along the " + units() + ": '" + layer.from().get(0)
                        + "' " + joined[0].jump() + ", '" + layer.from().get(k) + "' " + joined[k].jump() + " pixels");
            }
        }
        return PhasedField.union(joined);
    }

    private String units() {
        return rows ? "rows" : "columns";
    }
}
