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
        long v = minorUnits(text.toCharArray(), 0, text.length(), currency);
        if (v < 0) {
            throw ApiException.invalidField(field, problem(v, currency));
        }
        return v;
    }

    // What minorUnits answers for text it refuses; problem() says why.
    private static final long empty = -1;
    private static final long tooLong = -2;
    private static final long negative = -3;
    private static final long notPlain = -4;
    private static final long notDecimal = -5;
    private static final long tooManyDecimals = -6;
    private static final long tooLarge = -7;

    /**
     * The minor units of the decimal text {@code text[offset, offset + length)} (zero or more), or,
     * for text that is not such an amount, a negative value that {@link #problem} turns into the
     * message: for the hot path, which then names the field only when there is an error.
     */
    public static long minorUnits(char[] text, int offset, int length, Currency currency) {
        int n = length;
        if (n == 0) {
            return empty;
        }
        if (n > Amounts.maxAmountTextLength) {
            return tooLong;
        }
        if (text[offset] == '-') {
            return negative;
        }
        int dot = -1;
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = text[offset + i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dot = i;
                dots++;
            } else {
                return notPlain;
            }
        }
        // Digits on both sides of a point: "12.34", "12", "0.5"; not ".5", "12.", ".".
        if (digits == 0 || dots > 1 || dot == 0 || dot == n - 1) {
            return notDecimal;
        }
        int intEnd = dot < 0 ? n : dot;
        int fracEnd = n;
        while (dot >= 0 && fracEnd > dot + 1 && text[offset + fracEnd - 1] == '0') {
            fracEnd--;
        }
        int fracDigits = dot < 0 ? 0 : fracEnd - dot - 1;
        if (fracDigits > currency.scale()) {
            return tooManyDecimals;
        }
        long v = 0;
        // At most 24 characters: past 18 digits, check each step for overflow.
        for (int i = 0; i < fracEnd; i++) {
            if (i == intEnd) {
                continue;
            }
            int d = text[offset + i] - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return tooLarge;
            }
            v = v * 10 + d;
        }
        for (int i = fracDigits; i < currency.scale(); i++) {
            if (v > Long.MAX_VALUE / 10) {
                return tooLarge;
            }
            v *= 10;
        }
        return v;
    }

    /** The message for a refusal {@link #minorUnits} answered. */
    public static String problem(long refusal, Currency currency) {
        if (refusal == empty || refusal == notDecimal) {
            return decimalRule;
        } else if (refusal == tooLong) {
            return "is longer than " + Amounts.maxAmountTextLength + " characters";
        } else if (refusal == negative) {
            return "must not be negative";
        } else if (refusal == notPlain) {
            return "must be a plain decimal string such as \"12.34\"";
        } else if (refusal == tooManyDecimals) {
            return "has more than " + currency.scale() + " decimal places for " + currency.name();
        } else if (refusal == tooLarge) {
            return "is too large";
        }
        throw new IllegalArgumentException("not a refusal: " + refusal);
    }
}
