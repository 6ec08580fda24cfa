package dev.convgeom.processor.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import dev.convgeom.processor.geometry.Axis;
import dev.convgeom.processor.geometry.AxisState;
import dev.convgeom.processor.geometry.ComputedLayer;
import dev.convgeom.processor.geometry.GeometryCalculator;
import dev.convgeom.processor.geometry.GeometryResult;
import dev.convgeom.processor.geometry.Rational;
import dev.convgeom.processor.geometry.oracle.RandomDags;
import dev.convgeom.processor.geometry.oracle.RandomDags.Dag;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two implementations of the graph geometry that must agree at the declared input: the processor's
 * exact core (which writes the generated constants) and the run-time walk of {@link NetworkSpec}
 * (which {@code forInput} uses for other sizes), written apart in the annotations module. On the
 * oracle's random graphs (each checked against the brute force by GraphOracleCoreTest), every
 * layer's size, exact jump and centre, and every phase of its field must be the same.
 */
class RuntimeAgreesWithCoreTest {

    private static final long DAGS = Long.getLong("graphoracle.dags", 700);
    private static final long SEED = Long.getLong("graphoracle.seed", 20_260_301L);

    @Test
    void forInputAtTheDeclaredSizeReproducesTheCore() {
        int compared = 0;
        for (long i = 0; i < DAGS; i++) {
            Dag dag = RandomDags.generate(SEED + i);
            GeometryResult core = GeometryCalculator.compute(dag.input(), dag.layers(), false, false);
            if (core.hasErrors() || core.layers().isEmpty()) {
                continue;   // a network has at least one layer (the processor refuses none: no-layers)
            }
            NetworkSpec spec = RuntimeSpecs.of("Dag" + dag.seed(), core);
            int h = (int) dag.input().height();
            int w = (int) dag.input().width();
            List<LayerGeometry> runtime = spec.forInput(Size.of(w, h));
            for (int l = 0; l < core.layers().size(); l++) {
                ComputedLayer c = core.layers().get(l);
                LayerGeometry r = runtime.get(l);
                // Only the seed and layer (building the text per layer costs more than the check):
                // RandomDags.generate(seed).toJava() prints the graph.
                String at = "seed " + dag.seed() + ", layer " + c.spec().name();
                assertEquals(c.spec().name(), r.name(), at);
                assertEquals(c.y().size(), r.output().height(), at);
                assertEquals(c.x().size(), r.output().width(), at);
                assertEquals(new Shape(r.output().channels(), r.output().height(), r.output().width()),
                        spec.outputSize(l, Size.of(w, h)), at);
                for (Axis axis : Axis.values()) {
                    assertAxis(c.axis(axis), axis == Axis.Y ? r.y() : r.x(), at + " " + axis);
                }
            }
            compared++;
        }
        assertTrue(compared >= DAGS / 2, "too few valid graphs to compare: " + compared);
    }

    private static void assertAxis(AxisState core, AxisGeometry runtime, String at) {
        assertEquals(ratio(core.jump()), runtime.exactJump(), at + " jump");
        assertEquals(ratio(core.center()), runtime.exactCenter(), at + " centre");
        assertEquals(core.period(), runtime.period(), at + " period");
        assertEquals(core.rf(), runtime.rf(), at + " rf");
        for (int u = -core.period(); u < core.size() + core.period(); u++) {
            assertEquals(core.lo(u), runtime.fieldStart(u), at + " field start of unit " + u);
            assertEquals(core.hi(u), runtime.fieldEnd(u), at + " field end of unit " + u);
        }
    }

    private static Ratio ratio(Rational r) {
        return Ratio.of(r.numerator(), r.denominator());
    }
}
