package dev.convgeom.importer.model;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Resize;
import dev.convgeom.Shape;
import dev.convgeom.Window;
import dev.convgeom.importer.ImportException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an imported network against convgeom's own geometry before anything is written: the
 * layers become the run-time spec the generated class will hold, its geometry is computed, and
 * every layer's output shape must equal the one the model's own rules gave. A re-expression that
 * is not exact (a padding moved into a {@code @Pad} that changes where a rounded-up pooling
 * stops, say) fails here, at the layer, instead of producing a class that says something else
 * than the model.
 *
 * <p>It also finds the merges and crops whose inputs look at different places, which the
 * annotations must then accept explicitly ({@code allowMisaligned}); the model does merge them.
 */
public final class NetworkCheck {

    private NetworkCheck() {
    }

    /**
     * The checked network.
     *
     * @param network    the imported network
     * @param names      each layer's field name ({@link FieldNames})
     * @param spec       the run-time spec of the declaration the writer produces
     * @param geometry   every layer's geometry at the declared input
     * @param misaligned indices of merges and crops whose inputs are not aligned
     */
    public record Checked(ImportedNetwork network, List<String> names, NetworkSpec spec, List<LayerGeometry> geometry,
                          Set<Integer> misaligned) {
    }

    /**
     * Builds and checks the spec of {@code network}, declared as a class called {@code className}.
     *
     * @throws ImportException naming the layer whose shape or alignment the geometry does not
     *                         reproduce
     */
    public static Checked check(ImportedNetwork network, String className) throws ImportException {
        List<ImportedLayer> layers = network.layers();
        List<String> names = FieldNames.of(layers);
        List<LayerSpec> specs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            specs.add(spec(network, i, names));
        }
        NetworkSpec spec;
        List<LayerGeometry> geometry;
        Shape input = network.input();
        try {
            spec = new NetworkSpec(className, input, specs);
            geometry = spec.forInput(dev.convgeom.Size.of(input.width(), input.height()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            int at = blamed(e.getMessage(), names);
            if (at < 0) {
                throw new ImportException("the imported layers do not fit together: " + e.getMessage(), e);
            }
            ImportedLayer layer = layers.get(at);
            throw ImportException.at(layer.source(), layer.op(), "convgeom's geometry refuses it: " + e.getMessage());
        }
        for (int i = 0; i < layers.size(); i++) {
            ImportedLayer layer = layers.get(i);
            Shape computed = geometry.get(i).output();
            if (!computed.equals(layer.output())) {
                throw ImportException.at(layer.source(), layer.op(), "the model's rules give " + layer.output()
                        + " but the annotations would give " + computed + "; the layer cannot be declared exactly");
            }
        }
        return new Checked(network, names, spec, geometry, misaligned(network, geometry));
    }

    private static LayerSpec spec(ImportedNetwork network, int index, List<String> names) {
        ImportedLayer layer = network.layers().get(index);
        List<String> from = new ArrayList<>();
        for (int f : layer.from()) {
            from.add(f < 0 ? "input" : names.get(f));
        }
        String name = names.get(index);
        String kind = layer.kind().annotation();
        int in = layer.from().size() == 1 ? network.shapeOf(layer.from().get(0)).channels() : Shape.UNKNOWN;
        int out = layer.output().channels();
        return switch (layer.kind()) {
            case CONV, MAX_POOL, AVG_POOL, FULLY_CONNECTED -> new LayerSpec(name, kind, from, in, out, layer.groups(),
                    window(layer.y(), layer), window(layer.x(), layer), null);
            case PAD -> new LayerSpec(name, kind, from, in, out, 1, window(layer.y(), layer), window(layer.x(), layer),
                    null, 0, layer.padMode());
            case DECONV -> new LayerSpec(name, kind, from, in, out, layer.groups(), window(layer.y(), layer),
                    window(layer.x(), layer), Resize.deconv(layer.outputPadding()));
            case UPSAMPLE -> new LayerSpec(name, kind, from, in, out, 1, null, null,
                    roi(layer, cubic(layer, Resize.upsample(layer.factorX(), layer.perX(), layer.factorY(), layer.perY(),
                            layer.bilinear(), layer.coordinates()).withRounding(layer.rounding()))));
            case CROP -> new LayerSpec(name, kind, from, in, out, 1, null, null,
                    Resize.crop(layer.like() < 0 ? "input" : names.get(layer.like()), layer.offsetX(),
                            layer.offsetY()));
            case CHANNELS -> new LayerSpec(name, kind, from, in, out, 1, null, null, null, layer.firstChannel());
            case CHANNEL_SHUFFLE -> new LayerSpec(name, kind, from, in, out, layer.groups(), null, null, null);
            case PIXEL_SHUFFLE -> new LayerSpec(name, kind, from, in, out, 1, null, null,
                    Resize.upsample(layer.factorX(), false));
            case PIXEL_UNSHUFFLE -> new LayerSpec(name, kind, from, in, out, 1, window(layer.y(), layer),
                    window(layer.x(), layer), null);
            default -> new LayerSpec(name, kind, from, in, out, 1, null, null, null);
        };
    }

    private static Window window(AxisWindow w, ImportedLayer layer) {
        return new Window(w.kernel(), w.stride(), w.dilation(), w.padBefore(), w.padAfter(),
                layer.same() ? Padding.SAME : Padding.EXPLICIT, layer.ceil());
    }

    private static Set<Integer> misaligned(ImportedNetwork network, List<LayerGeometry> geometry) {
        Set<Integer> result = new HashSet<>();
        for (int i = 0; i < network.layers().size(); i++) {
            ImportedLayer layer = network.layers().get(i);
            if (layer.kind() == LayerKind.CONCAT || layer.kind() == LayerKind.ADD) {
                LayerGeometry first = at(geometry, layer.from().get(0));
                for (int f : layer.from()) {
                    if (!aligned(first, at(geometry, f))) {
                        result.add(i);
                    }
                }
            } else if (layer.kind() == LayerKind.CROP && !aligned(geometry.get(i), at(geometry, layer.like()))) {
                result.add(i);
            }
        }
        return result;
    }

    private static LayerGeometry at(List<LayerGeometry> geometry, int index) {
        return index < 0 ? null : geometry.get(index);
    }

    /** Equal jumps and centres on both axes; null is the input (jump 1, centre 0). */
    private static boolean aligned(LayerGeometry a, LayerGeometry b) {
        return sameAxis(a == null ? null : a.y(), b == null ? null : b.y())
                && sameAxis(a == null ? null : a.x(), b == null ? null : b.x());
    }

    private static boolean sameAxis(AxisGeometry a, AxisGeometry b) {
        String jumpA = a == null ? "1" : a.exactJump().toString();
        String jumpB = b == null ? "1" : b.exactJump().toString();
        String centreA = a == null ? "0" : a.exactCenter().toString();
        String centreB = b == null ? "0" : b.exactCenter().toString();
        return jumpA.equals(jumpB) && centreA.equals(centreB);
    }

    /** The first layer whose field name the message quotes, or -1. */
    private static int blamed(String message, List<String> names) {
        if (message == null) {
            return -1;
        }
        int best = -1;
        int bestAt = Integer.MAX_VALUE;
        for (int i = 0; i < names.size(); i++) {
            int at = message.indexOf("'" + names.get(i) + "'");
            if (at >= 0 && at < bestAt) {
                best = i;
                bestAt = at;
            }
        }
        return best;
    }

    /** {@code resize} with {@code layer}'s region of interest, when it has one (each bound's double is exact). */
    private static Resize roi(ImportedLayer layer, Resize resize) {
        return layer.crop() == null ? resize : resize.withRoi(layer.crop().startX().doubleValue(),
                layer.crop().endX().doubleValue(), layer.crop().startY().doubleValue(), layer.crop().endY().doubleValue());
    }

    /** {@code resize} made cubic as {@code layer} is, when it is (its coefficient's double is exact). */
    private static Resize cubic(ImportedLayer layer, Resize resize) {
        return layer.cubic() == null ? resize
                : resize.withCubic(layer.cubic().coefficient().doubleValue(), layer.cubic().excludeOutside());
    }
}
