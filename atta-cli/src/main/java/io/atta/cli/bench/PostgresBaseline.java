package io.atta.cli.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same transfer workload against PostgreSQL used as a plain SQL ledger, the way most
 * payment systems start: one transaction per transfer that locks both account rows (in id
 * order, so two transfers between the same pair cannot deadlock), checks them, updates both
 * balances and inserts the transfer row. PostgreSQL runs embedded with its durable defaults
 * (fsync on, synchronous_commit on: a commit returns once its WAL record is on disk), each
 * bench client on its own connection.
 */
final class PostgresBaseline {
    /** Flag bit as in {@code AccountFlags}: the debit account may not go below zero. */
    private static final int debitsMustNotExceedCredits = 1;
    private static final int closedFlag = 1 << 3;

    record Outcome(long transfers, double seconds, LatencyHistogram latencies) {
    }

    private final String jdbcUrl;
    private final int accounts;
    private final long maxTransfers;
    private final long deadlineNanos;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private PostgresBaseline(String jdbcUrl, int accounts, long maxTransfers, long deadlineNanos) {
        this.jdbcUrl = jdbcUrl;
        this.accounts = accounts;
        this.maxTransfers = maxTransfers;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Runs up to {@code maxTransfers} transfers between {@code accounts} accounts for at most
     * {@code maxSeconds}, with {@code clients} connections, then checks conservation.
     */
    static Outcome run(Path workDir, int accounts, long maxTransfers, int clients, int maxSeconds, long seed,
                       PrintWriter err) throws IOException, SQLException, InterruptedException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(workDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                // The embedding library turns synchronous_commit off by default; a fair
                // baseline keeps PostgreSQL's own durable defaults.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", Integer.toString(Math.max(100, clients + 10)))
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            createSchema(url, accounts);
            err.printf("[bench] postgres baseline: %,d accounts, %d connections, up to %d s%n", accounts, clients,
                    maxSeconds);
            PostgresBaseline load = new PostgresBaseline(url, accounts, maxTransfers,
                    System.nanoTime() + maxSeconds * 1_000_000_000L);
            Outcome outcome = load.drive(clients, seed, err);
            verify(url, outcome.transfers());
            return outcome;
        }
    }

