package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.onnx.Value.Blocks;
import dev.convgeom.importer.onnx.Value.ChannelsLast;
import dev.convgeom.importer.onnx.Value.FeatureMap;
import dev.convgeom.importer.onnx.Value.Grouped;
import dev.convgeom.importer.onnx.Value.GroupsFlat;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Operators that move units between axes: {@code Flatten}, {@code Squeeze}, {@code Reshape},
 * {@code Transpose}, {@code DepthToSpace} and {@code SpaceToDepth}. Most reshapes and transposes
 * are refused; the ones declared are the first, middle and last step of a pattern (flattening ahead
 * of a fully connected layer, a channel shuffle, a pixel (un)shuffle in three nodes, a group
 * normalisation, a channels-last layout), followed here through {@link Value}'s intermediate kinds.
 */
final class ReshapeNodes extends NodeReader {

    /** Reads its operators into the tensors and layers of {@code shared}'s import. */
    ReshapeNodes(NodeReader shared) {
        super(shared);
    }

    /** A {@code Flatten} from axis 1 ahead of a fully connected layer: the same map, flattened. */
    void flatten(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "flattens a constant; not supported");
        }
        if (integer(node, "axis", 1) != 1) {
            throw fail(node, "axis " + integer(node, "axis", 1) + ": only Flatten(axis = 1) ahead of a fully"
                    + " connected layer is supported");
        }
        values.put(node.getOutput(0), new FeatureMap(m.layer(), m.shape(), true));
    }

    /** A {@code Squeeze} of the 1x1 spatial axes ahead of a fully connected layer: the same map, flattened. */
    void squeeze(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        long[] axes = opset >= 13 && node.getInputCount() > 1 ? knownLongs(node, 1, "axes") : ints(node, "axes");
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
            set.add(a < 0 ? a + 4 : a);
        }
        if (m.shape().height() == 1 && m.shape().width() == 1 && set.equals(Set.of(2L, 3L))) {
            values.put(node.getOutput(0), new FeatureMap(m.layer(), m.shape(), true));
            return;
        }
        throw fail(node, "squeezes axes " + Arrays.toString(axes) + " of a " + m.shape() + " map; only the 1x1"
                + " spatial axes (2, 3) ahead of a fully connected layer are supported");
    }

    /** A {@code Reshape}: the first or last step of a pattern this class follows, a flattening, or refused. */
    void reshape(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        if (v instanceof Grouped g) {
            shuffleBack(node, g);
            return;
        }
        if (v instanceof GroupsFlat g) {
            groupsBack(node, g);
            return;
        }
        if (v instanceof Blocks b) {
            blocksBack(node, b);
            return;
        }
        if (!(v instanceof FeatureMap m)) {
            throw fail(node, "reshapes a constant; not supported");
        }
        long[] target = knownLongs(node, 1, "the target shape");
        Shape s = m.shape();
        long total = (long) s.channels() * s.height() * s.width();
        long[] dims = m.flat() ? new long[] {1, total} : new long[] {1, s.channels(), s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, total);
        if (!m.flat() && resolved.length == 3 && resolved[0] == 1 && resolved[1] >= 1
                && s.channels() % resolved[1] == 0 && resolved[1] * resolved[2] == total) {
            // N x G x (C/G * H * W): the first step of a group normalisation, if an InstanceNormalization follows.
            values.put(node.getOutput(0), new GroupsFlat(m, (int) resolved[1], node));
        } else if (!m.flat() && resolved.length == 5 && resolved[0] == 1 && resolved[1] >= 1
                && resolved[1] * resolved[2] == s.channels() && resolved[3] == s.height() && resolved[4] == s.width()) {
            // N x g x C/g x H x W: the first step of a channel shuffle, if a Transpose and a Reshape follow.
            values.put(node.getOutput(0), new Grouped(m, (int) resolved[1], false, node, null));
        } else if (!m.flat() && PixelShuffles.blocks(resolved, s) != 0) {
            // The first step of a pixel unshuffle (PyTorch's export) or shuffle, if a Transpose and a Reshape follow.
            int r = PixelShuffles.blocks(resolved, s);
            values.put(node.getOutput(0), new Blocks(m, Math.abs(r), r < 0, false, node, null));
        } else if (resolved.length == 2 && resolved[0] == 1 && resolved[1] == total) {
            values.put(node.getOutput(0), new FeatureMap(m.layer(), s, true));
        } else if (resolved.length == 4 && resolved[0] == 1 && resolved[1] == s.channels()
                && resolved[2] == s.height() && resolved[3] == s.width()) {
            values.put(node.getOutput(0), m);
        } else {
            throw fail(node, SpatialReshape.refusal(s, target, false));
        }
    }

    /**
     * The two Transposes of a feature map that convgeom declares: the middle of a channel shuffle
     * (a grouped map's two channel axes exchanged, perm {@code (0, 2, 1, 3, 4)}), and a layout change
     * around a normalisation over the channels ({@code [0, 2, 3, 1]} of a feature map, and
     * {@code [0, 3, 1, 2]} back). Any other Transpose reorders channels or axes.
     */
    void transpose(NodeProto node) throws ImportException {
        Value v = value(node, 0);
        long[] perm = ints(node, "perm");
        if (v instanceof GroupsFlat) {
            map(node, 0);   // refused there, saying what the Reshape did
        }
        if (v instanceof Grouped g && !g.swapped() && Arrays.equals(perm, new long[] {0, 2, 1, 3, 4})) {
            values.put(node.getOutput(0), new Grouped(g.map(), g.groups(), true, g.reshape(), node));
            return;
        }
        if (v instanceof Blocks b && !b.transposed() && PixelShuffles.transpose(b.shuffle(), perm)) {
            values.put(node.getOutput(0), new Blocks(b.map(), b.r(), b.shuffle(), true, b.reshape(), node));
            return;
        }
        if (v instanceof Blocks b && !b.transposed()) {
            throw fail(node, "reads '" + node.getInput(0) + "', which '" + nameOf(b.reshape()) + "' "
                    + SpatialReshape.what(b.map().shape(), knownLongs(b.reshape(), 1, "the target shape"), false)
                    + "; this Transpose (perm " + Arrays.toString(perm) + ") is not a pixel "
                    + (b.shuffle() ? "shuffle's" : "unshuffle's") + ", so past it the axes are no longer the rows and"
                    + " columns that convgeom's layers read and no field can be stated");
        }
        if (v instanceof FeatureMap m && !m.flat() && Arrays.equals(perm, new long[] {0, 2, 3, 1})) {
            values.put(node.getOutput(0), new ChannelsLast(m));
            return;
        }
        if (v instanceof ChannelsLast c && Arrays.equals(perm, new long[] {0, 3, 1, 2})) {
            values.put(node.getOutput(0), c.map());
            return;
        }
        throw fail(node, "a Transpose" + (perm == null ? "" : " with perm " + Arrays.toString(perm)) + " of "
                + (v instanceof Grouped ? "a grouped map" : "a feature map") + " reorders axes; the ones declared"
                + " are a channel shuffle's (Reshape to N x groups x C/groups x H x W, Transpose perm (0, 2, 1, 3, 4),"
                + " Reshape back to N x C x H x W: @ChannelShuffle) and a layout change around a normalisation over"
                + " the channels (perm (0, 2, 3, 1), then (0, 3, 1, 2) back)");
    }

    /**
     * A Reshape's target as ONNX resolves it: a 0 copies the input's dimension at that place, a -1
     * takes what the {@code total} elements leave for it.
     */
    static long[] reshapeTarget(long[] target, long[] dims, long total) {
        long[] resolved = new long[target.length];
        long product = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            resolved[i] = target[i] == 0 && i < dims.length ? dims[i] : target[i];
            if (resolved[i] == -1) {
                infer = i;
            } else {
                product *= resolved[i];
            }
        }
        if (infer >= 0) {
            resolved[infer] = total / Math.max(product, 1);
        }
        return resolved;
    }

    /** The Reshape back to N x C x H x W that ends a group normalisation: the map it normalised. */
    private void groupsBack(NodeProto node, GroupsFlat g) throws ImportException {
        Shape s = g.map().shape();
        long[] target = knownLongs(node, 1, "the target shape");
        long total = (long) s.channels() * s.height() * s.width();
        long[] dims = {1, g.groups(), total / g.groups()};
        long[] resolved = reshapeTarget(target, dims, total);
        if (!Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a map grouped as " + Arrays.toString(dims) + " to " + Arrays.toString(resolved)
                    + "; a group normalisation is Reshape to N x groups x -1, InstanceNormalization, Reshape back to"
                    + " N x C x H x W, and nothing else is declared");
        }
        values.put(node.getOutput(0), g.map());
    }

    /** A DepthToSpace or SpaceToDepth: one {@code @PixelShuffle} or {@code @PixelUnshuffle}. */
    void pixelShuffle(NodeProto node) throws ImportException {
        FeatureMap m = map(node, 0);
        boolean shuffle = node.getOpType().equals("DepthToSpace");
        long r = integer(node, "blocksize", 0);
        String mode = string(node, "mode", "DCR");
        String refusal = PixelShuffles.refusal(shuffle, m.shape(), r, mode);
        if (refusal != null) {
            throw fail(node, refusal);
        }
        Shape s = PixelShuffles.output(shuffle, m.shape(), (int) r);
        String label = (shuffle ? "pixel shuffle (" + mode + ")" : "pixel unshuffle") + " by " + r;
        out(node, 0, add(shuffle ? ImportedLayer.pixelShuffle(nameOf(node), node.getOpType(), m.layer(),
                m.shape().channels(), (int) r, s, label) : ImportedLayer.pixelUnshuffle(nameOf(node), node.getOpType(),
                m.layer(), m.shape().channels(), (int) r, s, label)), s, false);
    }

    /** The Reshape back to N x C x H x W that ends a pixel unshuffle or shuffle written as three nodes. */
    private void blocksBack(NodeProto node, Blocks b) throws ImportException {
        Shape in = b.map().shape();
        Shape s = PixelShuffles.output(b.shuffle(), in, b.r());
        long[] target = knownLongs(node, 1, "the target shape");
        long r = b.r();
        // The six axes as the Transpose left them, for a 0 in the target (copy that axis).
        long[] dims = b.shuffle() ? new long[] {1, s.channels(), in.height(), r, in.width(), r}
                : new long[] {1, in.channels(), r, r, s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, (long) in.channels() * in.height() * in.width());
        if (!b.transposed() || !Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a map cut into blocks of " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "') to "
                    + Arrays.toString(resolved) + "; a pixel unshuffle is Reshape to N x C x H/r x r x W/r x r,"
                    + " Transpose perm (0, 1, 3, 5, 2, 4), Reshape to N x C r^2 x H/r x W/r (a shuffle: N x C x r x r x H"
                    + " x W, perm (0, 1, 4, 2, 5, 3), N x C x H r x W r), and nothing else is declared");
        }
        String what = b.shuffle() ? "pixel shuffle" : "pixel unshuffle";
        int index = add(b.shuffle()
                ? ImportedLayer.pixelShuffle(nameOf(node), "Reshape", b.map().layer(), in.channels(), b.r(), s,
                        what + " by " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "', Transpose '"
                                + nameOf(b.transpose()) + "', Reshape)")
                : ImportedLayer.pixelUnshuffle(nameOf(node), "Reshape", b.map().layer(), in.channels(), b.r(), s,
                        what + " by " + b.r() + " (Reshape '" + nameOf(b.reshape()) + "', Transpose '"
                                + nameOf(b.transpose()) + "', Reshape)"));
        out(node, 0, index, s, false);
    }

    /** The Reshape back to N x C x H x W that ends a channel shuffle: one {@code @ChannelShuffle}. */
    private void shuffleBack(NodeProto node, Grouped g) throws ImportException {
        Shape s = g.map().shape();
        long[] target = knownLongs(node, 1, "the target shape");
        long[] dims = {1, s.channels() / g.groups(), g.groups(), s.height(), s.width()};
        long[] resolved = reshapeTarget(target, dims, (long) s.channels() * s.height() * s.width());
        if (!g.swapped() || !Arrays.equals(resolved, new long[] {1, s.channels(), s.height(), s.width()})) {
            throw fail(node, "reshapes a grouped " + Arrays.toString(dims) + " map to " + Arrays.toString(resolved)
                    + "; a channel shuffle is Reshape to N x groups x C/groups x H x W, Transpose perm"
                    + " (0, 2, 1, 3, 4), Reshape back to N x C x H x W, and nothing else is declared");
        }
        // Named after this Reshape, which writes the shuffled map, as every layer is after the node writing it.
        int index = add(ImportedLayer.channelShuffle(nameOf(node), "Reshape", g.map().layer(), g.groups(), s,
                "channel shuffle in " + g.groups() + " groups (Reshape '" + nameOf(g.reshape()) + "', Transpose '"
                        + nameOf(g.transpose()) + "', Reshape)"));
        out(node, 0, index, s, false);
    }
}
