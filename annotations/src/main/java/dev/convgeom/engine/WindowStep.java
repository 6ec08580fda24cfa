package dev.convgeom.engine;

/**
 * What sliding a window over one axis gives: the output axis, the padding actually applied
 * (resolved for SAME), and how many input pixels at the end no window reads.
 *
 * @param window        the window that was slid (for a fully connected layer, the whole input)
 * @param output        the output map along this axis
 * @param padBefore     padding applied before the input
 * @param padAfter      padding applied after the input
 * @param droppedBorder input pixels after the last window, never read (0 when the windows tile)
 */
public record WindowStep(Window window, AxisState output, long padBefore, long padAfter, long droppedBorder) {
}
