package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.Shape;
import dev.convgeom.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CaffeNet convolutionalized, against published facts: Caffe's net-surgery example runs the
 * converted CaffeNet on a 451x451 image and gets an 8x8 score map; fc6 on the 256x6x6 pool5 map
 * becomes a 6x6 convolution, fc7 and fc8 1x1 convolutions; the network's total stride is 32.
 * The smallest input and the exact sizes follow from the layer table by hand: pool5 needs 6
 * units, so conv5 12, pool2 (3x3, stride 2, rounding up) 24... conv1 (11, stride 4) 4 * 47 + 11
 * = 199; exact sizes give 6 at pool5 with no remainder anywhere: 227, then every 32 pixels.
 */
class ConvolutionalizedCaffeNetTest {

    @Test
    void fullyConnectedLayersBecomeConvolutions() {
        LayerSpec fc6 = CaffeNetGeometry.FC6.asConv();
        assertEquals("Conv", fc6.kind());
        assertEquals(256, fc6.in());
        assertEquals(4096, fc6.out());
        assertEquals(6, fc6.y().kernel());
        assertEquals(6, fc6.x().kernel());
        assertEquals(1, fc6.y().stride());
        assertEquals(1, CaffeNetGeometry.FC7.asConv().y().kernel());
        assertEquals(4096, CaffeNetGeometry.FC7.asConv().in());
        assertEquals(1, CaffeNetGeometry.FC8.asConv().x().kernel());
        List<LayerSpec> form = CaffeNetGeometry.fullyConvolutional();
        assertEquals(CaffeNetGeometry.layers().size(), form.size());
        assertTrue(form.stream().noneMatch(LayerSpec::isFullyConnected));
    }

    @Test
    void netSurgeryInputGivesAnEightByEightScoreMap() {
        assertEquals(new Shape(1000, 8, 8), CaffeNetGeometry.outputSize(Size.of(451, 451)));
        assertEquals(new Shape(256, 13, 13), CaffeNetGeometry.POOL5.outputSize(Size.of(451, 451)));
        assertEquals(new Shape(1000, 1, 1), CaffeNetGeometry.outputSize(Size.of(227, 227)));
        LayerGeometry scores = CaffeNetGeometry.forInput(Size.of(451, 451)).get(CaffeNetGeometry.layers().size() - 1);
        assertEquals(32.0, scores.x().jump());
        // Cell (7, 7): 113 + 32 * 7 = 337 is its centre, 355 pixels around it.
        assertEquals(new Box(337 - 177, 337 - 177, 337 + 177, 337 + 177), scores.receptiveField(7, 7));
        assertEquals(new Box(160, 160, 450, 450), scores.clippedReceptiveField(7, 7));
    }

    @Test
    void smallestInputAndExactSizes() {
        assertEquals(Size.of(199, 199), CaffeNetGeometry.minInputSize());
        assertEquals(new Shape(1000, 1, 1), CaffeNetGeometry.outputSize(Size.of(199, 199)));
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> CaffeNetGeometry.outputSize(Size.of(300, 198)));
        assertTrue(tooSmall.getMessage().contains("fc6"), tooSmall.getMessage());
        assertTrue(tooSmall.getMessage().contains("199x199"), tooSmall.getMessage());
        for (int size = 199; size <= 600; size++) {
            assertEquals((size - 227) % 32 == 0 && size >= 227, CaffeNetGeometry.isExact(Size.of(size, size)), "size " + size);
        }
        assertFalse(CaffeNetGeometry.isExact(Size.of(224, 224)));
        assertEquals(Size.of(259, 227), CaffeNetGeometry.nextExactSize(Size.of(228, 1)));
        assertEquals(Size.of(451, 451), CaffeNetGeometry.nextExactSize(Size.of(451, 420)));
    }
}
