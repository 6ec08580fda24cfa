package dev.convgeom.benchmarks.mapping;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.UnitRange;
import dev.convgeom.benchmarks.models.Net200Geometry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mapping the final layer of the 200-layer chain {@code Net200} (7x7, jump 32) four ways:
 *
 * <ul>
 *   <li>{@code generatedStatic}: the generated class's static shortcuts,
 *       {@code Net200Geometry.mapToInput(x, y)} and so on;</li>
 *   <li>{@code generatedConstant}: the same through the generated constant,
 *       {@code Net200Geometry.RELU199.mapToInput(x, y)};</li>
 *   <li>{@code handWritten}: {@link HandWritten.Net200}, literals by hand (the limit);</li>
 *   <li>{@code runtimeWalk}: {@link RuntimeWalk}, which walks the 200 layer descriptions per call.</li>
 * </ul>
 *
 * <p>Each call takes the next of 1,024 random inputs (the same sequence for every variant), so
 * nothing folds to a constant. Plain methods return the result object, as a caller keeps it (it
 * escapes, so it is allocated: the same 24 to 32 bytes in every variant); {@code _fields} methods
 * add up the result's components and return that number, as a loop that uses the box at once would
 * (escape analysis then removes the object, leaving the arithmetic alone). {@code overhead_}
 * methods only pick the next input: the harness's share of every figure.
 *
 * <p>This is {@code Net20Mapping} with {@code 20} replaced by {@code 200} and {@code RELU19} by
 * {@code RELU199}; keep them in step.
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
public class Net200Mapping {

    private static final int MASK = 1023;

    /** Random units of the final map and random image pixels, cycled through. */
    @State(Scope.Thread)
    public static class Inputs {
        final int[] ux = new int[MASK + 1];
        final int[] uy = new int[MASK + 1];
        final double[] fx = new double[MASK + 1];
        final double[] fy = new double[MASK + 1];
        final double[] px = new double[MASK + 1];
        final double[] py = new double[MASK + 1];
        RuntimeWalk walk;
        int i;

        @Setup
        public void setUp() {
            LayerGeometry out = Net200Geometry.output();
            SplittableRandom random = new SplittableRandom(42);
            for (int k = 0; k <= MASK; k++) {
                ux[k] = random.nextInt(out.x().size());
                uy[k] = random.nextInt(out.y().size());
                // Positions on the map: within half a unit of a unit (mapToInput refuses others).
                fx[k] = random.nextDouble(out.x().size()) - 0.5;
                fy[k] = random.nextDouble(out.y().size()) - 0.5;
                px[k] = random.nextDouble(out.x().inputSize());
                py[k] = random.nextDouble(out.y().inputSize());
            }
            walk = RuntimeWalk.of(Net200Geometry.network());
        }

        int next() {
            return i = (i + 1) & MASK;
        }
    }

    // The harness's share: picking the next input and returning something, nothing else.

    @Benchmark
    public int overhead_intInputs(Inputs in) {
        int k = in.next();
        return in.ux[k] + in.uy[k];
    }

    @Benchmark
    public double overhead_doubleInputs(Inputs in) {
        int k = in.next();
        return in.px[k] + in.py[k];
    }

    // mapToInput

    @Benchmark
    public Point mapToInput_generatedStatic(Inputs in) {
        int k = in.next();
        return Net200Geometry.mapToInput(in.fx[k], in.fy[k]);
    }

    @Benchmark
    public Point mapToInput_generatedConstant(Inputs in) {
        int k = in.next();
        return Net200Geometry.RELU199.mapToInput(in.fx[k], in.fy[k]);
    }

    @Benchmark
    public Point mapToInput_handWritten(Inputs in) {
        int k = in.next();
        return HandWritten.Net200.mapToInput(in.fx[k], in.fy[k]);
    }

    @Benchmark
    public Point mapToInput_runtimeWalk(Inputs in) {
        int k = in.next();
        return in.walk.mapToInput(in.fx[k], in.fy[k]);
    }

