package dev.convgeom.detection;

import dev.convgeom.Size;

/**
 * A box with fractional bounds, in <em>box coordinates</em>: the frame of the box tensors of SSD,
 * torchvision, YOLO, OpenCV's {@code Rect2d} and SVG, where {@code x} runs from 0 at the left edge
 * of pixel column 0 to {@code width} at the right edge of the last column (and {@code y} likewise
 * from the top). Pixel {@code (i, j)} covers {@code [i, i + 1] x [j, j + 1]}.
 *
 * <p>convgeom's {@link dev.convgeom.Point}s name pixel centres instead: the point that a
 * {@code Point} calls {@code (x, y)} is {@code (x + 0.5, y + 0.5)} here. The half pixel between
 * the two frames is a classic source of off-by-half bugs in detection code, so every method of
 * this package says which frame it uses.
 *
 * @param left   left edge (smallest x)
 * @param top    top edge (smallest y)
 * @param right  right edge (largest x)
 * @param bottom bottom edge (largest y)
 */
public record Rect(double left, double top, double right, double bottom) {

    /**
     * Checks the bounds.
     *
     * @param left   left edge
     * @param top    top edge
     * @param right  right edge
     * @param bottom bottom edge
     * @throws IllegalArgumentException if a bound is NaN, naming it
     */
    public Rect {
        Checks.notNaN("left", left);
        Checks.notNaN("top", top);
        Checks.notNaN("right", right);
        Checks.notNaN("bottom", bottom);
    }

    /**
     * The box of width {@code width} and height {@code height} centred on ({@code centerX},
     * {@code centerY}), all in box coordinates.
     *
     * @param centerX centre, x
     * @param centerY centre, y
     * @param width   width, not negative
     * @param height  height, not negative
     * @return the box
     * @throws IllegalArgumentException if a value is NaN or a size negative
     */
    public static Rect centered(double centerX, double centerY, double width, double height) {
        Checks.nonNegative("width", width);
        Checks.nonNegative("height", height);
        return new Rect(centerX - width / 2, centerY - height / 2, centerX + width / 2, centerY + height / 2);
    }

    /** {@return the width, {@code right - left}, 0 for an empty box} */
    public double width() {
        return Math.max(0, right - left);
    }

    /** {@return the height, {@code bottom - top}, 0 for an empty box} */
    public double height() {
        return Math.max(0, bottom - top);
    }

    /** {@return the centre's x, in box coordinates} */
    public double centerX() {
        return (left + right) / 2;
    }

    /** {@return the centre's y, in box coordinates} */
    public double centerY() {
        return (top + bottom) / 2;
    }

    /** {@return whether the box has no area ({@code right <= left} or {@code bottom <= top})} */
    public boolean isEmpty() {
        return right <= left || bottom <= top;
    }

    /**
     * This box restricted to an image of {@code size}, that is to {@code [0, width] x [0, height]};
     * a box wholly outside comes out empty (see {@link #isEmpty()}).
     *
     * @param size the image's size
     * @return the clipped box
     */
    public Rect clip(Size size) {
        return new Rect(clamp(left, size.width()), clamp(top, size.height()),
                clamp(right, size.width()), clamp(bottom, size.height()));
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
