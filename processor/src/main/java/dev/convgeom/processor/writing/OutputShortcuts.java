package dev.convgeom.processor.writing;

import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.NetworkInput;

/**
 * The static mapping methods for one output of the network, written as the arithmetic a person
 * would write by hand with the computed values as literals: {@code 113.0 + 32.0 * x}. Fully
 * connected layers count as the convolutions they are, so on a larger input these map the cells
 * of the resulting score map.
 *
 * <p>Each method checks its arguments as the layer's constant does, with literal comparisons on
 * the fast path; a unit off the map (or a coordinate that is not a number) goes to the constant's
 * own method, which throws the exception that names it.
 *
 * <p>The primary output's methods are unprefixed ({@code mapToInput}); with several outputs each
 * also gets its own, prefixed with its name ({@code p3MapToInput}).
 */
final class OutputShortcuts {

    /** Field name of the generated {@code Size} of the input, for clipping. */
    static final String INPUT_SIZE = "inputSize";

    /** Above the slow path's call. */
    private static final String OFF_MAP = "// Off the map (or not a number): the constant's method throws, naming the unit.";
    private static final String OFF_MAP_UNIT = "// Off the map: the constant's method throws, naming the unit.";

    private final ComputedLayer layer;
    private final String constant;
    private final NetworkInput input;
    private final String prefix;

    /**
     * @param layer    the output layer
     * @param constant its constant's name
     * @param input    the network input
     * @param prefix   the methods' prefix, {@code ""} for the unprefixed ones
     */
    OutputShortcuts(ComputedLayer layer, String constant, NetworkInput input, String prefix) {
        this.layer = layer;
        this.constant = constant;
        this.input = input;
        this.prefix = prefix;
    }

