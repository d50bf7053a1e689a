package io.atta.it;

import io.atta.cli.Main;
import io.atta.client.Account;
import io.atta.client.AttaClient;
import io.atta.client.ClientOptions;
import io.atta.client.RetryPolicy;
import io.atta.cluster.RoutingTableFile;
import io.atta.it.P2pLoader.Wallet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atta report sync} as a real process following a real two-shard server under P2P load,
 * while both are killed with SIGKILL at random moments and restarted: afterwards (and a last
 * {@code sync --once}) the PostgreSQL projection equals the engine, every account's balances as
 * {@code GET /v1/accounts/{id}} shows them, every transfer of the day as the change stream holds it
 * ({@code atta report reconcile}), and no row twice. Seeded: {@code -Datta.seed=…} replays the
 * choices (the kills' timing is the machine's).
 */
class ReportSyncCrashIT {
    private static final int shards = 2;
    private static final int usersPerShard = 4;
    private static final long fundingMinor = 1_000_000_00L;
    private static final int loaders = 2;
    private static final int kills = 6;
    /** Every third kill takes the server down; the others the sync. */
    private static final int serverKillEvery = 3;
    private static final long progressBoundMs = 60_000;
    private static final List<String> serverJvmArgs = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    private static final List<String> serverArgs = List.of("--snapshot-interval", "1");
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir
    Path tmp;

    @Test
    void theProjectionSurvivesKillNineOfTheSyncAndOfTheServer() throws Exception {
        RestartableServer.runSeeded("ReportSyncCrashIT", seed, tmp.resolve("data"), shards, serverJvmArgs, serverArgs,
                this::run);
    }

    private void run(RestartableServer server) throws Exception {
        server.startClean();
        String adminKey = server.adminKey();
        try (AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), adminKey)
                .withRetry(RetryPolicy.none()).withMaxConnections(8).withRequestTimeoutMs(20_000));
             EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg"))
                     .setCleanDataDirectory(true).start()) {
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            String key = reportingKey(server.baseUri(), adminKey);
            List<Wallet> wallets = P2pSetup.fundedWallets(client, RoutingTableFile.load(server.data()), shards,
                    usersPerShard, fundingMinor);
            AtomicBoolean loading = new AtomicBoolean(true);
            P2pLoader.Sinks sinks = new P2pLoader.Sinks(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(),
                    new AtomicLong(), new ConcurrentLinkedQueue<>());
            ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < loaders; t++) {
                Thread th = new Thread(new P2pLoader(client, wallets, t, seed, loading, gate.readLock(), sinks),
                        "report-loader-" + t);
                th.start();
                threads.add(th);
            }
            SplittableRandom random = new SplittableRandom(seed);
            Path syncLog = tmp.resolve("sync.log");
            Process sync = startSync(server.baseUri(), key, jdbc, syncLog);
            try {
                for (int k = 0; k < kills; k++) {
                    P2pSetup.awaitProgress(sinks, 20 + random.nextInt(150), "before kill " + k, seed, progressBoundMs);
                    if (k % serverKillEvery == serverKillEvery - 1) {
                        server.kill();
                        server.startClean();
                    } else {
                        sync.destroyForcibly(); // SIGKILL: a transaction in flight is rolled back by PostgreSQL
                        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        sync = startSync(server.baseUri(), key, jdbc, syncLog);
                    }
                }
                P2pSetup.awaitProgress(sinks, 50, "after the last kill", seed, progressBoundMs);
            } finally {
                loading.set(false);
                for (Thread th : threads) {
                    th.join(TimeUnit.MINUTES.toMillis(3));
                }
                sync.destroyForcibly();
                sync.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(sinks.failures()).as("loader failures (seed %d)", seed).isEmpty();

            String[] once = cli("report", "sync", "--once", "--url", server.baseUri().toString(), "--key", key,
                    "--postgres", jdbc);
            assertThat(once[0]).as("sync --once: %s %s; sync log %s", once[1], once[2], Files.readString(syncLog))
                    .isEqualTo("0");
            try (Connection sql = pg.getPostgresDatabase().getConnection()) {
                assertBalancesEqual(client, sql);
                assertThat(count(sql, "SELECT count(*) FROM (SELECT shard, id FROM transfers GROUP BY 1, 2 "
                        + "HAVING count(*) > 1) d")).isZero();
                assertThat(count(sql, "SELECT sum(changes) FROM atta_sync_cursors"))
                        .as("changes written once each").isEqualTo(streamLength(server.baseUri(), key));
            }
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String[] reconciled = cli("report", "reconcile", "--date", today, "--url", server.baseUri().toString(),
                    "--key", key, "--postgres", jdbc);
            assertThat(reconciled[0]).as(reconciled[1] + reconciled[2]).isEqualTo("0");
            System.out.printf("Report sync crash test (seed %d): %d payments acknowledged; %s%n", seed,
                    sinks.acknowledgedCount().get(), reconciled[1].lines().reduce((a, b) -> b).orElse(""));
        }
    }

    /** Every projected account has the balances the server shows for it, and every wallet is projected. */
    private static void assertBalancesEqual(AttaClient client, Connection sql) throws SQLException {
        List<String> wrong = new ArrayList<>();
        int accounts = 0;
        try (Statement s = sql.createStatement();
             ResultSet r = s.executeQuery("SELECT id, debits_pending, debits_posted, credits_pending, credits_posted "
                     + "FROM accounts")) {
            while (r.next()) {
                accounts++;
                Account a = client.getAccount(r.getLong(1));
                String engine = a.debitsPending() + "/" + a.debitsPosted() + "/" + a.creditsPending() + "/"
                        + a.creditsPosted();
                String projected = r.getLong(2) + "/" + r.getLong(3) + "/" + r.getLong(4) + "/" + r.getLong(5);
                if (!engine.equals(projected)) {
                    wrong.add("account " + r.getLong(1) + ": engine " + engine + ", projection " + projected);
                }
            }
        }
        assertThat(wrong).as("seed %d", seed).isEmpty();
        assertThat(accounts).isGreaterThanOrEqualTo(shards * usersPerShard);
        assertThat(count(sql, "SELECT sum(debits_posted - credits_posted) FROM accounts")).isZero();
    }

    /** How many changes the server's stream holds, over all shards. */
    private static long streamLength(URI base, String key) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long n = 0;
        for (int shard = 0; shard < shards; shard++) {
            String after = "";
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/changes?limit=10000&shard="
                        + shard + (after.isEmpty() ? "" : "&after=" + after))).header("Authorization", "Bearer " + key)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                com.fasterxml.jackson.databind.JsonNode page = json.readTree(r.body());
                n += page.get("changes").size();
                after = page.get("next_cursor").asText();
                if (!page.get("more").asBoolean()) {
                    break;
                }
            }
        }
        return n;
    }

    private static Process startSync(URI server, String key, String jdbc, Path log) throws Exception {
        String jar = System.getProperty("atta.jar");
        assertThat(jar).as("the atta.jar system property (set by the build)").isNotNull();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar, "report", "sync", "--url", server.toString(), "--key", key, "--postgres", jdbc)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs {@code atta args…} in this JVM: exit code, out, err. */
    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static String reportingKey(URI base, String adminKey) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/keys"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"reporting\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("key").asText();
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
