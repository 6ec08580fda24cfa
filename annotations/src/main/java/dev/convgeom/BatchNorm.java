package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batch normalization (with or without its scale and shift).
 *
 * <p>Geometry-neutral: it works unit by unit (or across channels only), so the output has the
 * shape, receptive field, jump and centre of its input.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface BatchNorm {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};
}
