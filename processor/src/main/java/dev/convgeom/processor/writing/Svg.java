package dev.convgeom.processor.writing;

/** A small SVG document builder: elements with attributes, numbers written exactly as given. */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    Svg(double width, double height, String viewBox) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(number(width)).append("\" height=\"").append(number(height)).append("\" viewBox=\"")
                .append(viewBox).append("\">\n");
    }

    /** An empty element; {@code attributes} are name, value pairs. */
    Svg element(String name, Object... attributes) {
        open(name, attributes);
        out.setLength(out.length() - 1);
        out.append("/>\n");
        return this;
    }

    /** An element holding text. */
    Svg text(String text, Object... attributes) {
        open("text", attributes);
        out.append(escape(text)).append("</text>\n");
        return this;
    }

    /** Opens a group; {@link #end()} closes it. */
    Svg group(Object... attributes) {
        open("g", attributes);
        out.append('\n');
        return this;
    }

    Svg end() {
        out.append("</g>\n");
        return this;
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    private void open(String name, Object... attributes) {
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            String text = v instanceof Double d ? number(d) : String.valueOf(v);
            out.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
        }
        out.append('>');
    }

    /** A double in the shortest form that reads back as the same double. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
