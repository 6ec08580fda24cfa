package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** {@link AxisMap} and {@link LayerMap}: inverses, composition, and what they print. */
class AxisMapTest {

    @Provide
    Arbitrary<AxisMap> maps() {
        Arbitrary<Ratio> scale = Combinators.combine(Arbitraries.longs().between(1, 64), Arbitraries.longs().between(1, 64),
                Arbitraries.of(-1L, 1L)).as((n, d, sign) -> Ratio.of(sign * n, d));
        Arbitrary<Ratio> offset = Combinators.combine(Arbitraries.longs().between(-500, 500), Arbitraries.longs().between(1, 64))
                .as(Ratio::of);
        return Combinators.combine(scale, offset).as(AxisMap::new);
    }

    @Property
    void inverseUndoesExactly(@ForAll("maps") AxisMap m, @ForAll @DoubleRange(min = -1e4, max = 1e4) double u) {
        assertEquals(AxisMap.identity(), m.then(m.inverse()));
        assertEquals(AxisMap.identity(), m.inverse().then(m));
        assertEquals(m, m.inverse().inverse());
        assertEquals(u, m.inverse().apply(m.apply(u)), 1e-9 * Math.max(1, Math.abs(u)));
    }

    @Property
    void thenIsComposition(@ForAll("maps") AxisMap a, @ForAll("maps") AxisMap b, @ForAll("maps") AxisMap c,
                           @ForAll @DoubleRange(min = -1e4, max = 1e4) double u) {
        double twice = b.apply(a.apply(u));
        assertEquals(twice, a.then(b).apply(u), 1e-9 * Math.max(1, Math.abs(twice)));
        assertEquals(a.then(b).then(c), a.then(b.then(c)), "associative");
        assertEquals(a, a.then(AxisMap.identity()));
        assertEquals(a, AxisMap.identity().then(a));
    }

    @Test
    void printsAndRejectsAZeroScale() {
        assertEquals("u' = 1/2 u + 3/4", new AxisMap(Ratio.of(1, 2), Ratio.of(3, 4)).toString());
        assertEquals("u' = 2 u - 3", new AxisMap(Ratio.of(2), Ratio.of(-3)).toString());
        assertEquals("u' = 1 u + 0", AxisMap.identity().toString());
        // u' = 2u - 3  <=>  u = u'/2 + 3/2
        assertEquals(new AxisMap(Ratio.of(1, 2), Ratio.of(3, 2)), new AxisMap(Ratio.of(2), Ratio.of(-3)).inverse());
        assertThrows(IllegalArgumentException.class, () -> new AxisMap(Ratio.of(0), Ratio.of(1)));
    }

    @Test
    void layerMapsApplyPerAxisAndInvert() {
        LayerMap m = new LayerMap("a", "b", new AxisMap(Ratio.of(2), Ratio.of(1)), new AxisMap(Ratio.of(1, 4), Ratio.of(0)));
        assertEquals(new Point(1.0, 7.0), m.apply(4, 3));
        LayerMap back = m.inverse();
        assertEquals("b", back.from());
        assertEquals("a", back.to());
        assertEquals(new Point(4.0, 3.0), back.apply(1, 7));
        assertEquals(new LayerMap("a", "a", AxisMap.identity(), AxisMap.identity()), m.then(back));
        assertThrows(IllegalArgumentException.class, () -> m.then(m));
    }
}
