package dev.convgeom.importer.onnx;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;

/**
 * Opens the importer's package-private {@link RuntimeLinearReads} and {@link RuntimeNearestReads}
 * to tests in other packages, so
 * that a test writing a fractional resize to ONNX asks the same question the importer asks
 * instead of repeating ONNX Runtime's float arithmetic a second time.
 */
public final class RuntimeReadsForTests {

    private RuntimeReadsForTests() {
    }

    /**
     * The first output unit along {@code axis} where ONNX Runtime's linear resize by the float
     * {@code scale} (given as {@code scales}) to {@code out} units reads other input units than
     * the engine says, or -1.
     */
    public static long firstDisagreement(String coordinates, float scale, long in, long out, LayerSpec layer,
                                         Axis axis) {
        return RuntimeLinearReads.firstDisagreement(coordinates, scale, in, out, layer, axis);
    }

    /**
     * As {@link #firstDisagreement} for a nearest resize rounded as {@code rounding}
     * ({@link RuntimeNearestReads}).
     */
    public static long firstNearestDisagreement(String coordinates, dev.convgeom.Upsample.Rounding rounding,
                                                float scale, long in, long out, LayerSpec layer, Axis axis) {
        return RuntimeNearestReads.firstDisagreement(coordinates, rounding, scale, in, out, layer, axis);
    }
}
