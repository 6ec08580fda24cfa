package dev.convgeom.importer;

import static dev.convgeom.importer.OnnxBuilder.integer;
import static dev.convgeom.importer.OnnxBuilder.ints;
import static dev.convgeom.importer.OnnxBuilder.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.engine.oracle.RandomDags;
import dev.convgeom.Shape;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.LayerKind;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import dev.convgeom.importer.proto.OnnxProto.ModelProto;
import dev.convgeom.importer.writing.JavaWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Confirms imported geometry on ONNX Runtime, the engine Java users deploy with. Each model is
 * built in Java ({@link OnnxBuilder}: positive weights, zero biases), imported, its class compiled
 * by the processor, and run:
 *
 * <ul>
 *   <li>every 4-D tensor the model computes has the shape the geometry gives its layer;</li>
 *   <li>for units at the corners, edges and centre of the last spatial map, setting one input
 *       pixel to 1 on an all-zero image changes the unit (from its value on the all-zero image)
 *       for the pixels at the corners of its computed field (clipped to the image), and leaves it
 *       exactly as it was for the pixels just outside the field. With positive weights and zero
 *       biases a unit is non-zero exactly when a path links it to the pixel; max pooling passes a
 *       positive value on among zeros. So the engine reads exactly the pixels the geometry claims,
 *       up to its four edges.</li>
 * </ul>
 *
 * <p>A squeeze-and-excitation gate multiplies: on an all-zero image the gated map would be zero and
 * hide every change of the gate. So its model gives its first convolution a bias of 1 (the map is
 * positive everywhere, padding included, after which every weight is positive): a pixel anywhere
 * in the pooled region raises the pooled mean, hence the gate (a hard sigmoid in its linear part),
 * hence every gated unit, and a pixel in a unit's local field raises the unit directly. The
 * instance normalisation's model needs no bias: one lit pixel gives the map a mean and a
 * variance, which move every unit.
 */
