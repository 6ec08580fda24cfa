package dev.convgeom.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.NetworkInput;
import java.util.List;

/**
 * The static mapping methods for the network's final layer, written as the arithmetic a person
 * would write by hand with the computed values as literals: {@code 113.0 + 32.0 * x}. Fully
 * connected layers count as the convolutions they are, so on a larger input these map the cells
 * of the resulting score map.
 */
final class OutputShortcuts {

    private final ComputedLayer last;
    private final String constant;
    private final NetworkInput input;

    OutputShortcuts(ComputedLayer last, String constant, NetworkInput input) {
        this.last = last;
        this.constant = constant;
        this.input = input;
    }

    List<MethodSpec> methods() {
        AxisState y = last.y();
        AxisState x = last.x();
        String name = "{@link #" + constant + " " + last.spec().name() + "}";
        MethodSpec output = Methods.publicStatic("output", ApiTypes.LAYER_GEOMETRY)
                .addJavadoc("$L", "The network's final layer, " + name + ": the map the static mapping methods of "
                        + "this class work on.\n")
                .addStatement("return $N", constant)
                .build();
        MethodSpec mapToInput = Methods.publicStatic("mapToInput", ApiTypes.POINT)
                .addParameters(Methods.coordinates(double.class))
                .addJavadoc("$L", "The input coordinate of the centre of the field of unit ({@code x}, {@code y}) of "
                        + name + ": ({@code " + affine(x, "x") + "}, {@code " + affine(y, "y") + "}).\n\n"
                        + "@param x column of the unit (may be fractional)\n@param y row of the unit (may be fractional)\n")
                .addStatement("return new $T($L, $L)", ApiTypes.POINT, affine(x, "x"), affine(y, "y"))
                .build();
        MethodSpec.Builder receptiveField = Methods.publicStatic("receptiveField", ApiTypes.BOX)
                .addParameters(Methods.coordinates(int.class))
                .addJavadoc("$L", "The input pixels unit ({@code x}, {@code y}) of " + name + " depends on, "
                        + "unclipped: " + (y.period() == 1 && x.period() == 1 ? "" : "at most ") + x.rf()
                        + " columns by " + y.rf() + " rows, reaching into the padding near a border.\n\n"
                        + "@param x column of the unit\n@param y row of the unit\n");
        if (y.period() == 1 && x.period() == 1) {
            receptiveField.addStatement("return new $T($L, $L, $L, $L)", ApiTypes.BOX,
                    field(x, x.lo(), "x"), field(y, y.lo(), "y"), field(x, x.hi(), "x"), field(y, y.hi(), "y"));
        } else {
            // After upsampling the field depends on the unit's phase: the constant keeps the boxes.
            receptiveField.addStatement("return $N.receptiveField(x, y)", constant);
        }
        MethodSpec clipped = Methods.publicStatic("clippedReceptiveField", ApiTypes.BOX)
                .addParameters(Methods.coordinates(int.class))
                .addJavadoc("$L", "The image pixels unit ({@code x}, {@code y}) of " + name + " depends on: its "
                        + "receptive field clipped to the " + input.height() + "x" + input.width() + " input; empty "
                        + "for a unit that sees only padding.\n\n@param x column of the unit\n@param y row of the unit\n")
                .addStatement("return receptiveField(x, y).clip($L, $L)", input.height(), input.width())
                .build();
        MethodSpec mapFromInput = Methods.publicStatic("mapFromInput", ApiTypes.UNIT_RANGE)
                .addParameters(Methods.coordinates(double.class))
                .addJavadoc("$L", "The units of " + name + " that input pixel ({@code x}, {@code y}) corresponds to: "
                        + "the one whose field is centred nearest to it, and all those whose fields contain it.\n\n"
                        + "@param x input column\n@param y input row\n")
                .addStatement("return $N.mapFromInput(x, y)", constant)
                .build();
        return List.of(output, mapToInput, receptiveField.build(), clipped, mapFromInput);
    }

    /** {@code center + jump * u} as a double expression. */
    private static String affine(AxisState a, String unit) {
        return Numbers.doubleLiteral(a.center()) + " + " + Numbers.doubleLiteral(a.jump()) + " * " + unit;
    }

    /** {@code bound + jump * u} in int arithmetic: a period of 1 means a whole jump. */
    private static CodeBlock field(AxisState a, long bound, String unit) {
        return CodeBlock.of("$L + $L * $L", bound, a.jump().longValueExact(), unit);
    }
}
