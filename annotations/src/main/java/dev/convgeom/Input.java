package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The input a {@link Network} is declared for. All three values must be positive.
 *
 * <p>The generated geometry is exact for this size; mapping a unit to image pixels
 * ({@code mapToInput}) stays valid on larger inputs for networks without SAME padding.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Input {

    /** Number of input channels (3 for an RGB image). */
    int channels();

    /** Input height in pixels (rows, the y axis). */
    int height();

    /** Input width in pixels (columns, the x axis). */
    int width();
}
