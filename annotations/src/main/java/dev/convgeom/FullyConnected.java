package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected (inner product, linear, dense) layer.
 *
 * <p>Geometrically it is a window over the whole incoming map: a convolution whose kernel is the
 * incoming {@code C x H x W}, stride 1, no padding, with a {@code out x 1 x 1} output. That is
 * also how the generated geometry treats it, so the network's final map still has a receptive
 * field, a jump and a centre, and on a larger input each cell of the resulting score map maps to
 * its image window.
 *
 * <pre>{@code
 * @FullyConnected(out = 4096)              Object fc6;
 * @FullyConnected(in = 9216, out = 4096)   Object fc6;   // 256 x 6 x 6, checked
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface FullyConnected {

    /** Number of outputs (neurons). */
    int out();

    /**
     * Expected number of inputs, {@code C * H * W} of the incoming map, checked when the incoming
     * channels are known. Optional.
     */
    int in() default 0;

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};
}
