package dev.convgeom.engine;

import dev.convgeom.Ratio;
import dev.convgeom.engine.PositionSet.Progression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which units of every map some path to an output reads, exactly, over the real positions of each
 * map: the outputs need all their units; going backwards, each layer's needed units read some units of its inputs, and a map's
 * read units are the union over every layer that reads it. What is left is read by nothing, and
 * computing it wastes work, or, more often, means a stride skips pixels that carry information.
 *
 * <p>Also, per layer and axis, the positions of its input its own windows never read, whatever
 * the rest of the network does: interior gaps (a stride beyond the dilated kernel, the holes of a
 * dilation) and the trailing border.
 *
 * <p>Every layer is separable, so the units an output needs form a product of row and column
 * sets, and so does what each layer reads for one product; a map read by several paths keeps the
 * union of such products (usually one, sometimes a few, never merged into a larger product, which
 * would claim units no path reads).
 *
 * <p>The outputs are the declared ones ({@code @Network(outputs = ...)}) when given: a declared
 * output needs all its units even when another layer reads it too, and a layer that is neither
 * declared nor read (a dead end) is no output: its units, and whatever only it reads, are read by
 * nothing that reaches an output. Not declared, the outputs are the layers no other layer reads.
 */
public final class ReadCoverage {

    /**
     * The longest axis analysed, in units. Sets are bit sets over real positions; a network with a
     * longer map is not analysed ({@link #of} is empty) and each layer's trailing border is
     * checked alone instead.
     */
    public static final long AXIS_LIMIT = 1 << 20;

    /** Products a map may collect before the analysis gives up (never seen in a real network). */
    private static final int PRODUCT_LIMIT = 256;

    /**
     * What no path to an output reads of one map.
     *
     * @param units         the map's units per channel, rows times columns
     * @param unreadUnits   those no path to an output reads
     * @param unreadRows    the rows of which no unit is read
     * @param unreadColumns the columns of which no unit is read
     */
    public record MapReads(long units, long unreadUnits, PositionSet unreadRows, PositionSet unreadColumns) {

        /** The unread fraction of the map's units, exact. */
        public Ratio unreadFraction() {
            return Ratio.of(unreadUnits, units);
        }

        /** The rows or columns of which no unit is read. */
        public PositionSet unread(Axis axis) {
            return axis == Axis.Y ? unreadRows : unreadColumns;
        }
    }

    /** The units of one map a set of paths reads: a product of rows and columns. */
    private record Product(BitSet rows, BitSet columns) {

        boolean contains(Product o) {
            return isSubset(o.rows, rows) && isSubset(o.columns, columns);
        }

        private static boolean isSubset(BitSet small, BitSet large) {
            BitSet rest = (BitSet) small.clone();
            rest.andNot(large);
            return rest.isEmpty();
        }
    }

    private final List<List<Product>> products;
    private final MapReads input;
    private final List<MapReads> layers;
    private final List<PositionSet[]> skipped;
    private final Set<Integer> outputs;
    private final BitSet reaching;

    private ReadCoverage(List<List<Product>> products, MapReads input, List<MapReads> layers,
                         List<PositionSet[]> skipped, Set<Integer> outputs, BitSet reaching) {
        this.products = products;
        this.input = input;
        this.layers = layers;
        this.skipped = skipped;
        this.outputs = outputs;
        this.reaching = reaching;
    }

    /**
     * The coverage of a network whose every layer was computed; empty when a map is longer than
     * {@link #AXIS_LIMIT} along an axis, or the paths are too tangled to keep exactly.
     */
    public static Optional<ReadCoverage> of(NetworkInput input, List<ComputedLayer> layers) {
        return of(input, layers, List.of());
    }

