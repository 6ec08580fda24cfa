package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.AxisWindow;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;

/**
 * The layers that slide a window over the rows and columns: {@code Conv}, {@code ConvTranspose},
 * {@code MaxPool}, {@code AveragePool} and the global poolings. One class because they share the
 * reading of {@code kernel_shape}, {@code strides}, {@code dilations}, {@code pads} and
 * {@code auto_pad}, and the operator's output-size rule.
 */
final class WindowNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    WindowNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Conv}: one {@code @Conv}, its channels from the weight's dimensions. */
    void conv(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        long[] w = known(node, 1, "the weight W").dims();
        if (w.length != 4) {
            throw fail(node, "weight of " + w.length + " dimensions; convgeom imports 2-D convolutions");
        }
        int groups = toInt(node, integer(node, "group", 1), "group");
        int c = x.shape().channels();
        if (groups < 1 || c % groups != 0 || w[1] * groups != c) {
            throw fail(node, "the weight " + Arrays.toString(w) + " with group " + groups + " does not take " + c
                    + " input channels");
        }
        int out = toInt(node, w[0], "output channels");
        int[] k = pair(node, "kernel_shape", 0, new long[] {w[2], w[3]});
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        int[] p = pads(node, x.shape(), k, s, d);
        windowLayer(node, x, LayerKind.CONV, k, s, d, p, false, c, out, groups);
    }

    /** A {@code MaxPool} or {@code AveragePool}: one {@code @MaxPool} or {@code @AvgPool}. */
    void pool(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            throw fail(node, "the Indices output is not a feature map; not supported");
        }
        long[] kernel = ints(node, "kernel_shape");
        if (kernel.length == 0) {
            throw fail(node, "no kernel_shape");
        }
        int[] k = pair(node, "kernel_shape", 0, null);
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        boolean ceil = integer(node, "ceil_mode", 0) != 0;
        int[] p = pads(node, x.shape(), k, s, d);
        LayerKind kind = node.getOpType().equals("MaxPool") ? LayerKind.MAX_POOL : LayerKind.AVG_POOL;
        windowLayer(node, x, kind, k, s, d, p, ceil, x.shape().channels(), x.shape().channels(), 1);
    }

    /** A {@code GlobalAveragePool} or {@code GlobalMaxPool}: one unit per channel, reading the whole map. */
    void globalPool(NodeProto node) throws ImportException {
        String op = node.getOpType();
        FeatureMap x = map(node, 0);
        out(node, 0, add(ImportedLayer.globalPool(node.getName(), op, x.layer(), x.shape().channels(),
                op.equals("GlobalMaxPool") ? "global max pooling: reads the whole map, as the average does"
                        : "")), new Shape(x.shape().channels(), 1, 1), false);
    }

    /**
     * A convolution or pooling layer. SAME_UPPER padding is declared as {@code Padding.SAME}
     * (recomputed at every size, as the model does); symmetric padding as {@code p}; anything else
     * (asymmetric, SAME_LOWER, or pooling padding beyond half the window, which {@code @MaxPool}
     * refuses) moves into a {@code @Pad} layer before an unpadded window: the same units, the same
     * fields and centres (checked afterwards against the model's output size).
     */
    private void windowLayer(NodeProto node, FeatureMap x, LayerKind kind, int[] k, int[] s, int[] d, int[] p,
                             boolean ceil, int in, int out, int groups) throws ImportException {
        Shape shape = x.shape();
        long h = windows(shape.height(), p[0], p[2], (long) d[0] * (k[0] - 1) + 1, s[0], ceil);
        long w = windows(shape.width(), p[1], p[3], (long) d[1] * (k[1] - 1) + 1, s[1], ceil);
        if (h < 1 || w < 1) {
            throw fail(node, "the " + k[0] + "x" + k[1] + " window (dilation " + d[0] + "x" + d[1] + ", pads "
                    + Arrays.toString(p) + ") does not fit its " + shape.height() + "x" + shape.width() + " input");
        }
        Shape output = new Shape(out, (int) h, (int) w);
        String auto = string(node, "auto_pad", "NOTSET");
        boolean pool = kind != LayerKind.CONV;
        boolean symmetric = p[0] == p[2] && p[1] == p[3];
        // @MaxPool and @AvgPool take padding up to half the window's span (dilated kernel).
        boolean poolPadFits = !pool || (2L * p[0] <= (long) d[0] * (k[0] - 1) + 1
                && 2L * p[1] <= (long) d[1] * (k[1] - 1) + 1);
        boolean same = auto.equals("SAME_UPPER");
        int source = x.layer();
        AxisWindow ay = new AxisWindow(k[0], s[0], d[0], p[0], p[2]);
        AxisWindow ax = new AxisWindow(k[1], s[1], d[1], p[1], p[3]);
        if (!same && !(symmetric && poolPadFits)) {
            Shape padded = new Shape(shape.channels(), shape.height() + p[0] + p[2], shape.width() + p[1] + p[3]);
            source = add(ImportedLayer.pad(nameOf(node) + "/pad", node.getOpType(), x.layer(), p[0], p[2], p[1], p[3],
                    padded, "the padding of the next layer (pads " + Arrays.toString(p) + (auto.equals("NOTSET")
                            ? "" : ", " + auto) + "), declared on its own: its windows then read the same units"));
            ay = ay.unpadded();
            ax = ax.unpadded();
        }
        ImportedLayer layer = kind == LayerKind.CONV
                ? ImportedLayer.conv(nameOf(node), node.getOpType(), source, in, out, groups, ay, ax, same, output)
                : ImportedLayer.pool(nameOf(node), node.getOpType(), kind == LayerKind.MAX_POOL, source, ay, ax, ceil,
                        same, output);
        out(node, 0, add(layer), output, false);
    }

    /** A {@code ConvTranspose}: one {@code @Deconv}, its padding and output padding resolved as the operator does. */
    void convTranspose(NodeProto node) throws ImportException {
        FeatureMap x = map(node, 0);
        long[] w = known(node, 1, "the weight W").dims();
        if (w.length != 4) {
            throw fail(node, "weight of " + w.length + " dimensions; convgeom imports 2-D layers");
        }
        int groups = toInt(node, integer(node, "group", 1), "group");
        int c = x.shape().channels();
        if (w[0] != c || groups < 1 || c % groups != 0) {
            throw fail(node, "the weight " + Arrays.toString(w) + " with group " + groups + " does not take " + c
                    + " input channels");
        }
        int out = toInt(node, w[1] * groups, "output channels");
        int[] k = pair(node, "kernel_shape", 0, new long[] {w[2], w[3]});
        int[] s = pair(node, "strides", 1, null);
        int[] d = pair(node, "dilations", 1, null);
        if ((d[0] > 1 && s[0] > 1) || (d[1] > 1 && s[1] > 1)) {
            throw fail(node, "dilations " + d[0] + "x" + d[1] + " with strides " + s[0] + "x" + s[1] + ": its output"
                    + " units read their inputs out of order, which convgeom's @Deconv cannot state (it takes a"
                    + " dilation only along axes of stride 1)");
        }
        long[] ke = {(long) d[0] * (k[0] - 1) + 1, (long) d[1] * (k[1] - 1) + 1};
        long[] opad = ints(node, "output_padding", 0, 0);
        String auto = string(node, "auto_pad", "NOTSET");
        int[] n = {x.shape().height(), x.shape().width()};
        int[] pb = new int[2];
        int[] pa = new int[2];
        long[] outputShape = ints(node, "output_shape");
        if (outputShape.length > 0) {
            long[] target = outputShape.length == 4 ? Arrays.copyOfRange(outputShape, 2, 4) : outputShape;
            for (int a = 0; a < 2; a++) {
                long total = (long) s[a] * (n[a] - 1) + opad[a] + ke[a] - target[a];
                if (total < 0) {
                    throw fail(node, "output_shape " + Arrays.toString(outputShape) + " is larger than the layer"
                            + " can produce");
                }
                pb[a] = (int) (auto.equals("SAME_UPPER") ? total / 2 : total - total / 2);
                pa[a] = (int) (total - pb[a]);
            }
        } else if (auto.equals("NOTSET") || auto.equals("VALID")) {
            long[] p = auto.equals("VALID") ? new long[4] : ints(node, "pads", 0, 0, 0, 0);
            for (int a = 0; a < 2; a++) {
                pb[a] = toInt(node, p[a], "pad");
                pa[a] = toInt(node, p[a + 2], "pad");
            }
        } else if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
            // The operator's rule: output n * s; the padding that takes, split evenly, the odd unit
            // at the end for SAME_UPPER and at the start for SAME_LOWER.
            for (int a = 0; a < 2; a++) {
                long total = (long) s[a] * (n[a] - 1) + opad[a] + ke[a] - (long) n[a] * s[a];
                if (total < 0) {
                    throw fail(node, "auto_pad " + auto + " would add " + -total + " unit(s) beyond the full output"
                            + " (stride " + s[a] + ", kernel " + k[a] + "); convgeom's @Deconv only removes padding");
                }
                long small = total / 2;
                pb[a] = (int) (auto.equals("SAME_UPPER") ? small : total - small);
                pa[a] = (int) (total - pb[a]);
            }
        } else {
            throw fail(node, "auto_pad '" + auto + "' is not an ONNX value");
        }
        // Which inputs an output unit reads depends on the padding before only; the padding after
        // and the output padding only set where the map ends: net, end[a] units removed there.
        // One outputPadding serves both axes: the model's own where both axes have the same, else
        // the smallest that leaves no negative padding after.
        long[] end = new long[2];
        long outputPadding = opad[0] == opad[1] ? opad[0] : 0;
        for (int a = 0; a < 2; a++) {
            if (pb[a] < 0 || pa[a] < 0) {
                throw fail(node, "negative padding (" + pb[a] + " before, " + pa[a] + " after) adds units;"
                        + " convgeom's @Deconv only removes padding");
            }
            end[a] = pa[a] - opad[a];
        }
        if (opad[0] != opad[1]) {
            outputPadding = Math.max(0, Math.max(-end[0], -end[1]));
        }
        int[] after = {toInt(node, end[0] + outputPadding, "pad"), toInt(node, end[1] + outputPadding, "pad")};
        if (outputPadding >= Math.min(s[0], s[1])) {
            throw fail(node, "adds " + -end[0] + " unit(s) after the last row and " + -end[1] + " after the last"
                    + " column; convgeom's @Deconv has one outputPadding for both axes, less than the stride");
        }
        if (k[0] < s[0] || k[1] < s[1]) {
            throw fail(node, "kernel " + k[0] + "x" + k[1] + " smaller than its stride " + s[0] + "x" + s[1]
                    + " leaves output units that read no input; convgeom's @Deconv refuses that");
        }
        // The ONNX operator's output size: s * (n - 1) + output_padding + ke - pads, ke the dilated kernel.
        Shape output = new Shape(out, toInt(node, (long) s[0] * (n[0] - 1) + opad[0] + ke[0] - pb[0] - pa[0], "height"),
                toInt(node, (long) s[1] * (n[1] - 1) + opad[1] + ke[1] - pb[1] - pa[1], "width"));
        AxisWindow ay = new AxisWindow(k[0], s[0], d[0], pb[0], after[0]);
        AxisWindow ax = new AxisWindow(k[1], s[1], d[1], pb[1], after[1]);
        out(node, 0, add(ImportedLayer.deconv(nameOf(node), node.getOpType(), x.layer(), c, out, groups, ay, ax,
                (int) outputPadding, output)), output, false);
    }

    /** Per-axis padding {top, left, bottom, right} resolved from {@code pads} or {@code auto_pad}. */
    private int[] pads(NodeProto node, Shape in, int[] k, int[] s, int[] d) throws ImportException {
        String auto = string(node, "auto_pad", "NOTSET");
        int[] n = {in.height(), in.width()};
        switch (auto) {
            case "NOTSET" -> {
                long[] p = ints(node, "pads", 0, 0, 0, 0);
                if (p.length != 4) {
                    throw fail(node, "pads has " + p.length + " values; a 2-D layer takes 4");
                }
                int[] result = new int[4];
                for (int i = 0; i < 4; i++) {
                    result[i] = toInt(node, p[i], "pad");
                    if (result[i] < 0) {
                        throw fail(node, "negative padding " + p[i] + " crops; not supported");
                    }
                }
                return result;
            }
            case "VALID" -> {
                return new int[4];
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] result = new int[4];
                for (int a = 0; a < 2; a++) {
                    long out = -Math.floorDiv(-n[a], s[a]);
                    long ke = (long) d[a] * (k[a] - 1) + 1;
                    long total = Math.max((out - 1) * s[a] + ke - n[a], 0);
                    long small = total / 2;
                    long before = auto.equals("SAME_UPPER") ? small : total - small;
                    result[a] = (int) before;
                    result[a + 2] = (int) (total - before);
                }
                return result;
            }
            default -> throw fail(node, "auto_pad '" + auto + "' is not an ONNX value");
        }
    }

    /**
     * The two values of attribute {@code name} (rows, columns), positive; {@code fallback} or {@code byDefault} twice
     * when absent.
     */
    private int[] pair(NodeProto node, String name, int byDefault, long[] fallback) throws ImportException {
        long[] v = ints(node, name);
        if (v.length == 0) {
            v = fallback != null ? fallback : new long[] {byDefault, byDefault};
        }
        if (v.length != 2) {
            throw fail(node, name + " has " + v.length + " values; convgeom imports 2-D layers (N x C x H x W)");
        }
        int[] result = {toInt(node, v[0], name), toInt(node, v[1], name)};
        if (result[0] < 1 || result[1] < 1) {
            throw fail(node, name + " " + Arrays.toString(v) + " must be positive");
        }
        return result;
    }

    /** {@code floor((n + pb + pa - ke) / s) + 1}, or the rounded-up count when {@code ceil}. */
    private static long windows(long n, int pb, int pa, long ke, int s, boolean ceil) {
        long span = n + pb + pa - ke;
        if (span < 0) {
            return 0;
        }
        if (!ceil) {
            return Math.floorDiv(span, s) + 1;
        }
        long out = -Math.floorDiv(-span, s) + 1;
        // ONNX Runtime (like PyTorch) drops a last window that would start in the trailing padding.
        return (out - 1) * s >= n + pb ? out - 1 : out;
    }
}
