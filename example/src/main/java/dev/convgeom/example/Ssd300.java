package dev.convgeom.example;

import dev.convgeom.Conv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;

/**
 * SSD300's VGG-16 backbone and extra layers, as weiliu89/caffe (branch {@code ssd}) builds them in
 * {@code examples/ssd/ssd_pascal.py}: {@code VGGNetBody(fully_conv=True, reduced=True,
 * dilated=True)} (Caffe's pooling rounds up, so pool3 turns 75 into 38; pool5 is 3x3 stride 1 pad
 * 1; fc6 a 3x3 convolution with dilation 6 and padding 6, fc7 a 1x1) and {@code AddExtraLayers}.
 * The six source layers of the multibox head are {@code conv4_3}, {@code fc7}, {@code conv6_2},
 * {@code conv7_2}, {@code conv8_2} and {@code conv9_2}: 38, 19, 10, 5, 3 and 1 cells square.
 * ReLUs and the L2 normalization of conv4_3 are left out (no geometry).
 */
@Network(input = @Input(channels = 3, height = 300, width = 300))
public class Ssd300 {
    @Conv(out = 64, k = 3, p = 1)                 Object conv1_1;
    @Conv(out = 64, k = 3, p = 1)                 Object conv1_2;
    @MaxPool(k = 2, s = 2, ceil = true)           Object pool1;
    @Conv(out = 128, k = 3, p = 1)                Object conv2_1;
    @Conv(out = 128, k = 3, p = 1)                Object conv2_2;
    @MaxPool(k = 2, s = 2, ceil = true)           Object pool2;
    @Conv(out = 256, k = 3, p = 1)                Object conv3_1;
    @Conv(out = 256, k = 3, p = 1)                Object conv3_2;
    @Conv(out = 256, k = 3, p = 1)                Object conv3_3;
    @MaxPool(k = 2, s = 2, ceil = true)           Object pool3;
    @Conv(out = 512, k = 3, p = 1)                Object conv4_1;
    @Conv(out = 512, k = 3, p = 1)                Object conv4_2;
    @Conv(out = 512, k = 3, p = 1)                Object conv4_3;
    @MaxPool(k = 2, s = 2, ceil = true)           Object pool4;
    @Conv(out = 512, k = 3, p = 1)                Object conv5_1;
    @Conv(out = 512, k = 3, p = 1)                Object conv5_2;
    @Conv(out = 512, k = 3, p = 1)                Object conv5_3;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true)    Object pool5;
    @Conv(out = 1024, k = 3, p = 6, d = 6)        Object fc6;
    @Conv(out = 1024, k = 1)                      Object fc7;
    @Conv(out = 256, k = 1)                       Object conv6_1;
    @Conv(out = 512, k = 3, s = 2, p = 1)         Object conv6_2;
    @Conv(out = 128, k = 1)                       Object conv7_1;
    @Conv(out = 256, k = 3, s = 2, p = 1)         Object conv7_2;
    @Conv(out = 128, k = 1)                       Object conv8_1;
    @Conv(out = 256, k = 3)                       Object conv8_2;
    @Conv(out = 128, k = 1)                       Object conv9_1;
    @Conv(out = 256, k = 3)                       Object conv9_2;
}
