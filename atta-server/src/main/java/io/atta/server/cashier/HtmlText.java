package io.atta.server.cashier;

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values. The five
 * characters that can end a text run or an attribute are replaced; everything else, including
 * non-ASCII, is kept as it is, since the page is UTF-8.
 */
public final class HtmlText {
    private HtmlText() {
    }

    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
