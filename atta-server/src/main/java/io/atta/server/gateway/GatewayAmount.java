package io.atta.server.gateway;

/**
 * Amounts as the protocol writes them: decimal strings of yuan ({@code "88.88"}, {@code "1"},
 * {@code "0.5"}) with at most two decimals, from 0.01 to 100000000.00. Inside they are
 * {@code long} fen (minor units).
 */
public final class GatewayAmount {
    public static final long minMinorUnits = 1;
    public static final long maxMinorUnits = 100_000_000_00L;
    public static final int maxDecimals = 2;
    /** "100000000.00" is 12 characters; a little room for leading zeros, nothing more. */
    public static final int maxTextChars = 16;
    private static final String rule = "must be an amount in yuan with at most 2 decimals, from 0.01 to 100000000.00";

    private GatewayAmount() {
    }

    /** The amount in fen, or {@code isv.invalid-parameter} naming {@code field} and the limits. */
    public static GatewayResult<Long> parse(String text, String field) {
        if (text == null || text.isEmpty() || text.length() > maxTextChars) {
            return refuse(field, text);
        }
        int dot = text.indexOf('.');
        int intEnd = dot < 0 ? text.length() : dot;
        int decimals = dot < 0 ? 0 : text.length() - dot - 1;
        // Digits on both sides of the point: "1", "0.5", "88.88"; not ".5", "1.", "1.234".
        if (intEnd == 0 || (dot >= 0 && decimals == 0) || decimals > maxDecimals) {
            return refuse(field, text);
        }
        long minor = 0;
        for (int i = 0; i < text.length(); i++) {
            if (i == dot) {
                continue;
            }
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return refuse(field, text);
            }
            minor = minor * 10 + (c - '0'); // at most 16 digits: cannot overflow a long
        }
        for (int d = decimals; d < maxDecimals; d++) {
            minor *= 10;
        }
        if (minor < minMinorUnits || minor > maxMinorUnits) {
            return refuse(field, text);
        }
        return GatewayResult.ok(minor);
    }

    /** Minor units as the protocol writes them: exactly two decimals, {@code 8888} → {@code "88.88"}. */
    public static String format(long minorUnits) {
        if (minorUnits < 0) {
            throw new IllegalArgumentException("a protocol amount is never negative: " + minorUnits);
        }
        long yuan = minorUnits / 100;
        long fen = minorUnits % 100;
        return yuan + (fen < 10 ? ".0" : ".") + fen;
    }

    private static GatewayResult<Long> refuse(String field, String text) {
        String shown = text == null ? "missing" : "\"" + (text.length() > maxTextChars
                ? text.substring(0, maxTextChars) + "…" : text) + "\"";
        return GatewayResult.refused(GatewayError.invalidParameter(field, rule + " (got " + shown + ")"));
    }
}
