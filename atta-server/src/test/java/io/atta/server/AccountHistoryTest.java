package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Ids;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.batch;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.ApiFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's history is one row per transfer in its final state, whatever the balance events
 * behind it, and {@code GET /v1/transfers/{id}} reads the one shard the id names: over real HTTP
 * on a durable node with two shards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountHistoryTest {
    private ApiFixture f;
    private HttpApi api;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onAttaNode(dir, 2);
        api = f.api;
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private int shardOf(String id) {
        return f.service.shardOf(Long.parseLong(id));
    }

    /** A transfer id on the debit account's slot, as every transfer id is (docs/API.md, Transfer ids). */
    private static long idFor(String debitAccount) {
        return Ids.compose(Ids.slotOf(Long.parseLong(debitAccount)), nextId());
    }

    private List<String> post(String key, String... items) {
        Reply r = api.post("/v1/transfers", key, batch(items));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> results = new ArrayList<>();
        r.body().get("results").forEach(n -> results.add(n.get("result").asText()));
        return results;
    }

    @Test
    void anAccountWithoutTheHistoryFlagKeepsNoHistoryAndSaysSo() {
        NewUser a = f.createUserOnShard(0, "CNY");
        f.fund(a, "10.00");
        String plain = Long.toString(Ids.compose(Ids.slotOf(Long.parseLong(a.id())), Ids.firstUserLocalId + 77));
        Reply created = api.post("/v1/accounts", adminKey, "{\"accounts\":[{\"id\":\"" + plain + "\",\"user_id\":\""
                + a.id() + "\",\"currency\":\"CNY\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        long n = nextId();
        assertThat(post(a.token(), transfer(n, a.wallet(), plain, "3.00", null))).containsExactly("ok");
        String id = Long.toString(ApiFixture.idFor(a.wallet(), n));

        for (String path : List.of("/transfers", "/balance?at=2200-01-01T00:00:00Z")) {
            Reply r = api.get("/v1/accounts/" + plain + path, adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.body().get("error").get("code").asText()).isEqualTo("account_keeps_no_history");
        }
        // The transfer is still read by id, and the wallet (which keeps history) lists it.
        Reply byId = api.get("/v1/transfers/" + id, adminKey);
        assertThat(byId.status()).as(byId.toString()).isEqualTo(200);
        assertThat(byId.body().get("credit_account_id").asText()).isEqualTo(plain);
        assertThat(history(a.wallet(), 1000)).containsKey(id);
        assertThat(api.get("/v1/accounts/" + plain, adminKey).body().get("balance").asText()).isEqualTo("3.00");
    }

    /** Every row of the account's history, by transfer id, read in pages of {@code pageSize}. */
    private Map<String, JsonNode> history(String account, int pageSize) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        String to = null;
        for (int page = 0; page < 100; page++) {
            Reply r = api.get("/v1/accounts/" + account + "/transfers?limit=" + pageSize
                    + (to == null ? "" : "&to=" + to), adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            for (JsonNode row : r.body().get("transfers")) {
                JsonNode before = rows.put(row.get("id").asText(), row);
                assertThat(before).as("transfer %s listed twice in %s's history", row.get("id"), account).isNull();
            }
            JsonNode next = r.body().get("next_to");
            if (next.isNull()) {
                return rows;
            }
            to = next.asText();
        }
        throw new AssertionError("history of " + account + " did not end");
    }

    /** What the row moved into ({@code +}) or out of ({@code -}) the account. */
    private static BigDecimal effect(JsonNode row, String account) {
        BigDecimal moved = new BigDecimal((row.has("pending_status") ? row.get("posted_amount")
                : row.get("amount")).asText());
        if (row.get("credit_account_id").asText().equals(account)) {
            return moved;
        }
        assertThat(row.get("debit_account_id").asText()).isEqualTo(account);
        return moved.negate();
    }

    private void assertRowsSumToBalance(String account) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : history(account, 1000).values()) {
            sum = sum.add(effect(row, account));
        }
        assertThat(sum).as("sum of %s's rows", account).isEqualByComparingTo(new BigDecimal(f.balance(account)));
    }

    private static List<String> flags(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.get("flags").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void eachAccountHasOneRowPerTransferInItsFinalStateAndTheRowsSumToItsBalance() {
        NewUser a = f.createUserOnShard(0, "CNY");
        NewUser near = f.createUserNear(a, "CNY");
        NewUser far = f.createUserOnShard(1, "CNY");
        f.fund(a, "100.00");
        f.fund(far, "10.00");

        // Across shards: a P2P payment and a transfer, both committed.
        Reply paid = api.post("/v1/payments/p2p", a.token(), "{\"from_user_id\":\"" + a.id() + "\",\"to_user_id\":\""
                + far.id() + "\",\"amount\":\"20.00\",\"currency\":\"CNY\",\"request_id\":\"h-" + nextId() + "\"}");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.body().get("cross_shard").asBoolean()).isTrue();
        String p2p = paid.body().get("transfer_id").asText();
        long crossed = idFor(a.wallet());
        assertThat(post(a.token(), transfer(crossed, a.wallet(), far.wallet(), "5.00", null))).containsExactly("ok");

        // Across shards, aborted: the far shard refuses the second leg for insufficient funds
        // when it prepares, so both legs' pieces on a's shard are voided.
        long leg0 = idFor(a.wallet());
        long leg1 = idFor(far.wallet());
        assertThat(post(adminKey, transfer(leg0, a.wallet(), far.wallet(), "1.00", "\"flags\":[\"linked\"]"),
                transfer(leg1, far.wallet(), a.wallet(), "999.00", null)))
                .containsExactly("linked_event_failed", "insufficient_funds");
        // Refused by a's own shard: nothing is recorded anywhere.
        long refused = idFor(a.wallet());
        assertThat(post(a.token(), transfer(refused, a.wallet(), far.wallet(), "999.00", null)))
                .containsExactly("insufficient_funds");

        // On one shard: a pending transfer posted in part, and one voided.
        long posted = idFor(a.wallet());
        long voided = idFor(a.wallet());
        assertThat(post(a.token(), transfer(posted, a.wallet(), near.wallet(), "10.00", "\"flags\":[\"pending\"]"),
                transfer(voided, a.wallet(), near.wallet(), "3.00", "\"flags\":[\"pending\"]")))
                .containsExactly("ok", "ok");
        long post = idFor(a.wallet());
        long voidIt = idFor(a.wallet());
        assertThat(post(a.token(),
                transfer(post, a.wallet(), near.wallet(), "7.00", "\"flags\":[\"post_pending\"],\"pending_id\":\""
                        + posted + "\""),
                "{\"id\":\"" + voidIt + "\",\"debit_account_id\":\"" + a.wallet() + "\",\"credit_account_id\":\""
                        + near.wallet() + "\",\"currency\":\"CNY\",\"flags\":[\"void_pending\"],\"pending_id\":\""
                        + voided + "\"}"))
                .containsExactly("ok", "ok");

        assertThat(f.balance(a.wallet())).isEqualTo("68.00");
        assertThat(f.balance(far.wallet())).isEqualTo("35.00");
        assertThat(f.balance(near.wallet())).isEqualTo("7.00");

        // Pages of two rows see what one page of a thousand sees, each row once.
        Map<String, JsonNode> rows = history(a.wallet(), 2);
        assertThat(rows.keySet()).containsExactlyElementsOf(history(a.wallet(), 1000).keySet());
        assertThat(rows).hasSize(7).doesNotContainKeys(Long.toString(refused), Long.toString(post),
                Long.toString(voidIt));

        JsonNode p2pRow = rows.get(p2p);
        assertThat(p2pRow.get("credit_account_id").asText()).isEqualTo(far.wallet());
        assertThat(p2pRow.get("pending_status").asText()).isEqualTo("posted");
        assertThat(p2pRow.get("posted_amount").asText()).isEqualTo("20.00");
        assertThat(flags(p2pRow)).containsExactly("cross_shard");
        JsonNode crossedRow = rows.get(Long.toString(crossed));
        assertThat(crossedRow.get("credit_account_id").asText()).isEqualTo(far.wallet());
        assertThat(crossedRow.get("pending_status").asText()).isEqualTo("posted");
        for (long leg : new long[] {leg0, leg1}) {
            JsonNode row = rows.get(Long.toString(leg));
            assertThat(row.get("pending_status").asText()).as("leg %d", leg).isEqualTo("voided");
            assertThat(row.get("posted_amount").asText()).isEqualTo("0.00");
        }
        assertThat(rows.get(Long.toString(leg1)).get("debit_account_id").asText()).isEqualTo(far.wallet());
        JsonNode postedRow = rows.get(Long.toString(posted));
        assertThat(postedRow.get("pending_status").asText()).isEqualTo("posted");
        assertThat(postedRow.get("amount").asText()).isEqualTo("10.00");
        assertThat(postedRow.get("posted_amount").asText()).isEqualTo("7.00");
        assertThat(postedRow.get("resolved_by").asText()).isEqualTo(Long.toString(post));
        JsonNode voidedRow = rows.get(Long.toString(voided));
        assertThat(voidedRow.get("pending_status").asText()).isEqualTo("voided");
        assertThat(voidedRow.get("posted_amount").asText()).isEqualTo("0.00");
        assertThat(voidedRow.get("resolved_by").asText()).isEqualTo(Long.toString(voidIt));

        // The other side of each cross-shard transfer shows it once, with a's wallet as the
        // counterparty, never the in-transit account; the aborted chain left it nothing.
        Map<String, JsonNode> farRows = history(far.wallet(), 2);
        assertThat(farRows).hasSize(3).containsKeys(p2p, Long.toString(crossed));
        assertThat(farRows.get(p2p).get("debit_account_id").asText()).isEqualTo(a.wallet());
        assertThat(farRows.get(Long.toString(crossed)).get("debit_account_id").asText()).isEqualTo(a.wallet());
        assertThat(farRows.get(Long.toString(crossed)).get("pending_status").asText()).isEqualTo("posted");
        assertThat(history(near.wallet(), 1).keySet()).containsExactlyInAnyOrder(Long.toString(posted),
                Long.toString(voided));

        for (String account : List.of(a.wallet(), far.wallet(), near.wallet())) {
            assertRowsSumToBalance(account);
        }

        // Balances at a time keep their meaning: right after the pending transfers, 13.00 was held.
        JsonNode then = api.get("/v1/accounts/" + a.wallet() + "/balance?at=" + voidedRow.get("created_at").asText(),
                adminKey).body();
        assertThat(then.get("debits_pending").asText()).isEqualTo("13.00");
        assertThat(then.get("balance").asText()).isEqualTo("75.00");
    }

    @Test
    void aTransferIsReadFromTheShardItsIdNamesWholeAndOnlyByItsOwners() {
        NewUser a = f.createUserOnShard(0, "CNY");
        NewUser far = f.createUserOnShard(1, "CNY");
        NewUser stranger = f.createUser("CNY");
        f.fund(a, "50.00");
        long id = idFor(a.wallet());
        assertThat(post(a.token(), transfer(id, a.wallet(), far.wallet(), "8.00", null))).containsExactly("ok");

        for (String key : List.of(adminKey, a.token(), far.token())) {
            Reply got = api.get("/v1/transfers/" + id, key);
            assertThat(got.status()).as(got.toString()).isEqualTo(200);
            assertThat(got.body().get("debit_account_id").asText()).isEqualTo(a.wallet());
            assertThat(got.body().get("credit_account_id").asText()).isEqualTo(far.wallet());
            assertThat(got.body().get("amount").asText()).isEqualTo("8.00");
            assertThat(got.body().get("pending_status").asText()).isEqualTo("posted");
            assertThat(got.body().get("posted_amount").asText()).isEqualTo("8.00");
            assertThat(flags(got.body())).containsExactly("cross_shard");
        }
        assertThat(api.get("/v1/transfers/" + id, stranger.token()).status()).isEqualTo(403);
        Reply absent = api.get("/v1/transfers/" + idFor(a.wallet()), adminKey);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aRefusedCrossShardAttemptThatReusesAnIdNeverShadowsTheRealTransfer() {
        // The victim's transfer lives on shard 1; the attempt's coordinator would be shard 0,
        // which a read asking every shard in order would have found first.
        NewUser victim = f.createUserOnShard(1, "CNY");
        NewUser payee = f.createUserNear(victim, "CNY");
        NewUser mallory = f.createUserOnShard(0, "CNY");
        f.fund(victim, "40.00");
        f.fund(mallory, "40.00");
        long id = idFor(victim.wallet());
        assertThat(post(victim.token(), transfer(id, victim.wallet(), payee.wallet(), "12.00", null)))
                .containsExactly("ok");

        // The id as Mallory sends it, not moved into her own slot as the fixture's items are.
        String reused = "{\"id\":\"" + id + "\",\"debit_account_id\":\"" + mallory.wallet()
                + "\",\"credit_account_id\":\"" + victim.wallet() + "\",\"amount\":\"1.00\",\"currency\":\"CNY\"}";
        assertThat(post(mallory.token(), reused)).containsExactly("transfer_id_not_in_shard_slot");

        for (String key : List.of(adminKey, victim.token())) {
            Reply got = api.get("/v1/transfers/" + id, key);
            assertThat(got.status()).as(got.toString()).isEqualTo(200);
            assertThat(got.body().get("debit_account_id").asText()).isEqualTo(victim.wallet());
            assertThat(got.body().get("credit_account_id").asText()).isEqualTo(payee.wallet());
            assertThat(got.body().get("amount").asText()).isEqualTo("12.00");
            assertThat(flags(got.body())).isEmpty();
        }
        assertThat(api.get("/v1/transfers/" + id, mallory.token()).status()).isEqualTo(403);
        assertThat(f.balance(victim.wallet())).isEqualTo("28.00");
        assertThat(f.balance(mallory.wallet())).isEqualTo("40.00");
        assertThat(history(victim.wallet(), 10)).containsKey(Long.toString(id));
        for (String account : List.of(victim.wallet(), payee.wallet(), mallory.wallet())) {
            assertRowsSumToBalance(account);
        }
    }
}
