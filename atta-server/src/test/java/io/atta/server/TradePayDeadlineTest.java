package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import io.atta.server.trades.TradeIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.TradeCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trade's 15-minute pay deadline, tried as a new user would: on a node started with
 * {@code --test-clock}, the clock moved through {@code /v1/test/clock/advance} and nothing else.
 * A trade never paid is {@code TRADE_CLOSED} once its deadline has passed, whether it was created
 * for a named buyer, bound to one by a payment that was refused, or left open to any buyer.
 */
class TradePayDeadlineTest {
    private static void advance(ApiFixture f, long seconds) {
        Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static String out() {
        return "d-" + nextId();
    }

    /** An out_trade_no of {@code m} whose trade's order lives on another shard than {@code shard}. */
    private static String outAwayFrom(ApiFixture f, Merchant m, int shard) {
        for (int attempt = 0; attempt < 64; attempt++) {
            String out = out();
            if (f.service.shardOf(TradeIds.tradeNo(Long.parseLong(m.id()), out)) != shard) {
                return out;
            }
        }
        throw new AssertionError("64 out_trade_nos all named shard " + shard);
    }

    @Test
    void anUnpaidTradeIsClosedAnHourAfterItsDeadlineWithOrWithoutANamedBuyer(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Deadline Tea");
            closesAfterItsDeadline(f, t, m);
        }
    }

    private static void closesAfterItsDeadline(ApiFixture f, TradeCalls t, Merchant m) {
        NewUser buyer = t.buyerAwayFrom(m.id(), "50.00");
        NewUser near = f.createUserNear(buyer, "CNY");
        String named = t.created(m, out(), "5.00", buyer.id());
        // The orders closed by their shard's own rule live on the other shard: nothing is due on
        // the named trade's shard, as for a new user's first trade.
        int namedShard = f.service.shardOf(Long.parseLong(named));
        String open = t.created(m, outAwayFrom(f, m, namedShard), "5.00", null);
        // Bound by a payment the buyer's wallet could not cover: bound, never paid.
        String refused = t.created(m, outAwayFrom(f, m, namedShard), "5.00", null);
        refused(t.pay(near.token(), refused), 409, "insufficient_funds");
        String paid = t.created(m, out(), "5.00", buyer.id());
        t.paid(buyer, paid);
        assertThat(t.trade(named).get("status").asText()).isEqualTo("WAIT_BUYER_PAY");

        advance(f, 3_600);

        for (String tradeNo : List.of(open, named, refused)) {
            JsonNode trade = t.trade(tradeNo);
            assertThat(trade.get("status").asText()).as("trade %s", tradeNo).isEqualTo("TRADE_CLOSED");
            assertThat(trade.has("closed_at")).as("trade %s", tradeNo).isTrue();
        }
        assertThat(events(t.trade(open))).containsExactly("trade.created", "trade.auto_closed");
        // A bound order's close is its buyer's shard's refusal after the deadline: it shows as
        // closed at the deadline (docs/TRADES.md), and the buyer's shard refuses to be paid.
        for (String tradeNo : List.of(named, refused)) {
            JsonNode trade = t.trade(tradeNo);
            assertThat(trade.get("closed_at").asText()).as("trade %s", tradeNo)
                    .isEqualTo(trade.get("pay_deadline").asText());
        }
        refused(t.pay(buyer.token(), named), 409, "trade_pay_timed_out");
        refused(t.pay(near.token(), refused), 409, "trade_pay_timed_out");
        assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("45.00");

        // The one that was paid in time is unchanged by its deadline.
        JsonNode stillPaid = t.trade(paid);
        assertThat(stillPaid.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(stillPaid.has("closed_at")).isFalse();
        assertThat(events(stillPaid)).containsExactly("trade.created", "trade.paid");
    }

    private static List<String> events(JsonNode trade) {
        return TradeApiTest.events(trade);
    }
}
