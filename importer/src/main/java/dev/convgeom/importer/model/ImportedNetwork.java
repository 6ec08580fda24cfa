package dev.convgeom.importer.model;

import dev.convgeom.Shape;
import java.util.List;

/**
 * A model as imported: the input it is declared for and its layers in an order where every layer
 * comes after the layers it reads, each with the attributes of its annotation and its output
 * shape by the model's own rules. The parsers produce it, {@link NetworkCheck} checks it against
 * convgeom's geometry, and the writer turns it into a {@code @Network} class.
 *
 * @param description what was imported, for the generated class's comment
 *                    ({@code "ONNX model vgg16.onnx, opset 13"})
 * @param input       the input: channels, height, width
 * @param layers      the layers, each reading only earlier ones
 * @param outputs     the layers whose maps the model returns, in the model's order, when they are
 *                    not just the layers no other layer reads (a feature pyramid returns maps that
 *                    later levels also read); empty: those layers, convgeom's default
 */
public record ImportedNetwork(String description, Shape input, List<ImportedLayer> layers, List<Integer> outputs) {

    /** A network whose outputs are the layers no other layer reads. */
    public ImportedNetwork(String description, Shape input, List<ImportedLayer> layers) {
        this(description, input, layers, List.of());
    }

    /** Copies the layers and checks that each reads only earlier layers. */
    public ImportedNetwork {
        layers = List.copyOf(layers);
        outputs = List.copyOf(outputs);
        for (int output : outputs) {
            if (output < 0 || output >= layers.size()) {
                throw new IllegalArgumentException("output " + output + " is not a layer");
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            ImportedLayer layer = layers.get(i);
            for (int from : layer.from()) {
                if (from < -1 || from >= i) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer.source() + ") reads " + from
                            + ", not an earlier layer");
                }
            }
            if (layer.kind() == LayerKind.CROP && (layer.like() < -1 || layer.like() >= i)) {
                throw new IllegalArgumentException("crop " + i + " takes the size of " + layer.like());
            }
        }
    }

    /** The output shape of layer {@code index}, or the input's for -1. */
    public Shape shapeOf(int index) {
        return index < 0 ? input : layers.get(index).output();
    }
}
