package dev.convgeom.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.engine.EffectiveProfile.Accumulator;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A window of one tap and stride 1 (a crop, a zero padding) renumbers its input's profiles
 * ({@link EffectiveProfile#renumbered}) instead of summing them: on profiles of every period
 * (random windows and transposed convolutions from the input), the result must be, by
 * definition, the input's unit {@code u + offset} as unit {@code u} (first pixel, weights,
 * denominator; its moments summed here from those weights), and number for number the profile the
 * window's sum makes ({@link EffectiveProfile#ofWindow} of one run per phase), period and
 * palindrome flag included.
 */
class RenumberedProfilesTest {

    @Test
    void renumberingIsTheWindowsSumAndTheDefinition() {
        Random random = new Random(20_261_207L);
        int periodic = 0;
        for (int trial = 0; trial < 1_500; trial++) {
            EffectiveProfile in = randomProfile(random);
            long offset = random.nextInt(41) - 20;
            EffectiveProfile out = EffectiveAxis.window(in, 1, 1, 1 + random.nextInt(3), -offset);
            String where = "trial " + trial + ", offset " + offset + ", " + in;
            // By definition.
            assertEquals(in.denominator(), out.denominator(), where);
            assertEquals(in.shift(), out.shift(), where);
            for (long u = -3L * in.period(); u <= 3L * in.period(); u++) {
                assertEquals(in.start(u + offset), out.start(u), where + ", unit " + u);
                assertArrayEquals(in.weights(u + offset), out.weights(u), where + ", unit " + u);
            }
            for (int r = 0; r < out.period(); r++) {
                EffectiveSpread s = out.spread(r);
                BigInteger[] w = out.weights(r);
                BigInteger total = BigInteger.ZERO;
                BigInteger sum = BigInteger.ZERO;
                BigInteger sumSquare = BigInteger.ZERO;
                for (int i = 0; i < w.length; i++) {
                    BigInteger x = BigInteger.valueOf(out.start(r) + i);
                    total = total.add(w[i]);
                    sum = sum.add(x.multiply(w[i]));
                    sumSquare = sumSquare.add(x.multiply(x).multiply(w[i]));
                }
                assertEquals(total, s.total(), where);
                assertEquals(sum, s.sum(), where);
                assertEquals(sumSquare, s.sumSquare(), where);
            }
            // As the window's sum makes it: one run per phase, times 1.
            Accumulator[] phases = new Accumulator[in.period()];
            for (int r = 0; r < phases.length; r++) {
                phases[r] = new Accumulator();
                in.addTo(phases[r], r + offset, BigInteger.ONE);
            }
            EffectiveProfile summed = EffectiveProfile.ofWindow(in, in.shift(), phases, in.denominator());
            assertEquals(summed, out, where);
            assertEquals(summed.period(), out.period(), where);
            assertEquals(summed.isPalindrome(), out.isPalindrome(), where);
            for (int r = 0; r < out.period(); r++) {
                EffectiveSpread a = summed.spread(r);
                EffectiveSpread b = out.spread(r);
                assertEquals(a.sum(), b.sum(), where);
                assertEquals(a.sumSquare(), b.sumSquare(), where);
            }
            if (in.period() > 1) {
                periodic++;
            }
        }
        assertTrue(periodic > 300, "too few profiles with several phases: " + periodic);
    }

    /** The input through a few random windows and transposed convolutions (which make phases). */
    private static EffectiveProfile randomProfile(Random random) {
        EffectiveProfile p = EffectiveProfile.input();
        int layers = random.nextInt(5);
        for (int i = 0; i < layers; i++) {
            if (random.nextInt(3) == 0) {
                int stride = 1 + random.nextInt(3);
                int kernel = stride + random.nextInt(3);
                p = EffectiveAxis.deconv(p, Window.of(kernel, stride, random.nextInt(kernel)));
            } else {
                int kernel = 1 + random.nextInt(4);
                p = EffectiveAxis.window(p, kernel, 1 + random.nextInt(3), 1 + random.nextInt(2), random.nextInt(kernel));
            }
        }
        return p;
    }
}
