package dev.convgeom.importer.onnx;

import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.proto.OnnxProto.AttributeProto;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Shape arithmetic evaluated at import: {@code Shape}, {@code Gather}, {@code Slice},
 * {@code Concat}, {@code Unsqueeze}, arithmetic (with {@code Mod}) and casts on small constants. Exporters compute a
 * {@code Resize}'s target size or a {@code Reshape}'s shape this way from the input's size; once
 * the input size is fixed the result is an exact constant.
 */
final class Folding {

    private Folding() {
    }

    /**
     * The constant {@code node} computes.
     *
     * @param inputs a tensor's constant, or for a feature map its shape as {@code long[]}
     */
    static Constant evaluate(NodeProto node, Function<String, Object> inputs, int opset) throws ImportException {
        String op = node.getOpType();
        List<Constant> in = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            String name = node.getInput(i);
            Object v = name.isEmpty() ? null : inputs.apply(name);
            if (op.equals("Shape") && i == 0 && v instanceof long[] shape) {
                in.add(Constant.vector(Arrays.stream(shape).asDoubleStream().toArray()));
            } else if (v instanceof Constant c) {
                in.add(c);
            } else {
                in.add(null);
            }
        }
        Constant first = in.isEmpty() ? null : in.get(0);
        if (op.equals("Identity") && first != null) {
            return first;   // exporters alias shared weights this way: the dimensions carry over
        }
        if (first == null || (first.values() == null && !op.equals("Shape") && !op.equals("ConstantOfShape"))) {
            if (first != null && op.equals("Shape")) {
                return Constant.vector(Arrays.stream(first.dims()).asDoubleStream().toArray());
            }
            throw fail(node, "shape arithmetic on a tensor whose values are not known at import");
        }
        double[] a = first.values();
        return switch (op) {
            case "Shape" -> {
                double[] dims = a != null && isShapeVector(node, inputs) ? a
                        : Arrays.stream(first.dims()).asDoubleStream().toArray();
                long start = attribute(node, "start", 0);
                long end = attribute(node, "end", dims.length);
                yield Constant.vector(Arrays.copyOfRange(dims, (int) clamp(start, dims.length),
                        (int) clamp(end, dims.length)));
            }
            case "Reshape" -> {
                Constant target = in.size() > 1 ? in.get(1) : null;
                if (target == null || target.values() == null) {
                    yield first;   // opset 1-4: the shape is an attribute; the values stay in order
                }
                try {
                    yield ConstantTensors.reshape(first, longs(target.values()));
                } catch (IllegalArgumentException e) {
                    throw fail(node, e.getMessage() + " in shape arithmetic");
                }
            }
            case "Transpose" -> {
                AttributeProto perm = attributeProto(node, "perm");
                try {
                    yield ConstantTensors.transpose(first,
                            perm == null ? null : perm.getIntsList().stream().mapToLong(Long::longValue).toArray());
                } catch (IllegalArgumentException e) {
                    throw fail(node, e.getMessage() + " in shape arithmetic");
                }
            }
            case "Identity", "Cast", "Unsqueeze", "Squeeze" -> {
                if (op.equals("Cast") && isIntegerCast(node)) {
                    yield map(first, v -> (double) (long) v);
                }
                yield first;
            }
            case "Floor" -> map(first, Math::floor);
            case "Ceil" -> map(first, Math::ceil);
            case "Neg" -> map(first, v -> -v);
            case "Sqrt" -> map(first, Math::sqrt);
            case "Add", "Sub", "Mul", "Div", "Max", "Min", "Mod" -> binary(node, first, known(node, in, 1));
            case "Gather" -> gather(node, first, known(node, in, 1));
            case "Concat" -> {
                List<Double> all = new ArrayList<>();
                for (int i = 0; i < in.size(); i++) {
                    for (double v : known(node, in, i).values()) {
                        all.add(v);
                    }
                }
                yield Constant.vector(all.stream().mapToDouble(Double::doubleValue).toArray());
            }
            case "Slice" -> slice(node, first, in, opset);
            case "ConstantOfShape" -> {
                long n = 1;
                for (double d : a) {
                    n *= (long) d;
                }
                if (n > Constant.MAX_VALUES) {
                    throw fail(node, "a constant of " + n + " elements");
                }
                AttributeProto value = attributeProto(node, "value");
                double fill = value == null ? 0 : Constant.of(value.getT()).values()[0];
                double[] v = new double[(int) n];
                Arrays.fill(v, fill);
                yield new Constant(Arrays.stream(a).mapToLong(d -> (long) d).toArray(), v);
            }
            default -> throw fail(node, "operator on constants unknown to convgeom-import's shape arithmetic");
        };
    }

    private static boolean isShapeVector(NodeProto node, Function<String, Object> inputs) {
        return inputs.apply(node.getInput(0)) instanceof long[];
    }

    private static boolean isIntegerCast(NodeProto node) {
        long to = attribute(node, "to", 1);
        return to != 1 && to != 10 && to != 11 && to != 16;
    }

    private static long clamp(long index, int length) {
        long i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    private static Constant known(NodeProto node, List<Constant> in, int index) throws ImportException {
        Constant c = index < in.size() ? in.get(index) : null;
        if (c == null || c.values() == null) {
            throw fail(node, "shape arithmetic on a tensor whose values are not known at import");
        }
        return c;
    }

    private static Constant map(Constant c, java.util.function.DoubleUnaryOperator f) {
        return new Constant(c.dims(), Arrays.stream(c.values()).map(f).toArray());
    }

    private static Constant binary(NodeProto node, Constant a, Constant b) throws ImportException {
        double[] x = a.values();
        double[] y = b.values();
        int n = Math.max(x.length, y.length);
        if (!(x.length == y.length || x.length == 1 || y.length == 1)) {
            throw fail(node, "shape arithmetic on " + x.length + " and " + y.length + " values");
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double p = x[x.length == 1 ? 0 : i];
            double q = y[y.length == 1 ? 0 : i];
            r[i] = switch (node.getOpType()) {
                case "Add" -> p + q;
                case "Sub" -> p - q;
                case "Mul" -> p * q;
                case "Div" -> p / q;
                case "Max" -> Math.max(p, q);
                case "Mod" -> mod(node, p, q);
                default -> Math.min(p, q);
            };
        }
        long[] dims = x.length >= y.length ? a.dims() : b.dims();
        return new Constant(dims, r);
    }

    /**
     * ONNX's Mod: with {@code fmod = 0} (integers, what torch writes for {@code %}) the remainder
     * takes the divisor's sign, as Python's; with {@code fmod = 1} the dividend's, as C's fmod.
     * Window models compute their padding this way ({@code (window - size % window) % window}).
     */
    private static double mod(NodeProto node, double p, double q) throws ImportException {
        if (q == 0) {
            throw fail(node, "a Mod by zero in shape arithmetic");
        }
        double r = p % q;
        return attribute(node, "fmod", 0) == 1 || r == 0 || (r < 0) == (q < 0) ? r : r + q;
    }

    private static Constant gather(NodeProto node, Constant data, Constant indices) throws ImportException {
        if (data.dims().length > 1 || attribute(node, "axis", 0) != 0) {
            throw fail(node, "a Gather on a tensor of " + data.dims().length + " dimensions in shape arithmetic");
        }
        double[] v = data.values();
        double[] r = new double[indices.values().length];
        for (int i = 0; i < r.length; i++) {
            long at = (long) indices.values()[i];
            r[i] = v[(int) (at < 0 ? at + v.length : at)];
        }
        return new Constant(indices.dims(), r);
    }

    private static Constant slice(NodeProto node, Constant data, List<Constant> in, int opset) throws ImportException {
        long[] starts;
        long[] ends;
        long[] axes = null;
        long[] steps = null;
        if (opset < 10) {
            starts = ints(node, "starts");
            ends = ints(node, "ends");
            AttributeProto a = attributeProto(node, "axes");
            axes = a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        } else {
            starts = longs(known(node, in, 1).values());
            ends = longs(known(node, in, 2).values());
            if (in.size() > 3 && in.get(3) != null) {
                axes = longs(known(node, in, 3).values());
            }
            if (in.size() > 4 && in.get(4) != null) {
                steps = longs(known(node, in, 4).values());
            }
        }
        try {
            return ConstantTensors.slice(data, starts, ends, axes, steps);
        } catch (IllegalArgumentException e) {
            throw fail(node, e.getMessage() + " in shape arithmetic");
        }
    }

    private static long[] longs(double[] values) {
        return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
    }

    private static long[] ints(NodeProto node, String name) throws ImportException {
        AttributeProto a = attributeProto(node, name);
        if (a == null || a.getIntsCount() == 0) {
            throw fail(node, "no " + name);
        }
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static AttributeProto attributeProto(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static long attribute(NodeProto node, String name, long byDefault) {
        AttributeProto a = attributeProto(node, name);
        return a == null ? byDefault : a.getI();
    }

    private static ImportException fail(NodeProto node, String reason) {
        return ImportException.at(node.getName(), node.getOpType(), reason);
    }
}
