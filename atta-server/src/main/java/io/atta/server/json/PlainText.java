package io.atta.server.json;

import io.atta.server.http.ApiException;

/**
 * Free text and caller-chosen keys of requests (a trade's subject, a reason, an out_trade_no),
 * checked against a named length limit. Text must be well-formed (no lone surrogate, which
 * UTF-8 cannot carry, so a replica would read back other text than the leader applied) and
 * free of control characters.
 */
public final class PlainText {
    private PlainText() {
    }

    /** Text of 1 to {@code maxChars} characters (code points). */
    public static String text(String text, String field, int maxChars, String limitName) {
        if (text.isEmpty()) {
            throw ApiException.invalidField(field, "must not be empty");
        }
        return optionalText(text, field, maxChars, limitName);
    }

    /** As {@link #text}, but empty is allowed. */
    public static String optionalText(String text, String field, int maxChars, String limitName) {
        int chars = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalidField(field, "holds a lone UTF-16 surrogate");
            } else if (Character.isISOControl(c)) {
                throw ApiException.invalidField(field, "must not hold control characters");
            }
            chars++;
        }
        if (chars > maxChars) {
            throw ApiException.invalidField(field, "is longer than " + maxChars + " characters (" + limitName + ")");
        }
        return text;
    }

    /** A caller's key for a request (an out_trade_no): 1 to {@code maxChars} of {@code [A-Za-z0-9_.:-]}. */
    public static String key(String text, String field, int maxChars, String limitName) {
        boolean ok = !text.isEmpty() && text.length() <= maxChars;
        for (int i = 0; ok && i < text.length(); i++) {
            char c = text.charAt(i);
            ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == ':' || c == '-';
        }
        if (!ok) {
            throw ApiException.invalidField(field, "must be 1 to " + maxChars + " characters of A-Z a-z 0-9 _ . : - ("
                    + limitName + ")");
        }
        return text;
    }
}
