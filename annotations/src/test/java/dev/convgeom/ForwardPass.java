package dev.convgeom;

import java.util.List;

/**
 * A plain, slow, obviously written forward pass over float maps ({@code [channel][row][column]}),
 * for tests only: convolution, max and average pooling, fully connected, ReLU. It knows nothing of
 * receptive fields or jumps: the equivalence test uses it as ground truth for the geometry.
 */
final class ForwardPass {

    /** Weights for one layer: conv kernels {@code [out][in/groups][kh][kw]} or FC rows {@code [out][in]}. */
    record Weights(float[] values, float[] bias) {
    }

    private ForwardPass() {
    }

    /** Runs {@code layers} (with their weights, null for weightless layers) on {@code input}. */
    static float[][][] run(List<LayerSpec> layers, List<Weights> weights, float[][][] input) {
        float[][][] x = input;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            x = switch (layer.kind()) {
                case "Conv" -> conv(layer, weights.get(i), x);
                case "MaxPool" -> pool(layer, x, true);
                case "AvgPool" -> pool(layer, x, false);
                case "FullyConnected" -> fullyConnected(layer, weights.get(i), x);
                case "Relu" -> relu(x);
                default -> throw new IllegalArgumentException(layer.kind());
            };
        }
        return x;
    }

    static float[][][] conv(LayerSpec layer, Weights w, float[][][] x) {
        int in = x.length;
        int h = x[0].length;
        int wd = x[0][0].length;
        Window wy = layer.y();
        Window wx = layer.x();
        int oh = (int) wy.outputSize(h);
        int ow = (int) wx.outputSize(wd);
        int groups = layer.groups();
        int inPerGroup = in / groups;
        int outPerGroup = layer.out() / groups;
        float[][][] y = new float[layer.out()][oh][ow];
        for (int o = 0; o < layer.out(); o++) {
            int g = o / outPerGroup;
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    float sum = w.bias()[o];
                    for (int ci = 0; ci < inPerGroup; ci++) {
                        for (int ky = 0; ky < wy.kernel(); ky++) {
                            for (int kx = 0; kx < wx.kernel(); kx++) {
                                int row = r * wy.stride() - (int) wy.padBefore(h) + ky * wy.dilation();
                                int col = c * wx.stride() - (int) wx.padBefore(wd) + kx * wx.dilation();
                                float v = row >= 0 && row < h && col >= 0 && col < wd ? x[g * inPerGroup + ci][row][col] : 0f;
                                int wi = ((o * inPerGroup + ci) * wy.kernel() + ky) * wx.kernel() + kx;
                                sum += w.values()[wi] * v;
                            }
                        }
                    }
                    y[o][r][c] = sum;
                }
            }
        }
        return y;
    }

    /** Pooling over the windows' positions inside the input (padding and overhang ignored). */
    static float[][][] pool(LayerSpec layer, float[][][] x, boolean max) {
        int h = x[0].length;
        int wd = x[0][0].length;
        Window wy = layer.y();
        Window wx = layer.x();
        int oh = (int) wy.outputSize(h);
        int ow = (int) wx.outputSize(wd);
        float[][][] y = new float[x.length][oh][ow];
        for (int ch = 0; ch < x.length; ch++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                    int count = 0;
                    for (int ky = 0; ky < wy.kernel(); ky++) {
                        for (int kx = 0; kx < wx.kernel(); kx++) {
                            int row = r * wy.stride() - (int) wy.padBefore(h) + ky;
                            int col = c * wx.stride() - (int) wx.padBefore(wd) + kx;
                            if (row >= 0 && row < h && col >= 0 && col < wd) {
                                acc = max ? Math.max(acc, x[ch][row][col]) : acc + x[ch][row][col];
                                count++;
                            }
                        }
                    }
                    y[ch][r][c] = max ? acc : acc / count;
                }
            }
        }
        return y;
    }

    /** Flattens channels first, {@code (c * H + h) * W + w}, as Caffe and PyTorch do. */
    static float[][][] fullyConnected(LayerSpec layer, Weights w, float[][][] x) {
        int c = x.length;
        int h = x[0].length;
        int wd = x[0][0].length;
        float[][][] y = new float[layer.out()][1][1];
        for (int o = 0; o < layer.out(); o++) {
            float sum = w.bias()[o];
            for (int ci = 0; ci < c; ci++) {
                for (int r = 0; r < h; r++) {
                    for (int col = 0; col < wd; col++) {
                        sum += w.values()[o * c * h * wd + (ci * h + r) * wd + col] * x[ci][r][col];
                    }
                }
            }
            y[o][0][0] = sum;
        }
        return y;
    }

    static float[][][] relu(float[][][] x) {
        float[][][] y = new float[x.length][x[0].length][x[0][0].length];
        for (int c = 0; c < x.length; c++) {
            for (int r = 0; r < x[0].length; r++) {
                for (int col = 0; col < x[0][0].length; col++) {
                    y[c][r][col] = Math.max(0f, x[c][r][col]);
                }
            }
        }
        return y;
    }

    /** The {@code height x width} crop of {@code x} whose top-left pixel is ({@code top}, {@code left}). */
    static float[][][] crop(float[][][] x, int top, int left, int height, int width) {
        float[][][] y = new float[x.length][height][width];
        for (int c = 0; c < x.length; c++) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(x[c][top + r], left, y[c][r], 0, width);
            }
        }
        return y;
    }
}
