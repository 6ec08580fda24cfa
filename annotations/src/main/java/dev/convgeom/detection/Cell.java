package dev.convgeom.detection;

import dev.convgeom.AxisGeometry;
import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Point;
import dev.convgeom.Ratio;

/**
 * One cell of a detector's feature map, with the three regions it relates to in the network input:
 * its receptive field (the pixels it reads), its centre (the centre of that field) and its tile
 * (the jump-sized region it answers for when objects are assigned to the cell holding their centre,
 * YOLO-style).
 *
 * <p>The tile here is convgeom's: {@code jump x jump}, centred on the field's centre, so the tiles
 * of a map cover the input without gaps or overlaps and an object is assigned to the cell whose
 * field is centred nearest to it ({@link #containing}). YOLO's own tile ({@link YoloAnchors#tile})
 * is the same size but starts at {@code u * stride}; for Tiny YOLO v2 the two are 16 px apart.
 *
 * @param x      the cell's column
 * @param y      the cell's row
 * @param center the field's centre, pixel-centre coordinates ({@link Point})
 * @param field  the field, input pixels inclusive, unclipped ({@link LayerGeometry#receptiveField})
 * @param tile   the tile, box coordinates ({@link Rect}): {@code [c + 0.5 - jump / 2, c + 0.5 + jump / 2]}
 *               per axis for field centre {@code c}
 */
public record Cell(int x, int y, Point center, Box field, Rect tile) {

    /**
     * Cell ({@code ux}, {@code uy}) of {@code layer}'s map.
     *
     * @param layer the feature map
     * @param ux    column; may lie outside the map (a virtual cell in the padding)
     * @param uy    row; may lie outside the map
     * @return the cell
     */
    public static Cell of(LayerGeometry layer, int ux, int uy) {
        AxisGeometry ax = layer.x();
        AxisGeometry ay = layer.y();
        return new Cell(ux, uy, layer.mapToInput(ux, uy), layer.receptiveField(ux, uy),
                new Rect(tileStart(ax, ux), tileStart(ay, uy), tileStart(ax, ux + 1), tileStart(ay, uy + 1)));
    }

    /**
     * The cell whose tile holds box coordinate ({@code x}, {@code y}), such as an object's centre
     * during target assignment: the cell centred nearest to it, a point on a tile border going to
     * the later cell. Clamped into the map.
     *
     * @param layer the feature map
     * @param x     box coordinate x, not NaN
     * @param y     box coordinate y, not NaN
     * @return the cell
     * @throws IllegalArgumentException if a coordinate is NaN
     */
    public static Cell containing(LayerGeometry layer, double x, double y) {
        Checks.notNaN("x", x);
        Checks.notNaN("y", y);
        return of(layer, cellAt(layer.x(), x), cellAt(layer.y(), y));
    }

    /** Box coordinate where unit {@code u}'s tile starts: centre + 1/2 - jump/2, exact until the double. */
    private static double tileStart(AxisGeometry axis, int u) {
        Ratio half = Ratio.of(1, 2);
        Ratio jump = axis.exactJump();
        return axis.exactCenter().plus(half).minus(jump.times(half)).doubleValue() + jump.doubleValue() * u;
    }

    private static int cellAt(AxisGeometry axis, double boxCoordinate) {
        double u = Math.floor((boxCoordinate - tileStart(axis, 0)) / axis.jump());
        return (int) Math.max(0, Math.min(u, axis.size() - 1));
    }
}
