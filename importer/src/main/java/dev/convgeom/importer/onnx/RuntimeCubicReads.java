package dev.convgeom.importer.onnx;

import dev.convgeom.engine.Axis;
import dev.convgeom.engine.LayerSpec;
import dev.convgeom.engine.Sampling;

/**
 * Whether ONNX Runtime's cubic {@code Resize} reads, along one axis, exactly the input units
 * convgeom's exact geometry says it reads.
 *
 * <p>ONNX Runtime (CPU) places output unit {@code x} as its linear mode does
 * ({@link RuntimeLinearReads#original}, at {@code x} when the scale is exactly 1) but does not
 * clamp the position; it takes {@code x_int = floor(position)} and {@code s = position - x_int} in
 * 32-bit floats, evaluates Keys' kernel at {@code s + 1, s, 1 - s, 2 - s} in floats (in Horner's
 * form, with {@code cubic_coeff_a} a float), and weighs units {@code x_int - 1 .. x_int + 2} by
 * those coefficients, each unit clamped into the map ({@code exclude_outside = 0}) or, with
 * {@code exclude_outside = 1}, given weight 0 beyond the map and the rest renormalised by their sum.
 * A unit with a coefficient of 0 is not read. This class repeats that arithmetic in Java's IEEE
 * {@code float}, in the same order, and compares the real units read with the engine's
 * {@link Sampling}, whose units beyond the map stand for the border unit (clamped) or for nothing
 * (excluded): in both cases the real units read are the exact ones clipped to the map.
 */
final class RuntimeCubicReads {

    private RuntimeCubicReads() {
    }

    /**
     * The first output unit where ONNX Runtime reads other input units than the exact geometry,
     * or -1 where every unit agrees.
     *
     * @param coordinates    {@code half_pixel}, {@code pytorch_half_pixel}, {@code asymmetric},
     *                       {@code align_corners} or {@code tf_half_pixel_for_nn}
     * @param scale          the float scale ONNX Runtime uses
     * @param a              {@code cubic_coeff_a}, as the float the file holds
     * @param excludeOutside {@code exclude_outside}
     * @param in             input units along the axis
     * @param out            output units along the axis
     * @param layer          the declared cubic upsampling
     */
    static long firstDisagreement(String coordinates, float scale, float a, boolean excludeOutside, long in,
                                  long out, LayerSpec layer, Axis axis) {
        Sampling exact = Sampling.of(layer, axis, in);
        for (long x = 0; x < out; x++) {
            float position = scale == 1f ? (float) x
                    : RuntimeLinearReads.original(coordinates, (float) x, scale, in, out);
            long[] runtime = reads(position, a, excludeOutside, in);
            long exactFirst = Math.max(0, Math.min(exact.first(x), in - 1));
            long exactLast = Math.max(0, Math.min(exact.last(x), in - 1));
            if (runtime[0] != exactFirst || runtime[1] != exactLast) {
                return x;
            }
        }
        return -1;
    }

    /**
     * The first and last of {@code in} units ONNX Runtime's cubic mode weighs other than 0 at float
     * position {@code q}: of the four taps around it, those with a coefficient other than 0, taps
     * beyond the map clamped to its border or, with {@code excludeOutside}, left out.
     */
    static long[] reads(float q, float a, boolean excludeOutside, long in) {
        long below = (long) Math.floor(q);
        float[] c = coefficients(q - (float) below, a);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 4; i++) {
            long unit = below - 1 + i;
            boolean inside = unit >= 0 && unit < in;
            if (c[i] != 0f && (inside || !excludeOutside)) {
                long read = Math.max(0, Math.min(unit, in - 1));
                first = Math.min(first, read);
                last = Math.max(last, read);
            }
        }
        return new long[] {first, last};
    }

    /** ONNX Runtime's four float coefficients at fraction {@code s}, in its order of operations. */
    static float[] coefficients(float s, float a) {
        float abs = Math.abs(s);
        float p1 = abs + 1;
        float m1 = 1 - abs;
        float m2 = 2 - abs;
        return new float[] {
            ((a * p1 - 5 * a) * p1 + 8 * a) * p1 - 4 * a,
            ((a + 2) * abs - (a + 3)) * abs * abs + 1,
            ((a + 2) * m1 - (a + 3)) * m1 * m1 + 1,
            ((a * m2 - 5 * a) * m2 + 8 * a) * m2 - 4 * a,
        };
    }
}
