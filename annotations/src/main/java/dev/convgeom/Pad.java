package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Zero padding added around a map (PyTorch's {@code ZeroPad2d}, ONNX {@code Pad}). The new units
 * lie in the padding: their fields extend the map's pattern outwards, beyond the image.
 *
 * <pre>{@code
 * @Pad(top = 1, bottom = 1, left = 1, right = 1) Object pad1;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Pad {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** Rows of zeros added above. */
    int top() default 0;

    /** Rows of zeros added below. */
    int bottom() default 0;

    /** Columns of zeros added on the left. */
    int left() default 0;

    /** Columns of zeros added on the right. */
    int right() default 0;
}
