/**
 * Reading ONNX models, by the operator specification, into an imported network. Where to look:
 *
 * <ul>
 *   <li>{@link dev.convgeom.importer.onnx.OnnxImporter}: parses the file, walks the graph in order
 *       and hands each node to the reader of its operator family (its {@code node} method is the
 *       dispatch). {@code NodeReader} is what the readers share (the tensors read so far, each a
 *       {@code Value}, the layers declared, the node's inputs and attributes, the refusal).</li>
 *   <li>The readers, one class per family, named {@code ...Nodes}: {@code WindowNodes}
 *       (convolutions, poolings), {@code ResizeNodes}, {@code PadNodes}, {@code ReshapeNodes}
 *       (reshapes, transposes, pixel shuffles and the patterns of several nodes they start),
 *       {@code ChannelPickNodes}, {@code FullyConnectedNodes}, {@code MergeNodes},
 *       {@code PointwiseNodes}, {@code StatisticsNodes} (normalisations, reductions) and
 *       {@code ConstantNodes} (constants and folded shape arithmetic).</li>
 *   <li>Decisions of more than a line, each a small class the readers call: the resize modes
 *       ({@code ResizeFactors}, {@code ResizedAxis}, {@code NearestResize}, {@code CubicResize},
 *       {@code CropResize}), ONNX Runtime's float arithmetic ({@code Runtime...Reads}), channel
 *       ranges, pixel shuffles, refused reshapes, constants ({@code Constant},
 *       {@code ConstantTensors}, {@code Folding}) and the refused operators' reasons.</li>
 * </ul>
 */
package dev.convgeom.importer.onnx;
