package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.EffectiveFields;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveGrid;
import dev.convgeom.engine.EffectiveGrids;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Window;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The core's exact 2-D effective field ({@link EffectiveGrids}) against the brute-force 2-D
 * backward pass ({@link EffectiveFieldOracle#profile(int, long, long)}) on random graphs with
 * merges, unit by unit (virtual units and every phase included), and its marginals against the
 * core's exact per-axis profiles ({@link EffectiveFields}). {@code -Deffectivegrid.dags=N} runs
 * more graphs.
 */
class EffectiveGridOracleTest {

    static final long DAGS = Long.getLong("effectivegrid.dags", 12);
    static final long SEED = Long.getLong("graphoracle.seed", 20_260_301L);

    @Test
    void gridIsTheBruteForce2dBackwardPassOnRandomGraphsWithMerges() {
        int layersChecked = 0;
        int units = 0;
        int merges = 0;
        List<String> failures = new ArrayList<>();
        int graphs = 0;
        for (long i = 0; graphs < DAGS && i < 20 * DAGS && failures.size() < 3; i++) {
            Dag dag = RandomDags.generate(SEED + 9000 + i);
            if (dag.input().height() > 32 || dag.input().width() > 32) {
                continue;       // the brute force is quadratic in the field; small graphs suffice
            }
            GraphOracle geometry = GraphOracle.run(dag.input(), dag.layers());
            GeometryResult core = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            int computed = Math.min(geometry.computed(), core.layers().size());
            if (core.hasErrors()) {
                computed = Math.min(computed, core.problems().stream()
                        .filter(p -> p.severity() == dev.convgeom.engine.Severity.ERROR)
                        .mapToInt(p -> p.layer()).min().orElse(computed));
            }
            GeometryResult ok = new GeometryResult(dag.input(), core.layers().subList(0, computed), List.of(),
                    Optional.empty());
            List<LayerField> fields = EffectiveFields.of(ok);
            List<EffectiveGrid> grids = EffectiveGrids.of(ok, fields);
            boolean[] separable = EffectiveGrids.separable(ok);
            EffectiveFieldOracle oracle = new EffectiveFieldOracle(geometry, dag.layers());
            Random r = new Random(dag.seed());
            // The brute force costs the field's area per unit and layer: the last two non-separable layers.
            List<Integer> chosen = new ArrayList<>();
            for (int l = computed - 1; l >= 0 && chosen.size() < 2; l--) {
                if (!separable[l]) {
                    chosen.add(l);
                }
            }
            if (!chosen.isEmpty()) {
                graphs++;
            }
            for (int l : chosen) {
                if (dag.layers().get(l).kind().isMerge()) {
                    merges++;
                }
                EffectiveGrid grid = grids.get(l);
                if (fields.get(l) != null && (long) fields.get(l).y().profile().period()
                        * fields.get(l).x().profile().period() > EffectiveGrids.MAX_PHASES) {
                    continue;   // refused by design: more phases than a report embeds
                }
                if (grid == null || fields.get(l) == null) {
                    failures.add("seed " + dag.seed() + " layer " + l + ": no grid for a small graph");
                    break;
                }
                layersChecked++;
                long ny = geometry.size(l, Axis.Y);
                long nx = geometry.size(l, Axis.X);
                List<long[]> picks = new ArrayList<>(List.of(new long[] {0, 0}, new long[] {ny - 1, nx},
                        new long[] {-1, 1}));
                for (int k = 0; k < 2; k++) {
                    picks.add(new long[] {r.nextInt((int) ny + grid.periodY()) - 1,
                            r.nextInt((int) nx + grid.periodX()) - 1});
                }
                for (long[] u : picks) {
                    units++;
                    String problem = compare(oracle.profile(l, u[0], u[1]), grid, fields.get(l), u[0], u[1]);
                    if (problem != null) {
                        failures.add("seed " + dag.seed() + " layer " + l + " '" + dag.layers().get(l).name()
                                + "' unit (y " + u[0] + ", x " + u[1] + "): " + problem + "\n" + dag.toJava());
                        break;
                    }
                }
            }
        }
        System.out.printf("effective grid oracle: %d graphs, %d non-separable layers (%d merges), %d units compared in 2-D%n",
                graphs, layersChecked, merges, units);
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
        assertTrue(units > 60, "too few units compared: " + units);
        assertTrue(graphs >= DAGS, "too few graphs with merges: " + graphs);
    }

    /** A residual block worked by hand: a 3x3 average plus the identity. */
    @Test
    void residualBlockIsNotTheProductOfItsMarginals() {
        GeometryResult g = GeometryCalculator.compute(new NetworkInput(1, 8, 8),
                List.of(LayerSpec.conv("a", 1, Window.of(3, 1, 1)), LayerSpec.merge("sum", LayerKind.ADD, LayerSpec.NETWORK_INPUT, 0)), false);
        List<LayerField> fields = EffectiveFields.of(g);
        EffectiveGrid grid = EffectiveGrids.of(g, fields).get(1);
        EffectiveGrid.Phase p = grid.unit(2, 5);
        // (1/9 on the 3x3 around (2, 5)) + (1 at (2, 5)), over 2 paths: 9 * 2 = 18, centre 10/18.
        assertEquals(BigInteger.valueOf(9), grid.denominator());
        assertEquals(1, p.top());
        assertEquals(4, p.left());
        assertEquals(BigInteger.valueOf(10), p.at(2, 5));
        assertEquals(BigInteger.ONE, p.at(1, 4));
        // Its row marginal is (1, 4, 1) / 6, so the product of the marginals would put 1/36 in the
        // corner, where the field has 1/18.
        EffectiveProfile y = fields.get(1).y().profile();
        assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(4), BigInteger.ONE), List.of(y.weights(2)));
    }

    /** Null when the grid's unit equals the oracle's 2-D profile and its marginals the per-axis profiles. */
    private static String compare(Map<List<Long>, Frac> oracle, EffectiveGrid grid, LayerField field, long uy, long ux) {
        Frac total = Frac.ZERO;
        for (Frac w : oracle.values()) {
            total = total.plus(w);
        }
        EffectiveGrid.Phase p = grid.unit(uy, ux);
        BigInteger coreTotal = BigInteger.ZERO;
        for (BigInteger w : p.weights()) {
            coreTotal = coreTotal.add(w);
        }
        Map<List<Long>, Frac> core = new HashMap<>();
        Map<Long, BigInteger> rows = new HashMap<>();
        Map<Long, BigInteger> columns = new HashMap<>();
        for (int j = 0; j < p.height(); j++) {
            for (int i = 0; i < p.width(); i++) {
                BigInteger w = p.weights()[j * p.width() + i];
                if (w.signum() != 0) {
                    core.put(List.of(p.top() + j, p.left() + i), new Frac(w, coreTotal));
                    rows.merge(p.top() + j, w, BigInteger::add);
                    columns.merge(p.left() + i, w, BigInteger::add);
                }
            }
        }
        Map<List<Long>, Frac> expected = new HashMap<>();
        for (Map.Entry<List<Long>, Frac> e : oracle.entrySet()) {
            expected.put(e.getKey(), e.getValue().dividedBy(total));
        }
        if (!expected.equals(core)) {
            return "2-D weights differ from the brute force: " + expected.size() + " vs " + core.size() + " pixels";
        }
        String y = marginal(rows, coreTotal, field.y().profile(), uy);
        return y != null ? "rows: " + y : marginal(columns, coreTotal, field.x().profile(), ux);
    }

    private static String marginal(Map<Long, BigInteger> sums, BigInteger total, EffectiveProfile profile, long u) {
        BigInteger[] w = profile.weights(u);
        BigInteger profileTotal = BigInteger.ZERO;
        for (BigInteger v : w) {
            profileTotal = profileTotal.add(v);
        }
        Map<Long, Frac> a = new HashMap<>();
        sums.forEach((x, v) -> a.put(x, new Frac(v, total)));
        Map<Long, Frac> b = new HashMap<>();
        for (int i = 0; i < w.length; i++) {
            if (w[i].signum() != 0) {
                b.put(profile.start(u) + i, new Frac(w[i], profileTotal));
            }
        }
        return a.equals(b) ? null : "marginal " + a + " but the per-axis profile " + b;
    }
}
