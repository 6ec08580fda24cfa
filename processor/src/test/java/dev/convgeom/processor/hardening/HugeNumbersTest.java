package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Sizes, kernels, strides, dilations, paddings and channels up to {@code Integer.MAX_VALUE}, and
 * fully connected {@code in} values against channel products {@code C*H*W} beyond {@code int} and
 * {@code long}, through the whole processor. A reference in {@link BigInteger} says, layer by
 * layer, what must happen: the model is generated with exactly the reference's numbers in the
 * manifest and in the generated class (which must compile under {@code -Xlint:all -Werror} and
 * initialize), or it gets exactly the located errors the reference predicts (KERNEL_TOO_LARGE,
 * NUMBER_TOO_LARGE at the first layer that leaves the range; FC_IN_MISMATCH naming the exact
 * product) and nothing is generated. A wrapped number shows up as a difference from the reference.
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class HugeNumbersTest {

    static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    /** One axis of a window as written: kernel, stride, dilation, padding (each side), mode, ceil. */
    record Axis(int k, int s, int d, int p) {
    }

    /**
     * A layer: kind "Conv", "MaxPool", "AvgPool", "FullyConnected" or "Relu"; per-axis windows;
     * out (0: not written); in for fully connected (null: not written); padding mode; ceil.
     */
    record Layer(String kind, Axis y, Axis x, int out, BigInteger in, String mode, boolean ceil) {
        boolean window() {
            return kind.equals("Conv") || kind.endsWith("Pool");
        }
    }

    record Net(int channels, int height, int width, List<Layer> layers) {
        @Override
        public String toString() {
            return source("Net");
        }

        String source(String name) {
            StringBuilder b = new StringBuilder("package huge;\nimport dev.convgeom.*;\n")
                    .append("@Network(input = @Input(channels = ").append(channels).append(", height = ")
                    .append(height).append(", width = ").append(width).append("))\n")
                    .append("public class ").append(name).append(" {\n");
            for (int i = 0; i < layers.size(); i++) {
                b.append("    ").append(annotation(layers.get(i))).append(" Object l").append(i).append(";\n");
            }
            return b.append("}\n").toString();
        }

        private static String annotation(Layer l) {
            List<String> a = new ArrayList<>();
            switch (l.kind()) {
                case "Relu" -> {
                    return "@Relu";
                }
                case "FullyConnected" -> {
                    a.add("out = " + l.out());
                    if (l.in() != null) {
                        a.add("in = " + l.in());
                    }
                }
                default -> {
                    if (l.kind().equals("Conv") && l.out() > 0) {
                        a.add("out = " + l.out());
                    }
                    a.add("kh = " + l.y().k());
                    a.add("kw = " + l.x().k());
                    a.add("sh = " + l.y().s());
                    a.add("sw = " + l.x().s());
                    if (l.kind().equals("Conv")) {
                        a.add("dh = " + l.y().d());
                        a.add("dw = " + l.x().d());
                    }
                    if (l.mode().equals("EXPLICIT")) {
                        a.add("ph = " + l.y().p());
                        a.add("pw = " + l.x().p());
                    } else {
                        a.add("padding = Padding." + l.mode());
                    }
                    if (!l.kind().equals("Conv")) {
                        a.add("ceil = " + l.ceil());
                    }
                }
            }
            return "@" + l.kind() + "(" + String.join(", ", a) + ")";
        }
    }

    /** Small, near 2^31 - 1, around sqrt(2^31) and 2^31 / 3, or anything. */
    private static Arbitrary<Integer> ints(int min, int smallWeight) {
        return Arbitraries.frequencyOf(
                Tuple.of(smallWeight, Arbitraries.integers().between(min, 4)),
                Tuple.of(3, Arbitraries.integers().between(Integer.MAX_VALUE - 3, Integer.MAX_VALUE)),
                Tuple.of(1, Arbitraries.of(46340, 46341, 65536, 715827882, 715827883, 1 << 30)),
                Tuple.of(1, Arbitraries.integers().between(min, Integer.MAX_VALUE)));
    }

    private static Arbitrary<Axis> axes(boolean pooling) {
        return Combinators.combine(ints(1, 40), ints(1, 4), pooling ? Arbitraries.just(1) : ints(1, 40), ints(0, 4))
                .as((k, s, d, p) -> new Axis(k, s, d, pooling ? Math.min(p, k / 2) : p));
    }

    private static Arbitrary<Layer> layers() {
        Arbitrary<String> mode = Arbitraries.of("EXPLICIT", "EXPLICIT", "SAME", "VALID");
        Arbitrary<Boolean> square = Arbitraries.of(true, false);
        Arbitrary<Layer> conv = Combinators.combine(axes(false), axes(false), square, ints(0, 4), mode)
                .as((y, x, sq, out, m) -> new Layer("Conv", y, sq ? y : x, out, null, m, false));
        Arbitrary<Layer> pool = Combinators.combine(Arbitraries.of("MaxPool", "AvgPool"), axes(true), axes(true),
                        square, mode, Arbitraries.of(true, false))
                .as((kind, y, x, sq, m, ceil) -> new Layer(kind, y, sq ? y : x, 0, null, m, ceil));
        // in: fixed up against the exact product once the chain is known (see net()).
        Arbitrary<Layer> fc = Combinators.combine(ints(1, 4), Arbitraries.integers().between(0, 3))
                .as((out, in) -> new Layer("FullyConnected", null, null, out, BigInteger.valueOf(in), "", false));
        return Arbitraries.frequencyOf(Tuple.of(5, conv), Tuple.of(3, pool), Tuple.of(2, fc),
                Tuple.of(1, Arbitraries.just(new Layer("Relu", null, null, 0, null, "", false))));
    }

    @Provide
    Arbitrary<List<Net>> nets() {
        Arbitrary<Net> net = Combinators.combine(ints(1, 4), ints(1, 6), ints(1, 6), layers().list().ofMinSize(1)
                        .ofMaxSize(5))
                .as((c, h, w, ls) -> fixFullyConnectedIn(new Net(c, h, w, ls)));
        return net.list().ofMinSize(1).ofMaxSize(5);
    }

    /**
     * A fully connected layer's drawn {@code in} 0..3 becomes: not written, the exact product
     * C*H*W of its input (often beyond int, so not writable: then its low 31 bits, a wrapped
     * value the processor must refuse), the product plus one, or {@code Integer.MAX_VALUE}.
     */
    private static Net fixFullyConnectedIn(Net net) {
        List<Layer> fixed = new ArrayList<>();
        List<Layer> prefix = new ArrayList<>();
        for (Layer l : net.layers()) {
            Layer f = l;
            if (l.kind().equals("FullyConnected")) {
                Reference.Outcome before = Reference.run(new Net(net.channels(), net.height(), net.width(), prefix));
                BigInteger product = before.product();
                BigInteger in = switch (l.in().intValue()) {
                    case 0 -> null;
                    case 1 -> product == null ? INT_MAX : product.min(INT_MAX).equals(product) ? product
                            : product.and(INT_MAX);
                    case 2 -> product == null ? BigInteger.ONE : product.add(BigInteger.ONE).min(INT_MAX);
                    default -> INT_MAX;
                };
                f = new Layer(l.kind(), null, null, l.out(), in != null && in.signum() == 0 ? BigInteger.ONE : in,
                        "", false);
            }
            fixed.add(f);
            prefix.add(f);
        }
        return new Net(net.channels(), net.height(), net.width(), fixed);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void exactOrALocatedError(@ForAll("nets") List<Net> nets) {
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            sources.add(HardeningCompiler.source("huge.Net" + i, nets.get(i).source("Net" + i)));
        }
        HardeningCompiler.Result result = HardeningCompiler.compile(sources);
        assertTrue(result.thrown() == null, () -> "javac threw: " + result.thrown());
        for (Diagnostic<? extends JavaFileObject> d : result.diagnostics()) {
            String m = d.getMessage(Locale.ROOT);
            assertTrue(!m.contains(HardeningCompiler.UNCAUGHT) && !m.contains(HardeningCompiler.INTERNAL_ERROR),
                    () -> m + "\n" + nets);
        }
        boolean anyValid = false;
        for (int i = 0; i < nets.size(); i++) {
            Net net = nets.get(i);
            Reference.Outcome expected = Reference.run(net);
            String name = "huge.Net" + i;
            Set<String> actual = new TreeSet<>();
            for (Diagnostic<? extends JavaFileObject> d : result.errors()) {
                if (d.getSource() != null && d.getSource().getName().endsWith("Net" + i + ".java")) {
                    actual.add(errorKey(d));
                }
            }
            String context = "\n" + net.source("Net" + i) + "\nexpected " + expected + "\n"
                    + result.describeDiagnostics();
            assertEquals(expected.errors(), actual, context);
            Statistics.label("outcome").collect(expected.errors().isEmpty() ? "exact"
                    : String.join(" ", new TreeSet<>(expected.errors().stream().map(e -> e.replaceAll(" .*", ""))
                            .toList())));
            if (expected.errors().isEmpty()) {
                anyValid = true;
                String manifest = result.manifest(name).orElseThrow(() -> new AssertionError("no manifest" + context));
                assertEquals(expected.manifestNumbers(), manifestNumbers(manifest), context);
            } else {
                assertTrue(result.manifest(name).isEmpty() && result.source(name + "Geometry").isEmpty(), context);
            }
        }
        if (anyValid) {
            HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(result);
            assertTrue(strict.success() && strict.diagnostics().isEmpty(),
                    () -> strict.describeDiagnostics() + "\n" + nets);
            ClassLoader loader = HardeningCompiler.loader(strict);
            for (int i = 0; i < nets.size(); i++) {
                Reference.Outcome expected = Reference.run(nets.get(i));
                if (expected.errors().isEmpty()) {
                    assertEquals(expected.codeNumbers(), generatedNumbers(loader, "huge.Net" + i + "Geometry"),
                            nets.get(i).toString());
                }
            }
        }
    }

    /**
     * Found by the property (and fixed on main in a828a8f): strides multiply over maps of one
     * unit, so the jump passed the int range while sizes and fields still fit, and the generated
     * {@code receptiveField(x, y)} held it as an int literal, which does not compile. Now refused.
     */
    @Example
    void jumpBeyondIntAfterOneUnitMaps() {
        Net net = new Net(1, 1, 1, List.of(
                new Layer("Conv", new Axis(1, 2, 1, 0), new Axis(1, 2, 1, 0), 0, null, "EXPLICIT", false),
                new Layer("Conv", new Axis(1, 1, 1, 0), new Axis(1, Integer.MAX_VALUE - 1, 1, 0), 178, null, "SAME",
                        false)));
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("huge.Net0",
                net.source("Net0"))));
        assertEquals(List.of("layer 'l1': its width jump is too large to represent (4294967292 > 2147483647); use"
                        + " smaller sizes [convgeom:number-too-large]"),
                result.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList());
        assertEquals(6, result.errors().get(0).getLineNumber());
        assertEquals(Set.of("number-too-large l1"), Reference.run(net).errors());
        assertTrue(result.sources().isEmpty() && result.resources().isEmpty());
    }

    /**
     * Found by the property: a field from -2147483644 to 2147483644 has both ends in the int range
     * but its size, 4294967289, not: the manifest said so, the generated rfWidth() said -7.
     */
    @Example
    void fieldWiderThanIntIsNumberTooLarge() {
        Net net = new Net(1, 1, 1, List.of(new Layer("Conv", new Axis(1, 1, 1, 0),
                new Axis(3, 1, Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 3), 0, null, "EXPLICIT", false)));
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("huge.Net0",
                net.source("Net0"))));
        assertEquals(List.of("layer 'l0': its receptive field is too large to represent (its width is 4294967289"
                        + " input columns > 2147483647); use smaller sizes [convgeom:number-too-large]"),
                result.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList());
        assertEquals(5, result.errors().get(0).getLineNumber());
        assertTrue(result.sources().isEmpty() && result.resources().isEmpty());
    }

    /**
     * Found by the property after graphs made jumps and centres exact {@code Ratio} literals: padding
     * 2147483644 on a 1x1 input puts unit 0's centre at -4294967287/2, whose numerator is no int
     * while every field bound is; the literal needs an {@code L}, or the generated class does not
     * compile.
     */
    @Example
    void centreNumeratorBeyondIntStillCompiles() {
        Net net = new Net(1, 1, 1, List.of(new Layer("Conv", new Axis(2, 2, 1, Integer.MAX_VALUE - 3),
                new Axis(2, 2, 1, Integer.MAX_VALUE - 3), 0, null, "EXPLICIT", false)));
        HardeningCompiler.Result result = HardeningCompiler.compile(List.of(HardeningCompiler.source("huge.Net0",
                net.source("Net0"))));
        assertEquals(List.of(), result.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList());
        HardeningCompiler.Result strict = HardeningCompiler.compileGeneratedStrictly(result);
        assertTrue(strict.success() && strict.diagnostics().isEmpty(), strict::describeDiagnostics);
    }

    /** {@code kernel-too-large l3}: the error's tag and the layer whose line it is on. */
    private static String errorKey(Diagnostic<? extends JavaFileObject> d) {
        String m = d.getMessage(Locale.ROOT);
        Matcher tag = Pattern.compile("\\[convgeom:([a-z-]+)]$").matcher(m);
        String line = HardeningCompiler.text(d.getSource()).split("\n", -1)[(int) d.getLineNumber() - 1];
        Matcher layer = Pattern.compile("Object (l\\d+);").matcher(line);
        String key = (tag.find() ? tag.group(1) : "javac: " + m) + " " + (layer.find() ? layer.group(1) : "line "
                + d.getLineNumber());
        Matcher values = Pattern.compile("its input is \\S+ = (\\d+) values").matcher(m);
        return values.find() ? key + " " + values.group(1) : key;
    }

    private static final Pattern LAYER_NUMBERS = Pattern.compile(
            "\"output\": \\{\"channels\": (null|-?\\d+), \"height\": (-?\\d+), \"width\": (-?\\d+)},\\s*"
                    + "\"rf\": \\{\"height\": (-?\\d+), \"width\": (-?\\d+)},\\s*"
                    + "\"jump\": \\{\"y\": (-?[\\d.]+), \"x\": (-?[\\d.]+)},\\s*"
                    + "\"center\": \\{\"y\": (\\S+), \"x\": (\\S+)},\\s*"
                    + "\"field\": \\{\"top\": (-?\\d+), \"left\": (-?\\d+), "
                    + "\"bottom\": (-?\\d+), \"right\": (-?\\d+)}");

    /** Per layer: channels, height, width, rf, jump, centre and field, as the manifest writes them. */
    private static List<String> manifestNumbers(String manifest) {
        List<String> numbers = new ArrayList<>();
        Matcher m = LAYER_NUMBERS.matcher(manifest);
        while (m.find()) {
            List<String> groups = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.add(m.group(g).replaceAll(",$", ""));
            }
            numbers.add(String.join(" ", groups));
        }
        return numbers;
    }

    /** The same numbers from the generated class's constants, at run time. */
    private static List<String> generatedNumbers(ClassLoader loader, String className) {
        try {
            @SuppressWarnings("unchecked")
            List<LayerGeometry> layers = (List<LayerGeometry>) Class.forName(className, true, loader)
                    .getMethod("layers").invoke(null);
            List<String> numbers = new ArrayList<>();
            for (LayerGeometry l : layers) {
                AxisGeometry y = l.y();
                AxisGeometry x = l.x();
                numbers.add(String.join(" ", l.output().channels() < 0 ? "null" : "" + l.output().channels(),
                        "" + l.output().height(), "" + l.output().width(), "" + y.rf(), "" + x.rf(),
                        Reference.jump(y.jump()), Reference.jump(x.jump()), "" + y.center(), "" + x.center(),
                        "" + y.lo(), "" + x.lo(), "" + y.hi(), "" + x.hi()));
            }
            return numbers;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className, e);
        }
    }

    /** The expected outcome in unbounded integers, following the processor's rules (geometry.md). */
    static final class Reference {

        /**
         * @param manifestNumbers per layer, as the manifest must write them
         * @param codeNumbers     the same as generated code holds them (jumps as doubles)
         */
        record Outcome(Set<String> errors, List<String> manifestNumbers, List<String> codeNumbers,
                       BigInteger product) {
            @Override
            public String toString() {
                return errors.isEmpty() ? manifestNumbers.toString() : errors.toString();
            }
        }

        /** One axis: size, jump, first and last input pixel of unit 0's field. */
        private record State(BigInteger n, BigInteger jump, BigInteger lo, BigInteger hi) {
        }

        /** A double jump as an integer (exact: jumps are ints). */
        static String jump(double jump) {
            return new java.math.BigDecimal(jump).toBigInteger().toString();
        }

        private static String jump(BigInteger exact) {
            return jump(exact.doubleValue());
        }

        static Outcome run(Net net) {
            Set<String> errors = new TreeSet<>();
            List<String> numbers = new ArrayList<>();
            List<String> code = new ArrayList<>();
            State y = new State(BigInteger.valueOf(net.height()), BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
            State x = new State(BigInteger.valueOf(net.width()), BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
            BigInteger channels = BigInteger.valueOf(net.channels());
            for (int i = 0; i < net.layers().size(); i++) {
                Layer l = net.layers().get(i);
                String at = " l" + i;
                State ny;
                State nx;
                switch (l.kind()) {
                    case "Relu" -> {
                        ny = y;
                        nx = x;
                    }
                    case "FullyConnected" -> {
                        if (channels != null && l.in() != null) {
                            BigInteger product = channels.multiply(y.n()).multiply(x.n());
                            if (!product.equals(l.in())) {
                                errors.add("fc-in-mismatch" + at + " " + product);
                            }
                        }
                        ny = slide(y, y.n(), BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, "EXPLICIT", false);
                        nx = slide(x, x.n(), BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, "EXPLICIT", false);
                        channels = BigInteger.valueOf(l.out());
                    }
                    default -> {
                        ny = slide(y, l.y(), l);
                        nx = slide(x, l.x(), l);
                        if (ny == null || nx == null) {
                            errors.add("kernel-too-large" + at);
                            return new Outcome(errors, List.of(), List.of(), null);
                        }
                        if (l.kind().equals("Conv")) {
                            channels = l.out() > 0 ? BigInteger.valueOf(l.out()) : null;
                        }
                    }
                }
                if (!fits(ny) || !fits(nx)) {
                    errors.add("number-too-large" + at);
                    return new Outcome(errors, List.of(), List.of(), null);
                }
                y = ny;
                x = nx;
                String c = channels == null ? "null" : channels.toString();
                String tail = String.join(" ", center(y), center(x), y.lo().toString(), x.lo().toString(),
                        y.hi().toString(), x.hi().toString());
                numbers.add(String.join(" ", c, y.n().toString(), x.n().toString(), rf(y), rf(x),
                        y.jump().toString(), x.jump().toString(), tail));
                code.add(String.join(" ", c, y.n().toString(), x.n().toString(), rf(y), rf(x), jump(y.jump()),
                        jump(x.jump()), tail));
            }
            BigInteger product = channels == null ? null : channels.multiply(y.n()).multiply(x.n());
            boolean ok = errors.isEmpty();
            return new Outcome(errors, ok ? numbers : List.of(), ok ? code : List.of(), product);
        }

        /** What generated code can hold: int sizes, pixel coordinates, field sizes and jumps. */
        private static boolean fits(State s) {
            BigInteger lastHi = s.hi().add(s.jump().multiply(s.n().subtract(BigInteger.ONE)));
            BigInteger rf = s.hi().subtract(s.lo()).add(BigInteger.ONE);
            return s.n().compareTo(INT_MAX) <= 0 && s.lo().compareTo(INT_MAX.negate()) >= 0
                    && lastHi.compareTo(INT_MAX) <= 0 && rf.compareTo(INT_MAX) <= 0
                    && s.jump().compareTo(INT_MAX) <= 0;
        }

        private static State slide(State in, Axis a, Layer l) {
            return slide(in, BigInteger.valueOf(a.k()), BigInteger.valueOf(a.s()), BigInteger.valueOf(a.d()),
                    BigInteger.valueOf(a.p()), l.mode(), l.ceil());
        }

        /** geometry.md's window step; null when no window fits. */
        private static State slide(State in, BigInteger k, BigInteger s, BigInteger d, BigInteger p, String mode,
                                   boolean ceil) {
            BigInteger n = in.n();
            BigInteger ke = d.multiply(k.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            BigInteger pb;
            BigInteger pa;
            switch (mode) {
                case "SAME" -> {
                    BigInteger out = ceilDiv(n, s);
                    BigInteger total = out.subtract(BigInteger.ONE).multiply(s).add(ke).subtract(n)
                            .max(BigInteger.ZERO);
                    pb = total.shiftRight(1);
                    pa = total.subtract(pb);
                }
                case "VALID" -> {
                    pb = BigInteger.ZERO;
                    pa = BigInteger.ZERO;
                }
                default -> {
                    pb = p;
                    pa = p;
                }
            }
            BigInteger span = n.add(pb).add(pa).subtract(ke);
            if (span.signum() < 0) {
                return null;
            }
            BigInteger out;
            if (ceil) {
                out = ceilDiv(span, s).add(BigInteger.ONE);
                if (out.subtract(BigInteger.ONE).multiply(s).compareTo(n.add(pb)) >= 0) {
                    out = out.subtract(BigInteger.ONE);
                }
            } else {
                out = span.divide(s).add(BigInteger.ONE);
            }
            BigInteger lo = in.lo().subtract(pb.multiply(in.jump()));
            BigInteger hi = in.hi().add(ke.subtract(BigInteger.ONE).subtract(pb).multiply(in.jump()));
            return new State(out, in.jump().multiply(s), lo, hi);
        }

        private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
            return a.add(b).subtract(BigInteger.ONE).divide(b);
        }

        private static String rf(State s) {
            return s.hi().subtract(s.lo()).add(BigInteger.ONE).toString();
        }

        /** The centre (lo + hi) / 2, as the manifest writes it: a double. */
        private static String center(State s) {
            return Double.toString(new java.math.BigDecimal(s.lo().add(s.hi())).divide(java.math.BigDecimal.valueOf(2))
                    .doubleValue());
        }
    }
}
