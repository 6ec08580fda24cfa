package dev.convgeom.engine;

/** How bad a problem is; mapped to the compiler's diagnostic kinds only at the edge. */
public enum Severity {
    ERROR,
    WARNING
}
