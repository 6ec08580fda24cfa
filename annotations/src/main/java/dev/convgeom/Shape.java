package dev.convgeom;

/**
 * The shape of a feature map: channels, height and width, in the {@code C x H x W} order of the
 * tensors it describes.
 *
 * <p>The channel count is {@link #UNKNOWN} after a {@link Conv} that does not give {@code out}
 * (and after every layer that passes channels through from there); height and width are always
 * known. For the spatial part alone, width first, see {@link #size()}.
 *
 * @param channels number of channels, at least 1, or {@link #UNKNOWN}
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record Shape(int channels, int height, int width) {

    /** The channel count of a shape whose channels are not known. */
    public static final int UNKNOWN = -1;

    /**
     * Checks the dimensions: a map has at least one channel (or unknown channels), one row and
     * one column.
     *
     * @throws IllegalArgumentException if a dimension is out of range, naming it and its value
     */
    public Shape {
        if (channels < 1 && channels != UNKNOWN) {
            throw new IllegalArgumentException("channels must be at least 1 (or Shape.UNKNOWN), was " + channels);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, was " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
    }

    /** Whether the channel count is known. */
    public boolean hasChannels() {
        return channels != UNKNOWN;
    }

    /**
     * The spatial size, width first.
     *
     * @return {@code Size.of(width, height)}
     */
    public Size size() {
        return new Size(width, height);
    }

    /** {@code C x H x W}, with {@code ?} for unknown channels. */
    @Override
    public String toString() {
        return (hasChannels() ? Integer.toString(channels) : "?") + "x" + height + "x" + width;
    }
}
