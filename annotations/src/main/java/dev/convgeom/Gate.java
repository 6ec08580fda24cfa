package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Multiplies a map by a gate of one unit per channel: the squeeze-and-excitation gate of
 * MobileNetV3, EfficientNet and RegNet ({@code x * sigmoid(fc(relu(fc(avgpool(x)))))}), or the
 * attention branch of LR-ASPP. The first name in {@link #from()} is the map, the second the gate:
 * a map of one unit along the rows and the columns ({@code C x 1 x 1}, usually computed by
 * {@link GlobalAvgPool} then 1x1 convolutions), with as many channels as the map, or one.
 *
 * <p>The output has the map's shape, jump and centre: each unit looks where the map's unit looks.
 * Its receptive field is exactly the union of the map unit's field and the gate's field, which
 * covers the fields of every unit of the map the gate pooled; a gate pooled from the map itself
 * makes every unit's field the whole of that map's field. This whole-map part, the
 * <em>context</em>, is kept apart ({@link AxisGeometry#contextStart()}) and carried by every later
 * layer, so each later unit's field is the union of its local field and the context. The
 * uniform-weight effective field is the map's: the gate scales units, it adds no weight to the
 * profile ({@link EffectiveField}).
 *
 * <pre>{@code
 * @GlobalAvgPool Object squeeze;
 * @Conv(k = 1, out = 8) Object fc1;
 * @Relu Object relu;
 * @Conv(k = 1, out = 32) Object fc2;
 * @Sigmoid Object scale;
 * @Gate(from = {"features", "scale"}) Object excite;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Gate {

    /** The map, then its gate: two names of earlier layers (or {@code "input"} for the map). */
    String[] from();
}
