package dev.convgeom.processor.writing;

import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Pad;
import dev.convgeom.Padding;
import dev.convgeom.Resize;
import dev.convgeom.Upsample;
import dev.convgeom.Shape;
import dev.convgeom.Window;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.engine.Rounding;
import dev.convgeom.engine.WindowStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The public {@link NetworkSpec} of a computed network: what generated code rebuilds from
 * literals, and what the processor itself asks at compile time (smallest input, exact sizes) to
 * print in Javadoc and the manifest. One conversion serves both, so they cannot disagree.
 */
public final class RuntimeSpecs {

    private RuntimeSpecs() {
    }

    /** A network with the default outputs: the layers no other layer reads. */
    public static NetworkSpec of(String name, GeometryResult geometry) {
        return of(name, geometry, List.of());
    }

    /**
     * @param name     the network's name
     * @param geometry its computed geometry
     * @param outputs  the indices of its declared output layers, the primary output first; none for
     *                 the default
     */
    public static NetworkSpec of(String name, GeometryResult geometry, List<Integer> outputs) {
        NetworkInput in = geometry.input();
        List<ComputedLayer> computed = geometry.layers();
        List<LayerSpec> layers = new ArrayList<>();
        for (ComputedLayer layer : computed) {
            List<String> from = new ArrayList<>();
            for (int input : layer.inputs()) {
                from.add(name(computed, input));
            }
            int source = layer.inputs().get(0);
            long inChannels = source < 0 ? in.channels() : computed.get(source).channels();
            var spec = layer.spec();
            layers.add(new LayerSpec(spec.name(), spec.kind().displayName(), from, channels(inChannels),
                    channels(layer.channels()), (int) spec.groups(), window(layer, layer.stepY(), spec.y()),
                    window(layer, layer.stepX(), spec.x()), resize(computed, layer), (int) spec.extras().firstChannel(),
                    Pad.Mode.valueOf(spec.extras().padMode().name())));
        }
        Shape input = new Shape((int) in.channels(), (int) in.height(), (int) in.width());
        List<String> outputNames = new ArrayList<>();
        for (int output : outputs.isEmpty() ? unread(computed) : outputs) {
            outputNames.add(name(computed, output));
        }
        return new NetworkSpec(name, input, layers, outputNames);
    }

    /**
     * The default outputs, as {@link NetworkSpec#NetworkSpec(String, Shape, List)} finds them from
     * the names its layers read: the last layer, then the layers no layer reads ({@code from}, the
     * computed layers' inputs), in order. Here by index, where the spec hashes every name read.
     */
    private static List<Integer> unread(List<ComputedLayer> computed) {
        boolean[] read = new boolean[computed.size()];
        for (ComputedLayer layer : computed) {
            for (int input : layer.inputs()) {
                if (input >= 0) {
                    read[input] = true;
                }
            }
        }
        List<Integer> unread = new ArrayList<>();
        unread.add(computed.size() - 1);
        for (int i = 0; i < computed.size() - 1; i++) {
            if (!read[i]) {
                unread.add(i);
            }
        }
        return unread;
    }

    private static String name(List<ComputedLayer> computed, int index) {
        return index < 0 ? "input" : computed.get(index).spec().name();
    }

    private static int channels(long channels) {
        return channels == ComputedLayer.UNKNOWN_CHANNELS ? Shape.UNKNOWN : (int) channels;
    }

    /**
     * The window as applied at the declared input, padding resolved; a transposed convolution's as
     * declared. A global pool has none: its window is whatever map it gets.
     */
    private static Window window(ComputedLayer layer, WindowStep step,
                                 dev.convgeom.engine.Window declared) {
        if (layer.spec().kind() == LayerKind.GLOBAL_AVG_POOL) {
            return null;
        }
        if (step == null) {
            return layer.spec().kind() == LayerKind.DECONV ? runtime(declared, declared.padBefore(),
                    declared.padAfter()) : null;
        }
        return runtime(step.window(), step.padBefore(), step.padAfter());
    }

    private static Window runtime(dev.convgeom.engine.Window w, long padBefore, long padAfter) {
        return new Window((int) w.kernel(), (int) w.stride(), (int) w.dilation(), (int) padBefore, (int) padAfter,
                Padding.valueOf(w.mode().name()), w.rounding() == Rounding.CEIL);
    }

    /** {@code resize} made cubic with {@code kernel}'s coefficient, as it is when {@code kernel} is not null. */
    private static Resize cubic(dev.convgeom.engine.CubicKernel kernel, Resize resize) {
        return kernel == null ? resize : resize.withCubic(kernel.coefficient().doubleValue(), kernel.excludeOutside());
    }

    /** {@code resize} with {@code crop}'s region of interest, as it is when {@code crop} is not null. */
    private static Resize roi(dev.convgeom.engine.CropRegion crop, Resize resize) {
        return crop == null ? resize : resize.withRoi(crop.startX().doubleValue(), crop.endX().doubleValue(),
                crop.startY().doubleValue(), crop.endY().doubleValue());
    }

    private static Resize resize(List<ComputedLayer> computed, ComputedLayer layer) {
        var extras = layer.spec().extras();
        return switch (layer.spec().kind()) {
            case UPSAMPLE -> roi(extras.crop(), cubic(extras.cubic(), Resize.upsample((int) extras.factorX(), (int) extras.perX(), (int) extras.factorY(),
                    (int) extras.perY(), extras.bilinear(),
                    Upsample.Coordinates.valueOf(extras.coordinates().name()))
                    .withRounding(Upsample.Rounding.valueOf(extras.rounding().name()))
                    )); // A cubic kernel's coefficient is a multiple of 1/1024, a crop bound of 1/2^32: their doubles are exact.

            case DECONV -> Resize.deconv((int) extras.outputPadding());
            case PIXEL_SHUFFLE -> Resize.upsample((int) extras.factorX(), false);
            case CROP -> Resize.crop(name(computed, extras.like()), (int) layer.offsetX(), (int) layer.offsetY());
            default -> null;
        };
    }
}
