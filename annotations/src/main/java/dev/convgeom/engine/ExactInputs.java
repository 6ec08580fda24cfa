package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Network input sizes, along one axis, for which every window layer up to some layer tiles its
 * padded input exactly: what a dropped-border diagnostic suggests, so that following it fixes the
 * whole chain up to that layer, not just the layer itself.
 *
 * <p>Without SAME padding an exact layer maps its output size m back to the input size
 * {@code s * (m - 1) + ke - pb - pa}, so the exact inputs of a chain are {@code A * m + B},
 * m >= 1, with A the product of the strides (shared/geometry.md).
 */
public final class ExactInputs {

    private ExactInputs() {
    }

    /**
     * The nearest exact input sizes below and above {@code declared} for {@code steps} (the window
     * steps of the chain up to the layer, in order), each checked by sliding the windows again;
     * empty where a step pads SAME or a number overflows.
     */
    static List<Long> around(List<WindowStep> steps, long declared) {
        long[] ab = affine(steps.stream().map(WindowStep::window).toList());
        if (ab == null) {
            return List.of();
        }
        long a = ab[0];
        long b = ab[1];
        try {
            long m = Math.floorDiv(declared - b, a);
            List<Long> sizes = new ArrayList<>(2);
            for (long candidate : new long[] {Math.addExact(Math.multiplyExact(a, m), b),
                    Math.addExact(Math.multiplyExact(a, m + 1), b)}) {
                // A suggestion must be writable as an @Input value.
                if (candidate != declared && candidate >= 1 && candidate <= Integer.MAX_VALUE && tiles(steps, candidate)) {
                    sizes.add(candidate);
                }
            }
            return sizes;
        } catch (ArithmeticException overflow) {
            return List.of();
        }
    }

    /**
     * The exact inputs {@code a * m + b} (m >= 1 output units) of the chain of {@code windows}, in
     * order, as {@code {a, b}}; null where a window pads SAME (its padding depends on the size) or
     * a number overflows.
     */
    public static long[] affine(List<Window> windows) {
        long a = 1;
        long b = 0;
        try {
            for (int i = windows.size() - 1; i >= 0; i--) {
                Window w = windows.get(i);
                if (w.mode() == PaddingMode.SAME) {
                    return null;
                }
                long[] pad = WindowAxis.padding(0, w);
                // An exact layer maps its output size m back to the input size s * (m - 1) + ke - pb - pa.
                long offset = w.dilatedKernel() - pad[0] - pad[1] - w.stride();
                b = Math.addExact(Math.multiplyExact(w.stride(), b), offset);
                a = Math.multiplyExact(w.stride(), a);
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return new long[] {a, b};
    }

    private static boolean tiles(List<WindowStep> steps, long size) {
        AxisState state = AxisState.input(size);
        for (WindowStep step : steps) {
            Window fixed = new Window(step.window().kernel(), step.window().stride(), step.window().dilation(),
                    step.padBefore(), step.padAfter(), PaddingMode.EXPLICIT, step.window().rounding());
            long span = state.size() + step.padBefore() + step.padAfter() - fixed.dilatedKernel();
            if (state.size() < 1 || span < 0 || span % fixed.stride() != 0) {
                return false;
            }
            state = WindowAxis.slide(state, fixed).output();
        }
        return true;
    }
}
