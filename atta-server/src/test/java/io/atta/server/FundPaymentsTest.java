package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.TradeCalls.ok;
import static io.atta.server.TradeCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paying with the fund ({@code funding_source: "fund"}, docs/FUND.md "Paying with the fund"):
 * escrow trades, create-and-pay and P2P payments redeem units fast into the payer's wallet and pay
 * in the same command. What a user notices: the units go down by the amount, the wallet does not,
 * the day's fast limit counts it, and a refused payment changes neither.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundPaymentsTest {
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");

    private ApiFixture f;
    private TradeCalls trades;
    private Merchant shop;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onTestClockNode(dir, 2, 0);
        trades = new TradeCalls(f);
        shop = trades.merchant("Fund Tea");
        NewUser manager = f.createFundedUser("1.00");
        Reply created = f.api.post("/v1/funds", adminKey, "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":"
                + "\"CNY\",\"manager_user_id\":\"" + manager.id() + "\",\"fast_redeem_daily_limit\":\"10000.00\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    /** A user on {@code shard} holding {@code units} confirmed units and {@code wallet} in the wallet. */
    private NewUser holder(int shard, String units, String wallet) {
        NewUser u = f.fund(f.createUserOnShard(shard, "CNY"), add(units, wallet));
        Reply sub = f.api.post("/v1/funds/YEB/subscriptions", u.token(), "{\"user_id\":\"" + u.id()
                + "\",\"amount\":\"" + units + "\",\"request_id\":\"s-" + nextId() + "\"}");
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        advanceTo(LocalDate.parse(sub.body().get("confirm_date").asText()).atStartOfDay(shanghai).toInstant()
                .plusSeconds(60));
        assertThat(holding(u).get("units").asText()).isEqualTo(units);
        return u;
    }

    private static String add(String a, String b) {
        return new java.math.BigDecimal(a).add(new java.math.BigDecimal(b)).toPlainString();
    }

    private JsonNode holding(NewUser u) {
        return ok(f.api.get("/v1/funds/YEB/holdings/" + u.id(), u.token()));
    }

    /** What the wallet may spend: its balance less what trades hold. */
    private String available(NewUser u) {
        return f.account(u.wallet()).get("available").asText();
    }

    private Reply payWith(NewUser buyer, String tradeNo, String source) {
        return f.api.post("/v1/trades/" + tradeNo + "/pay", buyer.token(), "{\"funding_source\":\"" + source + "\"}");
    }

    private void advanceTo(Instant target) {
        Instant now = Instant.parse(f.api.get("/v1/test/clock", adminKey).body().get("now").asText());
        long seconds = target.getEpochSecond() - now.getEpochSecond();
        if (seconds > 0) {
            assertThat(f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}").status())
                    .isEqualTo(200);
        }
    }

    private void assertInvariantsHold() {
        Reply r = f.api.get("/v1/admin/invariants", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("violations")).as(r.toString()).isEmpty();
    }

    @Test
    void anEscrowTradePaidWithTheFundTakesUnitsNotWalletMoneyAndARefundReturnsToTheWallet() {
        NewUser buyer = holder(0, "500.00", "20.00");
        String tradeNo = trades.created(shop, "f-" + nextId(), "120.00", buyer.id());

        JsonNode paid = ok(payWith(buyer, tradeNo, "fund"));
        assertThat(paid.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        JsonNode h = holding(buyer);
        assertThat(h.get("units").asText()).isEqualTo("380.00");
        assertThat(h.get("fast_redeemed_today").asText()).isEqualTo("120.00");
        assertThat(available(buyer)).as("the wallet passed the money on to the trade's hold").isEqualTo("20.00");
        assertThat(ok(payWith(buyer, tradeNo, "fund")).get("status").asText()).as("a repeat")
                .isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(holding(buyer).get("units").asText()).as("a repeat redeems nothing").isEqualTo("380.00");

        Reply refund = trades.act(buyer.token(), tradeNo, "refunds", "{\"out_request_no\":\"r1\",\"amount\":\"120.00\","
                + "\"reason\":\"changed my mind\"}");
        assertThat(refund.status()).as(refund.toString()).isBetween(200, 201);
        ok(trades.act(shop.apiKey(), tradeNo, "refunds/" + refund.body().findValue("refund_id").asText() + "/agree",
                ""));
        assertThat(available(buyer)).as("refunds go to the wallet").isEqualTo("140.00");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("380.00");
        assertInvariantsHold();
    }

    @Test
    void aPaymentOverTheFastLimitOrTheUnitsIsRefusedAndChangesNothing() {
        NewUser buyer = holder(1, "10500.00", "5.00");
        String first = trades.created(shop, "f-" + nextId(), "9000.00", buyer.id());
        ok(payWith(buyer, first, "fund"));

        String second = trades.created(shop, "f-" + nextId(), "1000.01", buyer.id());
        refused(payWith(buyer, second, "fund"), 409, "fast_redeem_limit_exceeded");
        String third = trades.created(shop, "f-" + nextId(), "1500.01", buyer.id());
        refused(payWith(buyer, third, "fund"), 409, "insufficient_units");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("1500.00");
        assertThat(holding(buyer).get("fast_redeemed_today").asText()).isEqualTo("9000.00");
        assertThat(available(buyer)).isEqualTo("5.00");
        assertThat(trades.trade(second).get("status").asText()).isEqualTo("WAIT_BUYER_PAY");

        // Exactly the limit is allowed; the wallet can still pay what the fund may not.
        String exact = trades.created(shop, "f-" + nextId(), "1000.00", buyer.id());
        ok(payWith(buyer, exact, "fund"));
        assertThat(holding(buyer).get("fast_redeemed_today").asText()).isEqualTo("10000.00");
        String small = trades.created(shop, "f-" + nextId(), "5.00", buyer.id());
        ok(payWith(buyer, small, "wallet"));
        assertThat(available(buyer)).isEqualTo("0.00");
        assertInvariantsHold();
    }

    @Test
    void anUnknownSourceOrOneTheBuyerHasNoStandingWithIsRefusedClearly() {
        NewUser buyer = holder(0, "50.00", "50.00");
        String tradeNo = trades.created(shop, "f-" + nextId(), "10.00", buyer.id());
        Reply unknown = payWith(buyer, tradeNo, "gold");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.errorField()).isEqualTo("funding_source");
        assertThat(unknown.errorMessage()).contains("\"fund\"");
        Reply credit = payWith(buyer, tradeNo, "credit_pay");
        assertThat(credit.errorCode()).as("credit pay without a credit line").isEqualTo("credit_line_not_found");
        assertThat(available(buyer)).isEqualTo("50.00");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("50.00");
    }

    @Test
    void aTradeCreatedAndPaidWithTheBuyersCodeMayBePaidWithTheFund() {
        NewUser buyer = holder(1, "300.00", "0.00");
        String code = ok(f.api.get("/v1/users/" + buyer.id() + "/payment-code", buyer.token())).get("auth_code")
                .asText();
        Reply r = trades.create(shop.apiKey(), "{\"out_trade_no\":\"cp-" + nextId() + "\",\"seller\":\"" + shop.id()
                + "\",\"amount\":\"45.60\",\"currency\":\"CNY\",\"subject\":\"Tea\",\"goods_type\":\"physical\","
                + "\"auth_code\":\"" + code + "\",\"funding_source\":\"fund\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("254.40");
        assertThat(available(buyer)).isEqualTo("0.00");
        assertInvariantsHold();
    }

    @Test
    void p2pPaymentsWithTheFundOnOneShardAndAcrossShardsPayOnceEvenWhenRetried() {
        NewUser payer = holder(0, "800.00", "0.00");
        NewUser near = f.createUserOnShard(0, "CNY");
        NewUser far = f.createUserOnShard(1, "CNY");
        for (NewUser payee : new NewUser[] {near, far}) {
            String body = "{\"from_user_id\":\"" + payer.id() + "\",\"to_user_id\":\"" + payee.id()
                    + "\",\"amount\":\"100.00\",\"currency\":\"CNY\",\"request_id\":\"p-" + nextId()
                    + "\",\"funding_source\":\"fund\"}";
            Reply paid = f.api.post("/v1/payments/p2p", payer.token(), body);
            assertThat(paid.status()).as(paid.toString()).isBetween(200, 201);
            assertThat(paid.body().get("result").asText()).isEqualTo("ok");
            Reply again = f.api.post("/v1/payments/p2p", payer.token(), body);
            assertThat(again.body().get("result").asText()).as(again.toString()).isEqualTo("exists");
            assertThat(available(payee)).isEqualTo("100.00");
        }
        assertThat(holding(payer).get("units").asText()).as("each payment redeemed once").isEqualTo("600.00");
        assertThat(available(payer)).isEqualTo("0.00");

        String over = "{\"from_user_id\":\"" + payer.id() + "\",\"to_user_id\":\"" + near.id()
                + "\",\"amount\":\"600.01\",\"currency\":\"CNY\",\"request_id\":\"p-" + nextId()
                + "\",\"funding_source\":\"fund\"}";
        refused(f.api.post("/v1/payments/p2p", payer.token(), over), 409, "insufficient_units");
        assertThat(holding(payer).get("units").asText()).isEqualTo("600.00");
        assertInvariantsHold();
    }

    @Test
    void theCashierPagePaysWithTheFundWhenTheBuyerChoosesIt() throws Exception {
        NewUser buyer = holder(1, "200.00", "3.00");
        String tradeNo = trades.created(shop, "c-" + nextId(), "80.00", null);

        String tooLarge = trades.created(shop, "c-" + nextId(), "250.00", null);
        java.net.http.HttpResponse<String> over = cashierPay(tooLarge, buyer, "fund");
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(over.body()).contains("money-market fund holding is not enough");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("200.00");

        java.net.http.HttpResponse<String> paid = cashierPay(tradeNo, buyer, "fund");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(trades.trade(tradeNo).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(holding(buyer).get("units").asText()).isEqualTo("120.00");
        assertThat(available(buyer)).isEqualTo("3.00");
        assertThat(cashierPay(tradeNo, buyer, "gold").statusCode()).isEqualTo(400);
        assertInvariantsHold();
    }

    /** The cashier page's form post, as the buyer's browser sends it. */
    private java.net.http.HttpResponse<String> cashierPay(String tradeNo, NewUser buyer, String source)
            throws Exception {
        String form = "user_id=" + buyer.id() + "&api_key=" + java.net.URLEncoder.encode(buyer.token(),
                java.nio.charset.StandardCharsets.UTF_8) + "&funding_source=" + source;
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + f.server.port() + "/cashier/" + tradeNo))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        return java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
