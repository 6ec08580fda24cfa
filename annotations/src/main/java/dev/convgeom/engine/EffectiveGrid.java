package dev.convgeom.engine;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The 2-D uniform-weight effective field of every unit of a map, exactly: for each input pixel
 * {@code (y, x)}, its weight in the unit's value. Where no merge lies upstream this is the product
 * of the per-axis {@link EffectiveProfile}s; after a merge it is not, and this keeps the whole grid.
 *
 * <p>Like {@link EffectiveProfile} it has a period per axis: unit {@code (uy + periodY, ux)} has the
 * weights of unit {@code (uy, ux)} moved down by {@code shiftY} pixels (and likewise along x). Per
 * phase it keeps the top-left input pixel and the weights row by row, integer numerators over one
 * {@link #denominator()} shared by every phase; doubles appear only when a caller divides.
 *
 * <p>Every layer but a merge acts on rows and columns separately, with the row and column weights
 * {@link EffectiveAxis} gives it; {@link #step} takes them as two profiles of the layer applied to
 * the network input ({@link EffectiveProfile#input()}), so unit {@code v}'s profile lists the
 * input units {@code v} reads and their weights. A merge adds its inputs pixel by pixel.
 */
public final class EffectiveGrid {

    /**
     * One phase's weights.
     *
     * @param top     input row of {@code weights[0]}
     * @param left    input column of {@code weights[0]}
     * @param height  rows
     * @param width   columns
     * @param weights numerators, row by row ({@code height * width}); shared, do not modify
     */
    public record Phase(long top, long left, int height, int width, BigInteger[] weights) {

        Phase moved(long dy, long dx) {
            return dy == 0 && dx == 0 ? this : new Phase(top + dy, left + dx, height, width, weights);
        }

        /** The numerator at input pixel {@code (y, x)}, zero outside. */
        public BigInteger at(long y, long x) {
            long j = y - top;
            long i = x - left;
            return j < 0 || i < 0 || j >= height || i >= width ? BigInteger.ZERO : weights[(int) (j * width + i)];
        }
    }

    private final int periodY;
    private final int periodX;
    private final long shiftY;
    private final long shiftX;
    private final Phase[] phases;
    private final BigInteger denominator;

    private EffectiveGrid(int periodY, int periodX, long shiftY, long shiftX, Phase[] phases, BigInteger denominator) {
        this.periodY = periodY;
        this.periodX = periodX;
        this.shiftY = shiftY;
        this.shiftX = shiftX;
        this.phases = phases;
        this.denominator = denominator;
    }

    /** The network input: every pixel is its own value. */
    public static EffectiveGrid input() {
        return new EffectiveGrid(1, 1, 1, 1, new Phase[] {new Phase(0, 0, 1, 1, new BigInteger[] {BigInteger.ONE})},
                BigInteger.ONE);
    }

    /** The product of a row and a column profile: a map with no merge upstream. */
    public static EffectiveGrid separable(EffectiveProfile y, EffectiveProfile x) {
        Phase[] out = new Phase[y.period() * x.period()];
        for (int ry = 0; ry < y.period(); ry++) {
            BigInteger[] wy = y.weights(ry);
            for (int rx = 0; rx < x.period(); rx++) {
                BigInteger[] wx = x.weights(rx);
                BigInteger[] w = new BigInteger[wy.length * wx.length];
                for (int j = 0; j < wy.length; j++) {
                    for (int i = 0; i < wx.length; i++) {
                        w[j * wx.length + i] = wy[j].multiply(wx[i]);
                    }
                }
                out[ry * x.period() + rx] = new Phase(y.start(ry), x.start(rx), wy.length, wx.length, w);
            }
        }
        return new EffectiveGrid(y.period(), x.period(), y.shift(), x.shift(), out,
                y.denominator().multiply(x.denominator()));
    }

    /** Units after which the rows repeat. */
    public int periodY() {
        return periodY;
    }

    /** Units after which the columns repeat. */
    public int periodX() {
        return periodX;
    }

    /** Input rows the weights move per {@link #periodY()} units. */
    public long shiftY() {
        return shiftY;
    }

    /** Input columns the weights move per {@link #periodX()} units. */
    public long shiftX() {
        return shiftX;
    }

    /** The denominator every weight is over. */
    public BigInteger denominator() {
        return denominator;
    }

    /** Weights the phases hold in all. */
    public long cells() {
        long n = 0;
        for (Phase p : phases) {
            n += p.weights().length;
        }
        return n;
    }

    /** Unit {@code (uy, ux)}'s weights ({@code uy}, {@code ux} may lie outside the map). */
    public Phase unit(long uy, long ux) {
        int ry = Math.toIntExact(Math.floorMod(uy, (long) periodY));
        int rx = Math.toIntExact(Math.floorMod(ux, (long) periodX));
        return phases[ry * periodX + rx].moved(Math.multiplyExact(Math.floorDiv(uy, periodY), shiftY),
                Math.multiplyExact(Math.floorDiv(ux, periodX), shiftX));
    }

    /**
     * One layer that acts on rows and columns separately: {@code rows} and {@code columns} are the
     * layer's own profiles on the network input, unit {@code v} reading input unit
     * {@code rows.start(v) + j} with weight {@code rows.weights(v)[j]} (over its denominator).
     */
    public static EffectiveGrid step(EffectiveGrid in, EffectiveProfile rows, EffectiveProfile columns) {
        if (identity(rows) && identity(columns)) {
            return in;
        }
        int outY = period(rows, in.periodY);
        int outX = period(columns, in.periodX);
        long outShiftY = outShift(rows, in.periodY, in.shiftY, outY);
        long outShiftX = outShift(columns, in.periodX, in.shiftX, outX);
        Phase[] out = new Phase[outY * outX];
        for (int vx = 0; vx < outX; vx++) {
            BigInteger[] cx = columns.weights(vx);
            long firstX = columns.start(vx);
            // Per input row phase: the columns combined (the rows move by whole periods).
            Phase[] combined = new Phase[in.periodY];
            for (int py = 0; py < in.periodY; py++) {
                Sum sum = new Sum();
                for (int i = 0; i < cx.length; i++) {
                    sum.add(in.unit(py, firstX + i), cx[i]);
                }
                combined[py] = sum.phase();
            }
            for (int vy = 0; vy < outY; vy++) {
                BigInteger[] cy = rows.weights(vy);
                long firstY = rows.start(vy);
                Sum sum = new Sum();
                for (int j = 0; j < cy.length; j++) {
                    long u = firstY + j;
                    sum.add(combined[(int) Math.floorMod(u, (long) in.periodY)]
                            .moved(Math.multiplyExact(Math.floorDiv(u, in.periodY), in.shiftY), 0), cy[j]);
                }
                out[vy * outX + vx] = sum.phase();
            }
        }
        return of(outY, outX, outShiftY, outShiftX, out,
                in.denominator.multiply(rows.denominator()).multiply(columns.denominator()));
    }

    /** The sum of maps of equal size and jump, unit by unit. */
    public static EffectiveGrid merge(List<EffectiveGrid> inputs) {
        long ly = 1;
        long lx = 1;
        BigInteger denominator = BigInteger.ONE;
        for (EffectiveGrid in : inputs) {
            ly = Math.multiplyExact(ly / WindowAxis.gcd(ly, in.periodY), in.periodY);
            lx = Math.multiplyExact(lx / WindowAxis.gcd(lx, in.periodX), in.periodX);
            denominator = denominator.divide(denominator.gcd(in.denominator)).multiply(in.denominator);
        }
        int outY = Math.toIntExact(ly);
        int outX = Math.toIntExact(lx);
        Phase[] out = new Phase[outY * outX];
        for (int vy = 0; vy < outY; vy++) {
            for (int vx = 0; vx < outX; vx++) {
                Sum sum = new Sum();
                for (EffectiveGrid in : inputs) {
                    sum.add(in.unit(vy, vx), denominator.divide(in.denominator));
                }
                out[vy * outX + vx] = sum.phase();
            }
        }
        EffectiveGrid first = inputs.get(0);
        return of(outY, outX, Math.multiplyExact(outY / first.periodY, first.shiftY),
                Math.multiplyExact(outX / first.periodX, first.shiftX), out, denominator);
    }

    /** The period of the output: the layer's own, times what it takes the input's to come round. */
    private static int period(EffectiveProfile op, int inPeriod) {
        return Math.toIntExact(Math.multiplyExact((long) op.period(), inPeriod / WindowAxis.gcd(inPeriod, op.shift())));
    }

    private static long outShift(EffectiveProfile op, int inPeriod, long inShift, int outPeriod) {
        long inputUnits = Math.multiplyExact((long) (outPeriod / op.period()), op.shift());
        return Math.multiplyExact(inputUnits / inPeriod, inShift);
    }

    private static boolean identity(EffectiveProfile op) {
        return op.period() == 1 && op.shift() == 1 && op.start(0) == 0 && op.weights(0).length == 1
                && op.weights(0)[0].equals(op.denominator());
    }

    /** Reduced by the common factor, zero borders trimmed, periods shortened where phases repeat. */
    private static EffectiveGrid of(int periodY, int periodX, long shiftY, long shiftX, Phase[] phases,
                                    BigInteger denominator) {
        BigInteger common = denominator;
        for (int k = 0; k < phases.length; k++) {
            phases[k] = trimmed(phases[k]);
            for (BigInteger w : phases[k].weights()) {
                if (common.equals(BigInteger.ONE)) {
                    break;
                }
                common = common.gcd(w);
            }
        }
        if (!common.equals(BigInteger.ONE)) {
            for (Phase p : phases) {
                BigInteger[] w = p.weights();
                for (int i = 0; i < w.length; i++) {
                    w[i] = w[i].divide(common);
                }
            }
            denominator = denominator.divide(common);
        }
        EffectiveGrid g = new EffectiveGrid(periodY, periodX, shiftY, shiftX, phases, denominator);
        for (int p = 2; p <= g.periodY; p++) {
            while (g.periodY % p == 0 && g.shiftY % p == 0 && g.repeats(g.periodY / p, 0)) {
                g = g.shortened(g.periodY / p, g.periodX, g.shiftY / p, g.shiftX);
            }
        }
        for (int p = 2; p <= g.periodX; p++) {
            while (g.periodX % p == 0 && g.shiftX % p == 0 && g.repeats(0, g.periodX / p)) {
                g = g.shortened(g.periodY, g.periodX / p, g.shiftY, g.shiftX / p);
            }
        }
        return g;
    }

    /** Whether unit {@code (uy + stepY, ux + stepX)} is unit {@code (uy, ux)} moved, over one period. */
    private boolean repeats(int stepY, int stepX) {
        long dy = stepY == 0 ? 0 : shiftY / (periodY / stepY);
        long dx = stepX == 0 ? 0 : shiftX / (periodX / stepX);
        for (int ry = stepY; ry < periodY; ry++) {
            for (int rx = stepX; rx < periodX; rx++) {
                Phase a = phases[ry * periodX + rx];
                Phase b = phases[(ry - stepY) * periodX + rx - stepX];
                if (a.top() != b.top() + dy || a.left() != b.left() + dx || a.height() != b.height()
                        || a.width() != b.width() || !Arrays.equals(a.weights(), b.weights())) {
                    return false;
                }
            }
        }
        return true;
    }

    private EffectiveGrid shortened(int py, int px, long sy, long sx) {
        Phase[] kept = new Phase[py * px];
        for (int ry = 0; ry < py; ry++) {
            for (int rx = 0; rx < px; rx++) {
                kept[ry * px + rx] = phases[ry * periodX + rx];
            }
        }
        return new EffectiveGrid(py, px, sy, sx, kept, denominator);
    }

    /** Without all-zero rows and columns at the borders (a bilinear tap exactly on a unit). */
    private static Phase trimmed(Phase p) {
        int top = 0;
        int bottom = p.height();
        int left = 0;
        int right = p.width();
        while (top < bottom && zeroRow(p, top, left, right)) {
            top++;
        }
        while (bottom > top && zeroRow(p, bottom - 1, left, right)) {
            bottom--;
        }
        while (left < right && zeroColumn(p, left, top, bottom)) {
            left++;
        }
        while (right > left && zeroColumn(p, right - 1, top, bottom)) {
            right--;
        }
        if (top == bottom) {
            throw new IllegalStateException("a unit with no weight: a bug in the effective field");
        }
        if (top == 0 && left == 0 && bottom == p.height() && right == p.width()) {
            return p;
        }
        int h = bottom - top;
        int w = right - left;
        BigInteger[] kept = new BigInteger[h * w];
        for (int j = 0; j < h; j++) {
            System.arraycopy(p.weights(), (top + j) * p.width() + left, kept, j * w, w);
        }
        return new Phase(p.top() + top, p.left() + left, h, w, kept);
    }

    private static boolean zeroRow(Phase p, int row, int from, int to) {
        for (int i = from; i < to; i++) {
            if (p.weights()[row * p.width() + i].signum() != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeroColumn(Phase p, int column, int from, int to) {
        for (int j = from; j < to; j++) {
            if (p.weights()[j * p.width() + column].signum() != 0) {
                return false;
            }
        }
        return true;
    }

    /** A weighted sum of phases placed on the input plane. */
    private static final class Sum {
        private final java.util.ArrayList<Phase> parts = new java.util.ArrayList<>();
        private final java.util.ArrayList<BigInteger> factors = new java.util.ArrayList<>();

        void add(Phase p, BigInteger factor) {
            if (factor.signum() != 0) {
                parts.add(p);
                factors.add(factor);
            }
        }

        Phase phase() {
            long top = Long.MAX_VALUE;
            long left = Long.MAX_VALUE;
            long bottom = Long.MIN_VALUE;
            long right = Long.MIN_VALUE;
            for (Phase p : parts) {
                top = Math.min(top, p.top());
                left = Math.min(left, p.left());
                bottom = Math.max(bottom, p.top() + p.height());
                right = Math.max(right, p.left() + p.width());
            }
            int h = Math.toIntExact(bottom - top);
            int w = Math.toIntExact(right - left);
            BigInteger[] sum = new BigInteger[Math.multiplyExact(h, w)];
            Arrays.fill(sum, BigInteger.ZERO);
            for (int k = 0; k < parts.size(); k++) {
                Phase p = parts.get(k);
                BigInteger f = factors.get(k);
                boolean one = f.equals(BigInteger.ONE);
                BigInteger[] src = p.weights();
                int dy = (int) (p.top() - top);
                int dx = (int) (p.left() - left);
                for (int j = 0; j < p.height(); j++) {
                    int from = j * p.width();
                    int to = (dy + j) * w + dx;
                    for (int i = 0; i < p.width(); i++) {
                        BigInteger v = src[from + i];
                        if (v.signum() != 0) {
                            sum[to + i] = sum[to + i].add(one ? v : v.multiply(f));
                        }
                    }
                }
            }
            return new Phase(top, left, h, w, sum);
        }
    }
}
