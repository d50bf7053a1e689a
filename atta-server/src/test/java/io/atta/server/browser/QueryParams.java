package io.atta.server.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query parameters of a URL the browser landed on, decoded as a form encodes them (UTF-8, '+' for space). */
public final class QueryParams {
    private QueryParams() {
    }

    /** Name to value, in order; fails on a repeated name, which none of the tests' redirects sends. */
    public static Map<String, String> of(String url) {
        return parse(URI.create(url).getRawQuery());
    }

    /** Parses a raw (still encoded) query string such as {@code a=1&b=x%2By}; null or empty gives no pairs. */
    public static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("repeated query parameter " + name + " in " + rawQuery);
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
