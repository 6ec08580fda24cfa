package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a contiguous range of channels of one map: {@link #count()} channels starting at
 * channel {@link #first()}. This is one output of ONNX's {@code Split} or one {@code Slice} on
 * axis 1, one top of Caffe's {@code Slice} on the channels, one piece of PyTorch's
 * {@code torch.chunk(x, n, dim=1)} or {@code x[:, a:b]}. Split into several parts, a map becomes
 * one {@code @Channels} layer per part, each reading the same map:
 *
 * <pre>{@code
 * @Channels(from = "stage2_out", first = 0, count = 58)  Object left;
 * @Channels(from = "stage2_out", first = 58, count = 58) Object right;
 * }</pre>
 *
 * <p>Spatially geometry-neutral: each output unit reads the unit at the same place in the
 * selected channels, so height, width, receptive field, jump and centre pass through. The output
 * has {@code count} channels. The range must lie within the incoming channels
 * ({@code first + count <= C}); when those are unknown (a {@link Conv} upstream without
 * {@code out}), the range cannot be checked and the output still has {@code count} channels.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Channels {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** The first channel selected, counted from 0; at least 0. Not given: 0. */
    int first() default 0;

    /** How many channels are selected, at least 1: the output's channels. */
    int count();
}
