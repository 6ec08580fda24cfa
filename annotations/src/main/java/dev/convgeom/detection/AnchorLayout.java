package dev.convgeom.detection;

import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;

/**
 * A way of placing anchor (prior, default) boxes on the cells of a feature map: how many per
 * cell, where each cell's anchors are centred, and how they are written out.
 *
 * <p>Each framework centres a cell's anchors by its own rule ({@link SsdPriorBox}: {@code (u +
 * offset) * step}; {@link TorchvisionAnchors}: {@code u * stride}; {@link YoloAnchors}:
 * {@code (u + 0.5) * stride}), while the cell's receptive field is centred where the network's
 * layers put it ({@link LayerGeometry#mapToInput(double, double)}). {@link #centerOffset} measures
 * the difference for a given network; {@link Anchors} centres its boxes on the field by
 * construction.
 *
 * <p>Everything is for one feature map; a pyramid is one layout per level, written one after the
 * other (see {@link TorchvisionAnchors#writeLevels}).
 */
public interface AnchorLayout {

    /** {@return the number of anchors per cell} */
    int perCell();

    /**
     * Number of anchors on {@code layer}'s map: {@code width * height * perCell()}.
     *
     * @param layer the feature map
     * @return the count
     * @throws ArithmeticException if it exceeds {@code int}
     */
    default int count(LayerGeometry layer) {
        return Math.multiplyExact(Math.multiplyExact(layer.x().size(), layer.y().size()), perCell());
    }

    /**
     * The centre of cell ({@code ux}, {@code uy})'s anchors under this layout's rule, as a convgeom
     * {@link Point} (pixel-centre coordinates of the network input, comparable with
     * {@link LayerGeometry#mapToInput(double, double)}; the box coordinates the layout writes are
     * 0.5 larger, see {@link Rect}).
     *
     * @param layer the feature map
     * @param ux    cell column
     * @param uy    cell row
     * @return the centre
     */
    Point priorCenter(LayerGeometry layer, int ux, int uy);

    /**
     * How far the centre of cell ({@code ux}, {@code uy})'s receptive field lies from the centre
     * this layout gives its anchors: {@code field centre - prior centre}, per axis, in input
     * pixels. Zero for {@link Anchors}; for Tiny YOLO v2's 13x13 output (field centre 31.5 + 32 u,
     * prior centre 15.5 + 32 u) it is (16, 16) at every cell.
     *
     * @param layer the feature map
     * @param ux    cell column
     * @param uy    cell row
     * @return the offset, x and y
     */
    default Point centerOffset(LayerGeometry layer, int ux, int uy) {
        Point field = layer.mapToInput(ux, uy);
        Point prior = priorCenter(layer, ux, uy);
        return new Point(field.x() - prior.x(), field.y() - prior.y());
    }
}
