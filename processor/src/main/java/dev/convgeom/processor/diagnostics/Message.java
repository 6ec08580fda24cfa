package dev.convgeom.processor.diagnostics;

import dev.convgeom.engine.Catalogued;
import dev.convgeom.engine.Severity;

/**
 * Every message the processor can print, in one place, so that wording stays consistent and each
 * can be tested. A message says what is wrong, shows the numbers, and says what would fix it.
 * Each has a stable tag, printed in brackets, that users can search for.
 */
public enum Message implements Catalogued {

    // --- one annotation at a time -------------------------------------------------------------
    NOT_POSITIVE(Severity.ERROR,
            "layer '%s': %s = %d, but %s must be at least 1"),
    NEGATIVE_PADDING(Severity.ERROR,
            "layer '%s': padding %s = %d is negative; padding must be 0 or more"
                    + " (to shrink a map, crop it or use a larger stride)"),
    POOL_PADDING_TOO_LARGE(Severity.ERROR,
            "layer '%s': padding %s = %d is more than half the window's %s (%d), so an edge window"
                    + " would see only padding; use %s <= %d"),
    MISSING_KERNEL(Severity.ERROR,
            "layer '%s': @%s needs a kernel size: give k, or both kh and kw (missing: %s)"),
    MISSING_FACTOR(Severity.ERROR,
            "layer '%s': @Upsample needs a factor: give factor, or both factorX and factorY (missing: %s)"),
    ROUNDING_NOT_NEAREST(Severity.ERROR,
            "layer '%s': rounding = %s chooses the unit a NEAREST upsampling copies, but mode = %s interpolates;"
                    + " remove rounding, or use mode = Upsample.Mode.NEAREST"),
    CUBIC_OPTION_NOT_CUBIC(Severity.ERROR,
            "layer '%s': %s shapes the kernel of a CUBIC upsampling, but mode = %s;"
                    + " remove %s, or use mode = Upsample.Mode.CUBIC"),
    CUBIC_COEFFICIENT(Severity.ERROR,
            "layer '%s': cubicCoefficient = %s, but convgeom states a cubic kernel exactly only for a multiple"
                    + " of 1/1024 from -2 to 0 (there the decimal written is the exact fraction, and the taps"
                    + " read are known); use %s"),
    PADDING_CONFLICT(Severity.ERROR,
            "layer '%s': padding = %s computes its own padding, so %s = %d cannot apply;"
                    + " remove %s, or use padding = Padding.EXPLICIT"),
    TWO_LAYER_ANNOTATIONS(Severity.ERROR,
            "field '%s' has two layer annotations, @%s and @%s; a field is one layer:"
                    + " declare the second layer on a field of its own"),
    LAYER_OUTSIDE_NETWORK(Severity.ERROR,
            "@%s on '%s', but %s is not a @Network: layer annotations only count in a type"
                    + " annotated @Network(input = @Input(...))"),
    LAYER_NOT_A_FIELD(Severity.ERROR,
            "@%s on '%s': a layer is a field or an enum constant of a @Network type"),
    NETWORK_NOT_A_TYPE(Severity.ERROR,
            "@Network on %s '%s': a network is a class, interface, enum or record"),
    NO_LAYERS(Severity.ERROR,
            "@Network %s declares no layers: annotate its fields, in order, with @Conv,"
                    + " @MaxPool, @Relu, @FullyConnected, ..."),
    INPUT_NOT_POSITIVE(Severity.ERROR,
            "network %s: input %s = %d, but it must be at least 1"),
    RESERVED_LAYER_NAME(Severity.ERROR,
            "layer '%s': the name is reserved, since its constant %s.%s would clash with %s; rename the"
                    + " field"),
    STATIC_LAYER_FIELD(Severity.WARNING,
            "layer '%s' is a static field: it counts as a layer of %s in declaration order, but it belongs to the"
                    + " class, not to a network object holding its layers in instance fields; remove static"
                    + " (fields of an interface network and enum constants are layers as they are)"),
    TRANSIENT_LAYER_FIELD(Severity.WARNING,
            "layer '%s' is a transient field: it counts as a layer of %s, but serialization leaves it out, so a"
                    + " network object restored from a stream lacks a layer the geometry counts; remove transient"),
    CONSTANT_CLASH(Severity.ERROR,
            "layers '%s' and '%s' would both become the constant %s.%s; rename one of the fields"),

