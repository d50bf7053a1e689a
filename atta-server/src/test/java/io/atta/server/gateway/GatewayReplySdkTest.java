package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replies built by {@link GatewayReply}, served over HTTP and read by the official SDK's own client. */
class GatewayReplySdkTest {
    private static final String appId = "2021000000000001";

    private static DefaultAlipayClient client(String url, String charset, String signType) {
        return new DefaultAlipayClient(url, appId, TestKeys.appPrivateBase64(), "json", charset,
                TestKeys.platformPublicBase64(), signType);
    }

    private static AlipayTradeQueryRequest query(String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    /** Answers each request with {@code reply}, signed with {@code key} in the request's sign type and charset. */
    private static Function<GatewayStub.Captured, GatewayReply.Body> answer(Function<GatewayParams, GatewayReply> reply,
                                                                         PrivateKey key) {
        return c -> {
            GatewayParams p = c.params().value();
            return reply.apply(p).render(key, SignType.fromWire(p.get("sign_type")).orElseThrow(), p.charset());
        };
    }

    private static GatewayReply paidTrade(GatewayParams p) {
        ArrayNode bills = GatewayReply.newArray();
        bills.add(GatewayReply.newObject().put("fund_channel", "ALIPAYACCOUNT").put("amount", "88.88"));
        return GatewayReply.success(p.get("method"))
                .put("trade_no", "2024013122001400000000000001")
                .put("out_trade_no", "order-1")
                .put("buyer_logon_id", "buy***@example.com")
                .put("trade_status", "TRADE_SUCCESS")
                .put("total_amount", "88.88")
                .put("buyer_pay_amount", "88.88")
                .put("send_pay_date", "2024-01-31 13:45:00")
                .put("buyer_user_id", "2088000000000001")
                .put("subject", "咖啡 \"special\" \\ / ☕")
                .put("fund_bill_list", bills);
    }

    @Test
    void the_sdk_parses_and_verifies_a_signed_success_reply() throws Exception {
        try (GatewayStub stub = new GatewayStub(answer(GatewayReplySdkTest::paidTrade, TestKeys.platform.getPrivate()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "utf-8", "RSA2").execute(query("order-1"));

            assertThat(r.isSuccess()).isTrue();
            assertThat(r.getCode()).isEqualTo("10000");
            assertThat(r.getMsg()).isEqualTo("Success");
            assertThat(r.getTradeNo()).isEqualTo("2024013122001400000000000001");
            assertThat(r.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
            assertThat(r.getTotalAmount()).isEqualTo("88.88");
            assertThat(r.getBuyerUserId()).isEqualTo("2088000000000001");
            assertThat(r.getSendPayDate()).isNotNull();
            assertThat(r.getFundBillList()).hasSize(1);
            assertThat(r.getFundBillList().get(0).getFundChannel()).isEqualTo("ALIPAYACCOUNT");
            assertThat(r.getFundBillList().get(0).getAmount()).isEqualTo("88.88");
            assertThat(r.getBody()).startsWith("{\"alipay_trade_query_response\":{\"code\":\"10000\"");
        }
    }

    @Test
    void the_sdk_verifies_rsa_sha1_replies_for_an_rsa_client() throws Exception {
        try (GatewayStub stub = new GatewayStub(answer(GatewayReplySdkTest::paidTrade, TestKeys.platform.getPrivate()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "utf-8", "RSA").execute(query("order-1"));

            assertThat(r.isSuccess()).isTrue();
            assertThat(stub.last.get().params().value().get("sign_type")).isEqualTo("RSA");
        }
    }

    @Test
    void the_sdk_refuses_a_success_reply_signed_with_another_key() {
        try (GatewayStub stub = new GatewayStub(answer(GatewayReplySdkTest::paidTrade, TestKeys.stranger.getPrivate()))) {
            assertThatThrownBy(() -> client(stub.url(), "utf-8", "RSA2").execute(query("order-1")))
                    .isInstanceOf(AlipayApiException.class);
        }
    }

    @Test
    void the_sdk_reads_a_signed_business_error_and_checks_its_signature() throws Exception {
        GatewayError notFound = GatewayError.Fault.TRADE_NOT_EXIST.error();
        try (GatewayStub stub = new GatewayStub(answer(p -> GatewayReply.error(p.get("method"), notFound),
                TestKeys.platform.getPrivate()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "utf-8", "RSA2").execute(query("nope"));

            assertThat(r.isSuccess()).isFalse();
            assertThat(r.getCode()).isEqualTo("40004");
            assertThat(r.getMsg()).isEqualTo("Business Failed");
            assertThat(r.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
            assertThat(r.getSubMsg()).isEqualTo("交易不存在");
        }
        try (GatewayStub stub = new GatewayStub(answer(p -> GatewayReply.error(p.get("method"), notFound),
                TestKeys.stranger.getPrivate()))) {
            // A present signature is checked even on an error: a wrong one makes the SDK throw.
            assertThatThrownBy(() -> client(stub.url(), "utf-8", "RSA2").execute(query("nope")))
                    .isInstanceOf(AlipayApiException.class);
        }
    }

    @Test
    void the_sdk_accepts_an_unsigned_error_reply() throws Exception {
        GatewayError bad = GatewayError.Fault.INVALID_SIGNATURE.error();
        try (GatewayStub stub = new GatewayStub(c -> GatewayReply.error("alipay.trade.query", bad)
                .render(null, SignType.RSA2, c.params().value().charset()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "utf-8", "RSA2").execute(query("order-1"));

            assertThat(r.isSuccess()).isFalse();
            assertThat(r.getCode()).isEqualTo("40002");
            assertThat(r.getSubCode()).isEqualTo("isv.invalid-signature");
            assertThat(r.getBody()).doesNotContain("\"sign\"");
        }
    }

    @Test
    void the_sdk_reads_an_error_under_error_response_when_there_is_no_method() throws Exception {
        GatewayError missing = GatewayError.Fault.MISSING_METHOD.error();
        try (GatewayStub stub = new GatewayStub(answer(p -> GatewayReply.error(null, missing),
                TestKeys.platform.getPrivate()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "utf-8", "RSA2").execute(query("order-1"));

            assertThat(r.getBody()).startsWith("{\"error_response\":{");
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.getCode()).isEqualTo("40001");
            assertThat(r.getSubCode()).isEqualTo("isv.missing-method");
        }
    }

    @Test
    void a_gbk_client_reads_chinese_fields_and_verifies_the_gbk_signature() throws Exception {
        try (GatewayStub stub = new GatewayStub(answer(GatewayReplySdkTest::paidTrade, TestKeys.platform.getPrivate()))) {
            AlipayTradeQueryResponse r = client(stub.url(), "GBK", "RSA2").execute(query("order-1"));

            assertThat(r.isSuccess()).isTrue();
            assertThat(r.getBody()).contains("咖啡");
        }
    }

    @Test
    void waiting_for_the_buyer_is_a_signed_10003_the_sdk_accepts() throws Exception {
        try (GatewayStub stub = new GatewayStub(answer(p -> GatewayReply.waitingForBuyer(p.get("method"))
                .put("out_trade_no", "order-2").put("total_amount", "1.00"), TestKeys.platform.getPrivate()))) {
            AlipayTradePayModel model = new AlipayTradePayModel();
            model.setOutTradeNo("order-2");
            model.setAuthCode("281234567890123456");
            model.setScene("bar_code");
            model.setTotalAmount("1.00");
            model.setSubject("tea");
            AlipayTradePayRequest request = new AlipayTradePayRequest();
            request.setBizModel(model);

            AlipayTradePayResponse r = client(stub.url(), "utf-8", "RSA2").execute(request);

            assertThat(r.getCode()).isEqualTo("10003");
            assertThat(r.getOutTradeNo()).isEqualTo("order-2");
        }
    }

    @Test
    void the_signature_covers_exactly_the_inner_object_as_sent() throws Exception {
        GatewayReply reply = GatewayReply.success("alipay.trade.query").put("out_trade_no", "o-1")
                .put("absent", (String) null);

        String body = reply.render(TestKeys.platform.getPrivate(), SignType.RSA2,
                java.nio.charset.StandardCharsets.UTF_8).text();

        String inner = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"o-1\"}";
        assertThat(reply.innerJson()).isEqualTo(inner);
        assertThat(body).startsWith("{\"alipay_trade_query_response\":" + inner + ",\"sign\":\"").endsWith("\"}");
        String sign = body.substring(body.indexOf(",\"sign\":\"") + 9, body.length() - 2);
        assertThat(com.alipay.api.internal.util.AlipaySignature.rsaCheck(inner, sign, TestKeys.platformPublicBase64(),
                "utf-8", "RSA2")).isTrue();
        assertThatThrownBy(() -> reply.render(null, SignType.RSA2, java.nio.charset.StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GatewayReply.rootName("alipay.trade.page.pay")).isEqualTo("alipay_trade_page_pay_response");
        assertThat(GatewayReply.rootName("bad\"name")).isEqualTo("error_response");
    }
}
