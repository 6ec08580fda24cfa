package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convgeom.LayerGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The generated geometry of the branching example networks against values published elsewhere.
 * Every expected number below was typed from the cited source, never copied from generated code.
 *
 * <ul>
 *   <li>GoogLeNet: Szegedy et al., "Going Deeper with Convolutions" (arXiv:1409.4842), Table 1,
 *       "output size" and the channels of each module's four branches, which the Caffe
 *       {@code bvlc_googlenet/deploy.prototxt} declares alike.
 *   <li>ResNet-50: He et al., "Deep Residual Learning for Image Recognition" (arXiv:1512.03385),
 *       Table 1, "output size" per stage and the 50-layer column's widths (the last 1x1 of each
 *       block: 256, 512, 1024, 2048).
 *   <li>ResNet-50's field: the table of the {@code google-research/receptive_field} library
 *       (Araujo, Norris and Sim, Distill 2019), {@code resnet_v1_50}: receptive field 483,
 *       effective stride 32, effective padding 239. That row is TF-Slim's model, which puts each
 *       stage's stride on a 3x3 convolution (of the stage's last block), where the Caffe model
 *       puts it on a 1x1 one (of the next stage's first block). The figures still apply to
 *       {@code res5c}: both have the same stem (a 7x7 convolution padded by 3, a 3x3 pooling not
 *       padded before), in both the sixteen 3x3 convolutions read maps of jumps 4 (x3), 8 (x4),
 *       16 (x6) and 32 (x3), each padded by one unit before, and every other convolution up to
 *       {@code res5c} is 1x1, so the fields and their first pixels agree.
 * </ul>
 */
class PublishedGraphGeometryTest {

    /** One row of a published table: output C x H x W (square). */
    private record Row(String layer, int channels, int size) {
    }

    @Test
    @DisplayName("GoogLeNet: every output size of Table 1, through the inception modules")
    void googLeNetTable1() {
        List<Row> table = List.of(
                new Row("conv1_7x7_s2", 64, 112),
                new Row("pool1_3x3_s2", 64, 56),
                new Row("conv2_3x3", 192, 56),
                new Row("pool2_3x3_s2", 192, 28),
                new Row("inception_3a_output", 256, 28),
                new Row("inception_3b_output", 480, 28),
                new Row("pool3_3x3_s2", 480, 14),
                new Row("inception_4a_output", 512, 14),
                new Row("inception_4b_output", 512, 14),
                new Row("inception_4c_output", 512, 14),
                new Row("inception_4d_output", 528, 14),
                new Row("inception_4e_output", 832, 14),
                new Row("pool4_3x3_s2", 832, 7),
                new Row("inception_5a_output", 832, 7),
                new Row("inception_5b_output", 1024, 7),
                new Row("pool5_7x7_s1", 1024, 1),
                new Row("loss3_classifier", 1000, 1));
        assertRows(table, GoogLeNetGeometry::layer);
    }

    @Test
    @DisplayName("GoogLeNet: inception (3a) concatenates #1x1 64, #3x3 128, #5x5 32 and pool proj 32 at 28x28")
    void googLeNetInception3aBranches() {
        List<Row> branches = List.of(
                new Row("inception_3a_1x1", 64, 28),
                new Row("inception_3a_3x3_reduce", 96, 28),
                new Row("inception_3a_3x3", 128, 28),
                new Row("inception_3a_5x5_reduce", 16, 28),
                new Row("inception_3a_5x5", 32, 28),
                new Row("inception_3a_pool_proj", 32, 28));
        assertRows(branches, GoogLeNetGeometry::layer);
        assertEquals(List.of("inception_3a_1x1", "inception_3a_3x3", "inception_3a_5x5", "inception_3a_pool_proj"),
                GoogLeNetGeometry.INCEPTION_3A_OUTPUT.spec().from());
    }

    @Test
    @DisplayName("GoogLeNet: output stride 32 after the last module (224 / 7)")
    void googLeNetStride() {
        LayerGeometry last = GoogLeNetGeometry.INCEPTION_5B_OUTPUT;
        assertAll(
                () -> assertEquals(32, last.y().jump()),
                () -> assertEquals(32, last.x().jump()));
    }

    @Test
    @DisplayName("ResNet-50: Table 1's output sizes, every block of a stage alike")
    void resNet50Table1() {
        List<Row> table = List.of(
                new Row("conv1", 64, 112),
                new Row("pool1", 64, 56),
                new Row("res2a", 256, 56),
                new Row("res2b", 256, 56),
                new Row("res2c", 256, 56),
                new Row("res3a", 512, 28),
                new Row("res3d", 512, 28),
                new Row("res4a", 1024, 14),
                new Row("res4f", 1024, 14),
                new Row("res5a", 2048, 7),
                new Row("res5c", 2048, 7),
                new Row("pool5", 2048, 1),
                new Row("fc1000", 1000, 1));
        assertRows(table, ResNet50Geometry::layer);
    }

    @Test
    @DisplayName("ResNet-50: res5c has receptive field 483, effective stride 32, effective padding 239")
    void resNet50Field() {
        LayerGeometry res5c = ResNet50Geometry.RES5C;
        assertAll(
                () -> assertEquals(483, res5c.rfHeight()),
                () -> assertEquals(483, res5c.rfWidth()),
                () -> assertEquals(32, res5c.y().jump()),
                () -> assertEquals(32, res5c.x().jump()),
                () -> assertEquals(-239, res5c.y().lo(), "effective padding"),
                () -> assertEquals(-239, res5c.x().lo(), "effective padding"));
    }

    @Test
    @DisplayName("ResNet-50: the first block of a stage adds its projection shortcut, the others their input")
    void resNet50Shortcuts() {
        assertAll(
                () -> assertEquals(List.of("res2a_branch1", "res2a_branch2c"), ResNet50Geometry.RES2A.spec().from()),
                () -> assertEquals(List.of("res3c", "res3d_branch2c"), ResNet50Geometry.RES3D.spec().from()),
                () -> assertEquals(List.of("res4e", "res4f_branch2c"), ResNet50Geometry.RES4F.spec().from()),
                () -> assertEquals(List.of("res5a_branch1", "res5a_branch2c"), ResNet50Geometry.RES5A.spec().from()));
    }

    private static void assertRows(List<Row> table, Function<String, LayerGeometry> lookup) {
        List<Executable> checks = new ArrayList<>();
        for (Row row : table) {
            LayerGeometry l = lookup.apply(row.layer());
            checks.add(() -> assertEquals(row.channels() + "x" + row.size() + "x" + row.size(), l.output().toString(),
                    row.layer()));
        }
        assertAll(checks);
    }
}
