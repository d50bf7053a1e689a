package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeOrderSettleModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeOrderSettleRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipayTradeOrderSettleResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.gateway.GatewaySdkFixture.App;
import io.atta.server.gateway.GatewaySdkFixture.Buyer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static io.atta.server.gateway.GatewaySdkFixture.execute;
import static io.atta.server.gateway.GatewaySdkFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's checks as a merchant meets them through the official SDK (or, where the SDK
 * cannot make the mistake, a request signed by hand): signatures, app ids, methods, timestamps,
 * the RSA (SHA1) sign type and the GBK charset. A refused request changes nothing.
 */
class GatewaySdkProtocolTest {
    private static final DateTimeFormatter wireTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    static Path dir;
    static GatewaySdkFixture f;
    static App shop;

    @BeforeAll
    static void start() {
        f = new GatewaySdkFixture(dir);
        shop = f.app("Tea House");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void ledgerStaysConsistent() {
        f.assertLedgerConsistent();
    }

    private static AlipayTradePrecreateRequest precreateRequest(String outTradeNo, String subject) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount("9.90");
        model.setSubject(subject);
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        return request;
    }

    @Test
    void a_request_signed_with_another_key_is_refused_and_opens_nothing() {
        DefaultAlipayClient forger = new DefaultAlipayClient(shop.gatewayUrl(), shop.appId(),
                RsaKeys.encode(TestKeys.stranger.getPrivate()), "json", "utf-8", shop.alipayPublicKey(), "RSA2");
        String out = nextId("forged");

        AlipayTradePrecreateResponse r = execute(forger, precreateRequest(out, "Oolong"));

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getCode()).isEqualTo("40002");
        assertThat(r.getSubCode()).isEqualTo("isv.invalid-signature");
        assertThat(r.getQrCode()).isNull();
        assertThat(f.query(shop, out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void an_unknown_app_id_is_refused() {
        for (String appId : new String[]{"999999999999", "not-an-app"}) {
            DefaultAlipayClient stranger = new DefaultAlipayClient(shop.gatewayUrl(), appId, shop.appPrivateKey(),
                    "json", "utf-8", shop.alipayPublicKey(), "RSA2");
            AlipayTradePrecreateResponse r = execute(stranger, precreateRequest(nextId("stranger"), "Oolong"));
            assertThat(r.isSuccess()).as(appId).isFalse();
            assertThat(r.getCode()).isEqualTo("40002");
            assertThat(r.getSubCode()).as(appId).isEqualTo("isv.invalid-app-id");
        }
    }

    @Test
    void another_apps_id_with_this_apps_key_is_a_bad_signature() {
        App other = f.app("Coffee Cart");
        DefaultAlipayClient mixed = new DefaultAlipayClient(shop.gatewayUrl(), other.appId(), shop.appPrivateKey(),
                "json", "utf-8", shop.alipayPublicKey(), "RSA2");
        String out = nextId("mixed");

        AlipayTradePrecreateResponse r = execute(mixed, precreateRequest(out, "Oolong"));

        assertThat(r.getSubCode()).isEqualTo("isv.invalid-signature");
        assertThat(f.query(other, out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void a_method_the_gateway_does_not_serve_is_refused() {
        AlipayTradeOrderSettleModel model = new AlipayTradeOrderSettleModel();
        model.setOutRequestNo(nextId("settle"));
        model.setTradeNo("4611686018427387905");
        AlipayTradeOrderSettleRequest request = new AlipayTradeOrderSettleRequest();
        request.setBizModel(model);

        AlipayTradeOrderSettleResponse r = execute(shop.client(), request);

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getCode()).isEqualTo("40002");
        assertThat(r.getSubCode()).isEqualTo("isv.invalid-method");
    }

    @Test
    void a_hand_signed_request_is_served_unless_its_timestamp_is_stale() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("GMT+8"));
        String fresh = nextId("raw");
        JsonNode ok = rawPrecreate(fresh, now);
        assertThat(ok.path("code").asText()).as(ok.toString()).isEqualTo("10000");
        assertThat(f.query(shop, fresh).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        String stale = nextId("raw");
        JsonNode late = rawPrecreate(stale, now.minusMinutes(20));
        assertThat(late.path("code").asText()).as(late.toString()).isEqualTo("40002");
        assertThat(late.path("sub_code").asText()).isEqualTo("isv.invalid-timestamp");
        JsonNode early = rawPrecreate(stale, now.plusMinutes(20));
        assertThat(early.path("sub_code").asText()).as(early.toString()).isEqualTo("isv.invalid-timestamp");
        assertThat(f.query(shop, stale).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void a_request_without_a_method_is_told_so_as_alipay_tells_it() {
        // Found by GatewayFuzzTest: a request without "method" once threw inside the route.
        for (String body : new String[] {"", "app_id=" + shop.appId() + "&sign_type=SM2&version=9"}) {
            GatewaySdkFixture.Reply r = f.postForm(shop.gatewayUrl(), "application/x-www-form-urlencoded",
                    body.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode error = r.body().path("error_response");
            assertThat(error.path("code").asText()).as(r.toString()).isEqualTo("40001");
            assertThat(error.path("sub_code").asText()).isEqualTo("isv.missing-method");
        }
    }

    /** A precreate built and signed as the SDK would, with the given timestamp; the response object. */
    private JsonNode rawPrecreate(String outTradeNo, ZonedDateTime at) throws AlipayApiException {
        Map<String, String> params = new TreeMap<>();
        params.put("app_id", shop.appId());
        params.put("method", "alipay.trade.precreate");
        params.put("format", "json");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", at.format(wireTime));
        params.put("version", "1.0");
        params.put("biz_content", "{\"out_trade_no\":\"" + outTradeNo
                + "\",\"total_amount\":\"1.00\",\"subject\":\"Oolong\"}");
        params.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignContent(params), shop.appPrivateKey(),
                "utf-8", "RSA2"));
        StringJoiner body = new StringJoiner("&");
        params.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        GatewaySdkFixture.Reply r = f.postForm(shop.gatewayUrl(), "application/x-www-form-urlencoded;charset=utf-8",
                body.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).as(r.toString()).isNotNull();
        return r.body().path("alipay_trade_precreate_response");
    }

    @Test
    void an_rsa_sha1_client_works_end_to_end() {
        DefaultAlipayClient rsa = shop.client("RSA", "utf-8");
        Buyer buyer = f.buyer("20.00");
        String out = nextId("rsa");

        AlipayTradePrecreateResponse created = execute(rsa, precreateRequest(out, "Oolong"));
        assertThat(created.isSuccess()).as(created.getBody()).isTrue();
        assertThat(f.payAt(created.getQrCode(), buyer).status()).isEqualTo(200);

        com.alipay.api.domain.AlipayTradeQueryModel model = new com.alipay.api.domain.AlipayTradeQueryModel();
        model.setOutTradeNo(out);
        com.alipay.api.request.AlipayTradeQueryRequest request = new com.alipay.api.request.AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse q = execute(rsa, request);
        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(f.balance(buyer)).isEqualTo("10.10");
    }

    @Test
    void a_gbk_client_sends_and_reads_a_chinese_subject() {
        DefaultAlipayClient gbk = shop.client("RSA2", "GBK");
        String out = nextId("gbk");
        String subject = "乌龙茶 500克 · 特级";

        AlipayTradePrecreateResponse created = execute(gbk, precreateRequest(out, subject));
        assertThat(created.isSuccess()).as(created.getBody()).isTrue();

        com.alipay.api.domain.AlipayTradeQueryModel model = new com.alipay.api.domain.AlipayTradeQueryModel();
        model.setOutTradeNo(out);
        com.alipay.api.request.AlipayTradeQueryRequest request = new com.alipay.api.request.AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse viaGbk = execute(gbk, request);
        assertThat(viaGbk.isSuccess()).as(viaGbk.getBody()).isTrue();
        assertThat(viaGbk.getSubject()).isEqualTo(subject);
        assertThat(f.query(shop, out).getSubject()).isEqualTo(subject);
    }
}
