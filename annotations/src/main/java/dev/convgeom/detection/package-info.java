/**
 * Detection on top of the geometry: anchor boxes for any layer, the image transform in front of
 * the network, and the cells of a detector's grid.
 *
 * <ul>
 *   <li>{@link dev.convgeom.detection.Anchors}: anchors centred on each cell's true receptive-field
 *       centre, convgeom's own convention.</li>
 *   <li>{@link dev.convgeom.detection.SsdPriorBox}, {@link dev.convgeom.detection.TorchvisionAnchors},
 *       {@link dev.convgeom.detection.YoloAnchors}: the anchors of Caffe SSD, torchvision (Faster
 *       R-CNN, RetinaNet) and YOLO, value for value and in their order, each with
 *       {@link dev.convgeom.detection.AnchorLayout#centerOffset}, how far its centres lie from the
 *       fields' for a given network.</li>
 *   <li>{@link dev.convgeom.detection.ImageTransform}: resize, letterbox, crop and pad as exact
 *       affine maps, composed with a layer's geometry to reach the user's original image.</li>
 *   <li>{@link dev.convgeom.detection.Cell}: a cell's field, centre and tile.</li>
 * </ul>
 *
 * <p><b>Two coordinate frames.</b> convgeom's {@link dev.convgeom.Point}s and
 * {@link dev.convgeom.Box}es count pixels, and a coordinate names a pixel's centre: the image spans
 * {@code -0.5} to {@code n - 0.5}. Detectors' boxes use <em>box coordinates</em>
 * ({@link dev.convgeom.detection.Rect}), where the image spans {@code 0} to {@code n} and a pixel
 * centre is at {@code i + 0.5}. Every method here says which it takes and returns; anchors and
 * boxes are always in box coordinates, as the frameworks write them.
 *
 * <p>Arrays are filled without allocation, into a {@code float[]} (or {@code double[]}) the caller
 * allocates once, sized by {@link dev.convgeom.detection.AnchorLayout#count}; arguments that make no
 * sense (NaN, negative or zero sizes, empty lists, short arrays) throw
 * {@link java.lang.IllegalArgumentException} naming the value.
 */
package dev.convgeom.detection;