    /**
     * The coverage of a network some of whose layers could not be computed: those are null in
     * {@code layers}, and {@code opaqueReads.get(i)} lists the maps such a layer {@code i} reads,
     * all of whose units count as read (what it would read is unknown, so nothing it might read is
     * blamed); their own maps are not analysed ({@link #map} and {@link #skipped} return null).
     */
    public static Optional<ReadCoverage> of(NetworkInput input, List<ComputedLayer> layers,
                                            List<List<Integer>> opaqueReads) {
        return of(input, layers, opaqueReads, List.of());
    }

    /**
     * As {@link #of(NetworkInput, List, List)}, with the network's declared outputs (layer
     * indices); an empty list: the layers no other layer reads.
     *
     * @param layers      the computed layers, null where a layer could not be computed
     * @param opaqueReads per layer, the maps an uncomputed layer reads (empty for the others)
     * @param outputs     the declared outputs, or an empty list for the default ones
     * @return the coverage, or empty when a map is too long or the paths too tangled
     */
    public static Optional<ReadCoverage> of(NetworkInput input, List<ComputedLayer> layers,
                                            List<List<Integer>> opaqueReads, List<Integer> outputs) {
        try {
            return compute(input, layers, opaqueReads.isEmpty() ? empty(layers.size()) : opaqueReads, outputs);
        } catch (AxisReads.TooCostly e) {
            return Optional.empty();
        }
    }

    private static List<List<Integer>> empty(int count) {
        return Collections.nCopies(count, List.of());
    }

