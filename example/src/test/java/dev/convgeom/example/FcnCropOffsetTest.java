package dev.convgeom.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.Ratio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crop offsets of the three FCNs, which the models leave to the processor
 * ({@code @Crop(like = ...)} without {@code offset}), against the offsets Caffe's
 * {@code coord_map.crop} computed for the released models.
 *
 * <p>The published values are the {@code crop_param} of the {@code train.prototxt} files that
 * {@code net.py} generated in {@code shelhamer/fcn.berkeleyvision.org} (Long, Shelhamer and
 * Darrell, "Fully Convolutional Networks for Semantic Segmentation", CVPR 2015). Each reads
 * {@code crop_param { axis: 2 offset: N }}: one offset from axis 2 on, so height and width are
 * both cropped by {@code N}, and both axes are checked here. They were typed from those files,
 * never copied from generated code.
 */
class FcnCropOffsetTest {

    /** {@code voc-fcn32s/train.prototxt}, layer {@code score}: {@code offset: 19}. */
    private static final int FCN32S_SCORE = 19;

    /** {@code voc-fcn16s/train.prototxt}, layer {@code score_pool4c}: {@code offset: 5}. */
    private static final int FCN16S_SCORE_POOL4C = 5;

    /** {@code voc-fcn16s/train.prototxt}, layer {@code score}: {@code offset: 27}. */
    private static final int FCN16S_SCORE = 27;

    /** {@code voc-fcn8s/train.prototxt}, layer {@code score_pool4c}: {@code offset: 5}. */
    private static final int FCN8S_SCORE_POOL4C = 5;

    /** {@code voc-fcn8s/train.prototxt}, layer {@code score_pool3c}: {@code offset: 9}. */
    private static final int FCN8S_SCORE_POOL3C = 9;

    /** {@code voc-fcn8s/train.prototxt}, layer {@code score}: {@code offset: 31}. */
    private static final int FCN8S_SCORE = 31;

    /**
     * Each published crop: the network, the crop layer, what it crops and to whose size (the two
     * bottoms of the Caffe layer), and the offset.
     */
    static Stream<Arguments> publishedCrops() {
        return Stream.of(
                crop("Fcn32s", Fcn32sGeometry.SCORE, "upscore", "input", FCN32S_SCORE, Fcn32sGeometry::layer),
                crop("Fcn16s", Fcn16sGeometry.SCORE_POOL4C, "score_pool4", "upscore2", FCN16S_SCORE_POOL4C,
                        Fcn16sGeometry::layer),
                crop("Fcn16s", Fcn16sGeometry.SCORE, "upscore16", "input", FCN16S_SCORE, Fcn16sGeometry::layer),
                crop("Fcn8s", Fcn8sGeometry.SCORE_POOL4C, "score_pool4", "upscore2", FCN8S_SCORE_POOL4C,
                        Fcn8sGeometry::layer),
                crop("Fcn8s", Fcn8sGeometry.SCORE_POOL3C, "score_pool3", "upscore_pool4", FCN8S_SCORE_POOL3C,
                        Fcn8sGeometry::layer),
                crop("Fcn8s", Fcn8sGeometry.SCORE, "upscore8", "input", FCN8S_SCORE, Fcn8sGeometry::layer));
    }

