package dev.convgeom.importer.onnx;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which input units each output unit of an ONNX {@code Resize} (or {@code Upsample}) reads, by
 * the specification's formulas, for a whole factor {@code f}. Output unit {@code v = f * t + r}
 * reads units {@code t + j}; the set of {@code j} depends only on the phase {@code r} away from the
 * borders. The importer compares these sets with those of convgeom's {@code @Upsample} modes
 * (nearest: the unit {@code floor(v / f)}; bilinear with half-pixel centres: the two units around
 * {@code (v + 0.5) / f - 0.5}, one when it falls on a unit) and accepts a mode only where every
 * phase reads the same units: two modes may read the same units and still call a different point
 * the centre, and what geometry needs is the units read.
 */
final class Resampling {

    private Resampling() {
    }

    /**
     * The offsets {@code j} read by phase {@code r}, or null for a mode this class does not know.
     * Positions are exact fractions: numerator over {@code 2f}.
     *
     * @param coordinates {@code half_pixel}, {@code pytorch_half_pixel}, {@code asymmetric}, ...
     * @param linear      linear interpolation rather than nearest
     * @param nearestMode {@code round_prefer_floor}, {@code round_prefer_ceil}, {@code floor},
     *                    {@code ceil}
     */
    static Set<Integer> reads(String coordinates, boolean linear, String nearestMode, int f, int r) {
        // Take t large (far from the border) so that no clamping applies; x2f = 2f * position.
        long t = 1000;
        long v = f * t + r;
        long x2f;
        switch (coordinates) {
            case "half_pixel", "pytorch_half_pixel" -> x2f = 2 * v + 1 - f;
            case "asymmetric" -> x2f = 2 * v;
            default -> {
                return null;
            }
        }
        long den = 2L * f;
        Set<Integer> units = new TreeSet<>();
        long floor = Math.floorDiv(x2f, den);
        boolean exact = Math.floorMod(x2f, den) == 0;
        if (linear) {
            units.add((int) (floor - t));
            if (!exact) {
                units.add((int) (floor + 1 - t));
            }
            return units;
        }
        long twice = 2 * Math.floorMod(x2f, den);   // compare the fraction with one half
        long unit = switch (nearestMode) {
            case "floor" -> floor;
            case "ceil" -> exact ? floor : floor + 1;
            case "round_prefer_floor" -> twice <= den ? floor : floor + 1;
            case "round_prefer_ceil" -> twice < den ? floor : floor + 1;
            default -> Long.MIN_VALUE;
        };
        if (unit == Long.MIN_VALUE) {
            return null;
        }
        units.add((int) (unit - t));
        return units;
    }

    /** Whether every phase of the ONNX mode reads the units convgeom's nearest or bilinear reads. */
    static boolean matches(String coordinates, boolean linear, String nearestMode, int f) {
        for (int r = 0; r < f; r++) {
            Set<Integer> onnx = reads(coordinates, linear, nearestMode, f, r);
            Set<Integer> dsl = reads("half_pixel", linear, "round_prefer_floor", f, r);
            if (onnx == null || !onnx.equals(dsl)) {
                return false;
            }
        }
        return true;
    }
}
