package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brute force for the units no path to an output reads: every real unit of every map, in two
 * dimensions, marked when some read unit of a layer reading it reaches it through
 * {@link GraphOracle#reads} (tap by tap, no rows or columns kept apart, no products, no
 * progressions). Outputs are the declared ones when given, else the layers no other layer reads;
 * all their units count as read.
 * Also, per layer, the positions of its first input its windows never read, from its own units
 * alone.
 */
final class UnreadOracle {

    private final GraphOracle graph;
    private final NetworkInput input;
    private final int count;
    /** read[m + 1][y][x]: whether unit (y, x) of map m is read by some path to an output. */
    private final boolean[][][] read;

    private UnreadOracle(GraphOracle graph, NetworkInput input, int count) {
        this.graph = graph;
        this.input = input;
        this.count = count;
        this.read = new boolean[count + 1][][];
        for (int m = -1; m < count; m++) {
            read[m + 1] = new boolean[(int) graph.size(m, Axis.Y)][(int) graph.size(m, Axis.X)];
        }
    }

    /** Runs on a valid graph (the graph oracle finds no failure). */
    static UnreadOracle run(NetworkInput input, List<LayerSpec> layers) {
        return run(input, layers, List.of());
    }

    /** Runs on a valid graph with these declared outputs (empty: the layers nothing reads). */
    static UnreadOracle run(NetworkInput input, List<LayerSpec> layers, List<Integer> declared) {
        GraphOracle graph = GraphOracle.run(input, layers);
        if (graph.failure().isPresent()) {
            throw new IllegalArgumentException("not a valid graph: " + graph.failure().get());
        }
        UnreadOracle oracle = new UnreadOracle(graph, input, layers.size());
        Set<Integer> readByOthers = new HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            readByOthers.addAll(layers.get(i).kind() == LayerKind.CROP ? List.of(graph.inputs(i).get(0))
                    : graph.inputs(i));
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            boolean[][] mine = oracle.read[i + 1];
            for (int y = 0; y < mine.length; y++) {
                for (int x = 0; x < mine[y].length; x++) {
                    boolean output = declared.isEmpty() ? !readByOthers.contains(i) : declared.contains(i);
                    if (output || mine[y][x]) {
                        mine[y][x] = true;
                        oracle.mark(i, y, x);
                    }
                }
            }
        }
        return oracle;
    }

    /** Marks what unit (y, x) of layer {@code i} reads. */
    private void mark(int i, int y, int x) {
        for (GraphOracle.Read ry : graph.reads(i, Axis.Y, y)) {
            for (GraphOracle.Read rx : graph.reads(i, Axis.X, x)) {
                if (ry.layer() == rx.layer()) {
                    boolean[][] below = read[ry.layer() + 1];
                    if (ry.unit() >= 0 && ry.unit() < below.length && rx.unit() >= 0 && rx.unit() < below[0].length) {
                        below[(int) ry.unit()][(int) rx.unit()] = true;
                    }
                }
            }
        }
    }

    /** How many units of map {@code m} no path to an output reads. */
    long unreadUnits(int m) {
        long n = 0;
        for (boolean[] row : read[m + 1]) {
            for (boolean r : row) {
                n += r ? 0 : 1;
            }
        }
        return n;
    }

    /** The rows (Y) or columns (X) of map {@code m} of which no unit is read. */
    TreeSet<Long> unreadLines(int m, Axis axis) {
        boolean[][] map = read[m + 1];
        TreeSet<Long> lines = new TreeSet<>();
        int along = (int) graph.size(m, axis);
        int across = (int) graph.size(m, axis == Axis.Y ? Axis.X : Axis.Y);
        for (int a = 0; a < along; a++) {
            boolean any = false;
            for (int b = 0; b < across && !any; b++) {
                any = axis == Axis.Y ? map[a][b] : map[b][a];
            }
            if (!any) {
                lines.add((long) a);
            }
        }
        return lines;
    }

    /** The positions of layer {@code i}'s first input that none of its own units reads along {@code axis}. */
    TreeSet<Long> skipped(int i, Axis axis) {
        int source = graph.inputs(i).get(0);
        long n = graph.size(source, axis);
        TreeSet<Long> unread = new TreeSet<>();
        for (long p = 0; p < n; p++) {
            unread.add(p);
        }
        for (long v = 0; v < graph.size(i, axis); v++) {
            for (GraphOracle.Read r : graph.reads(i, axis, v)) {
                if (r.layer() == source) {
                    unread.remove(r.unit());
                }
            }
        }
        return unread;
    }

    /** The maps, the network input first (-1), for iteration. */
    List<Integer> maps() {
        List<Integer> maps = new ArrayList<>();
        for (int m = -1; m < count; m++) {
            maps.add(m);
        }
        return maps;
    }

    NetworkInput input() {
        return input;
    }
}
