package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transposed convolution ("deconvolution"; Caffe's {@code Deconvolution}, PyTorch's
 * {@code ConvTranspose2d}): upsampling by the stride with a learned kernel, as in FCN.
 *
 * <p>Along each axis the output has {@code (n - 1) * s - 2p + ke + outputPadding} units (with
 * {@code padBottom} or {@code padRight}, {@code p} before and that after instead of {@code 2p}),
 * with
 * {@code ke = d * (k - 1) + 1} the dilated kernel ({@code ke = k} undilated). Output unit
 * {@code v} is reached by the input units {@code u} with {@code v + p - s * u = j * d} for a tap
 * {@code 0 <= j <= k - 1}, so the jump divides by {@code s} and the receptive field depends on
 * {@code v mod s}: the generated geometry keeps one field per phase. The kernel must be at least
 * the stride, or some output units would be reached by no input at all.
 *
 * <p>A dilated transposed convolution (PyTorch's {@code ConvTranspose2d(dilation = d)}, ONNX's
 * {@code ConvTranspose} {@code dilations}, Caffe's {@code Deconvolution} {@code dilation}) spreads
 * each input unit's kernel taps {@code d} units apart. It needs stride 1 along a dilated axis:
 * output unit {@code v} then reads input units {@code v + p - (k - 1) d .. v + p} in steps of
 * {@code d}, and its field runs from the first one's field to the last one's; the units in
 * between that no tap reaches are left out of its effective field and of the pixels it reads.
 * With a stride above 1 the taps interleave and a unit's field can start before the previous
 * one's, which convgeom's geometry cannot state (an error at the dilation).
 *
 * <pre>{@code
 * @Deconv(out = 21, k = 64, s = 32) Object upscore;       // FCN-32s
 * @Deconv(out = 21, k = 4, s = 2)   Object upscore2;
 * @Deconv(out = 8, k = 3, d = 2)   Object dilatedUp;      // stride 1, taps 2 apart, span 5
 * @Deconv(out = 8, k = 3, s = 2, p = 0, padBottom = 1, padRight = 1) Object sameUpper; // 2n units
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Deconv {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** Output channels. Optional, as for {@link Conv#out()}. */
    int out() default 0;

    /** Expected input channels, checked against what the incoming layer produces. Optional. */
    int in() default 0;

    /** Square kernel size. Required unless both {@link #kh()} and {@link #kw()} are given. */
    int k() default 0;

    /** Kernel height; not given: {@link #k()}. */
    int kh() default 0;

    /** Kernel width; not given: {@link #k()}. */
    int kw() default 0;

    /** Stride (the upsampling factor) along both axes. */
    int s() default 1;

    /** Vertical stride; not given: {@link #s()}. */
    int sh() default 0;

    /** Horizontal stride; not given: {@link #s()}. */
    int sw() default 0;

    /** Padding removed from every side of the full output. */
    int p() default 0;

    /** Padding removed above and below; not given: {@link #p()}. */
    int ph() default 0;

    /** Padding removed left and right; not given: {@link #p()}. */
    int pw() default 0;

    /**
     * Padding removed below, where it differs from the padding removed above (ONNX's {@code pads}
     * with more at the end, {@code auto_pad = SAME_UPPER} with an odd total); not given:
     * {@link #ph()}, or {@link #p()}. Which input units an output unit reads depends only on the
     * padding above; this one only sets how many units there are.
     */
    int padBottom() default -1;

    /** Padding removed on the right, as {@link #padBottom()} is below; not given: {@link #pw()}, or {@link #p()}. */
    int padRight() default -1;

    /**
     * Dilation along both axes: each input unit's kernel taps land {@code d} output units apart
     * (1: a dense kernel). Above 1, the stride along that axis must be 1.
     */
    int d() default 1;

    /** Vertical dilation; not given: {@link #d()}. */
    int dh() default 0;

    /** Horizontal dilation; not given: {@link #d()}. */
    int dw() default 0;

    /**
     * Extra units added after the last one on both axes (PyTorch's {@code output_padding}), to
     * reach an exact multiple of the stride. Must be less than the stride.
     */
    int outputPadding() default 0;

    /** Channel groups; must divide both the input channels and {@link #out()}. */
    int groups() default 1;
}
