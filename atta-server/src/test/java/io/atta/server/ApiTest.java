package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.batch;
import static io.atta.server.ApiFixture.idFor;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.ApiFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API end to end over real HTTP, on a real durable node with two shards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private ApiFixture f;
    private HttpApi api;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onAttaNode(dir, 2);
        api = f.api;
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private List<String> results(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.body().get("results").forEach(n -> out.add(n.get("result").asText()));
        return out;
    }

    @Test
    void createsUsersWithWalletAndToken() {
        NewUser u = f.createUser("USD");
        assertThat(u.token()).startsWith("atk_" + u.id() + "_");
        Reply self = api.get("/v1/users/" + u.id(), u.token());
        assertThat(self.status()).as(self.toString()).isEqualTo(200);
        assertThat(self.body().get("wallet_account_id").asText()).isEqualTo(u.wallet());
        assertThat(self.body().get("created_at").asText()).endsWith("Z");
        JsonNode wallet = f.account(u.wallet());
        assertThat(wallet.get("user_id").asText()).isEqualTo(u.id());
        assertThat(wallet.get("currency").asText()).isEqualTo("USD");
        assertThat(wallet.get("balance").asText()).isEqualTo("0.00");
        assertThat(wallet.get("flags").toString()).contains("debits_must_not_exceed_credits");
        assertThat(api.get("/v1/users/" + u.id(), adminKey).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/" + (Long.parseLong(u.id()) + 1), adminKey).errorCode()).isEqualTo("not_found");
        assertThat(f.createUser("CNY").id()).isNotEqualTo(u.id());
    }

    @Test
    void refusesRequestsWithoutAValidKey() {
        NewUser u = f.createUser("CNY");
        Reply none = api.get("/v1/users/" + u.id(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthorized");
        assertThat(api.get("/v1/users/" + u.id(), "wrong-admin-key").status()).isEqualTo(401);
        String forged = u.token().substring(0, u.token().length() - 2) + "AA";
        assertThat(forged).isNotEqualTo(u.token());
        assertThat(api.get("/v1/users/" + u.id(), forged).status()).isEqualTo(401);
        assertThat(api.get("/v1/users/" + u.id(), "atk_" + u.id()).status()).isEqualTo(401);
        assertThat(api.get("/v1/users/" + u.id(), "atk_1_secret").status()).isEqualTo(401);
        assertThat(api.post("/v1/transfers", "nope", batch(transfer(nextId(), u.wallet(), u.wallet(), "1", null)))
                .status()).isEqualTo(401);
    }

    @Test
    void userTokensActOnlyOnTheirOwnUserAndAccounts() {
        NewUser a = f.createFundedUser("100.00");
        NewUser b = f.createFundedUserNear(a, "100.00");
        assertThat(api.get("/v1/users/" + b.id(), a.token()).errorCode()).isEqualTo("forbidden");
        assertThat(api.get("/v1/accounts/" + b.wallet(), a.token()).status()).isEqualTo(403);
        assertThat(api.get("/v1/accounts/" + a.wallet(), a.token()).status()).isEqualTo(200);
        assertThat(api.get("/v1/accounts/" + b.wallet() + "/transfers", a.token()).status()).isEqualTo(403);
        assertThat(api.get("/v1/accounts/" + b.wallet() + "/balance?at=2030-01-01T00:00:00Z", a.token()).status())
                .isEqualTo(403);
        assertThat(api.post("/v1/accounts/" + b.wallet() + "/close", a.token(), "").status()).isEqualTo(403);
        String topUpOther = "{\"amount\":\"1.00\",\"currency\":\"CNY\",\"request_id\":\"steal-" + nextId() + "\"}";
        assertThat(api.post("/v1/users/" + b.id() + "/withdraw", a.token(), topUpOther).status()).isEqualTo(403);
        assertThat(api.post("/v1/users", a.token(), "{}").status()).isEqualTo(403);
        Reply accountForOther = api.post("/v1/accounts", a.token(),
                "{\"accounts\":[{\"user_id\":\"" + b.id() + "\",\"currency\":\"CNY\"}]}");
        assertThat(accountForOther.status()).isEqualTo(403);
        assertThat(accountForOther.errorField()).isEqualTo("accounts[0].user_id");

        long stolen = idFor(b.wallet(), nextId());
        long paid = idFor(a.wallet(), nextId());
        Reply r = api.post("/v1/transfers", a.token(), batch(
                transfer(stolen, b.wallet(), a.wallet(), "5.00", null),
                transfer(paid, a.wallet(), b.wallet(), "5.00", null)));
        assertThat(results(r)).containsExactly("debit_account_not_owned", "ok");
        assertThat(f.balance(a.wallet())).isEqualTo("95.00");
        assertThat(f.balance(b.wallet())).isEqualTo("105.00");
        assertThat(api.get("/v1/transfers/" + paid, b.token()).status()).isEqualTo(200);
        assertThat(api.get("/v1/transfers/" + paid, a.token()).status()).isEqualTo(200);
        NewUser c = f.createUser("CNY");
        assertThat(api.get("/v1/transfers/" + paid, c.token()).status()).isEqualTo(403);
        assertThat(api.get("/v1/users/" + a.id(), a.token()).status()).isEqualTo(200);
    }

    @Test
    void topUpAndWithdrawAreIdempotentByRequestId() {
        NewUser u = f.createUser("CNY");
        String body = "{\"amount\":\"50.25\",\"currency\":\"CNY\",\"request_id\":\"r-" + nextId() + "\"}";
        Reply first = api.post("/v1/users/" + u.id() + "/topup", adminKey, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().get("result").asText()).isEqualTo("ok");
        Reply again = api.post("/v1/users/" + u.id() + "/topup", adminKey, body);
        assertThat(again.body().get("result").asText()).isEqualTo("exists");
        assertThat(again.body().get("transfer_id")).isEqualTo(first.body().get("transfer_id"));
        assertThat(f.balance(u.wallet())).isEqualTo("50.25");

        Reply changed = api.post("/v1/users/" + u.id() + "/topup", adminKey, body.replace("50.25", "60.00"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.errorCode()).isEqualTo("exists_with_different_fields");

        String tooMuch = "{\"amount\":\"50.26\",\"currency\":\"CNY\",\"request_id\":\"w-" + nextId() + "\"}";
        // Money leaves the platform through a channel; the withdraw route is the operator's adjustment.
        String mine = "{\"amount\":\"1.00\",\"currency\":\"CNY\",\"request_id\":\"w-" + nextId() + "\"}";
        assertThat(api.post("/v1/users/" + u.id() + "/withdraw", u.token(), mine).status()).isEqualTo(403);
        assertThat(api.post("/v1/users/" + u.id() + "/topup", u.token(), mine).status()).isEqualTo(403);
        assertThat(f.balance(u.wallet())).isEqualTo("50.25");
        Reply refused = api.post("/v1/users/" + u.id() + "/withdraw", adminKey, tooMuch);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("insufficient_funds");
        String withdraw = "{\"amount\":\"20.25\",\"currency\":\"CNY\",\"request_id\":\"w-" + nextId() + "\"}";
        assertThat(api.post("/v1/users/" + u.id() + "/withdraw", adminKey, withdraw).status()).isEqualTo(200);
        assertThat(api.post("/v1/users/" + u.id() + "/withdraw", adminKey, withdraw).body().get("result").asText())
                .isEqualTo("exists");
        assertThat(f.balance(u.wallet())).isEqualTo("30.00");
        Reply wrongCurrency = api.post("/v1/users/" + u.id() + "/topup", adminKey,
                "{\"amount\":\"1\",\"currency\":\"USD\",\"request_id\":\"x-" + nextId() + "\"}");
        assertThat(wrongCurrency.errorCode()).isEqualTo("currency_mismatch");
        Reply topUpOfNobody = api.post("/v1/users/" + (Long.parseLong(u.id()) + 1) + "/topup", adminKey, body);
        assertThat(topUpOfNobody.status()).isEqualTo(404);
    }

    @Test
    void transfersAnswerPerItemInRequestOrderAndRetriesAreIdempotent() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createUserNear(a, "CNY");
        long t1 = idFor(a.wallet(), nextId());
        long t2 = idFor(a.wallet(), nextId());
        long t3 = idFor(a.wallet(), nextId());
        String body = batch(transfer(t1, a.wallet(), b.wallet(), "3.00", "\"user_data\":\"77\",\"code\":5"),
                transfer(t2, a.wallet(), b.wallet(), "8.00", null),
                transfer(t3, a.wallet(), b.wallet(), "7.00", null));
        Reply r = api.post("/v1/transfers", adminKey, body);
        assertThat(results(r)).containsExactly("ok", "insufficient_funds", "ok");
        assertThat(r.body().at("/results/2/id").asText()).isEqualTo(Long.toString(t3));
        assertThat(f.balance(a.wallet())).isEqualTo("0.00");
        assertThat(f.balance(b.wallet())).isEqualTo("10.00");

        Reply retry = api.post("/v1/transfers", adminKey, batch(
                transfer(t1, a.wallet(), b.wallet(), "3.00", "\"user_data\":\"77\",\"code\":5"),
                transfer(t3, a.wallet(), b.wallet(), "7.00", null),
                transfer(t3, a.wallet(), b.wallet(), "6.00", null)));
        assertThat(results(retry)).containsExactly("exists", "exists", "exists_with_different_fields");
        assertThat(f.balance(b.wallet())).isEqualTo("10.00");

        Reply got = api.get("/v1/transfers/" + t1, adminKey);
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        JsonNode t = got.body();
        assertThat(t.get("debit_account_id").asText()).isEqualTo(a.wallet());
        assertThat(t.get("credit_account_id").asText()).isEqualTo(b.wallet());
        assertThat(t.get("amount").asText()).isEqualTo("3.00");
        assertThat(t.get("currency").asText()).isEqualTo("CNY");
        assertThat(t.get("code").asInt()).isEqualTo(5);
        assertThat(t.get("user_data").asText()).isEqualTo("77");
        assertThat(t.get("pending_id").asText()).isEqualTo("0");
        assertThat(Long.parseLong(t.get("timestamp").asText())).isPositive();
        assertThat(t.has("pending_status")).isFalse();
        assertThat(api.get("/v1/transfers/" + t2, adminKey).status()).isEqualTo(404);
    }

    @Test
    void pendingTransfersArePostedOrVoidedThroughTheApi() {
        NewUser a = f.createFundedUser("100.00");
        NewUser b = f.createUserNear(a, "CNY");
        long p1 = idFor(a.wallet(), nextId());
        long p2 = idFor(a.wallet(), nextId());
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(p1, a.wallet(), b.wallet(), "10.00", "\"flags\":[\"pending\"],\"timeout_seconds\":3600"),
                transfer(p2, a.wallet(), b.wallet(), "20.00", "\"flags\":[\"pending\"]")))))
                .containsExactly("ok", "ok");
        JsonNode wallet = f.account(a.wallet());
        assertThat(wallet.get("debits_pending").asText()).isEqualTo("30.00");
        assertThat(wallet.get("balance").asText()).isEqualTo("100.00");
        assertThat(wallet.get("available").asText()).isEqualTo("70.00");
        assertThat(api.get("/v1/transfers/" + p1, adminKey).body().get("pending_status").asText())
                .isEqualTo("pending");

        long post = idFor(a.wallet(), nextId());
        long voidIt = idFor(a.wallet(), nextId());
        String postItem = "{\"id\":\"" + post + "\",\"debit_account_id\":\"" + a.wallet() + "\",\"credit_account_id\":\""
                + b.wallet() + "\",\"amount\":\"6.00\",\"currency\":\"CNY\",\"flags\":[\"post_pending\"],"
                + "\"pending_id\":\"" + p1 + "\"}";
        String voidItem = "{\"id\":\"" + voidIt + "\",\"debit_account_id\":\"" + a.wallet()
                + "\",\"credit_account_id\":\"" + b.wallet() + "\",\"currency\":\"CNY\",\"flags\":[\"void_pending\"],"
                + "\"pending_id\":\"" + p2 + "\"}";
        assertThat(results(api.post("/v1/transfers", a.token(),
                batch(postItem, voidItem)))).containsExactly("ok", "ok");
        assertThat(f.balance(a.wallet())).isEqualTo("94.00");
        assertThat(f.balance(b.wallet())).isEqualTo("6.00");
        assertThat(f.account(a.wallet()).get("debits_pending").asText()).isEqualTo("0.00");
        assertThat(api.get("/v1/transfers/" + p1, adminKey).body().get("pending_status").asText())
                .isEqualTo("posted");
        assertThat(api.get("/v1/transfers/" + p2, adminKey).body().get("pending_status").asText())
                .isEqualTo("voided");
        JsonNode posted = api.get("/v1/transfers/" + post, adminKey).body();
        assertThat(posted.get("amount").asText()).isEqualTo("6.00");
        assertThat(posted.get("pending_id").asText()).isEqualTo(Long.toString(p1));

        String postVoided = postItem.replace(Long.toString(post), Long.toString(idFor(a.wallet(), nextId())))
                .replace(Long.toString(p1), Long.toString(p2));
        assertThat(results(api.post("/v1/transfers", adminKey, batch(postVoided))))
                .containsExactly("pending_already_voided");
    }

    @Test
    void linkedChainsSucceedOrFailTogetherAlsoAcrossShards() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createUserNear(a, "CNY");
        long c1 = idFor(a.wallet(), nextId());
        long c2 = idFor(a.wallet(), nextId());
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(c1, a.wallet(), b.wallet(), "4.00", "\"flags\":[\"linked\"]"),
                transfer(c2, a.wallet(), b.wallet(), "7.00", null)))))
                .containsExactly("linked_event_failed", "insufficient_funds");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");

        NewUser other = userOnOtherShardThan(a);
        long s1 = idFor(a.wallet(), nextId());
        long s2 = idFor(other.wallet(), nextId());
        long alone = idFor(a.wallet(), nextId());
        // A chain whose second transfer comes from another shard: one transaction, all or nothing.
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(s1, a.wallet(), b.wallet(), "1.00", "\"flags\":[\"linked\"]"),
                transfer(s2, other.wallet(), a.wallet(), "100.00", null),
                transfer(alone, a.wallet(), b.wallet(), "1.00", null)))))
                .containsExactly("linked_event_failed", "insufficient_funds", "ok");
        assertThat(f.balance(a.wallet())).isEqualTo("9.00");
        assertThat(f.balance(other.wallet())).isEqualTo("5.00");
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(nextId(), a.wallet(), b.wallet(), "1.00", "\"flags\":[\"linked\"]"),
                transfer(nextId(), other.wallet(), a.wallet(), "2.00", null)))))
                .containsExactly("ok", "ok");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
        assertThat(f.balance(other.wallet())).isEqualTo("3.00");
        long single = idFor(a.wallet(), nextId());
        String across = transfer(single, a.wallet(), other.wallet(), "1.00", null);
        assertThat(results(api.post("/v1/transfers", adminKey, batch(across)))).containsExactly("ok");
        assertThat(results(api.post("/v1/transfers", adminKey, batch(across)))).containsExactly("exists");
        assertThat(f.balance(other.wallet())).isEqualTo("4.00");
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(nextId(), a.wallet(), other.wallet(), "1.00", "\"flags\":[\"pending\"]")))))
                .containsExactly("cross_shard_pending_not_supported");
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(nextId(), a.wallet(), b.wallet(), "1.00", "\"flags\":[\"linked\"]")))))
                .containsExactly("linked_event_chain_open");
        assertThat(results(api.post("/v1/transfers", adminKey, batch(
                transfer(nextId(), a.wallet(), other.wallet(), "1.00", "\"flags\":[\"linked\"]")))))
                .containsExactly("linked_event_chain_open");
    }

    private NewUser userOnOtherShardThan(NewUser a) {
        int shardOfA = f.service.shardOf(Long.parseLong(a.id()));
        for (int attempt = 0; attempt < 64; attempt++) {
            NewUser u = f.createFundedUser("5.00");
            if (f.service.shardOf(Long.parseLong(u.id())) != shardOfA) {
                return u;
            }
        }
        throw new AssertionError("64 random users all landed on shard " + shardOfA);
    }

    @Test
    void historyPagesNewestFirstAndBalancesAtATime() {
        NewUser a = f.createFundedUser("100.00");
        NewUser b = f.createUserNear(a, "CNY");
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long id = idFor(a.wallet(), nextId());
            ids.add(id);
            assertThat(results(api.post("/v1/transfers", adminKey,
                    batch(transfer(id, a.wallet(), b.wallet(), i + ".00", null))))).containsExactly("ok");
        }
        String path = "/v1/accounts/" + b.wallet() + "/transfers";
        Reply page1 = api.get(path + "?limit=2", b.token());
        assertThat(page1.status()).as(page1.toString()).isEqualTo(200);
        assertThat(idsOf(page1)).containsExactly(ids.get(4), ids.get(3));
        String nextTo = page1.body().get("next_to").asText();
        Reply page2 = api.get(path + "?limit=2&to=" + nextTo, b.token());
        assertThat(idsOf(page2)).containsExactly(ids.get(2), ids.get(1));
        Reply page3 = api.get(path + "?limit=2&to=" + page2.body().get("next_to").asText(), b.token());
        assertThat(idsOf(page3)).containsExactly(ids.get(0));
        assertThat(page3.body().get("next_to").isNull()).isTrue();

        JsonNode third = api.get("/v1/transfers/" + ids.get(2), adminKey).body();
        String thirdAt = third.get("created_at").asText();
        Reply fromThird = api.get(path + "?from=" + thirdAt, adminKey);
        assertThat(idsOf(fromThird)).containsExactly(ids.get(4), ids.get(3), ids.get(2));

        Reply at = api.get("/v1/accounts/" + b.wallet() + "/balance?at=" + thirdAt, b.token());
        assertThat(at.status()).as(at.toString()).isEqualTo(200);
        assertThat(at.body().get("credits_posted").asText()).isEqualTo("6.00");
        assertThat(at.body().get("balance").asText()).isEqualTo("6.00");
        assertThat(at.body().get("account_id").asText()).isEqualTo(b.wallet());
        Reply before = api.get("/v1/accounts/" + b.wallet() + "/balance?at=2000-01-01T00:00:00Z", adminKey);
        assertThat(before.body().get("balance").asText()).isEqualTo("0.00");
        Reply now = api.get("/v1/accounts/" + b.wallet() + "/balance?at=2200-01-01T00:00:00Z", adminKey);
        assertThat(now.body().get("balance").asText()).isEqualTo("15.00");
    }

    private static List<Long> idsOf(Reply page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        page.body().get("transfers").forEach(t -> out.add(Long.parseLong(t.get("id").asText())));
        return out;
    }

    @Test
    void accountsAreCreatedInBatchesIdempotentlyAndClosed() {
        NewUser u = f.createFundedUser("10.00");
        long slot = Long.parseLong(u.id()) >>> 53;
        String chosen = Long.toString(slot << 53 | (1L << 20) + nextId());
        String otherSlot = Long.toString(((slot + 1) % 1024) << 53 | (1L << 20) + nextId());
        String item = "{\"id\":\"" + chosen + "\",\"user_id\":\"" + u.id() + "\",\"currency\":\"CNY\",\"code\":20,"
                + "\"flags\":[\"debits_must_not_exceed_credits\",\"history\"],\"user_data\":\"9\"}";
        Reply first = api.post("/v1/accounts", u.token(), "{\"accounts\":[" + item + ","
                + "{\"user_id\":\"" + u.id() + "\",\"currency\":\"JPY\"},"
                + "{\"id\":\"" + otherSlot + "\",\"user_id\":\"" + u.id() + "\",\"currency\":\"CNY\"}]}");
        assertThat(results(first)).containsExactly("ok", "ok", "account_id_not_in_owner_slot");
        assertThat(first.body().at("/results/0/id").asText()).isEqualTo(chosen);
        String drawn = first.body().at("/results/1/id").asText();
        assertThat(Long.parseLong(drawn) >>> 53).isEqualTo(slot);
        assertThat(results(api.post("/v1/accounts", adminKey, "{\"accounts\":[" + item + ","
                + item.replace("\"code\":20", "\"code\":21") + "]}")))
                .containsExactly("exists", "exists_with_different_fields");

        JsonNode account = f.account(chosen);
        assertThat(account.get("code").asInt()).isEqualTo(20);
        assertThat(account.get("user_data").asText()).isEqualTo("9");
        // A user's key makes balance-limited accounts only (the flag is forced when not asked for).
        assertThat(account.get("flags").toString()).isEqualTo("[\"debits_must_not_exceed_credits\",\"history\"]");
        assertThat(f.account(drawn).get("flags").toString()).contains("debits_must_not_exceed_credits");
        assertThat(f.account(drawn).get("currency").asText()).isEqualTo("JPY");

        assertThat(results(api.post("/v1/transfers", u.token(),
                batch(transfer(nextId(), u.wallet(), chosen, "2.50", null))))).containsExactly("ok");
        Reply holding = api.post("/v1/accounts/" + chosen + "/close", u.token(), "");
        assertThat(holding.status()).as("an account with money in it stays open").isEqualTo(409);
        assertThat(holding.errorCode()).isEqualTo("account_has_balance");
        assertThat(results(api.post("/v1/transfers", u.token(),
                batch(transfer(nextId(), chosen, u.wallet(), "2.50", null))))).containsExactly("ok");
        Reply closed = api.post("/v1/accounts/" + chosen + "/close", u.token(), "");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.body().get("result").asText()).isEqualTo("ok");
        assertThat(f.account(chosen).get("flags").toString()).contains("closed");
        assertThat(results(api.post("/v1/transfers", u.token(),
                batch(transfer(nextId(), u.wallet(), chosen, "1.00", null))))).containsExactly("account_closed");
        Reply again = api.post("/v1/accounts/" + chosen + "/close", adminKey, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("account_already_closed");
        assertThat(f.balance(chosen)).isEqualTo("0.00");
        assertThat(api.get("/v1/accounts/" + otherSlot, adminKey).status()).isEqualTo(404);
    }

    @Test
    void aFullBatchIsAcceptedAndOneMoreIsRefusedWhole() {
        NewUser a = f.createFundedUser("100000.00");
        NewUser b = f.createUserNear(a, "CNY");
        long base = nextId() * 10_000;
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 8190; i++) {
            items.append(i == 0 ? "" : ",").append(transfer(base + i, a.wallet(), b.wallet(), "0.01", null));
        }
        Reply full = api.post("/v1/transfers", adminKey, "{\"transfers\":[" + items + "]}");
        assertThat(results(full)).hasSize(8190).containsOnly("ok");
        assertThat(f.balance(b.wallet())).isEqualTo("81.90");

        String over = "{\"transfers\":[" + items + "," + transfer(base + 8190, a.wallet(), b.wallet(), "0.01", null)
                + "]}";
        Reply refused = api.post("/v1/transfers", adminKey, over);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("batch_too_large");
        assertThat(refused.errorField()).isEqualTo("transfers");
        assertThat(refused.errorMessage()).contains("8190", "maxBatchTransfers");
        assertThat(api.get("/v1/transfers/" + (base + 8190), adminKey).status()).isEqualTo(404);
        assertThat(f.balance(b.wallet())).isEqualTo("81.90");
    }

    @Test
    void healthAndMetricsReportTheNode() {
        Reply health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("ok");
        assertThat(health.body().get("shards").asInt()).isEqualTo(2);
        assertThat(api.get("/metrics", null).text()).contains("atta_http_requests_seconds_count");
    }

    @Test
    void unknownRoutesAnswerNotFoundAsJson() {
        Reply r = api.get("/v1/nothing-here", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.body()).as(r.toString()).isNotNull();
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(api.get("/v1/transfers/" + nextId(), adminKey).errorCode()).isEqualTo("not_found");
        assertThat(api.get("/v1/accounts/" + nextId(), adminKey).errorCode()).isEqualTo("not_found");
    }
}
