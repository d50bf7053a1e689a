package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayParamsTest {
    private static final String form = "application/x-www-form-urlencoded";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static GatewayError refusal(GatewayResult<GatewayParams> r) {
        assertThat(r.isOk()).as("%s", r).isFalse();
        return r.error();
    }

    @Test
    void merges_query_and_form_body_decoding_plus_and_percent_escapes() {
        GatewayParams p = GatewayParams.parse("method=alipay.trade.query&timestamp=2024-01-31+13%3A45%3A00",
                bytes("biz_content=%7B%22a%22%3A%22%E5%92%96%E5%95%A1%2B1%22%7D&empty="), form).value();

        assertThat(p.values()).containsExactly(
                java.util.Map.entry("method", "alipay.trade.query"),
                java.util.Map.entry("timestamp", "2024-01-31 13:45:00"),
                java.util.Map.entry("biz_content", "{\"a\":\"咖啡+1\"}"),
                java.util.Map.entry("empty", ""));
        assertThat(p.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void the_charset_comes_from_the_query_then_the_body_then_the_content_type_case_insensitively() {
        byte[] gbkBody = bytes("subject=%BF%A7%B7%C8"); // 咖啡 in GBK
        assertThat(GatewayParams.parse("charset=gbk", gbkBody, form).value().get("subject")).isEqualTo("咖啡");
        assertThat(GatewayParams.parse(null, bytes("charset=GBK&subject=%BF%A7%B7%C8"), form).value().get("subject"))
                .isEqualTo("咖啡");
        assertThat(GatewayParams.parse("", gbkBody, form + "; charset=\"GBK\"").value().charset())
                .isEqualTo(Charset.forName("GBK"));
        assertThat(GatewayParams.parse("charset=utf-8", bytes("a=1"), form + ";charset=GBK").value().charset())
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(GatewayParams.parse("charset=UTF-8", null, null).value().get("charset")).isEqualTo("UTF-8");
    }

    @Test
    void an_unknown_charset_is_isv_invalid_charset() {
        GatewayError e = refusal(GatewayParams.parse("charset=klingon-8&a=1", null, null));

        assertThat(e.code()).isEqualTo("40002");
        assertThat(e.subCode()).isEqualTo("isv.invalid-charset");
        assertThat(e.subMsg()).contains("klingon-8");
        assertThat(refusal(GatewayParams.parse(null, bytes("a=1"), form + ";charset=\u0001bad")).subCode())
                .isEqualTo("isv.invalid-charset");
    }

    @Test
    void a_parameter_given_twice_is_refused_naming_it() {
        for (GatewayResult<GatewayParams> r : java.util.List.of(
                GatewayParams.parse("sign=a&sign=b", null, null),
                GatewayParams.parse("sign=a", bytes("sign=a"), form))) {
            GatewayError e = refusal(r);
            assertThat(e.subCode()).isEqualTo("isv.invalid-parameter");
            assertThat(e.subMsg()).isEqualTo("sign is given more than once");
        }
    }

    @Test
    void malformed_escapes_and_bytes_that_are_not_text_are_refused_never_thrown() {
        for (String bad : new String[] {"a=%", "a=%4", "a=%zz", "a=%E5%92", "a=%FF", "%=1", "=1"}) {
            GatewayError e = refusal(GatewayParams.parse(bad, null, null));
            assertThat(e.subCode()).as(bad).isEqualTo("isv.invalid-parameter");
        }
        assertThat(refusal(GatewayParams.parse("a=%E5%92", null, null)).subMsg())
                .isEqualTo("a is not valid URL encoding of UTF-8 text");
    }

    @Test
    void a_body_that_is_not_a_form_is_ignored_and_get_works_from_the_query_alone() {
        GatewayParams p = GatewayParams.parse("a=1", bytes("b=2"), "application/json").value();

        assertThat(p.values()).containsOnlyKeys("a");
        assertThat(GatewayParams.parse("a=1&&b&c=", null, null).value().values())
                .containsEntry("b", "").containsEntry("c", "").hasSize(3);
    }

    @Test
    void size_and_count_are_bounded_with_the_limit_in_the_message() {
        String big = "a=" + "x".repeat(GatewayParams.maxParamsBytes);
        assertThat(refusal(GatewayParams.parse(big, null, null)).subMsg()).contains("65536 bytes");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= GatewayParams.maxParamCount; i++) {
            many.append("p").append(i).append("=1&");
        }
        assertThat(refusal(GatewayParams.parse(null, bytes(many.toString()), form)).subMsg())
                .contains("more than 64 parameters");
        String atLimit = "a=" + "x".repeat(GatewayParams.maxParamsBytes - 2);
        assertThat(GatewayParams.parse(atLimit, null, null).isOk()).isTrue();
    }

    /**
     * Values of ASCII bytes skip the strict decoder; every value still decodes to what the strict
     * decoder makes of its bytes, or is refused as it would be: seeded random values, escaped or
     * not, in UTF-8, GBK and UTF-16 (not ASCII-compatible, so never on the short path).
     */
    @Test
    void decoding_agrees_with_the_strict_decoder_on_random_values() {
        SplittableRandom random = new SplittableRandom(14);
        String alphabet = "aZ09-_.*~+%&=;{}\":, ";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GBK"), StandardCharsets.UTF_16}) {
            for (int i = 0; i < 5_000; i++) {
                StringBuilder raw = new StringBuilder();
                int length = random.nextInt(24);
                for (int k = 0; k < length; k++) {
                    int kind = random.nextInt(4);
                    if (kind == 0) {
                        raw.append(String.format("%%%02X", random.nextInt(256)));
                    } else if (kind == 1 && random.nextInt(8) == 0) {
                        raw.append('%').append(alphabet.charAt(random.nextInt(alphabet.length())));
                    } else {
                        raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                byte[] bytes = raw.toString().getBytes(StandardCharsets.US_ASCII);

                assertThat(GatewayParams.decode(bytes, charset)).as("%s in %s", raw, charset)
                        .isEqualTo(strictDecode(bytes, charset));
            }
        }
    }

    /** Percent-decoding then a strict decoder of {@code charset}; null when either fails. */
    private static String strictDecode(byte[] raw, Charset charset) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '+') {
                out.write(' ');
            } else if (raw[i] == '%') {
                if (i + 2 >= raw.length || Character.digit(raw[i + 1], 16) < 0 || Character.digit(raw[i + 2], 16) < 0) {
                    return null;
                }
                out.write(Character.digit(raw[i + 1], 16) << 4 | Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
