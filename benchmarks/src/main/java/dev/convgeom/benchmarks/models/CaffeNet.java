package dev.convgeom.benchmarks.models;

import dev.convgeom.Conv;
import dev.convgeom.Dropout;
import dev.convgeom.FullyConnected;
import dev.convgeom.Input;
import dev.convgeom.Lrn;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Relu;
import dev.convgeom.Softmax;

/**
 * CaffeNet ({@code bvlc_reference_caffenet}), the Caffe variant of AlexNet: pooling before
 * normalization, ceil-rounded pooling, a 227x227 input. A copy of the example's model, so that the
 * whole-map benchmarks map the same conv1 (55x55) and conv5 (13x13) without depending on the
 * example module.
 */
@Network(input = @Input(channels = 3, height = 227, width = 227))
public class CaffeNet {
    @Conv(out = 96, k = 11, s = 4)              Object conv1;
    @Relu                                       Object relu1;
    @MaxPool(k = 3, s = 2, ceil = true)         Object pool1;
    @Lrn                                        Object norm1;
    @Conv(out = 256, k = 5, p = 2, groups = 2)  Object conv2;
    @Relu                                       Object relu2;
    @MaxPool(k = 3, s = 2, ceil = true)         Object pool2;
    @Lrn                                        Object norm2;
    @Conv(out = 384, k = 3, p = 1)              Object conv3;
    @Relu                                       Object relu3;
    @Conv(out = 384, k = 3, p = 1, groups = 2)  Object conv4;
    @Relu                                       Object relu4;
    @Conv(out = 256, k = 3, p = 1, groups = 2)  Object conv5;
    @Relu                                       Object relu5;
    @MaxPool(k = 3, s = 2, ceil = true)         Object pool5;
    @FullyConnected(in = 9216, out = 4096)      Object fc6;
    @Relu                                       Object relu6;
    @Dropout                                    Object drop6;
    @FullyConnected(out = 4096)                 Object fc7;
    @Relu                                       Object relu7;
    @Dropout                                    Object drop7;
    @FullyConnected(out = 1000)                 Object fc8;
    @Softmax                                    Object prob;
}
