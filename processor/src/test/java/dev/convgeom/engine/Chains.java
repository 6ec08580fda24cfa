package dev.convgeom.engine;

import dev.convgeom.engine.oracle.AxisOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random chains of layers for the property tests: conv, max and average pooling (floor and
 * ceil), fully connected and pointwise layers; non-square kernels, strides, dilations, explicit
 * (also asymmetric), SAME and VALID padding; small inputs of different height and width.
 */
final class Chains {

    private Chains() {
    }

    /** A network input and its layers, printed compactly when jqwik reports a falsified sample. */
    record Chain(NetworkInput input, List<LayerSpec> layers) {

        Chain {
            layers = List.copyOf(layers);
        }

        int inputSize(Axis axis) {
            return Math.toIntExact(input.size(axis));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("input ").append(input.channels()).append('x')
                    .append(input.height()).append('x').append(input.width());
            for (LayerSpec l : layers) {
                b.append("\n  ").append(l.name()).append(' ').append(l.kind());
                if (l.kind().hasWindow()) {
                    b.append(" y[").append(describe(l.y())).append("] x[").append(describe(l.x())).append(']');
                }
                l.out().ifPresent(out -> b.append(" out=").append(out));
            }
            return b.toString();
        }

        private static String describe(Window w) {
            String pad = switch (w.mode()) {
                case EXPLICIT -> "p" + w.padBefore() + "/" + w.padAfter();
                case SAME -> "SAME";
                case VALID -> "VALID";
            };
            return "k" + w.kernel() + " s" + w.stride() + " d" + w.dilation() + " " + pad + " " + w.rounding();
        }
    }

