package dev.convgeom.benchmarks.mapping;

import dev.convgeom.Box;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Padding;
import dev.convgeom.Point;
import dev.convgeom.UnitRange;
import dev.convgeom.Window;
import java.util.List;

/**
 * The runtime baseline: what Python receptive-field libraries do, in Java. The network is a list of
 * layer descriptions (kernel, stride, dilation, padding per axis; a pointwise layer is a 1x1 window
 * that changes nothing), and every mapping call walks it from the input to compute the final
 * layer's jump and unit 0's field, with the textbook recurrences
 *
 * <pre>
 *   lo_out = lo_in - pad * jump_in
 *   hi_out = hi_in + (dilation * (kernel - 1) - pad) * jump_in
 *   jump_out = jump_in * stride
 *   size_out = (size_in + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1   (mapFromInput only)
 * </pre>
 *
 * and then applies the same per-unit formulas as {@code AxisGeometry}.
 *
 * <p>To make it as strong a baseline as it fairly can be, the descriptions are a flat array of
 * small records rather than a list of boxed objects, the walk is in {@code int} arithmetic (exact
 * for chains, whose jumps and bounds are whole), and only {@code mapFromInput} pays for the map size
 * (an integer division per layer and axis). Explicit padding and round-down only: that is all the
 * benchmark models use ({@link #of} rejects anything else).
 */
public final class RuntimeWalk {

    /** One layer's window along both axes. */
    public record Layer(int kh, int kw, int sh, int sw, int dh, int dw, int ph, int pw) {
    }

    private final Layer[] layers;
    private final int inputHeight;
    private final int inputWidth;

    public RuntimeWalk(List<Layer> layers, int inputHeight, int inputWidth) {
        this.layers = layers.toArray(new Layer[0]);
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
    }

    /** The descriptions of a network's layers, as a library would read them off a model file. */
    public static RuntimeWalk of(NetworkSpec network) {
        List<Layer> layers = network.layers().stream().map(RuntimeWalk::describe).toList();
        return new RuntimeWalk(layers, network.input().height(), network.input().width());
    }

    private static Layer describe(LayerSpec spec) {
        if (!spec.hasWindow()) {
            return new Layer(1, 1, 1, 1, 1, 1, 0, 0);
        }
        Window y = spec.y();
        Window x = spec.x();
        for (Window w : new Window[] {y, x}) {
            if (w.padding() != Padding.EXPLICIT || w.ceil() || w.padBefore() != w.padAfter()) {
                throw new IllegalArgumentException("the walk handles symmetric explicit padding, rounding down: "
                        + spec);
            }
        }
        return new Layer(y.kernel(), x.kernel(), y.stride(), x.stride(), y.dilation(), x.dilation(),
                y.padBefore(), x.padBefore());
    }

    public Point mapToInput(double ux, double uy) {
        int jy = 1, loy = 0, hiy = 0;
        int jx = 1, lox = 0, hix = 0;
        for (Layer l : layers) {
            loy -= l.ph * jy;
            hiy += (l.dh * (l.kh - 1) - l.ph) * jy;
            jy *= l.sh;
            lox -= l.pw * jx;
            hix += (l.dw * (l.kw - 1) - l.pw) * jx;
            jx *= l.sw;
        }
        return new Point((lox + hix) / 2.0 + jx * ux, (loy + hiy) / 2.0 + jy * uy);
    }

    public Box receptiveField(int ux, int uy) {
        int jy = 1, loy = 0, hiy = 0;
        int jx = 1, lox = 0, hix = 0;
        for (Layer l : layers) {
            loy -= l.ph * jy;
            hiy += (l.dh * (l.kh - 1) - l.ph) * jy;
            jy *= l.sh;
            lox -= l.pw * jx;
            hix += (l.dw * (l.kw - 1) - l.pw) * jx;
            jx *= l.sw;
        }
        return new Box(lox + jx * ux, loy + jy * uy, hix + jx * ux, hiy + jy * uy);
    }

    public UnitRange mapFromInput(double px, double py) {
        int jy = 1, loy = 0, hiy = 0, ny = inputHeight;
        int jx = 1, lox = 0, hix = 0, nx = inputWidth;
        for (Layer l : layers) {
            int key = l.dh * (l.kh - 1);
            ny = (ny + 2 * l.ph - key - 1) / l.sh + 1;
            loy -= l.ph * jy;
            hiy += (key - l.ph) * jy;
            jy *= l.sh;
            int kex = l.dw * (l.kw - 1);
            nx = (nx + 2 * l.pw - kex - 1) / l.sw + 1;
            lox -= l.pw * jx;
            hix += (kex - l.pw) * jx;
            jx *= l.sw;
        }
        double cx = (lox + hix) / 2.0;
        double cy = (loy + hiy) / 2.0;
        double nearestX = Math.floor((px - cx) / jx + 0.5);
        double nearestY = Math.floor((py - cy) / jy + 0.5);
        double firstX = Math.ceil((px - hix) / jx);
        double firstY = Math.ceil((py - hiy) / jy);
        double lastX = Math.floor((px - lox) / jx);
        double lastY = Math.floor((py - loy) / jy);
        return new UnitRange(
                (int) Math.max(0, Math.min(nearestX, nx - 1)),
                (int) Math.max(0, Math.min(nearestY, ny - 1)),
                firstX <= 0 ? 0 : (int) Math.min(firstX, nx),
                firstY <= 0 ? 0 : (int) Math.min(firstY, ny),
                lastX < 0 ? -1 : (int) Math.min(lastX, nx - 1),
                lastY < 0 ? -1 : (int) Math.min(lastY, ny - 1));
    }
}
