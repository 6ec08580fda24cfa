package dev.convgeom.example;

import dev.convgeom.Add;
import dev.convgeom.Conv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Relu;
import dev.convgeom.Upsample;

/**
 * A small feature pyramid network (Lin et al., 2017) with three outputs, P3 to P5, at strides 8,
 * 16 and 32.
 *
 * <p>The backbone is a ResNet-like stem (a 7x7 stride-2 convolution and a 3x3 stride-2 pool) and
 * three stride-2 3x3 convolutions, C3 to C5. Each level gets a 1x1 lateral convolution; the
 * coarser level is upsampled by 2 (nearest) and added to it; a 3x3 convolution on each sum gives
 * the level's output. The three outputs are declared in {@code @Network(outputs)}, so the
 * generated class has static shortcuts for each ({@code FpnGeometry.p3MapToInput(x, y)}).
 *
 * <p>Every backbone map has its unit 0 centred on input pixel 0 (each window is centred on its
 * unit: odd kernels, padding {@code (k - 1) / 2}). Nearest upsampling by 2 with half-pixel centres
 * places upsampled unit {@code v} at coarse unit {@code v / 2 - 1/4}: for the coarse map of jump
 * {@code 2J} that is input pixel {@code J v - J / 2}, half a fine unit ({@code J / 2} pixels: 8 at
 * P4, 4 at P3) before the lateral's unit {@code v}. The units really copied tell the same story:
 * even units copy the coarse unit centred on them, odd units the one {@code J} pixels before. No
 * crop or pad moves a map by half a unit, and align-corners resampling would change the jump, so
 * the sum is misaligned by construction, as in every FPN: the adds say so with
 * {@code allowMisaligned = true}, and list the lateral first, so that the sum maps like the
 * lateral, on the finer grid. Its receptive fields stay exact, per phase (the union of both
 * inputs' fields).
 */
@Network(input = @Input(channels = 3, height = 256, width = 256), outputs = {"p3", "p4", "p5"})
public class Fpn {
    @Conv(out = 32, k = 7, s = 2, p = 3)                     Object stem;
    @Relu                                                    Object stemRelu;
    @MaxPool(k = 3, s = 2, p = 1)                            Object pool;
    @Conv(out = 64, k = 3, s = 2, p = 1)                     Object c3;
    @Relu                                                    Object c3Relu;
    @Conv(out = 128, k = 3, s = 2, p = 1)                    Object c4;
    @Relu                                                    Object c4Relu;
    @Conv(out = 256, k = 3, s = 2, p = 1)                    Object c5;
    @Relu                                                    Object c5Relu;

    @Conv(out = 64, k = 1, from = "c5Relu")                  Object lateral5;
    @Conv(out = 64, k = 1, from = "c4Relu")                  Object lateral4;
    @Conv(out = 64, k = 1, from = "c3Relu")                  Object lateral3;

    @Upsample(factor = 2, from = "lateral5")                 Object up5;
    @Add(from = {"lateral4", "up5"}, allowMisaligned = true) Object merged4;
    @Upsample(factor = 2)                                    Object up4;
    @Add(from = {"lateral3", "up4"}, allowMisaligned = true) Object merged3;

    @Conv(out = 64, k = 3, p = 1, from = "merged3")          Object p3;
    @Conv(out = 64, k = 3, p = 1, from = "merged4")          Object p4;
    @Conv(out = 64, k = 3, p = 1, from = "lateral5")         Object p5;
}
