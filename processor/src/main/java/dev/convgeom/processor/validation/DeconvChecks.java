package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.Axis;
import dev.convgeom.engine.Param;
import dev.convgeom.engine.Window;
import dev.convgeom.processor.model.ExplicitValues;
import dev.convgeom.processor.model.LayerDeclaration;
import java.util.Optional;

/**
 * What a transposed convolution needs besides a convolution's checks: an output padding below
 * the stride, a kernel at least the stride, so that every output unit is reached by some input
 * unit, and stride 1 where it is dilated, so that fields move forwards.
 */
final class DeconvChecks {

    private DeconvChecks() {
    }

    /** Whether the layer, with windows {@code y} and {@code x}, passes; problems are reported. */
    static boolean check(Reporter reporter, LayerDeclaration layer, Window y, Window x) {
        return checkOutputPadding(reporter, layer, y, x) & checkKernelCoversStride(reporter, layer, y, x)
                & checkDilationNeedsStrideOne(reporter, layer, y, x);
    }

    /**
     * {@code 0 <= outputPadding < stride} on both axes (PyTorch's rule): output padding only adds
     * back the units a stride can leave out at the end. Checked against the smaller stride, since
     * one value applies to both axes.
     */
    private static boolean checkOutputPadding(Reporter reporter, LayerDeclaration layer, Window y, Window x) {
        ExplicitValues v = layer.values();
        Optional<Integer> outputPadding = v.integer("outputPadding");
        Axis axis = x.stride() < y.stride() ? Axis.X : Axis.Y;
        long stride = Math.min(y.stride(), x.stride());
        if (outputPadding.isEmpty() || outputPadding.get() >= 0 && outputPadding.get() < stride) {
            return true;
        }
        reporter.report(Message.OUTPUT_PADDING_OUT_OF_RANGE, layer.field(), v.mirror(),
                v.value("outputPadding").orElseThrow(), layer.name(), outputPadding.get(),
                strideName(v, axis), stride, stride - 1);
        return false;
    }

    /**
     * Output unit {@code v} is reached by input unit {@code u} when {@code 0 <= v + p - s*u < k},
     * i.e. exactly when {@code (v + p) mod s < k}: with {@code k < s}, {@code s - k} of every
     * {@code s} units are reached by none. One diagnostic per written kernel and stride pair, so
     * {@code k = 2, s = 4} is one mistake, not one per axis.
     */
    private static boolean checkKernelCoversStride(Reporter reporter, LayerDeclaration layer, Window y, Window x) {
        ExplicitValues v = layer.values();
        boolean gapY = y.kernel() < y.stride();
        boolean gapX = x.kernel() < x.stride();
        if (gapY && gapX && sameAttributes(v)) {
            report(reporter, layer, Axis.Y, y, "rows and columns");
        } else {
            if (gapY) {
                report(reporter, layer, Axis.Y, y, "rows");
            }
            if (gapX) {
                report(reporter, layer, Axis.X, x, "columns");
            }
        }
        return !gapY && !gapX;
    }

    /**
     * Output unit {@code v} reads the units {@code u} with {@code v + p = s*u + j*d}, {@code j < k}:
     * with {@code d > 1} and {@code s > 1} the taps interleave and a unit's field can start before
     * the previous one's, which the engine's field patterns (ends that never decrease) cannot hold;
     * with stride 1 both ends move forwards. One diagnostic per written dilation and stride pair.
     */
    private static boolean checkDilationNeedsStrideOne(Reporter reporter, LayerDeclaration layer, Window y,
                                                       Window x) {
        ExplicitValues v = layer.values();
        boolean badY = y.dilation() > 1 && y.stride() > 1;
        boolean badX = x.dilation() > 1 && x.stride() > 1;
        boolean same = Attributes.writtenName(v, Param.DILATION, Axis.Y).equals(
                Attributes.writtenName(v, Param.DILATION, Axis.X)) && strideName(v, Axis.Y).equals(strideName(v, Axis.X));
        if (badY && badX && same) {
            reportDilation(reporter, layer, Axis.Y, y, "rows and columns");
        } else {
            if (badY) {
                reportDilation(reporter, layer, Axis.Y, y, "rows");
            }
            if (badX) {
                reportDilation(reporter, layer, Axis.X, x, "columns");
            }
        }
        return !badY && !badX;
    }

    private static void reportDilation(Reporter reporter, LayerDeclaration layer, Axis axis, Window w, String units) {
        ExplicitValues v = layer.values();
        reporter.report(Message.DECONV_DILATED_STRIDE, layer.field(), v.mirror(),
                Attributes.blame(v, Param.DILATION, axis).orElse(null), layer.name(),
                Attributes.writtenName(v, Param.DILATION, axis), w.dilation(), strideName(v, axis), w.stride(), units);
    }

    private static boolean sameAttributes(ExplicitValues v) {
        return Attributes.writtenName(v, Param.KERNEL, Axis.Y).equals(Attributes.writtenName(v, Param.KERNEL, Axis.X))
                && strideName(v, Axis.Y).equals(strideName(v, Axis.X));
    }

    private static void report(Reporter reporter, LayerDeclaration layer, Axis axis, Window w, String units) {
        ExplicitValues v = layer.values();
        String kernel = Attributes.writtenName(v, Param.KERNEL, axis);
        reporter.report(Message.DECONV_KERNEL_BELOW_STRIDE, layer.field(), v.mirror(),
                Attributes.blame(v, Param.KERNEL, axis).orElse(null), layer.name(), kernel, w.kernel(),
                strideName(v, axis), w.stride(), w.stride() - w.kernel(), w.stride(), units, kernel, w.stride());
    }

    /** The attribute that set the stride along {@code axis}; {@code s} when none was written (default 1). */
    private static String strideName(ExplicitValues v, Axis axis) {
        for (String name : Attributes.names(Param.STRIDE, axis)) {
            if (v.has(name)) {
                return name;
            }
        }
        return "s";
    }
}
