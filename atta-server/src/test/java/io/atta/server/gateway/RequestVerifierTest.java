package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestVerifierTest {
    private static final String appId = "2021000000000001";
    private static final Instant now = Instant.parse("2024-01-31T05:45:00Z");
    private final RequestVerifier verifier = new RequestVerifier(
            id -> appId.equals(id) ? TestKeys.app.getPublic() : null,
            m -> m.equals("alipay.trade.query"), Clock.fixed(now, ZoneOffset.UTC), GatewayTime.defaultMaxSkew);

    private static Map<String, String> unsigned() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "alipay.trade.query");
        p.put("app_id", appId);
        p.put("sign_type", "RSA2");
        p.put("charset", "utf-8");
        p.put("format", "json");
        p.put("version", "1.0");
        p.put("timestamp", "2024-01-31 13:44:00");
        p.put("biz_content", "{\"out_trade_no\":\"order-1\",\"total_amount\":88.80}");
        return p;
    }

    private static Map<String, String> signed(Map<String, String> p) {
        SignType type = SignType.fromWire(p.get("sign_type")).orElse(SignType.RSA2);
        p.put("sign", GatewaySignature.sign(GatewaySignature.signContent(p, GatewaySignature.requestExcluded),
                TestKeys.app.getPrivate(), type));
        return p;
    }

    private GatewayResult<GatewayRequest> verify(Map<String, String> p) {
        return verifier.verify(new GatewayParams(p, StandardCharsets.UTF_8));
    }

    private String subCode(Map<String, String> p) {
        GatewayResult<GatewayRequest> r = verify(p);
        assertThat(r.isOk()).as("%s", p).isFalse();
        return r.error().subCode();
    }

    @Test
    void a_well_signed_request_is_verified_with_its_parts() {
        GatewayRequest r = verify(signed(unsigned())).value();

        assertThat(r.method()).isEqualTo("alipay.trade.query");
        assertThat(r.appId()).isEqualTo(appId);
        assertThat(r.signType()).isEqualTo(SignType.RSA2);
        assertThat(r.version()).isEqualTo("1.0");
        assertThat(r.timestamp()).isEqualTo(now.minusSeconds(60));
        assertThat(r.bizContent().get("out_trade_no").asText()).isEqualTo("order-1");
        // A number keeps its exact decimal text: 88.80, not 88.8.
        assertThat(r.bizContent().get("total_amount").decimalValue()).isEqualByComparingTo("88.80");
        assertThat(r.notifyUrl()).isNull();
    }

    @Test
    void rsa_sha1_requests_verify_too() {
        Map<String, String> p = unsigned();
        p.put("sign_type", "RSA");
        assertThat(verify(signed(p)).isOk()).isTrue();
    }

    @Test
    void each_missing_protocol_parameter_has_its_sub_code_in_alipays_order() {
        String[][] cases = {
                {"method", "isv.missing-method"}, {"app_id", "isv.missing-app-id"},
                {"sign_type", "isv.missing-signature-type"}, {"sign", "isv.missing-signature"},
                {"timestamp", "isv.missing-timestamp"}, {"version", "isv.missing-version"}};
        for (int i = 0; i < cases.length; i++) {
            Map<String, String> p = signed(unsigned());
            // Remove this parameter and blank every later one: the first missing one is reported.
            p.remove(cases[i][0]);
            for (int j = i + 1; j < cases.length; j++) {
                p.put(cases[j][0], " ");
            }
            assertThat(subCode(p)).as(cases[i][0]).isEqualTo(cases[i][1]);
            GatewayResult<GatewayRequest> r = verify(p);
            assertThat(r.error().code()).isEqualTo("40001");
            assertThat(r.error().msg()).isEqualTo("Missing Required Arguments");
        }
    }

    @Test
    void invalid_protocol_parameters_are_40002_with_their_sub_codes() {
        Map<String, String> p = unsigned();
        p.put("sign_type", "SM2");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-signature-type");

        p = unsigned();
        p.put("version", "2.0");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-version");

        p = unsigned();
        p.put("format", "xml");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-format");

        p = unsigned();
        p.put("method", "alipay.trade.nonsense");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-method");

        p = unsigned();
        p.put("app_id", "2021999999999999");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-app-id");

        p = unsigned();
        p.put("timestamp", "2024-01-31 14:00:01");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-timestamp");

        p = unsigned();
        p.put("timestamp", "yesterday");
        assertThat(subCode(signed(p))).isEqualTo("isv.invalid-timestamp");

        p = unsigned();
        p.put("biz_content", "{\"out_trade_no\":\"a\",\"out_trade_no\":\"b\"}");
        GatewayResult<GatewayRequest> dup = verify(signed(p));
        assertThat(dup.error().subCode()).isEqualTo("isv.invalid-parameter");
        assertThat(dup.error().subMsg()).startsWith("biz_content is not valid JSON");

        p = unsigned();
        p.put("biz_content", "[1,2]");
        assertThat(verify(signed(p)).error().subMsg()).isEqualTo("biz_content must be a JSON object");
    }

    @Test
    void a_tampered_or_foreign_signature_is_isv_invalid_signature() {
        Map<String, String> p = signed(unsigned());
        p.put("biz_content", "{\"out_trade_no\":\"order-2\"}");
        GatewayResult<GatewayRequest> r = verify(p);
        assertThat(r.error().code()).isEqualTo("40002");
        assertThat(r.error().subCode()).isEqualTo("isv.invalid-signature");

        Map<String, String> q = unsigned();
        q.put("sign", GatewaySignature.sign(GatewaySignature.signContent(q, GatewaySignature.requestExcluded),
                TestKeys.stranger.getPrivate(), SignType.RSA2));
        assertThat(subCode(q)).isEqualTo("isv.invalid-signature");

        Map<String, String> s = signed(unsigned());
        s.put("sign", "%%%not base64%%%");
        assertThat(subCode(s)).isEqualTo("isv.invalid-signature");
    }

    @Test
    void a_request_without_biz_content_verifies_with_an_empty_object() {
        Map<String, String> p = unsigned();
        p.remove("biz_content");
        assertThat(verify(signed(p)).value().bizContent().isEmpty()).isTrue();
    }
}
