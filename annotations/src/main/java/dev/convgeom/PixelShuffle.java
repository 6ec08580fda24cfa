package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pixel shuffle, PyTorch's {@code nn.PixelShuffle(factor)} (ONNX {@code DepthToSpace}, either
 * mode): {@code C} channels of {@code H x W} units become {@code C / factor^2} channels of
 * {@code H * factor x W * factor} units, each block of {@code factor^2} channels of one unit spread
 * over a {@code factor x factor} block of output units. ESPCN-style super-resolution ends with one:
 *
 * <pre>{@code
 * @Conv(out = 64, k = 5, p = 2) Object conv1;
 * @Conv(out = 32, k = 3, p = 1) Object conv2;
 * @Conv(out = 9, k = 3, p = 1)  Object conv3;   // 1 x 3 x 3 channels
 * @PixelShuffle(factor = 3)     Object shuffle;  // 1 channel, three times as high and wide
 * }</pre>
 *
 * <p>Output unit {@code (x, y)}, in every channel, reads input unit
 * {@code (floor(x / factor), floor(y / factor))} only: spatially the layer is
 * {@code @Upsample(factor = factor)} (nearest, half-pixel centres), so output unit {@code v}'s
 * centre sits at input position {@code (v + 1/2) / factor - 1/2}, the sub-pixel position ESPCN
 * gives it. Its field is its input unit's, and its effective field a copy of that unit's. The
 * channel order (ONNX's {@code DCR} or {@code CRD}) does not change the geometry.
 *
 * <p>The incoming channels must be a multiple of {@code factor^2} when known (an error at
 * {@code factor} otherwise).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface PixelShuffle {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /**
     * The upscale factor along both axes (PyTorch's {@code upscale_factor}, ONNX's
     * {@code blocksize}); at least 1.
     */
    int factor();
}
