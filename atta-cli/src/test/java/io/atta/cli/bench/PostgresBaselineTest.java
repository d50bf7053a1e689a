package io.atta.cli.bench;

import io.atta.cli.bench.PostgresBaseline.Baseline;
import io.atta.core.AccountFlags;
import io.atta.core.command.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL baselines run the workload on a real, durable PostgreSQL and check their own ledger. */
class PostgresBaselineTest {
    private static final int cny = BenchAccounts.currency.ledger();

    @Test
    void movesMoneyBetweenAccountsAndKeepsTheLedgerBalanced(@TempDir Path dir) throws Exception {
        StringWriter progress = new StringWriter();

        PostgresBaseline.Outcome outcome = PostgresBaseline.run(dir,
                new PostgresBaseline.Plan(Baseline.postgres, 50, 300, 100, 2, 3, 7, 2), new PrintWriter(progress, true));

        // Either all 300 transfers committed or the 3-second bound stopped the run; the run
        // verified conservation and one transfer row per commit before returning.
        assertThat(outcome.transfers()).isBetween(1L, 300L);
        assertThat(outcome.latencies().count()).isEqualTo(outcome.transfers());
        assertThat(progress.toString()).contains("postgres baseline: 50 accounts");
    }

    @Test
    void theBatchedBaselineCommitsWholeBatchesAndKeepsTheLedgerBalanced(@TempDir Path dir) throws Exception {
        StringWriter progress = new StringWriter();

        PostgresBaseline.Outcome outcome = PostgresBaseline.run(dir,
                new PostgresBaseline.Plan(Baseline.postgresBatched, 40, 500, 64, 2, 30, 7, 2),
                new PrintWriter(progress, true));

        // 500 transfers in batches of 64: seven full batches and one of 52, one latency each;
        // the run checked conservation and one row per transfer before returning.
        assertThat(outcome.transfers()).isEqualTo(500);
        assertThat(outcome.latencies().count()).isEqualTo(8);
        assertThat(progress.toString()).contains("postgres-batched baseline: 40 accounts")
                .contains("one transaction per 64 transfers");
    }

    @Test
    void theBatchedBaselineRefusesOverdraftsOneByOneAsAttaDoes(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = PostgresBaseline.start(dir.resolve("pg"), 1);
             Connection c = pg.getPostgresDatabase().getConnection()) {
            // Accounts 1..4 may not go below zero; account 5, the source of funds, may.
            PostgresBaseline.createSchema(c, 4, AccountFlags.debitsMustNotExceedCredits);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO accounts (id, ledger, flags) VALUES (5, " + cny + ", 0), (6, 999, 0)");
            }
            try (PostgresBaseline.SqlLedger ledger = PostgresBaseline.ledger(Baseline.postgresBatched,
                    pg.getPostgresDatabase().getConnection())) {
                Result[] first = ledger.transfer(
                        new long[] {1, 2, 3, 4, 5, 6, 7, 8},
                        new long[] {5, 1, 1, 2, 1, 9, 5, 1},
                        new long[] {1, 2, 2, 1, 2, 1, 6, 2},
                        new long[] {100, 60, 50, 10, 50, 1, 1, 0}, cny, 1);
                // 60 of 100 leaves 40: the 50 would overdraw; 10 back makes it 50, so the next 50 fits.
                assertThat(first).containsExactly(Result.ok, Result.ok, Result.insufficient_funds, Result.ok,
                        Result.ok, Result.account_not_found, Result.currency_mismatch, Result.amount_must_not_be_zero);

                Result[] again = ledger.transfer(new long[] {2, 9, 9}, new long[] {5, 5, 5}, new long[] {3, 3, 3},
                        new long[] {7, 7, 7}, cny, 1);
                assertThat(again).containsExactly(Result.exists, Result.ok, Result.exists);
            }
            assertThat(balances(c)).isEqualTo("1:110/110 2:10/110 3:0/7 4:0/0 5:107/0");
            assertThat(count(c, "SELECT count(*) FROM transfers")).isEqualTo(5);
            assertThat(count(c, "SELECT sum(credits_posted - debits_posted) FROM accounts")).isZero();
        }
    }

    @Test
    void batchedAndPerTransferLedgersAgreeOnSeededTransfersWithLimits(@TempDir Path dir) throws Exception {
        // The same 300 seeded transfers between 12 limited accounts (and a funding account 13),
        // applied one transaction each and as batches of 64: the same answers and balances.
        SplittableRandom random = new SplittableRandom(99);
        int n = 300;
        long[] ids = new long[n];
        long[] debits = new long[n];
        long[] credits = new long[n];
        long[] amounts = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            debits[i] = 1 + random.nextInt(13);
            credits[i] = 1 + (debits[i] + random.nextInt(12)) % 13;
            amounts[i] = 1 + random.nextInt(500);
        }
        String[] outcome = new String[2];
        for (Baseline b : Baseline.values()) {
            try (EmbeddedPostgres pg = PostgresBaseline.start(dir.resolve(b.label), 1);
                 Connection c = pg.getPostgresDatabase().getConnection()) {
                PostgresBaseline.createSchema(c, 12, AccountFlags.debitsMustNotExceedCredits);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO accounts (id, ledger, flags) VALUES (13, " + cny + ", 0)");
                }
                StringBuilder answers = new StringBuilder();
                try (PostgresBaseline.SqlLedger ledger = PostgresBaseline.ledger(b,
                        pg.getPostgresDatabase().getConnection())) {
                    for (int from = 0; from < n; from += 64) {
                        int to = Math.min(n, from + 64);
                        for (Result r : ledger.transfer(slice(ids, from, to), slice(debits, from, to),
                                slice(credits, from, to), slice(amounts, from, to), cny, 1)) {
                            answers.append(r).append(' ');
                        }
                    }
                }
                outcome[b.ordinal()] = answers + "| " + balances(c);
                assertThat(count(c, "SELECT sum(credits_posted - debits_posted) FROM accounts")).isZero();
            }
        }
        assertThat(outcome[0]).contains("insufficient_funds").contains("ok");
        assertThat(outcome[1]).isEqualTo(outcome[0]);
    }

    private static long[] slice(long[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static String balances(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, debits_posted, credits_posted FROM accounts WHERE ledger = "
                     + cny + " ORDER BY id")) {
            while (r.next()) {
                out.append(out.isEmpty() ? "" : " ").append(r.getLong(1)).append(':').append(r.getLong(2))
                        .append('/').append(r.getLong(3));
            }
        }
        return out.toString();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
