package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cluster.AttaNode;
import io.atta.cluster.LedgerService;
import io.atta.cluster.NodeOptions;
import io.atta.core.Ids;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server on 127.0.0.1 and a free port over a ledger, with the steps most tests take
 * (create a user, fund it, read an account) done through the API as a user would.
 */
final class ApiFixture implements AutoCloseable {
    static final String adminKey = "test-admin-key-0123456789";
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    final LedgerService service;
    final AttaServer server;
    final HttpApi api;
    final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Runnable ledgerCloser;

    record NewUser(String id, String token, String wallet) {
    }

    private ApiFixture(LedgerService service, Runnable ledgerCloser, boolean ownHealth) {
        this(service, ledgerCloser, ownHealth, false);
    }

    private ApiFixture(LedgerService service, Runnable ledgerCloser, boolean ownHealth, boolean allowPrivateWebhooks) {
        this.service = service;
        this.ledgerCloser = ledgerCloser;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerOptions options = new ServerOptions("127.0.0.1", 0, adminKey)
                .withAllowPrivateWebhooks(allowPrivateWebhooks);
        this.server = ownHealth ? AttaServer.start(service, options, registry, healthy::get)
                : AttaServer.start(service, options, registry);
        this.api = new HttpApi(server.port());
    }

    /** A durable node (SOFAJRaft, RocksDB history) in {@code dir}. */
    static ApiFixture onAttaNode(Path dir, int shards) {
        AttaNode node = AttaNode.start(NodeOptions.of(dir, shards));
        return new ApiFixture(node, node::close, false);
    }

    /**
     * As {@link #onAttaNode}, with {@code --allow-private-webhooks}: for tests whose merchants'
     * receivers listen on 127.0.0.1.
     */
    static ApiFixture onAttaNodeWithLocalWebhooks(Path dir, int shards) {
        AttaNode node = AttaNode.start(NodeOptions.of(dir, shards));
        return new ApiFixture(node, node::close, false, true);
    }

    /**
     * A durable node on a test clock ({@code atta server --test-clock}), sweeping every
     * {@code settlementIntervalSecs} (0: never): {@code /v1/test/clock} moves its time.
     */
    static ApiFixture onTestClockNode(Path dir, int shards, int settlementIntervalSecs) {
        AttaNode node = AttaNode.start(NodeOptions.of(dir, shards).withSettlementIntervalSecs(settlementIntervalSecs)
                .withTestClock(true));
        return new ApiFixture(node, node::close, false);
    }

    /** The in-memory test ledger, with health the test sets. */
    static ApiFixture inMemory(int shards) {
        InMemoryLedgerService service = new InMemoryLedgerService(shards);
        return new ApiFixture(service, () -> { }, true);
    }

    /**
     * As {@link #inMemory}, with {@code --allow-private-webhooks}: for tests whose merchants'
     * notify URLs point at a shop listening on 127.0.0.1.
     */
    static ApiFixture inMemoryWithLocalWebhooks(int shards) {
        InMemoryLedgerService service = new InMemoryLedgerService(shards);
        return new ApiFixture(service, () -> { }, true, true);
    }

    /** A fresh id for transfers and request ids, unique within the test run. */
    static long nextId() {
        return ids.incrementAndGet();
    }

    /** The transfer id {@code n} in the slot of the debit account {@code debit} (n itself if already composed). */
    static long idFor(String debit, long n) {
        return Ids.compose(Ids.slotOf(Long.parseLong(debit)), Ids.localOf(n));
    }

    NewUser createUser(String currency) {
        HttpApi.Reply r = api.post("/v1/users", adminKey, "{\"currency\":\"" + currency + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new NewUser(r.body().get("user_id").asText(), r.body().get("token").asText(),
                r.body().get("wallet_account_id").asText());
    }

    /**
     * A user on the same shard as {@code near}: transfers between two users' accounts need one
     * shard until cross-shard transactions land. Ids are random, so this draws until one fits.
     */
    NewUser createUserNear(NewUser near, String currency) {
        return createUserOnShard(service.shardOf(Long.parseLong(near.id())), currency);
    }

    /** A user whose id lands on {@code shard}: ids are random, so this draws until one fits. */
    NewUser createUserOnShard(int shard, String currency) {
        for (int attempt = 0; attempt < 64; attempt++) {
            NewUser u = createUser(currency);
            if (service.shardOf(Long.parseLong(u.id())) == shard) {
                return u;
            }
        }
        throw new AssertionError("64 random users all landed outside shard " + shard);
    }

    NewUser createFundedUser(String amount) {
        return fund(createUser("CNY"), amount);
    }

    NewUser createFundedUserNear(NewUser near, String amount) {
        return fund(createUserNear(near, "CNY"), amount);
    }

    /** Tops {@code u}'s wallet up by {@code amount} CNY (admin). */
    NewUser fund(NewUser u, String amount) {
        HttpApi.Reply r = api.post("/v1/users/" + u.id() + "/topup", adminKey,
                "{\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"request_id\":\"fund-" + nextId() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return u;
    }

    JsonNode account(String id) {
        HttpApi.Reply r = api.get("/v1/accounts/" + id, adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    String balance(String accountId) {
        return account(accountId).get("balance").asText();
    }

    /** Creates an account for {@code user} through the API; returns its id. */
    String createAccount(NewUser user, String currency, String flags) {
        String body = "{\"accounts\":[{\"user_id\":\"" + user.id() + "\",\"currency\":\"" + currency + "\""
                + (flags == null ? "" : ",\"flags\":" + flags) + "}]}";
        HttpApi.Reply r = api.post("/v1/accounts", adminKey, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().at("/results/0/result").asText()).isEqualTo("ok");
        return r.body().at("/results/0/id").asText();
    }

    /**
     * A transfer item whose id is {@code n} in the debit account's slot ({@link #idFor}), as every
     * transfer id must be (docs/API.md, Transfer ids).
     */
    static String transfer(long n, String debit, String credit, String amount, String extra) {
        return "{\"id\":\"" + idFor(debit, n) + "\",\"debit_account_id\":\"" + debit
                + "\",\"credit_account_id\":\"" + credit
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\"" + (extra == null ? "" : "," + extra) + "}";
    }

    static String batch(String... items) {
        return "{\"transfers\":[" + String.join(",", items) + "]}";
    }

    @Override
    public void close() {
        server.close();
        ledgerCloser.run();
    }
}
