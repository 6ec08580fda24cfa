package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2-D uniform-weight effective field where merges make it non-separable: a sum of separable
 * terms, one per class of paths from the input to the layer. Every layer but a merge acts on rows
 * and columns separately, so a single path's 2-D profile is the product of its row and column
 * profiles; a merge adds its inputs' terms. Paths with equal row and column profiles (a 1x1
 * convolution changes nothing, so many do) are one term weighing as many paths. The layer's 2-D
 * profile is {@code sum of paths_t * rowProfile_t (x) columnProfile_t}, each profile normalised to
 * weight 1, over the sum of {@code paths_t}; its marginals are {@link EffectiveFields}' profiles.
 */
public final class EffectiveTerms {

    private EffectiveTerms() {
    }

    /**
     * One class of paths.
     *
     * @param paths how many paths have these profiles
     * @param y     their row profile
     * @param x     their column profile
     */
    public record Term(BigInteger paths, EffectiveProfile y, EffectiveProfile x) {
    }

    /**
     * Every computed layer's terms, in layer order; null for a layer with more than
     * {@code maxTerms} terms, for one beyond {@link EffectiveFields}' limits, and for those that
     * read them.
     */
    public static List<List<Term>> of(GeometryResult geometry, int maxTerms) {
        List<List<Term>> all = new ArrayList<>();
        List<Term> input = List.of(new Term(BigInteger.ONE, EffectiveProfile.input(), EffectiveProfile.input()));
        long work = 0;
        for (ComputedLayer layer : geometry.layers()) {
            List<List<Term>> inputs = new ArrayList<>();
            for (int i : layer.inputs()) {
                inputs.add(i == LayerSpec.NETWORK_INPUT ? input : all.get(i));
            }
            if (inputs.contains(null) || !EffectiveFields.withinLimits(layer)) {
                all.add(null);
                continue;
            }
            long words = 1;
            for (List<Term> in : inputs) {
                for (Term t : in) {
                    words = Math.max(words, 1 + t.y().denominator().bitLength() / 64);
                }
            }
            work += EffectiveFields.cost(layer) * words * inputs.get(0).size();
            if (work > EffectiveFields.MAX_NETWORK_WORK) {
                all.add(null);
                continue;
            }
            List<Term> terms = layer.spec().kind().isMerge() ? merged(inputs) : stepped(layer, inputs.get(0));
            all.add(terms.size() > maxTerms ? null : terms);
        }
        return Collections.unmodifiableList(all);
    }

    private static List<Term> stepped(ComputedLayer layer, List<Term> in) {
        Map<List<EffectiveProfile>, BigInteger> terms = new LinkedHashMap<>();
        for (Term t : in) {
            EffectiveProfile y = EffectiveFields.step(layer, Axis.Y, i -> t.y());
            EffectiveProfile x = EffectiveFields.step(layer, Axis.X, i -> t.x());
            terms.merge(List.of(y, x), t.paths(), BigInteger::add);
        }
        return list(terms);
    }

    private static List<Term> merged(List<List<Term>> inputs) {
        Map<List<EffectiveProfile>, BigInteger> terms = new LinkedHashMap<>();
        for (List<Term> in : inputs) {
            for (Term t : in) {
                terms.merge(List.of(t.y(), t.x()), t.paths(), BigInteger::add);
            }
        }
        return list(terms);
    }

    private static List<Term> list(Map<List<EffectiveProfile>, BigInteger> terms) {
        List<Term> out = new ArrayList<>();
        terms.forEach((yx, paths) -> out.add(new Term(paths, yx.get(0), yx.get(1))));
        return List.copyOf(out);
    }
}
