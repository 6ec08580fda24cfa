package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Upsampling by whole factors without weights: each unit becomes {@code factorX} columns by
 * {@code factorY} rows of units ({@code factor x factor} when one {@link #factor()} is given).
 * Channels pass through.
 *
 * <p>The output's units are centred as PyTorch's {@code align_corners = false} places them:
 * along an axis with factor {@code f}, output unit {@code v} sits at input unit
 * {@code (v + 0.5) / f - 0.5}. {@link Mode#NEAREST}
 * copies the nearest unit, so the field stays that of one input unit; {@link Mode#BILINEAR} reads
 * the two neighbours on each axis, so the field grows by one input jump (by none where the
 * position falls exactly on a unit). Either way the field depends on the unit's phase,
 * {@code v mod factor}, which the generated geometry tracks.
 *
 * <pre>{@code
 * @Upsample(factor = 2)                                Object up1;
 * @Upsample(factor = 2, mode = Upsample.Mode.BILINEAR) Object up2;
 * @Upsample(factorX = 2, factorY = 1)                 Object up3;   // twice as wide
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

    /**
     * The factor along both axes; at least 1. Required unless both {@link #factorX()} and
     * {@link #factorY()} are given.
     */
    int factor() default 0;

    /** The factor along the columns (the width); at least 1. Not given: {@link #factor()}. */
    int factorX() default 0;

    /** The factor along the rows (the height); at least 1. Not given: {@link #factor()}. */
    int factorY() default 0;

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
