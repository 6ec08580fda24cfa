package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D convolution layer.
 *
 * <p>Give the kernel as {@code k} (square) or as {@code kh} and {@code kw}; likewise stride,
 * padding and dilation: the per-axis attribute, where written, wins over the square one. Along
 * each axis, with dilated kernel {@code ke = d * (k - 1) + 1}, the output has
 * {@code floor((n + 2p - ke) / s) + 1} units.
 *
 * <p>Attributes left out are "not given", whatever their default reads: the processor only
 * looks at what is written. Every written kernel, stride, dilation, {@code groups}, {@code out}
 * and {@code in} must be positive, and every written padding non-negative.
 *
 * <pre>{@code
 * @Conv(out = 96, k = 11, s = 4)            Object conv1;
 * @Conv(out = 256, k = 5, p = 2, groups = 2) Object conv2;
 * @Conv(out = 64, kh = 1, kw = 7, pw = 3)   Object conv1x7;
 * @Conv(out = 32, k = 3, s = 2, padding = Padding.SAME) Object tfConv;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Conv {

    /**
     * Output channels. Optional: without it the channel counts after this layer are unknown, so
     * the checks that need them ({@code in}, {@code groups}, {@link FullyConnected#in()}) are
     * skipped downstream; the spatial geometry is computed all the same.
     */
    int out() default 0;

    /** Expected input channels, checked against what the previous layer produces. Optional. */
    int in() default 0;

    /** Square kernel size. Required unless both {@link #kh()} and {@link #kw()} are given. */
    int k() default 0;

    /** Kernel height; not given: {@link #k()}. */
    int kh() default 0;

    /** Kernel width; not given: {@link #k()}. */
    int kw() default 0;

    /** Stride along both axes. */
    int s() default 1;

    /** Vertical stride; not given: {@link #s()}. */
    int sh() default 0;

    /** Horizontal stride; not given: {@link #s()}. */
    int sw() default 0;

    /** Zero padding on every side. Cannot be combined with {@code padding = SAME or VALID}. */
    int p() default 0;

    /** Padding above and below; not given: {@link #p()}. */
    int ph() default 0;

    /** Padding left and right; not given: {@link #p()}. */
    int pw() default 0;

    /** Dilation along both axes: kernel taps are {@code d} pixels apart. */
    int d() default 1;

    /** Vertical dilation; not given: {@link #d()}. */
    int dh() default 0;

    /** Horizontal dilation; not given: {@link #d()}. */
    int dw() default 0;

    /** Channel groups; must divide both the input channels and {@link #out()}. */
    int groups() default 1;

    /**
     * Padding mode: {@link Padding#EXPLICIT} (default: use {@code p}, {@code ph}, {@code pw}),
     * or TensorFlow's {@link Padding#SAME} or {@link Padding#VALID}.
     */
    Padding padding() default Padding.EXPLICIT;

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};
}
