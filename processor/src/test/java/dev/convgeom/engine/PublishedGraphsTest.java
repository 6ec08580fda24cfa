package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published numbers for graph networks, computed by the core alone: the crop offsets of the FCN
 * models of Long, Shelhamer and Darrell (the {@code offset} values their Caffe prototxts carry,
 * voc-fcn32s/16s/8s: 19; 5 and 27; 5, 9 and 31), from the VGG-16 trunk with {@code pad: 100} on
 * conv1_1. The expected values are the published ones, typed here, never in the model.
 */
class PublishedGraphsTest {

    /** PASCAL VOC models take any size; 500x500 is the usual one. */
    private static final NetworkInput INPUT = new NetworkInput(3, 500, 500);

    @Test
    void fcn32sCropsTheUpsampledScoresBy19() {
        Fcn net = new Fcn();
        int upscore = net.add(LayerSpec.deconv("upscore", 21, 64, 32, 0).from(net.scoreFr));
        int score = net.add(LayerSpec.crop("score", upscore, LayerSpec.NETWORK_INPUT));
        GeometryResult result = net.compute();
        assertEquals(19, offset(result, score));
        assertEquals(500, result.layers().get(score).y().size());
    }

    @Test
    void fcn16sCropsBy5And27() {
        Fcn net = new Fcn();
        int upscore2 = net.add(LayerSpec.deconv("upscore2", 21, 4, 2, 0).from(net.scoreFr));
        int scorePool4 = net.add(LayerSpec.conv("score_pool4", 21, Window.of(1, 1, 0)).from(net.pool4));
        int scorePool4c = net.add(LayerSpec.crop("score_pool4c", scorePool4, upscore2));
        int fuse = net.add(LayerSpec.merge("fuse_pool4", LayerKind.ADD, upscore2, scorePool4c));
        int upscore16 = net.add(LayerSpec.deconv("upscore16", 21, 32, 16, 0).from(fuse));
        int score = net.add(LayerSpec.crop("score", upscore16, LayerSpec.NETWORK_INPUT));
        GeometryResult result = net.compute();
        assertEquals(5, offset(result, scorePool4c));
        assertEquals(27, offset(result, score));
    }

    @Test
    void fcn8sCropsBy5And9And31() {
        Fcn net = new Fcn();
        int upscore2 = net.add(LayerSpec.deconv("upscore2", 21, 4, 2, 0).from(net.scoreFr));
        int scorePool4 = net.add(LayerSpec.conv("score_pool4", 21, Window.of(1, 1, 0)).from(net.pool4));
        int scorePool4c = net.add(LayerSpec.crop("score_pool4c", scorePool4, upscore2));
        int fuse4 = net.add(LayerSpec.merge("fuse_pool4", LayerKind.ADD, upscore2, scorePool4c));
        int upscorePool4 = net.add(LayerSpec.deconv("upscore_pool4", 21, 4, 2, 0).from(fuse4));
        int scorePool3 = net.add(LayerSpec.conv("score_pool3", 21, Window.of(1, 1, 0)).from(net.pool3));
        int scorePool3c = net.add(LayerSpec.crop("score_pool3c", scorePool3, upscorePool4));
        int fuse3 = net.add(LayerSpec.merge("fuse_pool3", LayerKind.ADD, upscorePool4, scorePool3c));
        int upscore8 = net.add(LayerSpec.deconv("upscore8", 21, 16, 8, 0).from(fuse3));
        int score = net.add(LayerSpec.crop("score", upscore8, LayerSpec.NETWORK_INPUT));
        GeometryResult result = net.compute();
        assertEquals(5, offset(result, scorePool4c));
        assertEquals(9, offset(result, scorePool3c));
        assertEquals(31, offset(result, score));
    }

    private static long offset(GeometryResult result, int layer) {
        assertFalse(result.hasErrors(), () -> result.problems().toString());
        ComputedLayer crop = result.layers().get(layer);
        assertEquals(crop.offsetY(), crop.offsetX(), "square input, square offsets");
        return crop.offsetY();
    }

    /** The FCN trunk: VGG-16 with conv1_1 padded by 100, fc6/fc7 as convolutions, score_fr. */
    private static final class Fcn {
        final List<LayerSpec> layers = new ArrayList<>();
        final int pool3;
        final int pool4;
        final int scoreFr;

        Fcn() {
            int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
            int pool = -1;
            int p3 = -1;
            int p4 = -1;
            for (int b = 0; b < blocks.length; b++) {
                for (int c = 0; c < blocks[b].length; c++) {
                    int pad = b == 0 && c == 0 ? 100 : 1;
                    add(LayerSpec.conv("conv" + (b + 1) + "_" + (c + 1), blocks[b][c], Window.of(3, 1, pad)));
                }
                pool = add(LayerSpec.maxPool("pool" + (b + 1),
                        new Window(2, 2, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.CEIL)));
                if (b == 2) {
                    p3 = pool;
                } else if (b == 3) {
                    p4 = pool;
                }
            }
            add(LayerSpec.conv("fc6", 4096, Window.of(7, 1, 0)));
            add(LayerSpec.conv("fc7", 4096, Window.of(1, 1, 0)));
            scoreFr = add(LayerSpec.conv("score_fr", 21, Window.of(1, 1, 0)));
            pool3 = p3;
            pool4 = p4;
        }

        int add(LayerSpec layer) {
            layers.add(layer);
            return layers.size() - 1;
        }

        GeometryResult compute() {
            return GeometryCalculator.compute(INPUT, layers, false, false);
        }
    }
}
