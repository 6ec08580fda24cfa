package dev.convgeom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The seed's claim and our mapping, shown together: running the convolutionalized network on a
 * larger image gives, at every score cell, the numbers the original network gives on the image
 * window that {@link LayerGeometry#receptiveField} names for that cell.
 *
 * <p>That holds exactly when the declared input is tiled exactly and no layer pads: padding puts
 * zeros at the border of a crop where the large image has real pixels. The networks here are
 * random chains of convolutions (strided, dilated, grouped), max and average pooling (rounding
 * either way), ReLU, and one or two fully connected layers, with random weights.
 */
class FullyConvolutionalEquivalenceTest {

    @Property(tries = 200)
    void scoreCellsEqualTheOriginalNetworkOnTheirWindows(@ForAll long seed,
                                                         @ForAll @IntRange(min = 0, max = 3) int extraRows,
                                                         @ForAll @IntRange(min = 0, max = 3) int extraColumns) {
        Random random = new Random(seed);
        Net net = randomNet(random);
        NetworkSpec spec = net.spec();
        Shape declared = spec.input();
        LayerGeometry declaredOutput = last(spec.forInput(Size.of(declared.width(), declared.height())));
        assertEquals(1, declaredOutput.output().height());
        assertEquals(1, declaredOutput.output().width());

        int jumpY = (int) declaredOutput.y().jump();
        int jumpX = (int) declaredOutput.x().jump();
        int height = declared.height() + jumpY * extraRows;
        int width = declared.width() + jumpX * extraColumns;
        assertTrue(spec.isExact(Size.of(width, height)), "a larger exact size: declared + k * jump");
        LayerGeometry output = last(spec.forInput(Size.of(width, height)));
        assertEquals(new Shape(declaredOutput.output().channels(), 1 + extraRows, 1 + extraColumns),
                spec.outputSize(Size.of(width, height)));

        float[][][] image = randomMap(random, declared.channels(), height, width);
        float[][][] scores = ForwardPass.run(spec.fullyConvolutional(), net.convWeights(), image);
        assertEquals(1 + extraRows, scores[0].length);
        assertEquals(1 + extraColumns, scores[0][0].length);

        for (int uy = 0; uy <= extraRows; uy++) {
            for (int ux = 0; ux <= extraColumns; ux++) {
                Box window = output.receptiveField(ux, uy);
                assertEquals(declared.height(), window.height(), "the field of a cell is one declared input");
                assertEquals(declared.width(), window.width());
                assertEquals(window, output.clippedReceptiveField(ux, uy), "no padding: fields lie in the image");
                float[][][] crop = ForwardPass.crop(image, window.top(), window.left(), window.height(), window.width());
                float[][][] expected = ForwardPass.run(spec.layers(), net.weights(), crop);
                for (int c = 0; c < expected.length; c++) {
                    float want = expected[c][0][0];
                    float got = scores[c][uy][ux];
                    assertEquals(want, got, 1e-4f * Math.max(1f, Math.abs(want)),
                            "channel " + c + " of cell (" + ux + ", " + uy + ") in " + spec.layers());
                }
            }
        }
    }

    @Property(tries = 200)
    void channelsLastWeightsBecomeTheSameConvolution(@ForAll long seed) {
        Random random = new Random(seed);
        int channels = 1 + random.nextInt(4);
        int height = 1 + random.nextInt(5);
        int width = 1 + random.nextInt(5);
        int out = 1 + random.nextInt(4);
        float[][][] map = randomMap(random, channels, height, width);
        float[] weights = randomValues(random, out * channels * height * width);
        float[] bias = randomValues(random, out);
        float[] kernels = Convolutionalize.kernels(weights, out, new Shape(channels, height, width),
                Convolutionalize.Layout.CHANNELS_LAST);
        Window wy = new Window(height, 1, 1, 0, 0, Padding.EXPLICIT, false);
        Window wx = new Window(width, 1, 1, 0, 0, Padding.EXPLICIT, false);
        float[][][] conv = ForwardPass.conv(new LayerSpec("fc", "Conv", List.of("input"), channels, out, 1, wy, wx, null),
                new ForwardPass.Weights(kernels, bias), map);
        for (int o = 0; o < out; o++) {
            // A Keras Dense layer after Flatten on an NHWC map: inputs ordered row, column, channel.
            float sum = bias[o];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    for (int ch = 0; ch < channels; ch++) {
                        sum += weights[o * channels * height * width + (r * width + c) * channels + ch] * map[ch][r][c];
                    }
                }
            }
            assertEquals(sum, conv[o][0][0], 1e-4f * Math.max(1f, Math.abs(sum)));
        }
    }

    @Property(tries = 50)
    void channelsFirstWeightsAreAlreadyKernels(@ForAll long seed) {
        Random random = new Random(seed);
        int channels = 1 + random.nextInt(3);
        int height = 1 + random.nextInt(4);
        int width = 1 + random.nextInt(4);
        int out = 1 + random.nextInt(3);
        float[][][] map = randomMap(random, channels, height, width);
        float[] weights = randomValues(random, out * channels * height * width);
        float[] bias = randomValues(random, out);
        LayerSpec fc = new LayerSpec("fc", "FullyConnected", List.of("input"), channels, out, 1,
                new Window(height, 1, 1, 0, 0, Padding.EXPLICIT, false),
                new Window(width, 1, 1, 0, 0, Padding.EXPLICIT, false), null);
        float[][][] dense = ForwardPass.fullyConnected(fc, new ForwardPass.Weights(weights, bias), map);
        float[] kernels = Convolutionalize.kernels(weights, out, new Shape(channels, height, width),
                Convolutionalize.Layout.CHANNELS_FIRST);
        float[][][] conv = ForwardPass.conv(fc.asConv(), new ForwardPass.Weights(kernels, bias), map);
        for (int o = 0; o < out; o++) {
            assertEquals(dense[o][0][0], conv[o][0][0], 1e-4f * Math.max(1f, Math.abs(dense[o][0][0])));
        }
    }

    /** A random padding-free chain on its smallest exact input, with weights for both forms. */
    private record Net(NetworkSpec spec, List<ForwardPass.Weights> weights, List<ForwardPass.Weights> convWeights) {
    }

    private static Net randomNet(Random random) {
        int inputChannels = 1 + random.nextInt(3);
        List<LayerSpec> windows = new ArrayList<>();
        int channels = inputChannels;
        int windowLayers = 1 + random.nextInt(4);
        for (int i = 0; i < windowLayers; i++) {
            String name = "l" + windows.size();
            switch (random.nextInt(3)) {
                case 0 -> {
                    int groups = channels % 2 == 0 && random.nextBoolean() ? 2 : 1;
                    int out = groups * (1 + random.nextInt(2));
                    windows.add(new LayerSpec(name, "Conv", previous(windows), channels, out, groups,
                            window(random, 1 + random.nextInt(3), 1 + random.nextInt(2), 1 + random.nextInt(2), false),
                            window(random, 1 + random.nextInt(3), 1 + random.nextInt(2), 1 + random.nextInt(2), false), null));
                    channels = out;
                }
                case 1, 2 -> {
                    boolean ceil = random.nextBoolean();
                    windows.add(new LayerSpec(name, random.nextBoolean() ? "MaxPool" : "AvgPool", previous(windows),
                            channels, channels, 1,
                            window(random, 2 + random.nextInt(2), 1 + random.nextInt(3), 1, ceil),
                            window(random, 2 + random.nextInt(2), 1 + random.nextInt(3), 1, ceil), null));
                }
                default -> throw new AssertionError();
            }
            if (random.nextBoolean()) {
                windows.add(new LayerSpec("r" + windows.size(), "Relu", previous(windows), channels, channels, 1, null, null,
                        null));
            }
        }
        // The declared input: the smallest size the window layers tile exactly.
        NetworkSpec body = new NetworkSpec("body", new Shape(inputChannels, 1, 1), windows);
        Size declared = body.nextExactSize(Size.of(1 + random.nextInt(6), 1 + random.nextInt(6)));
        Shape map = body.outputSize(declared);

        List<LayerSpec> layers = new ArrayList<>(windows);
        int fcCount = 1 + random.nextInt(2);
        int mapHeight = map.height();
        int mapWidth = map.width();
        for (int i = 0; i < fcCount; i++) {
            int out = 1 + random.nextInt(3);
            layers.add(new LayerSpec("fc" + i, "FullyConnected", previous(layers), channels, out, 1,
                    new Window(mapHeight, 1, 1, 0, 0, Padding.EXPLICIT, false),
                    new Window(mapWidth, 1, 1, 0, 0, Padding.EXPLICIT, false), null));
            if (i + 1 < fcCount) {
                layers.add(new LayerSpec("relu_fc" + i, "Relu", previous(layers), out, out, 1, null, null, null));
            }
            channels = out;
            mapHeight = 1;
            mapWidth = 1;
        }
        NetworkSpec spec = new NetworkSpec("random", new Shape(inputChannels, declared.height(), declared.width()), layers);

        List<ForwardPass.Weights> weights = new ArrayList<>();
        List<ForwardPass.Weights> convWeights = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer.kind().equals("Conv") || layer.isFullyConnected()) {
                int size = layer.out() * (layer.in() / layer.groups()) * layer.y().kernel() * layer.x().kernel();
                ForwardPass.Weights w = new ForwardPass.Weights(randomValues(random, size), randomValues(random, layer.out()));
                weights.add(w);
                convWeights.add(layer.isFullyConnected()
                        ? new ForwardPass.Weights(Convolutionalize.kernels(w.values(), layer.out(),
                                new Shape(layer.in(), layer.y().kernel(), layer.x().kernel()),
                                Convolutionalize.Layout.CHANNELS_FIRST), w.bias())
                        : w);
            } else {
                weights.add(null);
                convWeights.add(null);
            }
        }
        return new Net(spec, weights, convWeights);
    }

    /** A chain's {@code from}: the layer declared last, or the input. */
    private static List<String> previous(List<LayerSpec> layers) {
        return List.of(layers.isEmpty() ? "input" : layers.get(layers.size() - 1).name());
    }

    private static Window window(Random random, int kernel, int stride, int dilation, boolean ceil) {
        return new Window(kernel, stride, dilation, 0, 0, Padding.EXPLICIT, ceil);
    }

    private static LayerGeometry last(List<LayerGeometry> layers) {
        return layers.get(layers.size() - 1);
    }

    private static float[][][] randomMap(Random random, int channels, int height, int width) {
        float[][][] map = new float[channels][height][width];
        for (float[][] plane : map) {
            for (float[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) random.nextGaussian();
                }
            }
        }
        return map;
    }

    private static float[] randomValues(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        return values;
    }
}
