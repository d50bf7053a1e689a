package io.atta.server.json;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.server.http.ApiException;

/**
 * Decimal amount strings ("12.34") to minor units, accepting exactly what {@link Amounts#parse}
 * accepts, with the same values and messages, but without {@code BigDecimal}: it runs once per
 * transfer on the hot path. Nothing is rounded; more digits than the currency has are refused.
 */
public final class AmountText {
    private static final String decimalRule = "must be a decimal string such as \"12.34\"";

    private AmountText() {
    }

    /** A positive amount; throws naming {@code field} otherwise. */
    public static long parsePositive(String text, Currency currency, String field) {
        long v = parse(text, currency, field);
        if (v <= 0) {
            throw ApiException.invalidField(field, "must be greater than zero");
        }
        return v;
    }

    /** An amount of zero or more; throws naming {@code field} otherwise. */
    public static long parse(String text, Currency currency, String field) {
        int n = text.length();
        if (n == 0) {
            throw ApiException.invalidField(field, decimalRule);
        }
        if (n > Amounts.maxAmountTextLength) {
            throw ApiException.invalidField(field, "is longer than " + Amounts.maxAmountTextLength + " characters");
        }
        if (text.charAt(0) == '-') {
            throw ApiException.invalidField(field, "must not be negative");
        }
        int dot = -1;
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dot = i;
                dots++;
            } else {
                throw ApiException.invalidField(field, "must be a plain decimal string such as \"12.34\"");
            }
        }
        // Digits on both sides of a point: "12.34", "12", "0.5"; not ".5", "12.", ".".
        if (digits == 0 || dots > 1 || dot == 0 || dot == n - 1) {
            throw ApiException.invalidField(field, decimalRule);
        }
        int intEnd = dot < 0 ? n : dot;
        int fracEnd = n;
        while (dot >= 0 && fracEnd > dot + 1 && text.charAt(fracEnd - 1) == '0') {
            fracEnd--;
        }
        int fracDigits = dot < 0 ? 0 : fracEnd - dot - 1;
        if (fracDigits > currency.scale()) {
            throw ApiException.invalidField(field, "has more than " + currency.scale() + " decimal places for "
                    + currency.name());
        }
        try {
            long v = 0;
            for (int i = 0; i < intEnd; i++) {
                v = Math.addExact(Math.multiplyExact(v, 10), text.charAt(i) - '0');
            }
            for (int i = intEnd + 1; i < fracEnd; i++) {
                v = Math.addExact(Math.multiplyExact(v, 10), text.charAt(i) - '0');
            }
            for (int i = fracDigits; i < currency.scale(); i++) {
                v = Math.multiplyExact(v, 10);
            }
            return v;
        } catch (ArithmeticException e) {
            throw ApiException.invalidField(field, "is too large");
        }
    }
}
