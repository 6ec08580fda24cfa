package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Upsampling by a whole factor without weights: each unit becomes {@code factor x factor} units.
 * Channels pass through.
 *
 * <p>The output's units are centred as PyTorch's {@code align_corners = false} places them:
 * output unit {@code v} sits at input unit {@code (v + 0.5) / factor - 0.5}. {@link Mode#NEAREST}
 * copies the nearest unit, so the field stays that of one input unit; {@link Mode#BILINEAR} reads
 * the two neighbours on each axis, so the field grows by one input jump (by none where the
 * position falls exactly on a unit). Either way the field depends on the unit's phase,
 * {@code v mod factor}, which the generated geometry tracks.
 *
 * <pre>{@code
 * @Upsample(factor = 2)                                Object up1;
 * @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR) Object up2;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Upsample {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** The factor along both axes; at least 1. */
    int factor();

    /** How output units take their values. */
    Mode mode() default Mode.NEAREST;

    /** How an upsampled unit is computed from the input. */
    enum Mode {
        /** A copy of the nearest input unit. */
        NEAREST,
        /** Bilinear interpolation of the two nearest units per axis (half-pixel centres). */
        BILINEAR
    }
}
