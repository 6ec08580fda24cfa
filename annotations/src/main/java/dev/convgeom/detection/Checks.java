package dev.convgeom.detection;

/** Argument checks whose messages name the value, shared by this package's factories. */
final class Checks {

    private Checks() {
    }

    static double notNaN(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        notNaN(name, value);
        if (value < 0 || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        notNaN(name, value);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    static double[] positives(String name, double[] values) {
        if (values == null) {
            throw new NullPointerException(name);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty: give at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            positive(name + "[" + i + "]", values[i]);
        }
        return values.clone();
    }

    /** A destination of at least {@code needed} elements, or a message saying how many and why. */
    static void room(String what, long needed, int length) {
        if (length < needed) {
            throw new IllegalArgumentException("need " + needed + " " + what + ", got an array of " + length);
        }
    }
}