    private static Optional<ReadCoverage> compute(NetworkInput input, List<ComputedLayer> layers,
                                                  List<List<Integer>> opaqueReads, List<Integer> declared) {
        if (input.height() > AXIS_LIMIT || input.width() > AXIS_LIMIT) {
            return Optional.empty();
        }
        for (ComputedLayer layer : layers) {
            if (layer != null && (layer.y().size() > AXIS_LIMIT || layer.x().size() > AXIS_LIMIT)) {
                return Optional.empty();
            }
        }
        int count = layers.size();
        Set<Integer> outputs = declared.isEmpty() ? outputs(layers, opaqueReads) : new LinkedHashSet<>(declared);
        BitSet reaching = reaching(layers, opaqueReads, outputs);
        // needed.get(m + 1): the products of map m's units read so far (m = -1: the network input).
        List<List<Product>> needed = new ArrayList<>();
        for (int m = -1; m < count; m++) {
            needed.add(new ArrayList<>());
        }
        // ownReads[i]: what layer i reads of its first input along each axis when all its output
        // is needed, kept from the backward pass for the skipped positions below (a chain's every
        // layer: computed once, not twice).
        BitSet[][] ownReads = new BitSet[count][];
        for (int o : outputs) {
            if (layers.get(o) != null) {
                needed.get(o + 1).add(new Product(all(size(input, layers, o, Axis.Y)),
                        all(size(input, layers, o, Axis.X))));
            }
        }
        for (int i = count - 1; i >= 0; i--) {
            ComputedLayer layer = layers.get(i);
            if (layer == null) {
                for (int source : opaqueReads.get(i)) {
                    if (source == LayerSpec.NETWORK_INPUT || layers.get(source) != null) {
                        add(needed.get(source + 1), new Product(all(size(input, layers, source, Axis.Y)),
                                all(size(input, layers, source, Axis.X))));
                    }
                }
                continue;
            }
            List<Integer> sources = readMaps(layer);
            for (Product p : needed.get(i + 1)) {
                for (int source : sources) {
                    BitSet rows = AxisReads.of(layer, Axis.Y, size(input, layers, source, Axis.Y), p.rows());
                    BitSet columns = AxisReads.of(layer, Axis.X, size(input, layers, source, Axis.X), p.columns());
                    if (source == layer.inputs().get(0)) {
                        keepOwn(ownReads, i, layer, Axis.Y, p.rows(), rows);
                        keepOwn(ownReads, i, layer, Axis.X, p.columns(), columns);
                    }
                    if (!rows.isEmpty() && !columns.isEmpty() && !add(needed.get(source + 1), new Product(rows, columns))) {
                        return Optional.empty();
                    }
                }
            }
        }
        MapReads inputReads = reads(needed.get(0), input.height(), input.width());
        List<MapReads> layerReads = new ArrayList<>();
        List<PositionSet[]> skipped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ComputedLayer layer = layers.get(i);
            if (layer == null) {
                layerReads.add(null);
                skipped.add(null);
                continue;
            }
            layerReads.add(reads(needed.get(i + 1), layer.y().size(), layer.x().size()));
            int source = layer.inputs().get(0);
            PositionSet[] own = new PositionSet[2];
            for (Axis axis : Axis.values()) {
                long inSize = size(input, layers, source, axis);
                BitSet kept = ownReads[i] == null ? null : ownReads[i][axis.ordinal()];
                own[axis.ordinal()] = PositionSet.complement(inSize,
                        kept != null ? kept : AxisReads.of(layer, axis, inSize, all(layer.axis(axis).size())));
            }
            skipped.add(own);
        }
        return Optional.of(new ReadCoverage(needed, inputReads, Collections.unmodifiableList(layerReads),
                Collections.unmodifiableList(skipped), Collections.unmodifiableSet(outputs), reaching));
    }

    /**
     * Keeps {@code reads}, what layer {@code i} reads of its first input along {@code axis} for
     * {@code needed} of its output, when {@code needed} is every unit of the output (bits
     * {@code 0 .. size - 1} exactly): {@link AxisReads#of} depends on the positions only, so
     * that is what it gives for {@code all(size)}. The sets are not changed after.
     */
    private static void keepOwn(BitSet[][] ownReads, int i, ComputedLayer layer, Axis axis, BitSet needed,
                                BitSet reads) {
        long size = layer.axis(axis).size();
        if (needed.length() == size && needed.cardinality() == size) {
            if (ownReads[i] == null) {
                ownReads[i] = new BitSet[2];
            }
            ownReads[i][axis.ordinal()] = reads;
        }
    }

    /**
     * The layers from which some path leads to an output (the outputs included): going backwards in
     * declaration order, which is an order where every layer comes after what it reads.
     */
    private static BitSet reaching(List<ComputedLayer> layers, List<List<Integer>> opaqueReads, Set<Integer> outputs) {
        BitSet reaching = new BitSet();
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (outputs.contains(i)) {
                reaching.set(i);
            }
            if (reaching.get(i)) {
                for (int source : layers.get(i) == null ? opaqueReads.get(i) : readMaps(layers.get(i))) {
                    if (source != LayerSpec.NETWORK_INPUT) {
                        reaching.set(source);
                    }
                }
            }
        }
        return reaching;
    }

    /**
     * Whether some path leads from layer {@code index} to an output: false for a dead end that is
     * not a declared output, and for what only dead ends read. Such a layer's own gaps are not
     * worth a warning: nothing it computes is used.
     */
    public boolean reachesAnOutput(int index) {
        return reaching.get(index);
    }

    /** What no path to an output reads of the network input. */
    public MapReads input() {
        return input;
    }

    /** What no path to an output reads of map {@code index}: a layer's output, or the network input. */
    public MapReads map(int index) {
        return index == LayerSpec.NETWORK_INPUT ? input : layers.get(index);
    }

    /**
     * The positions of its (first) input that layer {@code index}'s units never read along
     * {@code axis}, were every unit of its output used.
     */
    public PositionSet skipped(int index, Axis axis) {
        return skipped.get(index)[axis.ordinal()];
    }

    /**
     * How many units of map {@code index} no path to an output reads among those whose row
     * ({@link Axis#Y}; column for {@link Axis#X}) is in {@code lines} and whose position along the
     * other axis is not in {@code acrossSkipped}.
     */
    public long unreadUnitsIn(int index, Axis axis, PositionSet lines, PositionSet acrossSkipped) {
        List<Product> read = products.get(index + 1);
        long unread = 0;
        for (Progression run : lines.progressions()) {
            for (long line = run.first(); line <= run.last(); line += run.step()) {
                BitSet reached = acrossSkipped.bits();
                for (Product p : read) {
                    if ((axis == Axis.Y ? p.rows() : p.columns()).get((int) line)) {
                        reached.or(axis == Axis.Y ? p.columns() : p.rows());
                    }
                }
                unread += acrossSkipped.size() - reached.cardinality();
            }
        }
        return unread;
    }

    /** The layers whose every unit counts as used: the declared outputs, else those no other layer reads. */
    public Set<Integer> outputs() {
        return outputs;
    }

    /** The layers no other layer reads (a crop's reference map is not read, only measured). */
    private static Set<Integer> outputs(List<ComputedLayer> layers, List<List<Integer>> opaqueReads) {
        BitSet read = new BitSet(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            for (int source : layers.get(i) == null ? opaqueReads.get(i) : readMaps(layers.get(i))) {
                if (source != LayerSpec.NETWORK_INPUT) {
                    read.set(source);
                }
            }
        }
        Set<Integer> outputs = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!read.get(i)) {
                outputs.add(i);
            }
        }
        return outputs;
    }

    /** The distinct maps a layer reads values from, in the order of its inputs. */
    private static List<Integer> readMaps(ComputedLayer layer) {
        List<Integer> inputs = layer.inputs();
        if (layer.spec().kind().role() == LayerKind.Role.CROP) {
            return inputs.subList(0, 1);
        }
        // Most layers read one map: no set built for it.
        return inputs.size() == 1 ? inputs : List.copyOf(new LinkedHashSet<>(inputs));
    }

    private static long size(NetworkInput input, List<ComputedLayer> layers, int map, Axis axis) {
        return map == LayerSpec.NETWORK_INPUT ? input.size(axis) : layers.get(map).axis(axis).size();
    }

    private static BitSet all(long size) {
        BitSet set = new BitSet();
        set.set(0, Math.toIntExact(size));
        return set;
    }

    /** Adds {@code p} unless a product already there holds it; false when there are too many. */
    private static boolean add(List<Product> products, Product p) {
        for (Product q : products) {
            if (q.contains(p)) {
                return true;
            }
        }
        products.removeIf(p::contains);
        products.add(p);
        return products.size() <= PRODUCT_LIMIT;
    }

    /** The unread part of a map of {@code height} x {@code width} units of which {@code products} are read. */
    private static MapReads reads(List<Product> products, long height, long width) {
        long units = Math.multiplyExact(height, width);
        if (products.size() == 1) {
            // Most maps (every map of a chain): one product, its rows times its columns.
            Product p = products.get(0);
            long read = (long) p.rows().cardinality() * p.columns().cardinality();
            return new MapReads(units, units - read, PositionSet.complement(height, p.rows()),
                    PositionSet.complement(width, p.columns()));
        }
        BitSet anyRow = new BitSet();
        BitSet anyColumn = new BitSet();
        for (Product p : products) {
            anyRow.or(p.rows());
            anyColumn.or(p.columns());
        }
        // Rows read by the same products read the same columns: count each such group once.
        Map<BitSet, Long> rowsBySignature = new HashMap<>();
        for (int y = anyRow.nextSetBit(0); y >= 0; y = anyRow.nextSetBit(y + 1)) {
            BitSet signature = new BitSet();
            for (int i = 0; i < products.size(); i++) {
                if (products.get(i).rows().get(y)) {
                    signature.set(i);
                }
            }
            rowsBySignature.merge(signature, 1L, Long::sum);
        }
        long read = 0;
        for (Map.Entry<BitSet, Long> group : rowsBySignature.entrySet()) {
            BitSet columns = new BitSet();
            group.getKey().stream().forEach(i -> columns.or(products.get(i).columns()));
            read += group.getValue() * columns.cardinality();
        }
        return new MapReads(units, units - read, PositionSet.complement(height, anyRow),
                PositionSet.complement(width, anyColumn));
    }
}