    /** {@code mapToInput}, or {@code p3MapToInput} for the prefix {@code p3}. */
    static String methodName(String prefix, String method) {
        return prefix.isEmpty() ? method : prefix + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    void write(SourceText out, ImportedNames names) {
        AxisState y = layer.y();
        AxisState x = layer.x();
        String name = "{@link #" + constant + " " + layer.spec().name() + "}";
        String box = names.api("Box");
        String onMap = "@throws IllegalArgumentException if a coordinate is NaN, infinite or more than half a unit "
                + "off the " + x.size() + "x" + y.size() + " map";
        String unitOnMap = "@throws IndexOutOfBoundsException unless {@code 0 <= x < " + x.size() + "} and "
                + "{@code 0 <= y < " + y.size() + "}";

        out.line("");
        out.javadoc("The input coordinate of the centre of the field of unit ({@code x}, {@code y}) of " + name
                + ": ({@code " + affine(x, "x") + "}, {@code " + affine(y, "y") + "}).\n\n"
                + "@param x column of the unit (may be fractional)\n@param y row of the unit (may be fractional)\n"
                + "@return the centre, in input pixels\n" + onMap);
        out.open("public static " + names.api("Point") + " " + methodName(prefix, "mapToInput") + "(double x, double y)")
                // Written so that NaN fails it too.
                .open("if (!(x >= -0.5 && x <= " + halfBeyond(x) + " && y >= -0.5 && y <= " + halfBeyond(y) + "))")
                .line(OFF_MAP)
                .line("return " + constant + ".mapToInput(x, y);")
                .close()
                .line("return new " + names.api("Point") + "(" + affine(x, "x") + ", " + affine(y, "y") + ");")
                .close();

        // Inline arithmetic only where every field is one box moved per unit: not after upsampling
        // (phases), nor after a gate or a normalisation (the context clamps the ends).
        boolean uniform = y.period() == 1 && x.period() == 1 && y.context().isNone() && x.context().isNone();
        out.line("");
        out.javadoc("The input pixels unit ({@code x}, {@code y}) of " + name + " depends on, unclipped: "
                + (uniform ? "" : "at most ") + x.rf() + " columns by " + y.rf()
                + " rows, reaching into the padding near a border. For the virtual units beyond the map: "
                + "{@code " + constant + ".extrapolatedReceptiveField(x, y)}.\n\n"
                + "@param x column of the unit\n@param y row of the unit\n@return the field, bounds inclusive\n"
                + unitOnMap);
        out.open("public static " + box + " " + methodName(prefix, "receptiveField") + "(int x, int y)");
        if (uniform) {
            out.open("if (x < 0 || x >= " + x.size() + " || y < 0 || y >= " + y.size() + ")")
                    .line(OFF_MAP_UNIT)
                    .line("return " + constant + ".receptiveField(x, y);")
                    .close();
            out.line("return new " + box + "(" + field(x, x.lo(), "x") + ", " + field(y, y.lo(), "y") + ", "
                    + field(x, x.hi(), "x") + ", " + field(y, y.hi(), "y") + ");");
        } else {
            // After upsampling the field depends on the unit's phase, after a gate it holds the
            // context: the constant keeps both.
            out.line("return " + constant + ".receptiveField(x, y);");
        }
        out.close();

        out.line("");
        out.javadoc("The image pixels unit ({@code x}, {@code y}) of " + name + " depends on: its receptive field "
                + "clipped to the " + input.width() + "x" + input.height() + " input (width x height); empty, never "
                + "inverted, for a unit that sees only padding.\n\n"
                + "@param x column of the unit\n@param y row of the unit\n@return the field within the image\n"
                + unitOnMap);
        out.open("public static " + box + " " + methodName(prefix, "clippedReceptiveField") + "(int x, int y)")
                .line("return " + methodName(prefix, "receptiveField") + "(x, y).clip(" + INPUT_SIZE + ");")
                .close();

        out.line("");
        out.javadoc("The units of " + name + " that input pixel ({@code x}, {@code y}) corresponds to: the one "
                + "whose field is centred nearest to it, and all those whose fields contain it.\n\n"
                + "@param x input column\n@param y input row\n@return the nearest unit and the units that see "
                + "the pixel\n@throws IllegalArgumentException if a coordinate is NaN or infinite");
        out.open("public static " + names.api("UnitRange") + " " + methodName(prefix, "mapFromInput")
                + "(double x, double y)");
        if (uniform) {
            // AxisGeometry's formulas for one phase, with its numbers as literals.
            out.open("if (!Double.isFinite(x) || !Double.isFinite(y))")
                    .line("// Not a number: the constant's method throws, naming the coordinate.")
                    .line("return " + constant + ".mapFromInput(x, y);")
                    .close()
                    .line("return " + names.api("UnitRange") + ".onMap(" + nearest(x, "x") + ", " + nearest(y, "y")
                            + ", " + containing("ceil", x.hi(), x, "x") + ", " + containing("ceil", y.hi(), y, "y")
                            + ", " + containing("floor", x.lo(), x, "x") + ", " + containing("floor", y.lo(), y, "y")
                            + ", " + x.size() + ", " + y.size() + ");");
        } else {
            out.line("return " + constant + ".mapFromInput(x, y);");
        }
        out.close();
    }

    /** {@code Math.floor((x - 9.5) / 4.0 + 0.5)}: the unit centred nearest, unclamped. */
    private static String nearest(AxisState a, String p) {
        return "Math.floor((" + p + " - " + Numbers.doubleLiteral(a.center()) + ") / "
                + Numbers.doubleLiteral(a.jump()) + " + 0.5)";
    }

    /** {@code Math.ceil((x - 25) / 4.0)}: the first (last) unit whose field ends (starts) at or past {@code p}. */
    private static String containing(String round, long bound, AxisState a, String p) {
        return "Math." + round + "((" + p + (bound < 0 ? " + " + -bound : " - " + bound) + ") / "
                + Numbers.doubleLiteral(a.jump()) + ")";
    }

    /** The last fractional unit on the map, {@code size - 0.5}, as a double literal. */
    private static String halfBeyond(AxisState a) {
        return (a.size() - 1) + ".5";
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
