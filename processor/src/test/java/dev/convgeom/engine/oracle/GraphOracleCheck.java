package dev.convgeom.engine.oracle;

import dev.convgeom.engine.Severity;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Problem;
import dev.convgeom.Ratio;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The core's graph geometry against {@link GraphOracle}, one graph at a time: every computed
 * layer's size, channels, jump, centre (of several units), the field of every unit in
 * {@code [-P, n + P)} (P the core's period, capped), and rf; and errors exactly where the oracle
 * finds the graph invalid (misaligned merges and crops included), none elsewhere.
 */
final class GraphOracleCheck {

    /** Layers and unit fields compared so far (for the run's summary). */
    static long layersCompared;
    static long fieldsCompared;

    /** Units either side of a map whose fields are compared, at most. */
    static final int PERIOD_CAP = 64;

    private GraphOracleCheck() {
    }

    /** A disagreement, at the first layer where it shows. */
    record Mismatch(int layer, String what) {
        @Override
        public String toString() {
            return "layer " + layer + ": " + what;
        }
    }

    /** The disagreements between core and oracle on {@code dag}, in layer order (empty: they agree). */
    static List<Mismatch> check(Dag dag) {
        return check(dag, dag.layers());
    }

    /** Which core message answered which oracle failure (for the run's summary). */
    static final java.util.Map<String, java.util.Set<String>> errorsSeen = new java.util.TreeMap<>();

    /**
     * The oracle on {@code dag}, the core on {@code coreLayers}: the same layers, except when a
     * test feeds the core a subtly different graph to see that the check notices.
     */
    static List<Mismatch> check(Dag dag, List<LayerSpec> coreLayers) {
        List<LayerSpec> layers = dag.layers();
        GraphOracle o = GraphOracle.run(dag.input(), layers);
        List<Mismatch> found = new ArrayList<>();
        GeometryResult res;
        try {
            res = GeometryCalculator.compute(dag.input(), coreLayers, false, false);
            res.problems().forEach(Problem::text);
        } catch (RuntimeException e) {
            found.add(new Mismatch(o.failure().map(GraphOracle.Failure::layer).orElse(layers.size() - 1),
                    "core threw " + e));
            return found;
        }
        List<Problem> errors = res.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        if (o.failure().isEmpty()) {
            for (Problem p : errors) {
                found.add(new Mismatch(p.layer(), "core reports an error on a graph the oracle finds valid"
                        + (o.misalignedButAllowed(p.layer()) ? " (misaligned, allowed)" : "") + ": " + p.text()));
            }
            if (res.layers().size() != layers.size()) {
                found.add(new Mismatch(res.layers().size(), "core computed " + res.layers().size() + " of "
                        + layers.size() + " layers"));
            }
        } else {
            GraphOracle.Failure f = o.failure().get();
            errors.stream().filter(p -> p.layer() == f.layer() && coreLayers == layers).forEach(p -> errorsSeen
                    .computeIfAbsent(f.kind().toString(), k -> new java.util.TreeSet<>()).add(p.message().toString()));
            if (errors.stream().noneMatch(p -> p.layer() == f.layer())) {
                found.add(new Mismatch(f.layer(), "oracle: " + f.kind() + " (" + f.detail()
                        + "), but the core reports no error there; its errors: " + errors.stream().map(Problem::text)
                        .toList()));
            }
            for (Problem p : errors) {
                if (p.layer() < f.layer()) {
                    found.add(new Mismatch(p.layer(), "core reports an error before the oracle's first one ("
                            + f.layer() + " " + f.kind() + "): " + p.text()));
                }
            }
            if (res.layers().size() < f.layer()) {
                found.add(new Mismatch(res.layers().size(), "core stopped after " + res.layers().size()
                        + " layers, before the error at " + f.layer()));
            }
        }
        int count = Math.min(res.layers().size(), o.computed());
        for (int i = 0; i < count; i++) {
            compareLayer(o, i, res.layers().get(i), found);
        }
        found.sort(Comparator.comparingInt(Mismatch::layer));
        return found;
    }

    private static void compareLayer(GraphOracle o, int i, ComputedLayer c, List<Mismatch> found) {
        String name = c.spec().name();
        layersCompared++;
        if (!c.inputs().equals(o.inputs(i))) {
            found.add(new Mismatch(i, name + ": inputs core " + c.inputs() + ", oracle " + o.inputs(i)));
        }
        if (c.spec().kind() == LayerKind.CROP) {
            for (Axis axis : Axis.values()) {
                if (c.offset(axis) != o.offset(i, axis)) {
                    found.add(new Mismatch(i, name + " " + axis + ": crop offset core " + c.offset(axis) + ", oracle "
                            + o.offset(i, axis)));
                }
            }
        }
        if (c.channels() != o.channels(i)) {
            found.add(new Mismatch(i, name + ": channels core " + c.channels() + ", oracle " + o.channels(i)));
        }
        for (Axis axis : Axis.values()) {
            String at = name + " " + axis + ": ";
            AxisState a = c.axis(axis);
            long n = o.size(i, axis);
            if (a.size() != n) {
                found.add(new Mismatch(i, at + "size core " + a.size() + ", oracle " + n));
                continue;
            }
            Frac jump = o.centre(i, axis, 1).minus(o.centre(i, axis, 0));
            Frac coreJump = frac(a.jump());
            Frac coreCentre = frac(a.center());
            if (coreJump.compareTo(jump) != 0) {
                found.add(new Mismatch(i, at + "jump core " + coreJump + ", oracle " + jump));
            }
            for (long u : new long[] {0, -2, -1, 2, n - 1, n, n + 2}) {
                Frac core = coreCentre.plus(coreJump.times(u));
                Frac oracle = o.centre(i, axis, u);
                if (core.compareTo(oracle) != 0) {
                    found.add(new Mismatch(i, at + "centre of unit " + u + " core " + core + ", oracle " + oracle));
                    break;
                }
            }
            int period = a.period();
            int cap = Math.min(period, PERIOD_CAP);
            for (long u = -cap; u < n + cap; u++) {
                long[] f = o.field(i, axis, u);
                fieldsCompared++;
                long lo;
                long hi;
                try {
                    lo = a.lo(u);
                    hi = a.hi(u);
                } catch (RuntimeException e) {
                    found.add(new Mismatch(i, at + "core field of unit " + u + " threw " + e));
                    break;
                }
                if (lo != f[0] || hi != f[1]) {
                    found.add(new Mismatch(i, at + "field of unit " + u + " core [" + lo + ", " + hi + "], oracle ["
                            + f[0] + ", " + f[1] + "] (core pattern " + a.field() + ")"));
                    break;
                }
            }
            if (period <= 1024) {
                // Over every phase and every unit of the map: the same for fields that repeat, and
                // what rf means where a gate's or a normalisation's context makes them not repeat.
                long widest = 0;
                for (long u = 0; u < Math.max(period, a.size()); u++) {
                    long[] f = o.field(i, axis, u);
                    widest = Math.max(widest, f[1] - f[0] + 1);
                }
                if (widest != a.rf()) {
                    found.add(new Mismatch(i, at + "rf core " + a.rf() + ", oracle " + widest + " over the "
                            + period + " phases"));
                }
            }
        }
    }

    static Frac frac(Ratio r) {
        return Frac.of(r.numerator(), r.denominator());
    }

    /**
     * {@code dag} reduced to layer {@code target} and what it depends on (its inputs, a crop's
     * reference map, transitively), indices renumbered: a smaller reproduction of a disagreement
     * found at {@code target}. Layers after it cannot matter; layers beside it only might through
     * the core's own state, which the caller rules out by checking the reduced graph still fails.
     */
    static Dag reduce(Dag dag, int target) {
        List<LayerSpec> layers = dag.layers();
        TreeSet<Integer> keep = new TreeSet<>();
        List<Integer> todo = new ArrayList<>(List.of(target));
        while (!todo.isEmpty()) {
            int i = todo.remove(todo.size() - 1);
            if (i < 0 || !keep.add(i)) {
                continue;
            }
            LayerSpec l = layers.get(i);
            todo.addAll(l.resolvedInputs(i));
            if (l.kind() == LayerKind.CROP) {
                todo.add(l.extras().like());
            }
        }
        List<Integer> order = new ArrayList<>(keep);
        List<LayerSpec> reduced = new ArrayList<>();
        for (int i : order) {
            LayerSpec l = layers.get(i);
            List<Integer> in = l.resolvedInputs(i).stream().map(j -> j < 0 ? j : order.indexOf(j)).toList();
            LayerSpec.Extras e = l.extras();
            if (l.kind() == LayerKind.CROP && e.like() >= 0) {
                e = e.withLike(order.indexOf(e.like()), e.offsetY(), e.offsetX());
            }
            reduced.add(new LayerSpec(l.name(), l.kind(), in, l.y(), l.x(), l.out(), l.in(), l.groups(), e));
        }
        return new Dag(dag.seed(), dag.input(), reduced, dag.features());
    }
}
