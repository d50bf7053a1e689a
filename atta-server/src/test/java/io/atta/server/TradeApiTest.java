package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.command.Command;
import io.atta.core.command.Tick;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.TradeCalls.ok;
import static io.atta.server.TradeCalls.refused;
import static io.atta.server.TradeCalls.trade;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/trades}: creating, paying, closing and reading trades, and what each party may do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradeApiTest {
    private ApiFixture f;
    private TradeCalls t;
    private Merchant m;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(2);
        t = new TradeCalls(f);
        m = t.merchant("Tea House");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private static String out() {
        return "o-" + nextId();
    }

    @Test
    void createIsIdempotentByOutTradeNo() {
        String outTradeNo = out();
        Reply first = t.create(m.apiKey(), trade(m.id(), outTradeNo, "12.50", null));
        Reply again = t.create(m.apiKey(), trade(m.id(), outTradeNo, "12.50", null));
        Reply other = t.create(m.apiKey(), trade(m.id(), outTradeNo, "13.00", null));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(first.body().get("amount").asText()).isEqualTo("12.50");
        assertThat(first.body().get("out_trade_no").asText()).isEqualTo(outTradeNo);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("trade_no")).isEqualTo(first.body().get("trade_no"));
        refused(other, 409, "exists_with_different_fields");
        Reply byAdmin = t.create(adminKey, trade(m.id(), outTradeNo, "12.50", null));
        assertThat(byAdmin.status()).isEqualTo(200);
    }

    @Test
    void createChecksItsFieldsNamingTheLimit() {
        expect(t.create(m.apiKey(), trade(m.id(), "x".repeat(65), "1.00", null)), 400, "out_trade_no",
                "maxOutTradeNoLength");
        expect(t.create(m.apiKey(), trade(m.id(), "bad no", "1.00", null)), 400, "out_trade_no", null);
        expect(t.create(m.apiKey(), trade(m.id(), out(), "1.001", null)), 400, "amount", null);
        expect(t.create(m.apiKey(), trade(m.id(), out(), "0", null)), 400, "amount", null);
        String body = trade(m.id(), out(), "1.00", null);
        expect(t.create(m.apiKey(), body.replace("physical", "digital")), 400, "goods_type", null);
        expect(t.create(m.apiKey(), body.replace("A teapot", "s".repeat(257))), 400, "subject", "maxSubjectLength");
        expect(t.create(m.apiKey(), body.replace("}", ",\"pay_timeout_seconds\":1296001}")), 400,
                "pay_timeout_seconds", "maxPayTimeoutSeconds");
        expect(t.create(m.apiKey(), body.replace("}", ",\"colour\":\"red\"}")), 400, "colour", null);
        expect(t.create(m.apiKey(), body.replace(",\"subject\":\"A teapot\"", "")), 400, "subject", null);
    }

    @Test
    void theSellerMustBeAMerchantAndTheCallerItself() {
        NewUser plain = f.createUser("CNY");
        Merchant other = t.merchant("Other");

        expect(t.create(adminKey, trade(plain.id(), out(), "1.00", null)), 404, "seller", null);
        expect(t.create(m.apiKey(), trade(other.id(), out(), "1.00", null)), 403, "seller", null);
        // A plain user's key is not a merchant's: refused by role before the body is read.
        expect(t.create(plain.token(), trade(m.id(), out(), "1.00", null)), 403, null, null);
        expect(t.create(m.apiKey(), trade(m.id(), out(), "1.00", "4242")), 404, "buyer_user_id", null);
        refused(t.create(m.apiKey(), trade(m.id(), out(), "1.00", null).replace("CNY", "USD")), 409,
                "currency_mismatch");
    }

    private static void expect(Reply r, int status, String field, String limit) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorField()).as(r.toString()).isEqualTo(field);
        if (limit != null) {
            assertThat(r.errorMessage()).contains(limit);
        }
    }

    @Test
    void payingTwiceHoldsTheMoneyOnce() {
        NewUser buyer = f.createFundedUser("50.00");
        String tradeNo = t.created(m, out(), "20.00", null);

        t.paid(buyer, tradeNo);
        JsonNode again = t.paid(buyer, tradeNo);

        assertThat(again.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("30.00");
        Reply byAdmin = f.api.post("/v1/trades/" + tradeNo + "/pay", adminKey,
                "{\"buyer_user_id\":\"" + buyer.id() + "\",\"funding_source\":\"wallet\"}");
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("30.00");
    }

    @Test
    void theFirstBuyerWinsAnOpenTradeAndANamedBuyerIsTheOnlyPayer() {
        NewUser first = f.createFundedUser("50.00");
        NewUser second = f.createFundedUser("50.00");
        String open = t.created(m, out(), "5.00", null);
        String named = t.created(m, out(), "5.00", first.id());

        t.paid(first, open);
        refused(t.pay(second.token(), open), 409, "trade_buyer_mismatch");
        refused(t.pay(second.token(), named), 409, "trade_buyer_mismatch");
        assertThat(f.account(second.wallet()).get("available").asText()).isEqualTo("50.00");
        assertThat(t.paid(first, named).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
    }

    @Test
    void payRefusals() {
        NewUser poor = f.createFundedUser("1.00");
        String tradeNo = t.created(m, out(), "5.00", null);

        refused(t.pay(poor.token(), tradeNo), 409, "insufficient_funds");
        refused(t.pay(poor.token(), "12345"), 404, "not_found");
        Reply card = f.api.post("/v1/trades/" + tradeNo + "/pay", poor.token(), "{\"funding_source\":\"card\"}");
        expect(card, 400, "funding_source", "\"wallet\", \"fund\", \"credit_pay\"");
        expect(f.api.post("/v1/trades/" + tradeNo + "/pay", adminKey, "{}"), 400, "buyer_user_id", null);
        NewUser other = f.createUser("CNY");
        expect(f.api.post("/v1/trades/" + tradeNo + "/pay", poor.token(),
                "{\"buyer_user_id\":\"" + other.id() + "\"}"), 403, "buyer_user_id", null);
    }

    @Test
    void closingAnUnpaidTradeStopsItsPayment() {
        NewUser buyer = f.createFundedUser("50.00");
        String unbound = t.created(m, out(), "5.00", null);
        String bound = t.created(m, out(), "5.00", buyer.id());

        for (String tradeNo : List.of(unbound, bound)) {
            JsonNode closed = ok(t.act(m.apiKey(), tradeNo, "close", "{\"reason\":\"out of stock\"}"));
            assertThat(closed.get("status").asText()).isEqualTo("TRADE_CLOSED");
            assertThat(closed.has("closed_at")).isTrue();
            assertThat(events(closed)).containsExactly("trade.created", "trade.closed");
            assertThat(ok(t.act(m.apiKey(), tradeNo, "close", "")).get("status").asText()).isEqualTo("TRADE_CLOSED");
            refused(t.pay(buyer.token(), tradeNo), 409, "trade_closed");
        }
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("50.00");
    }

    @Test
    void aPaidTradeCannotBeClosed() {
        NewUser buyer = f.createFundedUser("50.00");
        String tradeNo = t.created(m, out(), "5.00", null);
        t.paid(buyer, tradeNo);

        refused(t.act(m.apiKey(), tradeNo, "close", ""), 409, "trade_status_invalid");
        assertThat(t.trade(tradeNo).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
    }

    @Test
    void anUnpaidTradePastItsDeadlineCannotBePaid() {
        NewUser buyer = f.createFundedUser("50.00");
        String tradeNo = t.created(m, out(), "5.00", null);
        String named = t.created(m, out(), "5.00", buyer.id());

        ((InMemoryLedgerService) f.service).advanceClock(901);
        for (int s = 0; s < f.service.shardCount(); s++) {
            f.service.submit(s, new Command[] {Tick.instance}).join();
        }

        refused(t.pay(buyer.token(), tradeNo), 409, "trade_closed");
        refused(t.pay(buyer.token(), named), 409, "trade_pay_timed_out");
        assertThat(t.trade(tradeNo).get("status").asText()).isEqualTo("TRADE_CLOSED");
        assertThat(events(t.trade(tradeNo))).containsExactly("trade.created", "trade.auto_closed");
        assertThat(t.trade(named).get("status").asText()).isEqualTo("TRADE_CLOSED");
        assertThat(t.trade(named).get("closed_at").asText()).isEqualTo(t.trade(named).get("pay_deadline").asText());
    }

    @Test
    void eachActionBelongsToItsParty() {
        NewUser buyer = f.createFundedUser("50.00");
        NewUser stranger = f.createUser("CNY");
        String tradeNo = t.created(m, out(), "5.00", null);
        String ship = "{\"carrier\":\"SF\",\"tracking_no\":\"1\"}";

        assertThat(t.get(stranger.token(), tradeNo).status()).as("not a party before payment").isEqualTo(403);
        refused(t.act(m.apiKey(), tradeNo, "ship", ship), 409, "trade_status_invalid");
        t.paid(buyer, tradeNo);

        refused(t.act(buyer.token(), tradeNo, "ship", ship), 403, "forbidden");
        refused(t.act(stranger.token(), tradeNo, "ship", ship), 403, "forbidden");
        refused(t.act(buyer.token(), tradeNo, "close", ""), 403, "forbidden");
        ok(t.act(m.apiKey(), tradeNo, "ship", ship));
        refused(t.act(m.apiKey(), tradeNo, "confirm", ""), 403, "forbidden");
        refused(t.act(stranger.token(), tradeNo, "confirm", ""), 403, "forbidden");
        assertThat(t.get(stranger.token(), tradeNo).status()).isEqualTo(403);
        assertThat(t.get(buyer.token(), tradeNo).status()).isEqualTo(200);
        assertThat(t.get(m.apiKey(), tradeNo).status()).isEqualTo(200);
        refused(t.act(buyer.token(), tradeNo, "disputes/1/decide", "{\"outcome\":\"refund\"}"), 403, "forbidden");
        refused(t.get(adminKey, "98765"), 404, "not_found");
        refused(t.act(m.apiKey(), "98765", "ship", ship), 404, "not_found");
        refused(t.act(m.apiKey(), "98765", "close", ""), 404, "not_found");
        expect(t.act(m.apiKey(), tradeNo, "ship", "{\"carrier\":\"SF\"}"), 400, "tracking_no", null);
        expect(t.act(m.apiKey(), tradeNo, "ship", "{\"carrier\":\"" + "c".repeat(65) + "\",\"tracking_no\":\"1\"}"),
                400, "carrier", "maxCarrierLength");
    }

    @Test
    void theSellerExtendsTheConfirmClockOnce() {
        NewUser buyer = f.createFundedUser("50.00");
        String tradeNo = t.created(m, out(), "5.00", null);
        t.paid(buyer, tradeNo);
        refused(t.act(m.apiKey(), tradeNo, "extend-confirm", "{\"seconds\":86400}"), 409, "trade_status_invalid");
        JsonNode shipped = ok(t.act(m.apiKey(), tradeNo, "ship", "{\"carrier\":\"SF\",\"tracking_no\":\"1\"}"));

        JsonNode extended = ok(t.act(m.apiKey(), tradeNo, "extend-confirm", "{\"seconds\":86400}"));

        long before = java.time.Instant.parse(shipped.get("confirm_at").asText()).getEpochSecond();
        long after = java.time.Instant.parse(extended.get("confirm_at").asText()).getEpochSecond();
        assertThat(after - before).isEqualTo(86400);
        assertThat(events(extended)).endsWith("trade.confirm_extended");
        ok(t.act(m.apiKey(), tradeNo, "extend-confirm", "{\"seconds\":86400}"));
        refused(t.act(m.apiKey(), tradeNo, "extend-confirm", "{\"seconds\":3600}"), 409, "trade_status_invalid");
        expect(t.act(m.apiKey(), tradeNo, "extend-confirm", "{\"seconds\":2592001}"), 400, "seconds",
                "maxConfirmExtensionSeconds");
        expect(t.act(m.apiKey(), tradeNo, "extend-confirm", "{}"), 400, "seconds", null);
    }

    @Test
    void refundsDisputesAndDecisions() {
        NewUser buyer = f.createFundedUser("100.00");
        String tradeNo = t.created(m, out(), "50.00", null);
        t.paid(buyer, tradeNo);
        String path = "/v1/trades/" + tradeNo;

        JsonNode asked = ok(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r1\",\"amount\":\"20.00\",\"reason\":\"broken lid\"}"));
        JsonNode r1 = asked.at("/refunds/0");
        String refundId = r1.get("refund_id").asText();
        assertThat(r1.get("status").asText()).isEqualTo("requested");
        assertThat(r1.get("out_request_no").asText()).isEqualTo("r1");
        assertThat(r1.get("amount").asText()).isEqualTo("20.00");
        assertThat(r1.get("reason").asText()).isEqualTo("broken lid");
        ok(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r1\",\"amount\":\"20.00\",\"reason\":\"broken lid\"}"));
        refused(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r1\",\"amount\":\"21.00\",\"reason\":\"broken lid\"}"), 409,
                "exists_with_different_fields");
        refused(f.api.post(path + "/refunds/1/agree", m.apiKey(), ""), 409, "refund_not_found");
        refused(t.act(buyer.token(), tradeNo, "refunds/" + refundId + "/agree", ""), 403, "forbidden");

        JsonNode rejected = ok(t.act(m.apiKey(), tradeNo, "refunds/" + refundId + "/reject",
                "{\"reason\":\"looks fine\"}"));
        assertThat(rejected.at("/refunds/0/status").asText()).isEqualTo("rejected");
        assertThat(rejected.at("/refunds/0/seller_reason").asText()).isEqualTo("looks fine");
        JsonNode disputed = ok(t.act(buyer.token(), tradeNo, "disputes",
                "{\"refund_id\":\"" + refundId + "\",\"reason\":\"it is not\"}"));
        assertThat(disputed.at("/refunds/0/status").asText()).isEqualTo("disputed");
        JsonNode decided = ok(t.act(adminKey, tradeNo, "disputes/" + refundId + "/decide",
                "{\"outcome\":\"refund\",\"reason\":\"photos\"}"));
        assertThat(decided.at("/refunds/0/status").asText()).isEqualTo("refunded");
        assertThat(decided.get("refunded").asText()).isEqualTo("20.00");
        assertThat(decided.get("held").asText()).isEqualTo("30.00");
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("70.00");

        refused(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r2\",\"amount\":\"40.00\",\"reason\":\"all of it\"}"), 409,
                "refund_exceeds_remaining");
        String r3 = ok(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r3\",\"amount\":\"5.00\",\"reason\":\"again\"}")).at("/refunds/1/refund_id")
                .asText();
        assertThat(ok(t.act(buyer.token(), tradeNo, "refunds/" + r3 + "/cancel", "")).at("/refunds/1/status")
                .asText()).isEqualTo("cancelled");
        String r4 = ok(t.act(buyer.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"r4\",\"amount\":\"30.00\",\"reason\":\"the rest\"}")).at("/refunds/2/refund_id")
                .asText();
        JsonNode closed = ok(t.act(m.apiKey(), tradeNo, "refunds/" + r4 + "/agree", ""));

        assertThat(closed.get("status").asText()).isEqualTo("TRADE_CLOSED");
        assertThat(closed.get("refunded").asText()).isEqualTo("50.00");
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("100.00");
        assertThat(f.balance(buyer.wallet())).isEqualTo("100.00");
        assertThat(events(closed)).containsExactly("trade.created", "trade.bound_to_buyer", "trade.paid",
                "trade.refund_requested", "trade.refund_rejected", "trade.refund_disputed", "trade.refunded",
                "trade.refund_requested", "trade.refund_cancelled", "trade.refund_requested", "trade.refunded",
                "trade.closed");
        JsonNode requested = closed.at("/timeline/3");
        assertThat(requested.get("amount").asText()).isEqualTo("20.00");
        assertThat(requested.get("refund_id").asText()).isEqualTo(refundId);
        assertThat(requested.get("note").asText()).isEqualTo("broken lid");
    }

    static List<String> events(JsonNode trade) {
        List<String> out = new ArrayList<>();
        trade.get("timeline").forEach(e -> out.add(e.get("event").asText()));
        return out;
    }
}
