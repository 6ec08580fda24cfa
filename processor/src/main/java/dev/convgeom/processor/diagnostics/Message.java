package dev.convgeom.processor.diagnostics;

import java.util.Locale;

/**
 * Every message the processor can print, in one place, so that wording stays consistent and each
 * can be tested. A message says what is wrong, shows the numbers, and says what would fix it.
 * Each has a stable tag, printed in brackets, that users can search for.
 */
public enum Message {

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
    CROP_OFFSET_COUNT(Severity.ERROR,
            "layer '%s': offset has %d values, but a crop takes one (both axes) or two ({y, x}); remove"
                    + " the extra values, or leave offset out to have it computed"),
    NEGATIVE_OFFSET(Severity.ERROR,
            "layer '%s': offset %d is negative, but a crop starts inside the map it crops; use 0 or more"
                    + " (to start outside the map, pad it first with @Pad)"),

    // --- the chain: shapes flowing from layer to layer ----------------------------------------
    KERNEL_TOO_LARGE(Severity.ERROR,
            "layer '%s': the %s kernel does not fit its input: %s; no window fits, so the output"
                    + " would have no %s. %s"),
    IN_CHANNELS_MISMATCH(Severity.ERROR,
            "layer '%s': in = %d, but its input has %d channels (shape %s, from %s); use in = %d,"
                    + " or change the channels produced upstream"),
    GROUPS_IN_MISMATCH(Severity.ERROR,
            "layer '%s': groups = %d does not divide the %d input channels (from %s); groups must"
                    + " divide both the input and the output channels, e.g. groups = %d"),
    GROUPS_OUT_MISMATCH(Severity.ERROR,
            "layer '%s': groups = %d does not divide out = %d; groups must divide both the input"
                    + " and the output channels, e.g. out = %d"),
    FC_IN_MISMATCH(Severity.ERROR,
            "layer '%s': in = %d, but its input is %s = %s values (channels x height x width,"
                    + " from %s); use in = %s, or change the layers before it"),
    DROPPED_BORDER(Severity.WARNING,
            "layer '%s': the windows do not tile its input along the %s: (%d + %d + %d - %d) mod %d"
                    + " = %d, so the last %d %s %s %s never read. %s%s"),
    FC_CHANNELS_UNKNOWN(Severity.ERROR,
            "layer '%s': @Network(fullyConvolutional = true) needs the channels entering it, to state the"
                    + " convolution it is equivalent to (kernel ? x %d x %d), but they are unknown because '%s'"
                    + " does not give out; add out = ... to '%s'"),
    NUMBER_TOO_LARGE(Severity.ERROR,
            "layer '%s': its %s is too large to represent (%s); use smaller sizes"),

    // --- graphs: merges, crops and upsampling --------------------------------------------------
    MERGE_SIZE_MISMATCH(Severity.ERROR,
            "layer '%s': @%s needs inputs of equal %s, but '%s' is %s and '%s' is %s. %s"),
    MERGE_JUMPS_DIFFER(Severity.ERROR,
            "layer '%s': inputs '%s' and '%s' have different jumps along the %s (%s and %s input pixels"
                    + " per unit), so their units drift apart and no offset aligns them; the paths part at %s:"
                    + " %s and %s. Give both the same total stride (a stride, @Upsample or @Deconv on one path)"),
    MISALIGNED_MERGE(Severity.ERROR,
            "layer '%s': inputs '%s' and '%s' are not aligned along the %s: unit 0 of '%s' is centred on input"
                    + " %s %s and unit 0 of '%s' on %s, %s apart (%s of jump %s); the paths part at %s: %s and"
                    + " %s. %sOr accept the offset with allowMisaligned = true"),
    CROP_JUMPS_DIFFER(Severity.ERROR,
            "layer '%s': cannot align '%s' with '%s' along the %s: their jumps differ (%s and %s input pixels"
                    + " per unit), so no crop offset lines up more than one unit; crop a map of the same"
                    + " resolution as '%s'"),
    CROP_NOT_WHOLE(Severity.ERROR,
            "layer '%s': aligning '%s' with '%s' along the %s needs a crop offset of %s (%s), which is not"
                    + " a whole number of units; change a padding or kernel on one path so that the centres differ"
                    + " by a multiple of the jump, %s, or give offset and allowMisaligned = true"),
    CROP_NEGATIVE_OFFSET(Severity.ERROR,
            "layer '%s': '%s' starts %s (%s) after '%s' along the %s, so no crop of it aligns with '%s'"
                    + " (the offset would be %d); crop '%s' instead, or pad '%s' by at least %s before"),
    CROP_TOO_SMALL(Severity.ERROR,
            "layer '%s': aligning '%s' with '%s' along the %s takes offset %d, so '%s' needs %d + %d = %d"
                    + " %s, but has %d; use a larger input or more padding on the path to '%s'"),
    CROP_OFFSET_OUT_OF_RANGE(Severity.ERROR,
            "layer '%s': offset %d plus the %d %s of '%s' is %d, more than the %d %s of '%s'; use an offset of"
                    + " at most %d"),
    CROP_OFFSET_MISALIGNED(Severity.ERROR,
            "layer '%s': offset %d along the %s leaves '%s' misaligned with '%s' by %s; %s."
                    + " Leave offset out to have it computed, or set allowMisaligned = true"),
    DECONV_NO_OUTPUT(Severity.ERROR,
            "layer '%s': the %s would have no units: (%d - 1) * %d - %d - %d + %d + %d = %d; use less padding"
                    + " or a larger kernel"),

    GENERATED_NAME_CLASH(Severity.ERROR,
            "network %s would generate %s, which network %s already generates; rename one of them (a nested"
                    + " Outer.Inner generates Outer_InnerGeometry)"),
    GENERATED_CLASS_EXISTS(Severity.ERROR,
            "network %s would generate %s, but a type of that name exists already (%s); rename one of them"),

    // --- the processor itself ------------------------------------------------------------------
    SETUP_PROCESSOR_PATH(Severity.ERROR,
            "convgeom cannot run: its processor path lacks %s, from %s; %s"),
    SETUP_CLASS_PATH(Severity.ERROR,
            "convgeom cannot run: the convgeom API (%s, in convgeom-api.jar) is not on the class path, so"
                    + " @Network and the layer annotations do not resolve, and the generated code could not"
                    + " compile or run; add dev.convgeom:convgeom-api as an ordinary dependency (javac: -cp"
                    + " convgeom-api.jar; Maven: a <dependency> of compile scope; Gradle: implementation)"),
    INTERNAL_ERROR(Severity.ERROR,
            "convgeom could not process %s because of an internal error (%s); please report it"
                    + " with this model");

    private final Severity severity;
    private final String format;

    Message(Severity severity, String format) {
        this.severity = severity;
        this.format = format;
    }

    public Severity severity() {
        return severity;
    }

    /** A stable, searchable tag: {@code [convgeom:kernel-too-large]}. */
    public String tag() {
        return "[convgeom:" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "]";
    }

    /** The message text with its arguments and its tag. */
    public String format(Object... args) {
        return String.format(Locale.ROOT, format, args) + " " + tag();
    }
}
