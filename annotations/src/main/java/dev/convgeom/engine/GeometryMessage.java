package dev.convgeom.engine;

/**
 * Every message the engine can attach to a {@link Problem}: what the geometry of a network shows
 * to be wrong once its layers are computed (a kernel that does not fit, channels that do not
 * match, merges and crops that do not line up, a border no window reads, a number too large).
 * Each says what is wrong, shows the numbers, and says what would fix it; each has a stable tag,
 * printed in brackets, that users can search for. The annotation processor prints them at the
 * annotation value a problem blames ({@link Problem#param()}); its own messages, about
 * annotations as written, are worded and tagged alike ({@link Catalogued}).
 */
public enum GeometryMessage implements Catalogued {

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
    CHANNEL_RANGE_OUTSIDE(Severity.ERROR,
            "layer '%s': first = %d, count = %d selects channels %d to %d, but its input has %d channels"
                    + " (shape %s, from %s); %s"),
    SHUFFLE_GROUPS_MISMATCH(Severity.ERROR,
            "layer '%s': groups = %d does not divide the %d input channels (from %s), so they cannot be"
                    + " interleaved in equal groups; use a divisor of the channels, e.g. groups = %d"),
    FC_IN_MISMATCH(Severity.ERROR,
            "layer '%s': in = %d, but its input is %s = %s values (channels x height x width,"
                    + " from %s); use in = %s, or change the layers before it"),
    DROPPED_BORDER(Severity.WARNING,
            "layer '%s': the windows do not tile its input along the %s: (%d + %d + %d - %d) mod %d"
                    + " = %d, so the last %d %s %s %s never read. %s%s"),
    UNREAD_GAPS(Severity.WARNING,
            "layer '%s': along the %s, its windows (%s) never read %d of the %d %s of %s: %s; %s. In all, %d of"
                    + " the %d units of %s (%s) are read by no path to an output. %s%s"),
    FC_CHANNELS_UNKNOWN(Severity.ERROR,
            "layer '%s': @Network(fullyConvolutional = true) needs the channels entering it, to state the"
                    + " convolution it is equivalent to (kernel ? x %d x %d), but they are unknown because '%s'"
                    + " does not give out; add out = ... to '%s'"),
    NUMBER_TOO_LARGE(Severity.ERROR,
            "layer '%s': its %s is too large to represent (%s); use smaller sizes"),
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
    GATE_NOT_ONE_UNIT(Severity.ERROR,
            "layer '%s': its gate '%s' is %s, but a gate must be one unit along the rows and the columns (C x 1 x 1),"
                    + " the same factor for every unit of '%s'; compute it with @GlobalAvgPool (squeeze-and-excitation),"
                    + " or merge maps of equal size with @Add"),
    GATE_CHANNELS(Severity.ERROR,
            "layer '%s': its gate '%s' has %d channels and the map it gates, '%s', has %d; a gate has one factor"
                    + " per channel, or one for all: give the gate's last layer out = %d or out = 1"),
    ALIGN_CORNERS_ONE_UNIT(Severity.ERROR,
            "layer '%s': coordinates = ALIGN_CORNERS stretches the first to the last unit of its input, but"
                    + " the input's %s is 1 unit, so all %d output units would sit on it; use a larger input, or"
                    + " HALF_PIXEL or ASYMMETRIC coordinates"),
    NEAREST_OUTSIDE_MAP(Severity.ERROR,
            "layer '%s': %s coordinates rounded %s put output unit %d of %d along the %s at input position %s,"
                    + " which rounds to unit %d, outside the %d units of its input; the runtime copies the border"
                    + " unit there, which one field pattern cannot state, so convgeom does not guess: use HALF_PIXEL"
                    + " with a ROUND_PREFER rounding, ASYMMETRIC with FLOOR, or ALIGN_CORNERS"),
    CUBIC_UNORDERED(Severity.ERROR,
            "layer '%s': CUBIC upsampling with %s coordinates puts output unit %d along the %s at input"
                    + " position %s, reading units %d to %d, and unit %d at %s, reading units %d to %d (a position"
                    + " on a unit reads only that unit, one between units four): the fields step back from one"
                    + " unit to the next, which one field pattern cannot state, so convgeom does not guess; use"
                    + " HALF_PIXEL coordinates with a factor"
                    + " whose positions never fall on a unit (an even factor, as PyTorch's bicubic by 2), or"
                    + " cubicCoefficient = 0 (two taps)"),
    REFLECT_PAD_TOO_WIDE(Severity.ERROR,
            "layer '%s': REFLECT padding of %d %s needs a map of more than %d %s, but its input, %s, has %d:"
                    + " new unit -%d would copy %s %d, which does not exist; pad less, or use mode = EDGE"),
    COPIED_PAD_READER(Severity.ERROR,
            "layer '%s': in %s mode its new units are copies of the map's units, which only a window that"
                    + " also reads the unit copied reads as the fields say; '%s' (@%s) reads it, and a copy it"
                    + " passes on would read pixels outside the fields reported; read it directly with a @Conv or"
                    + " pooling (move unit-by-unit layers after that), or use mode = CONSTANT"),
    COPIED_PAD_UNCOVERED(Severity.ERROR,
            "layer '%s': in %s mode new %s %d copies %s %d, but the window of '%s' (kernel %d, stride %d,"
                    + " dilation %d, its own padding up to %d before and %d after, rounding included) that starts at"
                    + " %s %d reads the copy and not %s %d itself, so its unit would read pixels outside the field"
                    + " reported; give '%s' a kernel of at least %d with dilation 1 along the %s, pad less, or use"
                    + " mode = CONSTANT"),
    UPSAMPLE_EMPTY(Severity.ERROR,
            "layer '%s': the factor %d/%d shrinks its input's %s of %d to floor(%d * %d / %d) = 0 units;"
                    + " give it an input of at least %d, or a larger factor"),
    UNSHUFFLE_INDIVISIBLE(Severity.ERROR,
            "layer '%s': factor = %d does not divide its input's %s of %d (shape %s, from %s), but a pixel"
                    + " unshuffle cuts its input into whole %dx%d blocks (PyTorch and ONNX SpaceToDepth refuse a"
                    + " remainder); give it %s, or a factor that divides it"),
    SHUFFLE_CHANNELS_INDIVISIBLE(Severity.ERROR,
            "layer '%s': factor = %d needs a multiple of factor x factor input channels, but its input has %d"
                    + " (shape %s, from %s), so they do not make whole %dx%d blocks of %d; give it %s channels,"
                    + " or another factor"),
    CROP_AND_RESIZE_ONE_UNIT(Severity.ERROR,
            "layer '%s': coordinates = CROP_AND_RESIZE stretches its region of the input over the output, but"
                    + " the input's %s is 1 unit, so all %d output units would sit on it; use a larger input, or"
                    + " a factor that leaves one unit");

    private final Severity severity;
    private final String template;

    GeometryMessage(Severity severity, String template) {
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
