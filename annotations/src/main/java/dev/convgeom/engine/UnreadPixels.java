package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports the input positions a layer's windows skip when no path to an output reads them
 * either: interior gaps (a stride beyond the dilated kernel, a dilation's holes) and trailing
 * borders alike, told as the positions they are. A gap another path covers is no problem. A
 * skipped trailing border and nothing else is told as {@link DroppedBorders} tells it, with the
 * input sizes that tile.
 */
final class UnreadPixels {

    private final NetworkSoFar soFar;
    private final ReadCoverage coverage;
    private final DroppedBorders droppedBorders;
    private final boolean strict;

    UnreadPixels(NetworkSoFar soFar, ReadCoverage coverage, DroppedBorders droppedBorders, boolean strict) {
        this.soFar = soFar;
        this.coverage = coverage;
        this.droppedBorders = droppedBorders;
        this.strict = strict;
    }

    /**
     * Checks every layer with windows that leads to an output, in order, each along the rows and
     * then the columns. (A dead end that is not a declared output computes nothing used: what its
     * windows skip does not matter.)
     */
    void reportAll() {
        List<ComputedLayer> layers = soFar.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null || !coverage.reachesAnOutput(i)) {
                continue;
            }
            LayerKind.Role role = layers.get(i).spec().kind().role();
            // A crop leaves out what it is meant to; the other kinds read all their input.
            if (role == LayerKind.Role.CONVOLUTION || role == LayerKind.Role.POOLING
                    || role == LayerKind.Role.DECONVOLUTION) {
                for (Axis axis : Axis.values()) {
                    report(i, layers.get(i), axis);
                }
            }
        }
    }

    private void report(int index, ComputedLayer layer, Axis axis) {
        PositionSet skipped = coverage.skipped(index, axis);
        int source = layer.inputs().get(0);
        // To blame: the units its windows skip along this axis, among those it reads along the
        // other, that no path reads. Were this axis read whole, those would be read.
        // (A layer that reads nothing along the other axis leaves its whole input unread: then
        // every skipped line counts.)
        Axis across = axis == Axis.Y ? Axis.X : Axis.Y;
        PositionSet acrossSkipped = coverage.skipped(index, across);
        boolean readsNothingAcross = acrossSkipped.count() == acrossSkipped.size();
        if (skipped.isEmpty()
                || !readsNothingAcross && coverage.unreadUnitsIn(source, axis, skipped, acrossSkipped) == 0) {
            return;
        }
        ReadCoverage.MapReads map = coverage.map(source);
        PositionSet nobody = skipped.intersect(map.unread(axis));
        WindowStep step = layer.step(axis);
        if (step != null && nobody.equals(skipped) && skipped.isTrailing(step.droppedBorder())) {
            droppedBorders.report(index, layer.spec(), source, soFar.map(source), axis, step);
            return;
        }
        String others;
        if (nobody.equals(skipped)) {
            others = "no path to an output reads them";
        } else if (!nobody.isEmpty()) {
            others = "other paths read some of them, but no path to an output reads " + axis.units() + " "
                    + nobody.text();
        } else {
            others = "other paths read only some units of each of them";
        }
        boolean first = source == LayerSpec.NETWORK_INPUT;
        String mapName = first ? "the input" : "'" + soFar.name(source) + "'";
        Window w = layer.spec().window(axis);
        Severity severity = strict ? Severity.ERROR : Severity.WARNING;
        String note = strict ? " (An error because of @Network(strict = true).)"
                : " (@Network(strict = true) makes this an error.)";
        Param blamed = w.dilation() > 1 && w.stride() <= w.dilatedKernel() ? Param.DILATION : Param.STRIDE;
        soFar.add(new Problem(index, blamed, axis, severity, GeometryMessage.UNREAD_GAPS, List.of(
                layer.spec().name(), axis.extent(), describe(w, step), skipped.count(), skipped.size(), axis.units(),
                first ? "the input" : "its input " + mapName, axis.units() + " " + skipped.text(), others,
                map.unreadUnits(), map.units(), mapName, map.unreadFraction(), fix(w, skipped, step), note)));
    }

    /** "k = 1, s = 2", with the dilation and padding when they matter. */
    private static String describe(Window w, WindowStep step) {
        List<String> parts = new ArrayList<>(List.of("k = " + w.kernel(), "s = " + w.stride()));
        if (w.dilation() != 1) {
            parts.add("d = " + w.dilation());
        }
        long pb = step == null ? w.padBefore() : step.padBefore();
        long pa = step == null ? w.padAfter() : step.padAfter();
        if (pb != 0 || pa != 0) {
            parts.add(pb == pa ? "p = " + pb : "padding " + pb + " and " + pa);
        }
        return String.join(", ", parts);
    }

    /** What would make the windows reach every position. */
    private static String fix(Window w, PositionSet skipped, WindowStep step) {
        if (w.dilation() == 1 && w.stride() > w.kernel()) {
            return "Use a stride of at most the kernel (s <= " + w.kernel() + ") or a kernel of at least the stride"
                    + " (k >= " + w.stride() + "), or pool or crop the map first if only some positions matter.";
        }
        if (w.dilation() > 1) {
            return "Use a smaller dilation or stride, or more padding, so that every position falls under a tap.";
        }
        if (step != null && skipped.isTrailing(step.droppedBorder())) {
            return "Change the input size, the padding or the stride so that the windows reach the end.";
        }
        return "Use less padding, so that the windows reach every position.";
    }
}
