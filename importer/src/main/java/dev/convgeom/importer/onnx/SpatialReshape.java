package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Says what a Reshape that convgeom cannot declare does to a feature map's rows and columns, for
 * the refusal's message. Real exports meet two: window attention (Swin, MaxViT) splits the rows
 * and the columns each into windows, and a vision transformer merges them into one axis of
 * positions. A message that names the axes and sizes ("splits the rows (56) into 8 x 7") tells the
 * user which part of the model stops the import; the bare shapes did not.
 */
final class SpatialReshape {

    private static final String REASON = "past it the axes are no longer the rows and columns that convgeom's"
            + " layers read, so no field can be stated; the reshapes declared are flattening ahead of a fully"
            + " connected layer, a group normalisation's N x G x -1 and a channel shuffle's"
            + " N x groups x C/groups x H x W";

    private SpatialReshape() {
    }

    /**
     * The refusal's text for reshaping a map of {@code shape} to {@code target} (as the node gives
     * it: a 0 copies an input dimension, a -1 takes what is left).
     *
     * @param channelsLast whether the map is N x H x W x C (after a Transpose) rather than N x C x H x W
     */
    static String refusal(Shape shape, long[] target, boolean channelsLast) {
        return what(shape, target, channelsLast) + "; " + REASON;
    }

    /**
     * What reshaping a map of {@code shape} to {@code target} does, without the reason: "reshapes
     * [1, 4, 8, 8] to [1, 4, 64]: merges the rows and columns (8 x 8) into one axis of 64 (...)".
     */
    static String what(Shape shape, long[] target, boolean channelsLast) {
        long[] from = channelsLast ? new long[] {1, shape.height(), shape.width(), shape.channels()}
                : new long[] {1, shape.channels(), shape.height(), shape.width()};
        long total = (long) shape.channels() * shape.height() * shape.width();
        long[] to = ReshapeNodes.reshapeTarget(target, from, total);
        String[] axes = channelsLast ? new String[] {"batch", "rows", "columns", "channels"}
                : new String[] {"batch", "channels", "rows", "columns"};
        String shapes = "reshapes " + (channelsLast ? "the channels-last map " : "") + Arrays.toString(from)
                + " to " + Arrays.toString(to);
        List<String> changes = changes(from, to, axes);
        if (changes == null || changes.isEmpty()) {
            return shapes;
        }
        StringBuilder what = new StringBuilder(changes.get(0));
        for (int k = 1; k < changes.size(); k++) {
            String verb = changes.get(k).substring(0, changes.get(k).indexOf(' ') + 1);
            boolean repeated = changes.get(k - 1).startsWith(verb);
            what.append(" and ").append(repeated ? changes.get(k).substring(verb.length()) : changes.get(k));
        }
        boolean splitsBoth = changes.stream().filter(c -> c.startsWith("splits the rows")
                || c.startsWith("splits the columns")).count() == 2;
        boolean mergesBoth = changes.stream().anyMatch(c -> c.startsWith("merges") && c.contains("rows")
                && c.contains("columns"));
        String hint = splitsBoth ? " (a window partition, as window attention makes)"
                : mergesBoth ? " (a sequence of positions, as a vision transformer's tokens)" : "";
        return shapes + ": " + what + hint;
    }

    /**
     * The contiguous groups of axes whose sizes multiply to the same in {@code from} and {@code to},
     * described where they differ; {@code null} when the sizes do not group so.
     */
    private static List<String> changes(long[] from, long[] to, String[] axes) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < from.length && j < to.length) {
            int i0 = i;
            int j0 = j;
            long pf = from[i];
            long pt = to[j];
            while (pf != pt) {
                if (pf < pt && i + 1 < from.length) {
                    pf *= from[++i];
                } else if (pt < pf && j + 1 < to.length) {
                    pt *= to[++j];
                } else {
                    return null;
                }
            }
            i++;
            j++;
            if (i - i0 == 1 && j - j0 == 1) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<String> sizes = new ArrayList<>();
            for (int k = i0; k < i; k++) {
                names.add(k < axes.length ? axes[k] : "axis " + k);
                sizes.add(Long.toString(from[k]));
            }
            List<String> parts = new ArrayList<>();
            for (int k = j0; k < j; k++) {
                parts.add(Long.toString(to[k]));
            }
            if (names.size() == 1) {
                out.add("splits the " + names.get(0) + " (" + sizes.get(0) + ") into " + String.join(" x ", parts));
            } else if (parts.size() == 1) {
                out.add("merges the " + list(names) + " (" + String.join(" x ", sizes)
                        + ") into one axis of " + parts.get(0));
            } else {
                out.add("regroups the " + list(names) + " (" + String.join(" x ", sizes) + ") as "
                        + String.join(" x ", parts));
            }
        }
        return i == from.length && j == to.length ? out : null;
    }

    /** "rows and columns", "rows, columns and channels". */
    private static String list(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
