package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.atta.server.gateway.GatewaySdkFixture.App;
import io.atta.server.gateway.GatewaySdkFixture.Buyer;
import io.atta.server.gateway.GatewaySdkFixture.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atta.server.gateway.GatewaySdkFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code page.pay}, {@code wap.pay} and {@code app.pay}: the SDK builds a form, a URL or an order
 * string and calls nothing; submitted to the gateway as a browser or app would, each opens the
 * order and redirects to its cashier page on this server, where the buyer pays.
 */
class GatewaySdkPageTest {
    private static final String formType = "application/x-www-form-urlencoded;charset=utf-8";

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

    private static AlipayTradePagePayRequest pagePay(String outTradeNo, String amount) {
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject("Oolong 500g");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setReturnUrl("https://merchant.example/return");
        request.setNotifyUrl("https://merchant.example/notify");
        return request;
    }

    /** The form the SDK writes, as the buyer's browser submits it: the action URL and its one input. */
    private static Reply submit(String form, String bizContentOverride) {
        Matcher action = Pattern.compile("action=\"([^\"]*)\"").matcher(form);
        Matcher input = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"").matcher(form);
        assertThat(action.find()).as(form).isTrue();
        assertThat(input.find()).as(form).isTrue();
        String bizContent = bizContentOverride != null ? bizContentOverride : unescapeHtml(input.group(1));
        byte[] body = ("biz_content=" + URLEncoder.encode(bizContent, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        return f.postForm(unescapeHtml(action.group(1)), formType, body);
    }

    private static String bizContentOf(String form) {
        Matcher input = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"").matcher(form);
        assertThat(input.find()).as(form).isTrue();
        return unescapeHtml(input.group(1));
    }

    /** Asserts a redirect to this server's cashier page; returns the trade number it names. */
    private static String cashierTradeNo(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        String location = r.raw().headers().firstValue("Location").orElseThrow();
        Matcher m = Pattern.compile(Pattern.quote(f.base) + "/cashier/(\\d+)(\\?.*)?").matcher(location);
        assertThat(m.matches()).as(location).isTrue();
        return m.group(1);
    }

    @Test
    void page_pay_form_opens_the_order_and_redirects_to_the_cashier_where_the_buyer_pays()
            throws AlipayApiException {
        Buyer buyer = f.buyer("50.00");
        String out = nextId("page");
        String form = shop.client().pageExecute(pagePay(out, "18.00")).getBody();

        Reply r = submit(form, null);

        String tradeNo = cashierTradeNo(r);
        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(q.getTradeNo()).isEqualTo(tradeNo);
        assertThat(q.getTotalAmount()).isEqualTo("18.00");

        String cashier = r.raw().headers().firstValue("Location").orElseThrow();
        assertThat(f.getUrl(cashier).status()).isEqualTo(200);
        Reply paid = f.payAt(cashier, buyer);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(f.balance(buyer)).isEqualTo("32.00");
    }

    @Test
    void page_pay_submitted_twice_goes_to_the_same_cashier_page() throws AlipayApiException {
        String out = nextId("page");
        String form = shop.client().pageExecute(pagePay(out, "2.00")).getBody();

        String first = cashierTradeNo(submit(form, null));
        String second = cashierTradeNo(submit(form, null));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void page_pay_get_url_redirects_to_the_cashier() throws AlipayApiException {
        String out = nextId("pageget");
        String url = shop.client().pageExecute(pagePay(out, "7.00"), "GET").getBody();
        assertThat(url).startsWith(shop.gatewayUrl() + "?");

        String tradeNo = cashierTradeNo(f.getUrl(url));

        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(q.getTradeNo()).isEqualTo(tradeNo);
    }

    @Test
    void wap_pay_url_redirects_to_the_cashier() throws AlipayApiException {
        String out = nextId("wap");
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(out);
        model.setTotalAmount("3.30");
        model.setSubject("Oolong 50g");
        model.setProductCode("QUICK_WAP_WAY");
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        request.setReturnUrl("https://merchant.example/return");
        String url = shop.client().pageExecute(request, "GET").getBody();

        String tradeNo = cashierTradeNo(f.getUrl(url));

        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(q.getTradeNo()).isEqualTo(tradeNo);
    }

    @Test
    void wap_pay_form_redirects_to_the_cashier() throws AlipayApiException {
        String out = nextId("wapform");
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(out);
        model.setTotalAmount("3.40");
        model.setSubject("Oolong 50g");
        model.setProductCode("QUICK_WAP_WAY");
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);

        String tradeNo = cashierTradeNo(submit(shop.client().pageExecute(request).getBody(), null));

        assertThat(f.query(shop, out).getTradeNo()).isEqualTo(tradeNo);
    }

    @Test
    void app_pay_order_string_redirects_to_the_cashier() throws AlipayApiException {
        String out = nextId("app");
        AlipayTradeAppPayModel model = new AlipayTradeAppPayModel();
        model.setOutTradeNo(out);
        model.setTotalAmount("0.50");
        model.setSubject("Oolong sample");
        model.setProductCode("QUICK_MSECURITY_PAY");
        AlipayTradeAppPayRequest request = new AlipayTradeAppPayRequest();
        request.setBizModel(model);
        String orderString = shop.client().sdkExecute(request).getBody();

        Reply r = f.postForm(shop.gatewayUrl(), formType, orderString.getBytes(StandardCharsets.US_ASCII));

        String tradeNo = cashierTradeNo(r);
        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(q.getTradeNo()).isEqualTo(tradeNo);
        assertThat(q.getTotalAmount()).isEqualTo("0.50");
    }

    @Test
    void a_tampered_form_shows_an_error_page_and_opens_nothing() throws AlipayApiException {
        String out = nextId("tampered");
        String form = shop.client().pageExecute(pagePay(out, "18.00")).getBody();
        String cheaper = bizContentOf(form).replace("\"18.00\"", "\"0.01\"");
        assertThat(cheaper).contains("\"0.01\"");

        Reply r = submit(form, cheaper);

        assertThat(r.status()).as(r.toString()).isNotEqualTo(302);
        assertThat(r.raw().headers().firstValue("Location")).isEmpty();
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.text()).contains("<html").contains("isv.invalid-signature");
        assertThat(f.query(shop, out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void a_page_pay_with_a_bad_amount_shows_an_error_page() throws AlipayApiException {
        String out = nextId("bad");
        String form = shop.client().pageExecute(pagePay(out, "0.00")).getBody();

        Reply r = submit(form, null);

        assertThat(r.status()).as(r.toString()).isNotEqualTo(302);
        assertThat(r.text()).contains("<html").contains("ACQ.INVALID_PARAMETER");
        assertThat(f.query(shop, out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    private static String unescapeHtml(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
