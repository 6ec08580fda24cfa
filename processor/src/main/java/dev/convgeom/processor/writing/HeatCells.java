package dev.convgeom.processor.writing;

import dev.convgeom.engine.EffectiveGrid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * One unit's exact 2-D effective field as the cells a heat map draws: blocks of
 * {@code cell x cell} input pixels from the phase's top-left pixel, each holding the exact sum of
 * its pixels' weights, normalised to a total of 1 and rounded to a double only then. A field of at
 * most {@link #MAX_CELLS} pixels is drawn pixel by pixel ({@code cell} 1); a wider one in the
 * smallest square blocks that keep it within that many cells, so a report stays a few megabytes.
 *
 * @param top     input row of the first cell's top pixel
 * @param left    input column of the first cell's left pixel
 * @param height  input rows the grid spans (the last row of cells may be cut short)
 * @param width   input columns the grid spans
 * @param cell    pixels per cell side
 * @param rows    cells down
 * @param columns cells across
 * @param weights normalised cell weights, row by row
 */
record HeatCells(long top, long left, int height, int width, int cell, int rows, int columns, double[] weights) {

    /** The most cells one phase's heat map holds. */
    static final int MAX_CELLS = 4096;

    private static final MathContext PRECISION = new MathContext(20);

    static HeatCells of(EffectiveGrid.Phase phase) {
        int cell = 1;
        while (cells(phase.height(), cell) * cells(phase.width(), cell) > MAX_CELLS) {
            cell++;
        }
        int rows = (int) cells(phase.height(), cell);
        int columns = (int) cells(phase.width(), cell);
        BigInteger[] sums = new BigInteger[rows * columns];
        java.util.Arrays.fill(sums, BigInteger.ZERO);
        BigInteger total = BigInteger.ZERO;
        for (int j = 0; j < phase.height(); j++) {
            for (int i = 0; i < phase.width(); i++) {
                BigInteger w = phase.weights()[j * phase.width() + i];
                int k = (j / cell) * columns + i / cell;
                sums[k] = sums[k].add(w);
                total = total.add(w);
            }
        }
        double[] weights = new double[sums.length];
        BigDecimal t = new BigDecimal(total);
        for (int k = 0; k < sums.length; k++) {
            weights[k] = new BigDecimal(sums[k]).divide(t, PRECISION).doubleValue();
        }
        return new HeatCells(phase.top(), phase.left(), phase.height(), phase.width(), cell, rows, columns, weights);
    }

    private static long cells(int pixels, int cell) {
        return (pixels + cell - 1) / cell;
    }
}
