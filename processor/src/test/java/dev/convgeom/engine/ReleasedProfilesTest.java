package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.EffectiveFields.AxisField;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.engine.oracle.RandomDags.Dag;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EffectiveFields#of(GeometryResult, boolean)} without keeping the profiles lets each
 * layer's profiles go once the last layer that reads them is done. On random graphs (branches read
 * several layers later, merges, maps read twice) it must give every layer the statistics the
 * profiles-kept form gives (which the effective-field oracles judge), and no profile: a profile let
 * go too early would be read as null and throw here.
 */
class ReleasedProfilesTest {

    @Test
    void lettingProfilesGoChangesNoStatistic() {
        int compared = 0;
        int readLater = 0;
        for (long seed = 0; seed < 300; seed++) {
            Dag dag = RandomDags.generate(20_261_207_21L + seed);
            GeometryResult g = GeometryCalculator.compute(dag.input(), dag.layers(), false);
            List<LayerField> kept = EffectiveFields.of(g, true);
            List<LayerField> released = EffectiveFields.of(g, false);
            assertEquals(kept.size(), released.size(), dag.toJava());
            for (int i = 0; i < kept.size(); i++) {
                LayerField k = kept.get(i);
                LayerField r = released.get(i);
                assertEquals(k == null, r == null, dag.toJava());
                if (k == null) {
                    continue;
                }
                for (Axis axis : Axis.values()) {
                    AxisField a = k.axis(axis);
                    AxisField b = r.axis(axis);
                    String where = "layer " + i + " " + axis + "\n" + dag.toJava();
                    assertEquals(a.sigma(), b.sigma(), where);
                    assertEquals(a.extent50(), b.extent50(), where);
                    assertEquals(a.extent90(), b.extent90(), where);
                    assertNull(b.profile(), where);
                    compared++;
                }
            }
            readLater += layersReadAfterTheNext(g);
        }
        assertTrue(compared > 3_000, "too few fields compared: " + compared);
        // The graphs must hold maps read again after other layers, where letting go too early shows.
        assertTrue(readLater > 300, "too few maps read later than the next layer: " + readLater);
    }

    private static int layersReadAfterTheNext(GeometryResult g) {
        int count = 0;
        List<ComputedLayer> layers = g.layers();
        for (int j = 0; j < layers.size(); j++) {
            for (int i : layers.get(j).inputs()) {
                if (i != dev.convgeom.engine.LayerSpec.NETWORK_INPUT && i < j - 1) {
                    count++;
                }
            }
        }
        return count;
    }
}
