package dev.convgeom.processor.writing;

import dev.convgeom.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;

/** How exact values are written: as Java literals, as JSON numbers, and for people. */
final class Numbers {

    private Numbers() {
    }

    /** A {@code double} literal: {@code 5.0}, {@code -0.5}, {@code 0.3333333333333333}. */
    static String doubleLiteral(Ratio value) {
        return Double.toString(value.doubleValue());
    }

    /**
     * For people: an integer as {@code 5}, a terminating fraction as a decimal ({@code 5.5}), any
     * other as a fraction ({@code 1/3}).
     */
    static String display(Ratio value) {
        if (value.isInteger()) {
            return Long.toString(value.numerator());
        }
        long den = value.denominator();
        while (den % 2 == 0) {
            den /= 2;
        }
        while (den % 5 == 0) {
            den /= 5;
        }
        if (den != 1) {
            return value.toString();
        }
        String decimal = decimalInLongs(value.numerator(), value.denominator());
        return decimal != null ? decimal : new BigDecimal(BigInteger.valueOf(value.numerator()))
                .divide(new BigDecimal(BigInteger.valueOf(value.denominator())))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * {@code num / den}, {@code den = 2^a 5^b > 1} and the fraction reduced, written as
     * {@code BigDecimal}'s division, {@code stripTrailingZeros} and {@code toPlainString} write it
     * ({@code -0.25}, {@code 15.5}), in {@code long}s; null where {@code num 10^k / den} does not fit
     * a {@code long} ({@code k = max(a, b)}). Why: every centre and jump of a class's Javadoc
     * table goes through here, and {@code BigDecimal} division runs interpreted in a fresh JVM.
     */
    static String decimalInLongs(long num, long den) {
        int twos = 0;
        int fives = 0;
        for (long d = den; d % 2 == 0; d /= 2) {
            twos++;
        }
        for (long d = den; d % 5 == 0; d /= 5) {
            fives++;
        }
        // num / den = num (10^k / den) / 10^k: k digits after the point, the last not 0 as the
        // fraction is reduced (the 2s or the 5s of 10^k are not all cancelled).
        int k = Math.max(twos, fives);
        long scaled;
        try {
            long multiplier = 1;
            for (int i = 0; i < k - twos; i++) {
                multiplier = Math.multiplyExact(multiplier, 2);
            }
            for (int i = 0; i < k - fives; i++) {
                multiplier = Math.multiplyExact(multiplier, 5);
            }
            scaled = Math.multiplyExact(num, multiplier);
        } catch (ArithmeticException e) {
            return null;
        }
        if (scaled == Long.MIN_VALUE) {
            return null;
        }
        String digits = Long.toString(Math.abs(scaled));
        StringBuilder s = new StringBuilder(digits.length() + k + 3);
        if (scaled < 0) {
            s.append('-');
        }
        for (int i = digits.length(); i <= k; i++) {
            s.append('0');
        }
        s.append(digits);
        s.insert(s.length() - k, '.');
        return s.toString();
    }

    /** A JSON number: integers without a fraction, other values as doubles. */
    static String json(Ratio value) {
        return value.isInteger() ? Long.toString(value.numerator()) : Double.toString(value.doubleValue());
    }

    /** A JSON number that is always written as a double ({@code 5.0}), as the manifest's centres are. */
    static String jsonDouble(Ratio value) {
        return Double.toString(value.doubleValue());
    }

    /** {@code text} as a Java string literal, quotes included. */
    static String stringLiteral(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        if (plain(text)) {
            // Names and the effective-field table (digits and punctuation, tens of kilobytes):
            // nothing to escape, appended whole.
            return s.append(text).append('"').toString();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (Character.isISOControl(c)) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** Whether {@link #stringLiteral} writes every char of {@code text} as it is. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return false;
            }
        }
        return true;
    }
}
