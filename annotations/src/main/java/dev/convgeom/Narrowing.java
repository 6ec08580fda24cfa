package dev.convgeom;

/**
 * The walks compute in {@code long} so that intermediate sizes and fields cannot wrap silently;
 * results are narrowed to the {@code int} of the public types here, failing loudly instead.
 */
final class Narrowing {

    private Narrowing() {
    }

    /** {@code value} as an int; unlike {@link Math#toIntExact}, the message names the value. */
    static int toInt(long value) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new ArithmeticException(value + " exceeds the int range");
        }
        return (int) value;
    }
}
