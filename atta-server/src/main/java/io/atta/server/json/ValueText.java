package io.atta.server.json;

import io.atta.core.Currency;
import io.atta.core.Limits;
import io.atta.server.http.ApiException;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * The API's textual values: ids as decimal strings, currencies, instants, request ids. Every
 * parse either returns the value or throws an {@link ApiException} naming the field.
 */
public final class ValueText {
    public static final String idRule = "must be a decimal string of a positive 64-bit integer, such as \"42\"";
    public static final String userDataRule = "must be a decimal string of a non-negative 64-bit integer, such as \"0\"";

    private ValueText() {
    }

    /**
     * The value of a canonical decimal id (no sign, no leading zero, at most 19 digits, fits in a
     * long), or -1 when the text is not one. Zero parses as 0.
     */
    public static long decimalId(char[] text, int offset, int length) {
        if (length == 0 || length > 19 || text[offset] == '0' && length > 1) {
            return -1;
        }
        // At most 19 digits are below 2^64, so the unsigned value cannot wrap: it exceeds
        // Long.MAX_VALUE exactly when the sign bit ends up set. No division per digit.
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            int d = text[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v < 0 ? -1 : v;
    }

    public static long decimalId(String text) {
        return decimalId(text.toCharArray(), 0, text.length());
    }

    /** A positive id such as an account, user or transfer id. */
    public static long id(String text, String field) {
        long v = decimalId(text);
        if (v <= 0) {
            throw ApiException.invalidField(field, idRule);
        }
        return v;
    }

    /** An id-shaped value that may be zero ({@code user_data}). */
    public static long userData(String text, String field) {
        long v = decimalId(text);
        if (v < 0) {
            throw ApiException.invalidField(field, userDataRule);
        }
        return v;
    }

    /** A currency by its exact ISO code ("CNY"), or null when the code is not one Atta keeps. */
    public static Currency currencyOrNull(String code) {
        Currency c = Currency.ofCode(code);
        return c != null && c.name().equals(code) ? c : null;
    }

    public static Currency currency(String code, String field) {
        Currency c = currencyOrNull(code);
        if (c == null) {
            throw ApiException.invalidField(field, "must be one of CNY, USD, EUR, HKD, JPY");
        }
        return c;
    }

    /** An ISO-8601 instant in UTC as nanoseconds since the epoch. */
    public static long instantNanos(String text, String field) {
        try {
            Instant t = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiException.invalidField(field,
                    "must be an ISO-8601 instant in UTC between 1677 and 2262, such as \"2026-11-21T08:00:00Z\"");
        }
    }

    /** Nanoseconds since the epoch as an ISO-8601 instant. */
    public static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    /** A client's request id: 1–64 of {@code [A-Za-z0-9_.:-]}. */
    public static String requestId(String text, String field) {
        boolean ok = !text.isEmpty() && text.length() <= Limits.maxRequestIdLength;
        for (int i = 0; ok && i < text.length(); i++) {
            char c = text.charAt(i);
            ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == ':' || c == '-';
        }
        if (!ok) {
            throw ApiException.invalidField(field, "must be 1 to " + Limits.maxRequestIdLength
                    + " characters of A-Z a-z 0-9 _ . : - (maxRequestIdLength)");
        }
        return text;
    }
}
