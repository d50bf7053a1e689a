package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cluster.TestClock;
import io.atta.core.Currency;
import io.atta.engine.ledger.HouseAccount;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeSet;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.batch;
import static io.atta.server.ApiFixture.idFor;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.ApiFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/test/clock} on a durable two-shard node started with the test clock: what falls due
 * when the clock moves is applied by the time the advance answers, and without the flag the
 * routes do not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestClockApiTest {
    private static final int intervalSecs = 3_600;
    private static final long nanosPerSecond = 1_000_000_000L;

    private ApiFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onTestClockNode(dir, 2, intervalSecs);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private Reply advance(String body) {
        return f.api.post("/v1/test/clock/advance", adminKey, body);
    }

    /** Moves the clock; returns the reply, checked. */
    private JsonNode advance(long seconds) {
        Reply r = advance("{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("advanced_seconds").asLong()).isEqualTo(seconds);
        return r.body();
    }

    private long now() {
        Reply r = f.api.get("/v1/test/clock", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return nanos(r.body());
    }

    /** {@code now_ns}, checked against {@code now}. */
    private static long nanos(JsonNode clock) {
        long ns = Long.parseLong(clock.get("now_ns").asText());
        Instant now = Instant.parse(clock.get("now").asText());
        assertThat(now.getEpochSecond() * nanosPerSecond + now.getNano()).isEqualTo(ns);
        return ns;
    }

    @Test
    void withoutTheFlagTheRoutesDoNotExist(@TempDir Path dir) {
        try (ApiFixture plain = ApiFixture.onAttaNode(dir, 1)) {
            Reply get = plain.api.get("/v1/test/clock", adminKey);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.errorCode()).isEqualTo("not_found");
            Reply post = plain.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":60}");
            assertThat(post.status()).isEqualTo(404);
            assertThat(post.errorCode()).isEqualTo("not_found");
            assertThat(plain.server.routes()).noneMatch(r -> r.contains("/v1/test/"));
        }
    }

    @Test
    void withTheFlagTheServedRoutesAreAllTheDocumentedOnes() throws Exception {
        JsonNode doc;
        try (InputStream in = AttaServer.class.getResourceAsStream(AttaServer.openApiResource)) {
            doc = HttpApi.json.readTree(in);
        }
        assertThat(new TreeSet<>(f.server.routes())).isEqualTo(OpenApiRoutes.documented(doc, true))
                .contains("GET /v1/test/clock", "POST /v1/test/clock/advance");
    }

    @Test
    void advanceRefusesBadRequestsAndMovesNothing() {
        long before = now();
        String limit = "maxAdvanceSeconds";
        assertRefused(advance("{}"), 400, "missing_field", "seconds", "seconds is required");
        assertRefused(advance(""), 400, "invalid_json", null, "empty");
        assertRefused(advance("{\"seconds\":0}"), 400, "invalid_field", "seconds", limit);
        assertRefused(advance("{\"seconds\":-5}"), 400, "invalid_field", "seconds", limit);
        assertRefused(advance("{\"seconds\":" + (TestClock.maxAdvanceSeconds + 1) + "}"), 400, "invalid_field",
                "seconds", limit);
        assertRefused(advance("{\"seconds\":99999999999999999999999}"), 400, "invalid_field", "seconds", limit);
        assertRefused(advance("{\"seconds\":1.5}"), 400, "invalid_field", "seconds", "integer");
        assertRefused(advance("{\"seconds\":\"60\"}"), 400, "invalid_field", "seconds", "integer");
        assertRefused(advance("{\"seconds\":60,\"minutes\":1}"), 400, "unknown_field", "minutes", "minutes");
        assertRefused(f.api.post("/v1/test/clock/advance", null, "{\"seconds\":60}"), 401, "unauthorized", null, "key");
        NewUser user = f.createUser("CNY");
        assertRefused(f.api.post("/v1/test/clock/advance", user.token(), "{\"seconds\":60}"), 403, "forbidden", null,
                "admin");
        assertRefused(f.api.get("/v1/test/clock", user.token()), 403, "forbidden", null, "admin");
        // Every refusal above asked for a minute or more; none of it moved the clock.
        assertThat(now() - before).isLessThan(60 * nanosPerSecond);
    }

    private static void assertRefused(Reply r, int status, String code, String field, String messagePart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
        assertThat(r.errorField()).as(r.toString()).isEqualTo(field);
        assertThat(r.errorMessage()).as(r.toString()).contains(messagePart);
    }

    @Test
    void timeNeverGoesBack() {
        long t0 = now();
        long t1 = nanos(advance(5));
        assertThat(t1).isGreaterThanOrEqualTo(t0 + 5 * nanosPerSecond);
        long t2 = now();
        assertThat(t2).isGreaterThanOrEqualTo(t1);
        long t3 = nanos(advance(1));
        assertThat(t3).isGreaterThanOrEqualTo(t2 + nanosPerSecond);
        assertThat(now()).isGreaterThanOrEqualTo(t3);
    }

    @Test
    void advancingPastAPendingTransfersTimeoutVoidsItByTheTimeTheCallReturns() {
        NewUser a = f.createFundedUser("100.00");
        NewUser b = f.createUserNear(a, "CNY");
        long pending = idFor(a.wallet(), nextId());
        Reply created = f.api.post("/v1/transfers", adminKey, batch(transfer(pending, a.wallet(), b.wallet(), "30.00",
                "\"flags\":[\"pending\"],\"timeout_seconds\":3600")));
        assertThat(created.body().at("/results/0/result").asText()).as(created.toString()).isEqualTo("ok");
        assertThat(f.account(a.wallet()).get("available").asText()).isEqualTo("70.00");

        // Well short of the timeout: still pending.
        advance(3_000);
        assertThat(pendingStatus(pending)).isEqualTo("pending");
        assertThat(f.account(a.wallet()).get("debits_pending").asText()).isEqualTo("30.00");

        advance(601);
        assertThat(pendingStatus(pending)).isEqualTo("expired");
        JsonNode payer = f.account(a.wallet());
        assertThat(payer.get("debits_pending").asText()).isEqualTo("0.00");
        assertThat(payer.get("available").asText()).isEqualTo("100.00");
        assertThat(f.account(b.wallet()).get("credits_pending").asText()).isEqualTo("0.00");
        String post = "{\"id\":\"" + idFor(a.wallet(), nextId()) + "\",\"debit_account_id\":\"" + a.wallet()
                + "\",\"credit_account_id\":\"" + b.wallet() + "\",\"currency\":\"CNY\",\"flags\":[\"post_pending\"],\"pending_id\":\"" + pending + "\"}";
        assertThat(f.api.post("/v1/transfers", adminKey, batch(post)).body().at("/results/0/result").asText())
                .isEqualTo("pending_expired");
    }

    private String pendingStatus(long transferId) {
        return f.api.get("/v1/transfers/" + transferId, adminKey).body().get("pending_status").asText();
    }

    @Test
    void advancingPastASettlementIntervalSweepsByTheTimeTheCallReturns() {
        // Start just after an interval begins, so that the wall clock does not reach the next one
        // while the test runs, and whatever earlier tests left is swept now.
        long intervalNanos = intervalSecs * nanosPerSecond;
        long now = now();
        long nextInterval = (Math.floorDiv(now, intervalNanos) + 1) * intervalNanos;
        advance((nextInterval - now + nanosPerSecond - 1) / nanosPerSecond);

        int globalShard = f.service.routing().shardOfSlot(HouseAccount.globalHomeSlot);
        NewUser user = createUserOffShard(globalShard);
        int shard = f.service.shardOf(Long.parseLong(user.id()));
        String local = Long.toString(HouseAccount.bankFunding.id(f.service.homeSlotOf(shard), Currency.CNY));
        String global = Long.toString(HouseAccount.bankFunding.globalId(Currency.CNY));
        String globalBefore = f.balance(global);
        Reply topUp = f.api.post("/v1/users/" + user.id() + "/topup", adminKey,
                "{\"amount\":\"50.00\",\"currency\":\"CNY\",\"request_id\":\"sweep-" + nextId() + "\"}");
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
        assertThat(f.balance(local)).isEqualTo("-50.00");

        advance(intervalSecs);

        assertThat(f.balance(local)).isEqualTo("0.00");
        assertThat(new java.math.BigDecimal(f.balance(global)))
                .isEqualByComparingTo(new java.math.BigDecimal(globalBefore).subtract(new java.math.BigDecimal("50.00")));
        assertThat(f.balance(user.wallet())).isEqualTo("50.00");
    }

    private NewUser createUserOffShard(int globalShard) {
        for (int attempt = 0; attempt < 64; attempt++) {
            NewUser u = f.createUser("CNY");
            if (f.service.shardOf(Long.parseLong(u.id())) != globalShard) {
                return u;
            }
        }
        throw new AssertionError("64 random users all landed on shard " + globalShard);
    }
}
