package dev.convgeom.engine;

import dev.convgeom.Ratio;

/**
 * The window formulas of {@code shared/geometry.md}, one axis at a time, exact. Every operation
 * is checked: an overflow throws {@link ArithmeticException}, never wraps.
 */
public final class WindowAxis {

    private WindowAxis() {
    }

    /** Padding before and after that {@code window} applies to an input of {@code size} units. */
    public static long[] padding(long size, Window window) {
        return switch (window.mode()) {
            case EXPLICIT -> new long[] {window.padBefore(), window.padAfter()};
            case VALID -> new long[] {0, 0};
            case SAME -> {
                long out = ceilDiv(size, window.stride());
                long total = Math.max(0, Math.addExact(Math.multiplyExact(out - 1, window.stride()),
                        window.dilatedKernel() - size));
                yield new long[] {total / 2, total - total / 2};
            }
        };
    }

    /** Whether at least one window fits: {@code n + pb + pa >= ke}. */
    public static boolean fits(long size, Window window) {
        long[] pad = padding(size, window);
        return Math.addExact(Math.addExact(size, pad[0]), pad[1]) >= window.dilatedKernel();
    }

    /**
     * The number of output units {@code window} gives on an input of {@code n} units, or 0 when not
     * one window fits: {@code floor((n + pb + pa - ke) / s) + 1}, or with {@link Rounding#CEIL}
     * rounded up, less a last window that would start in the trailing padding.
     */
    public static long outputSize(long n, Window window) {
        long[] pad = padding(n, window);
        long span = Math.subtractExact(Math.addExact(Math.addExact(n, pad[0]), pad[1]), window.dilatedKernel());
        if (n < 1 || span < 0) {
            return 0;
        }
        long s = window.stride();
        if (window.rounding() == Rounding.FLOOR) {
            return span / s + 1;
        }
        long out = ceilDiv(span, s) + 1;
        // The last window must start inside the input or its leading padding.
        return Math.multiplyExact(out - 1, s) >= Math.addExact(n, pad[0]) ? out - 1 : out;
    }

    /**
     * Whether the windows tile an input of {@code n} units exactly: at least one fits, no input
     * pixel after the last window is left unread and no window hangs over the padded end.
     */
    public static boolean tiles(long n, Window window) {
        long[] pad = padding(n, window);
        long span = Math.subtractExact(Math.addExact(Math.addExact(n, pad[0]), pad[1]), window.dilatedKernel());
        return n >= 1 && span >= 0 && span % window.stride() == 0;
    }

    /**
     * The smallest input (at least 1) on which {@code window} gives at least {@code units} output
     * units: the window formula taken backwards (the output size never falls as the input grows).
     */
    public static long minInputFor(long units, Window window) {
        long s = window.stride();
        if (window.mode() == PaddingMode.SAME) {
            return Math.addExact(Math.multiplyExact(units - 1, s), 1);
        }
        long[] pad = padding(0, window);
        long reach = window.dilatedKernel() - pad[0] - pad[1];
        long floorBound = Math.max(1, Math.addExact(Math.multiplyExact(units - 1, s), reach));
        if (window.rounding() == Rounding.FLOOR) {
            return floorBound;
        }
        // Rounding up reaches the count sooner: search between one window and the floor bound.
        long low = Math.max(1, reach);
        long high = Math.max(low, floorBound);
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (outputSize(mid, window) >= units) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Slides {@code window} over {@code in}; only for a window that {@link #fits}. */
    public static WindowStep slide(AxisState in, Window window) {
        long n = in.size();
        long s = window.stride();
        long ke = window.dilatedKernel();
        long[] pad = padding(n, window);
        long pb = pad[0];
        long pa = pad[1];
        long out = outputSize(n, window);
        if (out < 1) {
            throw new IllegalArgumentException("no window fits; check fits() first");
        }
        long lastWindowEnd = Math.addExact(Math.multiplyExact(out - 1, s), ke - 1);   // padded coordinates
        // Real input pixels (padded positions pb .. pb + n - 1) after the last window: at most n,
        // since a last window that ends inside the leading padding leaves the whole input unread.
        long dropped = Math.min(n, Math.max(0, Math.addExact(pb, n - 1) - lastWindowEnd));

        // Output unit r reads input units s*r - pb .. s*r - pb + ke - 1; with monotone field ends
        // its field runs from the first one's start to the last one's end (dilation's holes do
        // not change the extent). The input's period P shrinks to P / gcd(P, s). Every input unit
        // carries the same context (GlobalContext), so the output units carry it unchanged.
        FieldPattern field = in.field();
        int period = field.period();
        int outPeriod = (int) (period / gcd(period, s));
        long[] lo = new long[outPeriod];
        long[] hi = new long[outPeriod];
        for (int r = 0; r < outPeriod; r++) {
            long first = Math.subtractExact(Math.multiplyExact(s, r), pb);
            lo[r] = field.lo(first);
            hi[r] = field.hi(Math.addExact(first, ke - 1));
        }
        long shift = Math.multiplyExact(Math.multiplyExact((long) outPeriod, s) / period, field.shift());
        Ratio jump = in.jump().times(s);
        AxisState output = new AxisState(out, jump,
                in.center().plus(Ratio.of(ke - 1, 2).minus(Ratio.of(pb)).times(in.jump())),
                FieldPattern.of(shift, lo, hi), in.context());
        return new WindowStep(window, output, pb, pa, dropped);
    }

    static long gcd(long a, long b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
