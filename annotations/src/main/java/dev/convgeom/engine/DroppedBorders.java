package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The input pixels a window layer's last window leaves out, with the input sizes that would let
 * it tile exactly. Reported once the whole network is known, so the fix they suggest fixes it all;
 * {@link UnreadPixels} decides which ones matter when the whole network's reads are known.
 */
final class DroppedBorders {

    private final NetworkSoFar soFar;
    private final NetworkInput input;
    /** Whether a dropped border is an error rather than a warning. */
    private final boolean strict;
    private final List<Runnable> pending = new ArrayList<>();

    DroppedBorders(NetworkSoFar soFar, NetworkInput input, boolean strict) {
        this.soFar = soFar;
        this.input = input;
        this.strict = strict;
    }

    /** Checks {@code step} of layer {@code index} (which reads map {@code source}) once {@link #reportAll} runs. */
    void defer(int index, LayerSpec layer, int source, ComputedLayer in, Axis axis, WindowStep step) {
        // A step that drops no border reports nothing (report returns at once): not kept.
        if (step.droppedBorder() != 0) {
            pending.add(() -> report(index, layer, source, in, axis, step));
        }
    }

    /**
     * Reports every deferred step that drops a border, in the order they were deferred, each
     * layer alone: for a network too large for {@link ReadCoverage}, which tells gaps another
     * path covers from those nothing covers.
     */
    void reportAll() {
        pending.forEach(Runnable::run);
    }

    /** Reports that {@code step} of layer {@code index} (reading map {@code source}) leaves its trailing border unread. */
    void report(int index, LayerSpec layer, int source, ComputedLayer in, Axis axis, WindowStep step) {
        boolean first = source == LayerSpec.NETWORK_INPUT;
        if (step.droppedBorder() == 0) {
            return;
        }
        Window w = layer.window(axis);
        long n = in.axis(axis).size();
        long ke = w.dilatedKernel();
        long s = w.stride();
        long remainder = Math.floorMod(n + step.padBefore() + step.padAfter() - ke, s);
        long dropped = step.droppedBorder();
        String units = dropped == 1 ? axis.unit() : axis.units();
        String fix;
        if (remainder == 0) {
            fix = "The stride exceeds the kernel, so the last window ends before the input does.";
        } else {
            // Sizes for which every window layer on the way here tiles exactly: following the
            // suggestion clears this layer and every other one before it.
            boolean chain = isChain();
            List<Long> sizes = (chain ? Optional.of(allSteps(axis)) : pathFromInput(index, axis))
                    .map(steps -> ExactInputs.around(steps, input.size(axis)))
                    .orElse(List.of());
            // In a graph the sizes come from the path to this layer only; other branches may want
            // others, so the promise is about the path.
            String tiles = chain ? " (every window layer then tiles its input exactly)"
                    : " (every window layer from the input to this one then tiles its input exactly)";
            String padMore = first ? ", or pad " + (s - remainder) + " more after" : "";
            fix = sizes.isEmpty()
                    ? "It would tile an input " + axis.extent() + " of " + (n - remainder) + " or " + (n + s - remainder)
                            + " here, which the network input and the layers before decide" + padMore + "."
                    : "Use input " + axis.extent() + " "
                            + String.join(" or ", sizes.stream().map(String::valueOf).toList())
                            + tiles + padMore + ".";
        }
        String what = first ? "of the input"
                : "of its input (the output of '" + soFar.name(source) + "')";
        Severity severity = strict ? Severity.ERROR : Severity.WARNING;
        String note = strict ? " (An error because of @Network(strict = true).)"
                : " (@Network(strict = true) makes this an error.)";
        soFar.add(new Problem(index, Param.STRIDE, axis, severity, GeometryMessage.DROPPED_BORDER, List.of(
                layer.name(), axis.extent(), n, step.padBefore(), step.padAfter(), ke, s, remainder, dropped,
                units, what, dropped == 1 ? "is" : "are", fix, note)));
    }

    /** Whether every layer reads the one before and slides a window or works unit by unit. */
    private boolean isChain() {
        List<ComputedLayer> computed = soFar.layers();
        for (int i = 0; i < computed.size(); i++) {
            ComputedLayer layer = computed.get(i);
            if (layer == null) {
                return false;
            }
            LayerKind.Role role = layer.spec().kind().role();
            boolean plain = role == LayerKind.Role.POINTWISE || role == LayerKind.Role.CONVOLUTION
                    || role == LayerKind.Role.POOLING || role == LayerKind.Role.FULLY_CONNECTED;
            if (!plain || !layer.inputs().equals(List.of(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /** Every window step of a chain along {@code axis}, in order. */
    private List<WindowStep> allSteps(Axis axis) {
        List<WindowStep> steps = new ArrayList<>();
        for (ComputedLayer layer : soFar.layers()) {
            if (layer != null && layer.step(axis) != null) {
                steps.add(layer.step(axis));
            }
        }
        return steps;
    }

    /**
     * The window steps from the network input to map {@code index} along {@code axis}, in order,
     * when that path is a chain of window and pointwise layers (the only case with an affine
     * formula for exact input sizes); empty otherwise.
     */
    private Optional<List<WindowStep>> pathFromInput(int index, Axis axis) {
        List<WindowStep> steps = new ArrayList<>();
        for (int at = index; at != LayerSpec.NETWORK_INPUT; ) {
            ComputedLayer layer = soFar.map(at);
            LayerKind.Role role = layer.spec().kind().role();
            if (layer.inputs().size() != 1 || role == LayerKind.Role.GLOBAL_POOLING
                    || !(role == LayerKind.Role.POINTWISE || layer.step(axis) != null)) {
                return Optional.empty();
            }
            if (layer.step(axis) != null) {
                steps.add(layer.step(axis));
            }
            at = layer.inputs().get(0);
        }
        Collections.reverse(steps);
        return Optional.of(steps);
    }
}
