package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D maximum pooling layer. Channels pass through unchanged.
 *
 * <p>Kernel, stride and padding are given as for {@link Conv}: square ({@code k}, {@code s},
 * {@code p}) or per axis ({@code kh}/{@code kw}, ...); the stride defaults to the kernel size.
 * With a dilation {@code d} (ONNX's {@code dilations}, PyTorch's {@code dilation}) the window's
 * taps are {@code d} pixels apart, so it spans {@code ke = d * (k - 1) + 1} pixels and reads every
 * {@code d}-th of them. Padding may be at most half the span along each axis (a window must see
 * some input).
 *
 * <p>With {@code ceil = true} (Caffe's pooling, PyTorch's {@code ceil_mode}) the output size
 * rounds up, {@code ceil((n + 2p - ke) / s) + 1}, so a last, partial window covers the border,
 * except a window that would start in the trailing padding, which is dropped (PyTorch's rule;
 * Caffe drops it only when the padding is non-zero, so the two differ when the stride exceeds the
 * kernel).
 *
 * <pre>{@code
 * @MaxPool(k = 3, s = 2, ceil = true) Object pool1;
 * @MaxPool(k = 2)                     Object pool2;   // stride 2
 * @MaxPool(k = 3, s = 1, d = 2, p = 2) Object pool3;   // taps 2 apart, span 5
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface MaxPool {

    /** Square window size. Required unless both {@link #kh()} and {@link #kw()} are given. */
    int k() default 0;

    /** Window height; not given: {@link #k()}. */
    int kh() default 0;

    /** Window width; not given: {@link #k()}. */
    int kw() default 0;

    /** Stride along both axes; not given: the window size along each axis. */
    int s() default 0;

    /** Vertical stride; not given: {@link #s()}, or the window height. */
    int sh() default 0;

    /** Horizontal stride; not given: {@link #s()}, or the window width. */
    int sw() default 0;

    /** Padding on every side, at most half the window. */
    int p() default 0;

    /** Padding above and below; not given: {@link #p()}. */
    int ph() default 0;

    /** Padding left and right; not given: {@link #p()}. */
    int pw() default 0;

    /**
     * Dilation along both axes: the window's taps are {@code d} pixels apart (1: a dense window).
     * The stride's default stays the window size {@code k}, not its span.
     */
    int d() default 1;

    /** Vertical dilation; not given: {@link #d()}. */
    int dh() default 0;

    /** Horizontal dilation; not given: {@link #d()}. */
    int dw() default 0;

    /** Round the output size up rather than down (Caffe, PyTorch's {@code ceil_mode}). */
    boolean ceil() default false;

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
