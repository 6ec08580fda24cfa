package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds two or more maps unit by unit: a residual connection (Caffe's {@code Eltwise} sum, the
 * {@code +} of a ResNet block), or FCN's fusion of score maps. The inputs must have equal
 * channels, height and width.
 *
 * <p>The inputs must also be aligned: unit {@code (x, y)} of each must look at the same place in
 * the input image (equal jumps and centres). Where they are not, the build fails, naming both
 * paths and the offset in input pixels; {@link #allowMisaligned()} accepts a known offset.
 * The output's receptive field is the union of the inputs' fields.
 *
 * <pre>{@code
 * @Add(from = {"res2a_branch1", "res2a_branch2c"}) Object res2a;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Add {

    /** The layers to add: at least two names of earlier layers, or {@code "input"}. */
    String[] from();

    /**
     * Accept inputs whose units look at places a fixed number of input pixels apart (equal
     * jumps, different centres). The output then maps like the first input; its fields are still
     * the union of all the inputs' fields. Inputs with different jumps are never accepted.
     */
    boolean allowMisaligned() default false;
}
