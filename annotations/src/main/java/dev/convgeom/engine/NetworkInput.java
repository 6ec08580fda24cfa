package dev.convgeom.engine;

/**
 * The input a network is declared for.
 *
 * @param channels input channels
 * @param height   input rows
 * @param width    input columns
 */
public record NetworkInput(long channels, long height, long width) {

    public long size(Axis axis) {
        return axis == Axis.Y ? height : width;
    }
}
