package io.atta.cli.report;

import io.atta.cli.CliRun;
import io.atta.cli.RunningNode;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atta report sync} and {@code atta report reconcile} against a real two-shard server on a
 * test clock and a real PostgreSQL: after a seeded workload the projection equals the engine
 * (every account's balances, every transfer), a second sync resumes where the first stopped
 * without a duplicate row, and reconciliation agrees, then finds a row altered by hand.
 */
class ReportSyncTest {
    private static final String adminKey = "report-sync-test-admin-key";
    private static final long seed = Long.getLong("atta.seed", 19);

    @TempDir
    Path dir;

    @Test
    void theProjectionEqualsTheEngineAndReconciliationFindsAnAlteredRow() throws Exception {
        NodeOptions options = new NodeOptions(dir.resolve("data"), "127.0.0.1", 0, 2,
                NodeOptions.defaultSnapshotIntervalSecs, NodeOptions.defaultTickIntervalMs).withTestClock(true)
                .withSettlementIntervalSecs(60);
        try (RunningNode running = RunningNode.start(options, 0, adminKey);
             EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                     .setCleanDataDirectory(true).start();
             Connection sql = pg.getPostgresDatabase().getConnection()) {
            Api api = new Api(running.uri(), adminKey);
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            String key = api.reportingKey();
            Workload work = new Workload(api, seed);
            work.setUp(10, 2);
            work.run(40);

            CliRun first = sync(running, key, jdbc);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertEqual(running.node(), sql);

            work.run(40);
            api.advance(120); // a settlement sweep moves the merchants' receivables
            CliRun second = sync(running, key, jdbc);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("changes/s").contains("rows/s");
            assertEqual(running.node(), sql);
            assertThat(count(sql, "SELECT count(*) FROM trade_events")).isPositive();
            assertThat(count(sql, "SELECT count(*) FROM settlements WHERE pending_status IN ('none','posted')"))
                    .as(table(sql, "SELECT * FROM settlements")).isPositive();
            // Nothing new: a third run reads nothing and writes nothing.
            CliRun third = sync(running, key, jdbc);
            assertThat(third.out()).startsWith("synced 0 changes into 0 rows");

            String day = api.today();
            CliRun agreed = CliRun.atta("report", "reconcile", "--date", day, "--url", running.uri().toString(),
                    "--key", key, "--postgres", jdbc);
            assertThat(agreed.exitCode()).as(agreed.out() + agreed.err()).isZero();
            assertThat(agreed.out()).contains("0 differences").contains("merchant " + work.merchants.get(0).id());

            long feeTransfer = count(sql, "SELECT id FROM transfers WHERE code = 9103 ORDER BY id LIMIT 1");
            try (Statement s = sql.createStatement()) {
                s.executeUpdate("UPDATE transfers SET amount = amount + 1 WHERE code = 9103 AND id = " + feeTransfer);
            }
            CliRun found = CliRun.atta("report", "reconcile", "--date", day, "--url", running.uri().toString(),
                    "--key", key, "--postgres", jdbc);
            assertThat(found.exitCode()).as(found.out() + found.err()).isEqualTo(ReportCommand.differencesFound);
            assertThat(found.out()).contains("DIFFERENCE transfer").contains("/" + feeTransfer + ":")
                    .containsPattern("DIFFERENCE merchant [0-9]+/CNY: fees engine [0-9]+, projection [0-9]+")
                    .contains("DIFFERENCE merchant").contains(": net engine ").contains("3 differences");
        }
    }

    private static CliRun sync(RunningNode running, String key, String jdbc) {
        return CliRun.atta("report", "sync", "--once", "--page", "7", "--url", running.uri().toString(), "--key", key,
                "--postgres", jdbc);
    }

    /**
     * Every account the engine keeps a history of is in the projection with the same balances (or has never
     * moved: all zero and absent), every projected account is the engine's, every projected transfer
     * equals the engine's record, and the projection holds no row twice.
     */
    static void assertEqual(AttaNode node, Connection sql) throws SQLException {
        Map<Long, long[]> projected = new HashMap<>();
        try (Statement s = sql.createStatement();
             ResultSet r = s.executeQuery("SELECT id, shard, debits_pending, debits_posted, credits_pending, "
                     + "credits_posted, currency FROM accounts")) {
            while (r.next()) {
                projected.put(r.getLong(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), Currency.valueOf(r.getString(7)).ledger()});
            }
        }
        List<String> wrong = new ArrayList<>();
        int engineAccounts = 0;
        for (int shard = 0; shard < node.shardCount(); shard++) {
            int s = shard;
            for (AccountState a : node.readStale(shard, ShardLedger::accounts)) {
                if ((a.flags() & AccountFlags.history) == 0) {
                    continue; // its balances are not streamed (docs/REPORTING.md); the workload makes none
                }
                engineAccounts++;
                long[] p = projected.remove(a.id());
                long[] e = {s, a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted(), a.ledger()};
                boolean neverMoved = a.debitsPending() == 0 && a.debitsPosted() == 0 && a.creditsPending() == 0
                        && a.creditsPosted() == 0;
                if (p == null ? !neverMoved : !java.util.Arrays.equals(p, e)) {
                    wrong.add("account " + a.id() + ": engine " + java.util.Arrays.toString(e) + ", projection "
                            + (p == null ? "none" : java.util.Arrays.toString(p)));
                }
            }
        }
        projected.forEach((id, p) -> wrong.add("account " + id + " is in the projection only"));
        int transfers = 0;
        try (Statement s = sql.createStatement();
             ResultSet r = s.executeQuery("SELECT shard, id, debit_account_id, credit_account_id, amount, code, "
                     + "pending_id, pending_status, user_data, timestamp_ns, currency FROM transfers")) {
            while (r.next()) {
                transfers++;
                TransferRecord e = node.history(r.getInt(1)).transfer(r.getLong(2)).orElse(null);
                String p = r.getLong(2) + " " + r.getLong(3) + ">" + r.getLong(4) + " " + r.getLong(5) + " "
                        + r.getString(11) + " " + r.getInt(6) + " " + r.getLong(7) + " " + r.getString(8) + " "
                        + r.getLong(9) + " " + r.getLong(10);
                String x = e == null ? "none" : e.id() + " " + e.debitAccountId() + ">" + e.creditAccountId() + " "
                        + e.amount() + " " + Currency.ofLedger(e.ledger()).name() + " " + e.code() + " " + e.pendingId()
                        + " " + e.status().name().toLowerCase(Locale.ROOT) + " " + e.userData() + " " + e.timestamp();
                if (!p.equals(x)) {
                    wrong.add("transfer on shard " + r.getInt(1) + ": engine " + x + ", projection " + p);
                }
            }
        }
        assertThat(wrong).as("differences between the engine and the projection").isEmpty();
        assertThat(engineAccounts).isGreaterThan(20);
        assertThat(transfers).isGreaterThan(50);
        assertThat(count(sql, "SELECT count(*) FROM (SELECT shard, id FROM transfers GROUP BY 1, 2 HAVING count(*) > 1) d"))
                .isZero();
        // Each account's newest balance row is its balance now.
        assertThat(count(sql, """
                SELECT count(*) FROM accounts a JOIN LATERAL (SELECT * FROM account_balances b
                    WHERE b.account_id = a.id ORDER BY timestamp_ns DESC LIMIT 1) last ON true
                WHERE (last.debits_pending, last.debits_posted, last.credits_pending, last.credits_posted)
                    <> (a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted)""")).isZero();
        // The ledger balances in the projection as in the engine: debits equal credits.
        assertThat(count(sql, "SELECT sum(debits_posted - credits_posted) FROM accounts")).isZero();
    }

    static String table(Connection c, String query) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    b.append(r.getString(i)).append(' ');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
