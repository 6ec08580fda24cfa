package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Average pooling over the whole map, to {@code C x 1 x 1} (GoogLeNet's and ResNet's last
 * pooling, {@code AdaptiveAvgPool2d(1)}). Its one unit sees the union of every incoming unit's
 * field. Unlike a fixed-size pooling window, it adapts to the input: on a larger image the output
 * is still {@code 1 x 1}.
 *
 * <pre>{@code
 * @GlobalAvgPool Object pool5;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface GlobalAvgPool {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};
}
