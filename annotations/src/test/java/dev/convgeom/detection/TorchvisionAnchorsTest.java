package dev.convgeom.detection;

import static dev.convgeom.detection.SsdPriorBoxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.Point;
import dev.convgeom.Ratio;
import dev.convgeom.Size;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against values computed by hand from torchvision's published code (pytorch/vision,
 * torchvision/models/detection/anchor_utils.py): {@code generate_anchors}: {@code h_ratios =
 * sqrt(ar)}, {@code w_ratios = 1 / h_ratios}, {@code ws = w_ratios[:, None] * scales[None, :]},
 * {@code base = round([-ws, -hs, ws, hs] / 2)} (torch.round: halves to even), all float32;
 * {@code grid_anchors}: {@code shifts = arange(n) * stride}, anchors = shift + base per location
 * then per base anchor; {@code forward}: {@code stride = image_size // grid_size}.
 */
class TorchvisionAnchorsTest {

    @Test
    void fasterRcnnFpnLevelOfSize32() {
        // AnchorGenerator(sizes=((32,),), aspect_ratios=((0.5, 1.0, 2.0),)):
        // ar 0.5: h = sqrt(0.5) = 0.7071068, w = 1.4142135; ws = 45.254833 -> /2 22.627417 -> 23;
        //         hs = 22.627417 -> /2 11.313708 -> 11
        // ar 1: 16; ar 2: the transpose of ar 0.5
        float[] base = new float[12];
        TorchvisionAnchors.of(new double[] {32}, new double[] {0.5, 1, 2}).cellAnchors(base);
        assertArrayEquals(new float[] {-23, -11, 23, 11, -16, -16, 16, 16, -11, -23, 11, 23}, base);
    }

    @Test
    void ratiosOuterSizesInner() {
        // sizes (32, 64), ratios (0.5, 1): [r0.5 s32, r0.5 s64, r1 s32, r1 s64];
        // 64: ws = 90.50967 -> 45.254833 -> 45, hs = 45.254833 -> 22.627417 -> 23
        float[] base = new float[16];
        TorchvisionAnchors.of(new double[] {32, 64}, new double[] {0.5, 1}).cellAnchors(base);
        assertArrayEquals(new float[] {-23, -11, 23, 11, -45, -23, 45, 23, -16, -16, 16, 16, -32, -32, 32, 32}, base);
    }

    @Test
    void halvesRoundToEven() {
        // size 45, ratio 1: 45 / 2 = 22.5 -> 22; size 13: 6.5 -> 6; size 15: 7.5 -> 8
        float[] base = new float[12];
        TorchvisionAnchors.of(new double[] {45, 13, 15}, new double[] {1}).cellAnchors(base);
        assertArrayEquals(new float[] {-22, -22, 22, 22, -6, -6, 6, 6, -8, -8, 8, 8}, base);
    }

    @Test
    void gridIsLocationMajorRowsOuter() {
        TorchvisionAnchors level = TorchvisionAnchors.of(new double[] {32}, new double[] {0.5, 1, 2});
        float[] anchors = new float[4 * 3 * 4];
        level.write(Size.of(2, 2), Size.of(16, 16), anchors);
        // location (x 1, y 0) is the second: shift (16, 0, 16, 0) on [-23, -11, 23, 11]
        assertArrayEquals(new float[] {-7, -11, 39, 11}, Arrays.copyOfRange(anchors, 12, 16));
        // location (x 0, y 1) third: shift (0, 16) on the ar-2 anchor [-11, -23, 11, 23]
        assertArrayEquals(new float[] {-11, -7, 11, 39}, Arrays.copyOfRange(anchors, 32, 36));
    }

    @Test
    void strideIsIntegerDivisionOfInputByGrid() {
        // 600 // 38 = 15, although the map's jump is 16: the offset grows by 1 px per cell
        var map = Layers.square("c4", 600, 38, Ratio.of(16), Ratio.of(15, 2), -100, 115);
        assertEquals(Size.of(15, 15), TorchvisionAnchors.stride(map));
        TorchvisionAnchors level = TorchvisionAnchors.of(new double[] {64}, new double[] {1});
        // prior centre u * 15 - 0.5; field centre 7.5 + 16 u
        assertEquals(new Point(8, 8), level.centerOffset(map, 0, 0));
        assertEquals(new Point(18, 8), level.centerOffset(map, 10, 0));
    }

    @Test
    void retinaNetSizes() {
        // retinanet_resnet50_fpn: tuple((x, int(x * 2 ** (1.0 / 3)), int(x * 2 ** (2.0 / 3))) for x in [32, 64, 128, 256, 512])
        assertArrayEquals(new double[] {32, 40, 50}, TorchvisionAnchors.retinaNetSizes(32));
        assertArrayEquals(new double[] {64, 80, 101}, TorchvisionAnchors.retinaNetSizes(64));
        assertArrayEquals(new double[] {512, 645, 812}, TorchvisionAnchors.retinaNetSizes(512));
        assertEquals(9, TorchvisionAnchors.of(TorchvisionAnchors.retinaNetSizes(32), new double[] {0.5, 1, 2}).perCell());
    }

    @Test
    void levelsAreConcatenated() {
        var p3 = Layers.square("p3", 64, 8, Ratio.of(8), Ratio.of(0), -10, 10);
        var p4 = Layers.square("p4", 64, 4, Ratio.of(16), Ratio.of(0), -20, 20);
        TorchvisionAnchors a3 = TorchvisionAnchors.of(new double[] {32}, new double[] {1});
        TorchvisionAnchors a4 = TorchvisionAnchors.of(new double[] {64}, new double[] {1});
        float[] all = new float[4 * (64 + 16)];
        assertEquals(all.length, TorchvisionAnchors.writeLevels(List.of(a3, a4), List.of(p3, p4), all));
        // the first of p4 follows p3's 64 locations: base [-32, -32, 32, 32], no shift
        assertArrayEquals(new float[] {-32, -32, 32, 32}, Arrays.copyOfRange(all, 256, 260));
        // the last of p4: location (3, 3), stride 64 // 4 = 16: shift 48
        assertArrayEquals(new float[] {16, 16, 80, 80}, Arrays.copyOfRange(all, all.length - 4, all.length));
        assertMessage("2 anchor levels for 1 feature maps", () -> TorchvisionAnchors.writeLevels(List.of(a3, a4), List.of(p3), all));
    }

    @Test
    void badInputIsNamed() {
        assertMessage("aspect ratios is empty", () -> TorchvisionAnchors.of(new double[] {32}, new double[0]));
        assertMessage("sizes[0] is NaN", () -> TorchvisionAnchors.of(new double[] {Double.NaN}, new double[] {1}));
        assertMessage("sizes[1] must be a finite number > 0, was -64.0",
                () -> TorchvisionAnchors.of(new double[] {32, -64}, new double[] {1}));
    }
}
