package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Padding added around a map (PyTorch's {@code ZeroPad2d}, {@code ReflectionPad2d},
 * {@code ReplicationPad2d}; ONNX {@code Pad}). Shapes, jumps, centres and the unclipped fields of
 * the new units are the same in every {@link #mode()}: the new units lie in the padding, and their
 * fields extend the map's pattern outwards, beyond the image.
 *
 * <p>In {@link Mode#CONSTANT} mode (the default) the new units hold a constant and read no pixel.
 * In {@link Mode#REFLECT} and {@link Mode#EDGE} mode they hold copies of units of the map, so the
 * pixels a layer reading them depends on are not those of constant padding unless each window that
 * reads a copy also reads the unit copied. The processor checks that for every window that can
 * read the copies, at every input size, and refuses the network otherwise, naming the layer and the
 * copy: so every field and unread pixel reported downstream is exact. Only convolutions and pooling may
 * read such a pad, directly (a unit-by-unit layer between, such as {@link Relu}, would pass the
 * copies on). The geometry of
 * the pad layer itself is that of constant padding: the field reported for a new unit is the
 * virtual one beyond the image, while its values are those of the unit it copies.
 *
 * <pre>{@code
 * @Pad(top = 1, bottom = 1, left = 1, right = 1) Object pad1;
 * @Pad(top = 3, bottom = 3, left = 3, right = 3, mode = Pad.Mode.REFLECT) Object pad3;   // then a 7x7 conv
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Pad {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name: only {@link Concat} and {@link Add} read
     * several. Not given: the layer declared just before this one (the network input for the
     * first layer), so a chain needs no {@code from} at all.
     */
    String[] from() default {};

    /** Rows added above. */
    int top() default 0;

    /** Rows added below. */
    int bottom() default 0;

    /** Columns added on the left. */
    int left() default 0;

    /** Columns added on the right. */
    int right() default 0;

    /**
     * What the new units hold: {@link Mode#CONSTANT} (the default), or copies of the map's units
     * ({@link Mode#REFLECT}, {@link Mode#EDGE}), read exactly only by windows that also read the
     * units copied (see above).
     */
    Mode mode() default Mode.CONSTANT;

    /** What the new units of a {@link Pad} hold: ONNX {@code Pad}'s {@code mode}. */
    enum Mode {
        /** A constant (zero by default): PyTorch's {@code ZeroPad2d} and {@code ConstantPad2d}. */
        CONSTANT,
        /**
         * The map mirrored at its border unit, which is not repeated: new unit {@code -i} copies unit
         * {@code i}, and new unit {@code n - 1 + i} copies {@code n - 1 - i}. PyTorch's
         * {@code ReflectionPad2d}; each side's padding must be below the map's size.
         */
        REFLECT,
        /** The border unit repeated: PyTorch's {@code ReplicationPad2d}. */
        EDGE
    }
}
