package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where two maps of a graph part ways, and the path from there to each, for messages about a
 * merge whose inputs do not line up: "the paths part at 'pool4': pool4 -> score_pool4 and
 * pool4 -> conv5_1 -> ... -> upscore2".
 *
 * @param fork     the latest map both descend from, quoted, or "the network input"
 * @param toFirst  the path from the fork to the first map
 * @param toSecond the path from the fork to the second map
 */
record Paths(String fork, String toFirst, String toSecond) {

    /** Paths longer than this show their ends only. */
    private static final int SHOWN = 6;

    /** The paths from the latest common ancestor of maps {@code a} and {@code b} to each. */
    static Paths between(List<ComputedLayer> layers, int a, int b) {
        Set<Integer> ofA = ancestors(layers, a);
        Set<Integer> ofB = ancestors(layers, b);
        int fork = LayerSpec.NETWORK_INPUT;
        for (int candidate : ofA) {
            if (ofB.contains(candidate) && candidate > fork) {
                fork = candidate;
            }
        }
        return new Paths(MessageText.source(layers, fork), path(layers, fork, a), path(layers, fork, b));
    }

    /** {@code index} and every map it depends on, the network input included. */
    private static Set<Integer> ancestors(List<ComputedLayer> layers, int index) {
        Set<Integer> seen = new HashSet<>();
        List<Integer> work = new ArrayList<>(List.of(index));
        while (!work.isEmpty()) {
            int at = work.remove(work.size() - 1);
            if (seen.add(at) && at != LayerSpec.NETWORK_INPUT) {
                work.addAll(layers.get(at).inputs());
                if (layers.get(at).spec().kind() == LayerKind.CROP) {
                    work.add(layers.get(at).spec().extras().like());
                }
            }
        }
        return seen;
    }

    /** A path from {@code from} to {@code to}, preferring each layer's first input. */
    private static String path(List<ComputedLayer> layers, int from, int to) {
        List<String> names = new ArrayList<>();
        int at = to;
        while (at != from) {
            names.add(MessageText.name(layers, at));
            int next = LayerSpec.NETWORK_INPUT;
            for (int input : layers.get(at).inputs()) {
                if (input == from || ancestors(layers, input).contains(from)) {
                    next = input;
                    break;
                }
            }
            at = next;
            if (at == LayerSpec.NETWORK_INPUT) {
                break;
            }
        }
        names.add(MessageText.name(layers, from));
        Collections.reverse(names);
        if (names.size() > SHOWN) {
            names = List.of(names.get(0), names.get(1), "...", names.get(names.size() - 2), names.get(names.size() - 1));
        }
        return String.join(" -> ", names);
    }
}
