package dev.convgeom.importer.onnx;

import java.util.Arrays;

/**
 * The layout operators of shape arithmetic on small constants of any rank, as ONNX defines them:
 * {@code Reshape}, {@code Slice} (any axes, negative steps) and {@code Transpose}. torch.onnx
 * writes the pads of {@code F.pad} (a convolution's {@code padding_mode} {@code reflect},
 * {@code replicate}) this way: the pads, reshaped to pairs, their rows reversed by a Slice of step
 * -1, transposed and flattened into ONNX's order.
 */
final class ConstantTensors {

    private ConstantTensors() {
    }

    /**
     * {@code c} with the dimensions {@code target} (ONNX's 0 copies a dimension, -1 takes the rest).
     *
     * @throws IllegalArgumentException when the element counts cannot match
     */
    static Constant reshape(Constant c, long[] target) {
        long[] dims = target.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0 && i < c.dims().length) {
                dims[i] = c.dims()[i];
            }
            if (dims[i] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("two -1 dimensions in " + Arrays.toString(target));
                }
                free = i;
            } else {
                known *= dims[i];
            }
        }
        int n = c.values().length;
        if (free >= 0 && known > 0 && n % known == 0) {
            dims[free] = n / known;
            known = n;
        }
        if (known != n) {
            throw new IllegalArgumentException("reshapes " + n + " values to " + Arrays.toString(target));
        }
        return new Constant(dims, c.values());
    }

    /**
     * The elements ONNX's Slice keeps: along each of {@code axes} (negative counts from the end),
     * from {@code starts[i]} towards {@code ends[i]} (exclusive) in steps of {@code steps[i]}, the
     * bounds clamped as the operator's definition says for positive and negative steps.
     *
     * @throws IllegalArgumentException for a step of 0 or an axis out of range
     */
    static Constant slice(Constant c, long[] starts, long[] ends, long[] axes, long[] steps) {
        long[] dims = c.dims();
        int rank = dims.length;
        long[][] picks = new long[rank][];
        for (int d = 0; d < rank; d++) {
            picks[d] = range(0, dims[d], 1, dims[d]);
        }
        for (int i = 0; i < starts.length; i++) {
            long axis = axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i];
            long step = steps == null ? 1 : steps[i];
            if (axis < 0 || axis >= rank || step == 0) {
                throw new IllegalArgumentException("a Slice along axis " + axis + " with step " + step
                        + " of a tensor of " + rank + " dimensions");
            }
            picks[(int) axis] = range(starts[i], ends[i], step, dims[(int) axis]);
        }
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = picks[d].length;
        }
        return gatherAll(c, out, index -> {
            long[] from = new long[rank];
            for (int d = 0; d < rank; d++) {
                from[d] = picks[d][(int) index[d]];
            }
            return from;
        });
    }

    /** {@code c} with its axes in the order {@code perm} (none: reversed), as ONNX's Transpose. */
    static Constant transpose(Constant c, long[] perm) {
        int rank = c.dims().length;
        long[] p = perm;
        if (p == null) {
            p = new long[rank];
            for (int d = 0; d < rank; d++) {
                p[d] = rank - 1 - d;
            }
        }
        if (p.length != rank) {
            throw new IllegalArgumentException("perm " + Arrays.toString(p) + " for " + rank + " dimensions");
        }
        long[] q = p;
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = c.dims()[(int) q[d]];
        }
        return gatherAll(c, out, index -> {
            long[] from = new long[rank];
            for (int d = 0; d < rank; d++) {
                from[(int) q[d]] = index[d];
            }
            return from;
        });
    }

    /** The indices a Slice keeps along one axis of {@code size} elements. */
    private static long[] range(long start, long end, long step, long size) {
        long s = start < 0 ? start + size : start;
        long e = end < 0 ? end + size : end;
        if (step > 0) {
            s = Math.max(0, Math.min(size, s));
            e = Math.max(0, Math.min(size, e));
        } else {
            s = Math.max(-1, Math.min(size - 1, s));
            e = Math.max(-1, Math.min(size - 1, e));
        }
        long count = step > 0 ? Math.max(0, (e - s + step - 1) / step) : Math.max(0, (s - e - step - 1) / -step);
        long[] r = new long[(int) count];
        for (int i = 0; i < count; i++) {
            r[i] = s + i * step;
        }
        return r;
    }

    private interface Source {
        long[] of(long[] index);
    }

    /** A tensor of dimensions {@code out} whose element at each index is {@code c}'s at {@code source}. */
    private static Constant gatherAll(Constant c, long[] out, Source source) {
        long[] in = c.dims();
        int n = 1;
        for (long d : out) {
            n *= (int) d;
        }
        double[] v = new double[n];
        long[] index = new long[out.length];
        for (int k = 0; k < n; k++) {
            long rest = k;
            for (int d = out.length - 1; d >= 0; d--) {
                index[d] = rest % out[d];
                rest /= out[d];
            }
            long[] from = source.of(index);
            long flat = 0;
            for (int d = 0; d < in.length; d++) {
                flat = flat * in[d] + from[d];
            }
            v[k] = c.values()[(int) flat];
        }
        return new Constant(out, v);
    }
}
