package dev.convgeom.detection;

import java.util.Arrays;

/**
 * Simulates, pixel by pixel, what the frameworks' resizing, padding and cropping code does to one
 * row of an image whose pixel {@code i} holds the value {@code i} (a ramp): bilinear interpolation
 * reproduces a ramp exactly, so each resulting pixel holds the original coordinate it was sampled
 * from. Knows nothing of {@link ImageTransform}'s affine maps.
 */
final class ResampleOracle {

    private ResampleOracle() {
    }

    /**
     * OpenCV {@code resize(INTER_LINEAR)} of a ramp of {@code from} pixels to {@code to} pixels
     * (imgproc/src/resize.cpp, resizeGeneric: {@code fx = (dx + 0.5) * scale_x - 0.5},
     * {@code sx = floor(fx)}, border pixels clamped): NaN where the clamping replaced the
     * interpolation (there the value is no longer the sampled coordinate).
     */
    static double[] halfPixel(int from, int to) {
        double[] out = new double[to];
        double scale = (double) from / to;
        for (int dx = 0; dx < to; dx++) {
            double fx = (dx + 0.5) * scale - 0.5;
            int sx = (int) Math.floor(fx);
            double t = fx - sx;
            if (sx < 0 || sx >= from - 1) {
                out[dx] = from == 1 && fx == 0 ? 0 : Double.NaN;
            } else {
                out[dx] = sx * (1 - t) + (sx + 1) * t;
            }
        }
        return out;
    }

    /**
     * darknet {@code resize_image} of a ramp (src/image.c: {@code w_scale = (im.w - 1) / (w - 1)},
     * {@code sx = c * w_scale}, {@code ix = (int) sx}, the last column copied).
     */
    static double[] alignCorners(int from, int to) {
        double[] out = new double[to];
        double scale = (double) (from - 1) / (to - 1);
        for (int c = 0; c < to; c++) {
            if (c == to - 1) {
                out[c] = from - 1;
            } else {
                double sx = c * scale;
                int ix = (int) sx;
                double dx = sx - ix;
                out[c] = (1 - dx) * ix + dx * (ix + 1);
            }
        }
        return out;
    }

    /** {@code cv2.copyMakeBorder} / darknet {@code embed_image}: NaN in the padding. */
    static double[] pad(double[] row, int before, int after) {
        double[] out = new double[before + row.length + after];
        Arrays.fill(out, Double.NaN);
        System.arraycopy(row, 0, out, before, row.length);
        return out;
    }

    /** Slicing {@code [start, start + length)}, NaN beyond the row (torchvision pads then crops). */
    static double[] crop(double[] row, int start, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            int j = start + i;
            out[i] = j >= 0 && j < row.length ? row[j] : Double.NaN;
        }
        return out;
    }

    /** A ramp {@code 0, 1, ..., n - 1}. */
    static double[] ramp(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * The original pixels {@code p} in {@code [0, n)} whose area {@code [p, p + 1]} (box
     * coordinates) overlaps, with positive length, the area {@code [lo, hi + 1]} of input pixels
     * {@code lo..hi} under the forward map {@code x' = (a x + b) / c} ({@code a, c > 0}), by
     * integer cross-multiplication over every pixel: {@code {first, last}}, or {@code first > last}.
     */
    static int[] footprint(long a, long b, long c, int n, int lo, int hi) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int p = 0; p < n; p++) {
            boolean startsBeforeEnd = a * p + b < (long) (hi + 1) * c;
            boolean endsAfterStart = a * (p + 1) + b > (long) lo * c;
            if (startsBeforeEnd && endsAfterStart) {
                first = Math.min(first, p);
                last = Math.max(last, p);
            }
        }
        return first > last ? new int[] {0, -1} : new int[] {first, last};
    }
}
