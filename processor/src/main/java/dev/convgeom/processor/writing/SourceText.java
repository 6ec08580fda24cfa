package dev.convgeom.processor.writing;

/**
 * A Java source file built as text, four spaces per level: generated classes are mostly one line
 * per layer, and writing those lines directly costs the processor a fraction of what a code model
 * with per-argument formatting does.
 */
final class SourceText {

    private final StringBuilder text;
    private String indent = "";

    SourceText(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    /** One line at the current indentation; an empty string gives an empty line. */
    SourceText line(String line) {
        if (!line.isEmpty()) {
            text.append(indent).append(line);
        }
        text.append('\n');
        return this;
    }

    /** One line one level out from the current indentation (a text block's lines, kept short). */
    SourceText outdented(String line) {
        text.append(indent, 0, Math.max(0, indent.length() - 4)).append(line).append('\n');
        return this;
    }

    /** The start of a line at the current indentation, for callers that append the rest. */
    StringBuilder start() {
        return text.append(indent);
    }

    /** Opens a block: {@code header + " {"}, one level deeper. */
    SourceText open(String header) {
        line(header + " {");
        indent += "    ";
        return this;
    }

    /** Closes a block. */
    SourceText close() {
        indent = indent.substring(4);
        return line("}");
    }

    /**
     * A Javadoc comment over several lines; {@code doc} holds lines separated by {@code '\n'}, an
     * empty one for a paragraph break.
     */
    SourceText javadoc(String doc) {
        line("/**");
        // Line by line straight from doc, without a split into strings each prefixed into another.
        int end = doc.length() > 0 && doc.charAt(doc.length() - 1) == '\n' ? doc.length() - 1 : doc.length();
        int start = 0;
        while (true) {
            int stop = start;
            while (stop < end && doc.charAt(stop) != '\n') {
                stop++;
            }
            text.append(indent).append(stop == start ? " *" : " * ").append(doc, start, stop).append('\n');
            if (stop == end) {
                break;
            }
            start = stop + 1;
        }
        return line(" */");
    }

    /**
     * The start of a Javadoc comment's line, {@code " * "} at the current indentation, for callers
     * that append its text and line break (which must not hold a line break before it).
     */
    StringBuilder docLine() {
        return text.append(indent).append(" * ");
    }

    /** Characters so far. */
    int length() {
        return text.length();
    }

    /** {@code other}'s text after this one's, without making a string of it first. */
    SourceText append(SourceText other) {
        text.append(other.text);
        return this;
    }

    /**
     * The text to {@code out}, a buffer at a time, without a string of it: a deep network's class
     * is megabytes, and {@code Writer.write(String)} copies a string into a char array of its whole
     * length before encoding it. A buffer never ends between the two halves of a surrogate pair.
     */
    void writeTo(java.io.Writer out) throws java.io.IOException {
        char[] buffer = new char[8192];
        int length = text.length();
        for (int start = 0; start < length; ) {
            int end = Math.min(length, start + buffer.length);
            if (end < length && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text.getChars(start, end, buffer, 0);
            out.write(buffer, 0, end - start);
            start = end;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
