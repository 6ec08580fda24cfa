package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.LayerGeometry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The generated geometry of the example networks against values published elsewhere. Every
 * expected number below was typed from the cited source, never copied from generated code.
 *
 * <ul>
 *   <li>CaffeNet: the worked example of {@code shared/geometry.md} (input 227, ceil pooling).
 *   <li>VGG-16 and MobileNet v1: Araujo, Norris and Sim, "Computing Receptive Fields of
 *       Convolutional Neural Networks", Distill 2019, and the table of the
 *       {@code google-research/receptive_field} library it describes (TF-Slim models at 224):
 *       vgg_16 receptive field 212, effective stride 32, effective padding 90; mobilenet_v1 315,
 *       32, 126. Effective padding is {@code -lo} of the last backbone layer.
 *   <li>VGG-16 shapes and conv5_3's field of 196: Simonyan and Zisserman (arXiv:1409.1556),
 *       Table 1, and the usual layer-by-layer receptive-field tables.
 *   <li>MobileNet v1 shapes: Howard et al. (arXiv:1704.04861), Table 1.
 * </ul>
 */
class PublishedGeometryTest {

    /**
     * One row of a published table: output C x H x W, square field, jump and centre (null where the
     * source does not give it).
     */
    private record Row(String layer, int channels, int size, int rf, double jump, Double centre) {
    }

    @Test
    @DisplayName("CaffeNet: every row of the worked example in geometry.md")
    void caffeNetTable() {
        List<Row> table = List.of(
                new Row("conv1", 96, 55, 11, 4, 5.0),
                new Row("pool1", 96, 27, 19, 8, 9.0),
                new Row("conv2", 256, 27, 51, 8, 9.0),
                new Row("pool2", 256, 13, 67, 16, 17.0),
                new Row("conv3", 384, 13, 99, 16, 17.0),
                new Row("conv4", 384, 13, 131, 16, 17.0),
                new Row("conv5", 256, 13, 163, 16, 17.0),
                new Row("pool5", 256, 6, 195, 32, 33.0),
                new Row("fc6", 4096, 1, 355, 32, 113.0));
        assertRows(table, CaffeNetGeometry::layer);
    }

    @Test
    @DisplayName("CaffeNet: conv5 unit (x, y) is centred on (17 + 16x, 17 + 16y) and sees 163x163")
    void caffeNetConv5Sentence() {
        LayerGeometry conv5 = CaffeNetGeometry.CONV5;
        assertAll(
                () -> assertEquals(17 + 16 * 4, conv5.mapToInput(4, 9).x()),
                () -> assertEquals(17 + 16 * 9, conv5.mapToInput(4, 9).y()),
                () -> assertEquals(163, conv5.receptiveField(4, 9).width()),
                () -> assertEquals(163, conv5.receptiveField(4, 9).height()));
    }

    @Test
    @DisplayName("CaffeNet: geometry-neutral layers repeat the layer before them")
    void caffeNetNeutralLayers() {
        List<LayerGeometry> layers = CaffeNetGeometry.layers();
        List<Executable> checks = new ArrayList<>();
        for (int i = 1; i < layers.size(); i++) {
            LayerGeometry before = layers.get(i - 1);
            LayerGeometry layer = layers.get(i);
            if (List.of("Relu", "Lrn", "Dropout", "Softmax").contains(layer.kind())) {
                checks.add(() -> assertEquals(before.output(), layer.output(), layer.name()));
                checks.add(() -> assertEquals(before.y(), layer.y(), layer.name()));
                checks.add(() -> assertEquals(before.x(), layer.x(), layer.name()));
            }
        }
        assertEquals(12, checks.size() / 3, "relu1-7, norm1-2, drop6-7, prob");
        assertAll(checks);
    }

