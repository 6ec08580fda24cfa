package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type as the description of a convolutional network whose geometry is computed at
 * compile time.
 *
 * <p>The layers are the fields (and enum constants) of the type that carry a layer annotation
 * ({@link Conv}, {@link MaxPool}, {@link Relu}, ...), taken in declaration order; each field's name
 * is its layer's name and its type is irrelevant (typically the layer object of the user's
 * framework). From a type {@code AlexNet} the processor generates {@code AlexNetGeometry} in the
 * same package (a nested type {@code Outer.Inner} gives {@code Outer_InnerGeometry}), with one
 * {@link LayerGeometry} constant per layer, and writes the manifest
 * {@code META-INF/convgeom/<binary name>.json} to the class output.
 *
 * <pre>{@code
 * @Network(input = @Input(channels = 3, height = 227, width = 227))
 * public class AlexNet {
 *     @Conv(out = 96, k = 11, s = 4)      Object conv1;
 *     @Relu                               Object relu1;
 *     @MaxPool(k = 3, s = 2, ceil = true) Object pool1;
 *     // ...
 * }
 * }</pre>
 *
 * <p>A stack that does not fit (a kernel larger than its padded input, channels that do not
 * match, ...) is a compile error at the offending annotation.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Network {

    /** The size of the image the network is declared for: channels, height and width. */
    Input input();

    /**
     * The layers whose maps the network produces, by name (their fields' names), the primary
     * output first: the heads of a detector ({@code {"loc3", "loc4", "loc5"}}), the levels of a
     * feature pyramid ({@code {"p3", "p4", "p5"}}). Not given: the layers no other layer reads
     * (a crop's {@code like} does not count as reading), the last layer first; for a chain, just
     * the last layer. Each name must be a layer, listed once; an output may also feed later layers.
     *
     * <p>The generated class's {@code output()} is the primary output and {@code outputs()} all of
     * them, in this order. The unprefixed static shortcuts ({@code mapToInput(x, y)}, ...) map the
     * primary output; with several outputs each also gets its own, named after it
     * ({@code p3MapToInput(x, y)}, {@code p3ReceptiveField(x, y)}, ...).
     */
    String[] outputs() default {};

    /**
     * Whether a dropped border is an error rather than a warning.
     *
     * <p>A window layer that rounds its output size down may leave real pixels after its last
     * window: {@code max(0, min(n, n + pb - (s * (n' - 1) + ke)))} of them at the end of the axis,
     * never read (AlexNet's 11x11 stride-4 first layer on a 224 input ignores one row and one
     * column). By default that is a warning; with {@code strict = true} it fails the build.
     */
    boolean strict() default false;

    /**
     * Whether the build must check that the network has a complete fully convolutional form.
     *
     * <p>Every network gets one: each {@link FullyConnected} layer is equivalent to a convolution
     * whose kernel is its incoming map ({@code AlexNetGeometry.FC6.asConv()}), so the network runs
     * on larger inputs and produces a map of scores
     * ({@code AlexNetGeometry.outputSize(Size.of(451, 451))}).
     * Stating that convolution takes the incoming channel count, which is unknown after a
     * {@link Conv} without {@code out}. With {@code fullyConvolutional = true} that is an error at
     * the fully connected layer, rather than a convolution with unknown input channels.
     */
    boolean fullyConvolutional() default false;
}
