package io.atta.server.gateway;

import com.alipay.api.internal.util.AlipaySignature;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A gateway request made from a validly signed one by seeded random mutations, of which at least
 * one breaks the signature: the parameters the server decodes differ from the signed ones in a
 * signed field (sign content or sign). The other mutations change only how the request travels
 * (order, GET or POST, query or body, content type, how it is encoded) or corrupt its encoding.
 */
record MutatedRequest(String httpMethod, String rawQuery, byte[] body, String contentType, String what) {
    private static final String[] charsets = {"gbk", "GB2312", "UTF-16", "utf-32", "ISO-8859-1", "x-bogus",
        "utf-8\u0000", "../../etc/passwd", "Shift_JIS", "UTF-8 ", "utf8", "big5", "\u00ff\u00fe", ""};
    private static final String[] methods = {"alipay.trade.pay", "alipay.trade.query", "alipay.trade.refund",
        "alipay.trade.page.pay", "alipay.trade.close", "alipay.trade.nope", "ALIPAY.TRADE.PAY", "", " ",
        "alipay.trade.pay\u0000", "alipay.user.info.share", "monitor.heartbeat.syn"};
    private static final String[] contentTypes = {"application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded;charset=utf-8", "application/x-www-form-urlencoded; charset=GBK",
        "application/x-www-form-urlencoded;charset=bogus", "application/x-www-form-urlencoded;charset=\"\"",
        "text/plain", "application/json", "multipart/form-data; boundary=xyz", "", ";;;", null};
    private static final String[] garbageBiz = {"{", "}", "[]", "null", "1", "\"s\"", "{\"a\":", "{\"out_trade_no\":{}}",
        "{\"total_amount\":\"-1\"}", "{\"total_amount\":1e400}", "{\"x\":\"\\ud800\"}", "{}{}", "{\"a\":1,\"a\":2}",
        "{\"out_trade_no\":\"x\",\"total_amount\":\"99999999999999999999.99\",\"subject\":\"s\"}"};

    /** Whether the server could verify {@code params} against the signature made over {@code signed}. */
    static boolean keepsSignature(Map<String, String> signed, Map<String, String> params) {
        return AlipaySignature.getSignContent(new LinkedHashMap<>(signed)).equals(
                AlipaySignature.getSignContent(new LinkedHashMap<>(params)))
                && String.valueOf(signed.get("sign")).equals(String.valueOf(params.get("sign")));
    }

    /** A request from {@code signed} (with its sign) broken by at least one mutation. */
    static MutatedRequest of(Map<String, String> signed, Random random) {
        Map<String, String> p = new LinkedHashMap<>(signed);
        List<String> what = new ArrayList<>();
        int breaks = 1 + random.nextInt(3);
        for (int i = 0; i < breaks || keepsSignature(signed, p); i++) {
            what.add(breakOne(p, random));
        }
        List<String[]> pairs = new ArrayList<>();
        p.forEach((k, v) -> pairs.add(new String[] {k, v}));
        if (random.nextInt(4) == 0) {
            Collections.shuffle(pairs, random);
            what.add("reordered");
        }
        if (random.nextInt(10) == 0 && !pairs.isEmpty()) {
            String[] d = pairs.get(random.nextInt(pairs.size()));
            pairs.add(new String[] {d[0], random.nextBoolean() ? d[1] : d[1] + "x"});
            what.add("duplicated " + d[0]);
        }
        boolean post = random.nextInt(3) != 0;
        List<byte[]> query = new ArrayList<>();
        List<byte[]> form = new ArrayList<>();
        for (String[] pair : pairs) {
            byte[] encoded = encode(pair[0], pair[1], random, what);
            (post && random.nextInt(3) != 0 ? form : query).add(encoded);
        }
        String contentType = post ? contentTypes[random.nextInt(contentTypes.length)]
                : random.nextInt(5) == 0 ? contentTypes[random.nextInt(contentTypes.length)] : null;
        byte[] body = post ? join(form) : new byte[0];
        if (post && random.nextInt(15) == 0) {
            body = new byte[0];
            what.add("empty body");
        } else if (post && random.nextInt(15) == 0) {
            body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            what.add("random body");
        }
        // The query travels in the request line, so it stays ASCII: bytes beyond are percent-escaped.
        String rawQuery = new String(join(query), StandardCharsets.ISO_8859_1);
        if (random.nextInt(20) != 0) {
            rawQuery = asciiOnly(rawQuery);
        }
        return new MutatedRequest(post ? "POST" : "GET", rawQuery, body, contentType,
                (post ? "POST " : "GET ") + contentType + " " + what);
    }

