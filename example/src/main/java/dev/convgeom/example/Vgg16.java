package dev.convgeom.example;

import dev.convgeom.Conv;
import dev.convgeom.Dropout;
import dev.convgeom.FullyConnected;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Relu;
import dev.convgeom.Softmax;

/**
 * VGG-16, configuration D of Simonyan and Zisserman, "Very Deep Convolutional Networks for
 * Large-Scale Image Recognition" (ICLR 2015, arXiv:1409.1556), Table 1: a 224x224 RGB input,
 * thirteen 3x3 convolutions with stride 1 and padding 1 in five blocks, each block closed by a 2x2
 * max pooling with stride 2, then three fully connected layers. Layer names follow the released
 * Caffe model ({@code VGG_ILSVRC_16_layers_deploy.prototxt}).
 */
@Network(input = @Input(channels = 3, height = 224, width = 224))
public class Vgg16 {
    @Conv(out = 64, k = 3, p = 1)          Object conv1_1;
    @Relu                                  Object relu1_1;
    @Conv(out = 64, k = 3, p = 1)          Object conv1_2;
    @Relu                                  Object relu1_2;
    @MaxPool(k = 2, s = 2)                 Object pool1;

    @Conv(out = 128, k = 3, p = 1)         Object conv2_1;
    @Relu                                  Object relu2_1;
    @Conv(out = 128, k = 3, p = 1)         Object conv2_2;
    @Relu                                  Object relu2_2;
    @MaxPool(k = 2, s = 2)                 Object pool2;

    @Conv(out = 256, k = 3, p = 1)         Object conv3_1;
    @Relu                                  Object relu3_1;
    @Conv(out = 256, k = 3, p = 1)         Object conv3_2;
    @Relu                                  Object relu3_2;
    @Conv(out = 256, k = 3, p = 1)         Object conv3_3;
    @Relu                                  Object relu3_3;
    @MaxPool(k = 2, s = 2)                 Object pool3;

    @Conv(out = 512, k = 3, p = 1)         Object conv4_1;
    @Relu                                  Object relu4_1;
    @Conv(out = 512, k = 3, p = 1)         Object conv4_2;
    @Relu                                  Object relu4_2;
    @Conv(out = 512, k = 3, p = 1)         Object conv4_3;
    @Relu                                  Object relu4_3;
    @MaxPool(k = 2, s = 2)                 Object pool4;

    @Conv(out = 512, k = 3, p = 1)         Object conv5_1;
    @Relu                                  Object relu5_1;
    @Conv(out = 512, k = 3, p = 1)         Object conv5_2;
    @Relu                                  Object relu5_2;
    @Conv(out = 512, k = 3, p = 1)         Object conv5_3;
    @Relu                                  Object relu5_3;
    @MaxPool(k = 2, s = 2)                 Object pool5;

    @FullyConnected(in = 25088, out = 4096) Object fc6;
    @Relu                                  Object relu6;
    @Dropout                               Object drop6;
    @FullyConnected(out = 4096)            Object fc7;
    @Relu                                  Object relu7;
    @Dropout                               Object drop7;
    @FullyConnected(out = 1000)            Object fc8;
    @Softmax                               Object prob;
}
