package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Limits;
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
import static io.atta.server.TradeCalls.trade;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/trades/batch}: one result per item in request order; refusals are results. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradeBatchTest {
    private ApiFixture f;
    private TradeCalls t;
    private Merchant m;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(3);
        t = new TradeCalls(f);
        m = t.merchant("Batcher");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private Reply batch(String key, String action, List<String> items) {
        return f.api.post("/v1/trades/batch", key, "{\"action\":\"" + action + "\",\"items\":["
                + String.join(",", items) + "]}");
    }

    private static List<String> results(JsonNode reply) {
        List<String> out = new ArrayList<>();
        reply.get("results").forEach(r -> out.add(r.get("result").asText()));
        return out;
    }

    private static String item(String tradeNo, String extra) {
        return "{\"trade_no\":\"" + tradeNo + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    @Test
    void createsPaysShipsAndConfirmsManyTradesAcrossShards() {
        List<NewUser> buyers = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        String prefix = "b-" + nextId() + "-";
        for (int i = 0; i < 12; i++) {
            buyers.add(f.createFundedUser("10.00"));
            creates.add(trade(m.id(), prefix + i, "4.00", i % 2 == 0 ? null : buyers.get(i).id()));
        }
        NewUser plain = f.createUser("CNY");
        creates.add(trade(plain.id(), prefix + "x", "4.00", null));

        JsonNode created = ok(batch(adminKey, "create", creates));
        List<String> tradeNos = new ArrayList<>();
        created.get("results").forEach(r -> tradeNos.add(r.get("trade_no").asText()));
        assertThat(results(created)).hasSize(13).startsWith("ok").endsWith("merchant_not_found");
        assertThat(results(created).subList(0, 12)).containsOnly("ok");
        assertThat(created.at("/results/3/out_trade_no").asText()).isEqualTo(prefix + 3);
        assertThat(created.at("/results/3/status").asText()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(results(ok(batch(adminKey, "create", creates.subList(0, 2))))).containsExactly("exists", "exists");

        List<String> pays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pays.add(item(tradeNos.get(i), "\"buyer_user_id\":\"" + buyers.get(i).id() + "\""));
        }
        pays.add(item("777", "\"buyer_user_id\":\"" + buyers.get(0).id() + "\""));
        pays.add(item(tradeNos.get(1), "\"buyer_user_id\":\"" + buyers.get(0).id() + "\""));
        pays.add(item(tradeNos.get(0), "\"buyer_user_id\":\"" + buyers.get(0).id() + "\""));
        JsonNode paid = ok(batch(adminKey, "pay", pays));
        assertThat(results(paid).subList(0, 12)).containsOnly("ok");
        assertThat(results(paid).subList(12, 15)).containsExactly("trade_not_found", "trade_buyer_mismatch", "exists");
        assertThat(paid.at("/results/5/status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(paid.at("/results/5/out_trade_no").asText()).isEqualTo(prefix + 5);
        for (NewUser b : buyers) {
            assertThat(f.account(b.wallet()).get("available").asText()).isEqualTo("6.00");
        }

        List<String> ships = new ArrayList<>();
        List<String> confirms = new ArrayList<>();
        for (String tradeNo : tradeNos.subList(0, 12)) {
            ships.add(item(tradeNo, "\"carrier\":\"SF\",\"tracking_no\":\"T" + tradeNo + "\""));
            confirms.add(item(tradeNo, null));
        }
        assertThat(results(ok(batch(m.apiKey(), "confirm", confirms.subList(0, 1)))))
                .containsExactly("trade_party_invalid");
        assertThat(results(ok(batch(m.apiKey(), "ship", ships)))).containsOnly("ok");
        JsonNode confirmed = ok(batch(adminKey, "confirm", confirms));
        assertThat(results(confirmed)).containsOnly("ok");
        assertThat(confirmed.at("/results/0/status").asText()).isEqualTo("TRADE_FINISHED");
        for (int i = 0; i < 12; i++) {
            assertThat(t.trade(tradeNos.get(i)).get("status").asText()).isEqualTo("TRADE_FINISHED");
            assertThat(f.balance(buyers.get(i).wallet())).isEqualTo("6.00");
        }
    }

    @Test
    void aRefusedPaymentIsAResult() {
        NewUser poor = f.createFundedUser("1.00");
        String tradeNo = t.created(m, "poor-" + nextId(), "5.00", null);

        JsonNode r = ok(batch(poor.token(), "pay", List.of(item(tradeNo, null))));

        assertThat(results(r)).containsExactly("insufficient_funds");
        assertThat(r.at("/results/0").has("status")).isFalse();
    }

    @Test
    void aBadItemRefusesTheWholeBatchNamingIt() {
        String goodNo = "g-" + nextId();
        String good = trade(m.id(), goodNo, "1.00", null);
        String bad = trade(m.id(), "b-" + nextId(), "1.001", null);
        Reply r = batch(m.apiKey(), "create", List.of(good, bad));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorField()).isEqualTo("items[1].amount");
        assertThat(f.api.get("/v1/trades?seller=" + m.id(), adminKey).body().toString()).doesNotContain(goodNo);

        Merchant other = t.merchant("Other");
        Reply foreign = batch(m.apiKey(), "create", List.of(good, trade(other.id(), "o-1", "1.00", null)));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorField()).isEqualTo("items[1].seller");
        Reply noBuyer = batch(adminKey, "pay", List.of(item("1", null)));
        assertThat(noBuyer.status()).isEqualTo(400);
        assertThat(noBuyer.errorField()).isEqualTo("items[0].buyer_user_id");
        Reply unknown = batch(adminKey, "ship", List.of(item("1", "\"carrier\":\"SF\",\"tracking_no\":\"1\",\"x\":1")));
        assertThat(unknown.errorField()).isEqualTo("items[0].x");
        Reply action = batch(adminKey, "refund", List.of(item("1", null)));
        assertThat(action.errorField()).isEqualTo("action");
        Reply empty = batch(adminKey, "confirm", List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorField()).isEqualTo("items");
    }

    @Test
    void moreItemsThanTheLimitIs413() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= Limits.maxBatchCommands; i++) {
            items.add("{\"trade_no\":\"1\"}");
        }
        Reply r = batch(adminKey, "confirm", items);

        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.errorMessage()).contains("maxBatchCommands");
    }
}
