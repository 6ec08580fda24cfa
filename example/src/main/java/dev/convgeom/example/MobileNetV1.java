package dev.convgeom.example;

import dev.convgeom.AvgPool;
import dev.convgeom.BatchNorm;
import dev.convgeom.Conv;
import dev.convgeom.FullyConnected;
import dev.convgeom.Input;
import dev.convgeom.Network;
import dev.convgeom.Padding;
import dev.convgeom.Pointwise;
import dev.convgeom.Softmax;

/**
 * MobileNet v1 (width multiplier 1.0, resolution 224) from Howard et al., "MobileNets: Efficient
 * Convolutional Neural Networks for Mobile Vision Applications" (arXiv:1704.04861), Table 1, with
 * TensorFlow's {@code SAME} padding as in the reference implementation
 * ({@code tensorflow/models}, {@code research/slim/nets/mobilenet_v1.py}).
 *
 * <p>A standard 3x3 convolution with stride 2, then 13 depthwise separable blocks: a 3x3
 * depthwise convolution (one group per channel, so {@code groups = in = out}) and a 1x1
 * pointwise convolution, each followed by batch norm and ReLU6 (declared {@code @Pointwise}: for
 * the geometry every unit-wise activation is the same). Table 1 of the paper prints the 13th
 * depthwise convolution with stride 2 although its output stays 7x7; the reference implementation
 * uses stride 1, and so does this declaration. Global average pooling is a 7x7 window over the
 * final 7x7 map; its stride does not matter on a 224 input (one window fits), and stride 1 keeps
 * the final layer's jump at the backbone's 32, as when the network slides over a larger image.
 * The classifier is fully connected. Layer names follow Keras' {@code MobileNet}.
 */
@Network(input = @Input(channels = 3, height = 224, width = 224))
public class MobileNetV1 {
    @Conv(out = 32, k = 3, s = 2, padding = Padding.SAME)                          Object conv1;
    @BatchNorm                                                                     Object conv1_bn;
    @Pointwise("ReLU6")                                                             Object conv1_relu;

    @Conv(in = 32, out = 32, groups = 32, k = 3, padding = Padding.SAME)           Object conv_dw_1;
    @BatchNorm                                                                     Object conv_dw_1_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_1_relu;
    @Conv(out = 64, k = 1)                                                         Object conv_pw_1;
    @BatchNorm                                                                     Object conv_pw_1_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_1_relu;

    @Conv(in = 64, out = 64, groups = 64, k = 3, s = 2, padding = Padding.SAME)    Object conv_dw_2;
    @BatchNorm                                                                     Object conv_dw_2_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_2_relu;
    @Conv(out = 128, k = 1)                                                        Object conv_pw_2;
    @BatchNorm                                                                     Object conv_pw_2_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_2_relu;

    @Conv(in = 128, out = 128, groups = 128, k = 3, padding = Padding.SAME)        Object conv_dw_3;
    @BatchNorm                                                                     Object conv_dw_3_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_3_relu;
    @Conv(out = 128, k = 1)                                                        Object conv_pw_3;
    @BatchNorm                                                                     Object conv_pw_3_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_3_relu;

    @Conv(in = 128, out = 128, groups = 128, k = 3, s = 2, padding = Padding.SAME) Object conv_dw_4;
    @BatchNorm                                                                     Object conv_dw_4_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_4_relu;
    @Conv(out = 256, k = 1)                                                        Object conv_pw_4;
    @BatchNorm                                                                     Object conv_pw_4_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_4_relu;

    @Conv(in = 256, out = 256, groups = 256, k = 3, padding = Padding.SAME)        Object conv_dw_5;
    @BatchNorm                                                                     Object conv_dw_5_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_5_relu;
    @Conv(out = 256, k = 1)                                                        Object conv_pw_5;
    @BatchNorm                                                                     Object conv_pw_5_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_5_relu;

    @Conv(in = 256, out = 256, groups = 256, k = 3, s = 2, padding = Padding.SAME) Object conv_dw_6;
    @BatchNorm                                                                     Object conv_dw_6_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_6_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_6;
    @BatchNorm                                                                     Object conv_pw_6_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_6_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, padding = Padding.SAME)        Object conv_dw_7;
    @BatchNorm                                                                     Object conv_dw_7_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_7_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_7;
    @BatchNorm                                                                     Object conv_pw_7_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_7_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, padding = Padding.SAME)        Object conv_dw_8;
    @BatchNorm                                                                     Object conv_dw_8_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_8_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_8;
    @BatchNorm                                                                     Object conv_pw_8_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_8_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, padding = Padding.SAME)        Object conv_dw_9;
    @BatchNorm                                                                     Object conv_dw_9_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_9_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_9;
    @BatchNorm                                                                     Object conv_pw_9_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_9_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, padding = Padding.SAME)        Object conv_dw_10;
    @BatchNorm                                                                     Object conv_dw_10_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_10_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_10;
    @BatchNorm                                                                     Object conv_pw_10_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_10_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, padding = Padding.SAME)        Object conv_dw_11;
    @BatchNorm                                                                     Object conv_dw_11_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_11_relu;
    @Conv(out = 512, k = 1)                                                        Object conv_pw_11;
    @BatchNorm                                                                     Object conv_pw_11_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_11_relu;

    @Conv(in = 512, out = 512, groups = 512, k = 3, s = 2, padding = Padding.SAME) Object conv_dw_12;
    @BatchNorm                                                                     Object conv_dw_12_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_12_relu;
    @Conv(out = 1024, k = 1)                                                       Object conv_pw_12;
    @BatchNorm                                                                     Object conv_pw_12_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_12_relu;

    @Conv(in = 1024, out = 1024, groups = 1024, k = 3, padding = Padding.SAME)     Object conv_dw_13;
    @BatchNorm                                                                     Object conv_dw_13_bn;
    @Pointwise("ReLU6")                                                             Object conv_dw_13_relu;
    @Conv(out = 1024, k = 1)                                                       Object conv_pw_13;
    @BatchNorm                                                                     Object conv_pw_13_bn;
    @Pointwise("ReLU6")                                                             Object conv_pw_13_relu;

    @AvgPool(k = 7, s = 1)                                                          Object avg_pool;
    @FullyConnected(in = 1024, out = 1000)                                         Object fc;
    @Softmax                                                                       Object softmax;
}
