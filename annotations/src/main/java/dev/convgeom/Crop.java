package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Crops a map to the height and width of another, as FCN does before fusing an upsampled score map
 * with a finer one (Caffe's {@code Crop} layer with the offsets of its {@code coord_map}).
 *
 * <p>Without {@link #offset()} the processor computes it: the offset {@code o} (per axis) that
 * makes unit {@code u} of the result look at the same place as unit {@code u} of {@link #like()},
 * {@code o = (centre_like - centre_from) / jump}. That needs equal jumps and a whole, non-negative
 * {@code o} that leaves room for the whole of {@code like}; anything else fails the build with
 * the misalignment in input pixels. The offset appears in the generated class and the manifest.
 *
 * <p>With {@link #offset()} the crop starts there on both axes; {@link #offsetX()} and
 * {@link #offsetY()} give an axis its own value (and win over {@code offset} on that axis, as
 * {@code kw} does over {@code k}); an axis given by neither is computed. The processor checks
 * that a written offset fits, and that it aligns the two maps (unless {@link #allowMisaligned()}).
 * Attributes left out are "not given", whatever their default reads.
 *
 * <pre>{@code
 * @Crop(from = "upscore", like = "input") Object score;          // FCN-32s: offset 19
 * @Crop(from = "score_pool4", like = "upscore2") Object score_pool4c;
 * @Crop(like = "d", offsetX = 7, offsetY = 5) Object c;         // columns from 7, rows from 5
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Crop {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /**
     * The layer (or {@code "input"}) whose height and width the result takes, and which it is
     * aligned with.
     */
    String like();

    /**
     * Where the crop starts on both axes, in units of the cropped map: one value (an array only so
     * that {@code offset = {}} can say "computed"; two values are an error that names the
     * {@link #offsetX()} and {@link #offsetY()} to write instead). Not given: computed so that
     * the result aligns with {@link #like()}.
     */
    int[] offset() default {};

    /** The column where the crop starts, in units of the cropped map. Not given: {@link #offset()}, else computed. */
    int offsetX() default 0;

    /** The row where the crop starts, in units of the cropped map. Not given: {@link #offset()}, else computed. */
    int offsetY() default 0;

    /** Accept an explicit {@link #offset()} that does not align the two maps. */
    boolean allowMisaligned() default false;
}
