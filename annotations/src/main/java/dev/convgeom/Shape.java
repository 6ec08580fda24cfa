package dev.convgeom;

/**
 * The shape of a feature map: channels, height and width.
 *
 * <p>The channel count is {@link #UNKNOWN} after a {@link Conv} that does not give {@code out}
 * (and after every layer that passes channels through from there); height and width are always
 * known.
 *
 * @param channels number of channels, or {@link #UNKNOWN}
 * @param height rows
 * @param width columns
 */
public record Shape(int channels, int height, int width) {

    /** The channel count of a shape whose channels are not known. */
    public static final int UNKNOWN = -1;

    /** Whether the channel count is known. */
    public boolean hasChannels() {
        return channels != UNKNOWN;
    }

    /** {@code C x H x W}, with {@code ?} for unknown channels. */
    @Override
    public String toString() {
        return (hasChannels() ? Integer.toString(channels) : "?") + "x" + height + "x" + width;
    }
}
