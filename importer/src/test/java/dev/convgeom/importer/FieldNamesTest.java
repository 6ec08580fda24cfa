package dev.convgeom.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.Shape;
import dev.convgeom.importer.model.FieldNames;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented rule from node and layer names to field names. */
class FieldNamesTest {

    private static List<String> names(String... sourceAndOp) {
        List<ImportedLayer> layers = new ArrayList<>();
        for (int i = 0; i < sourceAndOp.length; i += 2) {
            layers.add(ImportedLayer.pointwise(sourceAndOp[i], sourceAndOp[i + 1], LayerKind.POINTWISE, i / 2 - 1,
                    new Shape(1, 1, 1), ""));
        }
        return FieldNames.of(layers);
    }

    @Test
    void namesBecomeLowerCaseIdentifiersWithOneUnderscorePerRunOfOtherCharacters() {
        assertEquals(List.of("layer1_layer1_0_conv1_conv", "inception_3a_3x3", "conv1_relu_7x7", "stage2_block"),
                names("/layer1/layer1.0/conv1/Conv", "Conv", "inception_3a/3x3", "Convolution",
                        "conv1/relu_7x7", "ReLU", "Stage2..Block__", "Add"));
    }

    @Test
    void emptyNamesAndLeadingDigitsTakeTheOperator() {
        assertEquals(List.of("conv", "conv_123", "batchnormalization_7"),
                names("", "Conv", "123", "Conv", "7", "BatchNormalization"));
    }

    @Test
    void keywordsAndTheInputsNameTakeTheOperatorAfterThem() {
        assertEquals(List.of("class_conv", "input_relu", "int_add"), names("class", "Conv", "Input", "Relu",
                "INT", "Add"));
    }

    @Test
    void collisionsTakeTheNextFreeNumberInOrder() {
        // Differently written names that clean to the same identifier, or to one a later name already has.
        assertEquals(List.of("convblock", "conv_block", "conv_block_2", "conv_block_3", "conv_block_2_2"),
                names("convBlock", "Conv", "Conv_Block", "Conv", "conv-block", "Conv", "CONV.BLOCK", "Conv", "conv_block_2", "Conv"));
    }
}
