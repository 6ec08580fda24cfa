package dev.convgeom.engine.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.EffectiveFields;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.EffectiveProfile;
import dev.convgeom.engine.GeometryCalculator;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.Window;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The effective fields of two published graphs, declared here as in {@code example/}: ResNet-50
 * (merges of projection and identity shortcuts) and FCN-8s (transposed convolutions, crops, merges
 * of upsampled maps, so profiles with phases), against the brute-force backward pass, unit by unit,
 * on the layers where the structure bites.
 */
class PublishedEffectiveFieldTest {

    @Test
    void resNet50AgreesWithBruteForce() {
        List<LayerSpec> layers = resNet50();
        NetworkInput input = new NetworkInput(3, 224, 224);
        check(input, layers, List.of("res2a", "res3a", "res4f", "res5c", "pool5"), 2);
    }

    @Test
    void fcn8sAgreesWithBruteForceOnEveryPhase() {
        List<LayerSpec> layers = fcn8s();
        NetworkInput input = new NetworkInput(3, 500, 500);
        check(input, layers, List.of("upscore2", "fuse_pool4", "fuse_pool3", "upscore8", "score"), 16);
    }

    private static void check(NetworkInput input, List<LayerSpec> layers, List<String> names, int units) {
        GeometryResult core = GeometryCalculator.compute(input, layers, false);
        assertEquals(layers.size(), core.layers().size(), "the network computes");
        List<LayerField> fields = EffectiveFields.of(core);
        GraphOracle geometry = GraphOracle.run(input, layers);
        EffectiveFieldOracle oracle = new EffectiveFieldOracle(geometry, layers);
        for (String name : names) {
            int i = indexOf(layers, name);
            for (Axis axis : Axis.values()) {
                EffectiveProfile profile = fields.get(i).axis(axis).profile();
                long n = geometry.size(i, axis);
                for (long u = n / 3; u < Math.min(n, n / 3 + units); u++) {
                    TreeMap<Long, Frac> expected = oracle.profile(i, axis, u);
                    assertEquals(normalised(expected), normalised(profile, u), name + " " + axis + " unit " + u);
                }
            }
        }
    }

    private static Map<Long, Frac> normalised(TreeMap<Long, Frac> weights) {
        Frac total = Frac.ZERO;
        for (Frac w : weights.values()) {
            total = total.plus(w);
        }
        Map<Long, Frac> out = new TreeMap<>();
        for (Map.Entry<Long, Frac> e : weights.entrySet()) {
            out.put(e.getKey(), e.getValue().dividedBy(total));
        }
        return out;
    }

    private static Map<Long, Frac> normalised(EffectiveProfile profile, long u) {
        BigInteger[] w = profile.weights(u);
        BigInteger total = BigInteger.ZERO;
        for (BigInteger x : w) {
            total = total.add(x);
        }
        Map<Long, Frac> out = new TreeMap<>();
        for (int i = 0; i < w.length; i++) {
            if (w[i].signum() != 0) {
                out.put(profile.start(u) + i, new Frac(w[i], total));
            }
        }
        return out;
    }

    private static int indexOf(List<LayerSpec> layers, String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static LayerSpec conv(String name, long k, long s, long p) {
        return LayerSpec.conv(name, 8, Window.of(k, s, p));
    }

    /** He et al.'s ResNet-50 as Caffe runs it: bottlenecks, stride on the first 1x1, ceil pooling. */
    static List<LayerSpec> resNet50() {
        List<LayerSpec> l = new ArrayList<>();
        l.add(conv("conv1", 7, 2, 3));
        l.add(LayerSpec.maxPool("pool1", new Window(3, 2, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.CEIL)));
        int last = 1;
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < blocks.length; stage++) {
            for (int b = 0; b < blocks[stage]; b++) {
                String name = "res" + (stage + 2) + (char) ('a' + b);
                long s = b == 0 && stage > 0 ? 2 : 1;
                int shortcut = last;
                if (b == 0) {
                    l.add(conv(name + "_branch1", 1, s, 0).from(last));
                    shortcut = l.size() - 1;
                }
                l.add(conv(name + "_branch2a", 1, s, 0).from(last));
                l.add(conv(name + "_branch2b", 3, 1, 1));
                l.add(conv(name + "_branch2c", 1, 1, 0));
                l.add(LayerSpec.merge(name, LayerKind.ADD, shortcut, l.size() - 1));
                last = l.size() - 1;
            }
        }
        l.add(new LayerSpec("pool5", LayerKind.AVG_POOL, Window.of(7, 1, 0), Window.of(7, 1, 0),
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), 1));
        return l;
    }

    /** Long et al.'s FCN-8s as released (pad 100, ceil pooling, fixed crops computed). */
    static List<LayerSpec> fcn8s() {
        List<LayerSpec> l = new ArrayList<>();
        int[] blocks = {2, 2, 3, 3, 3};
        int pool3 = -1;
        int pool4 = -1;
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b]; c++) {
                l.add(conv("conv" + (b + 1) + "_" + (c + 1), 3, 1, b == 0 && c == 0 ? 100 : 1));
            }
            l.add(LayerSpec.maxPool("pool" + (b + 1), new Window(2, 2, 1, 0, 0, PaddingMode.EXPLICIT, Rounding.CEIL)));
            if (b == 2) {
                pool3 = l.size() - 1;
            } else if (b == 3) {
                pool4 = l.size() - 1;
            }
        }
        l.add(conv("fc6", 7, 1, 0));
        l.add(conv("fc7", 1, 1, 0));
        l.add(conv("score_fr", 1, 1, 0));
        int scoreFr = l.size() - 1;
        l.add(LayerSpec.deconv("upscore2", 8, 4, 2, 0).from(scoreFr));
        int upscore2 = l.size() - 1;
        l.add(conv("score_pool4", 1, 1, 0).from(pool4));
        l.add(LayerSpec.crop("score_pool4c", l.size() - 1, upscore2));
        l.add(LayerSpec.merge("fuse_pool4", LayerKind.ADD, upscore2, l.size() - 1));
        l.add(LayerSpec.deconv("upscore_pool4", 8, 4, 2, 0).from(l.size() - 1));
        int upscorePool4 = l.size() - 1;
        l.add(conv("score_pool3", 1, 1, 0).from(pool3));
        l.add(LayerSpec.crop("score_pool3c", l.size() - 1, upscorePool4));
        l.add(LayerSpec.merge("fuse_pool3", LayerKind.ADD, upscorePool4, l.size() - 1));
        l.add(LayerSpec.deconv("upscore8", 8, 16, 8, 0).from(l.size() - 1));
        l.add(LayerSpec.crop("score", l.size() - 1, LayerSpec.NETWORK_INPUT));
        return l;
    }
}
