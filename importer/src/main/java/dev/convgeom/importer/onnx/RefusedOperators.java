package dev.convgeom.importer.onnx;

import java.util.Map;

/**
 * Why the operators users meet in real exports, and that convgeom's annotations cannot state, are
 * refused: said in the message rather than "unknown", so that the user learns it is the model's
 * geometry, not a gap in the reader.
 */
final class RefusedOperators {

    private static final Map<String, String> REASONS = Map.of(
            "GridSample", "samples at positions another tensor computes, so the units read are not known from"
                    + " the geometry");

    private RefusedOperators() {
    }

    /** Why {@code op} is refused, or {@code null} when it is simply not known. */
    static String reason(String op) {
        return REASONS.get(op);
    }
}