    @Benchmark
    public double mapToInput_generatedStatic_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.mapToInput(in.fx[k], in.fy[k]));
    }

    @Benchmark
    public double mapToInput_generatedConstant_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.RELU199.mapToInput(in.fx[k], in.fy[k]));
    }

    @Benchmark
    public double mapToInput_handWritten_fields(Inputs in) {
        int k = in.next();
        return sum(HandWritten.Net200.mapToInput(in.fx[k], in.fy[k]));
    }

    @Benchmark
    public double mapToInput_runtimeWalk_fields(Inputs in) {
        int k = in.next();
        return sum(in.walk.mapToInput(in.fx[k], in.fy[k]));
    }

    // receptiveField

    @Benchmark
    public Box receptiveField_generatedStatic(Inputs in) {
        int k = in.next();
        return Net200Geometry.receptiveField(in.ux[k], in.uy[k]);
    }

    @Benchmark
    public Box receptiveField_generatedConstant(Inputs in) {
        int k = in.next();
        return Net200Geometry.RELU199.receptiveField(in.ux[k], in.uy[k]);
    }

    @Benchmark
    public Box receptiveField_handWritten(Inputs in) {
        int k = in.next();
        return HandWritten.Net200.receptiveField(in.ux[k], in.uy[k]);
    }

    @Benchmark
    public Box receptiveField_runtimeWalk(Inputs in) {
        int k = in.next();
        return in.walk.receptiveField(in.ux[k], in.uy[k]);
    }

    @Benchmark
    public int receptiveField_generatedStatic_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.receptiveField(in.ux[k], in.uy[k]));
    }

    @Benchmark
    public int receptiveField_generatedConstant_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.RELU199.receptiveField(in.ux[k], in.uy[k]));
    }

    @Benchmark
    public int receptiveField_handWritten_fields(Inputs in) {
        int k = in.next();
        return sum(HandWritten.Net200.receptiveField(in.ux[k], in.uy[k]));
    }

    @Benchmark
    public int receptiveField_runtimeWalk_fields(Inputs in) {
        int k = in.next();
        return sum(in.walk.receptiveField(in.ux[k], in.uy[k]));
    }

    // mapFromInput

    @Benchmark
    public UnitRange mapFromInput_generatedStatic(Inputs in) {
        int k = in.next();
        return Net200Geometry.mapFromInput(in.px[k], in.py[k]);
    }

    @Benchmark
    public UnitRange mapFromInput_generatedConstant(Inputs in) {
        int k = in.next();
        return Net200Geometry.RELU199.mapFromInput(in.px[k], in.py[k]);
    }

    @Benchmark
    public UnitRange mapFromInput_handWritten(Inputs in) {
        int k = in.next();
        return HandWritten.Net200.mapFromInput(in.px[k], in.py[k]);
    }

    @Benchmark
    public UnitRange mapFromInput_runtimeWalk(Inputs in) {
        int k = in.next();
        return in.walk.mapFromInput(in.px[k], in.py[k]);
    }

    @Benchmark
    public int mapFromInput_generatedStatic_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.mapFromInput(in.px[k], in.py[k]));
    }

    @Benchmark
    public int mapFromInput_generatedConstant_fields(Inputs in) {
        int k = in.next();
        return sum(Net200Geometry.RELU199.mapFromInput(in.px[k], in.py[k]));
    }

    @Benchmark
    public int mapFromInput_handWritten_fields(Inputs in) {
        int k = in.next();
        return sum(HandWritten.Net200.mapFromInput(in.px[k], in.py[k]));
    }

    @Benchmark
    public int mapFromInput_runtimeWalk_fields(Inputs in) {
        int k = in.next();
        return sum(in.walk.mapFromInput(in.px[k], in.py[k]));
    }

    private static double sum(Point p) {
        return p.x() + p.y();
    }

    private static int sum(Box b) {
        return b.left() + b.top() + b.right() + b.bottom();
    }

    private static int sum(UnitRange r) {
        return r.nearestX() + r.nearestY() + r.firstX() + r.firstY() + r.lastX() + r.lastY();
    }
}
