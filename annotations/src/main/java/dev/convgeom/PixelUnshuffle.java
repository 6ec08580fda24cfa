package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pixel unshuffle, PyTorch's {@code nn.PixelUnshuffle(factor)} (ONNX {@code SpaceToDepth}):
 * {@code C} channels of {@code H x W} units become {@code C * factor^2} channels of
 * {@code H/factor x W/factor} units, each {@code factor x factor} block of units stacked along the
 * channels.
 *
 * <pre>{@code
 * @PixelUnshuffle(factor = 2) Object down;   // 3x64x64 to 12x32x32
 * }</pre>
 *
 * <p>Output unit {@code (x, y)} reads the block of input units {@code factor * x} to
 * {@code factor * x + factor - 1} by {@code factor * y} to {@code factor * y + factor - 1}: spatially a
 * window of {@code factor} with stride {@code factor} and no padding, as a {@link MaxPool} of that
 * kernel and stride. Its effective field gives each of the {@code factor^2} units of the block the
 * weight {@code 1 / factor^2} (convgeom's uniform weights count a layer's taps over all channels).
 *
 * <p>The input's height and width must be multiples of {@code factor}, as PyTorch and ONNX
 * require: an error at {@code factor} at the declared input size, and an input that
 * {@code forInput} refuses at any other.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface PixelUnshuffle {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /**
     * The downscale factor along both axes (PyTorch's {@code downscale_factor}, ONNX's
     * {@code blocksize}); at least 1.
     */
    int factor();
}
