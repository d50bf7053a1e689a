package io.atta.server;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.browser.HeadlessBrowser;
import io.atta.server.browser.QueryParams;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A buyer pays a merchant's order on the real cashier page, in headless chromium, as it happens
 * in production: the merchant's code builds the order with the official Alipay SDK
 * ({@code pageExecute}), its site hands the auto-submitting form (or, for {@code wap.pay}, the
 * signed URL) to the browser, the gateway opens the trade and redirects to the cashier page, the
 * buyer signs in and pays, and the browser lands on the merchant's {@code return_url} with
 * parameters the SDK verifies. The trade's state is then read back through the SDK and the
 * buyer's balance through the REST API.
 */
class CashierEndToEndBrowserTest {
    private static final String subject = "乌龙茶 500g & <b>more</b>";
    private static final String amount = "88.88";
    private static final Path screenshots = Path.of("target", "browser-screenshots");
    private static final AtomicLong orders = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    private static ApiFixture f;
    private static Javalin shop;
    private static HeadlessBrowser browser;
    private static DefaultAlipayClient client;
    private static String appId;
    private static String alipayPublicKey;
    /** The form or URL the shop hands the browser next, as the SDK built it. */
    private static final AtomicReference<String> checkout = new AtomicReference<>();
    /** The query the browser brought back to the shop's return_url, decoded. */
    private static final AtomicReference<Map<String, String>> returned = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(screenshots);
        // The shop's notify URL is on 127.0.0.1: private targets are allowed, as on-premise.
        f = ApiFixture.inMemoryWithLocalWebhooks(1);
        TradeCalls.Merchant m = new TradeCalls(f).merchant("Tea House");
        KeyPair appKeys = rsa2048();
        HttpApi.Reply app = f.api.post("/v1/merchants/" + m.id() + "/apps", m.apiKey(),
                "{\"public_key\":\"" + base64(appKeys.getPublic().getEncoded()) + "\"}");
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        appId = app.body().get("app_id").asText();
        alipayPublicKey = app.body().get("alipay_public_key").asText();
        String gatewayUrl = app.body().get("gateway_url").asText();
        assertThat(gatewayUrl).isEqualTo("http://127.0.0.1:" + f.server.port() + "/gateway.do");
        client = new DefaultAlipayClient(gatewayUrl, appId, base64(appKeys.getPrivate().getEncoded()), "json",
                "utf-8", alipayPublicKey, "RSA2");

