package dev.convgeom.example;

import dev.convgeom.Add;
import dev.convgeom.Conv;
import dev.convgeom.Crop;
import dev.convgeom.Deconv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;

/**
 * FCN-16s from Long, Shelhamer and Darrell, "Fully Convolutional Networks for Semantic
 * Segmentation" (CVPR 2015, arXiv:1411.4038), as released for PASCAL VOC
 * ({@code shelhamer/fcn.berkeleyvision.org}, {@code voc-fcn16s/net.py}), at a 500x500 input.
 *
 * <p>The trunk is that of {@link Fcn32s} (VGG-16 as convolutions, {@code conv1_1} padded by 100,
 * Caffe's rounding-up pooling), repeated here because each {@code @Network} class stands alone.
 * Instead of upsampling the coarse scores 32 times at once, FCN-16s upsamples them twice
 * ({@code upscore2}), adds scores predicted from {@code pool4} ({@code score_pool4}), and
 * upsamples the sum 16 times. The two score maps cover different areas: {@code score_pool4} must
 * first be cropped to {@code upscore2}'s size where its units line up ({@code score_pool4c}), and
 * the final map cropped to the input's ({@code score}).
 *
 * <p>Neither crop offset is written here: {@code net.py} leaves them to Caffe's
 * {@code coord_map.crop}, this class to the processor ({@code @Crop(like = ...)}), which puts
 * them in {@code Fcn16sGeometry} and the manifest; the tests check them against the prototxt Caffe
 * generated. The {@code @Add} checks that the two score maps it sums are aligned after the crop.
 *
 * <p>Field names are those of {@code net.py}; the in-place ReLU and dropout layers and the loss
 * are left out, as in {@link Fcn32s}.
 */
@Network(input = @Input(channels = 3, height = 500, width = 500))
public class Fcn16s {
    @Conv(out = 64, k = 3, p = 100)                      Object conv1_1;
    @Conv(out = 64, k = 3, p = 1)                        Object conv1_2;
    @MaxPool(k = 2, s = 2, ceil = true)                  Object pool1;

    @Conv(out = 128, k = 3, p = 1)                       Object conv2_1;
    @Conv(out = 128, k = 3, p = 1)                       Object conv2_2;
    @MaxPool(k = 2, s = 2, ceil = true)                  Object pool2;

    @Conv(out = 256, k = 3, p = 1)                       Object conv3_1;
    @Conv(out = 256, k = 3, p = 1)                       Object conv3_2;
    @Conv(out = 256, k = 3, p = 1)                       Object conv3_3;
    @MaxPool(k = 2, s = 2, ceil = true)                  Object pool3;

    @Conv(out = 512, k = 3, p = 1)                       Object conv4_1;
    @Conv(out = 512, k = 3, p = 1)                       Object conv4_2;
    @Conv(out = 512, k = 3, p = 1)                       Object conv4_3;
    @MaxPool(k = 2, s = 2, ceil = true)                  Object pool4;

    @Conv(out = 512, k = 3, p = 1)                       Object conv5_1;
    @Conv(out = 512, k = 3, p = 1)                       Object conv5_2;
    @Conv(out = 512, k = 3, p = 1)                       Object conv5_3;
    @MaxPool(k = 2, s = 2, ceil = true)                  Object pool5;

    @Conv(out = 4096, k = 7)                             Object fc6;
    @Conv(out = 4096, k = 1)                             Object fc7;
    @Conv(out = 21, k = 1)                               Object score_fr;

    @Deconv(out = 21, k = 4, s = 2)                      Object upscore2;
    @Conv(out = 21, k = 1, from = "pool4")               Object score_pool4;
    @Crop(from = "score_pool4", like = "upscore2")       Object score_pool4c;
    @Add(from = {"upscore2", "score_pool4c"})            Object fuse_pool4;
    @Deconv(out = 21, k = 32, s = 16)                    Object upscore16;
    @Crop(from = "upscore16", like = "input")            Object score;
}
