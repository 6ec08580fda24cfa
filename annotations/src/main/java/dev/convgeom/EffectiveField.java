package dev.convgeom;

import java.util.ArrayList;
import java.util.List;

/**
 * The uniform-weight effective receptive field of a layer's units: how the weight of the input
 * pixels is spread inside the (theoretical) receptive field, computed exactly at compile time from
 * the architecture alone.
 *
 * <p><b>What it is.</b> Set every kernel tap and every pooling position to the same weight (max
 * pooling counted like average pooling), let transposed convolutions and upsampling weigh what they
 * read by their own sampling (a transposed convolution's unit averages the input units its taps
 * reach; nearest upsampling copies; bilinear uses its interpolation weights), and let merges sum
 * their inputs. A unit's value is then a weighted sum of input pixels: those weights are the
 * effective field. They concentrate in the middle of the receptive field, Gaussian-like, with a
 * standard deviation that grows like the square root of the depth: Luo, Li, Urtasun and Zemel,
 * "Understanding the Effective Receptive Field in Deep Convolutional Neural Networks", NIPS 2016.
 * Positions in padding count as positions (the field is unclipped), so one profile serves every
 * unit of a phase.
 *
 * <p><b>What it is not.</b> Trained weights are not uniform: Luo et al. observed the effective field
 * of a trained network grow and lose its symmetry during training, and nonlinearities gate it per
 * input. This is the architecture's part, the expected field at an initialisation with equal
 * weights: use it to compare architectures and to see how much of the theoretical field matters.
 *
 * <p><b>The numbers.</b> Per axis: the standard deviation of the weights (input pixels), and the
 * central extents holding 50% and 90% of the weight: the run of whole pixels that leaves at most
 * {@code (1 - p) / 2} of the weight on each side ({@code p} = 0.5, 0.9), in pixels. After
 * upsampling the profile depends on the unit's phase; each number is then the largest over the
 * phases, as {@link AxisGeometry#rf()} is the widest field over them. Computed exactly (integers
 * and fractions), rounded to {@code double} once.
 *
 * @param sigmaX   standard deviation of the weights along the columns, input pixels
 * @param sigmaY   standard deviation along the rows, input pixels
 * @param extent50 the central extent holding 50% of the weight, width (columns) and height (rows)
 * @param extent90 the central extent holding 90% of the weight
 */
public record EffectiveField(double sigmaX, double sigmaY, Size extent50, Size extent90) {

    /** The network input's: every pixel sees only itself. */
    public static final EffectiveField INPUT = new EffectiveField(0, 0, Size.square(1), Size.square(1));

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a deviation is negative or not finite, or an extent is null
     */
    public EffectiveField {
        if (!(sigmaX >= 0) || !(sigmaY >= 0) || Double.isInfinite(sigmaX) || Double.isInfinite(sigmaY)) {
            throw new IllegalArgumentException("standard deviations must be finite and non-negative: " + sigmaX
                    + ", " + sigmaY);
        }
        if (extent50 == null || extent90 == null) {
            throw new IllegalArgumentException("extents must not be null");
        }
    }

    /**
     * Decodes the table generated code stores: layers separated by {@code ';'}, each as
     * {@code sigmaY,sigmaX,extent50 height,extent50 width,extent90 height,extent90 width}; the parts
     * are concatenated first (a class constant holds at most 65,535 bytes). A layer written as
     * {@code -} was too large to compute exactly: its entry is null.
     *
     * @param parts the table, in pieces
     * @return one effective field (or null) per layer, in order, unmodifiable
     * @throws IllegalArgumentException if the table is malformed
     */
    public static List<EffectiveField> decode(String... parts) {
        String table = String.join("", parts);
        List<EffectiveField> fields = new ArrayList<>();
        if (table.isEmpty()) {
            return List.of();
        }
        for (String layer : table.split(";", -1)) {
            if (layer.equals("-")) {
                fields.add(null);
                continue;
            }
            String[] v = layer.split(",", -1);
            if (v.length != 6) {
                throw new IllegalArgumentException("expected 6 values per layer, got '" + layer + "'");
            }
            try {
                fields.add(new EffectiveField(Double.parseDouble(v[1]), Double.parseDouble(v[0]),
                        Size.of(Integer.parseInt(v[3]), Integer.parseInt(v[2])),
                        Size.of(Integer.parseInt(v[5]), Integer.parseInt(v[4]))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed effective field '" + layer + "'", e);
            }
        }
        return java.util.Collections.unmodifiableList(fields);
    }

    /** {@code sigma 12.3x12.3, 50% 17x17, 90% 41x41} (width before height). */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "sigma %.4gx%.4g, 50%% %s, 90%% %s", sigmaX, sigmaY, extent50,
                extent90);
    }
}
