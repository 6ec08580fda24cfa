package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Any other layer that works unit by unit (or across channels only) and so leaves the geometry
 * alone: ReLU6, leaky ReLU, GELU, hard-swish, scaling, a channel-wise affine map.
 *
 * <pre>{@code
 * @Pointwise("ReLU6") Object relu6;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Pointwise {

    /** What the layer computes, for people reading the model; not interpreted. */
    String value() default "";

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};
}
