package dev.convgeom;

import java.util.List;

/** Small builders of {@link LayerSpec}s for graph tests: 4 channels throughout, explicit padding. */
final class Graphs {

    static final int C = 4;

    private Graphs() {
    }

    static Window window(int k, int s, int d, int pb, int pa) {
        return new Window(k, s, d, pb, pa, Padding.EXPLICIT, false);
    }

    static LayerSpec conv(String name, String from, int k, int s, int p) {
        return new LayerSpec(name, "Conv", List.of(from), C, C, 1, window(k, s, 1, p, p), window(k, s, 1, p, p), null);
    }

    static LayerSpec conv(String name, String from, Window y, Window x) {
        return new LayerSpec(name, "Conv", List.of(from), C, C, 1, y, x, null);
    }

    static LayerSpec maxPool(String name, String from, int k, int s) {
        return new LayerSpec(name, "MaxPool", List.of(from), C, C, 1, window(k, s, 1, 0, 0), window(k, s, 1, 0, 0), null);
    }

    static LayerSpec pool(String name, String kind, String from, Window y, Window x) {
        return new LayerSpec(name, kind, List.of(from), C, C, 1, y, x, null);
    }

    static LayerSpec deconv(String name, String from, int k, int s, int p) {
        return new LayerSpec(name, "Deconv", List.of(from), C, C, 1, window(k, s, 1, p, p), window(k, s, 1, p, p),
                Resize.deconv(0));
    }

    static LayerSpec deconv(String name, String from, Window y, Window x, int outputPadding) {
        return new LayerSpec(name, "Deconv", List.of(from), C, C, 1, y, x, Resize.deconv(outputPadding));
    }

    static LayerSpec upsample(String name, String from, int factor, boolean bilinear) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null, Resize.upsample(factor, bilinear));
    }

    static LayerSpec upsample(String name, String from, int factorX, int factorY, boolean bilinear) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null,
                Resize.upsample(factorX, factorY, bilinear));
    }

    static LayerSpec upsample(String name, String from, int factorX, int factorY, Upsample.Coordinates coordinates) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null,
                Resize.upsample(factorX, factorY, true, coordinates));
    }

    /** A cubic upsampling by {@code factor / per} on both axes with coefficient {@code a}. */
    static LayerSpec cubic(String name, String from, int factor, int per, Upsample.Coordinates coordinates, double a,
                           boolean excludeOutside) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null,
                Resize.upsample(factor, per, factor, per, false, coordinates).withCubic(a, excludeOutside));
    }

    /** A bilinear upsampling by {@code factorX / perX} along the columns and {@code factorY / perY} along the rows. */
    static LayerSpec upsample(String name, String from, int factorX, int perX, int factorY, int perY,
                              Upsample.Coordinates coordinates) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null,
                Resize.upsample(factorX, perX, factorY, perY, true, coordinates));
    }

    /** A nearest upsampling by {@code factor / per} on both axes, placed and rounded as given. */
    static LayerSpec nearest(String name, String from, int factor, int per, Upsample.Coordinates coordinates,
                             Upsample.Rounding rounding) {
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null,
                Resize.upsample(factor, per, factor, per, false, coordinates).withRounding(rounding));
    }

    /**
     * A {@code CROP_AND_RESIZE} upsampling by {@code factor / per} on both axes of the region
     * {@code roi = {startX, endX, startY, endY}}: nearest (rounded as given), bilinear, or cubic
     * with coefficient {@code a} when {@code mode} says so.
     */
    static LayerSpec cropAndResize(String name, String from, int factor, int per, Upsample.Mode mode,
                                   Upsample.Rounding rounding, double a, double... roi) {
        Resize r = Resize.upsample(factor, per, factor, per, mode == Upsample.Mode.BILINEAR,
                Upsample.Coordinates.CROP_AND_RESIZE).withRounding(rounding);
        r = mode == Upsample.Mode.CUBIC ? r.withCubic(a, false) : r;
        r = roi.length == 0 ? r : r.withRoi(roi[0], roi[1], roi[2], roi[3]);
        return new LayerSpec(name, "Upsample", List.of(from), C, C, 1, null, null, r);
    }

    static LayerSpec pad(String name, String from, int top, int bottom, int left, int right) {
        return new LayerSpec(name, "Pad", List.of(from), C, C, 1, window(1, 1, 1, top, bottom),
                window(1, 1, 1, left, right), null);
    }

    static LayerSpec crop(String name, String from, String like, int offsetX, int offsetY) {
        return new LayerSpec(name, "Crop", List.of(from), C, C, 1, null, null, Resize.crop(like, offsetX, offsetY));
    }

    static LayerSpec concat(String name, String... from) {
        return new LayerSpec(name, "Concat", List.of(from), Shape.UNKNOWN, C * from.length, 1, null, null, null);
    }

    static LayerSpec add(String name, String... from) {
        return new LayerSpec(name, "Add", List.of(from), C, C, 1, null, null, null);
    }

    static LayerSpec globalAvgPool(String name, String from) {
        return new LayerSpec(name, "GlobalAvgPool", List.of(from), C, C, 1, null, null, null);
    }

    /** {@code map} gated by {@code gate}, a map of one unit. */
    static LayerSpec gate(String name, String map, String gate) {
        return new LayerSpec(name, "Gate", List.of(map, gate), Shape.UNKNOWN, C, 1, null, null, null);
    }

    static LayerSpec instanceNorm(String name, String from) {
        return new LayerSpec(name, "InstanceNorm", List.of(from), C, C, 1, null, null, null);
    }

    static LayerSpec relu(String name, String from) {
        return new LayerSpec(name, "Relu", List.of(from), C, C, 1, null, null, null);
    }

    /** {@code count} channels of {@code from} from {@code first}, whose channels are {@code in}. */
    static LayerSpec channels(String name, String from, int in, int first, int count) {
        return new LayerSpec(name, "Channels", List.of(from), in, count, 1, null, null, null, first);
    }

    /** A channel shuffle of {@code channels} channels in {@code groups} groups. */
    static LayerSpec channelShuffle(String name, String from, int channels, int groups) {
        return new LayerSpec(name, "ChannelShuffle", List.of(from), channels, channels, groups, null, null, null);
    }

    /** A pixel shuffle by {@code factor} (channels left unknown: the walk is spatial). */
    static LayerSpec pixelShuffle(String name, String from, int factor) {
        return new LayerSpec(name, "PixelShuffle", List.of(from), Shape.UNKNOWN, Shape.UNKNOWN, 1, null, null,
                Resize.upsample(factor, false));
    }

    /** A pixel unshuffle by {@code factor}: its block as a window (channels left unknown). */
    static LayerSpec pixelUnshuffle(String name, String from, int factor) {
        return new LayerSpec(name, "PixelUnshuffle", List.of(from), Shape.UNKNOWN, Shape.UNKNOWN, 1,
                window(factor, factor, 1, 0, 0), window(factor, factor, 1, 0, 0), null);
    }

    static NetworkSpec network(String name, int height, int width, LayerSpec... layers) {
        return new NetworkSpec(name, new Shape(C, height, width), List.of(layers));
    }
}