    private static void createSchema(String url, int accounts) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, ledger int NOT NULL, flags int NOT NULL, "
                    + "debits_posted bigint NOT NULL DEFAULT 0, credits_posted bigint NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE transfers (id bigint PRIMARY KEY, debit_account_id bigint NOT NULL, "
                    + "credit_account_id bigint NOT NULL, amount bigint NOT NULL, ledger int NOT NULL, "
                    + "code int NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO accounts (id, ledger, flags) SELECT g, " + BenchAccounts.currency.ledger()
                    + ", 0 FROM generate_series(1, " + accounts + ") g");
            s.execute("ANALYZE accounts");
        }
    }

    private Outcome drive(int clients, long seed, PrintWriter err) throws InterruptedException {
        LatencyHistogram[] latencies = new LatencyHistogram[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        try (Progress ignored = new Progress("postgres", "transfers", maxTransfers, done, err)) {
            for (int i = 0; i < clients; i++) {
                LatencyHistogram h = latencies[i] = new LatencyHistogram();
                SplittableRandom random = new SplittableRandom(seed + i);
                threads[i] = new Thread(() -> work(random, h), "bench-postgres-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new BenchFailure("postgres baseline failed: " + failure.get(), failure.get());
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : latencies) {
            all.add(h);
        }
        return new Outcome(done.get(), seconds, all);
    }

    private void work(SplittableRandom random, LatencyHistogram latencies) {
        try (SqlLedger ledger = new SqlLedger(DriverManager.getConnection(jdbcUrl))) {
            while (failure.get() == null && System.nanoTime() < deadlineNanos) {
                long id = claimed.incrementAndGet();
                if (id > maxTransfers) {
                    return;
                }
                long debitId = 1 + random.nextInt(accounts);
                long creditId = 1 + random.nextInt(accounts - 1);
                if (creditId >= debitId) {
                    creditId++;
                }
                long amount = 1 + random.nextLong(TransferLoad.maxAmount);
                long sent = System.nanoTime();
                ledger.transfer(id, debitId, creditId, amount);
                latencies.recordNanos(System.nanoTime() - sent);
                done.incrementAndGet();
            }
        } catch (SQLException | BenchFailure e) {
            failure.compareAndSet(null, e);
        }
    }

    /** One connection's prepared statements, and the transfer transaction made of them. */
    private static final class SqlLedger implements AutoCloseable {
        private final Connection c;
        private final PreparedStatement lock;
        private final PreparedStatement debit;
        private final PreparedStatement credit;
        private final PreparedStatement insert;

        SqlLedger(Connection c) throws SQLException {
            this.c = c;
            c.setAutoCommit(false);
            // ORDER BY under FOR UPDATE: PostgreSQL locks the rows in the order it returns them.
            lock = c.prepareStatement("SELECT id, ledger, flags, debits_posted, credits_posted "
                    + "FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE");
            debit = c.prepareStatement("UPDATE accounts SET debits_posted = debits_posted + ? WHERE id = ?");
            credit = c.prepareStatement("UPDATE accounts SET credits_posted = credits_posted + ? WHERE id = ?");
            insert = c.prepareStatement("INSERT INTO transfers "
                    + "(id, debit_account_id, credit_account_id, amount, ledger, code) VALUES (?, ?, ?, ?, ?, ?)");
        }

        void transfer(long id, long debitId, long creditId, long amount) throws SQLException {
            int ledger = BenchAccounts.currency.ledger();
            String refusal = lockAndCheck(debitId, creditId, amount, ledger);
            if (refusal != null) {
                c.rollback();
                throw new BenchFailure("postgres refused transfer " + id + ": " + refusal);
            }
            debit.setLong(1, amount);
            debit.setLong(2, debitId);
            debit.executeUpdate();
            credit.setLong(1, amount);
            credit.setLong(2, creditId);
            credit.executeUpdate();
            insert.setLong(1, id);
            insert.setLong(2, debitId);
            insert.setLong(3, creditId);
            insert.setLong(4, amount);
            insert.setInt(5, ledger);
            insert.setInt(6, 1);
            insert.executeUpdate();
            c.commit();
        }

        /** Locks both rows and returns why the transfer may not go ahead, or null. */
        private String lockAndCheck(long debitId, long creditId, long amount, int ledger)
                throws SQLException {
            lock.setLong(1, debitId);
            lock.setLong(2, creditId);
            int rows = 0;
            try (ResultSet r = lock.executeQuery()) {
                while (r.next()) {
                    rows++;
                    int flags = r.getInt(3);
                    if (r.getInt(2) != ledger) {
                        return "currency_mismatch";
                    }
                    if ((flags & closedFlag) != 0) {
                        return "account_closed";
                    }
                    boolean isDebit = r.getLong(1) == debitId;
                    if (isDebit && (flags & debitsMustNotExceedCredits) != 0 && r.getLong(4) + amount > r.getLong(5)) {
                        return "insufficient_funds";
                    }
                }
            }
            return rows == 2 ? null : "account_not_found";
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    private static void verify(String url, long transfers) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT coalesce(sum(credits_posted - debits_posted), 0) FROM accounts),"
                     + " (SELECT count(*) FROM transfers),"
                     + " (SELECT coalesce(sum(amount), 0) FROM transfers),"
                     + " (SELECT coalesce(sum(debits_posted), 0) FROM accounts)")) {
            r.next();
            if (r.getLong(1) != 0 || r.getLong(2) != transfers || r.getLong(3) != r.getLong(4)) {
                throw new BenchFailure("postgres ledger inconsistent: balance sum " + r.getLong(1) + ", "
                        + r.getLong(2) + " transfer rows for " + transfers + " commits, moved " + r.getLong(3)
                        + " vs posted debits " + r.getLong(4));
            }
        }
    }
}
