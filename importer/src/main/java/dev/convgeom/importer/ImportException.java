package dev.convgeom.importer;

import dev.convgeom.importer.model.ImportedNetwork;

/**
 * A model that cannot be imported exactly: an unknown or unsupported operator, an attribute the
 * annotations cannot state, a shape that does not fit. The message names the node or layer, its
 * operator and the reason, in the model's own vocabulary.
 */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was imported before the refusal, or null ({@link #reached()}). */
    private transient ImportedNetwork reached;

    /** A failure that belongs to no single node (an unreadable file, a missing input size). */
    public ImportException(String message) {
        super(message);
    }

    /** A failure that does not belong to one node, caused by {@code cause}. */
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure at one node or layer.
     *
     * @param name   the node's or layer's name in the model (may be empty: ONNX names are optional)
     * @param op     its operator or layer type ({@code Conv}, {@code Convolution}, ...)
     * @param reason what is wrong, and where possible what to change
     */
    public static ImportException at(String name, String op, String reason) {
        String who = name == null || name.isEmpty() ? "unnamed " + op + " node" : "'" + name + "' (" + op + ")";
        return new ImportException(who + ": " + reason);
    }

    /**
     * What the importer had declared when it refused: the input and the layers before the refused
     * node (all of them when convgeom's geometry refused the whole network), or null when the
     * refusal came before the input was known. {@link InputSizeSearch} reads the strides there.
     */
    public ImportedNetwork reached() {
        return reached;
    }

    /** This exception, recording {@code network} as {@link #reached()}; returns this. */
    public ImportException reaching(ImportedNetwork network) {
        if (reached == null) {
            reached = network;
        }
        return this;
    }
}
