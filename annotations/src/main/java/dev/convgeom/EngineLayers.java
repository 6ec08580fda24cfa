package dev.convgeom;

import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.LayerKind;
import dev.convgeom.engine.PaddingMode;
import dev.convgeom.engine.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The public value types in the engine's terms and back: a {@link NetworkSpec}'s layers as the
 * engine's {@link dev.convgeom.engine.LayerSpec}s, and an engine map as an {@link AxisGeometry}.
 * Every run-time answer ({@code forInput}, {@code outputSize}, the size searches) is the engine's,
 * computed on these.
 */
final class EngineLayers {

    private EngineLayers() {
    }

    /**
     * The engine's specs of {@code layers}: kinds by name (an unknown kind works unit by unit, as
     * {@link LayerSpec#isPointwise()} says), a fully connected layer as the convolution it is
     * equivalent to (its kernel stays at the declared input's map), a crop at its fixed offsets.
     *
     * @param reads per layer, the indices of the layers it reads ({@code -1}: the input)
     * @param like  per layer, the index of the layer whose size a crop takes
     */
    static List<dev.convgeom.engine.LayerSpec> of(List<LayerSpec> layers, int[][] reads, int[] like) {
        List<dev.convgeom.engine.LayerSpec> specs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i).asConv();
            LayerKind kind = kind(layer.kind());
            List<Integer> inputs = new ArrayList<>();
            for (int read : reads[i]) {
                inputs.add(read);
            }
            var extras = dev.convgeom.engine.LayerSpec.Extras.NONE;
            Resize resize = layer.resize();
            if (resize != null) {
                extras = resize.isCrop()
                        ? extras.withLike(like[i], OptionalLong.of(resize.offsetY()), OptionalLong.of(resize.offsetX()))
                                .withAllowMisaligned(true)
                        : extras.withFactors(resize.factorX(), resize.factorY(), resize.bilinear())
                                .withPers(resize.perX(), resize.perY())
                                .withCoordinates(dev.convgeom.engine.Coordinates.valueOf(resize.coordinates().name())).withOutputPadding(resize.outputPadding())
                                .withRounding(dev.convgeom.engine.NearestRounding.valueOf(resize.rounding().name()))
                                .withCubic(resize.cubic() ? dev.convgeom.engine.CubicKernel.of(resize.cubicCoefficient(),
                                        resize.excludeOutside()) : null)
                                .withCrop(resize.roi().isEmpty() ? null : dev.convgeom.engine.CropRegion.of(
                                        resize.roi().get(0), resize.roi().get(1), resize.roi().get(2), resize.roi().get(3)));
            }
            extras = extras.withFirstChannel(layer.firstChannel())
                    .withPadMode(dev.convgeom.engine.PadMode.valueOf(layer.padMode().name()));
            specs.add(new dev.convgeom.engine.LayerSpec(layer.name(), kind, inputs, window(layer.y()),
                    window(layer.x()), channels(layer.out()), channels(layer.in()), layer.groups(), extras));
        }
        return specs;
    }

    /** The engine's geometry of a map, in the public type, for a network input of {@code inputSize}. */
    static AxisGeometry geometry(AxisState state, int inputSize) {
        return new AxisGeometry(inputSize, toInt(state.size()), state.jump(), state.center(), state.field(),
                state.context());
    }

    /** The window in the engine's terms, or null for none. */
    static dev.convgeom.engine.Window window(Window w) {
        return w == null ? null : new dev.convgeom.engine.Window(w.kernel(), w.stride(), w.dilation(),
                w.padBefore(), w.padAfter(), PaddingMode.valueOf(w.padding().name()),
                w.ceil() ? Rounding.CEIL : Rounding.FLOOR);
    }

    /**
     * {@code value} as an int: the engine computes in {@code long} so that nothing wraps silently,
     * and the public types hold ints; unlike {@link Math#toIntExact}, the message names the value.
     */
    static int toInt(long value) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new ArithmeticException(value + " exceeds the int range");
        }
        return (int) value;
    }

    private static LayerKind kind(String name) {
        for (LayerKind kind : LayerKind.values()) {
            if (kind.displayName().equals(name)) {
                return kind;
            }
        }
        return LayerKind.POINTWISE;
    }

    private static OptionalLong channels(int channels) {
        return channels == Shape.UNKNOWN ? OptionalLong.empty() : OptionalLong.of(channels);
    }
}
