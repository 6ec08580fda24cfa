package dev.convgeom.processor.writing;

/**
 * A small streaming JSON writer, just enough for the manifest: objects, arrays, strings and
 * numbers, with two-space indentation so that the manifest diffs well. Output is deterministic.
 */
final class JsonWriter {

    private final StringBuilder out;
    private int depth;
    private boolean first = true;
    private boolean afterKey;
    /** Depth from which objects are written on one line; MAX_VALUE when none is. */
    private int inlineFrom = Integer.MAX_VALUE;

    JsonWriter() {
        this(16);
    }

    /**
     * A writer whose text starts with room for {@code capacity} characters: a deep network's
     * manifest is megabytes, and a builder grown by doubling copies it again at every step.
     */
    JsonWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    JsonWriter beginObject() {
        value("{");
        depth++;
        first = true;
        return this;
    }

    /** An object written on one line, {@code {"y": 4, "x": 4}}: for small leaves. */
    JsonWriter beginInlineObject() {
        beginObject();
        inlineFrom = Math.min(inlineFrom, depth);
        return this;
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        value("[");
        depth++;
        first = true;
        return this;
    }

    JsonWriter endArray() {
        return close(']');
    }

    /**
     * {@code "name": }. Keys are the manifest's own names, string constants of the writers, never
     * the user's text: plain ASCII, written without the escaping check that {@link #string} makes
     * of values (at five thousand layers it scanned some fifty keys a layer, char by char).
     */
    JsonWriter name(String name) {
        separator();
        out.append('"').append(name).append("\": ");
        afterKey = true;
        return this;
    }

    JsonWriter value(String raw) {
        if (!afterKey) {
            separator();
        }
        afterKey = false;
        out.append(raw);
        return this;
    }

    JsonWriter string(String name, String value) {
        name(name);
        if (value == null) {
            return value("null");
        }
        afterKey = false;
        string(value);
        return this;
    }

    JsonWriter number(String name, long value) {
        // As value(Long.toString(value)) after a key, without the string.
        name(name);
        afterKey = false;
        out.append(value);
        return this;
    }

    JsonWriter raw(String name, String rawNumber) {
        return name(name).value(rawNumber);
    }

    /** {@code "name": ["a", "b"]} on one line. */
    JsonWriter strings(String name, java.util.List<String> values) {
        name(name);
        afterKey = false;
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    /** {@code "name": [1, 2]} on one line. */
    JsonWriter numbers(String name, long[] values) {
        name(name);
        afterKey = false;
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(values[i]);
        }
        out.append(']');
        return this;
    }

    /**
     * {@code "name": } and then the caller appends one value to the builder returned, as
     * {@link #raw} with that value: for values built piece by piece, without a string of their own.
     */
    StringBuilder rawStart(String name) {
        name(name);
        afterKey = false;
        return out;
    }

    JsonWriter bool(String name, boolean value) {
        name(name);
        afterKey = false;
        out.append(value);
        return this;
    }

    /** The text and a final newline, copied once. */
    @Override
    public String toString() {
        int length = out.length();
        String text = out.append('\n').toString();
        out.setLength(length);
        return text;
    }

    private JsonWriter close(char bracket) {
        boolean inline = depth >= inlineFrom;
        if (depth == inlineFrom) {
            inlineFrom = Integer.MAX_VALUE;
        }
        depth--;
        if (!first && !inline) {
            newline();
        }
        out.append(bracket);
        first = false;
        return this;
    }

    private void separator() {
        if (out.length() > 0) {
            if (!first) {
                out.append(',');
            }
            if (depth >= inlineFrom) {
                if (!first) {
                    out.append(' ');
                }
            } else {
                newline();
            }
        }
        first = false;
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        if (plain(s)) {
            // Names and most values: nothing to escape, appended whole.
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether {@link #string} writes {@code s} as it is: no quote, backslash or control character. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
