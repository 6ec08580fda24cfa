package dev.convgeom.benchmarks.mapping;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.benchmarks.models.CaffeNetGeometry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every unit's receptive field of a whole feature map into one preallocated {@code int[]}:
 * CaffeNet's conv1 (55x55 = 3,025 units) and conv5 (13x13 = 169 units).
 *
 * <ul>
 *   <li>{@code receptiveFields}: {@code LayerGeometry.receptiveFields(int[])}, the allocation-free
 *       form (run with {@code -prof gc}: it should show about 0 B/op);</li>
 *   <li>{@code handWritten}: {@link HandWritten.CaffeNet}, the two loops with literals;</li>
 *   <li>{@code perUnitCalls}: a loop calling {@code receptiveField(x, y)} per unit and copying the
 *       box into the array, which is what a caller without the array form would write;</li>
 *   <li>{@code centers}: {@code LayerGeometry.centers(double[])}, the field centres.</li>
 * </ul>
 *
 * The array is returned, so the stores stay observable; the same array is reused by every call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// A small fixed heap, touched up front: on the VM these figures come from, the first touch of a
// page costs some 30 µs (a 3 GB -XX:+AlwaysPreTouch takes 23 s), and a default G1 heap that keeps
// growing into fresh memory turned a 2.7 ns/op allocating benchmark into 20 to 340 ns/op. See
// BENCHMARKS.md.
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"})
public class WholeMap {

    /** The preallocated destinations, large enough for conv1. */
    @State(Scope.Thread)
    public static class Buffers {
        final int[] fields = new int[4 * 55 * 55];
        final double[] centers = new double[2 * 55 * 55];
    }

    @Benchmark
    public int[] conv1_receptiveFields(Buffers b) {
        CaffeNetGeometry.CONV1.receptiveFields(b.fields);
        return b.fields;
    }

    @Benchmark
    public int[] conv1_handWritten(Buffers b) {
        HandWritten.CaffeNet.conv1Fields(b.fields);
        return b.fields;
    }

    @Benchmark
    public int[] conv1_perUnitCalls(Buffers b) {
        return perUnit(CaffeNetGeometry.CONV1, b.fields);
    }

    @Benchmark
    public double[] conv1_centers(Buffers b) {
        CaffeNetGeometry.CONV1.centers(b.centers);
        return b.centers;
    }

    @Benchmark
    public int[] conv5_receptiveFields(Buffers b) {
        CaffeNetGeometry.CONV5.receptiveFields(b.fields);
        return b.fields;
    }

    @Benchmark
    public int[] conv5_handWritten(Buffers b) {
        HandWritten.CaffeNet.conv5Fields(b.fields);
        return b.fields;
    }

    @Benchmark
    public int[] conv5_perUnitCalls(Buffers b) {
        return perUnit(CaffeNetGeometry.CONV5, b.fields);
    }

    @Benchmark
    public double[] conv5_centers(Buffers b) {
        CaffeNetGeometry.CONV5.centers(b.centers);
        return b.centers;
    }

    private static int[] perUnit(LayerGeometry layer, int[] dest) {
        int height = layer.y().size();
        int width = layer.x().size();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                Box box = layer.receptiveField(x, y);
                dest[i] = box.left();
                dest[i + 1] = box.top();
                dest[i + 2] = box.right();
                dest[i + 3] = box.bottom();
                i += 4;
            }
        }
        return dest;
    }
}