class OnnxRuntimeConfirmationTest {

    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("CaffeNet-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::caffeNetLike),
                Arguments.of("ResNet-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::resNetLike),
                Arguments.of("GoogLeNet-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::googLeNetLike),
                Arguments.of("FCN-8s-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::fcnLike),
                Arguments.of("ShuffleNet-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::shuffleNetLike),
                Arguments.of("TensorFlow-style padding", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::padded),
                Arguments.of("upsampling", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::upsampling),
                Arguments.of("DepthToSpace DCR", (Supplier<OnnxBuilder>) () -> depthToSpace("DCR", 2)),
                Arguments.of("DepthToSpace CRD", (Supplier<OnnxBuilder>) () -> depthToSpace("CRD", 3)),
                Arguments.of("SpaceToDepth", (Supplier<OnnxBuilder>) () -> spaceToDepth(false)),
                Arguments.of("torch's pixel_unshuffle", (Supplier<OnnxBuilder>) () -> spaceToDepth(true)),
                Arguments.of("ESPCN-like", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::espcnLike),
                Arguments.of("squeeze-and-excitation", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::gated),
                Arguments.of("instance normalisation",
                        (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::instanceNormalized),
                Arguments.of("ConvNeXt's LayerNorm2d", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::channelsLast),
                Arguments.of("SSD's L2 normalisation", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::l2Normalized),
                Arguments.of("Swin's channels-last padding",
                        (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::channelsLastPadded),
                Arguments.of("ConvNeXt block, opset 13",
                        (Supplier<OnnxBuilder>) () -> OnnxRuntimeConfirmationTest.convNeXtBlock(13)),
                Arguments.of("ConvNeXt block, opset 17",
                        (Supplier<OnnxBuilder>) () -> OnnxRuntimeConfirmationTest.convNeXtBlock(17)),
                Arguments.of("group normalisation", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::groupNormalized),
                Arguments.of("transform_input", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::transformInput),
                Arguments.of("opset 18 forms", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::opset18),
                Arguments.of("upsampling per axis", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::perAxis),
                Arguments.of("bilinear coordinates", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::coordinates),
                Arguments.of("Upsample opset 9", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::upsampleOpset9),
                Arguments.of("fractional factors", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::fractional),
                Arguments.of("fractional factors, aligned corners",
                        (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::fractionalCorners),
                Arguments.of("shrinking", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::shrinking),
                Arguments.of("tf_half_pixel_for_nn", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::tfHalfPixel),
                Arguments.of("dilated pooling", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::dilatedPooling),
                Arguments.of("dilated transposed convolution",
                        (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::dilatedDeconv),
                Arguments.of("reflect and edge padding", (Supplier<OnnxBuilder>) OnnxRuntimeConfirmationTest::copyPadded),
                Arguments.of("CycleGAN-like generator", (Supplier<OnnxBuilder>) () -> cycleGanLike(false)),
                Arguments.of("bicubic, PyTorch's", (Supplier<OnnxBuilder>) () -> cubic("pytorch_half_pixel", -0.75f,
                        false, 9, 7, 18, 14)),
                Arguments.of("cubic by 3/2, a = -0.5, outside excluded",
                        (Supplier<OnnxBuilder>) () -> cubic("half_pixel", -0.5f, true, 10, 8, 15, 12)),
                Arguments.of("cubic, two taps, aligned corners",
                        (Supplier<OnnxBuilder>) () -> cubic("align_corners", 0f, false, 5, 7, 13, 16)),
                Arguments.of("cubic, two taps, asymmetric, outside excluded",
                        (Supplier<OnnxBuilder>) () -> cubic("asymmetric", 0f, true, 6, 5, 12, 15)),
                Arguments.of("cubic shrinking by 1/2",
                        (Supplier<OnnxBuilder>) () -> cubic("half_pixel", -0.75f, false, 14, 12, 7, 6)),
                Arguments.of("cubic, tf_half_pixel_for_nn",
                        (Supplier<OnnxBuilder>) () -> cubic("tf_half_pixel_for_nn", -0.75f, true, 6, 7, 12, 14)),
                // tf_crop_and_resize of constant regions (roi: y start, x start, y end, x end)
                Arguments.of("crop and resize, linear, after a strided convolution",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("linear", "round_prefer_floor", -0.75f, false, true,
                                12, 10, 10, 9, 0.25f, 0.125f, 0.75f, 1f)),
                Arguments.of("crop and resize, nearest rounded up",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("nearest", "round_prefer_ceil", -0.75f, false, false,
                                9, 8, 13, 11, 0f, 0.5f, 0.5f, 1f)),
                Arguments.of("crop and resize, nearest floor, shrinking",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("nearest", "floor", -0.75f, false, false,
                                12, 12, 5, 4, 0.25f, 0f, 1f, 0.75f)),
                Arguments.of("crop and resize, cubic",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("cubic", "round_prefer_floor", -0.75f, false, false,
                                6, 8, 12, 16, 0.125f, 0.25f, 0.625f, 0.75f)),
                Arguments.of("crop and resize, cubic, two taps, outside excluded",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("cubic", "round_prefer_floor", 0f, true, false,
                                7, 9, 10, 13, 0f, 0.375f, 1f, 0.875f)),
                Arguments.of("crop and resize, linear, to one row",
                        (Supplier<OnnxBuilder>) () -> cropAndResize("linear", "round_prefer_floor", -0.75f, false, false,
                                8, 8, 1, 6, 0.25f, 0f, 0.75f, 0.5f)));
    }

    /**
     * A {@code tf_crop_and_resize} of the region {@code roi = {startY, startX, endY, endX}} of an
     * {@code h x w} map to {@code outH x outW} (sizes), between 1x1 convolutions (positive weights,
     * no bias: one term per lit pixel, as in {@link #cubic}), or, {@code strided}, after a 3x3
     * convolution of stride 2 and before an unpadded 3x3 one. (Padding after the resize would
     * stand for virtual units whose positions lie inside the map, beside the region: the fields
     * count those positions, as after a layer that drops its last rows, and would be larger than
     * what the runtime reads, which these probes would report.)
     */
    static OnnxBuilder cropAndResize(String mode, String nearestMode, float a, boolean exclude, boolean strided, int h,
                                     int w, int outH, int outW, float... roi) {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, h, w);
        String x = strided ? b.conv("conv1", "data", 2, 3, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1))
                : b.conv("mix1", "data", 2, 3, 1, 1, 1);
        x = b.map("Resize", "up_crop", List.of(x, b.floatTensor("roi", 0, 0, roi[0], roi[1], 1, 1, roi[2], roi[3]), "",
                b.intTensor("sizes", 1, 3, outH, outW)), string("mode", mode),
                string("coordinate_transformation_mode", "tf_crop_and_resize"), string("nearest_mode", nearestMode),
                OnnxBuilder.floating("cubic_coeff_a", a), OnnxBuilder.integer("exclude_outside", exclude ? 1 : 0));
        if (strided) {
            b.conv("conv2", x, 3, 2, 3, 3, 1);
        } else {
            b.conv("mix2", x, 3, 2, 1, 1, 1);
        }
        return b;
    }

    /** conv 11/4, ceil max pools, LRN, a grouped conv, then Flatten + Gemm. */
    static OnnxBuilder caffeNetLike() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 67, 67);
        String x = b.conv("conv1", "data", 3, 4, 11, 11, 1, ints("strides", 4, 4));
        x = b.unary("Relu", "relu1", x);
        x = b.maxPool("pool1", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), integer("ceil_mode", 1));
        x = b.unary("LRN", "norm1", x, integer("size", 5));
        x = b.conv("conv2", x, 4, 4, 5, 5, 2, ints("pads", 2, 2, 2, 2));
        x = b.maxPool("pool2", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), integer("ceil_mode", 1));
        x = b.conv("conv3", x, 4, 6, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String flat = b.node("Flatten", "flatten", List.of(x), integer("axis", 1));
        b.gemm("fc", flat, 6 * 3 * 3, 5);
        return b;
    }

    /** A stride-2 bottleneck block with a 1x1 stride-2 projection, added. */
    static OnnxBuilder resNetLike() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 40, 40);
        String x = b.conv("conv1", "data", 3, 4, 7, 7, 1, ints("strides", 2, 2), ints("pads", 3, 3, 3, 3));
        x = b.maxPool("pool1", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String shortcut = b.conv("branch1", x, 4, 8, 1, 1, 1, ints("strides", 2, 2));
        String y = b.conv("branch2a", x, 4, 2, 1, 1, 1, ints("strides", 2, 2));
        y = b.unary("Relu", "relu2a", y);
        y = b.conv("branch2b", y, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        y = b.conv("branch2c", y, 2, 8, 1, 1, 1);
        String sum = b.merge("Add", "res", shortcut, y);
        b.unary("Relu", "res_relu", sum);
        return b;
    }

    /** An inception module: 1x1, 3x3, 5x5 and a stride-1 pool branch, concatenated. */
    static OnnxBuilder googLeNetLike() {
        OnnxBuilder b = new OnnxBuilder(11, "data", 3, 33, 33);
        String x = b.conv("conv1", "data", 3, 4, 7, 7, 1, ints("strides", 2, 2), ints("pads", 3, 3, 3, 3));
        x = b.maxPool("pool1", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), integer("ceil_mode", 1));
        String a = b.conv("b1x1", x, 4, 2, 1, 1, 1);
        String c = b.conv("b3x3", b.conv("b3x3_reduce", x, 4, 2, 1, 1, 1), 2, 3, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String d = b.conv("b5x5", b.conv("b5x5_reduce", x, 4, 2, 1, 1, 1), 2, 2, 5, 5, 1, ints("pads", 2, 2, 2, 2));
        String e = b.conv("bpool_proj", b.maxPool("bpool", x, ints("kernel_shape", 3, 3), ints("strides", 1, 1),
                ints("pads", 1, 1, 1, 1), integer("ceil_mode", 1)), 4, 2, 1, 1, 1);
        b.merge("Concat", "inception", a, c, d, e);
        return b;
    }

    /**
     * FCN-8s in miniature: a padded trunk, two score maps fused after stride-2 transposed
     * convolutions (padding 1 lines them up, as ONNX has no Crop), then a nearest upsampling to
     * the input size computed from the input's shape (Shape, Slice, Concat: shape arithmetic).
     */
    static OnnxBuilder fcnLike() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 32, 32);
        String x = b.conv("conv1", "data", 3, 3, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String pool1 = b.maxPool("pool1", x, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        String pool2 = b.maxPool("pool2", b.conv("conv2", pool1, 3, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1)),
                ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        String pool3 = b.maxPool("pool3", b.conv("conv3", pool2, 4, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1)),
                ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        String score = b.conv("score_fr", pool3, 4, 2, 1, 1, 1);
        String up2 = b.convTranspose("upscore2", score, 2, 2, 4, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String skip = b.conv("score_pool2", pool2, 4, 2, 1, 1, 1);
        String fuse = b.merge("Add", "fuse_pool2", up2, skip);
        String up4 = b.convTranspose("upscore4", fuse, 2, 2, 4, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String shape = b.node("Shape", "shape", List.of("data"));
        String hw = b.node("Slice", "hw", List.of(shape, b.intTensor("two", 2), b.intTensor("four", 4)));
        String nc = b.node("Slice", "nc", List.of(b.node("Shape", "shape2", List.of(up4)), b.intTensor("zero", 0),
                b.intTensor("two2", 2)));
        String sizes = b.node("Concat", "sizes", List.of(nc, hw), integer("axis", 0));
        b.map("Resize", "upscore_final", List.of(up4, "", "", sizes), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
        return b;
    }

    /**
     * ShuffleNet v2 in miniature: a downsampling unit (two strided depthwise branches, concatenated,
     * shuffled), a unit whose channels a Split halves, and one whose halves are two Slices on axis
     * 1 (torch's {@code chunk}), each branch convolved, concatenated with the other half and
     * shuffled. The first convolution mixes all channels, so every channel carries a set pixel.
     */
    static OnnxBuilder shuffleNetLike() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 75, 71);
        String x = b.unary("Relu", "relu1", b.conv("conv1", "data", 3, 8, 3, 3, 1, ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1)));
        x = b.maxPool("pool1", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        String left = b.conv("b1_pw", b.conv("b1_dw", x, 8, 8, 3, 3, 8, ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1)), 8, 4, 1, 1, 1);
        String right = b.conv("b2_pw2", b.conv("b2_dw", b.conv("b2_pw1", x, 8, 4, 1, 1, 1), 4, 4, 3, 3, 4,
                ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)), 4, 4, 1, 1, 1);
        // pool1 is 8 x 19 x 18; the strided branches 4 x 10 x 9 each
        x = b.shuffle("shuffle1", b.merge("Concat", "cat1", left, right), 8, 2, 10, 9);
        List<String> halves = b.split("split2", x, 3, 5);
        String branch = b.conv("u2_pw2", b.conv("u2_dw", b.conv("u2_pw1", halves.get(1), 5, 5, 1, 1, 1), 5, 5, 3, 3,
                5, ints("pads", 1, 1, 1, 1)), 5, 5, 1, 1, 1);
        x = b.shuffle("shuffle2", b.merge("Concat", "cat2", halves.get(0), branch), 8, 4, 10, 9);
        String first = b.map("Slice", "chunk0", List.of(x, b.intTensor("s0", 0), b.intTensor("e0", 4),
                b.intTensor("a0", 1)));
        String second = b.map("Slice", "chunk1", List.of(x, b.intTensor("s1", 4), b.intTensor("e1", Long.MAX_VALUE),
                b.intTensor("a1", -3), b.intTensor("st1", 1)));
        branch = b.conv("u3_dw", b.conv("u3_pw", second, 4, 4, 1, 1, 1), 4, 4, 3, 3, 4, ints("pads", 1, 1, 1, 1));
        x = b.shuffle("shuffle3", b.merge("Concat", "cat3", first, branch), 8, 2, 10, 9);
        b.conv("head", x, 8, 6, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        return b;
    }

    /**
     * Asymmetric pads, SAME_UPPER and SAME_LOWER at odd sizes, an explicit Pad, a ceil-mode average
     * pool with a non-square window (dense, so every probe applies; random graphs dilate).
     */
    static OnnxBuilder padded() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 31, 29);
        String x = b.conv("asym", "data", 2, 3, 3, 3, 1, ints("strides", 2, 2), ints("pads", 0, 1, 1, 0));
        x = b.conv("same_upper", x, 3, 3, 4, 4, 1, ints("strides", 2, 2), string("auto_pad", "SAME_UPPER"));
        x = b.conv("same_lower", x, 3, 3, 3, 3, 1, ints("strides", 1, 1), string("auto_pad", "SAME_LOWER"));
        x = b.conv("k5", x, 3, 3, 5, 5, 1, ints("pads", 2, 2, 2, 2));
        x = b.map("Pad", "pad", List.of(x, b.intTensor("pads", 0, 0, 1, 2, 0, 0, 0, 1)));
        b.avgPool("avg", x, ints("kernel_shape", 2, 3), ints("strides", 1, 2), integer("ceil_mode", 1));
        return b;
    }

