package io.atta.server.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one gateway request, merged from the raw query string and, for a form POST,
 * the raw body. The SDK puts the protocol parameters in the query and {@code biz_content} in the
 * body; a {@code pageExecute(…, "GET")} URL carries everything in the query.
 *
 * <p>Both are URL-decoded with the request's charset: its {@code charset} parameter (query first,
 * then body), else the Content-Type's charset, else UTF-8. Decoding is strict: bad percent escapes
 * or bytes that are not text in that charset are refused rather than guessed at, because the
 * signature is checked over the decoded text.
 */
public record GatewayParams(Map<String, String> values, Charset charset) {
    public static final int maxParamsBytes = 64 * 1024;
    public static final int maxParamCount = 64;
    public static final String charsetParameter = "charset";
    static final String formContentType = "application/x-www-form-urlencoded";
    /** Charsets in which every byte below 0x80 is, alone, the ASCII character of that code. */
    private static final Set<Charset> asciiCompatible = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1, Charset.forName("GBK"), Charset.forName("GB18030"));

    public GatewayParams {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The decoded value of {@code name}, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /**
     * Merges {@code rawQuery} (undecoded, without {@code ?}; may be null) with {@code body} when
     * {@code contentType} is a form; refuses with {@code isv.invalid-charset} or
     * {@code isv.invalid-parameter} saying what is wrong.
     */
    public static GatewayResult<GatewayParams> parse(String rawQuery, byte[] body, String contentType) {
        byte[] query = rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.UTF_8);
        byte[] form = body != null && isForm(contentType) ? body : new byte[0];
        if ((long) query.length + form.length > maxParamsBytes) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_PARAMETER.error(
                    "the request's parameters are larger than " + maxParamsBytes + " bytes"));
        }
        List<RawPair> pairs = new ArrayList<>();
        split(query, pairs);
        split(form, pairs);
        if (pairs.size() > maxParamCount) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_PARAMETER.error(
                    "the request has more than " + maxParamCount + " parameters"));
        }

        String charsetName = charsetName(pairs, contentType);
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_CHARSET.error(
                    "charset " + printable(charsetName) + " is not supported; use UTF-8 or GBK"));
        }

        Map<String, String> values = new LinkedHashMap<>();
        for (RawPair pair : pairs) {
            String name = decode(pair.name, charset);
            String value = decode(pair.value, charset);
            if (name == null || name.isEmpty()) {
                return GatewayResult.refused(GatewayError.Fault.INVALID_PARAMETER.error(
                        "a parameter name is empty or not valid URL encoding"));
            }
            if (value == null) {
                return GatewayResult.refused(GatewayError.invalidParameter(name,
                        "is not valid URL encoding of " + charset.name() + " text"));
            }
            if (values.putIfAbsent(name, value) != null) {
                return GatewayResult.refused(GatewayError.invalidParameter(name, "is given more than once"));
            }
        }
        return GatewayResult.ok(new GatewayParams(values, charset));
    }

    private record RawPair(byte[] name, byte[] value) {
    }

    private static void split(byte[] raw, List<RawPair> into) {
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '&') {
                if (i > start) {
                    int eq = start;
                    while (eq < i && raw[eq] != '=') {
                        eq++;
                    }
                    byte[] name = Arrays.copyOfRange(raw, start, eq);
                    byte[] value = eq < i ? Arrays.copyOfRange(raw, eq + 1, i) : new byte[0];
                    into.add(new RawPair(name, value));
                }
                start = i + 1;
            }
        }
    }

    private static String charsetName(List<RawPair> pairs, String contentType) {
        // Query pairs come first in the list, so the first charset found is the query's.
        for (RawPair pair : pairs) {
            String name = decode(pair.name, StandardCharsets.ISO_8859_1);
            if (charsetParameter.equals(name)) {
                String value = decode(pair.value, StandardCharsets.ISO_8859_1);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        String fromHeader = contentTypeCharset(contentType);
        return fromHeader != null ? fromHeader : StandardCharsets.UTF_8.name();
    }

    static String contentTypeCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String v = p.substring(8).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.trim().toLowerCase(Locale.ROOT).startsWith(formContentType);
    }

    /** Percent-decodes ({@code +} is a space) and decodes the bytes strictly; null when malformed. */
    static String decode(byte[] raw, Charset charset) {
        byte[] out = new byte[raw.length];
        int n = 0;
        int nonAscii = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= raw.length) {
                    return null;
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n] = (byte) (hi << 4 | lo);
                nonAscii |= out[n++];
                i += 2;
            } else {
                out[n] = b;
                nonAscii |= out[n++];
            }
        }
        if (nonAscii >= 0 && asciiCompatible.contains(charset)) {
            // Bytes below 0x80 are the same characters in all of these, and each is valid alone: the
            // strict decoder would give this very text, at the cost of a decoder per parameter.
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return '"' + cut.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }
}
