package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Concatenates two or more maps along the channels (Caffe's {@code Concat}, {@code torch.cat} on
 * dimension 1), as at the end of an inception module. The inputs must have equal height and
 * width; the output has the sum of their channels.
 *
 * <p>The inputs must also be aligned: unit {@code (x, y)} of each must look at the same place in
 * the input image (equal jumps and centres). Where they are not, the build fails, naming both
 * paths and the offset in input pixels; {@link #allowMisaligned()} accepts a known offset.
 * The output's receptive field is the union of the inputs' fields.
 *
 * <pre>{@code
 * @Concat(from = {"b1x1", "b3x3", "b5x5", "bpool"}) Object inception3a;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Concat {

    /** The layers to concatenate, in channel order: at least two names, or {@code "input"}. */
    String[] from();

    /**
     * Accept inputs whose units look at places a fixed number of input pixels apart (equal
     * jumps, different centres). The output then maps like the first input; its fields are still
     * the union of all the inputs' fields. Inputs with different jumps are never accepted.
     */
    boolean allowMisaligned() default false;
}
