/**
 * The exact geometry engine: the one implementation of convgeom's geometry, shared by the
 * annotation processor (compile time: the generated constants, the manifest and every geometry
 * diagnostic), by the run-time questions of {@link dev.convgeom.NetworkSpec}
 * ({@code forInput}, {@code outputSize}, {@code minInputSize}, {@code isExact},
 * {@code nextExactSize}) and by any other caller that has a network as numbers.
 *
 * <p>It knows nothing of annotations or of {@code javax.lang.model}: it takes a network as plain
 * numbers ({@link dev.convgeom.engine.LayerSpec}, {@link dev.convgeom.engine.Window},
 * {@link dev.convgeom.engine.NetworkInput}) and returns numbers. Everything is exact: sizes and
 * fields in checked {@code long} arithmetic, jumps and centres as {@link dev.convgeom.Ratio} (the
 * one fraction type, public API); an overflow throws {@link java.lang.ArithmeticException} rather
 * than wrap.
 *
 * <p>What lives where:
 * <ul>
 *   <li>One axis of one map: {@link dev.convgeom.engine.AxisState} (size, jump, centre) and
 *       {@link dev.convgeom.engine.FieldPattern} (every unit's field, by phase).</li>
 *   <li>The geometry of each kind of layer, one axis at a time: {@link dev.convgeom.engine.WindowAxis}
 *       (convolution, pooling, fully connected, pad, global pooling) and {@code ResampleAxis}
 *       (transposed convolution, upsampling, crop, merge).</li>
 *   <li>Walks over a whole network, chain or graph: {@link dev.convgeom.engine.GeometryCalculator}
 *       (both axes, with located {@link dev.convgeom.engine.Problem}s; what the processor runs),
 *       {@link dev.convgeom.engine.AxisWalk} (one axis at any input size, sizes or fields; what
 *       the run-time questions and the searches run) and {@link dev.convgeom.engine.SizeSearch}
 *       (smallest and exact input sizes).</li>
 *   <li>Problems: a {@link dev.convgeom.engine.Problem} names the layer (by index), the parameter
 *       ({@link dev.convgeom.engine.Param}), the axis and a {@link dev.convgeom.engine.GeometryMessage};
 *       the processor maps it to the annotation value to print it at.</li>
 * </ul>
 *
 * <p>The classes are public because the processor and the API's own value types call them from
 * other packages. They are not the API users program against: that is {@code dev.convgeom}
 * ({@link dev.convgeom.LayerGeometry}, {@link dev.convgeom.AxisGeometry},
 * {@link dev.convgeom.NetworkSpec}, {@link dev.convgeom.Ratio}, ...), whose answers come from here.
 * This package may change between releases without notice.
 */
package dev.convgeom.engine;
