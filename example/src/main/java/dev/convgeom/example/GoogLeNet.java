package dev.convgeom.example;

import dev.convgeom.AvgPool;
import dev.convgeom.Concat;
import dev.convgeom.Conv;
import dev.convgeom.FullyConnected;
import dev.convgeom.Input;
import dev.convgeom.Lrn;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Softmax;

/**
 * GoogLeNet (Inception v1) from Szegedy et al., "Going Deeper with Convolutions" (CVPR 2015,
 * arXiv:1409.4842), as Caffe's {@code bvlc_googlenet} runs it at inference
 * ({@code BVLC/caffe}, {@code models/bvlc_googlenet/deploy.prototxt}): a 224x224 input, the
 * kernels, strides, paddings and channel counts of that file, and Caffe's pooling, which rounds
 * its output size up ({@code ceil = true} on every pooling layer).
 *
 * <p>Each inception module reads one map four ways (a 1x1 convolution; a 1x1 reduction then a 3x3;
 * a 1x1 reduction then a 5x5; a 3x3 max pooling with stride 1 then a 1x1 projection) and
 * concatenates the four results, so the branches name what they read with {@code from} and the
 * {@code @Concat} names the four branch ends in Caffe's channel order. Paddings 1 and 2 keep every
 * branch at the module's resolution and centred like the others, which is what lets the processor
 * accept the concatenation.
 *
 * <p>Field names are Caffe's layer names with {@code /} written {@code _}
 * ({@code inception_3a/3x3_reduce} is {@code inception_3a_3x3_reduce}). The layers Caffe runs in
 * place (the ReLU after every convolution, and the dropout before the classifier) are left out:
 * they change no geometry, and without them every {@code from} names exactly the blob the
 * prototxt names as {@code bottom}. The two auxiliary classifiers ({@code loss1} on
 * {@code inception_4a}, {@code loss2} on {@code inception_4d}) exist only for training and are not
 * in the deploy network either; they are left out.
 */
@Network(input = @Input(channels = 3, height = 224, width = 224))
public class GoogLeNet {
    @Conv(out = 64, k = 7, s = 2, p = 3)                    Object conv1_7x7_s2;
    @MaxPool(k = 3, s = 2, ceil = true)                     Object pool1_3x3_s2;
    @Lrn                                                    Object pool1_norm1;
    @Conv(out = 64, k = 1)                                  Object conv2_3x3_reduce;
    @Conv(out = 192, k = 3, p = 1)                          Object conv2_3x3;
    @Lrn                                                    Object conv2_norm2;
    @MaxPool(k = 3, s = 2, ceil = true)                     Object pool2_3x3_s2;

