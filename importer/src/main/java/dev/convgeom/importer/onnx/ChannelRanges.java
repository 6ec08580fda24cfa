package dev.convgeom.importer.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel ranges an ONNX {@code Split} or {@code Slice} of an N x C x H x W map selects, by
 * the operator specification (opsets 1 to 17), or the reason it selects something else: only a
 * selection along the channels, whole in every other axis, is a {@code @Channels} layer. Each
 * range is {@code {first, count}}.
 */
final class ChannelRanges {

    private ChannelRanges() {
    }

    /**
     * The parts of a {@code Split} along {@code axis} of a map of {@code dims} into
     * {@code outputs} outputs, of the given {@code sizes} (null: equal parts).
     *
     * @throws IllegalArgumentException with the reason when it is not a split of the channels into
     *                                  non-empty parts
     */
    static List<long[]> split(long[] dims, long axis, long[] sizes, int outputs) {
        int a = checkAxis(axis, dims.length, "Split");
        long channels = dims[a];
        long[] parts = sizes;
        if (parts == null) {
            if (channels % outputs != 0) {
                throw new IllegalArgumentException("splits " + channels + " channels into " + outputs
                        + " equal parts, which they do not divide");
            }
            parts = new long[outputs];
            java.util.Arrays.fill(parts, channels / outputs);
        }
        if (parts.length != outputs) {
            throw new IllegalArgumentException("gives " + parts.length + " split sizes for " + outputs + " outputs");
        }
        List<long[]> ranges = new ArrayList<>();
        long first = 0;
        for (long part : parts) {
            if (part < 1) {
                throw new IllegalArgumentException("a part of " + part + " channels selects none; an empty map"
                        + " has no geometry");
            }
            ranges.add(new long[] {first, part});
            first += part;
        }
        if (first != channels) {
            throw new IllegalArgumentException("split sizes " + java.util.Arrays.toString(parts) + " add up to "
                    + first + ", but the map has " + channels + " channels");
        }
        return ranges;
    }

    /**
     * The range of a {@code Slice} of a map of {@code dims} ({@code 1, C, H, W}): along axis 1 any
     * non-empty range with step 1; every other axis listed must be kept whole.
     *
     * @param axes  the axes sliced, or null for {@code 0 .. starts.length - 1}
     * @param steps the steps, or null for 1 everywhere
     * @throws IllegalArgumentException with the reason when it selects anything but channels
     */
    static long[] slice(long[] dims, long[] starts, long[] ends, long[] axes, long[] steps) {
        if (starts.length != ends.length || axes != null && axes.length != starts.length
                || steps != null && steps.length != starts.length) {
            throw new IllegalArgumentException("starts, ends, axes and steps differ in length");
        }
        long first = 0;
        long end = dims[1];
        for (int i = 0; i < starts.length; i++) {
            int a = axes == null ? i : normalised(axes[i], dims.length);
            if (a < 0 || a >= dims.length) {
                throw new IllegalArgumentException("slices axis " + (axes == null ? i : axes[i]) + " of a "
                        + dims.length + "-dimensional map");
            }
            long step = steps == null ? 1 : steps[i];
            long n = dims[a];
            long s = clamp(starts[i] < 0 ? starts[i] + n : starts[i], n);
            long e = clamp(ends[i] < 0 ? ends[i] + n : ends[i], n);
            if (a == 1) {
                if (step != 1) {
                    throw new IllegalArgumentException("takes every " + step + "th channel; only a contiguous range"
                            + " (step 1) is a @Channels selection");
                }
                first = s;
                end = e;
            } else if (step != 1 || s != 0 || e != n) {
                throw new IllegalArgumentException(a == 0 ? "slices the batch axis"
                        : "slices axis " + a + " (" + (a == 2 ? "rows" : "columns") + " " + s + " to " + e + " of " + n
                        + (step != 1 ? ", step " + step : "") + "): a spatial Slice picks units by position, which"
                        + " convgeom's annotations do not state; only a Slice of the channels (axis 1) is declared,"
                        + " as @Channels");
            }
        }
        if (end <= first) {
            throw new IllegalArgumentException("selects channels " + first + " to " + end + " (exclusive) of "
                    + dims[1] + ": no channel; an empty map has no geometry");
        }
        return new long[] {first, end - first};
    }

    private static int checkAxis(long axis, int rank, String op) {
        int a = normalised(axis, rank);
        if (a != 1) {
            throw new IllegalArgumentException("a " + op + " along axis " + axis + (a == 0 ? " (the batch)" : a == 2 || a == 3
                    ? " (" + (a == 2 ? "rows" : "columns") + "): a spatial split picks units by position, which"
                    + " convgeom's annotations do not state" : "") + "; only a " + op + " of the channels (axis 1)"
                    + " is declared, as @Channels");
        }
        return a;
    }

    private static int normalised(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return a < 0 || a >= rank ? -1 : (int) a;
    }

    /** ONNX clamps starts and ends (step 1) into {@code [0, n]}. */
    private static long clamp(long v, long n) {
        return Math.max(0, Math.min(n, v));
    }
}
