package dev.convgeom.example;

import dev.convgeom.Add;
import dev.convgeom.Conv;
import dev.convgeom.Crop;
import dev.convgeom.Deconv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;

/**
 * FCN-8s from Long, Shelhamer and Darrell, "Fully Convolutional Networks for Semantic
 * Segmentation" (CVPR 2015, arXiv:1411.4038), as released for PASCAL VOC
 * ({@code shelhamer/fcn.berkeleyvision.org}, {@code voc-fcn8s/net.py}), at the 500x500 input of
 * its {@code deploy.prototxt}.
 *
 * <p>The trunk and the first fusion are those of {@link Fcn16s} (VGG-16 as convolutions,
 * {@code conv1_1} padded by 100, Caffe's rounding-up pooling; scores from {@code pool4} cropped
 * and added to the twice-upsampled coarse scores). FCN-8s fuses once more: the sum is upsampled
 * twice again ({@code upscore_pool4}), scores predicted from {@code pool3} are cropped to it and
 * added ({@code fuse_pool3}), and the result is upsampled 8 times and cropped to the input.
 *
 * <p>None of the three crop offsets is written here: {@code net.py} leaves them to Caffe's
 * {@code coord_map.crop}, this class to the processor ({@code @Crop(like = ...)}), which puts
 * them in {@code Fcn8sGeometry} and the manifest; the tests check them against the prototxt
 * Caffe generated. The "at once" variant ({@code voc-fcn8s-atonce}) also scales {@code pool4} by
 * 0.01 and {@code pool3} by 0.0001 before scoring them; a scale works unit by unit, so its
 * geometry is this one.
 *
 * <p>Field names are those of {@code net.py}; the in-place ReLU and dropout layers and the loss
 * are left out, as in {@link Fcn32s}.
 */
@Network(input = @Input(channels = 3, height = 500, width = 500))
public class Fcn8s {
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
    @Deconv(out = 21, k = 4, s = 2)                      Object upscore_pool4;
    @Conv(out = 21, k = 1, from = "pool3")               Object score_pool3;
    @Crop(from = "score_pool3", like = "upscore_pool4")  Object score_pool3c;
    @Add(from = {"upscore_pool4", "score_pool3c"})       Object fuse_pool3;
    @Deconv(out = 21, k = 16, s = 8)                     Object upscore8;
    @Crop(from = "upscore8", like = "input")             Object score;
}
