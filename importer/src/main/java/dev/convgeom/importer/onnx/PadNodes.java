package dev.convgeom.importer.onnx;

import dev.convgeom.Pad;
import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;

/**
 * {@code Pad} of the rows and columns, as one {@code @Pad}, in either layout ({@link ChannelsLastPad}),
 * with the pads of every opset (an attribute, an input, an input for listed axes only).
 */
final class PadNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    PadNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Pad} of the rows and columns, in either layout: one {@code @Pad} in its mode. */
    void pad(NodeProto node) throws ImportException {
        boolean last = value(node, 0) instanceof ChannelsLast;
        FeatureMap m = last ? ((ChannelsLast) value(node, 0)).map() : map(node, 0);
        String modeName = string(node, "mode", "constant");
        Pad.Mode mode = switch (modeName) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw fail(node, "mode '" + modeName + "': only constant, reflect and edge are known");
        };
        long[] p = opset >= 11 ? knownLongs(node, 1, "the pads") : ints(node, "pads");
        if (opset >= 18 && node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
            p = padsOfAxes(node, p, knownLongs(node, 3, "the axes"));
        }
        if (last && ChannelsLastPad.refusal(p) != null) {
            throw fail(node, ChannelsLastPad.refusal(p));
        }
        p = last ? ChannelsLastPad.asChannelsFirst(p) : p;
        if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            throw fail(node, "pads " + Arrays.toString(p) + ": only height and width of an N x C x H x W map");
        }
        for (long v : p) {
            if (v < 0) {
                throw fail(node, "negative pads " + Arrays.toString(p) + " crop; not supported");
            }
        }
        int top = toInt(node, p[2], "pad");
        int left = toInt(node, p[3], "pad");
        int bottom = toInt(node, p[6], "pad");
        int right = toInt(node, p[7], "pad");
        Shape s = m.shape();
        Shape output = new Shape(s.channels(), s.height() + top + bottom, s.width() + left + right);
        out(node, 0, add(ImportedLayer.pad(nameOf(node), node.getOpType(), m.layer(), top, bottom, left, right,
                mode, output, "")), output, false);
        if (last) {
            values.put(node.getOutput(0), new ChannelsLast((FeatureMap) values.get(node.getOutput(0))));
        }
    }

    /**
     * An opset-18 Pad's {@code pads} for the listed {@code axes} only (begins, then ends, in the
     * order of {@code axes}) as the 8 values of every axis, 0 for the axes not listed.
     */
    private static long[] padsOfAxes(NodeProto node, long[] pads, long[] axes) throws ImportException {
        if (pads.length != 2 * axes.length) {
            throw fail(node, "pads " + Arrays.toString(pads) + " for axes " + Arrays.toString(axes) + ": a Pad with"
                    + " axes takes two pads per axis");
        }
        long[] all = new long[8];
        boolean[] seen = new boolean[4];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + 4 : axes[i];
            if (a < 0 || a > 3 || seen[(int) a]) {
                throw fail(node, "axes " + Arrays.toString(axes) + " of a Pad of an N x C x H x W map");
            }
            seen[(int) a] = true;
            all[(int) a] = pads[i];
            all[(int) a + 4] = pads[i + axes.length];
        }
        return all;
    }
}
