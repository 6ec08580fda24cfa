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
        return new BigDecimal(BigInteger.valueOf(value.numerator()))
                .divide(new BigDecimal(BigInteger.valueOf(value.denominator())))
                .stripTrailingZeros().toPlainString();
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
}
