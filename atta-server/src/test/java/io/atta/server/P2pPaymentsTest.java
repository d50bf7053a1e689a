package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.client.AttaApiException;
import io.atta.client.AttaClient;
import io.atta.client.P2pPayment;
import io.atta.client.P2pPaymentStatus;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code /v1/payments/p2p} end to end over real HTTP, on a durable node with two shards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class P2pPaymentsTest {
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

    private static String payment(String from, String to, String amount, String currency, String requestId) {
        return "{\"from_user_id\":\"" + from + "\",\"to_user_id\":\"" + to + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\",\"request_id\":\"" + requestId + "\"}";
    }

    private Reply pay(String key, NewUser from, NewUser to, String amount, String requestId) {
        return api.post("/v1/payments/p2p", key, payment(from.id(), to.id(), amount, "CNY", requestId));
    }

    private Reply status(String key, String requestId, String fromUserId) {
        return api.get("/v1/payments/p2p/" + requestId + (fromUserId == null ? "" : "?from_user_id=" + fromUserId),
                key);
    }

    private int shardOf(NewUser u) {
        return f.service.shardOf(Long.parseLong(u.id()));
    }

    private NewUser userFar(NewUser near, String currency) {
        for (int attempt = 0; attempt < 64; attempt++) {
            NewUser u = f.createUser(currency);
            if (shardOf(u) != shardOf(near)) {
                return u;
            }
        }
        throw new AssertionError("64 random users all landed on shard " + shardOf(near));
    }

    private void topUp(NewUser u, String amount) {
        Reply r = api.post("/v1/users/" + u.id() + "/topup", adminKey,
                "{\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"request_id\":\"fund-" + nextId() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aPaymentOnOneShardMovesMoneyOnceAndARepeatAnswersExists() {
        NewUser a = f.createFundedUser("100.00");
        NewUser b = f.createUserNear(a, "CNY");
        String requestId = "p-" + nextId();

        Reply paid = pay(a.token(), a, b, "30.50", requestId);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        JsonNode body = paid.body();
        assertThat(body.get("request_id").asText()).isEqualTo(requestId);
        assertThat(body.get("from_user_id").asText()).isEqualTo(a.id());
        assertThat(body.get("to_user_id").asText()).isEqualTo(b.id());
        assertThat(body.get("amount").asText()).isEqualTo("30.50");
        assertThat(body.get("currency").asText()).isEqualTo("CNY");
        assertThat(body.get("result").asText()).isEqualTo("ok");
        assertThat(body.get("cross_shard").asBoolean()).isFalse();
        assertThat(f.balance(a.wallet())).isEqualTo("69.50");
        assertThat(f.balance(b.wallet())).isEqualTo("30.50");

        Reply again = pay(adminKey, a, b, "30.50", requestId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("result").asText()).isEqualTo("exists");
        assertThat(again.body().get("transfer_id")).isEqualTo(body.get("transfer_id"));
        Reply changed = pay(a.token(), a, b, "30.51", requestId);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.errorCode()).isEqualTo("exists_with_different_fields");
        assertThat(f.balance(a.wallet())).isEqualTo("69.50");
        assertThat(f.balance(b.wallet())).isEqualTo("30.50");

        JsonNode transfer = api.get("/v1/transfers/" + body.get("transfer_id").asText(), adminKey).body();
        assertThat(transfer.get("code").asInt()).isEqualTo(9004);
        assertThat(transfer.get("user_data").asText()).isEqualTo(b.id());

        Reply seen = status(a.token(), requestId, null);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.body().get("status").asText()).isEqualTo("completed");
        assertThat(seen.body().get("transfer_id")).isEqualTo(body.get("transfer_id"));
        assertThat(seen.body().get("to_user_id").asText()).isEqualTo(b.id());
        assertThat(seen.body().get("amount").asText()).isEqualTo("30.50");
        assertThat(seen.body().get("currency").asText()).isEqualTo("CNY");
        assertThat(seen.body().get("created_at").asText()).endsWith("Z");
        assertThat(seen.body().has("reason")).isFalse();
        assertThat(status(adminKey, requestId, a.id()).body()).isEqualTo(seen.body());
    }

    @Test
    void aPaymentAcrossShardsIsOneTransactionAndIdempotentToo() {
        NewUser a = f.createFundedUser("50.00");
        NewUser c = userFar(a, "CNY");
        String requestId = "x-" + nextId();

        Reply paid = pay(a.token(), a, c, "20.00", requestId);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.body().get("result").asText()).isEqualTo("ok");
        assertThat(paid.body().get("cross_shard").asBoolean()).isTrue();
        assertThat(f.balance(a.wallet())).isEqualTo("30.00");
        assertThat(f.balance(c.wallet())).isEqualTo("20.00");
        assertThat(f.account(a.wallet()).get("debits_pending").asText()).isEqualTo("0.00");
        assertThat(f.account(c.wallet()).get("credits_pending").asText()).isEqualTo("0.00");

        Reply again = pay(a.token(), a, c, "20.00", requestId);
        assertThat(again.body().get("result").asText()).as(again.toString()).isEqualTo("exists");
        assertThat(again.body().get("cross_shard").asBoolean()).isTrue();
        Reply changed = pay(a.token(), a, c, "21.00", requestId);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.errorCode()).isEqualTo("exists_with_different_fields");
        assertThat(f.balance(a.wallet())).isEqualTo("30.00");
        assertThat(f.balance(c.wallet())).isEqualTo("20.00");

        JsonNode seen = status(a.token(), requestId, a.id()).body();
        assertThat(seen.get("status").asText()).isEqualTo("completed");
        assertThat(seen.get("to_user_id").asText()).isEqualTo(c.id());
        assertThat(seen.get("amount").asText()).isEqualTo("20.00");

        // The payee pays back across shards on its own authority.
        Reply back = pay(c.token(), c, a, "5.00", "back-" + nextId());
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(f.balance(a.wallet())).isEqualTo("35.00");
        assertThat(f.balance(c.wallet())).isEqualTo("15.00");
    }

    @Test
    void refusalsAre409AndMoveNothing() {
        NewUser a = f.createFundedUser("10.00");
        NewUser near = f.createUserNear(a, "CNY");
        NewUser far = userFar(a, "CNY");
        for (NewUser to : List.of(near, far)) {
            String requestId = "poor-" + nextId();
            Reply r = pay(a.token(), a, to, "10.01", requestId);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("insufficient_funds");
            assertThat(status(a.token(), requestId, null).status()).isEqualTo(404);
        }
        Reply self = pay(a.token(), a, a, "1.00", "self-" + nextId());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.errorCode()).isEqualTo("accounts_must_be_different");
        Reply usd = api.post("/v1/payments/p2p", a.token(), payment(a.id(), near.id(), "1.00", "USD", "usd-" + nextId()));
        assertThat(usd.errorCode()).isEqualTo("currency_mismatch");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
        assertThat(f.balance(near.wallet())).isEqualTo("0.00");
        assertThat(f.balance(far.wallet())).isEqualTo("0.00");
    }

    @Test
    void aPaymentTheOtherShardRefusesFailsAndItsOutcomeSaysWhy() {
        NewUser a = f.createFundedUser("10.00");
        NewUser dollars = userFar(a, "USD");
        String requestId = "usd-" + nextId();

        // The payer's shard takes its piece; the payee's shard refuses the CNY credit to a USD wallet.
        Reply r = pay(a.token(), a, dollars, "4.00", requestId);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("currency_mismatch");
        JsonNode wallet = f.account(a.wallet());
        assertThat(wallet.get("balance").asText()).isEqualTo("10.00");
        assertThat(wallet.get("debits_pending").asText()).isEqualTo("0.00");

        Reply seen = status(a.token(), requestId, null);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.body().get("status").asText()).isEqualTo("failed");
        assertThat(seen.body().get("reason").asText()).isEqualTo("currency_mismatch");
        assertThat(seen.body().get("to_user_id").asText()).isEqualTo(dollars.id());
        assertThat(seen.body().get("amount").asText()).isEqualTo("4.00");
        // A retry answers the same refusal: the aborted transaction keeps its id.
        assertThat(pay(a.token(), a, dollars, "4.00", requestId).errorCode()).isEqualTo("currency_mismatch");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
    }

    @Test
    void aUserPaysOnlyFromItselfAndOnlyToUsersThatExist() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createFundedUserNear(a, "10.00");
        Reply stolen = pay(a.token(), b, a, "1.00", "steal-" + nextId());
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.errorCode()).isEqualTo("forbidden");
        assertThat(stolen.errorField()).isEqualTo("from_user_id");

        String nobody = Long.toString(Long.parseLong(b.id()) + 1);
        Reply toNobody = api.post("/v1/payments/p2p", a.token(), payment(a.id(), nobody, "1.00", "CNY", "n-" + nextId()));
        assertThat(toNobody.status()).isEqualTo(404);
        assertThat(toNobody.errorCode()).isEqualTo("not_found");
        assertThat(toNobody.errorField()).isEqualTo("to_user_id");
        Reply fromNobody = api.post("/v1/payments/p2p", adminKey, payment(nobody, a.id(), "1.00", "CNY", "n-" + nextId()));
        assertThat(fromNobody.status()).isEqualTo(404);
        assertThat(fromNobody.errorField()).isEqualTo("from_user_id");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
        assertThat(f.balance(b.wallet())).isEqualTo("10.00");

        String requestId = "mine-" + nextId();
        assertThat(pay(a.token(), a, b, "1.00", requestId).status()).isEqualTo(200);
        assertThat(status(b.token(), requestId, a.id()).status()).isEqualTo(403);
        assertThat(status(b.token(), requestId, a.id()).errorField()).isEqualTo("from_user_id");
        assertThat(status(b.token(), requestId, null).status()).isEqualTo(404);
        Reply adminWithoutPayer = status(adminKey, requestId, null);
        assertThat(adminWithoutPayer.status()).isEqualTo(400);
        assertThat(adminWithoutPayer.errorCode()).isEqualTo("missing_field");
        assertThat(adminWithoutPayer.errorField()).isEqualTo("from_user_id");
        assertThat(status(adminKey, requestId, a.id()).body().get("status").asText()).isEqualTo("completed");
        assertThat(status(adminKey, "never-" + nextId(), a.id()).status()).isEqualTo(404);
        assertThat(api.post("/v1/payments/p2p", null, payment(a.id(), b.id(), "1.00", "CNY", "k")).status())
                .isEqualTo(401);
    }

    @Test
    void badFieldsAre400NamingTheFieldAndChangeNothing() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createUserNear(a, "CNY");
        String ok = payment(a.id(), b.id(), "1.00", "CNY", "bad-" + nextId());
        Map<String, String[]> cases = Map.ofEntries(
                Map.entry(ok.replace("\"to_user_id\":\"" + b.id() + "\",", ""), new String[] {"missing_field", "to_user_id"}),
                Map.entry(ok.replace("\"" + a.id() + "\"", "\"abc\""), new String[] {"invalid_field", "from_user_id"}),
                Map.entry(ok.replace("\"" + b.id() + "\"", "\"0\""), new String[] {"invalid_field", "to_user_id"}),
                Map.entry(ok.replace("\"1.00\"", "\"-1\""), new String[] {"invalid_field", "amount"}),
                Map.entry(ok.replace("\"1.00\"", "\"0\""), new String[] {"invalid_field", "amount"}),
                Map.entry(ok.replace("\"1.00\"", "\"1.001\""), new String[] {"invalid_field", "amount"}),
                Map.entry(ok.replace("\"1.00\"", "100"), new String[] {"invalid_field", "amount"}),
                Map.entry(ok.replace("\"CNY\"", "\"XYZ\""), new String[] {"invalid_field", "currency"}),
                Map.entry(ok.replaceAll("\"bad-[0-9]+\"", "\"has space\""), new String[] {"invalid_field", "request_id"}),
                Map.entry(ok.replaceAll("\"bad-[0-9]+\"", "\"" + "r".repeat(65) + "\""),
                        new String[] {"invalid_field", "request_id"}),
                Map.entry(ok.replaceAll("\"bad-[0-9]+\"", "\"\""), new String[] {"invalid_field", "request_id"}),
                Map.entry(ok.replace("}", ",\"memo\":\"hi\"}"), new String[] {"unknown_field", "memo"}),
                Map.entry("[1]", new String[] {"invalid_json", null}),
                Map.entry("", new String[] {"invalid_json", null}));
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Reply r = api.post("/v1/payments/p2p", adminKey, c.getKey());
            assertThat(r.status()).as(c.getKey() + " → " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(c.getKey() + " → " + r).isEqualTo(c.getValue()[0]);
            assertThat(r.errorField()).as(c.getKey() + " → " + r).isEqualTo(c.getValue()[1]);
        }
        Reply badPath = status(adminKey, "a%20b", a.id());
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.errorField()).isEqualTo("request_id");
        assertThat(status(adminKey, "r", "x").errorField()).isEqualTo("from_user_id");
        assertThat(api.get("/v1/payments/p2p/r?limit=1", a.token()).errorCode()).isEqualTo("unknown_field");
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
        assertThat(f.balance(b.wallet())).isEqualTo("0.00");
    }

    @Test
    void theJavaClientPaysAndReadsTheOutcome() {
        NewUser a = f.createFundedUser("10.00");
        NewUser far = userFar(a, "CNY");
        long from = Long.parseLong(a.id());
        long to = Long.parseLong(far.id());
        String requestId = "client:" + nextId();
        URI uri = URI.create("http://127.0.0.1:" + f.server.port());
        try (AttaClient payer = AttaClient.create(uri, a.token()); AttaClient admin = AttaClient.create(uri, adminKey)) {
            P2pPayment p = payer.p2p(from, to, 250, Currency.CNY, requestId);
            assertThat(p.result()).isEqualTo(Result.ok);
            assertThat(p.crossShard()).isTrue();
            assertThat(p.amount()).isEqualTo(250);
            assertThat(payer.p2p(from, to, 250, Currency.CNY, requestId).result()).isEqualTo(Result.exists);
            P2pPaymentStatus s = admin.getP2p(from, requestId);
            assertThat(s.state()).isEqualTo(P2pPaymentStatus.State.completed);
            assertThat(s.transferId()).isEqualTo(p.transferId());
            assertThat(s.toUserId()).isEqualTo(to);
            assertThat(s.amount()).isEqualTo(250);
            assertThat(s.reason()).isNull();
            assertThat(payer.getP2p(from, requestId)).isEqualTo(s);
            // The transfer itself reads back through the client as the payment the payer made.
            io.atta.client.Transfer t = payer.getTransfer(p.transferId());
            assertThat(t.debitAccountId()).isEqualTo(Long.parseLong(a.wallet()));
            assertThat(t.creditAccountId()).isEqualTo(Long.parseLong(far.wallet()));
            assertThat(t.amount()).isEqualTo(250);
            assertThat(t.flags() & io.atta.core.TransferFlags.crossShard).isNotZero();
            AttaApiException poor = catchThrowableOfType(() -> payer.p2p(from, to, 10_000, Currency.CNY, "poor"),
                    AttaApiException.class);
            assertThat(poor.status()).isEqualTo(409);
            assertThat(poor.code()).isEqualTo("insufficient_funds");
            assertThat(catchThrowableOfType(() -> payer.getP2p(from, "poor"), AttaApiException.class).status())
                    .isEqualTo(404);
        }
        assertThat(f.balance(a.wallet())).isEqualTo("7.50");
        assertThat(f.balance(far.wallet())).isEqualTo("2.50");
    }

    private record Payment(NewUser from, NewUser to, long fen, String requestId) {
        String body() {
            return payment(from.id(), to.id(), String.format("%d.%02d", fen / 100, fen % 100), "CNY", requestId);
        }
    }

    /**
     * Threads pay each other across and within shards while other threads repeat the same
     * requests: each request moves money at most once, every acknowledged one exactly once, and
     * the money in the wallets stays what was put in.
     */
    @Test
    void concurrentPaymentsWithRetriesMoveEachAcknowledgedRequestExactlyOnce() throws Exception {
        int usersPerShard = 3;
        long fundFen = 20_000;
        List<NewUser> users = new ArrayList<>();
        NewUser first = f.createUser("CNY");
        users.add(first);
        while (users.size() < usersPerShard) {
            users.add(f.createUserNear(first, "CNY"));
        }
        NewUser far = userFar(first, "CNY");
        users.add(far);
        while (users.size() < 2 * usersPerShard) {
            users.add(f.createUserNear(far, "CNY"));
        }
        for (NewUser u : users) {
            topUp(u, String.format("%d.%02d", fundFen / 100, fundFen % 100));
        }

        Random random = new Random(42);
        List<Payment> payments = new ArrayList<>();
        String run = "c" + nextId() + "-";
        for (int i = 0; i < 120; i++) {
            int from = random.nextInt(users.size());
            int to = (from + 1 + random.nextInt(users.size() - 1)) % users.size();
            payments.add(new Payment(users.get(from), users.get(to), 1 + random.nextInt(9_000), run + i));
        }
        int threads = 4;
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Payment> mine = new ArrayList<>(payments);
                Collections.shuffle(mine, new Random(t));
                // Every thread sends every payment: each request id is sent four times, often at once.
                done.add(pool.submit(() -> {
                    for (Payment p : mine) {
                        Reply r = api.post("/v1/payments/p2p", p.from().token(), p.body());
                        if (r.status() == 200) {
                            assertThat(r.body().get("result").asText()).isIn("ok", "exists");
                            acknowledged.put(p.requestId(), true);
                        } else {
                            assertThat(r.status()).as(r.toString()).isEqualTo(409);
                            assertThat(r.errorCode()).as(r.toString()).isEqualTo("insufficient_funds");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> expected = new ConcurrentHashMap<>();
        for (NewUser u : users) {
            expected.put(u.id(), fundFen);
        }
        for (Payment p : payments) {
            if (acknowledged.containsKey(p.requestId())) {
                expected.merge(p.from().id(), -p.fen(), Long::sum);
                expected.merge(p.to().id(), p.fen(), Long::sum);
            }
            Reply seen = status(adminKey, p.requestId(), p.from().id());
            assertThat(seen.status()).as(p + " " + seen).isEqualTo(acknowledged.containsKey(p.requestId()) ? 200 : 404);
            if (seen.status() == 200) {
                assertThat(seen.body().get("status").asText()).isEqualTo("completed");
            }
        }
        assertThat(acknowledged).isNotEmpty();
        long total = 0;
        for (NewUser u : users) {
            JsonNode wallet = f.account(u.wallet());
            long fen = new BigDecimal(wallet.get("balance").asText()).movePointRight(2).longValueExact();
            assertThat(fen).as("wallet of " + u.id()).isEqualTo(expected.get(u.id()));
            assertThat(wallet.get("debits_pending").asText()).isEqualTo("0.00");
            assertThat(wallet.get("credits_pending").asText()).isEqualTo("0.00");
            total += fen;
        }
        assertThat(total).isEqualTo(fundFen * users.size());
    }

    @Test
    void aUserListsItsPaymentsAsPayerAndAsPayeeNewestFirstInPages() {
        NewUser payer = f.createFundedUser("50.00");
        NewUser near = f.createUserNear(payer, "CNY");
        NewUser away = f.createUser("CNY");
        List<String> paid = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NewUser to = i == 1 ? near : away;
            Reply r = pay(payer.token(), payer, to, "1.0" + i, "list-" + nextId());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            paid.add(0, r.body().get("transfer_id").asText());
        }
        Reply first = api.get("/v1/payments/p2p?limit=2", payer.token());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().get("payments")).hasSize(2);
        assertThat(first.body().at("/payments/0/transfer_id").asText()).isEqualTo(paid.get(0));
        assertThat(first.body().at("/payments/0/amount").asText()).isEqualTo("1.02");
        assertThat(first.body().at("/payments/0/to_user_id").asText()).isEqualTo(away.id());
        assertThat(first.body().at("/payments/0/status").asText()).isEqualTo("completed");
        Reply second = api.get("/v1/payments/p2p?limit=2&after=" + first.body().get("next_after").asText(),
                payer.token());
        assertThat(second.body().get("payments")).hasSize(1);
        assertThat(second.body().at("/payments/0/transfer_id").asText()).isEqualTo(paid.get(2));
        assertThat(second.body().get("next_after").isNull()).isTrue();

        Reply received = api.get("/v1/payments/p2p?as=payee", away.token());
        assertThat(received.body().get("payments")).hasSize(2);
        assertThat(received.body().at("/payments/0/from_user_id").asText()).isEqualTo(payer.id());
        Reply byAdmin = api.get("/v1/payments/p2p?user_id=" + near.id() + "&as=payee", adminKey);
        assertThat(byAdmin.body().get("payments")).hasSize(1);
        assertThat(byAdmin.body().at("/payments/0/amount").asText()).isEqualTo("1.01");
        assertThat(api.get("/v1/payments/p2p?user_id=" + payer.id(), away.token()).status()).isEqualTo(403);
        assertThat(api.get("/v1/payments/p2p", adminKey).errorField()).isEqualTo("user_id");
        assertThat(api.get("/v1/payments/p2p?as=both", payer.token()).errorField()).isEqualTo("as");
    }
}