    private static String breakOne(Map<String, String> p, Random random) {
        List<String> keys = new ArrayList<>(p.keySet());
        String key = keys.isEmpty() ? "sign" : keys.get(random.nextInt(keys.size()));
        String v = p.getOrDefault(key, "");
        switch (random.nextInt(12)) {
            case 0 -> {
                p.put("sign", flip(p.getOrDefault("sign", "x"), random));
                return "flipped sign";
            }
            case 1 -> {
                p.remove(key);
                return "dropped " + key;
            }
            case 2 -> {
                p.put(key, v.isEmpty() ? "x" : flip(v, random));
                return "flipped " + key;
            }
            case 3 -> {
                p.put("charset", charsets[random.nextInt(charsets.length)]);
                return "charset " + p.get("charset").strip();
            }
            case 4 -> {
                p.put("method", methods[random.nextInt(methods.length)]);
                return "method " + p.get("method");
            }
            case 5 -> {
                p.put("biz_content", garbageBiz[random.nextInt(garbageBiz.length)]);
                return "biz_content garbage";
            }
            case 6 -> {
                int size = random.nextBoolean() ? 1 + random.nextInt(10_000) : 65_000 + random.nextInt(10_000);
                p.put(key, v + "A".repeat(size));
                return "huge " + key + " (+" + size + ")";
            }
            case 7 -> {
                p.put("x_" + random.nextInt(1000), Integer.toString(random.nextInt()));
                return "added a parameter";
            }
            case 8 -> {
                for (int i = 0; i < 60 + random.nextInt(20); i++) {
                    p.put("k" + i, "v");
                }
                return "many parameters";
            }
            case 9 -> {
                p.put("sign_type", random.nextBoolean() ? "RSA" : random.nextBoolean() ? "rsa2" : "SM2");
                return "sign_type " + p.get("sign_type");
            }
            case 10 -> {
                p.put(key, randomText(random));
                return "random " + key;
            }
            default -> {
                p.put("timestamp", random.nextBoolean() ? "2000-01-01 00:00:00" : randomText(random));
                return "timestamp";
            }
        }
    }

    /** One character of {@code s} replaced by another, or a character added to an empty one. */
    private static String flip(String s, Random random) {
        if (s.isEmpty()) {
            return "A";
        }
        char[] c = s.toCharArray();
        int at = random.nextInt(c.length);
        char was = c[at];
        do {
            c[at] = (char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x3000));
        } while (c[at] == was);
        return new String(c);
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append((char) (random.nextInt(4) == 0 ? random.nextInt(0xD800) : 0x20 + random.nextInt(0x5f)));
        }
        return b.toString();
    }

    /** {@code name=value} URL-encoded, now and then with its encoding corrupted. */
    private static byte[] encode(String name, String value, Random random, List<String> what) {
        String n = URLEncoder.encode(name, StandardCharsets.UTF_8);
        String v = random.nextInt(6) == 0 ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                : URLEncoder.encode(value, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
        out.write('=');
        byte[] vb = v.getBytes(StandardCharsets.US_ASCII);
        if (random.nextInt(25) == 0) {
            int at = random.nextInt(vb.length + 1);
            out.write(vb, 0, at);
            byte[][] bad = {{'%'}, {'%', 'G', '1'}, {'%', '4'}, {(byte) 0xFF}, {(byte) 0xC3}, {'%', 'F', 'F'},
                {'%', 'C', '3', '%', '2', '8'}, {'%', '0', '0'}, {'&'}, {'='}, {'%', 'E', '2', '%', '8', '2'}};
            out.writeBytes(bad[random.nextInt(bad.length)]);
            out.write(vb, at, vb.length - at);
            what.add("corrupted encoding of " + name);
        } else {
            out.writeBytes(vb);
        }
        return out.toByteArray();
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.write('&');
            }
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }

    private static String asciiOnly(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x21 || c > 0x7e || c == '#') {
                b.append(String.format("%%%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
