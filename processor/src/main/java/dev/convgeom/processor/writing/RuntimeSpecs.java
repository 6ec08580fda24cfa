package dev.convgeom.processor.writing;

import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Shape;
import dev.convgeom.Window;
import dev.convgeom.processor.geometry.ComputedLayer;
import dev.convgeom.processor.geometry.GeometryResult;
import dev.convgeom.processor.geometry.NetworkInput;
import dev.convgeom.processor.geometry.Rounding;
import dev.convgeom.processor.geometry.WindowStep;
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

    public static NetworkSpec of(String name, GeometryResult geometry) {
        NetworkInput in = geometry.input();
        List<LayerSpec> layers = new ArrayList<>();
        long channels = in.channels();
        for (ComputedLayer layer : geometry.layers()) {
            layers.add(new LayerSpec(layer.spec().name(), layer.spec().kind().displayName(), channels(channels),
                    channels(layer.channels()), (int) layer.spec().groups(), window(layer.stepY()),
                    window(layer.stepX())));
            channels = layer.channels();
        }
        return new NetworkSpec(name, new Shape((int) in.channels(), (int) in.height(), (int) in.width()), layers);
    }

    private static int channels(long channels) {
        return channels == ComputedLayer.UNKNOWN_CHANNELS ? Shape.UNKNOWN : (int) channels;
    }

    /** The window as applied at the declared input, padding resolved. */
    private static Window window(WindowStep step) {
        if (step == null) {
            return null;
        }
        var w = step.window();
        return new Window((int) w.kernel(), (int) w.stride(), (int) w.dilation(), (int) step.padBefore(),
                (int) step.padAfter(), Padding.valueOf(w.mode().name()), w.rounding() == Rounding.CEIL);
    }
}
