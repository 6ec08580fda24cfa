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
}
