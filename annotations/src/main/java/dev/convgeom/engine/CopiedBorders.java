package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a pad whose new units are copies ({@link PadMode#REFLECT}, {@link PadMode#EDGE})
 * changes no field: the engine computes every map as if the new units read nothing, as constant
 * padding's do, and that is exact exactly when each window that reads a copy also reads the unit it
 * copies. Then every unit downstream reads the same units of the pad's input, so its field, the
 * unread pixels and the effective fields are constant padding's.
 *
 * <p>The check is made for every window start that can occur at any input size (all starts within
 * the reader's largest padding of the border, whatever the stride's alignment), so it holds for
 * the run-time geometry at other sizes too; it refuses rather than guesses. Only windows
 * (convolution, pooling) may read the pad: anything else (a unit-by-unit layer, a merge, a crop,
 * another pad) would carry the copies further, where no window is checked.
 */
final class CopiedBorders {

    private final NetworkSoFar soFar;
    private final List<LayerSpec> layers;

    private CopiedBorders(NetworkSoFar soFar, List<LayerSpec> layers) {
        this.soFar = soFar;
        this.layers = layers;
    }

    /** Reports every copying pad of {@code layers} that would change a field. */
    static void reportAll(NetworkSoFar soFar, List<LayerSpec> layers) {
        CopiedBorders check = new CopiedBorders(soFar, layers);
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec pad = layers.get(i);
            if (pad.kind().role() == LayerKind.Role.PAD && pad.extras().padMode() != PadMode.CONSTANT
                    && soFar.isComputed(i)) {
                check.pad(i, pad);
            }
        }
    }

    private void pad(int index, LayerSpec pad) {
        int input = pad.resolvedInputs(index).get(0);
        PadMode mode = pad.extras().padMode();
        boolean fits = true;
        for (Axis axis : Axis.values()) {
            long n = soFar.map(input).axis(axis).size();
            Window w = pad.window(axis);
            long widest = Math.max(w.padBefore(), w.padAfter());
            if (mode == PadMode.REFLECT && widest >= n) {
                soFar.report(index, Param.PAD_MODE, axis, GeometryMessage.REFLECT_PAD_TOO_WIDE, pad.name(), widest,
                        axis.units(), widest, axis.units(), soFar.source(input), n, widest, axis.unit(), widest);
                fits = false;
            }
        }
        if (!fits) {
            return;
        }
        for (int reader : windowReaders(index, pad)) {
            for (Axis axis : Axis.values()) {
                if (!covered(index, pad, input, reader, axis)) {
                    break;
                }
            }
        }
    }

    /**
     * The windows that read the pad's map; anything else that reads it (even a unit-by-unit layer,
     * whose own new units would be copies too) is reported here.
     */
    private List<Integer> windowReaders(int pad, LayerSpec padSpec) {
        List<Integer> windows = new ArrayList<>();
        for (int j = pad + 1; j < layers.size(); j++) {
            if (!soFar.isComputed(j) || !layers.get(j).resolvedInputs(j).contains(pad)) {
                continue;
            }
            LayerKind.Role role = layers.get(j).kind().role();
            if (role == LayerKind.Role.CONVOLUTION || role == LayerKind.Role.POOLING) {
                windows.add(j);
            } else {
                soFar.report(pad, Param.PAD_MODE, null, GeometryMessage.COPIED_PAD_READER, padSpec.name(),
                        mode(padSpec), layers.get(j).name(), layers.get(j).kind().displayName());
            }
        }
        return windows;
    }

    /**
     * Whether every window of {@code reader} along {@code axis} that reads a copy also reads the
     * unit copied; if not, reports the first window that does not.
     */
    private boolean covered(int index, LayerSpec pad, int input, int reader, Axis axis) {
        Window pw = pad.window(axis);
        Window w = layers.get(reader).window(axis);
        long n = soFar.map(input).axis(axis).size();
        long k = w.kernel();
        long d = w.dilation();
        long reach = (k - 1) * d;
        boolean same = w.mode() == PaddingMode.SAME;
        long before = same ? reach : w.padBefore();
        long after = (same ? reach : w.padAfter()) + (w.rounding() == Rounding.CEIL ? w.stride() - 1 : 0);
        // Window starts in the pad input's coordinates: new units are -p .. -1 and n .. n - 1 + q.
        for (long a = -(pw.padBefore() + before); a < 0; a++) {
            if (!coversSources(pad, n, a, k, d, -pw.padBefore(), -1, reader, axis, before, after, index)) {
                return false;
            }
        }
        for (long end = n - 1 + pw.padAfter() + after; end >= n; end--) {
            if (!coversSources(pad, n, end - reach, k, d, n, n - 1 + pw.padAfter(), reader, axis, before, after,
                    index)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the window of taps {@code a + j d} reads the source of each of its taps in {@code [lo, hi]}. */
    private boolean coversSources(LayerSpec pad, long n, long a, long k, long d, long lo, long hi, int reader,
                                  Axis axis, long before, long after, int index) {
        PadMode mode = pad.extras().padMode();
        for (long j = 0; j < k; j++) {
            long tap = a + j * d;
            if (tap < lo || tap > hi) {
                continue;
            }
            long source = mode.source(tap, n);
            long offset = source - a;
            if (offset % d != 0 || offset < 0 || offset / d >= k) {
                Window w = layers.get(reader).window(axis);
                long p = tap < 0 ? pad.window(axis).padBefore() : pad.window(axis).padAfter();
                long border = tap < 0 ? before : after;
                long kernel = (mode == PadMode.REFLECT ? 2 * p : p) + border + 1;
                soFar.report(index, Param.PAD_MODE, axis, GeometryMessage.COPIED_PAD_UNCOVERED, pad.name(),
                        mode(pad), axis.unit(), tap, axis.unit(), source, layers.get(reader).name(), k, w.stride(),
                        d, before, after, axis.unit(), a, axis.unit(), source, layers.get(reader).name(), kernel,
                        axis.extent());
                return false;
            }
        }
        return true;
    }

    private static String mode(LayerSpec pad) {
        return pad.extras().padMode().name();
    }
}
