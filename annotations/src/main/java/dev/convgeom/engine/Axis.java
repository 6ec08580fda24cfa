package dev.convgeom.engine;

/** The two spatial axes, each computed on its own. */
public enum Axis {
    Y("height", "rows", "row"),
    X("width", "columns", "column");

    private final String extent;
    private final String units;
    private final String unit;

    Axis(String extent, String units, String unit) {
        this.extent = extent;
        this.units = units;
        this.unit = unit;
    }

    /** "height" or "width". */
    public String extent() {
        return extent;
    }

    /** "rows" or "columns". */
    public String units() {
        return units;
    }

    /** "row" or "column". */
    public String unit() {
        return unit;
    }
}
