package dev.convgeom.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Shape;
import java.util.List;

/**
 * The generated methods about input sizes other than the declared one, through the network's
 * fully convolutional form: output size, smallest input, exact sizes, the geometry for another
 * size. Each delegates to the network's spec; their Javadoc states this network's answers,
 * computed at compile time, and the smallest input is itself a literal.
 */
final class InputSizeMethods {

    private final NetworkSpec spec;
    private final InputSizes sizes;

    InputSizeMethods(NetworkSpec spec, InputSizes sizes) {
        this.spec = spec;
        this.sizes = sizes;
    }

    List<MethodSpec> methods() {
        Shape declared = spec.input();
        Shape out = spec.outputSize(declared.height(), declared.width());
        Shape min = sizes.minInputSize();
        String exact = exactSizes();
        boolean same = spec.layers().stream()
                .anyMatch(l -> l.hasWindow() && (l.y().padding() == Padding.SAME || l.x().padding() == Padding.SAME));
        // A global pool's window is the whole incoming map, so its centre moves with the input size.
        boolean global = spec.layers().stream().anyMatch(l -> l.kind().equals("GlobalAvgPool"));
        String mappingNote = same || global
                ? "This network " + (same ? "pads SAME" : "pools globally") + (same && global ? " and pools globally" : "")
                        + ", so " + (same ? "its padding and centres" : "the centres from the global pool on")
                        + " depend on the input size: for another size, take the layers' geometry from "
                        + "{@link #forInput(int, int)}."
                : "Mapping units to input pixels ({@code mapToInput}, {@code receptiveField}) does not depend on the "
                        + "input size here, so the constants serve any size; {@link #forInput(int, int)} also gives "
                        + "the map sizes, clipping and {@code mapFromInput} for that size.";
        MethodSpec outputSize = Methods.publicStatic("outputSize", ApiTypes.SHAPE)
                .addParameters(Methods.inputSize())
                .addJavadoc("$L", "The final map's shape for an input of {@code height x width}, through the fully "
                        + "convolutional form (fully connected layers as convolutions with their declared kernels) "
                        + "and the declared rounding. For the declared " + declared.height() + "x" + declared.width()
                        + " input it is " + out + ".\n\n"
                        + "@throws IllegalArgumentException if the input is too small for a layer (the message names "
                        + "it and the smallest input, " + min.height() + "x" + min.width() + ")\n")
                .addStatement("return spec.outputSize(height, width)")
                .build();
        // Not "a 1x1 final map": that holds for chains that end in one, but a graph that upsamples
        // (U-Net) or crops has a larger final map at its smallest input.
        Shape atMin = spec.outputSize(min.height(), min.width());
        MethodSpec minInputSize = Methods.publicStatic("minInputSize", ApiTypes.SHAPE)
                .addJavadoc("$L", "The smallest input on which every layer has at least one unit (and every merge"
                        + " joins maps of equal size, every crop fits): " + min.height() + "x" + min.width() + ", where the final map is " + atMin.height() + "x"
                        + atMin.width() + ".\n")
                .addStatement("return new $T($L, $L, $L)", ApiTypes.SHAPE, min.channels(), min.height(), min.width())
                .build();
        MethodSpec isExact = Methods.publicStatic("isExact", TypeName.BOOLEAN)
                .addParameters(Methods.inputSize())
                .addJavadoc("$L", "Whether every window layer tiles its padded input exactly for an input of "
                        + "{@code height x width}: no border pixel left unread, no window hanging over the edge. "
                        + exact + "\n")
                .addStatement("return spec.isExact(height, width)")
                .build();
        MethodSpec nextExactSize = Methods.publicStatic("nextExactSize", ApiTypes.SHAPE)
                .addParameters(Methods.inputSize())
                .addJavadoc("$L", "The smallest input at least {@code height x width}, per axis, that "
                        + "{@link #isExact(int, int)} accepts. " + exact + "\n")
                .addStatement("return spec.nextExactSize(height, width)")
                .build();
        MethodSpec forInput = Methods.publicStatic("forInput", listOf(ApiTypes.LAYER_GEOMETRY))
                .addParameters(Methods.inputSize())
                .addJavadoc("$L", "Every layer's geometry for an input of {@code height x width}, in declaration "
                        + "order: map sizes, receptive fields, jumps, centres and all the mapping methods. "
                        + mappingNote + "\n\n@throws IllegalArgumentException if the input is too small for a layer\n")
                .addStatement("return spec.forInput(height, width)")
                .build();
        MethodSpec fullyConvolutional = Methods.publicStatic("fullyConvolutional", listOf(ApiTypes.LAYER_SPEC))
                .addJavadoc("$L", "The fully convolutional form of the network, in order: every fully connected "
                        + "layer as the convolution it is equivalent to (kernel = its incoming map, stride 1, no "
                        + "padding; weights as {@code out x in x kh x kw}), every other layer as declared."
                        + fcSummary() + "\n")
                .addStatement("return spec.fullyConvolutional()")
                .build();
        return List.of(outputSize, minInputSize, isExact, nextExactSize, forInput, fullyConvolutional);
    }

    private static TypeName listOf(ClassName element) {
        return ParameterizedTypeName.get(ClassName.get(List.class), element);
    }

    /** "Exact sizes of this network, per axis: 227 + 32k (k >= 0)." as the compile-time search finds them. */
    private String exactSizes() {
        String h = sizes.describe(true);
        String w = sizes.describe(false);
        return h.equals(w) ? "Exact sizes of this network, per axis: " + h + "."
                : "Exact heights of this network: " + h + "; widths: " + w + ".";
    }

    private String fcSummary() {
        StringBuilder summary = new StringBuilder();
        for (LayerSpec layer : spec.layers()) {
            if (layer.isFullyConnected()) {
                summary.append(summary.length() == 0 ? " Here: " : ", ")
                        .append("{@code ").append(layer.name()).append("} becomes a ")
                        .append(layer.y().kernel()).append('x').append(layer.x().kernel()).append(" convolution");
            }
        }
        return summary.length() == 0 ? " This network has no fully connected layer." : summary.append('.').toString();
    }
}
