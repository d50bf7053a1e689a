package io.atta.server.gateway;

import com.alipay.api.internal.util.AlipaySignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature content and RSA signatures, checked against the official SDK's own functions. */
class GatewaySignatureTest {
    private static Map<String, String> awkwardParams() {
        Map<String, String> p = new HashMap<>();
        p.put("method", "alipay.trade.query");
        p.put("app_id", "2021000000000001");
        p.put("sign_type", "RSA2");
        p.put("charset", "utf-8");
        p.put("timestamp", "2024-01-31 13:45:00");
        p.put("biz_content", "{\"out_trade_no\":\"a+b&c=d\",\"subject\":\"咖啡 ☕ 𝄞\"}");
        p.put("notify_url", "https://merchant.example/notify?x=1&y=2");
        p.put("empty", "");
        p.put("blank", "   ");
        p.put("Zeta", "upper case sorts first");
        p.put("sign", "should-not-be-signed");
        return p;
    }

    @Test
    void request_content_equals_the_sdks_sign_content_without_sign() {
        Map<String, String> p = awkwardParams();
        Map<String, String> withoutSign = new HashMap<>(p);
        withoutSign.remove("sign");

        String ours = GatewaySignature.signContent(p, GatewaySignature.requestExcluded);

        assertThat(ours).isEqualTo(AlipaySignature.getSignContent(withoutSign));
        assertThat(ours).startsWith("Zeta=").contains("sign_type=RSA2").doesNotContain("empty=")
                .doesNotContain("blank=").doesNotContain("sign=should");
    }

    @Test
    void notification_content_equals_the_sdks_check_content_v1() {
        Map<String, String> p = awkwardParams();

        String ours = GatewaySignature.signContent(p, GatewaySignature.notificationExcluded);

        assertThat(ours).isEqualTo(AlipaySignature.getSignCheckContentV1(new HashMap<>(p)));
        assertThat(ours).doesNotContain("sign_type");
    }

    @Test
    void sdk_signatures_verify_with_ours_for_both_sign_types() throws Exception {
        String content = GatewaySignature.signContent(awkwardParams(), GatewaySignature.requestExcluded);
        for (SignType type : SignType.values()) {
            String sdkSign = AlipaySignature.rsaSign(content, TestKeys.appPrivateBase64(), "utf-8", type.wire());

            assertThat(GatewaySignature.verify(content, sdkSign, TestKeys.app.getPublic(), type)).isTrue();
            assertThat(GatewaySignature.verify(content + "x", sdkSign, TestKeys.app.getPublic(), type)).isFalse();
            assertThat(GatewaySignature.verify(content, sdkSign, TestKeys.stranger.getPublic(), type)).isFalse();
        }
    }

    @Test
    void our_signatures_verify_with_the_sdk_for_both_sign_types() throws Exception {
        String content = GatewaySignature.signContent(awkwardParams(), GatewaySignature.requestExcluded);

        String rsa2 = GatewaySignature.sign(content, TestKeys.platform.getPrivate(), SignType.RSA2);
        String rsa = GatewaySignature.sign(content, TestKeys.platform.getPrivate(), SignType.RSA);

        assertThat(AlipaySignature.rsa256CheckContent(content, rsa2, TestKeys.platformPublicBase64(), "utf-8")).isTrue();
        assertThat(AlipaySignature.rsaCheck(content, rsa2, TestKeys.platformPublicBase64(), "utf-8", "RSA2")).isTrue();
        assertThat(AlipaySignature.rsaCheckContent(content, rsa, TestKeys.platformPublicBase64(), "utf-8")).isTrue();
        assertThat(AlipaySignature.rsaCheck(content, rsa, TestKeys.platformPublicBase64(), "utf-8", "RSA")).isTrue();
        assertThat(AlipaySignature.rsaCheck(content, rsa, TestKeys.platformPublicBase64(), "utf-8", "RSA2")).isFalse();
    }

    @Test
    void a_notification_signed_by_us_passes_the_sdks_rsa_check_v1_and_a_tampered_one_fails() throws Exception {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", "2024013100222134500012345678");
        n.put("notify_time", "2024-01-31 13:45:00");
        n.put("app_id", "2021000000000001");
        n.put("charset", "utf-8");
        n.put("version", "1.0");
        n.put("sign_type", "RSA2");
        n.put("trade_no", "2024013122001400000000000001");
        n.put("out_trade_no", "order-1");
        n.put("trade_status", "TRADE_SUCCESS");
        n.put("total_amount", "88.88");
        n.put("subject", "咖啡 & 茶 = 饮料");
        n.put("fund_bill_list", "[{\"amount\":\"88.88\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        n.put("sign", GatewaySignature.sign(GatewaySignature.signContent(n, GatewaySignature.notificationExcluded),
                TestKeys.platform.getPrivate(), SignType.RSA2));

        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(n), TestKeys.platformPublicBase64(), "utf-8", "RSA2"))
                .isTrue();

        Map<String, String> tampered = new HashMap<>(n);
        tampered.put("total_amount", "88.89");
        assertThat(AlipaySignature.rsaCheckV1(tampered, TestKeys.platformPublicBase64(), "utf-8", "RSA2")).isFalse();
    }

    @Test
    void gbk_content_is_signed_over_gbk_bytes_as_the_sdk_does() throws Exception {
        String content = "subject=咖啡&total_amount=1.00";
        Charset gbk = Charset.forName("GBK");

        String ours = GatewaySignature.sign(content, gbk, TestKeys.platform.getPrivate(), SignType.RSA2);

        assertThat(AlipaySignature.rsaCheck(content, ours, TestKeys.platformPublicBase64(), "GBK", "RSA2")).isTrue();
        assertThat(AlipaySignature.rsaCheck(content, ours, TestKeys.platformPublicBase64(), "UTF-8", "RSA2")).isFalse();
        String sdk = AlipaySignature.rsaSign(content, TestKeys.appPrivateBase64(), "GBK", "RSA2");
        assertThat(GatewaySignature.verify(content, gbk, sdk, TestKeys.app.getPublic(), SignType.RSA2)).isTrue();
    }

    @Test
    void bad_signatures_are_false_never_an_exception() {
        String content = "a=1";
        for (String bad : new String[] {null, "", "not base64 !!", "AAAA", "====", "QUJD"}) {
            assertThat(GatewaySignature.verify(content, bad, TestKeys.app.getPublic(), SignType.RSA2)).as(bad).isFalse();
        }
    }

    @Test
    void sign_types_parse_only_their_exact_wire_names() {
        assertThat(SignType.fromWire("RSA2")).contains(SignType.RSA2);
        assertThat(SignType.fromWire("RSA")).contains(SignType.RSA);
        assertThat(SignType.fromWire("rsa2")).isEmpty();
        assertThat(SignType.fromWire("SM2")).isEmpty();
        assertThat(SignType.fromWire(null)).isEmpty();
        assertThat(SignType.RSA2.jcaAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(SignType.RSA.jcaAlgorithm()).isEqualTo("SHA1withRSA");
    }
}