    // --- graphs: names and per-layer checks ---
    UNKNOWN_LAYER(Severity.ERROR,
            "layer '%s': %s names '%s', but the network has no layer of that name; %s"),
    FORWARD_REFERENCE(Severity.ERROR,
            "layer '%s': %s names '%s', which is declared after it; a layer reads only earlier layers"
                    + " (or 'input'), so move the field '%s' above '%s'"),
    SELF_REFERENCE(Severity.ERROR,
            "layer '%s': %s names '%s' itself, but a layer reads only earlier layers (or 'input'); %s"),
    SEVERAL_INPUTS(Severity.ERROR,
            "layer '%s': @%s reads one map, but from names %d (%s); merge them first with @Concat or @Add,"
                    + " and name the merge in from"),
    REPEATED_MERGE_INPUT(Severity.WARNING,
            "layer '%s': from names '%s' %d times, so @%s %s; name the map that was meant instead of the repeat"),
    GATE_INPUTS(Severity.ERROR,
            "layer '%s': @Gate reads two maps, the map to gate and then its 1x1 gate, but from names %d (%s);"
                    + " write from = {\"map\", \"gate\"}"),
    MERGE_ONE_INPUT(Severity.ERROR,
            "layer '%s': @%s merges two or more maps, but from names only '%s'; name a second layer"
                    + " (or 'input'), or drop the @%s and read '%s' directly"),
    EMPTY_MERGE(Severity.ERROR,
            "layer '%s': @%s merges two or more maps, but from = {} names none (a merge does not read the"
                    + " layer before it by default); name at least two earlier layers (or 'input')"),
    OUTPUT_PADDING_OUT_OF_RANGE(Severity.ERROR,
            "layer '%s': outputPadding = %d, but it must be 0 or more and less than the stride (%s = %d),"
                    + " since it only adds back units the stride leaves out; use 0 <= outputPadding <= %d"),
    DECONV_KERNEL_BELOW_STRIDE(Severity.ERROR,
            "layer '%s': the kernel %s = %d is smaller than the stride %s = %d, so %d of every %d output %s"
                    + " would be reached by no input; use %s >= %d"),
    DECONV_DILATED_STRIDE(Severity.ERROR,
            "layer '%s': the dilation %s = %d with the stride %s = %d interleaves the taps, so output %s would"
                    + " read input units out of order (a unit's field can start before the previous one's), which"
                    + " convgeom's geometry cannot state; a dilated @Deconv needs stride 1 along that axis"),
    CROP_OFFSET_PAIR(Severity.ERROR,
            "layer '%s': offset takes one value for both axes; for {%d, %d} ({y, x}) write offsetX = %d,"
                    + " offsetY = %d"),
    CROP_OFFSET_COUNT(Severity.ERROR,
            "layer '%s': offset has %d values, but takes one, for both axes; write offsetX and offsetY for"
                    + " different offsets per axis, or leave them out to have them computed"),
    NEGATIVE_OFFSET(Severity.ERROR,
            "layer '%s': %s %d is negative, but a crop starts inside the map it crops; use 0 or more"
                    + " (to start outside the map, pad it first with @Pad)"),
    NEGATIVE_FIRST_CHANNEL(Severity.ERROR,
            "layer '%s': first = %d is negative, but channels are counted from 0; use 0 or more"),

    // (the geometry's own messages, found once the whole network is computed, are the engine's:
    // dev.convgeom.engine.GeometryMessage)

    // --- the network's outputs ----------------------------------------------------------------
    UNKNOWN_OUTPUT(Severity.ERROR,
            "@Network(outputs): '%s' is not a layer of %s; %s"),
    DUPLICATE_OUTPUT(Severity.ERROR,
            "@Network(outputs): '%s' is listed twice; list each output once"),
    NO_OUTPUTS(Severity.ERROR,
            "@Network(outputs = {}) on %s names no output; list the output layers, or leave outputs out to"
                    + " have the last layer ('%s') as the output"),
    OUTPUT_SHORTCUT_CLASH(Severity.ERROR,
            "@Network(outputs): output '%s' would get the static shortcut %s.%s(int, int), which %s gets"
                    + " too; rename one of the fields"),

    GENERATED_NAME_CLASH(Severity.ERROR,
            "network %s would generate %s, which network %s already generates; rename one of them (a nested"
                    + " Outer.Inner generates Outer_InnerGeometry)"),
    GENERATED_CLASS_EXISTS(Severity.ERROR,
            "network %s would generate %s, but a type of that name exists already (%s); rename one of them"),

    // --- the processor itself ------------------------------------------------------------------
    INTERNAL_ERROR(Severity.ERROR,
            "convgeom could not process %s because of an internal error (%s); please report it"
                    + " with this model"),

    // --- one annotation at a time, continued ---------------------------------------------------
    ROI_NOT_CROP_AND_RESIZE(Severity.ERROR,
            "layer '%s': %s is the region a CROP_AND_RESIZE upsampling stretches over its output, but"
                    + " coordinates = %s; remove %s, or use coordinates = Upsample.Coordinates.CROP_AND_RESIZE"),
    CROP_REGION(Severity.ERROR,
            "layer '%s': %s = %s: %s; write {start, end} with 0 <= start < end <= 1, each a multiple of 1/2^32,"
                    + " whose decimal is its exact value (float32 0.1f is 0.100000001490116119384765625)");

    private final Severity severity;
    private final String template;

    Message(Severity severity, String template) {
        this.severity = severity;
        this.template = template;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String template() {
        return template;
    }
}
