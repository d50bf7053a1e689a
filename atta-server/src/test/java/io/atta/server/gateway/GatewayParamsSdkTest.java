package io.atta.server.gateway;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests made by the official SDK, captured raw off the wire (or taken from what
 * {@code pageExecute}/{@code sdkExecute} build), merged by {@link GatewayParams} and verified by
 * {@link RequestVerifier}: a verified SDK signature proves splitting, decoding and content right.
 */
class GatewayParamsSdkTest {
    private static final String appId = "2021000000000001";
    private static final String subject = "咖啡 & 茶 = 100% ☕ a+b";
    private static GatewayStub stub;

    private final RequestVerifier verifier = new RequestVerifier(
            id -> appId.equals(id) ? TestKeys.app.getPublic() : null, m -> m.startsWith("alipay.trade."),
            Clock.systemUTC(), GatewayTime.defaultMaxSkew);

    @BeforeAll
    static void start() {
        stub = new GatewayStub(c -> GatewayReply.error("alipay.trade.precreate", GatewayError.Fault.SYSTEM_ERROR.error())
                .render(null, SignType.RSA2, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static DefaultAlipayClient client(String url, String charset) {
        return new DefaultAlipayClient(url, appId, TestKeys.appPrivateBase64(), "json", charset,
                TestKeys.platformPublicBase64(), "RSA2");
    }

    private static AlipayTradePrecreateRequest precreate() {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo("order-7");
        model.setTotalAmount("88.88");
        model.setSubject(subject);
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl("https://merchant.example/notify?a=1&b=2");
        return request;
    }

    private GatewayRequest verified(GatewayResult<GatewayParams> parsed) {
        assertThat(parsed.isOk()).as("%s", parsed).isTrue();
        GatewayResult<GatewayRequest> r = verifier.verify(parsed.value());
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    @Test
    void an_executed_request_splits_protocol_parameters_into_the_query_and_biz_content_into_the_body() throws Exception {
        client(stub.url(), "utf-8").execute(precreate());
        GatewayStub.Captured c = stub.last.get();

        GatewayRequest r = verified(c.params());

        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.contentType()).isEqualToIgnoringCase("application/x-www-form-urlencoded;charset=utf-8");
        GatewayParams query = GatewayParams.parse(c.rawQuery(), null, null).value();
        GatewayParams body = GatewayParams.parse(null, c.body(), c.contentType()).value();
        assertThat(query.values().keySet()).containsExactlyInAnyOrder("method", "version", "app_id", "sign_type",
                "notify_url", "charset", "timestamp", "sign", "format", "alipay_sdk");
        assertThat(body.values().keySet()).containsExactly("biz_content");
        assertThat(query.get("charset")).isEqualTo("utf-8");
        assertThat(query.get("alipay_sdk")).isEqualTo("alipay-sdk-java-4.40.0.ALL");

        assertThat(r.method()).isEqualTo("alipay.trade.precreate");
        assertThat(r.appId()).isEqualTo(appId);
        assertThat(r.signType()).isEqualTo(SignType.RSA2);
        assertThat(r.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(r.notifyUrl()).isEqualTo("https://merchant.example/notify?a=1&b=2");
        assertThat(r.returnUrl()).isNull();
        assertThat(r.bizContent().get("subject").asText()).isEqualTo(subject);
        assertThat(r.bizContent().get("total_amount").asText()).isEqualTo("88.88");
    }

    @Test
    void a_gbk_request_is_decoded_and_verified_in_gbk() throws Exception {
        client(stub.url(), "GBK").execute(precreate());
        GatewayStub.Captured c = stub.last.get();

        GatewayRequest r = verified(c.params());

        assertThat(c.contentType()).isEqualToIgnoringCase("application/x-www-form-urlencoded;charset=GBK");
        assertThat(r.charset()).isEqualTo(Charset.forName("GBK"));
        // GBK has no ☕: the SDK sends and signs "?" in its place, and that is what arrives.
        assertThat(r.bizContent().get("subject").asText()).isEqualTo(subject.replace("☕", "?"));
        // Read as UTF-8, the same bytes are not the text that was signed.
        GatewayResult<GatewayParams> asUtf8 = GatewayParams.parse(null, c.body(), "application/x-www-form-urlencoded");
        assertThat(asUtf8.isOk()).isFalse();
    }

    @Test
    void a_page_pay_get_url_carries_everything_in_its_query() throws Exception {
        AlipayTradePagePayRequest request = pagePay();

        String url = client("http://127.0.0.1:1/gateway.do", "utf-8").pageExecute(request, "GET").getBody();

        GatewayRequest r = verified(GatewayParams.parse(URI.create(url).getRawQuery(), null, null));
        assertThat(r.method()).isEqualTo("alipay.trade.page.pay");
        assertThat(r.returnUrl()).isEqualTo("https://merchant.example/return");
        assertThat(r.bizContent().get("product_code").asText()).isEqualTo("FAST_INSTANT_TRADE_PAY");
    }

    @Test
    void a_page_pay_post_form_carries_protocol_parameters_in_its_action_and_biz_content_as_an_input() throws Exception {
        String form = client("http://127.0.0.1:1/gateway.do", "utf-8").pageExecute(pagePay()).getBody();

        Matcher action = Pattern.compile("action=\"([^\"]*)\"").matcher(form);
        Matcher input = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"").matcher(form);
        assertThat(action.find()).as(form).isTrue();
        assertThat(input.find()).as(form).isTrue();
        // What a browser posts for the form: the action's query, and the input form-encoded in the body.
        String bizContent = unescapeHtml(input.group(1));
        byte[] body = ("biz_content=" + java.net.URLEncoder.encode(bizContent, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);

        GatewayRequest r = verified(GatewayParams.parse(URI.create(unescapeHtml(action.group(1))).getRawQuery(), body,
                "application/x-www-form-urlencoded"));
        assertThat(r.bizContent().get("subject").asText()).isEqualTo(subject);
    }

    @Test
    void an_app_pay_order_string_from_sdk_execute_is_one_signed_query() throws Exception {
        com.alipay.api.request.AlipayTradeAppPayRequest request = new com.alipay.api.request.AlipayTradeAppPayRequest();
        com.alipay.api.domain.AlipayTradeAppPayModel model = new com.alipay.api.domain.AlipayTradeAppPayModel();
        model.setOutTradeNo("order-9");
        model.setTotalAmount("0.50");
        model.setSubject(subject);
        model.setProductCode("QUICK_MSECURITY_PAY");
        request.setBizModel(model);

        String orderString = client("http://127.0.0.1:1/gateway.do", "utf-8").sdkExecute(request).getBody();

        GatewayRequest r = verified(GatewayParams.parse(orderString, null, null));
        assertThat(r.method()).isEqualTo("alipay.trade.app.pay");
        assertThat(r.bizContent().get("total_amount").asText()).isEqualTo("0.50");
    }

    private static AlipayTradePagePayRequest pagePay() {
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo("order-8");
        model.setTotalAmount("12.00");
        model.setSubject(subject);
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setReturnUrl("https://merchant.example/return");
        request.setNotifyUrl("https://merchant.example/notify");
        return request;
    }

    private static String unescapeHtml(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
