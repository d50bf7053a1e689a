package io.atta.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts between the API's decimal strings ("12.34") and {@code long} minor units (1234).
 * This is the only place money meets {@link BigDecimal}; nothing is ever rounded: an amount
 * with more digits than the currency's minor unit is refused.
 */
public final class Amounts {
    /** Longest amount text accepted, so that a hostile string cannot make parsing expensive. */
    public static final int maxAmountTextLength = 24;

    private Amounts() {
    }

    /**
     * Parses a positive decimal amount into minor units.
     *
     * @throws IllegalArgumentException with a message a caller can show, naming the rule broken
     */
    public static long parsePositive(String text, Currency currency) {
        long v = parse(text, currency);
        if (v <= 0) {
            throw new IllegalArgumentException("must be greater than zero");
        }
        return v;
    }

    /** Parses a decimal amount (zero allowed, negative refused) into minor units. */
    public static long parse(String text, Currency currency) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must be a decimal string such as \"12.34\"");
        }
        if (text.length() > maxAmountTextLength) {
            throw new IllegalArgumentException("is longer than " + maxAmountTextLength + " characters");
        }
        if (text.charAt(0) == '-') {
            throw new IllegalArgumentException("must not be negative");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                throw new IllegalArgumentException("must be a plain decimal string such as \"12.34\"");
            }
        }
        // Digits on both sides of a point: "12.34", "12", "0.5"; not ".5", "12.", ".".
        if (text.charAt(0) == '.' || text.charAt(text.length() - 1) == '.') {
            throw new IllegalArgumentException("must be a decimal string such as \"12.34\"");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a decimal string such as \"12.34\"");
        }
        if (d.signum() < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (d.stripTrailingZeros().scale() > currency.scale()) {
            throw new IllegalArgumentException("has more than " + currency.scale()
                    + " decimal places for " + currency.name());
        }
        try {
            return d.movePointRight(currency.scale()).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large");
        }
    }

    /** Formats minor units as a decimal string with exactly the currency's scale: 1234 → "12.34". */
    public static String format(long minorUnits, Currency currency) {
        return BigDecimal.valueOf(minorUnits, currency.scale()).toPlainString();
    }
}
