package dev.convgeom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A normalisation whose statistics span the rows and columns of its input: instance
 * normalisation (ONNX {@code InstanceNormalization}, PyTorch {@code InstanceNorm2d}), and layer or
 * group normalisation over channels, height and width ({@code GroupNorm}, ONNX
 * {@code LayerNormalization} over the last three axes). Each unit is shifted and scaled by a mean
 * and a variance computed from the whole map, so it depends on every unit of its input.
 *
 * <p>The output has the input's shape, jump and centre. Its receptive field is exactly the union
 * of the input unit's field and the fields of every unit of the input: the input's whole field,
 * kept apart as the <em>context</em> ({@link AxisGeometry#contextStart()}) and carried by every
 * later layer. A normalisation over the channels only (ConvNeXt's {@code LayerNorm}) works unit by
 * unit: declare it with {@link Pointwise} instead. The uniform-weight effective field is the
 * input's: the statistics shift and scale units, they add no weight to the profile
 * ({@link EffectiveField}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface InstanceNorm {

    /**
     * The layer this one reads: the name of an earlier layer (its field's name), or
     * {@code "input"} for the network input. One name. Not given: the layer declared just before
     * this one (the network input for the first layer).
     */
    String[] from() default {};
}
