package dev.convgeom.example;

import dev.convgeom.Conv;
import dev.convgeom.Crop;
import dev.convgeom.Deconv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;

/**
 * FCN-32s from Long, Shelhamer and Darrell, "Fully Convolutional Networks for Semantic
 * Segmentation" (CVPR 2015, arXiv:1411.4038), as released for PASCAL VOC
 * ({@code shelhamer/fcn.berkeleyvision.org}, {@code voc-fcn32s/net.py}), at 500x500, the input
 * of the repository's {@code voc-fcn8s/deploy.prototxt} (PASCAL images are at most 500 on a side).
 *
 * <p>The trunk is VGG-16 (see {@link Vgg16}) made fully convolutional, with two changes that are
 * all about geometry. {@code conv1_1} pads by 100, so that {@code fc6}, now a 7x7 convolution
 * without padding, fits on any input however small, and the coarse score map reaches past the
 * image on every side. And every pooling is Caffe's, rounding its size up
 * ({@code ceil = true}). The 16x16 map of 21 class scores is upsampled 32 times by a transposed
 * convolution (initialised bilinear), which overshoots to 544x544, and cropped back to the
 * input's size where its units line up with the image pixels.
 *
 * <p>That crop offset is not written here: {@code net.py} leaves it to Caffe's
 * {@code coord_map.crop}, and this class leaves it to the processor ({@code @Crop(like = ...)}),
 * which computes it from the layers above and puts it in {@code Fcn32sGeometry} and the manifest.
 * The prototxt Caffe generated holds the published value, against which the tests check it.
 *
 * <p>Field names are those of {@code net.py}. The layers Caffe runs in place (ReLU, dropout) are
 * left out: they change no geometry, and without them every {@code from} names exactly the blob
 * {@code net.py} reads. So is the loss, which needs the labels.
 */
@Network(input = @Input(channels = 3, height = 500, width = 500))
public class Fcn32s {
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

    @Deconv(out = 21, k = 64, s = 32)                    Object upscore;
    @Crop(from = "upscore", like = "input")              Object score;
}
