package dev.convgeom.engine;

import java.util.Locale;

/**
 * A message of one of convgeom's catalogues (the engine's {@link GeometryMessage}, the
 * processor's own): an enum constant with a default severity and a format, printed with a stable,
 * searchable tag derived from its name, so that every message reads and is tagged alike.
 */
public interface Catalogued {

    /** The constant's name, {@code KERNEL_TOO_LARGE} (enums provide it). */
    String name();

    /** How bad the problem is, unless something raises it (the network's {@code strict}). */
    Severity severity();

    /** The text, a {@link String#format} pattern for the message's arguments. */
    String template();

    /** A stable, searchable tag: {@code [convgeom:kernel-too-large]}. */
    default String tag() {
        return "[convgeom:" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "]";
    }

    /** The message text with its arguments and its tag. */
    default String format(Object... args) {
        return String.format(Locale.ROOT, template(), args) + " " + tag();
    }
}
