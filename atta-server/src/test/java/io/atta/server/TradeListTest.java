package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.TradeCalls.ok;
import static io.atta.server.TradeCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/trades}: a seller's and a buyer's trades over every shard, newest first, in pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradeListTest {
    private ApiFixture f;
    private TradeCalls t;
    private Merchant m;
    private NewUser buyer;
    /** The trades of {@link #m}, oldest first. */
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(3);
        t = new TradeCalls(f);
        m = t.merchant("Lister");
        buyer = f.createFundedUser("100.00");
        for (int i = 0; i < 7; i++) {
            made.add(t.created(m, "list-" + i, "1.00", null));
        }
        t.paid(buyer, made.get(1));
        t.paid(buyer, made.get(4));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private JsonNode page(String key, String query) {
        return ok(f.api.get("/v1/trades?" + query, key));
    }

    private static List<String> tradeNos(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("trades").forEach(x -> out.add(x.get("trade_no").asText()));
        return out;
    }

    @Test
    void pagesThroughASellersTradesNewestFirst() {
        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = page(m.apiKey(), "seller=" + m.id() + "&limit=3" + (before == null ? "" : "&before=" + before));
            seen.addAll(tradeNos(page));
            before = page.get("next_before").isNull() ? null : page.get("next_before").asText();
            pages++;
        } while (before != null && pages < 10);

        List<String> newestFirst = new ArrayList<>(made);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aListShowsEachTradeAsItStands() {
        JsonNode page = page(adminKey, "seller=" + m.id());

        assertThat(page.get("trades")).hasSize(7);
        assertThat(page.get("next_before").isNull()).isTrue();
        JsonNode paid = page.get("trades").get(6 - 4);
        assertThat(paid.get("trade_no").asText()).isEqualTo(made.get(4));
        assertThat(paid.get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
        assertThat(paid.get("held").asText()).isEqualTo("1.00");
        assertThat(page.get("trades").get(0).get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void aBuyerListsTheTradesItPaid() {
        JsonNode page = page(buyer.token(), "buyer_user_id=" + buyer.id() + "&limit=1");

        assertThat(tradeNos(page)).containsExactly(made.get(4));
        JsonNode next = page(buyer.token(), "buyer_user_id=" + buyer.id() + "&before=" + page.get("next_before").asText());
        assertThat(tradeNos(next)).containsExactly(made.get(1));
        assertThat(next.get("next_before").isNull()).isTrue();
    }

    @Test
    void eachPartyListsOnlyItsOwn() {
        NewUser stranger = f.createUser("CNY");

        refused(f.api.get("/v1/trades?seller=" + m.id(), stranger.token()), 403, "forbidden");
        refused(f.api.get("/v1/trades?buyer_user_id=" + buyer.id(), m.apiKey()), 403, "forbidden");
        assertThat(page(stranger.token(), "buyer_user_id=" + stranger.id()).get("trades")).isEmpty();
    }

    @Test
    void refusesBadQueries() {
        expect(f.api.get("/v1/trades", adminKey), "missing_field", "seller");
        expect(f.api.get("/v1/trades?seller=" + m.id() + "&buyer_user_id=" + buyer.id(), adminKey), "invalid_field",
                "buyer_user_id");
        expect(f.api.get("/v1/trades?seller=" + m.id() + "&limit=101", adminKey), "invalid_field", "limit");
        expect(f.api.get("/v1/trades?seller=" + m.id() + "&limit=0", adminKey), "invalid_field", "limit");
        expect(f.api.get("/v1/trades?seller=" + m.id() + "&before=yesterday", adminKey), "invalid_field", "before");
        expect(f.api.get("/v1/trades?seller=" + m.id() + "&page=2", adminKey), "unknown_field", "page");
    }

    private static void expect(Reply r, String code, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.errorField()).isEqualTo(field);
    }
}
