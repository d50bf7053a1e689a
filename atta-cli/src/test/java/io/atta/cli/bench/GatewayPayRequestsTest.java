package io.atta.cli.bench;

import io.atta.cli.bench.GatewayPayRequests.Answer;
import io.atta.cli.bench.GatewayPayRequests.PayRequest;
import io.atta.server.gateway.GatewayParams;
import io.atta.server.gateway.GatewayReply;
import io.atta.server.gateway.GatewayRequest;
import io.atta.server.gateway.GatewayResult;
import io.atta.server.gateway.RequestVerifier;
import io.atta.server.gateway.SignType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's requests pass the server's own protocol checks, and its answer check is the SDK's. */
class GatewayPayRequestsTest {
    private static final KeyPair app = generate();
    private static final KeyPair platform = generate();
    private static final Instant now = Instant.parse("2026-11-21T08:00:00Z");
    private static final String appId = "2021000000000001";
    private static final String authCode = "28" + "0".repeat(41);

    @Test
    void aBuiltRequestIsAcceptedByTheServersVerifier() {
        PayRequest r = GatewayPayRequests.build(appId, app.getPrivate(), "g7", authCode, 1234, now);

        GatewayResult<GatewayRequest> verified = verify(r, app);

        assertThat(verified.isOk()).as(verified.toString()).isTrue();
        GatewayRequest request = verified.value();
        assertThat(request.method()).isEqualTo("alipay.trade.pay");
        assertThat(request.signType()).isEqualTo(SignType.RSA2);
        assertThat(request.bizContent().path("out_trade_no").asText()).isEqualTo("g7");
        assertThat(request.bizContent().path("auth_code").asText()).isEqualTo(authCode);
        assertThat(request.bizContent().path("total_amount").asText()).isEqualTo("12.34");
        assertThat(request.bizContent().path("scene").asText()).isEqualTo("bar_code");
        // biz_content travels in the form body, the protocol parameters in the query.
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).startsWith("biz_content=");
        assertThat(r.rawQuery()).doesNotContain("biz_content").contains("sign=");
    }

    @Test
    void aRequestSignedByAnotherKeyIsRefused() {
        PayRequest r = GatewayPayRequests.build(appId, platform.getPrivate(), "g7", authCode, 1234, now);

        assertThat(verify(r, app).isOk()).isFalse();
    }

    @Test
    void aSignedSuccessAboutTheSameTradeIsAccepted() {
        PayRequest r = GatewayPayRequests.build(appId, app.getPrivate(), "g7", authCode, 1234, now);
        String body = success("g7", "12.34");

        assertThat(GatewayPayRequests.check(r, body, platform.getPublic(), true)).isEqualTo(Answer.paid);
    }

    @Test
    void aTamperedOrWronglySignedAnswerIsRefusedWhenSignaturesAreChecked() {
        PayRequest r = GatewayPayRequests.build(appId, app.getPrivate(), "g7", authCode, 1234, now);
        String tampered = success("g7", "12.34").replace("12.34", "12.35");

        assertThat(GatewayPayRequests.check(r, tampered, platform.getPublic(), true).problem())
                .contains("signature does not verify");
        assertThat(GatewayPayRequests.check(r, success("g7", "12.34"), app.getPublic(), true).ok()).isFalse();
        // Without the signature check the amount still has to match.
        assertThat(GatewayPayRequests.check(r, tampered, platform.getPublic(), false).problem())
                .contains("another trade or amount");
    }

    @Test
    void anErrorAnswerIsRefusedWithItsSubCode() {
        PayRequest r = GatewayPayRequests.build(appId, app.getPrivate(), "g7", authCode, 1234, now);
        String body = GatewayReply.error("alipay.trade.pay",
                io.atta.server.gateway.GatewayError.Fault.TRADE_HAS_SUCCESS.error())
                .render(platform.getPrivate(), SignType.RSA2, StandardCharsets.UTF_8).text();

        Answer answer = GatewayPayRequests.check(r, body, platform.getPublic(), true);

        assertThat(answer.ok()).isFalse();
        assertThat(answer.problem()).contains("ACQ.TRADE_HAS_SUCCESS");
    }

    private static String success(String outTradeNo, String amount) {
        return GatewayReply.success("alipay.trade.pay").put("out_trade_no", outTradeNo).put("total_amount", amount)
                .render(platform.getPrivate(), SignType.RSA2, StandardCharsets.UTF_8).text();
    }

    private static GatewayResult<GatewayRequest> verify(PayRequest r, KeyPair appKeys) {
        GatewayParams params = GatewayParams.parse(r.rawQuery(), r.body(), GatewayPayRequests.formContentType).value();
        RequestVerifier verifier = new RequestVerifier(id -> appId.equals(id) ? appKeys.getPublic() : null,
                "alipay.trade.pay"::equals, Clock.fixed(now.plusSeconds(30), ZoneOffset.UTC), Duration.ofMinutes(15));
        return verifier.verify(params);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
