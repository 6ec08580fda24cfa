package dev.convgeom.example;

import dev.convgeom.Add;
import dev.convgeom.AvgPool;
import dev.convgeom.Conv;
import dev.convgeom.FullyConnected;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Softmax;

/**
 * ResNet-50 from He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition" (CVPR
 * 2016, arXiv:1512.03385), Table 1, as the authors released it for Caffe
 * ({@code KaimingHe/deep-residual-networks}, {@code prototxt/ResNet-50-deploy.prototxt}): a
 * 224x224 input, a 7x7 stride-2 convolution and a 3x3 stride-2 max pooling (Caffe's, rounding up:
 * 112 to 56), then four stages of bottleneck blocks, 3, 4, 6 and 3 of them, at 56, 28, 14 and 7.
 *
 * <p>A block is three convolutions, 1x1 (reduce), 3x3 and 1x1 (expand, 4x the reduced width),
 * added to the block's input. The first block of each stage changes the width, so its shortcut is
 * a 1x1 projection ({@code branch1}); in stages 3 to 5 it also halves the resolution, and the
 * released model puts that stride 2 on {@code branch1} and on the first 1x1 convolution
 * ({@code branch2a}), not on the 3x3 as later re-implementations do. The geometry shows the cost
 * of that choice: a 1x1 window with stride 2 reads every other row and column only, and since both
 * branches do, no path reads three quarters of the units of {@code res2c}, {@code res3d} and
 * {@code res4f} (the processor warns at each of the six layers, with the positions); the two paths
 * still line up, which the {@code @Add} checks.
 *
 * <p>Field names are those of the prototxt. The layers Caffe runs in place (BatchNorm, Scale and
 * ReLU after the convolutions and additions) are left out: they change no geometry, and without
 * them every {@code from} names exactly the blob the prototxt names as {@code bottom}. Global
 * pooling is Caffe's 7x7 average window with stride 1, as in the prototxt.
 */
@Network(input = @Input(channels = 3, height = 224, width = 224))
public class ResNet50 {
    @Conv(out = 64, k = 7, s = 2, p = 3)              Object conv1;
    @MaxPool(k = 3, s = 2, ceil = true)               Object pool1;

    @Conv(out = 256, k = 1, from = "pool1")           Object res2a_branch1;
    @Conv(out = 64, k = 1, from = "pool1")            Object res2a_branch2a;
    @Conv(out = 64, k = 3, p = 1)                     Object res2a_branch2b;
    @Conv(out = 256, k = 1)                           Object res2a_branch2c;
    @Add(from = {"res2a_branch1", "res2a_branch2c"})  Object res2a;
    @Conv(out = 64, k = 1, from = "res2a")            Object res2b_branch2a;
    @Conv(out = 64, k = 3, p = 1)                     Object res2b_branch2b;
    @Conv(out = 256, k = 1)                           Object res2b_branch2c;
    @Add(from = {"res2a", "res2b_branch2c"})          Object res2b;
    @Conv(out = 64, k = 1, from = "res2b")            Object res2c_branch2a;
    @Conv(out = 64, k = 3, p = 1)                     Object res2c_branch2b;
    @Conv(out = 256, k = 1)                           Object res2c_branch2c;
    @Add(from = {"res2b", "res2c_branch2c"})          Object res2c;

    @Conv(out = 512, k = 1, s = 2, from = "res2c")    Object res3a_branch1;
    @Conv(out = 128, k = 1, s = 2, from = "res2c")    Object res3a_branch2a;
    @Conv(out = 128, k = 3, p = 1)                    Object res3a_branch2b;
    @Conv(out = 512, k = 1)                           Object res3a_branch2c;
    @Add(from = {"res3a_branch1", "res3a_branch2c"})  Object res3a;
    @Conv(out = 128, k = 1, from = "res3a")           Object res3b_branch2a;
    @Conv(out = 128, k = 3, p = 1)                    Object res3b_branch2b;
    @Conv(out = 512, k = 1)                           Object res3b_branch2c;
    @Add(from = {"res3a", "res3b_branch2c"})          Object res3b;
    @Conv(out = 128, k = 1, from = "res3b")           Object res3c_branch2a;
    @Conv(out = 128, k = 3, p = 1)                    Object res3c_branch2b;
    @Conv(out = 512, k = 1)                           Object res3c_branch2c;
    @Add(from = {"res3b", "res3c_branch2c"})          Object res3c;
    @Conv(out = 128, k = 1, from = "res3c")           Object res3d_branch2a;
    @Conv(out = 128, k = 3, p = 1)                    Object res3d_branch2b;
    @Conv(out = 512, k = 1)                           Object res3d_branch2c;
    @Add(from = {"res3c", "res3d_branch2c"})          Object res3d;

    @Conv(out = 1024, k = 1, s = 2, from = "res3d")   Object res4a_branch1;
    @Conv(out = 256, k = 1, s = 2, from = "res3d")    Object res4a_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4a_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4a_branch2c;
    @Add(from = {"res4a_branch1", "res4a_branch2c"})  Object res4a;
    @Conv(out = 256, k = 1, from = "res4a")           Object res4b_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4b_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4b_branch2c;
    @Add(from = {"res4a", "res4b_branch2c"})          Object res4b;
    @Conv(out = 256, k = 1, from = "res4b")           Object res4c_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4c_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4c_branch2c;
    @Add(from = {"res4b", "res4c_branch2c"})          Object res4c;
    @Conv(out = 256, k = 1, from = "res4c")           Object res4d_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4d_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4d_branch2c;
    @Add(from = {"res4c", "res4d_branch2c"})          Object res4d;
    @Conv(out = 256, k = 1, from = "res4d")           Object res4e_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4e_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4e_branch2c;
    @Add(from = {"res4d", "res4e_branch2c"})          Object res4e;
    @Conv(out = 256, k = 1, from = "res4e")           Object res4f_branch2a;
    @Conv(out = 256, k = 3, p = 1)                    Object res4f_branch2b;
    @Conv(out = 1024, k = 1)                          Object res4f_branch2c;
    @Add(from = {"res4e", "res4f_branch2c"})          Object res4f;

    @Conv(out = 2048, k = 1, s = 2, from = "res4f")   Object res5a_branch1;
    @Conv(out = 512, k = 1, s = 2, from = "res4f")    Object res5a_branch2a;
    @Conv(out = 512, k = 3, p = 1)                    Object res5a_branch2b;
    @Conv(out = 2048, k = 1)                          Object res5a_branch2c;
    @Add(from = {"res5a_branch1", "res5a_branch2c"})  Object res5a;
    @Conv(out = 512, k = 1, from = "res5a")           Object res5b_branch2a;
    @Conv(out = 512, k = 3, p = 1)                    Object res5b_branch2b;
    @Conv(out = 2048, k = 1)                          Object res5b_branch2c;
    @Add(from = {"res5a", "res5b_branch2c"})          Object res5b;
    @Conv(out = 512, k = 1, from = "res5b")           Object res5c_branch2a;
    @Conv(out = 512, k = 3, p = 1)                    Object res5c_branch2b;
    @Conv(out = 2048, k = 1)                          Object res5c_branch2c;
    @Add(from = {"res5b", "res5c_branch2c"})          Object res5c;

    @AvgPool(k = 7, s = 1, ceil = true)               Object pool5;
    @FullyConnected(in = 2048, out = 1000)            Object fc1000;
    @Softmax                                          Object prob;
}
