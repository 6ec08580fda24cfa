package dev.convgeom.processor.writing;

import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryResult;
import java.util.List;

/**
 * The unit the report's SVG pictures show: the centre unit ({@code (size - 1) / 2} along each
 * axis, as the page selects by default) of the last layer whose map is wider or taller than one
 * unit (the last spatial map; a classifier's 1x1 outputs come after it), or of the last layer when
 * no map is.
 *
 * @param layer index of the layer
 * @param ux    the unit's column
 * @param uy    the unit's row
 */
record SvgUnit(int layer, long ux, long uy) {

    static SvgUnit of(GeometryResult geometry) {
        List<ComputedLayer> layers = geometry.layers();
        int chosen = layers.size() - 1;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).x().size() > 1 || layers.get(i).y().size() > 1) {
                chosen = i;
                break;
            }
        }
        ComputedLayer l = layers.get(chosen);
        return new SvgUnit(chosen, (l.x().size() - 1) / 2, (l.y().size() - 1) / 2);
    }
}
