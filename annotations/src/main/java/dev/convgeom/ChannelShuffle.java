package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A channel shuffle (ShuffleNet): the {@code C} channels, seen as {@link #groups()} groups of
 * {@code C / groups}, are interleaved, so that output channel {@code j * groups + i} is input
 * channel {@code i * (C / groups) + j}. ONNX exports it as a {@code Reshape} to
 * {@code N x groups x C/groups x H x W}, a {@code Transpose} with {@code perm = (0, 2, 1, 3, 4)}
 * and a {@code Reshape} back; Caffe ShuffleNet ports as a {@code ShuffleChannel} layer.
 *
 * <pre>{@code
 * @Concat(from = {"left", "branch2_relu"}) Object cat;
 * @ChannelShuffle(groups = 2)              Object shuffle;
 * }</pre>
 *
 * <p>Geometry-neutral: it only reorders channels, so the output has the shape, receptive field,
 * jump and centre of its input. {@code groups} must divide the incoming channels (checked when
 * they are known).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface ChannelShuffle {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** The number of groups the channels are interleaved from, at least 1; it must divide them. */
    int groups();
}
