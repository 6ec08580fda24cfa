package dev.convgeom;

/**
 * The messages of the value types' argument checks. They are built only once a check has failed,
 * so the checks themselves stay a comparison or two on the fast path.
 */
final class Checks {

    private Checks() {
    }

    /** Which of two coordinates is NaN or infinite, and its value. */
    static String notFinite(String xName, double x, String yName, double y) {
        String name = Double.isFinite(x) ? yName : xName;
        double value = Double.isFinite(x) ? y : x;
        return name + " must be a finite number, was " + value;
    }

    /** {@code IllegalArgumentException} naming a coordinate that is NaN or infinite. */
    static IllegalArgumentException notFinite(String name, double value) {
        return new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
}
