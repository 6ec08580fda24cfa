package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A chain takes direct formulas; the same layers walked as a graph (a zero pad appended makes it
 * one) must give the same sizes, fields, jumps and centres, also with SAME padding, rounding up
 * and dilation, and the same smallest and exact inputs where the pad changes nothing.
 */
class ChainAndGraphAgreeTest {

    @Property(tries = 300)
    void theGraphWalkReproducesTheChainFormulas(@ForAll long seed,
                                                @ForAll @IntRange(min = 1, max = 80) int height,
                                                @ForAll @IntRange(min = 1, max = 80) int width) {
        Random random = new Random(seed);
        List<LayerSpec> layers = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String from = layers.isEmpty() ? "input" : layers.get(layers.size() - 1).name();
            Window y = randomWindow(random);
            Window x = randomWindow(random);
            String kind = random.nextBoolean() ? "Conv" : "MaxPool";
            layers.add(new LayerSpec("l" + i, kind, List.of(from), 2, 2, 1, y, x, null));
            if (random.nextInt(3) == 0) {
                layers.add(new LayerSpec("r" + i, "Relu", List.of("l" + i), 2, 2, 1, null, null, null));
            }
        }
        NetworkSpec chain = new NetworkSpec("chain", new Shape(2, height, width), layers);
        List<LayerSpec> withPad = new ArrayList<>(layers);
        withPad.add(Graphs.pad("pad", layers.get(layers.size() - 1).name(), 0, 0, 0, 0));
        NetworkSpec graph = new NetworkSpec("graph", new Shape(2, height, width), withPad);

        assertEquals(chain.minInputSize(), graph.minInputSize());
        Size min = chain.minInputSize();
        int h = Math.max(height, min.height());
        int w = Math.max(width, min.width());
        List<LayerGeometry> expected = chain.forInput(Size.of(w, h));
        List<LayerGeometry> actual = graph.forInput(Size.of(w, h));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).y(), actual.get(i).y(), layers.get(i).toString());
            assertEquals(expected.get(i).x(), actual.get(i).x(), layers.get(i).toString());
            assertEquals(chain.outputSize(i, Size.of(w, h)), graph.outputSize(i, Size.of(w, h)));
            assertEquals(chain.minInputSize(i), graph.minInputSize(i));
        }
        assertEquals(chain.isExact(Size.of(w, h)), graph.isExact(Size.of(w, h)));
        // Strides of at most 3 over at most 5 layers: any exact size lies within 3^5 < 1024 of h and w,
        // inside the graph's search; where a chain has none, neither has the graph.
        Size next;
        try {
            next = chain.nextExactSize(Size.of(w, h));
        } catch (IllegalArgumentException none) {
            assertThrows(IllegalArgumentException.class, () -> graph.nextExactSize(Size.of(w, h)));
            return;
        }
        assertEquals(next, graph.nextExactSize(Size.of(w, h)));
    }

    private static Window randomWindow(Random random) {
        int k = 1 + random.nextInt(4);
        int s = 1 + random.nextInt(3);
        int d = 1 + random.nextInt(2);
        return switch (random.nextInt(4)) {
            case 0 -> new Window(k, s, d, 0, 0, Padding.SAME, false);
            case 1 -> new Window(k, s, 1, random.nextInt(k), random.nextInt(k), Padding.EXPLICIT, true);
            default -> new Window(k, s, d, random.nextInt(k), random.nextInt(k), Padding.EXPLICIT, false);
        };
    }
}
