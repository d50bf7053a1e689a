package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Currency;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.trade.TradeBook;
import io.atta.server.ApiFixture.NewUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.TradeCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An escrow trade's whole life over HTTP on a durable node with two shards, its seller and buyer
 * on different shards: the money is held on the buyer's shard and released there, to the
 * merchant's receivable and the platform's fee account.
 */
class TradeLifecycleTest {

    @Test
    void createPayShipConfirmMovesTheMoneyThroughEscrow(@TempDir Path dir) throws Exception {
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2)) {
            TradeCalls t = new TradeCalls(f);
            TradeCalls.Merchant m = t.merchant("Tea House");
            NewUser buyer = t.buyerAwayFrom(m.id(), "100.00");
            int buyerShard = t.shardOf(buyer.id());
            int homeSlot = f.service.homeSlotOf(buyerShard);
            String escrow = Long.toString(HouseAccount.escrow.id(homeSlot, Currency.CNY));
            String fees = Long.toString(HouseAccount.fees.id(homeSlot, Currency.CNY));

            String tradeNo = t.created(m, "order-1", "30.00", null);
            JsonNode created = t.trade(tradeNo);
            assertThat(created.get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
            assertThat(created.get("buyer_user_id").isNull()).isTrue();
            assertThat(created.get("seller").asText()).isEqualTo(m.id());
            assertThat(created.get("fee_rate").asText()).isEqualTo("0.006");

            JsonNode paid = t.paid(buyer, tradeNo);
            assertThat(paid.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(paid.get("buyer_user_id").asText()).isEqualTo(buyer.id());
            assertThat(paid.get("held").asText()).isEqualTo("30.00");
            assertThat(paid.has("paid_at")).isTrue();
            assertThat(f.account(buyer.wallet()).get("available").asText()).isEqualTo("70.00");
            assertThat(f.account(escrow).get("credits_pending").asText()).isEqualTo("30.00");

            JsonNode shipped = ok(t.act(m.apiKey(), tradeNo, "ship", "{\"carrier\":\"SF\",\"tracking_no\":\"SF123\"}"));
            assertThat(shipped.get("status").asText()).isEqualTo("WAIT_BUYER_CONFIRM_GOODS");
            assertThat(shipped.at("/shipment/carrier").asText()).isEqualTo("SF");
            assertThat(shipped.at("/shipment/tracking_no").asText()).isEqualTo("SF123");
            assertThat(shipped.has("confirm_at")).isTrue();

            JsonNode confirmed = ok(t.act(buyer.token(), tradeNo, "confirm", ""));
            assertThat(confirmed.get("status").asText()).isEqualTo("TRADE_FINISHED");
            assertThat(confirmed.get("held").asText()).isEqualTo("0.00");
            assertThat(confirmed.get("released").asText()).isEqualTo("30.00");
            assertThat(confirmed.get("fee").asText()).isEqualTo("0.18");
            assertThat(confirmed.has("finished_at")).isTrue();

            assertThat(f.balance(buyer.wallet())).isEqualTo("70.00");
            assertThat(f.balance(escrow)).isEqualTo("0.00");
            assertThat(f.account(escrow).get("credits_pending").asText()).isEqualTo("0.00");
            assertThat(f.balance(fees)).isEqualTo("0.18");
            List<TradeBook.Receivable> receivables = f.service.read(buyerShard, l -> l.trades().receivables()).get();
            assertThat(receivables).hasSize(1);
            assertThat(receivables.get(0).merchantId()).isEqualTo(Long.parseLong(m.id()));
            assertThat(receivables.get(0).settlementAccountId()).isEqualTo(Long.parseLong(m.settlementAccount()));
            assertThat(f.balance(Long.toString(receivables.get(0).accountId()))).isEqualTo("29.82");

            List<String> events = new ArrayList<>();
            confirmed.get("timeline").forEach(e -> events.add(e.get("event").asText()));
            assertThat(events).containsExactly("trade.created", "trade.bound_to_buyer", "trade.paid", "trade.shipped",
                    "trade.confirmed");
            assertThat(ok(f.api.get("/v1/admin/invariants", adminKey)).get("ok").asBoolean()).isTrue();
        }
    }
}
