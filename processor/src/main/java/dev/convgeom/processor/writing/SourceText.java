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
        String body = doc.endsWith("\n") ? doc.substring(0, doc.length() - 1) : doc;
        for (String l : body.split("\n", -1)) {
            line(l.isEmpty() ? " *" : " * " + l);
        }
        return line(" */");
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

    @Override
    public String toString() {
        return text.toString();
    }
}
