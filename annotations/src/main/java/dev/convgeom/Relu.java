package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rectified linear unit, {@code max(0, x)}, applied to every unit.
 *
 * <p>Geometry-neutral: it works unit by unit (or across channels only), so the output has the
 * shape, receptive field, jump and centre of its input.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Relu {
}
