package dev.convgeom.processor.writing;

import dev.convgeom.processor.geometry.AxisState;
import dev.convgeom.processor.geometry.ComputedLayer;
import dev.convgeom.processor.geometry.NetworkInput;

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

    void write(SourceText out, ImportedNames names) {
        AxisState y = last.y();
        AxisState x = last.x();
        String name = "{@link #" + constant + " " + last.spec().name() + "}";
        String layerGeometry = names.api("LayerGeometry");
        String box = names.api("Box");
        out.line("");
        out.javadoc("The network's final layer, " + name + ": the map the static mapping methods of this class work on.\n"
                + "\n@return the constant {@code " + constant + "}");
        out.open("public static " + layerGeometry + " output()").line("return " + constant + ";").close();

        out.line("");
        out.javadoc("The input coordinate of the centre of the field of unit ({@code x}, {@code y}) of " + name
                + ": ({@code " + affine(x, "x") + "}, {@code " + affine(y, "y") + "}).\n\n"
                + "@param x column of the unit (may be fractional)\n@param y row of the unit (may be fractional)\n"
                + "@return the centre, in input pixels");
        out.open("public static " + names.api("Point") + " mapToInput(double x, double y)")
                .line("return new " + names.api("Point") + "(" + affine(x, "x") + ", " + affine(y, "y") + ");")
                .close();

        boolean uniform = y.period() == 1 && x.period() == 1;
        out.line("");
        out.javadoc("The input pixels unit ({@code x}, {@code y}) of " + name + " depends on, unclipped: "
                + (uniform ? "" : "at most ") + x.rf() + " columns by " + y.rf()
                + " rows, reaching into the padding near a border.\n\n"
                + "@param x column of the unit\n@param y row of the unit\n@return the field, bounds inclusive");
        out.open("public static " + box + " receptiveField(int x, int y)");
        if (uniform) {
            out.line("return new " + box + "(" + field(x, x.lo(), "x") + ", " + field(y, y.lo(), "y") + ", "
                    + field(x, x.hi(), "x") + ", " + field(y, y.hi(), "y") + ");");
        } else {
            // After upsampling the field depends on the unit's phase: the constant keeps the boxes.
            out.line("return " + constant + ".receptiveField(x, y);");
        }
        out.close();

        out.line("");
        out.javadoc("The image pixels unit ({@code x}, {@code y}) of " + name + " depends on: its receptive field "
                + "clipped to the " + input.height() + "x" + input.width() + " input; empty for a unit that sees "
                + "only padding.\n\n@param x column of the unit\n@param y row of the unit\n"
                + "@return the field within the image, bounds inclusive");
        out.open("public static " + box + " clippedReceptiveField(int x, int y)")
                .line("return receptiveField(x, y).clip(" + input.height() + ", " + input.width() + ");")
                .close();

        out.line("");
        out.javadoc("The units of " + name + " that input pixel ({@code x}, {@code y}) corresponds to: the one "
                + "whose field is centred nearest to it, and all those whose fields contain it.\n\n"
                + "@param x input column\n@param y input row\n@return the nearest unit and the range of units");
        out.open("public static " + names.api("UnitRange") + " mapFromInput(double x, double y)")
                .line("return " + constant + ".mapFromInput(x, y);")
                .close();
    }

    /** {@code center + jump * u} as a double expression. */
    private static String affine(AxisState a, String unit) {
        return Numbers.doubleLiteral(a.center()) + " + " + Numbers.doubleLiteral(a.jump()) + " * " + unit;
    }

    /** {@code bound + jump * u} in int arithmetic: a period of 1 means a whole jump. */
    private static String field(AxisState a, long bound, String unit) {
        return bound + " + " + a.jump().longValueExact() + " * " + unit;
    }
}
