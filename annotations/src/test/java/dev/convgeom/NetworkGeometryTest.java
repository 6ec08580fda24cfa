package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkGeometry}, the lookups every generated class delegates to: by name, the outputs,
 * the effective fields, and its refusal of constants that are not one network's, in order.
 */
class NetworkGeometryTest {

    private static final NetworkSpec SPEC = Literals.network("Two", "3 24 20", """
            conv1 Conv ^ 3 8 1 3,1,1,1,1 5,1,1,2,2
            relu1 Relu ^ 8 8 1
            """);
    private static final LayerGeometry INPUT = Literals.input(SPEC);
    private static final LayerGeometry CONV1 = Literals.layer(SPEC, 0, "8 24 20 | 1 0 -1 1 | -2 2");
    private static final LayerGeometry RELU1 = Literals.layer(SPEC, 1, "8 24 20 | 1 0 -1 1 | -2 2");
    /** conv1's field written out; relu1's not computed ("-"). */
    private static final String FIELDS = "0.5,1.25,3,3,3,5;-";

    private static NetworkGeometry two() {
        return NetworkGeometry.of(INPUT, List.of(CONV1, RELU1), FIELDS);
    }

    @Test
    void looksLayersUpByNameAndListsThemInOrder() {
        NetworkGeometry g = two();
        assertSame(SPEC, g.spec());
        assertEquals(List.of(CONV1, RELU1), g.layers());
        assertSame(CONV1, g.layer("conv1"));
        assertSame(RELU1, g.layer("relu1"));
        assertSame(INPUT, g.layer("input"));
        assertEquals(List.of(RELU1), g.outputs());
    }

    @Test
    void fromTheLinesOfGeometryAsAGeneratedClassWritesThem() {
        NetworkGeometry g = NetworkGeometry.of(SPEC, """
                8 24 20 | 1 0 -1 1 | -2 2
                8 24 20 | 1 0 -1 1 | -2 2
                """, FIELDS);
        assertSame(SPEC, g.spec());
        assertEquals(INPUT, g.input());
        assertEquals(CONV1, g.layer(0));
        assertEquals(RELU1, g.layer(1));
        assertSame(g.layer(1), g.layer("relu1"));
        assertSame(g.input(), g.layer("input"));
        assertEquals(List.of(g.layer(0), g.layer(1)), g.layers());
        assertEquals(two().effectiveField(CONV1), g.effectiveField(g.layer(0)));
        assertEquals("1 line of geometry for the 2 layers of Two", assertThrows(IllegalArgumentException.class,
                () -> NetworkGeometry.of(SPEC, "8 24 20 | 1 0 -1 1 | -2 2\n", FIELDS)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> g.layer(2));
    }

    @Test
    void anUnknownOrNullNameIsRefusedWithTheLayersListed() {
        NetworkGeometry g = two();
        assertEquals("No layer 'conv2' in Two; its layers are conv1, relu1",
                assertThrows(IllegalArgumentException.class, () -> g.layer("conv2")).getMessage());
        assertEquals("name is null; Two's layers are conv1, relu1",
                assertThrows(NullPointerException.class, () -> g.layer(null)).getMessage());
    }

    @Test
    void effectiveFieldsAreTheDecodedTablePerLayer() {
        NetworkGeometry g = two();
        // The table holds sigma y, sigma x, then heights before widths; EffectiveField is x first.
        assertEquals(new EffectiveField(1.25, 0.5, Size.of(3, 3), Size.of(5, 3)), g.effectiveField(CONV1));
        assertSame(EffectiveField.INPUT, g.effectiveField(INPUT));
        assertEquals("the effective field of 'relu1' was not computed: its receptive field is too large to weigh"
                        + " exactly at compile time",
                assertThrows(IllegalStateException.class, () -> g.effectiveField(RELU1)).getMessage());
        NetworkSpec other = Literals.network("Other", "3 24 20", "conv1 Conv ^ 3 8 1 3,1,1,1,1 5,1,1,2,2\n");
        LayerGeometry foreign = Literals.layer(other, 0, "8 24 20 | 1 0 -1 1 | -2 2");
        assertEquals("'conv1' is not a layer of Two",
                assertThrows(IllegalArgumentException.class, () -> g.effectiveField(foreign)).getMessage());
    }

    @Test
    void constantsThatAreNotTheNetworksInOrderAreRefused() {
        assertEquals("'conv1' is not a network's input",
                assertThrows(IllegalArgumentException.class,
                        () -> NetworkGeometry.of(CONV1, List.of(CONV1, RELU1), FIELDS)).getMessage());
        assertEquals("Two has 2 layers, not 1",
                assertThrows(IllegalArgumentException.class,
                        () -> NetworkGeometry.of(INPUT, List.of(CONV1), FIELDS)).getMessage());
        assertEquals("'relu1' is not layer 0 of Two",
                assertThrows(IllegalArgumentException.class,
                        () -> NetworkGeometry.of(INPUT, List.of(RELU1, CONV1), FIELDS)).getMessage());
        assertEquals("Two has 2 layers but 1 effective fields",
                assertThrows(IllegalArgumentException.class,
                        () -> NetworkGeometry.of(INPUT, List.of(CONV1, RELU1), "-")).getMessage());
    }
}
