package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/changes} (docs/REPORTING.md): a shard's committed changes in commit order with
 * stable cursors and unique ids, transfers with both balances after them, trades' timeline entries,
 * paging by cursor, a long poll answered by the next write, and the limits at the edge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeStreamTest {
    private ApiFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onAttaNode(dir, 1);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private List<JsonNode> all(String key) {
        List<JsonNode> out = new ArrayList<>();
        String after = "";
        while (true) {
            Reply r = f.api.get("/v1/changes?shard=0&limit=7" + (after.isEmpty() ? "" : "&after=" + after), key);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.body().get("changes").forEach(out::add);
            after = r.body().get("next_cursor").asText();
            if (!r.body().get("more").asBoolean()) {
                return out;
            }
        }
    }

    @Test
    void streamsTransfersWithBalancesAndTradeEventsInCommitOrder() {
        NewUser buyer = f.createFundedUser("100.00");
        NewUser friend = f.createUserNear(buyer, "CNY");
        Reply moved = f.api.post("/v1/transfers", buyer.token(), ApiFixture.batch(ApiFixture.transfer(
                ApiFixture.nextId(), buyer.wallet(), friend.wallet(), "30.00", null)));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        TradeCalls trades = new TradeCalls(f);
        Merchant shop = trades.merchant("Tea House");
        String tradeNo = trades.created(shop, "o-" + ApiFixture.nextId(), "10.00", buyer.id());
        trades.paid(buyer, tradeNo);

        Reply key = f.api.post("/v1/keys", adminKey, "{\"role\":\"reporting\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        List<JsonNode> changes = all(key.body().get("key").asText());

        Set<String> ids = new HashSet<>();
        String previous = "";
        for (JsonNode c : changes) {
            assertThat(ids.add(c.get("id").asText())).as("unique id %s", c).isTrue();
            assertThat(c.get("id").asText()).isEqualTo("0-" + c.get("cursor").asText());
            String[] at = c.get("cursor").asText().split("-");
            String sortable = String.format("%020d-%010d", Long.parseLong(at[0]), Long.parseLong(at[1]));
            assertThat(sortable).as("commit order").isGreaterThan(previous);
            previous = sortable;
        }
        JsonNode p2p = changes.stream().filter(c -> c.get("type").asText().equals("transfer")
                && c.at("/transfer/credit_account_id").asText().equals(friend.wallet())).findFirst().orElseThrow();
        assertThat(p2p.at("/transfer/amount").asText()).isEqualTo("30.00");
        assertThat(p2p.at("/debit_account/id").asText()).isEqualTo(buyer.wallet());
        assertThat(p2p.at("/debit_account/debits_posted").asText()).isEqualTo("30.00");
        assertThat(p2p.at("/debit_account/credits_posted").asText()).isEqualTo("100.00");
        assertThat(p2p.at("/credit_account/credits_posted").asText()).isEqualTo("30.00");
        JsonNode paid = changes.stream().filter(c -> c.get("type").asText().equals("trade")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(paid.at("/trade/trade_no").asText()).isEqualTo(tradeNo);
        assertThat(paid.at("/trade/event").asText()).isEqualTo("trade.paid");
        assertThat(paid.at("/trade/merchant_id").asText()).isEqualTo(shop.id());
        assertThat(paid.at("/trade/amount").asText()).isEqualTo("10.00");
        // The buyer's wallet at the end: 100 in, 30 out, 10 held for the trade.
        JsonNode wallet = changes.stream().filter(c -> c.get("type").asText().equals("account")
                && c.at("/account/id").asText().equals(buyer.wallet())).reduce((a, b) -> b).orElseThrow();
        assertThat(wallet.at("/account/debits_pending").asText()).isEqualTo("10.00");
        assertThat(wallet.at("/account/debits_posted").asText()).isEqualTo("30.00");
        assertThat(wallet.at("/account/credits_posted").asText()).isEqualTo("100.00");
    }

    @Test
    void aLongPollIsAnsweredByTheNextWrite() throws Exception {
        NewUser u = f.createFundedUser("1.00");
        String end = f.api.get("/v1/changes?shard=0&limit=10000", adminKey).body().get("next_cursor").asText();
        while (true) {
            Reply r = f.api.get("/v1/changes?shard=0&limit=10000&after=" + end, adminKey);
            end = r.body().get("next_cursor").asText();
            if (!r.body().get("more").asBoolean()) {
                break;
            }
        }
        String after = end;

        CompletableFuture<Reply> poll = CompletableFuture.supplyAsync(() ->
                f.api.get("/v1/changes?shard=0&wait=30&after=" + after, adminKey));
        f.fund(u, "2.00");

        Reply r = poll.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("changes")).isNotEmpty();
        assertThat(r.body().at("/changes/0/transfer/amount").asText()).isEqualTo("2.00");
        Reply empty = f.api.get("/v1/changes?shard=0&wait=1&after=" + r.body().get("next_cursor").asText(),
                adminKey);
        assertThat(empty.body().get("changes")).isEmpty();
        assertThat(empty.body().get("next_cursor").asText()).isEqualTo(r.body().get("next_cursor").asText());
    }

    @Test
    void refusesBadParametersNamingTheLimit() {
        assertThat(f.api.get("/v1/changes", adminKey).status()).isEqualTo(400);
        Reply shard = f.api.get("/v1/changes?shard=1", adminKey);
        assertThat(shard.status()).isEqualTo(400);
        assertThat(shard.errorMessage()).contains("0..0");
        Reply limit = f.api.get("/v1/changes?shard=0&limit=10001", adminKey);
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.errorMessage()).contains("maxChangesPerPage");
        Reply wait = f.api.get("/v1/changes?shard=0&wait=31", adminKey);
        assertThat(wait.errorMessage()).contains("maxWaitSeconds");
        assertThat(f.api.get("/v1/changes?shard=0&after=x", adminKey).status()).isEqualTo(400);
    }
}