        shop = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/checkout", ctx -> ctx.html(checkout.get()))
                .get("/return", ctx -> {
                    returned.set(QueryParams.parse(ctx.queryString()));
                    ctx.html("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tea House</title></head>"
                            + "<body><h1 id=\"thanks\">Thank you for your order</h1></body></html>");
                })
                .start("127.0.0.1", 0);
        browser = HeadlessBrowser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (shop != null) {
                shop.stop();
            }
            if (f != null) {
                f.close();
            }
        }
    }

    @BeforeEach
    void desktop() {
        returned.set(null);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void pagePayFromTheMerchantsFormToItsReturnUrl() throws Exception {
        NewUser buyer = f.createFundedUser("100.00");
        String outTradeNo = "page-" + orders.incrementAndGet();
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setReturnUrl(returnUrl());
        request.setNotifyUrl("http://127.0.0.1:" + shop.port() + "/notify");
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject(subject);
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        request.setBizModel(model);
        String form = client.pageExecute(request).getBody();
        assertThat(form).contains("<form").contains("/gateway.do");
        checkout.set(form);

        browser.open("http://127.0.0.1:" + shop.port() + "/checkout");
        browser.awaitUrlStartingWith("http://127.0.0.1:" + f.server.port() + "/cashier/");
        assertThat(browser.find(By.id("subject")).getText()).isEqualTo(subject);
        assertThat(browser.find(By.id("amount")).getText()).isEqualTo("¥88.88 CNY");
        assertThat(browser.find(By.id("out_trade_no")).getText()).isEqualTo(outTradeNo);
        assertThat(browser.find(By.id("merchant")).getText()).isEqualTo("Tea House");
        String cashierUrl = browser.currentUrl();

        signIn(buyer.id(), "sk_wrong_" + buyer.token());
        assertThat(browser.find(By.id("error")).getText()).contains("do not match");
        assertThat(browser.currentUrl()).isEqualTo(cashierUrl);
        assertThat(status(outTradeNo)).isEqualTo("WAIT_BUYER_PAY");
        assertThat(f.balance(buyer.wallet())).isEqualTo("100.00");
        browser.screenshot(screenshots.resolve("cashier-e2e-wrong-key.png"));

        signIn(buyer.id(), buyer.token());
        browser.awaitUrlStartingWith(returnUrl() + "?");
        assertThat(browser.find(By.id("thanks")).getText()).isEqualTo("Thank you for your order");

        Map<String, String> params = returned.get();
        assertThat(params).isEqualTo(QueryParams.of(browser.currentUrl()));
        assertReturnParams(params, "alipay.trade.page.pay.return", outTradeNo);
        AlipayTradeQueryResponse paid = query(outTradeNo);
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getTradeNo()).isEqualTo(params.get("trade_no"));
        assertThat(paid.getBuyerUserId()).isEqualTo(buyer.id());
        assertThat(f.balance(buyer.wallet())).isEqualTo("11.12");

        // Back on the cashier page, the order reads as paid and offers no form.
        browser.open(cashierUrl);
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Paid");
        assertThat(browser.driver().findElements(By.id("pay"))).isEmpty();
    }

    @Test
    void wapPayByTheSignedUrlOnAPhone() throws Exception {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        NewUser buyer = f.createFundedUser("50.00");
        String outTradeNo = "wap-" + orders.incrementAndGet();
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setReturnUrl(returnUrl());
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount("12.34");
        model.setSubject("Green tea");
        model.setProductCode("QUICK_WAP_WAY");
        request.setBizModel(model);
        String url = client.pageExecute(request, "GET").getBody();
        assertThat(url).startsWith("http://127.0.0.1:" + f.server.port() + "/gateway.do?");

        browser.open(url);
        browser.awaitUrlStartingWith("http://127.0.0.1:" + f.server.port() + "/cashier/");
        assertThat(browser.find(By.id("amount")).getText()).isEqualTo("¥12.34 CNY");
        browser.screenshot(screenshots.resolve("cashier-e2e-wap.png"));
        signIn(buyer.id(), buyer.token());
        browser.awaitUrlStartingWith(returnUrl() + "?");

        Map<String, String> params = returned.get();
        assertReturnParams(params, "alipay.trade.wap.pay.return", outTradeNo);
        assertThat(params.get("total_amount")).isEqualTo("12.34");
        assertThat(query(outTradeNo).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(f.balance(buyer.wallet())).isEqualTo("37.66");
    }

    @Test
    void notEnoughBalanceShowsTheErrorAndLeavesTheOrderUnpaid() throws Exception {
        NewUser buyer = f.createFundedUser("1.00");
        String outTradeNo = "poor-" + orders.incrementAndGet();
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setReturnUrl(returnUrl());
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(outTradeNo);
        model.setTotalAmount(amount);
        model.setSubject(subject);
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        request.setBizModel(model);
        checkout.set(client.pageExecute(request).getBody());

        browser.open("http://127.0.0.1:" + shop.port() + "/checkout");
        browser.awaitUrlStartingWith("http://127.0.0.1:" + f.server.port() + "/cashier/");
        String cashierUrl = browser.currentUrl();
        signIn(buyer.id(), buyer.token());

        assertThat(browser.find(By.id("error")).getText()).isEqualTo("Your balance is not enough for this payment.");
        assertThat(browser.currentUrl()).isEqualTo(cashierUrl);
        assertThat(browser.find(By.id("pay")).isDisplayed()).isTrue();
        assertThat(returned.get()).isNull();
        assertThat(status(outTradeNo)).isEqualTo("WAIT_BUYER_PAY");
        assertThat(f.balance(buyer.wallet())).isEqualTo("1.00");
        browser.screenshot(screenshots.resolve("cashier-e2e-insufficient.png"));
    }

    private static void signIn(String userId, String apiKey) {
        browser.type(By.id("user_id"), userId);
        browser.type(By.id("api_key"), apiKey);
        browser.click(By.id("pay"));
    }

    private static void assertReturnParams(Map<String, String> params, String method, String outTradeNo)
            throws AlipayApiException {
        assertThat(params).isNotNull();
        // rsaCheckV1 removes sign and sign_type from the map it is given: it gets a copy.
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), alipayPublicKey, "utf-8", "RSA2"))
                .as("signature").isTrue();
        assertThat(params.get("method")).isEqualTo(method);
        assertThat(params.get("out_trade_no")).isEqualTo(outTradeNo);
        assertThat(params.get("app_id")).isEqualTo(appId);
        assertThat(params.get("sign_type")).isEqualTo("RSA2");
        JsonNode trade = TradeCalls.ok(f.api.get("/v1/trades/" + params.get("trade_no"), adminKey));
        assertThat(trade.get("out_trade_no").asText()).isEqualTo(outTradeNo);
        assertThat(trade.get("amount").asText()).isEqualTo(params.get("total_amount"));
        // A tampered parameter fails the check the merchant makes.
        Map<String, String> tampered = new HashMap<>(params);
        tampered.put("total_amount", "0.01");
        assertThat(AlipaySignature.rsaCheckV1(tampered, alipayPublicKey, "utf-8", "RSA2")).isFalse();
    }

    private static String status(String outTradeNo) throws AlipayApiException {
        return query(outTradeNo).getTradeStatus();
    }

    private static AlipayTradeQueryResponse query(String outTradeNo) throws AlipayApiException {
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        request.setBizModel(model);
        AlipayTradeQueryResponse r = client.execute(request);
        assertThat(r.isSuccess()).as(r.getBody()).isTrue();
        return r;
    }

    private static String returnUrl() {
        return "http://127.0.0.1:" + shop.port() + "/return";
    }

    private static KeyPair rsa2048() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
