package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import java.util.Arrays;

/**
 * What a pixel shuffle looks like in ONNX, and the shapes its rules give. {@code DepthToSpace}
 * (either mode: {@code DCR} and {@code CRD} order the channels differently, with the same
 * geometry) and {@code SpaceToDepth} are one node each; PyTorch 1.13 writes
 * {@code pixel_shuffle} as {@code DepthToSpace} in mode {@code CRD} at opsets 11 to 17, but
 * {@code pixel_unshuffle} as three nodes: a Reshape to {@code N x C x H/r x r x W/r x r}, a
 * Transpose with perm {@code (0, 1, 3, 5, 2, 4)} and a Reshape to {@code N x C r^2 x H/r x W/r};
 * the mirror image, Reshape to {@code N x C x r x r x H x W}, perm {@code (0, 1, 4, 2, 5, 3)},
 * Reshape to {@code N x C x H r x W r}, is a pixel shuffle. Each decision here returns a reason
 * when the node is not what convgeom declares, null when it is.
 */
final class PixelShuffles {

    /** The Transpose between the two Reshapes of an unshuffle, and of a shuffle. */
    static final long[] UNSHUFFLE_PERM = {0, 1, 3, 5, 2, 4};
    static final long[] SHUFFLE_PERM = {0, 1, 4, 2, 5, 3};

    private PixelShuffles() {
    }

    /**
     * Why a {@code DepthToSpace} ({@code shuffle}) or {@code SpaceToDepth} by {@code blocksize}
     * of a map of shape {@code in} in {@code mode} cannot be declared, or null: ONNX requires a
     * positive block size, {@code C} a multiple of {@code blocksize^2} for DepthToSpace, and rows
     * and columns multiples of it for SpaceToDepth.
     */
    static String refusal(boolean shuffle, Shape in, long blocksize, String mode) {
        if (blocksize < 1) {
            return "blocksize " + blocksize + ": ONNX requires a positive block size";
        }
        if (shuffle && !mode.equals("DCR") && !mode.equals("CRD")) {
            return "mode '" + mode + "': ONNX defines DCR and CRD only";
        }
        long block = blocksize * blocksize;
        if (shuffle && in.channels() % block != 0) {
            return "its input has " + in.channels() + " channels, not a multiple of blocksize^2 = " + block;
        }
        if (!shuffle && (in.height() % blocksize != 0 || in.width() % blocksize != 0)) {
            return "its input's " + in.height() + " x " + in.width() + " rows and columns are not multiples of"
                    + " blocksize " + blocksize + " (ONNX Runtime refuses it)";
        }
        return null;
    }

    /** The output of a pixel shuffle ({@code shuffle}) or unshuffle of {@code in} by {@code r}. */
    static Shape output(boolean shuffle, Shape in, int r) {
        return shuffle ? new Shape(in.channels() / (r * r), in.height() * r, in.width() * r)
                : new Shape(in.channels() * r * r, in.height() / r, in.width() / r);
    }

    /**
     * The factor {@code r} of a Reshape of a map of shape {@code s} to the six axes that start a
     * pixel unshuffle ({@code 1 x C x H/r x r x W/r x r}, positive) or a pixel shuffle
     * ({@code 1 x C/r^2 x r x r x H x W}, negative), or 0 for any other target.
     */
    static int blocks(long[] resolved, Shape s) {
        if (resolved.length != 6 || resolved[0] != 1) {
            return 0;
        }
        long r = resolved[3];
        if (r > 1 && resolved[5] == r && resolved[1] == s.channels() && resolved[2] * r == s.height()
                && resolved[4] * r == s.width()) {
            return (int) r;
        }
        r = resolved[2];
        if (r > 1 && resolved[3] == r && resolved[1] * r * r == s.channels() && resolved[4] == s.height()
                && resolved[5] == s.width()) {
            return (int) -r;
        }
        return 0;
    }

    /** Whether {@code perm} is the Transpose of an unshuffle ({@code shuffle} false) or shuffle. */
    static boolean transpose(boolean shuffle, long[] perm) {
        return Arrays.equals(perm, shuffle ? SHUFFLE_PERM : UNSHUFFLE_PERM);
    }
}
