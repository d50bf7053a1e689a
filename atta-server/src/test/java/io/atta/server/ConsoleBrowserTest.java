package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import io.atta.server.browser.HeadlessBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console (docs/CONSOLE.md) in headless chromium against a real node: each role signs in
 * with its key and sees its own pages and no other; the operator finds a trade, reads its
 * timeline and decides its dispute; the merchant answers nothing it should not and downloads its
 * daily report; the user pages through its history. The screenshots in docs/console/ are taken
 * here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final Path screenshots = Path.of("..", "docs", "console");
    private static final List<String> operatorPages = List.of("Cluster overview", "Invariants", "Search by id",
            "Disputes", "Trades", "Money adjustments", "API keys");
    private static final List<String> merchantPages = List.of("Trades", "Refund requests", "Daily report", "Wallet",
            "History", "Settlement", "Apps", "API keys");
    private static final List<String> userPages = List.of("Purchases", "Wallet", "History", "Payments", "Fund",
            "API keys");
    /** Top-ups of the buyer beyond its first, so that its history has more than one page of 20. */
    private static final int extraTopUps = 24;

    private ApiFixture f;
    private HeadlessBrowser browser;
    private Path downloads;
    private Merchant merchant;
    private NewUser buyer;
    private String disputed;
    private String disputedRefund;
    private String requested;
    private String plain;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        Files.createDirectories(screenshots);
        downloads = Files.createDirectories(dir.resolve("downloads"));
        f = ApiFixture.onAttaNode(dir.resolve("node"), 2);
        TradeCalls trades = new TradeCalls(f);
        merchant = trades.merchant("Tea House");
        buyer = f.createFundedUser("1000.00");
        for (int i = 0; i < extraTopUps; i++) {
            TradeCalls.ok(f.api.post("/v1/users/" + buyer.id() + "/topup", adminKey,
                    "{\"amount\":\"1.00\",\"currency\":\"CNY\",\"request_id\":\"console-" + i + "\",\"reason\":\"test\"}"));
        }
        disputed = trades.created(merchant, "order-disputed", "88.88", buyer.id());
        trades.paid(buyer, disputed);
        JsonNode asked = TradeCalls.ok(trades.act(buyer.token(), disputed, "refunds",
                "{\"out_request_no\":\"r-1\",\"amount\":\"88.88\",\"reason\":\"The teapot arrived broken\"}"));
        disputedRefund = asked.get("refunds").get(0).get("refund_id").asText();
        TradeCalls.ok(trades.act(merchant.apiKey(), disputed, "refunds/" + disputedRefund + "/reject",
                "{\"reason\":\"It left whole\"}"));
        TradeCalls.ok(trades.act(buyer.token(), disputed, "disputes",
                "{\"refund_id\":\"" + disputedRefund + "\",\"reason\":\"Photos attached\"}"));
        requested = trades.created(merchant, "order-refund", "12.00", buyer.id());
        trades.paid(buyer, requested);
        TradeCalls.ok(trades.act(buyer.token(), requested, "refunds",
                "{\"out_request_no\":\"r-2\",\"amount\":\"12.00\",\"reason\":\"Wrong size\"}"));
        plain = trades.created(merchant, "order-plain", "30.00", buyer.id());
        trades.paid(buyer, plain);
        browser = HeadlessBrowser.start(downloads);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (f != null) {
                f.close();
            }
        }
    }

    @BeforeEach
    void desktop() {
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsKept() {
        browser.open(consoleUrl(""));
        js("sessionStorage.clear();");
        browser.open(consoleUrl(""));
        browser.type(By.id("api-key"), "atk_1_not-a-key");
        browser.click(By.id("sign-in-button"));
        assertThat(browser.find(By.id("sign-in-error")).getText()).contains("not accepted");
        assertThat(js("return sessionStorage.length;")).isEqualTo(0L);
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
        browser.screenshot(screenshots.resolve("sign-in-refused.png"));
    }

    @Test
    void theOperatorSeesTheClusterAndOnlyTheOperatorsPages() {
        signIn(adminKey);
        assertThat(navTitles()).isEqualTo(operatorPages);
        assertThat(browser.find(By.id("health-status")).getText()).isEqualTo("OK");
        assertThat(browser.find(By.id("invariants-status")).getText()).isEqualTo("Hold");
        assertThat(browser.find(By.id("shards-led")).getText()).isEqualTo("2 / 2");
        assertThat(browser.driver().findElements(By.cssSelector("#shards tbody tr"))).hasSize(2);
        // The live charts draw once two samples of /metrics are apart; some traffic gives them a line.
        browser.await("a throughput sample", d -> !texts("#chart-requests-value").equals(List.of("—")));
        for (int i = 0; i < 200; i++) {
            assertThat(f.api.get("/v1/users/" + buyer.id(), adminKey).status()).isEqualTo(200);
        }
        browser.await("the traffic on the chart", d -> !texts("#chart-requests-value").equals(List.of("0.00 req/s")));
        browser.screenshot(screenshots.resolve("operator-overview.png"));

        // A page of another role is not there, even by its address: the operator's first page shows.
        browser.click(By.linkText("Invariants"));
        awaitTitle("Invariants");
        browser.open(consoleUrl("#/wallet"));
        awaitTitle("Cluster overview");
    }

    @Test
    void theOperatorFindsATradeReadsItsTimelineAndDecidesItsDispute() {
        signIn(adminKey);
        browser.click(By.linkText("Disputes"));
        WebElement row = browser.find(By.cssSelector("#disputes tbody tr"));
        assertThat(row.getText()).contains(disputed).contains("Tea House").contains("88.88 CNY")
                .contains("The teapot arrived broken");
        assertThat(browser.driver().findElements(By.cssSelector("#disputes tbody tr"))).hasSize(1);

        browser.click(By.linkText("Search by id"));
        browser.type(By.id("search-id"), disputed);
        browser.click(By.cssSelector("form[role=search] button"));
        browser.find(By.cssSelector("#search-results [data-kind=trade]"));
        browser.click(By.cssSelector("#search-results [data-kind=trade] a"));
        List<String> events = browser.await("the timeline", d -> {
            List<String> e = d.findElements(By.cssSelector("#timeline li")).stream()
                    .map(li -> li.getAttribute("data-event")).toList();
            return e.isEmpty() ? null : e;
        });
        assertThat(events).containsExactly("trade.created", "trade.paid", "trade.refund_requested",
                "trade.refund_rejected", "trade.refund_disputed");
        assertThat(browser.find(By.id("trade-status")).getText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        js("document.getElementById('refunds').scrollIntoView();");
        browser.screenshot(screenshots.resolve("operator-trade-timeline.png"));

        // A decision needs a reason: the form does not submit without one.
        WebElement reason = browser.find(By.id("reason-" + disputedRefund));
        assertThat(js("return arguments[0].form.checkValidity();", reason)).isEqualTo(false);
        browser.type(By.id("reason-" + disputedRefund), "The photos show the damage");
        browser.click(By.cssSelector("form[aria-label='Decide the dispute of refund " + disputedRefund + "'] button"));
        browser.await("the refund decided", d -> texts("#refunds .refund-status").contains("refunded"));
        assertThat(browser.find(By.id("trade-status")).getText()).isEqualTo("TRADE_CLOSED");
        browser.screenshot(screenshots.resolve("operator-dispute-decided.png"));

        JsonNode t = TradeCalls.ok(f.api.get("/v1/trades/" + disputed, adminKey));
        assertThat(t.get("refunds").get(0).get("status").asText()).isEqualTo("refunded");
        assertThat(t.get("refunded").asText()).isEqualTo("88.88");
    }

    @Test
    void theMerchantSeesItsTradesAndRequestsAndDownloadsItsDailyReport() throws IOException {
        signIn(merchant.apiKey());
        assertThat(navTitles()).isEqualTo(merchantPages);
        assertThat(browser.find(By.id("page-title")).getText()).isEqualTo("Trades");
        assertThat(texts("#trades tbody tr td:nth-child(1)")).containsExactlyInAnyOrder(disputed, requested, plain);
        browser.screenshot(screenshots.resolve("merchant-trades.png"));

        // Filtered by status (the disputed trade's depends on whether its dispute was decided yet), then by order number.
        List<String> waiting = new java.util.ArrayList<>();
        for (String t : List.of(disputed, requested, plain)) {
            if (TradeCalls.ok(f.api.get("/v1/trades/" + t, adminKey)).get("status").asText().equals("WAIT_SELLER_SEND_GOODS")) {
                waiting.add(t);
            }
        }
        assertThat(waiting).contains(requested, plain);
        browser.open(consoleUrl("#/trades?status=WAIT_SELLER_SEND_GOODS"));
        browser.await("the filtered list", d -> new HashSet<>(texts("#trades tbody tr td:nth-child(1)"))
                .equals(new HashSet<>(waiting)));
        browser.open(consoleUrl("#/trades?out_trade_no=order-plain"));
        browser.await("the order", d -> texts("#trades tbody tr td:nth-child(1)").equals(List.of(plain)));

        browser.click(By.linkText("Refund requests"));
        browser.find(By.cssSelector("#refund-requests tbody tr"));
        assertThat(texts("#refund-requests tbody tr td:nth-child(1)")).containsExactly(requested);

        String day = TradeCalls.ok(f.api.get("/v1/trades/" + plain, adminKey)).get("created_at").asText()
                .substring(0, 10);
        browser.open(consoleUrl("#/report?date=" + day));
        browser.click(By.id("report-download"));
        Path file = downloads.resolve("atta-trades-" + merchant.id() + "-" + day + ".csv");
        browser.await("the downloaded report", d -> Files.exists(file));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("trade_no,out_trade_no,created_at,status,buyer_user_id,subject,currency,"
                + "amount,fee,refunded,released,paid_at,finished_at");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(disputed + ",order-disputed,");
        assertThat(lines.get(2)).startsWith(requested + ",order-refund,").contains(",CNY,12.00,");
        assertThat(lines.get(3)).startsWith(plain + ",order-plain,").contains(",WAIT_SELLER_SEND_GOODS,");
        assertThat(browser.find(By.id("report-outcome")).getText()).contains("3 trades");
        browser.screenshot(screenshots.resolve("merchant-report.png"));

        browser.open(consoleUrl("#/adjust"));
        awaitTitle("Trades");
        assertThat(browser.driver().findElements(By.id("adjust-reason"))).isEmpty();
    }

    @Test
    void theUserSeesItsWalletAndPagesThroughItsHistory() {
        signIn(buyer.token());
        assertThat(navTitles()).isEqualTo(userPages);
        assertThat(browser.find(By.id("page-title")).getText()).isEqualTo("Wallet");
        String balance = f.balance(buyer.wallet());
        assertThat(browser.find(By.id("wallet-balance")).getText()).isEqualTo(balance + " CNY");
        browser.screenshot(screenshots.resolve("user-wallet.png"));

        browser.click(By.linkText("History"));
        browser.await("a full first page", d -> d.findElements(By.cssSelector("#history tbody tr")).size() == 20);
        Set<String> first = new HashSet<>(texts("#history tbody tr td:nth-child(2)"));
        browser.screenshot(screenshots.resolve("user-history.png"));
        browser.click(By.linkText("Older"));
        browser.await("the second page", d -> d.findElements(By.linkText("Newest")).size() == 1);
        List<String> second = texts("#history tbody tr td:nth-child(2)");
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);

        browser.click(By.linkText("Purchases"));
        browser.find(By.cssSelector("#purchases tbody tr"));
        assertThat(texts("#purchases tbody tr td:nth-child(1)")).contains(plain, requested);
        browser.open(consoleUrl("#/overview"));
        awaitTitle("Wallet");
    }

    @Test
    void everyPageOfEveryRoleOpensFromTheMenuWithoutAnError() {
        for (String key : List.of(adminKey, merchant.apiKey(), buyer.token())) {
            signIn(key);
            for (String title : navTitles()) {
                browser.click(By.linkText(title));
                awaitTitle(title);
                assertThat(texts("#page .error")).as("errors on " + title).isEmpty();
                assertThat(js("return [...document.querySelectorAll('#page input, #page select, #page textarea')]"
                        + ".filter(e => e.labels.length === 0).map(e => e.id);")).as("fields without a label on " + title)
                        .isEqualTo(List.of());
                assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).as("focus on " + title)
                        .isEqualTo("main");
            }
        }
    }

    @Test
    void aKeyRevokedWhileSignedInGetsTheSignInPageBack() {
        Reply made = f.api.post("/v1/keys", buyer.token(), "{\"role\":\"user\",\"owner_id\":\"" + buyer.id()
                + "\",\"label\":\"console\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        JsonNode key = made.body();
        signIn(key.get("key").asText());
        awaitTitle("Wallet");
        TradeCalls.ok(f.api.post("/v1/keys/" + key.get("key_id").asText() + "/revoke", adminKey, ""));

        browser.click(By.linkText("History"));
        assertThat(browser.find(By.id("sign-in-error")).getText()).contains("no longer accepted");
        assertThat(js("return sessionStorage.length;")).isEqualTo(0L);
        assertThat(browser.driver().findElements(By.cssSelector("#page [data-page]"))).isEmpty();
    }

    @Test
    void signingInAndMovingBetweenPagesNeedsOnlyTheKeyboard() {
        browser.open(consoleUrl(""));
        js("sessionStorage.clear();");
        browser.open(consoleUrl(""));
        // The key field has the focus; Enter submits the form.
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("api-key");
        browser.driver().switchTo().activeElement().sendKeys(buyer.token() + org.openqa.selenium.Keys.ENTER);
        awaitTitle("Wallet");
        WebElement history = browser.find(By.linkText("History"));
        js("arguments[0].focus();", history);
        browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitTitle("History");
        assertThat(browser.find(By.linkText("History")).getAttribute("aria-current")).isEqualTo("page");
    }

    @Test
    void theConsoleIsServedUnderAStrictContentSecurityPolicy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/console", "/console/shell.js", "/console/console.css")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                    .contains("connect-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        }
        for (String path : List.of("/console/../openapi.json", "/console/x/../../io/atta/server/openapi.json",
                "/console/no-such.js", "/console/index.class")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
        Reply me = f.api.get("/v1/me", merchant.apiKey());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("role").asText()).isEqualTo("merchant");
        assertThat(me.body().get("owner_id").asText()).isEqualTo(merchant.id());
    }

    private void signIn(String key) {
        browser.open(consoleUrl(""));
        js("sessionStorage.clear();");
        browser.open(consoleUrl(""));
        browser.type(By.id("api-key"), key);
        browser.click(By.id("sign-in-button"));
        browser.await("a rendered page", d -> !d.findElements(By.cssSelector("[data-rendered=true]")).isEmpty());
    }

    private void awaitTitle(String title) {
        browser.await("the page " + title, d -> texts("[data-rendered=true] #page-title").contains(title));
    }

    private List<String> navTitles() {
        return texts("#nav a");
    }

    /** The visible texts of the elements, read in one script: a page re-rendering meanwhile cannot stale them. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());", css);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private String base() {
        return "http://127.0.0.1:" + f.server.port();
    }

    private String consoleUrl(String hash) {
        return base() + "/console" + hash;
    }
}