    @Test
    @DisplayName("VGG-16: block outputs, conv5_3 rf 196, pool5 7x7x512 with rf 212, jump 32, effective padding 90")
    void vgg16() {
        List<Row> table = List.of(
                new Row("conv1_2", 64, 224, 5, 1, null),
                new Row("pool1", 64, 112, 6, 2, null),
                new Row("pool2", 128, 56, 16, 4, null),
                new Row("pool3", 256, 28, 44, 8, null),
                new Row("pool4", 512, 14, 100, 16, null),
                new Row("conv5_3", 512, 14, 196, 16, null),
                // centre of unit 0 = (rf - 1) / 2 - effective padding = 211 / 2 - 90
                new Row("pool5", 512, 7, 212, 32, 15.5));
        assertRows(table, Vgg16Geometry::layer);
        assertAll(
                () -> assertEquals(-90, Vgg16Geometry.POOL5.x().lo(), "effective padding"),
                () -> assertEquals(-90, Vgg16Geometry.POOL5.y().lo(), "effective padding"),
                () -> assertEquals(25088, Vgg16Geometry.POOL5.output().channels()
                        * Vgg16Geometry.POOL5.output().height() * Vgg16Geometry.POOL5.output().width()),
                () -> assertEquals(1000, Vgg16Geometry.output().output().channels()));
    }

    @Test
    @DisplayName("MobileNet v1: 112, 56, 28, 14, 7 after each stride 2; final 7x7x1024, rf 315, jump 32, effective padding 126")
    void mobileNetV1() {
        assertAll(
                () -> assertShape(MobileNetV1Geometry.CONV1, 32, 112),
                () -> assertShape(MobileNetV1Geometry.CONV_PW_1, 64, 112),
                () -> assertShape(MobileNetV1Geometry.CONV_DW_2, 64, 56),
                () -> assertShape(MobileNetV1Geometry.CONV_PW_3, 128, 56),
                () -> assertShape(MobileNetV1Geometry.CONV_DW_4, 128, 28),
                () -> assertShape(MobileNetV1Geometry.CONV_PW_5, 256, 28),
                () -> assertShape(MobileNetV1Geometry.CONV_DW_6, 256, 14),
                () -> assertShape(MobileNetV1Geometry.CONV_PW_11, 512, 14),
                () -> assertShape(MobileNetV1Geometry.CONV_DW_12, 512, 7),
                () -> assertShape(MobileNetV1Geometry.CONV_PW_13, 1024, 7),
                () -> assertShape(MobileNetV1Geometry.AVG_POOL, 1024, 1),
                () -> assertShape(MobileNetV1Geometry.output(), 1000, 1));
        LayerGeometry last = MobileNetV1Geometry.CONV_PW_13;
        assertAll(
                () -> assertEquals(32, last.y().jump()),
                () -> assertEquals(32, last.x().jump()),
                () -> assertEquals(315, last.rfHeight()),
                () -> assertEquals(315, last.rfWidth()),
                () -> assertEquals(-126, last.y().lo(), "effective padding"),
                () -> assertEquals(-126, last.x().lo(), "effective padding"));
    }

    private static void assertShape(LayerGeometry layer, int channels, int size) {
        assertEquals(channels + "x" + size + "x" + size, layer.output().toString(), layer.name());
    }

    private static void assertRows(List<Row> table, java.util.function.Function<String, LayerGeometry> lookup) {
        List<Executable> checks = new ArrayList<>();
        for (Row row : table) {
            LayerGeometry l = lookup.apply(row.layer());
            String name = row.layer();
            checks.add(() -> assertEquals(row.channels(), l.output().channels(), name + " channels"));
            checks.add(() -> assertEquals(row.size(), l.output().height(), name + " height"));
            checks.add(() -> assertEquals(row.size(), l.output().width(), name + " width"));
            checks.add(() -> assertEquals(row.rf(), l.rfHeight(), name + " rf height"));
            checks.add(() -> assertEquals(row.rf(), l.rfWidth(), name + " rf width"));
            checks.add(() -> assertEquals(row.jump(), l.y().jump(), name + " jump y"));
            checks.add(() -> assertEquals(row.jump(), l.x().jump(), name + " jump x"));
            if (row.centre() != null) {
                checks.add(() -> assertEquals(row.centre(), l.y().center(), name + " centre y"));
                checks.add(() -> assertEquals(row.centre(), l.x().center(), name + " centre x"));
            }
        }
        assertAll(checks);
    }
}