    /**
     * Pad in reflect and edge mode (opset 13: pads as an input) before windows that read every copied
     * unit's source: reflect 3 before a 7x7, reflect 1 before a 3x3 at stride 2 and before a strided
     * 3x3, edge 2/1 before a 3x3. A unit near a border reads its copies' sources too, all inside its
     * field: the probes just outside the field find nothing read there.
     */
    static OnnxBuilder copyPadded() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 29, 27);
        String x = b.map("Pad", "reflect3", List.of("data", b.intTensor("pads3", 0, 0, 3, 3, 0, 0, 3, 3)),
                string("mode", "reflect"));
        x = b.conv("conv7", x, 2, 2, 7, 7, 1);
        x = b.conv("down", x, 2, 2, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        x = b.map("Pad", "reflect1", List.of(x, b.intTensor("pads1", 0, 0, 1, 1, 0, 0, 1, 1)), string("mode", "reflect"));
        x = b.conv("conv3", x, 2, 2, 3, 3, 1);
        x = b.map("Pad", "edge", List.of(x, b.intTensor("pads_edge", 0, 0, 2, 1, 0, 0, 1, 2)), string("mode", "edge"));
        x = b.conv("conv_edge", x, 2, 2, 3, 3, 1);
        x = b.map("Pad", "reflect_last", List.of(x, b.intTensor("pads_last", 0, 0, 1, 1, 0, 0, 1, 1)),
                string("mode", "reflect"));
        b.conv("last", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * CycleGAN's ResNet generator in miniature: reflect 3 and a 7x7, two stride-2 3x3s, a residual
     * block of reflect 1 and 3x3 twice at stride 4, two stride-2 transposed convolutions (output
     * padding 1), reflect 3 and a 7x7; {@code normalised}: instance normalisation after each
     * convolution as in CycleGAN (the ReLUs are left out: one lit pixel makes a normalised map
     * negative almost everywhere, and a ReLU would zero what a probe looks for). After a
     * normalisation every unit reads the whole image (its statistics), which leaves no pixel outside
     * a field to probe: the normalised form is confirmed by its shapes, the plain one by probes too.
     */
    static OnnxBuilder cycleGanLike(boolean normalised) {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 32, 32);
        String x = b.map("Pad", "pad_in", List.of("data", b.intTensor("pads_in", 0, 0, 3, 3, 0, 0, 3, 3)),
                string("mode", "reflect"));
        x = norm(b, normalised, "c7s1", b.conv("c7s1", x, 3, 4, 7, 7, 1));
        x = norm(b, normalised, "d1", b.conv("d1", x, 4, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)));
        x = norm(b, normalised, "d2", b.conv("d2", x, 4, 4, 3, 3, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)));
        String y = b.map("Pad", "r1_pad1", List.of(x, b.intTensor("pads_r1", 0, 0, 1, 1, 0, 0, 1, 1)),
                string("mode", "reflect"));
        y = norm(b, normalised, "r1_conv1", b.conv("r1_conv1", y, 4, 4, 3, 3, 1));
        y = b.map("Pad", "r1_pad2", List.of(y, b.intTensor("pads_r2", 0, 0, 1, 1, 0, 0, 1, 1)),
                string("mode", "reflect"));
        y = b.conv("r1_conv2", y, 4, 4, 3, 3, 1);
        y = normalised ? b.map("InstanceNormalization", "r1_norm2", List.of(y, b.weight("r1_norm2_scale", 1f, 4),
                b.weight("r1_norm2_bias", 0f, 4))) : y;
        x = b.merge("Add", "r1", x, y);
        x = norm(b, normalised, "u1", b.convTranspose("u1", x, 4, 4, 3, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                ints("output_padding", 1, 1)));
        x = norm(b, normalised, "u2", b.convTranspose("u2", x, 4, 4, 3, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                ints("output_padding", 1, 1)));
        x = b.map("Pad", "pad_out", List.of(x, b.intTensor("pads_out", 0, 0, 3, 3, 0, 0, 3, 3)),
                string("mode", "reflect"));
        x = b.conv("c7s1_out", x, 4, 3, 7, 7, 1);
        b.unary("Tanh", "tanh", x);
        return b;
    }

    /** Instance normalisation (scale 1, bias 0) after {@code x}, if {@code normalised}. */
    private static String norm(OnnxBuilder b, boolean normalised, String name, String x) {
        return !normalised ? x : b.map("InstanceNormalization", name + "_norm", List.of(x, b.weight(name + "_scale", 1f, 4),
                b.weight(name + "_bias", 0f, 4)));
    }

    /** Nearest upsampling in PyTorch's form and bilinear with half-pixel centres. */
    static OnnxBuilder upsampling() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 12, 10);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_nearest", List.of(x, "", b.floatTensor("scales", 1, 1, 2, 2)), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.map("Resize", "up_linear", List.of(x, "", b.floatTensor("scales3", 1, 1, 3, 3)), string("mode", "linear"),
                string("coordinate_transformation_mode", "pytorch_half_pixel"));
        b.conv("conv3", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * A strided 3x3 convolution (so that fields have phases) to {@code r^2} times two channels, a
     * DepthToSpace by {@code r} in {@code mode}, and a 1x1 convolution: the probes read channel 0
     * of the last map, and a shuffled unit's channels each come from a different input channel, so
     * the 1x1 convolution's positive weights sum them all and any lit channel shows.
     */
    static OnnxBuilder depthToSpace(String mode, int r) {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 13, 11);
        String x = b.conv("conv1", "data", 2, 2 * r * r, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("DepthToSpace", "ps", List.of(x), integer("blocksize", r), string("mode", mode));
        b.conv("mix", x, 2, 2, 1, 1, 1);
        return b;
    }

    /**
     * A padded 3x3 convolution, a pixel unshuffle by 2 (a SpaceToDepth node, or as torch 1.13 writes
     * {@code pixel_unshuffle}: Reshape to N x C x H/2 x 2 x W/2 x 2, Transpose perm (0, 1, 3, 5, 2, 4),
     * Reshape to N x 4C x H/2 x W/2), then a 3x3 convolution over all 4C channels: each channel of an
     * unshuffled unit holds one pixel of its block, and the convolution's positive weights sum them.
     */
    static OnnxBuilder spaceToDepth(boolean torch) {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 12, 10);
        String x = b.conv("conv1", "data", 2, 3, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        if (torch) {
            String blocks = b.node("Reshape", "pu_blocks", List.of(x, b.intTensor("pu_six", -1, 3, 6, 2, 5, 2)));
            String moved = b.node("Transpose", "pu_move", List.of(blocks), ints("perm", 0, 1, 3, 5, 2, 4));
            x = b.map("Reshape", "pu", List.of(moved, b.intTensor("pu_four", -1, 12, 6, 5)));
        } else {
            x = b.map("SpaceToDepth", "pu", List.of(x), integer("blocksize", 2));
        }
        b.conv("conv2", x, 12, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * The PyTorch super-resolution tutorial's ESPCN in miniature: 5x5, 3x3 and 3x3 convolutions with
     * ReLUs, the last to {@code 1 x 3 x 3} channels, and PixelShuffle(3) as torch.onnx writes it
     * (DepthToSpace, CRD). Its one output channel is the probed one.
     */
    static OnnxBuilder espcnLike() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 1, 10, 8);
        String x = b.unary("Relu", "relu1", b.conv("conv1", "data", 1, 8, 5, 5, 1, ints("pads", 2, 2, 2, 2)));
        x = b.unary("Relu", "relu2", b.conv("conv2", x, 8, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1)));
        x = b.conv("conv3", x, 4, 9, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        b.map("DepthToSpace", "shuffle", List.of(x), integer("blocksize", 3), string("mode", "CRD"));
        return b;
    }

    /**
     * A cubic resize of an {@code h x w} map to {@code outH x outW} between two 1x1 convolutions
     * (positive weights, no bias). A 1x1 convolution moves no pixel, so a pixel lit alone on a zero
     * image reaches each output unit through one term: its value times the product of the two
     * axes' cubic weights of that pixel (each nonzero inside the field, the taps clamped onto a
     * border unit included: {@code CubicKernel}), times positive channel sums; so a negative cubic
     * weight changes the unit as surely as a positive one, and nothing cancels. The probes are those
     * of every model: the corners of the clipped field read, the pixels just outside not.
     */
    static OnnxBuilder cubic(String coordinates, float a, boolean exclude, int h, int w, int outH, int outW) {
        boolean opset11 = coordinates.equals("tf_half_pixel_for_nn");
        OnnxBuilder b = new OnnxBuilder(opset11 ? 11 : 13, "data", 2, h, w);
        String x = b.conv("mix1", "data", 2, 3, 1, 1, 1);
        x = b.map("Resize", "up_cubic", List.of(x, opset11 ? b.floatTensor("roi") : "",
                opset11 ? b.floatTensor("none") : "", b.intTensor("sizes", 1, 3, outH, outW)), string("mode", "cubic"),
                string("coordinate_transformation_mode", coordinates), OnnxBuilder.floating("cubic_coeff_a", a),
                OnnxBuilder.integer("exclude_outside", exclude ? 1 : 0));
        b.conv("mix2", x, 3, 2, 1, 1, 1);
        return b;
    }

    /**
     * A MobileNetV3 block in miniature: a stride-3 convolution that leaves pixel 33 of the 34 unread
     * (the pooled region, [0, 32], is not the whole image: the pixel just past it is probed), a
     * depthwise 3x3, then the gate: global average pool, 1x1 convolutions, a hard sigmoid, and
     * {@code scale * input} as torchvision writes it; a 3x3 convolution after the gate. No padding,
     * so every field lies in the image and all four corners are probed: unit (0, 0) of the last
     * map reads [0, 14] through its windows, and pixel (32, 32) only through the gate.
     */
    static OnnxBuilder gated() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 34, 34);
        String x = b.convWithBias("conv1", "data", 3, 4, 3, 1f, ints("strides", 3, 3));
        x = b.unary("Relu", "relu1", x);
        x = b.conv("dw", x, 4, 4, 3, 3, 4);
        String se = b.map("GlobalAveragePool", "squeeze", List.of(x));
        se = b.unary("Relu", "fc1_relu", b.conv("fc1", se, 4, 2, 1, 1, 1));
        se = b.conv("fc2", se, 2, 4, 1, 1, 1);
        se = b.unary("HardSigmoid", "gate", se, OnnxBuilder.floating("alpha", 1f / 6), OnnxBuilder.floating("beta",
                0.5f));
        String y = b.merge("Mul", "excite", se, x);
        b.conv("project", y, 4, 4, 3, 3, 1);
        return b;
    }

    /**
     * Different whole factors per axis: nearest 3 wide by 2 high (scales), then bilinear with
     * half-pixel centres 1 wide by 3 high (sizes).
     */
    static OnnxBuilder perAxis() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 9, 7);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_wide", List.of(x, "", b.floatTensor("scales", 1, 1, 2, 3)), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.map("Resize", "up_tall", List.of(x, "", "", b.intTensor("sizes", 1, 2, 24, 9)),
                string("mode", "linear"), string("coordinate_transformation_mode", "half_pixel"));
        b.conv("conv3", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * ConvNeXt's LayerNorm2d between a patchify stem and a 3x3 convolution: Transpose to channels
     * last, LayerNormalization over the channels, Transpose back, declared unit by unit. The stem's
     * channels are in proportion 1 : 2 : 3 : 4 (equal ones would normalise to zero), and a ReLU
     * keeps the positive normalised channels, whose sum the next convolution takes.
     */
    static OnnxBuilder channelsLast() {
        OnnxBuilder b = new OnnxBuilder(17, "data", 3, 26, 22);
        String x = b.rampConv("stem", "data", 3, 4, 4, ints("strides", 4, 4));
        x = b.node("Transpose", "to_nhwc", List.of(x), ints("perm", 0, 2, 3, 1));
        x = b.node("LayerNormalization", "ln", List.of(x, b.weight("ln_scale", 1f, 4), b.weight("ln_bias", 0f, 4)),
                integer("axis", -1));
        x = b.node("Transpose", "to_nchw", List.of(x), ints("perm", 0, 3, 1, 2));
        x = b.unary("Relu", "relu", x);
        b.conv("conv", x, 4, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        return b;
    }

    /**
     * SSD's VGG body scales conv4_3 by {@code F.normalize}: ReduceL2 over the channels, Clip at a
     * small epsilon, Expand back to the map's shape, Div, then a learnt scale per channel; refused
     * until the sweep of issue 11 ("reads a statistic over the channels" at the Expand). An unlit
     * unit's norm is zero, clipped to epsilon, and its channels stay zero; a lit unit's stay positive.
     */
    static OnnxBuilder l2Normalized() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 19, 17);
        String x = b.conv("conv4_3", "data", 3, 4, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        String norm = b.node("ReduceL2", "norm", List.of(x), ints("axes", 1), integer("keepdims", 1));
        String clipped = b.node("Clip", "clip", List.of(norm, b.weight("eps", 1e-12f)));
        String shape = b.node("Shape", "shape", List.of(x));
        String expanded = b.node("Expand", "expand", List.of(clipped, shape));
        String normalized = b.node("Div", "div", List.of(x, expanded));
        String scaled = b.node("Mul", "scale", List.of(b.weight("scale_weight", 20f, 1, 4, 1, 1), normalized));
        String x2 = b.conv("conv", scaled, 4, 4, 3, 3, 1, ints("strides", 2, 2));
        b.conv("head", x2, 4, 4, 2, 2, 1);
        return b;
    }

    /**
     * Swin pads its channels-last map to whole windows: Pad of an N x H x W x C tensor, whose pads
     * list the rows and columns second and third; different on every side, so that a side taken
     * for another moves the fields the strided convolution after it reads.
     */
    static OnnxBuilder channelsLastPadded() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 25, 22);
        String x = b.rampConv("stem", "data", 3, 4, 4, ints("strides", 4, 4));
        x = b.node("Transpose", "to_nhwc", List.of(x), ints("perm", 0, 2, 3, 1));
        x = b.node("Pad", "pad_to_windows", List.of(x, b.intTensor("pads", 0, 1, 3, 0, 0, 2, 0, 0)));
        x = b.node("Transpose", "to_nchw", List.of(x), ints("perm", 0, 3, 1, 2));
        x = b.conv("conv", x, 4, 4, 3, 3, 1, ints("strides", 2, 2));
        b.conv("head", x, 4, 4, 2, 2, 1);
        return b;
    }

    /**
     * ConvNeXt's block as torch.onnx writes it: a 7x7 depthwise convolution, Transpose to channels
     * last, layer normalisation over the channels (opset 17: LayerNormalization; before: ReduceMean,
     * Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), MatMul by a [C, 4C] weight and bias, GELU as
     * Div, Erf, Add, Mul, Mul, MatMul back to C and bias, Transpose back, layer scale, residual Add,
     * then a strided convolution so that the fields have phases. The stem's channels are in
     * proportion 1 : 2 : ..., and the normalisation's scale is 1, 2, ...: a lit unit's normalised
     * channels rise with the channel, so their weighted sum, through positive MatMul weights and
     * GELU (positive for positive inputs), stays positive; an unlit unit stays exactly zero.
     */
    static OnnxBuilder convNeXtBlock(int opset) {
        int c = 4;
        OnnxBuilder b = new OnnxBuilder(opset, "data", 3, 30, 27);
        String stem = b.rampConv("stem", "data", 3, c, 2, ints("strides", 2, 2));
        String x = b.conv("dwconv", stem, c, c, 7, 7, c, ints("pads", 3, 3, 3, 3));
        x = b.node("Transpose", "to_nhwc", List.of(x), ints("perm", 0, 2, 3, 1));
        float[] ramp = {1, 2, 3, 4};
        if (opset >= 17) {
            x = b.node("LayerNormalization", "ln", List.of(x, b.floatTensor("ln_scale", ramp),
                    b.weight("ln_bias", 0f, c)), integer("axis", -1));
        } else {
            String mean = b.node("ReduceMean", "ln_mean", List.of(x), ints("axes", -1));
            String centred = b.node("Sub", "ln_sub", List.of(x, mean));
            String square = b.node("Pow", "ln_pow", List.of(centred, b.floatTensor("two", 2f)));
            String variance = b.node("ReduceMean", "ln_var", List.of(square), ints("axes", -1));
            String shifted = b.node("Add", "ln_eps", List.of(variance, b.floatTensor("eps", 1e-6f)));
            String deviation = b.node("Sqrt", "ln_sqrt", List.of(shifted));
            String normalised = b.node("Div", "ln_div", List.of(centred, deviation));
            String scaled = b.node("Mul", "ln_mul", List.of(normalised, b.floatTensor("ln_scale", ramp)));
            x = b.node("Add", "ln_add", List.of(scaled, b.weight("ln_bias", 0f, c)));
        }
        x = b.node("MatMul", "pwconv1", List.of(x, b.weight("pwconv1_W", 1f / c, c, 4 * c)));
        x = b.node("Add", "pwconv1_bias", List.of(x, b.weight("pwconv1_B", 0f, 4 * c)));
        String half = b.node("Div", "gelu_div", List.of(x, b.floatTensor("sqrt2", 1.4142135f)));
        String erf = b.node("Erf", "gelu_erf", List.of(half));
        String one = b.node("Add", "gelu_add", List.of(erf, b.floatTensor("one", 1f)));
        String product = b.node("Mul", "gelu_mul", List.of(x, one));
        x = b.node("Mul", "gelu_half", List.of(product, b.floatTensor("half", 0.5f)));
        x = b.node("MatMul", "pwconv2", List.of(x, b.weight("pwconv2_W", 1f / (4 * c), 4 * c, c)));
        x = b.node("Add", "pwconv2_bias", List.of(x, b.weight("pwconv2_B", 0f, c)));
        x = b.node("Transpose", "to_nchw", List.of(x), ints("perm", 0, 3, 1, 2));
        x = b.map("Mul", "layer_scale", List.of(x, b.weight("gamma", 0.5f, c, 1, 1)));
        x = b.merge("Add", "residual", x, stem);
        b.conv("head", x, c, c, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * torch.nn.GroupNorm as torch.onnx writes it before opset 18: Reshape to N x groups x -1,
     * InstanceNormalization, Reshape back (to the Shape of its input), Mul and Add per channel.
     * One lit pixel moves the mean and variance of its group, so every unit of the group changes;
     * pixel 30 of the 31 is read by none.
     */
    static OnnxBuilder groupNormalized() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 31, 31);
        String x = b.conv("conv1", "data", 2, 4, 3, 3, 1, ints("strides", 3, 3));
        String grouped = b.node("Reshape", "gn_group", List.of(x, b.intTensor("gn_shape", 0, 2, -1)));
        String normalised = b.node("InstanceNormalization", "gn_norm", List.of(grouped, b.weight("gn_ones", 1f, 2),
                b.weight("gn_zeros", 0f, 2)));
        String shape = b.node("Shape", "gn_shape_of", List.of(x));
        x = b.map("Reshape", "gn_back", List.of(normalised, shape));
        x = b.map("Mul", "gn_scale", List.of(x, b.weight("gn_gamma", 2f, 4, 1, 1)));
        x = b.map("Add", "gn_shift", List.of(x, b.weight("gn_beta", 0f, 4, 1, 1)));
        b.conv("conv2", x, 4, 4, 3, 3, 1);
        return b;
    }

    /**
     * torchvision's GoogLeNet and Inception v3 {@code transform_input}: each channel picked by a
     * Gather of one index on axis 1, given its axis back by Unsqueeze, scaled and shifted, the
     * three concatenated; then a strided convolution.
     */
    static OnnxBuilder transformInput() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 3, 23, 19);
        List<String> channels = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            String picked = b.node("Gather", "pick" + k, List.of("data", b.intScalar("index" + k, k)),
                    integer("axis", 1));
            String unsqueezed = b.node("Unsqueeze", "unsqueeze" + k, List.of(picked, b.intTensor("axes" + k, 1)));
            String scaled = b.map("Mul", "scale" + k, List.of(unsqueezed, b.floatTensor("factor" + k, 0.4f + k / 10f)));
            channels.add(b.map("Add", "shift" + k, List.of(scaled, b.floatTensor("offset" + k, -0.03f))));
        }
        String x = b.merge("Concat", "transformed", channels.toArray(String[]::new));
        b.conv("conv1", x, 3, 4, 5, 5, 1, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        return b;
    }

    /**
     * Opset 18's forms: a Split by {@code num_outputs} (5 channels into 3 and 2) and a Pad of the
     * rows and columns listed by an {@code axes} input (1 row before, 0 after; 2 columns before,
     * 1 after), then a strided convolution.
     */
    static OnnxBuilder opset18() {
        OnnxBuilder b = new OnnxBuilder(18, "data", 2, 21, 18);
        String x = b.conv("conv1", "data", 2, 5, 3, 3, 1, ints("strides", 2, 2));
        List<String> parts = b.splitInto("halves", x, 2);
        x = b.map("Pad", "pad", List.of(parts.get(0), b.intTensor("pads", 1, 2, 0, 1), "", b.intTensor("axes", 2, 3)));
        b.conv("conv2", x, 3, 3, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /** Instance normalisation between two convolutions; pixel 30 of the 31 is read by none. */
    static OnnxBuilder instanceNormalized() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 31, 31);
        String x = b.conv("conv1", "data", 2, 3, 3, 3, 1, ints("strides", 3, 3));
        x = b.map("InstanceNormalization", "norm", List.of(x, b.weight("norm_scale", 1f, 3),
                b.weight("norm_bias", 0f, 3)));
        b.conv("conv2", x, 3, 3, 3, 3, 1);
        return b;
    }

    /**
     * Bilinear upsampling with asymmetric positions (2 wide by 3 high) and with aligned corners
     * (by 2, then 3 wide by 1 high, from sizes), after strided convolutions so that the fields
     * have phases; aligned corners repeat only every {@code (N - 1) / gcd(n - 1, f - 1)} units.
     */
    static OnnxBuilder coordinates() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 13, 11);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_asym", List.of(x, "", b.floatTensor("scales", 1, 1, 3, 2)), string("mode", "linear"),
                string("coordinate_transformation_mode", "asymmetric"));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_corners", List.of(x, "", b.floatTensor("scales2", 1, 1, 2, 2)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        x = b.conv("conv3", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.map("Resize", "up_wide", List.of(x, "", "", b.intTensor("sizes", 1, 2, 16, 48)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        b.conv("conv4", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * Linear resizes to sizes that are no whole multiple of their input, between strided
     * convolutions: 33 to 65 rows (LR-ASPP's) and 21 to 30 columns with half-pixel positions, then
     * 32 to 40 rows and 14 to 21 columns asymmetric.
     */
    static OnnxBuilder fractional() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 33, 21);
        String x = b.map("Resize", "up_half", List.of("data", "", "", b.intTensor("sizes", 1, 2, 65, 30)),
                string("mode", "linear"), string("coordinate_transformation_mode", "half_pixel"));
        x = b.conv("conv1", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_asym", List.of(x, "", "", b.intTensor("sizes2", 1, 2, 40, 21)),
                string("mode", "linear"), string("coordinate_transformation_mode", "asymmetric"));
        b.conv("conv2", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /** Linear resizes with aligned corners from 7 to 10 rows and 6 to 10 columns after a strided convolution. */
    static OnnxBuilder fractionalCorners() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 15, 13);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Resize", "up_corners", List.of(x, "", "", b.intTensor("sizes", 1, 2, 10, 10)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        return b;
    }

    /**
     * Linear resizes that shrink (no antialiasing): PyTorch's {@code interpolate(scale_factor = 0.5)}
     * as scales with pytorch_half_pixel positions (31x29 to 15x14, two units apart), then to sizes
     * 9x5 asymmetric and 4x3 with aligned corners, between convolutions.
     */
    static OnnxBuilder shrinking() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 31, 29);
        String x = b.map("Resize", "down_half", List.of("data", "", b.floatTensor("scales", 1, 1, 0.5f, 0.5f)),
                string("mode", "linear"), string("coordinate_transformation_mode", "pytorch_half_pixel"));
        x = b.conv("conv1", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.map("Resize", "down_asym", List.of(x, "", "", b.intTensor("sizes", 1, 2, 9, 5)),
                string("mode", "linear"), string("coordinate_transformation_mode", "asymmetric"));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        b.map("Resize", "down_corners", List.of(x, "", "", b.intTensor("sizes2", 1, 2, 4, 3)),
                string("mode", "linear"), string("coordinate_transformation_mode", "align_corners"));
        return b;
    }

    /**
     * Linear resizes with {@code tf_half_pixel_for_nn} positions (opset 11): up by scales 2 and 3,
     * then down to sizes 7x11, between convolutions.
     */
    static OnnxBuilder tfHalfPixel() {
        OnnxBuilder b = new OnnxBuilder(11, "data", 2, 12, 10);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        // Opset 11 requires roi and scales as inputs: empty tensors where they do not apply.
        x = b.map("Resize", "up_tf", List.of(x, b.floatTensor("roi"), b.floatTensor("scales", 1, 1, 2, 3)),
                string("mode", "linear"), string("coordinate_transformation_mode", "tf_half_pixel_for_nn"));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        b.map("Resize", "down_tf", List.of(x, b.floatTensor("roi2"), b.floatTensor("none"),
                        b.intTensor("sizes", 1, 2, 7, 11)),
                string("mode", "linear"), string("coordinate_transformation_mode", "tf_half_pixel_for_nn"));
        return b;
    }

    /** ONNX's older {@code Upsample} (opset 9): linear with asymmetric positions, per-axis scales. */
    static OnnxBuilder upsampleOpset9() {
        OnnxBuilder b = new OnnxBuilder(9, "data", 2, 10, 9);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.map("Upsample", "up", List.of(x, b.floatTensor("scales", 1, 1, 2, 3)), string("mode", "linear"));
        b.conv("conv2", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * Dilated max pooling (ONNX opset 10 on) rounding up, and dilated average pooling (opset 19),
     * each padded up to half its span, between convolutions whose 3x3 kernels fill the holes.
     */
    static OnnxBuilder dilatedPooling() {
        OnnxBuilder b = new OnnxBuilder(19, "data", 2, 29, 26);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.maxPool("dmax", x, ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 2, 1, 2, 1),
                ints("dilations", 2, 3), integer("ceil_mode", 1));
        x = b.avgPool("davg", x, ints("kernel_shape", 3, 2), ints("strides", 1, 1), ints("pads", 2, 0, 2, 0),
                ints("dilations", 2, 2));
        b.conv("conv2", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * A stride-1 transposed convolution dilated 2 by 3 over a strided map, then a dense stride-2
     * one: the dilated kernel's taps interleave with the map's phases.
     */
    static OnnxBuilder dilatedDeconv() {
        OnnxBuilder b = new OnnxBuilder(13, "data", 2, 23, 21);
        String x = b.conv("conv1", "data", 2, 2, 3, 3, 1, ints("strides", 2, 2));
        x = b.convTranspose("dilated_up", x, 2, 2, 3, ints("dilations", 2, 3), ints("pads", 2, 1, 2, 1));
        x = b.conv("conv2", x, 2, 2, 3, 3, 1, ints("pads", 1, 1, 1, 1));
        x = b.convTranspose("up", x, 2, 2, 4, ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        b.conv("conv3", x, 2, 2, 3, 3, 1, ints("strides", 2, 2));
        return b;
    }

    /**
     * Single transposed convolutions: dilated 2 along the rows (stride 1) and dense with stride 2
     * along the columns; and stride 2 with {@code auto_pad} SAME_UPPER and SAME_LOWER, whose odd
     * total padding goes after (UPPER) or before (LOWER), by the operator's definition: total
     * {@code s * (n - 1) + ke - n * s}, split {@code total / 2} before for SAME_UPPER,
     * {@code total - total / 2} before for SAME_LOWER (computed here, from the ONNX text).
     */
    static Stream<Arguments> transposed() {
        return Stream.of(
                Arguments.of("dilated", 3, new int[] {1, 2}, new int[] {2, 1}, "NOTSET", new int[] {1, 1, 1, 1}),
                Arguments.of("SAME_UPPER", 3, new int[] {2, 2}, new int[] {1, 1}, "SAME_UPPER", null),
                Arguments.of("SAME_LOWER", 4, new int[] {3, 2}, new int[] {1, 1}, "SAME_LOWER", null),
                Arguments.of("more padding after", 3, new int[] {2, 2}, new int[] {1, 1}, "NOTSET",
                        new int[] {0, 1, 2, 2}));
    }

    /**
     * For every output unit and input pixel, whether ONNX Runtime's unit changes when the pixel is
     * set is compared with the scatter the attributes give (input unit u reaches output unit v
     * when {@code v + pb = s * u + j * d} for a tap {@code j < k}, computed here); the geometry's
     * field of each unit runs from the first input unit that reaches it to the last; and the
     * output is {@code n * s} under SAME_*.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transposed")
    void aTransposedConvolutionReadsExactlyTheUnitsItsTapsScatterFrom(String title, int k, int[] s, int[] d,
                                                                     String autoPad, int[] explicitPads)
            throws Exception {
        int[] n = {7, 6};
        int[] pads = explicitPads;
        if (pads == null) {
            pads = new int[4];
            for (int a = 0; a < 2; a++) {
                int total = s[a] * (n[a] - 1) + d[a] * (k - 1) + 1 - n[a] * s[a];
                pads[a] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                pads[a + 2] = total - pads[a];
            }
        }
        OnnxBuilder b = new OnnxBuilder(13, "data", 1, n[0], n[1]);
        b.convTranspose("up", "data", 1, 1, k, ints("strides", s[0], s[1]), ints("dilations", d[0], d[1]),
                explicitPads != null ? ints("pads", pads[0], pads[1], pads[2], pads[3]) : string("auto_pad", autoPad));
        ModelProto proto = b.build("up_out");
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        Generated.compile("com.example", "Imported", JavaWriter.write(checked, "com.example", "Imported"));
        Shape input = checked.network().input();
        LayerGeometry g = checked.geometry().get(0);
        if (explicitPads == null) {
            assertEquals(new Shape(1, n[0] * s[0], n[1] * s[1]), g.output(), title + ": SAME_* gives n * s");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int compared = 0;
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions())) {
            for (int py = 0; py < input.height(); py++) {
                for (int px = 0; px < input.width(); px++) {
                    float[][] out = single(env, session, input, "up_out", px, py);
                    assertEquals(g.output().height(), out.length, title + ": rows");
                    assertEquals(g.output().width(), out[0].length, title + ": columns");
                    for (int vy = 0; vy < out.length; vy++) {
                        for (int vx = 0; vx < out[0].length; vx++) {
                            boolean reached = scatters(py, vy, k, s[0], d[0], pads[0])
                                    && scatters(px, vx, k, s[1], d[1], pads[1]);
                            assertEquals(reached, out[vy][vx] != 0f, title + ": unit " + vx + "," + vy
                                    + " and pixel " + px + "," + py);
                            compared++;
                        }
                    }
                }
            }
        }
        for (int vy = 0; vy < g.output().height(); vy++) {
            for (int vx = 0; vx < g.output().width(); vx++) {
                assertEquals(new Box(firstScattering(vx, k, s[1], d[1], pads[1]),
                        firstScattering(vy, k, s[0], d[0], pads[0]), lastScattering(vx, k, s[1], d[1], pads[1]),
                        lastScattering(vy, k, s[0], d[0], pads[0])), g.receptiveField(vx, vy),
                        title + ": field of unit " + vx + "," + vy);
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    private static boolean scatters(int u, int v, int k, int s, int d, int padBefore) {
        for (int j = 0; j < k; j++) {
            if (s * u + j * d == v + padBefore) {
                return true;
            }
        }
        return false;
    }

    private static int firstScattering(int v, int k, int s, int d, int padBefore) {
        for (int u = -v - k * d - padBefore; ; u++) {
            if (scatters(u, v, k, s, d, padBefore)) {
                return u;
            }
        }
    }

    private static int lastScattering(int v, int k, int s, int d, int padBefore) {
        for (int u = v + padBefore + 1; ; u--) {
            if (scatters(u, v, k, s, d, padBefore)) {
                return u;
            }
        }
    }

    /**
     * Single dilated layers, where the holes of the window matter: for every output unit and every
     * input pixel, whether ONNX Runtime's unit changes when the pixel is set is compared with the
     * taps the layer's attributes give, {@code v * s - pb + j * d} for {@code j < k} along each axis
     * (computed here, from the ONNX attributes, not from convgeom); and the geometry's field of the
     * unit is the span from its first tap to its last. (ONNX Runtime wants each pad below the
     * kernel, not its span; asymmetric pads become a {@code @Pad} before the pooling.)
     */
    static Stream<Arguments> dilatedLayers() {
        return Stream.of(
                Arguments.of("MaxPool", new int[] {3, 2}, new int[] {2, 1}, new int[] {2, 3}, new int[] {2, 0, 2, 1}, 1),
                Arguments.of("AveragePool", new int[] {2, 3}, new int[] {1, 2}, new int[] {3, 2}, new int[] {1, 2, 1, 1},
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dilatedLayers")
    void aDilatedWindowReadsExactlyItsTaps(String op, int[] k, int[] s, int[] d, int[] pads, int ceil)
            throws Exception {
        OnnxBuilder b = new OnnxBuilder(19, "data", 1, 12, 10);
        b.map(op, "pool", List.of("data"), ints("kernel_shape", k[0], k[1]), ints("strides", s[0], s[1]),
                ints("dilations", d[0], d[1]), ints("pads", pads[0], pads[1], pads[2], pads[3]),
                integer("ceil_mode", ceil));
        ModelProto proto = b.build("pool_out");
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        Generated.compile("com.example", "Imported", JavaWriter.write(checked, "com.example", "Imported"));
        Shape input = checked.network().input();
        LayerGeometry g = checked.geometry().get(checked.geometry().size() - 1);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int checkedPairs = 0;
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions())) {
            for (int py = 0; py < input.height(); py++) {
                for (int px = 0; px < input.width(); px++) {
                    float[][] out = single(env, session, input, "pool_out", px, py);
                    assertEquals(g.output().height(), out.length, op + ": rows");
                    assertEquals(g.output().width(), out[0].length, op + ": columns");
                    for (int vy = 0; vy < out.length; vy++) {
                        for (int vx = 0; vx < out[0].length; vx++) {
                            boolean tap = isTap(py, vy, k[0], s[0], d[0], pads[0])
                                    && isTap(px, vx, k[1], s[1], d[1], pads[1]);
                            assertEquals(tap, out[vy][vx] != 0f,
                                    op + ": unit " + vx + "," + vy + " and pixel " + px + "," + py);
                            checkedPairs++;
                        }
                    }
                }
            }
        }
        for (int vy = 0; vy < g.output().height(); vy++) {
            for (int vx = 0; vx < g.output().width(); vx++) {
                int top = vy * s[0] - pads[0];
                int left = vx * s[1] - pads[1];
                assertEquals(new Box(left, top, left + d[1] * (k[1] - 1), top + d[0] * (k[0] - 1)),
                        g.receptiveField(vx, vy), op + ": field of unit " + vx + "," + vy);
            }
        }
        assertTrue(checkedPairs > 1000, "compared " + checkedPairs);
    }

    private static boolean isTap(int pixel, int unit, int k, int s, int d, int padBefore) {
        for (int j = 0; j < k; j++) {
            if (unit * s - padBefore + j * d == pixel) {
                return true;
            }
        }
        return false;
    }

    /** The first channel of {@code output} when only pixel {@code (px, py)} of the image is 1. */
    private static float[][] single(OrtEnvironment env, OrtSession session, Shape input, String output, int px,
                                    int py) throws Exception {
        float[] image = new float[input.channels() * input.height() * input.width()];
        for (int c = 0; c < input.channels(); c++) {
            image[(c * input.height() + py) * input.width() + px] = 1f;
        }
        try (OnnxTensor t = tensor(env, image, input); OrtSession.Result result = session.run(Map.of(
                session.getInputNames().iterator().next(), t), java.util.Set.of(output))) {
            return ((float[][][][]) result.get(0).getValue())[0][0];
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeComputesTheShapesAndReadsThePixelsTheGeometryClaims(String title, Supplier<OnnxBuilder> model)
            throws Exception {
        OnnxBuilder builder = model.get();
        List<String> maps = builder.featureMaps();
        confirm(title, builder.build(maps.get(maps.size() - 1) + "_out"));
    }

    /**
     * Graphs of the project's random graph generator ({@link RandomDags}, few channels), written to
     * ONNX by {@link DagOnnxWriter}, imported and confirmed as the models above: these seeds' graphs
     * hold only layers the importer reads back (a crop is a spatial Slice, which it refuses, and
     * the writer's forms of the gate and the instance normalisation are not the importer's).
     * {@link RandomDagOnnxRuntimeTest} confirms the engine on every graph, without the importer.
     * (Seed 15, whose SAME_UPPER average pooling of odd padding crashed the writer, now imports: see
     * {@code OnnxImportTest.sameUpperPoolingWithOddPaddingIsDeclaredSame}; its last map's fields
     * cover the image, leaving too few pixels to probe here. Seed 12 gained a pixel shuffle tail
     * whose last map's fields cover the image too; seed 36, which ends in an ESPCN head, replaces it.)
     */
    @ParameterizedTest(name = "random graph, seed {0}")
    @ValueSource(longs = {1, 3, 5, 13, 14, 19, 24, 36})
    void onnxRuntimeConfirmsTheImportOfTheGeneratorsGraphs(long seed) throws Exception {
        RandomDags.Dag dag = RandomDags.generateNarrow(seed);
        confirm("seed " + seed, DagOnnxWriter.write(dag.input(), RandomDagOnnxRuntimeTest.validPrefix(dag)));
    }

    private void confirm(String title, ModelProto proto) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, proto.toByteArray());
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        Generated.compile("com.example", "Imported", JavaWriter.write(checked, "com.example", "Imported"));

        Shape input = checked.network().input();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions())) {
            Map<String, long[]> shapes = shapes(env, session, input);
            int last = -1;
            int compared = 0;
            for (int i = 0; i < checked.network().layers().size(); i++) {
                ImportedLayer layer = checked.network().layers().get(i);
                long[] actual = shapes.getOrDefault(layer.source() + "_out", shapes.get(layer.source()));
                if (actual == null || actual.length != 4) {
                    continue;
                }
                Shape geometry = checked.geometry().get(i).output();
                assertArrayEquals(new long[] {1, geometry.channels(), geometry.height(), geometry.width()}, actual,
                        title + ": shape of " + layer.source());
                compared++;
                if (geometry.height() * geometry.width() > 1) {
                    last = i;
                }
            }
            assertTrue(compared >= 3, "compared " + compared + " shapes");
            LayerGeometry target = checked.geometry().get(last);
            String output = checked.network().layers().get(last).source() + "_out";
            boolean dense = checked.network().layers().stream()
                    .allMatch(l -> l.y() == null || (l.y().dilation() == 1 && l.x().dilation() == 1));
            probeFields(env, session, input, target, output, title, dense);
        }
    }

    /**
     * CycleGAN's generator with its instance normalisations: imported (reflect pads as
     * {@code @Pad(mode = REFLECT)}), compiled, and every 4-D tensor ONNX Runtime computes has the
     * shape the geometry gives.
     */
    @Test
    void cycleGanWithInstanceNormalisationHasTheShapesTheGeometryGives() throws Exception {
        OnnxBuilder builder = cycleGanLike(true);
        List<String> maps = builder.featureMaps();
        ModelProto proto = builder.build(maps.get(maps.size() - 1) + "_out");
        Path file = dir.resolve("cyclegan.onnx");
        Files.write(file, proto.toByteArray());
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        String java = JavaWriter.write(checked, "com.example", "Imported");
        assertTrue(java.contains("mode = Pad.Mode.REFLECT"), java);
        Generated.compile("com.example", "Imported", java);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions())) {
            Map<String, long[]> shapes = shapes(env, session, checked.network().input());
            int compared = 0;
            for (int i = 0; i < checked.network().layers().size(); i++) {
                ImportedLayer layer = checked.network().layers().get(i);
                long[] actual = shapes.getOrDefault(layer.source() + "_out", shapes.get(layer.source()));
                if (actual != null && actual.length == 4) {
                    Shape geometry = checked.geometry().get(i).output();
                    assertArrayEquals(new long[] {1, geometry.channels(), geometry.height(), geometry.width()},
                            actual, "shape of " + layer.source());
                    compared++;
                }
            }
            assertTrue(compared >= 20, "compared " + compared + " shapes");
        }
    }

    /**
     * The ShuffleNet-like model declares its four ranges and three shuffles as such, and each of
     * them is one of the tensors whose shape the confirmation above compares.
     */
    @Test
    void shuffleNetLikeDeclaresEveryChannelOperationAndComparesItsShape() throws Exception {
        OnnxBuilder builder = shuffleNetLike();
        List<String> maps = builder.featureMaps();
        ModelProto proto = builder.build(maps.get(maps.size() - 1) + "_out");
        Path file = dir.resolve("shuffle.onnx");
        Files.write(file, proto.toByteArray());
        Checked checked = ModelImporter.read(file, null, "Imported", line -> { });
        java.util.Set<String> outputs = new java.util.HashSet<>();
        proto.getGraph().getOutputList().forEach(o -> outputs.add(o.getName()));
        List<String> channelLayers = new ArrayList<>();
        for (ImportedLayer layer : checked.network().layers()) {
            if (layer.kind() == LayerKind.CHANNELS || layer.kind() == LayerKind.CHANNEL_SHUFFLE) {
                assertTrue(outputs.contains(layer.source()) || outputs.contains(layer.source() + "_out"),
                        layer.source());
                channelLayers.add(layer.kind().annotation() + " " + layer.source() + " " + layer.firstChannel() + "+"
                        + layer.output().channels() + (layer.kind() == LayerKind.CHANNEL_SHUFFLE ? "/" + layer.groups()
                        : ""));
            }
        }
        assertEquals(List.of("ChannelShuffle shuffle1 0+8/2", "Channels split2_0 0+3", "Channels split2_1 3+5",
                "ChannelShuffle shuffle2 0+8/4", "Channels chunk0 0+4", "Channels chunk1 4+4",
                "ChannelShuffle shuffle3 0+8/2"), channelLayers);
    }

    private static Map<String, long[]> shapes(OrtEnvironment env, OrtSession session, Shape input) throws Exception {
        float[] zeros = new float[input.channels() * input.height() * input.width()];
        try (OnnxTensor t = tensor(env, zeros, input); OrtSession.Result result = session.run(Map.of(
                session.getInputNames().iterator().next(), t))) {
            Map<String, long[]> shapes = new java.util.HashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                shapes.put(e.getKey(), ((OnnxTensor) e.getValue()).getInfo().getShape());
            }
            return shapes;
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, float[] data, Shape s) throws Exception {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {1, s.channels(), s.height(),
                s.width()});
    }

    /**
     * Corners, edge middles and centre of the map; for each, pixels just outside its field (never
     * read) and at the corners of its field clipped to the image (read). A field is reported
     * unclipped, through the padding of every layer: where a layer leaves the last rows or columns
     * of its input unread, the next layer's trailing padding lies over image pixels that nothing
     * reads (the geometry reference's second trap). Padding before a layer always lies before the
     * image, so the first (top-left) corner of the clipped field is always read; the other corners
     * are asserted for units whose field lies inside the image. A dilated kernel leaves holes in
     * the field, which may fall on those corners: with dilation only the outside is probed.
     */
    private static void probeFields(OrtEnvironment env, OrtSession session, Shape input, LayerGeometry target,
                                    String output, String title, boolean dense) throws Exception {
        int w = target.output().width();
        int h = target.output().height();
        int[][] units = {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}, {w / 2, 0}, {0, h / 2}, {w / 2, h / 2}};
        int probes = 0;
        for (int[] u : units) {
            Box field = target.receptiveField(u[0], u[1]);
            int left = Math.max(field.left(), 0);
            int top = Math.max(field.top(), 0);
            int right = Math.min(field.right(), input.width() - 1);
            int bottom = Math.min(field.bottom(), input.height() - 1);
            boolean withinImage = field.right() < input.width() && field.bottom() < input.height();
            // A field wholly beside the image (through padding only) has no pixel to light.
            boolean empty = left > right || top > bottom;
            int[][] inside = !dense || empty ? new int[0][] : withinImage ? new int[][] {{left, top}, {right, top}, {left, bottom}, {right, bottom}}
                    : new int[][] {{left, top}};
            for (int[] p : inside) {
                assertTrue(reads(env, session, input, output, target, u, p),
                        title + ": unit " + u[0] + "," + u[1] + " of " + target.name() + " (field " + field
                                + ") should read pixel " + p[0] + "," + p[1]);
                probes++;
            }
            int midX = (left + right) / 2;
            int midY = (top + bottom) / 2;
            int[][] outside = {{field.left() - 1, midY}, {field.right() + 1, midY}, {midX, field.top() - 1},
                    {midX, field.bottom() + 1}, {field.left() - 1, field.top() - 1},
                    {field.right() + 1, field.bottom() + 1}};
            for (int[] p : outside) {
                if (p[0] >= 0 && p[0] < input.width() && p[1] >= 0 && p[1] < input.height()) {
                    assertTrue(!reads(env, session, input, output, target, u, p),
                            title + ": unit " + u[0] + "," + u[1] + " of " + target.name() + " (field " + field
                                    + ") should not read pixel " + p[0] + "," + p[1]);
                    probes++;
                }
            }
        }
        assertTrue(probes >= 10, "probed " + probes + " pixels");
    }

    /**
     * Whether unit {@code u} of the output changes, from its value on the all-zero image, when only
     * pixel {@code p} (all channels) is 1.
     */
    private static boolean reads(OrtEnvironment env, OrtSession session, Shape input, String output,
                                 LayerGeometry target, int[] u, int[] p) throws Exception {
        float[] image = new float[input.channels() * input.height() * input.width()];
        float[][][] zero = run(env, session, input, output, target, image);
        for (int c = 0; c < input.channels(); c++) {
            image[(c * input.height() + p[1]) * input.width() + p[0]] = 1f;
        }
        float[][][] lit = run(env, session, input, output, target, image);
        for (int c = 0; c < lit.length; c++) {
            if (lit[c][u[1]][u[0]] != zero[c][u[1]][u[0]]) {
                return true;
            }
        }
        return false;
    }

    private static float[][][] run(OrtEnvironment env, OrtSession session, Shape input, String output,
                                   LayerGeometry target, float[] image) throws Exception {
        try (OnnxTensor t = tensor(env, image, input); OrtSession.Result result = session.run(Map.of(
                session.getInputNames().iterator().next(), t), java.util.Set.of(output))) {
            float[][][][] values = (float[][][][]) result.get(0).getValue();
            assertEquals(target.output().channels(), values[0].length);
            return values[0];
        }
    }
}
