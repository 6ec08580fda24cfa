package dev.convgeom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The compact literal form in which generated {@code <Model>Geometry} classes are written: a
 * network's declared layers as one line of text each, and each layer's geometry, computed at
 * compile time, as one line of numbers. Public only because generated code lives in the user's
 * packages; applications use the generated constants and {@link NetworkSpec}, not this class.
 *
 * <p>Why text: javac compiles a string literal far faster than the seven constructor and factory
 * calls per layer that the same values cost as Java expressions, and a class initializer loads it
 * in a few bytes of bytecode. The numbers are still the compile-time results, written as literals
 * next to each constant; nothing is computed by walking the network when the class loads.
 *
 * <p>A layer, as {@link #network} reads it: fields separated by single spaces,
 * <pre>
 * name kind from in out groups [y x [resize]]
 *
 * conv1 Conv ^ 3 96 1 11,4,1,0,0 =
 * relu1 Relu ^ 96 96 1
 * pool1 MaxPool relu1 96 96 1 3,2,1,0,0,ceil =
 * hconv Conv ^ 96 64 1 1,1,1,0,0 3,1,1,1,1
 * up Deconv score 21 21 1 4,2,1,1,1 = deconv,0
 * crop Crop up 21 21 1 - - crop,data,19,19
 * right Channels cat 116 58 1 - - first,58
 * shuffle ChannelShuffle ^ 116 116 2
 * ps PixelShuffle ^ 9 1 1 - - upsample,3,nearest
 * down PixelUnshuffle ^ 3 12 1 2,2,1,0,0 =
 * </pre>
 * {@code from} lists the layers read, separated by commas, or is {@code ^} for the layer on the
 * line before (the input, on the first line); channels are a number or {@code ?}
 * ({@link Shape#UNKNOWN}); a window is {@code kernel,stride,dilation,padBefore,padAfter}, then
 * {@code SAME} or {@code VALID} unless the padding is {@link Padding#EXPLICIT}, then {@code ceil}
 * if the output size rounds up; {@code -} is a missing window or resize, and a column window
 * {@code =} is the same as the row window. A resize is
 * {@code upsample,factor,nearest|bilinear} (or {@code upsample,factorX,factorY,nearest|bilinear}
 * where the axes differ; a fractional factor is written {@code factor/per}, as {@code 65/33}; then
 * {@code ,asymmetric}, {@code ,align_corners} or {@code ,tf_half_pixel_for_nn} for coordinates
 * other than half-pixel (or {@code ,crop_and_resize}, followed by {@code :startX:endX:startY:endY},
 * exact decimals, where the region is not the whole map), then {@code ,round_prefer_ceil}, {@code ,floor} or {@code ,ceil} for a
 * nearest rounding other than {@code round_prefer_floor}; a cubic upsampling's mode is {@code cubic} for
 * coefficient -0.75, else {@code cubic:a}, then {@code :exclude_outside} where it excludes outside taps;
 * a {@code PixelShuffle}'s is always {@code upsample,factor,nearest}), {@code deconv,outputPadding} or
 * {@code crop,like,offsetX,offsetY} (see {@link Resize#crop}); in its place, {@code first,n} is the
 * first channel of a {@code Channels} layer ({@link LayerSpec#firstChannel()}), written when not 0;
 * or {@code reflect} or {@code edge}, a pad's {@link LayerSpec#padMode()}, written when not constant.
 *
 * <p>A layer's geometry, as {@link #layer} reads it: its output shape, then per axis (rows, then
 * columns) the jump, the centre of unit 0 and the fields of one period as in
 * {@link AxisGeometry#phases}; jumps and centres are whole numbers or fractions {@code n/d}. When
 * both axes have the same jump, centre and fields, they are written once; when only the fields
 * differ, the columns give just their fields. After a {@link Gate} or an {@link InstanceNorm} an
 * axis ends with {@code ~ lo hi}, the context every unit reads ({@link AxisGeometry#withContext}):
 * <pre>
 * 256 13 13 | 16 17 -63 99
 * 96 55 53 | 4 5 0 10 | 4 11/2 -1 12
 * 64 56 56 | 4 3/2 -5 8 | -9 12
 * 21 500 500 | 1/32 -7/64 -2 1, -2 1, ...
 * 16 8 8 | 2 1/2 -1 2 ~ -1 16
 * </pre>
 */
public final class Literals {

    private static final String INPUT = "input";

    private Literals() {
    }

    /**
     * The network {@code name} on an input of {@code input} ({@code "channels height width"}), its
     * layers given as lines of text (see the class comment). The lines may come in several strings,
     * each holding several lines separated by {@code '\n'}, as large networks need: one string
     * literal holds at most 65,535 bytes.
     *
     * @throws IllegalArgumentException if a line is not a layer in this form, or as
     *                                  {@link NetworkSpec#NetworkSpec} and {@link LayerSpec}
     */
    public static NetworkSpec network(String name, String input, String... layers) {
        return network(name, input, (List<String>) null, layers);
    }

    /**
     * As {@link #network(String, String, String...)}, with the outputs declared: {@code outputs}
     * names them, the primary output first.
     *
     * @param name    the network's name
     * @param input   {@code "channels height width"}
     * @param outputs the outputs' layer names, primary first; null for the default, the layers no
     *                other layer reads
     * @param layers  the layers' lines
     * @return the network
     * @throws IllegalArgumentException if a line is not a layer in this form, or as
     *                                  {@link NetworkSpec#NetworkSpec(String, Shape, List, List)}
     */
    public static NetworkSpec network(String name, String input, List<String> outputs, String... layers) {
        int[] shape = ints(input, 3, "input");
        List<LayerSpec> specs = new ArrayList<>();
        for (String block : layers) {
            for (String line : block.split("\n")) {
                if (!line.isBlank()) {
                    specs.add(layerSpec(line.strip(), specs.isEmpty() ? INPUT : specs.get(specs.size() - 1).name()));
                }
            }
        }
        Shape in = new Shape(shape[0], shape[1], shape[2]);
        return outputs == null ? new NetworkSpec(name, in, specs) : new NetworkSpec(name, in, specs, outputs);
    }

    /**
     * The network's input as a layer: every pixel is its own field.
     */
    public static LayerGeometry input(NetworkSpec network) {
        Shape in = network.input();
        return new LayerGeometry(INPUT, "Input", in, AxisGeometry.uniform(in.height(), in.height(), Ratio.of(1),
                Ratio.of(0), 0, 0), AxisGeometry.uniform(in.width(), in.width(), Ratio.of(1), Ratio.of(0), 0, 0),
                network, -1);
    }

    /**
     * Layer {@code index} of {@code network}, with the geometry given as text (see the class
     * comment); its name and kind are the spec's.
     *
     * @throws IllegalArgumentException if {@code geometry} is not in this form, or as
     *                                  {@link AxisGeometry#phases}
     */
    public static LayerGeometry layer(NetworkSpec network, int index, String geometry) {
        LayerSpec spec = network.layers().get(index);
        String[] parts = geometry.split("\\|");
        if (parts.length != 2 && parts.length != 3) {
            throw new IllegalArgumentException(spec.name() + ": expected \"shape | rows [| columns]\", got \""
                    + geometry + "\"");
        }
        String[] shape = tokens(parts[0], 3, spec.name() + " shape");
        Shape output = new Shape(channels(shape[0]), number(shape[1]), number(shape[2]));
        Shape in = network.input();
        AxisGeometry rows = axis(in.height(), output.height(), parts[1], spec, null);
        return new LayerGeometry(spec.name(), spec.kind(), output, rows,
                axis(in.width(), output.width(), parts[parts.length - 1], spec, rows), network, index);
    }

    /** One axis; with {@code rows} given, the text may hold only the fields, jump and centre being the rows'. */
    private static AxisGeometry axis(int inputSize, int size, String text, LayerSpec spec, AxisGeometry rows) {
        int tilde = text.indexOf('~');
        if (tilde >= 0) {
            String[] context = tokens(text.substring(tilde + 1), 2, spec.name() + " context");
            return axis(inputSize, size, text.substring(0, tilde), spec, rows)
                    .withContext(number(context[0]), number(context[1]));
        }
        String t = text.strip();
        int firstComma = t.indexOf(',');
        if (rows != null && (firstComma < 0 ? t : t.substring(0, firstComma)).strip().split(" ").length == 2) {
            return AxisGeometry.phases(inputSize, size, rows.exactJump(), rows.exactCenter(), t);
        }
        int jumpEnd = t.indexOf(' ');
        int centerEnd = jumpEnd < 0 ? -1 : t.indexOf(' ', jumpEnd + 1);
        if (centerEnd < 0) {
            throw new IllegalArgumentException(spec.name() + ": expected \"jump center lo hi[, lo hi ...]\", got \""
                    + t + "\"");
        }
        return AxisGeometry.phases(inputSize, size, ratio(t.substring(0, jumpEnd)),
                ratio(t.substring(jumpEnd + 1, centerEnd)), t.substring(centerEnd + 1));
    }

    private static Ratio ratio(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? Ratio.of(Long.parseLong(text))
                : Ratio.of(Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
    }

    private static LayerSpec layerSpec(String line, String previous) {
        String[] f = line.split(" ");
        if (f.length != 6 && f.length != 8 && f.length != 9) {
            throw new IllegalArgumentException("expected \"name kind from in out groups [y x [resize]]\", got \""
                    + line + "\"");
        }
        try {
            List<String> from = f[2].equals("^") ? List.of(previous) : Arrays.asList(f[2].split(","));
            boolean first = f.length > 8 && f[8].startsWith("first,");
            Pad.Mode padMode = f.length > 8 && f[1].equals("Pad") ? padMode(f[8]) : Pad.Mode.CONSTANT;
            boolean resized = f.length > 8 && !first && !f[1].equals("Pad");
            return new LayerSpec(f[0], f[1], from, channels(f[3]), channels(f[4]),
                    number(f[5]), f.length > 6 ? window(f[6]) : null,
                    f.length > 6 ? window(f[7].equals("=") ? f[6] : f[7]) : null,
                    resized ? resize(f[8]) : null, first ? number(f[8].substring(6)) : 0, padMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer \"" + line + "\": " + e.getMessage(), e);
        }
    }

    private static Pad.Mode padMode(String text) {
        return switch (text) {
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw new IllegalArgumentException("expected a pad mode, reflect or edge, got \"" + text + "\"");
        };
    }

    private static Window window(String text) {
        if (text.equals("-")) {
            return null;
        }
        String[] f = text.split(",");
        if (f.length < 5 || f.length > 7) {
            throw new IllegalArgumentException("expected \"kernel,stride,dilation,padBefore,padAfter[,SAME|VALID]"
                    + "[,ceil]\", got \"" + text + "\"");
        }
        Padding padding = Padding.EXPLICIT;
        boolean ceil = false;
        for (int i = 5; i < f.length; i++) {
            switch (f[i]) {
                case "SAME" -> padding = Padding.SAME;
                case "VALID" -> padding = Padding.VALID;
                case "ceil" -> ceil = true;
                default -> throw new IllegalArgumentException("unknown window flag \"" + f[i] + "\" in \"" + text
                        + "\"");
            }
        }
        return new Window(number(f[0]), number(f[1]), number(f[2]), number(f[3]), number(f[4]), padding, ceil);
    }

    private static Resize resize(String text) {
        if (text.equals("-")) {
            return null;
        }
        String[] f = text.split(",");
        switch (f[0]) {
            case "upsample":
                Resize upsample = upsample(f);
                if (upsample != null) {
                    return upsample;
                }
                break;
            case "deconv":
                if (f.length == 2) {
                    return Resize.deconv(number(f[1]));
                }
                break;
            case "crop":
                if (f.length == 4) {
                    return Resize.crop(f[1], number(f[2]), number(f[3]));
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("expected \"upsample,factor[,factorY],nearest|bilinear|cubic[:a[:exclude_outside]]"
                + "[,asymmetric|align_corners|tf_half_pixel_for_nn|crop_and_resize[:startX:endX:startY:endY]]"
                + "[,round_prefer_ceil|floor|ceil]\", \"deconv,outputPadding\""
                + " or \"crop,like,offsetX,offsetY\", got \"" + text + "\"");
    }

    /**
     * {@code upsample,factorX[,factorY],nearest|bilinear[,asymmetric|align_corners|tf_half_pixel_for_nn]
     * [,round_prefer_ceil|floor|ceil]}, or null.
     */
    private static Resize upsample(String[] f) {
        int mode = f.length > 2 && isMode(f[2]) ? 2 : 3;
        if (mode >= f.length || !isMode(f[mode]) || f.length > mode + 3) {
            return null;
        }
        Upsample.Coordinates coordinates = Upsample.Coordinates.HALF_PIXEL;
        int next = mode + 1;
        if (next < f.length && (f[next].equals("asymmetric") || f[next].equals("align_corners")
                || f[next].equals("tf_half_pixel_for_nn"))) {
            coordinates = Upsample.Coordinates.valueOf(f[next++].toUpperCase(Locale.ROOT));
        }
        String[] roi = null;
        if (next < f.length && (f[next].equals("crop_and_resize") || f[next].startsWith("crop_and_resize:"))) {
            coordinates = Upsample.Coordinates.CROP_AND_RESIZE;
            roi = f[next++].split(":", -1);
            if (roi.length != 1 && roi.length != 5) {
                return null;
            }
        }
        Upsample.Rounding rounding = Upsample.Rounding.ROUND_PREFER_FLOOR;
        if (next < f.length) {
            rounding = rounding(f[next++]);
        }
        if (rounding == null || next != f.length) {
            return null;
        }
        String y = mode == 3 ? f[2] : f[1];
        Resize resize = Resize.upsample(numerator(f[1]), per(f[1]), numerator(y), per(y), f[mode].equals("bilinear"),
                coordinates).withRounding(rounding);
        if (roi != null && roi.length == 5) {
            resize = resize.withRoi(Double.parseDouble(roi[1]), Double.parseDouble(roi[2]), Double.parseDouble(roi[3]),
                    Double.parseDouble(roi[4]));
        }
        return f[mode].startsWith("cubic") ? cubic(resize, f[mode]) : resize;
    }

    /** A nearest rounding written in a literal ({@code floor}, {@code ceil}, {@code round_prefer_ceil}), or null. */
    private static Upsample.Rounding rounding(String text) {
        return switch (text) {
            case "round_prefer_ceil", "floor", "ceil" -> Upsample.Rounding.valueOf(text.toUpperCase(Locale.ROOT));
            default -> null;
        };
    }

    /** A factor's numerator: {@code 65} of {@code 65/33}, or the whole factor. */
    private static int numerator(String factor) {
        int slash = factor.indexOf('/');
        return number(slash < 0 ? factor : factor.substring(0, slash));
    }

    /** A factor's per: {@code 33} of {@code 65/33}, 1 for a whole factor. */
    private static int per(String factor) {
        int slash = factor.indexOf('/');
        return slash < 0 ? 1 : number(factor.substring(slash + 1));
    }

    private static String factorText(int factor, int per) {
        return per == 1 ? String.valueOf(factor) : factor + "/" + per;
    }

    private static boolean isMode(String text) {
        return text.equals("bilinear") || text.equals("nearest") || text.equals("cubic") || text.startsWith("cubic:");
    }

    /**
     * {@code resize} made cubic as {@code text} says: {@code cubic} (coefficient -0.75, taps beyond the
     * map read the border), {@code cubic:A} (coefficient {@code A}), {@code cubic:A:exclude_outside}.
     */
    private static Resize cubic(Resize resize, String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 3 || parts.length == 3 && !parts[2].equals("exclude_outside")) {
            throw new IllegalArgumentException("expected \"cubic[:coefficient[:exclude_outside]]\", got \"" + text
                    + "\"");
        }
        return resize.withCubic(parts.length > 1 ? Double.parseDouble(parts[1]) : -0.75, parts.length == 3);
    }

    /** A cubic resize's mode as a literal writes it (the inverse of {@link #cubic(Resize, String)}). */
    private static String cubicText(Resize r) {
        return r.cubicCoefficient() == -0.75 && !r.excludeOutside() ? ",cubic"
                : ",cubic:" + java.math.BigDecimal.valueOf(r.cubicCoefficient()).stripTrailingZeros().toPlainString()
                        + (r.excludeOutside() ? ":exclude_outside" : "");
    }

    /**
     * A crop-and-resize's region, {@code :startX:endX:startY:endY} after its coordinates, each the
     * exact decimal of its double; empty for the whole map.
     */
    private static String roiText(Resize r) {
        StringBuilder s = new StringBuilder();
        for (double bound : r.roi()) {
            s.append(':').append(new java.math.BigDecimal(bound).stripTrailingZeros().toPlainString());
        }
        return s.toString();
    }

    private static int channels(String text) {
        return text.equals("?") ? Shape.UNKNOWN : number(text);
    }

    private static int number(String text) {
        return Integer.parseInt(text);
    }

    private static String[] tokens(String text, int count, String what) {
        String[] f = text.strip().split(" ");
        if (f.length != count) {
            throw new IllegalArgumentException(what + ": expected " + count + " numbers, got \"" + text.strip()
                    + "\"");
        }
        return f;
    }

    private static int[] ints(String text, int count, String what) {
        String[] f = tokens(text, count, what);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = number(f[i]);
        }
        return values;
    }

    /**
     * A layer as one line of the form {@link #network} reads: what the processor writes, so that
     * the two cannot drift apart.
     */
    public static String line(LayerSpec layer) {
        return line(layer, null);
    }

    /**
     * As {@link #line(LayerSpec)}, with {@code ^} for {@code from} when the layer reads only
     * {@code previous}, the name of the layer before it ({@code "input"} for the first).
     */
    public static String line(LayerSpec layer, String previous) {
        boolean readsPrevious = layer.from().size() == 1 && layer.from().get(0).equals(previous);
        StringBuilder s = new StringBuilder(64).append(layer.name()).append(' ').append(layer.kind()).append(' ')
                .append(readsPrevious ? "^" : String.join(",", layer.from())).append(' ')
                .append(channelText(layer.in())).append(' ')
                .append(channelText(layer.out())).append(' ').append(layer.groups());
        if (layer.y() != null || layer.resize() != null || layer.firstChannel() != 0) {
            String y = windowText(layer.y());
            String x = windowText(layer.x());
            s.append(' ').append(y).append(' ').append(x.equals(y) && layer.y() != null ? "=" : x);
        }
        if (layer.firstChannel() != 0) {
            s.append(" first,").append(layer.firstChannel());
        }
        if (layer.padMode() != Pad.Mode.CONSTANT) {
            s.append(' ').append(layer.padMode().name().toLowerCase(Locale.ROOT));
        }
        if (layer.resize() != null) {
            Resize r = layer.resize();
            s.append(' ');
            switch (layer.kind()) {
                case "Upsample" -> s.append("upsample,").append(factorText(r.factorX(), r.perX()))
                        .append(r.factorX() == r.factorY() && r.perX() == r.perY() ? ""
                                : "," + factorText(r.factorY(), r.perY()))
                        .append(r.cubic() ? cubicText(r) : r.bilinear() ? ",bilinear" : ",nearest")
                        .append(r.coordinates() == Upsample.Coordinates.HALF_PIXEL ? ""
                                : "," + r.coordinates().name().toLowerCase(Locale.ROOT))
                        .append(roiText(r))
                        .append(r.rounding() == Upsample.Rounding.ROUND_PREFER_FLOOR ? ""
                                : "," + r.rounding().name().toLowerCase(Locale.ROOT));
                // Spatially a nearest upsampling by its factor: the Resize LayerSpec requires of it.
                case "PixelShuffle" -> s.append("upsample,").append(r.factorX()).append(",nearest");
                case "Crop" -> s.append("crop,").append(r.like()).append(',').append(r.offsetX()).append(',')
                        .append(r.offsetY());
                default -> s.append("deconv,").append(r.outputPadding());
            }
        }
        return s.toString();
    }

    private static String channelText(int channels) {
        return channels == Shape.UNKNOWN ? "?" : Integer.toString(channels);
    }

    private static String windowText(Window w) {
        if (w == null) {
            return "-";
        }
        return w.kernel() + "," + w.stride() + "," + w.dilation() + "," + w.padBefore() + "," + w.padAfter()
                + (w.padding() == Padding.EXPLICIT ? "" : "," + w.padding().name()) + (w.ceil() ? ",ceil" : "");
    }
}