    private static Arguments crop(String network, LayerGeometry layer, String from, String like, int offset,
                                  Function<String, LayerGeometry> lookup) {
        return arguments(network + "." + layer.name() + " = " + offset, network, layer, from, like, offset, lookup);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCrops")
    @DisplayName("the generated class holds the published offset, on both axes")
    void generatedConstant(String title, String network, LayerGeometry layer, String from, String like, int offset,
                           Function<String, LayerGeometry> lookup) {
        LayerSpec spec = layer.spec();
        assertAll(
                () -> assertEquals("Crop", spec.kind()),
                () -> assertEquals(List.of(from), spec.from()),
                () -> assertEquals(like, spec.resize().like()),
                () -> assertEquals(offset, spec.resize().offsetY(), "offset y"),
                () -> assertEquals(offset, spec.resize().offsetX(), "offset x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCrops")
    @DisplayName("the manifest holds the published offset, on both axes, and what the crop reads")
    void manifest(String title, String network, LayerGeometry layer, String from, String like, int offset,
                  Function<String, LayerGeometry> lookup) throws IOException {
        Map<String, Object> entry = entry(network, layer.name());
        assertAll(
                () -> assertEquals("Crop", entry.get("kind")),
                () -> assertEquals(List.of(from), entry.get("from")),
                () -> assertEquals(Map.of("y", (long) offset, "x", (long) offset), entry.get("offset")));
    }

    /**
     * What the offset is for: after the crop, unit {@code u} of the result and unit {@code u} of
     * the map it is cropped like look at the same place (equal exact jumps and centres), and the
     * sizes match. Moving the crop by one unit would break the first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCrops")
    @DisplayName("the cropped map lines up with the map whose size it takes")
    void alignedWithLike(String title, String network, LayerGeometry layer, String from, String like, int offset,
                         Function<String, LayerGeometry> lookup) {
        LayerGeometry target = lookup.apply(like);
        LayerGeometry source = lookup.apply(from);
        assertAll(
                () -> assertEquals(target.output().height(), layer.output().height(), "height"),
                () -> assertEquals(target.output().width(), layer.output().width(), "width"),
                () -> assertEquals(target.y().exactJump(), layer.y().exactJump(), "jump y"),
                () -> assertEquals(target.y().exactCenter(), layer.y().exactCenter(), "centre y"),
                () -> assertEquals(target.x().exactCenter(), layer.x().exactCenter(), "centre x"),
                // The crop starts at unit `offset` of what it reads: that unit's centre is unit 0's now.
                () -> assertEquals(source.y().exactCenter().plus(source.y().exactJump().times(offset)),
                        layer.y().exactCenter(), "centre y = source centre + offset * jump"));
    }

    /**
     * The score maps of the paper's Figure 3: predictions at strides 32 ({@code score_fr}), 16
     * ({@code pool4}) and 8 ({@code pool3}), each brought back to one score per input pixel, the
     * output the size of the 500x500 input with unit {@code (x, y)} centred on pixel
     * {@code (x, y)}.
     */
    @Test
    @DisplayName("FCN strides 32, 16 and 8, and a score map of one unit per input pixel")
    void strides() {
        assertAll(
                () -> assertEquals(Ratio.of(32), Fcn32sGeometry.SCORE_FR.y().exactJump()),
                () -> assertEquals(Ratio.of(16), Fcn16sGeometry.SCORE_POOL4.y().exactJump()),
                () -> assertEquals(Ratio.of(16), Fcn16sGeometry.UPSCORE2.y().exactJump()),
                () -> assertEquals(Ratio.of(8), Fcn8sGeometry.SCORE_POOL3.y().exactJump()),
                () -> assertEquals(Ratio.of(8), Fcn8sGeometry.UPSCORE_POOL4.y().exactJump()),
                () -> assertPixelAligned(Fcn32sGeometry.SCORE),
                () -> assertPixelAligned(Fcn16sGeometry.SCORE),
                () -> assertPixelAligned(Fcn8sGeometry.SCORE));
    }

    private static void assertPixelAligned(LayerGeometry score) {
        assertAll(
                () -> assertEquals("21x500x500", score.output().toString(), score.name()),
                () -> assertEquals(Ratio.of(1), score.y().exactJump()),
                () -> assertEquals(Ratio.of(1), score.x().exactJump()),
                () -> assertEquals(Ratio.of(0), score.y().exactCenter()),
                () -> assertEquals(Ratio.of(0), score.x().exactCenter()));
    }

    private static Map<String, Object> entry(String network, String layer) throws IOException {
        String resource = "META-INF/convgeom/dev.convgeom.example." + network + ".json";
        try (InputStream in = FcnCropOffsetTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the class path");
            Map<String, Object> manifest = asMap(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            for (Object o : (List<?>) manifest.get("layers")) {
                Map<String, Object> e = asMap(o);
                if (layer.equals(e.get("name"))) {
                    return e;
                }
            }
            throw new AssertionError(resource + " has no layer " + layer);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