    @Conv(out = 64, k = 1, from = "pool2_3x3_s2")           Object inception_3a_1x1;
    @Conv(out = 96, k = 1, from = "pool2_3x3_s2")           Object inception_3a_3x3_reduce;
    @Conv(out = 128, k = 3, p = 1)                          Object inception_3a_3x3;
    @Conv(out = 16, k = 1, from = "pool2_3x3_s2")           Object inception_3a_5x5_reduce;
    @Conv(out = 32, k = 5, p = 2)                           Object inception_3a_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "pool2_3x3_s2") Object inception_3a_pool;
    @Conv(out = 32, k = 1)                                  Object inception_3a_pool_proj;
    @Concat(from = {"inception_3a_1x1", "inception_3a_3x3", "inception_3a_5x5", "inception_3a_pool_proj"})
    Object inception_3a_output;

    @Conv(out = 128, k = 1, from = "inception_3a_output")   Object inception_3b_1x1;
    @Conv(out = 128, k = 1, from = "inception_3a_output")   Object inception_3b_3x3_reduce;
    @Conv(out = 192, k = 3, p = 1)                          Object inception_3b_3x3;
    @Conv(out = 32, k = 1, from = "inception_3a_output")    Object inception_3b_5x5_reduce;
    @Conv(out = 96, k = 5, p = 2)                           Object inception_3b_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_3a_output") Object inception_3b_pool;
    @Conv(out = 64, k = 1)                                  Object inception_3b_pool_proj;
    @Concat(from = {"inception_3b_1x1", "inception_3b_3x3", "inception_3b_5x5", "inception_3b_pool_proj"})
    Object inception_3b_output;

    @MaxPool(k = 3, s = 2, ceil = true)                     Object pool3_3x3_s2;

    @Conv(out = 192, k = 1, from = "pool3_3x3_s2")          Object inception_4a_1x1;
    @Conv(out = 96, k = 1, from = "pool3_3x3_s2")           Object inception_4a_3x3_reduce;
    @Conv(out = 208, k = 3, p = 1)                          Object inception_4a_3x3;
    @Conv(out = 16, k = 1, from = "pool3_3x3_s2")           Object inception_4a_5x5_reduce;
    @Conv(out = 48, k = 5, p = 2)                           Object inception_4a_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "pool3_3x3_s2") Object inception_4a_pool;
    @Conv(out = 64, k = 1)                                  Object inception_4a_pool_proj;
    @Concat(from = {"inception_4a_1x1", "inception_4a_3x3", "inception_4a_5x5", "inception_4a_pool_proj"})
    Object inception_4a_output;

    @Conv(out = 160, k = 1, from = "inception_4a_output")   Object inception_4b_1x1;
    @Conv(out = 112, k = 1, from = "inception_4a_output")   Object inception_4b_3x3_reduce;
    @Conv(out = 224, k = 3, p = 1)                          Object inception_4b_3x3;
    @Conv(out = 24, k = 1, from = "inception_4a_output")    Object inception_4b_5x5_reduce;
    @Conv(out = 64, k = 5, p = 2)                           Object inception_4b_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_4a_output") Object inception_4b_pool;
    @Conv(out = 64, k = 1)                                  Object inception_4b_pool_proj;
    @Concat(from = {"inception_4b_1x1", "inception_4b_3x3", "inception_4b_5x5", "inception_4b_pool_proj"})
    Object inception_4b_output;

    @Conv(out = 128, k = 1, from = "inception_4b_output")   Object inception_4c_1x1;
    @Conv(out = 128, k = 1, from = "inception_4b_output")   Object inception_4c_3x3_reduce;
    @Conv(out = 256, k = 3, p = 1)                          Object inception_4c_3x3;
    @Conv(out = 24, k = 1, from = "inception_4b_output")    Object inception_4c_5x5_reduce;
    @Conv(out = 64, k = 5, p = 2)                           Object inception_4c_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_4b_output") Object inception_4c_pool;
    @Conv(out = 64, k = 1)                                  Object inception_4c_pool_proj;
    @Concat(from = {"inception_4c_1x1", "inception_4c_3x3", "inception_4c_5x5", "inception_4c_pool_proj"})
    Object inception_4c_output;

    @Conv(out = 112, k = 1, from = "inception_4c_output")   Object inception_4d_1x1;
    @Conv(out = 144, k = 1, from = "inception_4c_output")   Object inception_4d_3x3_reduce;
    @Conv(out = 288, k = 3, p = 1)                          Object inception_4d_3x3;
    @Conv(out = 32, k = 1, from = "inception_4c_output")    Object inception_4d_5x5_reduce;
    @Conv(out = 64, k = 5, p = 2)                           Object inception_4d_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_4c_output") Object inception_4d_pool;
    @Conv(out = 64, k = 1)                                  Object inception_4d_pool_proj;
    @Concat(from = {"inception_4d_1x1", "inception_4d_3x3", "inception_4d_5x5", "inception_4d_pool_proj"})
    Object inception_4d_output;

    @Conv(out = 256, k = 1, from = "inception_4d_output")   Object inception_4e_1x1;
    @Conv(out = 160, k = 1, from = "inception_4d_output")   Object inception_4e_3x3_reduce;
    @Conv(out = 320, k = 3, p = 1)                          Object inception_4e_3x3;
    @Conv(out = 32, k = 1, from = "inception_4d_output")    Object inception_4e_5x5_reduce;
    @Conv(out = 128, k = 5, p = 2)                          Object inception_4e_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_4d_output") Object inception_4e_pool;
    @Conv(out = 128, k = 1)                                 Object inception_4e_pool_proj;
    @Concat(from = {"inception_4e_1x1", "inception_4e_3x3", "inception_4e_5x5", "inception_4e_pool_proj"})
    Object inception_4e_output;

    @MaxPool(k = 3, s = 2, ceil = true)                     Object pool4_3x3_s2;

    @Conv(out = 256, k = 1, from = "pool4_3x3_s2")          Object inception_5a_1x1;
    @Conv(out = 160, k = 1, from = "pool4_3x3_s2")          Object inception_5a_3x3_reduce;
    @Conv(out = 320, k = 3, p = 1)                          Object inception_5a_3x3;
    @Conv(out = 32, k = 1, from = "pool4_3x3_s2")           Object inception_5a_5x5_reduce;
    @Conv(out = 128, k = 5, p = 2)                          Object inception_5a_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "pool4_3x3_s2") Object inception_5a_pool;
    @Conv(out = 128, k = 1)                                 Object inception_5a_pool_proj;
    @Concat(from = {"inception_5a_1x1", "inception_5a_3x3", "inception_5a_5x5", "inception_5a_pool_proj"})
    Object inception_5a_output;

    @Conv(out = 384, k = 1, from = "inception_5a_output")   Object inception_5b_1x1;
    @Conv(out = 192, k = 1, from = "inception_5a_output")   Object inception_5b_3x3_reduce;
    @Conv(out = 384, k = 3, p = 1)                          Object inception_5b_3x3;
    @Conv(out = 48, k = 1, from = "inception_5a_output")    Object inception_5b_5x5_reduce;
    @Conv(out = 128, k = 5, p = 2)                          Object inception_5b_5x5;
    @MaxPool(k = 3, s = 1, p = 1, ceil = true, from = "inception_5a_output") Object inception_5b_pool;
    @Conv(out = 128, k = 1)                                 Object inception_5b_pool_proj;
    @Concat(from = {"inception_5b_1x1", "inception_5b_3x3", "inception_5b_5x5", "inception_5b_pool_proj"})
    Object inception_5b_output;

    // Caffe's global pooling is a 7x7 window with stride 1 over the 7x7 map, not a global pooling
    // layer: on a larger input it slides, which keeps the final jump at 32.
    @AvgPool(k = 7, s = 1, ceil = true)                     Object pool5_7x7_s1;
    @FullyConnected(in = 1024, out = 1000)                  Object loss3_classifier;
    @Softmax                                                Object prob;
}
