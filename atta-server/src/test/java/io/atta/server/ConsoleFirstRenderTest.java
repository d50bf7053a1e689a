package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.TradeCalls.Merchant;
import io.atta.server.browser.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's first render with many trades in the system (docs/CONSOLE.md, "Figure"): a
 * durable node is filled with trades through {@code POST /v1/trades/batch} ({@code create_and_pay},
 * 8190 a request), then the operator's overview and the merchant's trade list are loaded again
 * and again with the key already in the tab, each time from navigation to the page's rendered
 * mark (the shell marks {@code atta:rendered:<page>} once the page shows its data). It prints
 * the medians; it asserts only what a user sees, never a time. The suite fills
 * {@value #defaultTrades} trades; {@code -Datta.console.figureTrades=1000000} gives the figure.
 */
class ConsoleFirstRenderTest {
    static final int defaultTrades = 20_000;
    private static final int batchTrades = 8190;
    private static final int runs = 7;
    /** The API calls of the page just loaded and how long each took, from the browser's resource timing. */
    private static final String apiCallTimes = "return performance.getEntriesByType('resource')"
            + ".filter(e => e.name.includes('/v1/') || e.name.endsWith('/health') || e.name.endsWith('/metrics'))"
            + ".map(e => new URL(e.name).pathname.replace(/[0-9]{6,}/g, '{id}') + ' ' + Math.round(e.duration)).join(', ');";

    @Test
    void theOperatorsOverviewAndTheMerchantsTradesRenderWithManyTradesInTheSystem(@TempDir Path dir) {
        int trades = Integer.getInteger("atta.console.figureTrades", defaultTrades);
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2); HeadlessBrowser browser = HeadlessBrowser.start()) {
            TradeCalls calls = new TradeCalls(f);
            Merchant merchant = calls.merchant("Tea House");
            List<NewUser> buyers = List.of(f.createFundedUser("1000000.00"), f.createFundedUser("1000000.00"));
            long fillStart = System.nanoTime();
            for (int from = 0; from < trades; from += batchTrades) {
                int n = Math.min(batchTrades, trades - from);
                StringBuilder body = new StringBuilder(n * 200).append("{\"action\":\"create_and_pay\",\"items\":[");
                for (int i = 0; i < n; i++) {
                    body.append(i == 0 ? "" : ",").append(TradeCalls.trade(merchant.id(), "fig-" + (from + i), "0.01",
                            buyers.get((from + i) % buyers.size()).id()));
                }
                JsonNode results = TradeCalls.ok(f.api.post("/v1/trades/batch", adminKey, body.append("]}").toString()))
                        .get("results");
                for (JsonNode r : results) {
                    assertThat(r.get("result").asText()).isEqualTo("ok");
                }
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
            String console = "http://127.0.0.1:" + f.server.port() + "/console";

            List<Double> overview = renders(browser, console, adminKey, "overview");
            Object overviewCalls = js(browser, apiCallTimes);
            assertThat(browser.find(By.id("health-status")).getText()).isEqualTo("OK");
            assertThat(browser.find(By.id("invariants-status")).getText()).isEqualTo("Hold");
            List<Double> merchantTrades = renders(browser, console, merchant.apiKey(), "trades");
            Object tradesCalls = js(browser, apiCallTimes);
            assertThat(browser.driver().findElements(By.cssSelector("#trades tbody tr")))
                    .hasSize(Math.min(trades, 100));
            System.out.printf("console first render with %d trades (filled in %.1f s, %.0f trades/s): operator "
                            + "overview median %.0f ms %s; merchant trades page median %.0f ms %s; the last run's calls (ms): overview %s, trades %s%n", trades,
                    fillSeconds, trades / fillSeconds, median(overview), overview, median(merchantTrades), merchantTrades,
                    overviewCalls, tradesCalls);
        }
    }

    /** Signs in with {@code key}, then loads the page {@code runs} times; each run's ms from navigation to rendered. */
    private static List<Double> renders(HeadlessBrowser browser, String console, String key, String page) {
        browser.open(console);
        js(browser, "sessionStorage.clear();");
        browser.open(console);
        browser.type(By.id("api-key"), key);
        browser.click(By.id("sign-in-button"));
        browser.await("signed in", d -> !d.findElements(By.cssSelector("[data-rendered=true]")).isEmpty());
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            browser.open("about:blank");
            browser.open(console + "#/" + page);
            Object t = browser.await("page " + page + " rendered", d -> js(browser,
                    "const m = performance.getEntriesByName('atta:rendered:" + page + "');"
                            + "return m.length ? m[0].startTime : null;"));
            ms.add((double) Math.round(((Number) t).doubleValue()));
        }
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static Object js(HeadlessBrowser browser, String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }
}
