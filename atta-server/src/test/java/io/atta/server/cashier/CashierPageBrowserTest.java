package io.atta.server.cashier;

import io.atta.core.Currency;
import io.atta.core.trade.TradeStatus;
import io.atta.server.browser.HeadlessBrowser;
import io.atta.server.browser.QueryParams;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cashier page in headless chromium, served under its content security policy by a stand-in
 * for the real route: a wrong sign-in shows the error, a right one lands on the merchant's return
 * URL with the order's parameters. The platform's own end-to-end test drives the real route.
 */
class CashierPageBrowserTest {
    private static final String userId = "2088000000000001";
    private static final String apiKey = "sk_test_right-key";
    private static final String subject = "乌龙茶 500g <script>alert(\"x\")</script> & 'more'";
    private static final String outTradeNo = "ORDER 42+&1";
    private static final Path screenshots = Path.of("target", "browser-screenshots");

    private static Javalin merchant;
    private static Javalin cashier;
    private static final AtomicReference<String> returnedQuery = new AtomicReference<>();
    private static final AtomicReference<TradeStatus> status = new AtomicReference<>();
    private static HeadlessBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(screenshots);
        merchant = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/return", ctx -> {
                    returnedQuery.set(ctx.queryString());
                    ctx.html("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shop</title></head>"
                            + "<body><h1 id=\"thanks\">Thank you for your order</h1></body></html>");
                })
                .start("127.0.0.1", 0);
        cashier = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/cashier/T1", ctx -> page(ctx, view(), HttpStatus.OK))
                .post("/cashier/T1", CashierPageBrowserTest::pay)
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
            if (cashier != null) {
                cashier.stop();
            }
            if (merchant != null) {
                merchant.stop();
            }
        }
    }

    @BeforeEach
    void unpaid() {
        status.set(TradeStatus.WAIT_BUYER_PAY);
        returnedQuery.set(null);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void wrongSignInShowsTheErrorAndRightOneLandsOnTheReturnUrl() {
        browser.open(cashierUrl());
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Atta Cashier");
        // The subject is shown as the merchant wrote it; had its script run, the alert would fail the test.
        assertThat(browser.find(By.id("subject")).getText()).isEqualTo(subject);
        assertThat(browser.find(By.id("amount")).getText()).isEqualTo("¥88.88 CNY");
        assertThat(browser.find(By.id("out_trade_no")).getText()).isEqualTo(outTradeNo);
        assertThat(browser.driver().findElements(By.id("error"))).isEmpty();

        browser.type(By.id("user_id"), userId);
        browser.type(By.id("api_key"), "wrong");
        browser.click(By.id("pay"));
        assertThat(browser.find(By.id("error")).getText()).isEqualTo("Wrong user ID or API key");
        assertThat(browser.currentUrl()).isEqualTo(cashierUrl());
        assertThat(browser.find(By.id("pay")).getText()).isEqualTo("Pay ¥88.88");
        browser.screenshot(screenshots.resolve("cashier-wrong-sign-in.png"));

        browser.type(By.id("user_id"), userId);
        browser.type(By.id("api_key"), apiKey);
        browser.click(By.id("pay"));
        String url = browser.awaitUrlStartingWith("http://127.0.0.1:" + merchant.port() + "/return?");

        assertThat(browser.find(By.id("thanks")).getText()).isEqualTo("Thank you for your order");
        Map<String, String> expected = Map.of("out_trade_no", outTradeNo, "trade_no", "T1",
                "total_amount", "88.88", "subject", subject);
        assertThat(QueryParams.of(url)).isEqualTo(expected);
        assertThat(QueryParams.parse(returnedQuery.get())).isEqualTo(expected);
        assertThat(status.get()).isEqualTo(TradeStatus.TRADE_SUCCESS);

        browser.open(cashierUrl());
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Paid");
        assertThat(browser.driver().findElements(By.tagName("form"))).isEmpty();
    }

    @Test
    void fitsAPhoneScreenWithoutSideways() {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(cashierUrl());

        assertThat(browser.find(By.id("pay")).getText()).isEqualTo("Pay ¥88.88");
        Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).longValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        assertThat(browser.find(By.id("pay")).getSize().getWidth()).isGreaterThan(300);
        browser.screenshot(screenshots.resolve("cashier-phone.png"));
    }

    @Test
    void closedOrderShowsNoForm() {
        status.set(TradeStatus.TRADE_CLOSED);
        browser.open(cashierUrl());

        assertThat(browser.find(By.id("status")).getText()).isEqualTo("This order is closed");
        assertThat(browser.driver().findElements(By.id("user_id"))).isEmpty();
    }

    private static String cashierUrl() {
        return "http://127.0.0.1:" + cashier.port() + "/cashier/T1";
    }

    private static CashierView view() {
        return new CashierView("T1", outTradeNo, "Tea House & Co", subject, 8888, Currency.CNY, status.get(),
                "2026-11-21 18:30 CST", null, "/cashier/T1");
    }

    private static void pay(Context ctx) {
        if (!userId.equals(ctx.formParam("user_id")) || !apiKey.equals(ctx.formParam("api_key"))) {
            page(ctx, view().withError("Wrong user ID or API key"), HttpStatus.UNAUTHORIZED);
            return;
        }
        status.set(TradeStatus.TRADE_SUCCESS);
        ctx.redirect("http://127.0.0.1:" + merchant.port() + "/return?out_trade_no=" + encode(outTradeNo)
                + "&trade_no=T1&total_amount=88.88&subject=" + encode(subject), HttpStatus.SEE_OTHER);
    }

    private static void page(Context ctx, CashierView view, HttpStatus httpStatus) {
        ctx.status(httpStatus).header("Content-Security-Policy", CashierPage.contentSecurityPolicy)
                .contentType(CashierPage.contentType).result(CashierPage.render(view));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