    /** Any chain: some of them have a layer whose window does not fit its input. */
    static Arbitrary<Chain> anyChains() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 60);
        Arbitrary<List<LayerSpec>> layers = layers().list().ofMinSize(1).ofMaxSize(8)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(sizes, sizes, layers)
                .as((h, w, ls) -> new Chain(new NetworkInput(3, h, w), named(ls)));
    }

    /**
     * Chains in which every layer fits: any chain, with each window that would not fit its input
     * (by the oracle's own window enumeration) shrunk to one that does (dilation 1, kernel at most
     * the padded input). SAME padding always fits.
     */
    static Arbitrary<Chain> fittingChains() {
        return anyChains().map(Chains::fit);
    }

    static Chain fit(Chain chain) {
        int ny = chain.inputSize(Axis.Y);
        int nx = chain.inputSize(Axis.X);
        List<LayerSpec> fitted = new ArrayList<>();
        for (LayerSpec l : chain.layers()) {
            LayerSpec f = l;
            if (l.kind().hasWindow()) {
                f = new LayerSpec(l.name(), l.kind(), fit(l.y(), ny), fit(l.x(), nx), l.out(), l.in(), l.groups());
            }
            ny = AxisOracle.place(f, Axis.Y, ny).outputSize();
            nx = AxisOracle.place(f, Axis.X, nx).outputSize();
            fitted.add(f);
        }
        return new Chain(chain.input(), fitted);
    }

    private static Window fit(Window w, int n) {
        if (AxisOracle.place(w, n).outputSize() > 0) {
            return w;
        }
        long pads = w.mode() == PaddingMode.VALID ? 0 : w.padBefore() + w.padAfter();
        Window smaller = ceilDomain(new Window(Math.min(w.kernel(), n + pads), w.stride(), 1, w.padBefore(),
                w.padAfter(), w.mode(), w.rounding()));
        if (AxisOracle.place(smaller, n).outputSize() == 0) {
            throw new AssertionError("could not fit " + w + " on " + n);
        }
        return smaller;
    }

    static Arbitrary<LayerSpec> layers() {
        Arbitrary<LayerSpec> pointwise = Arbitraries.of(LayerKind.RELU, LayerKind.SIGMOID, LayerKind.TANH,
                LayerKind.BATCH_NORM, LayerKind.DROPOUT, LayerKind.LRN, LayerKind.SOFTMAX)
                .map(kind -> LayerSpec.pointwise("?", kind));
        Arbitrary<LayerSpec> fullyConnected = Arbitraries.integers().between(1, 1000)
                .map(out -> new LayerSpec("?", LayerKind.FULLY_CONNECTED, null, null,
                        OptionalLong.of(out), OptionalLong.empty(), 1));
        return Arbitraries.frequencyOf(
                Tuple.of(5, windowLayers(LayerKind.CONV)),
                Tuple.of(2, windowLayers(LayerKind.MAX_POOL)),
                Tuple.of(2, windowLayers(LayerKind.AVG_POOL)),
                Tuple.of(1, fullyConnected),
                Tuple.of(2, pointwise));
    }

    private static Arbitrary<LayerSpec> windowLayers(LayerKind kind) {
        Arbitrary<Boolean> square = Arbitraries.of(true, false);
        Arbitrary<Integer> out = Arbitraries.integers().between(1, 512);
        return Combinators.combine(windows(), windows(), square, out).as((y, x, sq, o) -> new LayerSpec("?", kind,
                y, sq ? y : x, kind == LayerKind.CONV ? OptionalLong.of(o) : OptionalLong.empty(),
                OptionalLong.empty(), 1));
    }

    static Arbitrary<Window> windows() {
        Arbitrary<Integer> kernel = Arbitraries.integers().between(1, 7);
        Arbitrary<Integer> stride = Arbitraries.frequency(Tuple.of(5, 1), Tuple.of(4, 2), Tuple.of(2, 3), Tuple.of(1, 4));
        Arbitrary<Integer> dilation = Arbitraries.frequency(Tuple.of(6, 1), Tuple.of(2, 2), Tuple.of(1, 3));
        Arbitrary<PaddingMode> mode = Arbitraries.frequency(
                Tuple.of(6, PaddingMode.EXPLICIT), Tuple.of(2, PaddingMode.SAME), Tuple.of(1, PaddingMode.VALID));
        Arbitrary<Integer> pad = Arbitraries.integers().between(0, 4);
        Arbitrary<Boolean> symmetric = Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false));
        Arbitrary<Rounding> rounding = Arbitraries.frequency(Tuple.of(3, Rounding.FLOOR), Tuple.of(2, Rounding.CEIL));
        return Combinators.combine(kernel, stride, dilation, mode, pad, pad, symmetric, rounding)
                .as((k, s, d, m, pb, pa, sym, r) -> ceilDomain(new Window(k, s, d, pb, sym ? pb : pa, m, r)));
    }

    /**
     * Rounding up is only well defined while the trailing padding is shorter than the dilated
     * kernel ({@code pa < ke}), so that no whole window fits in the trailing padding: PyTorch
     * requires {@code p <= k / 2} for pooling, the processor's validation does too, and SAME never
     * pads that much. Within it, "the floor windows plus a last partial one that does not start in
     * the trailing padding", PyTorch's formula (one decrement) and the oracle's enumeration agree.
     * Beyond it they do not (n = 1, k = 1, s = 1, p = 2: floor gives 5 windows, PyTorch's formula and
     * the core 4, "no window starts in the trailing padding" 3), so an explicit window that rounds
     * up gets its trailing padding clamped to {@code ke - 1}.
     */
    static Window ceilDomain(Window w) {
        long ke = w.dilation() * (w.kernel() - 1) + 1;
        if (w.rounding() != Rounding.CEIL || w.mode() != PaddingMode.EXPLICIT || w.padAfter() < ke) {
            return w;
        }
        return new Window(w.kernel(), w.stride(), w.dilation(), w.padBefore(), ke - 1, w.mode(), w.rounding());
    }

    private static List<LayerSpec> named(List<LayerSpec> layers) {
        List<LayerSpec> named = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            named.add(new LayerSpec("l" + i, l.kind(), l.y(), l.x(), l.out(), l.in(), l.groups()));
        }
        return named;
    }
}
