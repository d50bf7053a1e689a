package io.atta.cli.bench;

import io.atta.core.command.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same transfer workload against PostgreSQL used as a SQL ledger, in one of two ways
 * ({@link Baseline}): one transaction per transfer ({@link PerTransferSqlLedger}), or one
 * transaction per batch through a stored function ({@link BatchedSqlLedger}). PostgreSQL runs
 * embedded with its durable defaults (fsync on, synchronous_commit on: a commit returns once its
 * WAL record is on disk), each bench client on its own connection. Every answer must be ok (the
 * bench's accounts have no balance limits); at the end the tables must balance.
 */
final class PostgresBaseline {
    /** The transfer code the bench writes, as {@code TransferLoad} does. */
    static final int transferCode = 1;

    /** How PostgreSQL is used. */
    enum Baseline {
        /** One transaction per transfer: the way most payment systems start. */
        postgres("postgres"),
        /** One transaction per batch, set-based, through a PL/pgSQL function: what an expert would write. */
        postgresBatched("postgres-batched");

        final String label;

        Baseline(String label) {
            this.label = label;
        }

        static Baseline ofLabel(String label) {
            for (Baseline b : values()) {
                if (b.label.equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("expected postgres or postgres-batched, got " + label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One connection's way of making transfers; every transaction it commits is durable when it returns. */
    interface SqlLedger extends AutoCloseable {
        /** Makes the transfers, in order, and answers each as Atta would. */
        Result[] transfer(long[] ids, long[] debitIds, long[] creditIds, long[] amounts, int ledger, int code)
                throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /**
     * Up to {@code maxTransfers} transfers between {@code accounts} accounts for at most
     * {@code maxSeconds}, over {@code clients} connections; {@code batch} is the transfers per
     * call of the batched baseline (the per-transfer one commits each alone). Each batch of the
     * batched baseline moves money between the accounts of one of {@code partitions} groups
     * (account ids congruent modulo {@code partitions}), as each of Atta's batches stays on one
     * shard: two batches in one group wait for each other's row locks, batches in two groups run
     * side by side.
     */
    record Plan(Baseline baseline, int accounts, long maxTransfers, int batch, int clients, int maxSeconds,
                long seed, int partitions) {
    }

    /** {@code latencies} are per transaction: one transfer, or one batch. */
    record Outcome(long transfers, double seconds, LatencyHistogram latencies) {
    }

    private final Plan plan;
    private final String jdbcUrl;
    private final int chunk;
    private final long deadlineNanos;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private PostgresBaseline(Plan plan, String jdbcUrl) {
        this.plan = plan;
        this.jdbcUrl = jdbcUrl;
        this.chunk = plan.baseline() == Baseline.postgres ? 1 : plan.batch();
        this.deadlineNanos = System.nanoTime() + plan.maxSeconds() * 1_000_000_000L;
    }

    /** Runs {@code plan} on a fresh embedded PostgreSQL in {@code workDir}, then checks conservation. */
    static Outcome run(Path workDir, Plan plan, PrintWriter err) throws IOException, SQLException,
            InterruptedException {
        try (EmbeddedPostgres pg = start(workDir.resolve(plan.baseline().label), plan.clients())) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(url)) {
                createSchema(c, plan.accounts(), 0);
            }
            err.printf("[bench] %s baseline: %,d accounts, %d connections, %s, up to %d s%n", plan.baseline(),
                    plan.accounts(), plan.clients(), plan.baseline() == Baseline.postgres
                            ? "one transaction per transfer" : "one transaction per " + plan.batch() + " transfers",
                    plan.maxSeconds());
            Outcome outcome = new PostgresBaseline(plan, url).drive(err);
            verify(url, outcome.transfers());
            return outcome;
        }
    }

    /** An embedded PostgreSQL with durable settings in {@code dataDir}. */
    static EmbeddedPostgres start(Path dataDir, int clients) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                // The embedding library turns synchronous_commit off by default; a fair
                // baseline keeps PostgreSQL's own durable defaults.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", Integer.toString(Math.max(100, clients + 10)))
                .start();
    }

    /** The tables, accounts 1..{@code accounts} with {@code flags}, and the batched ledger's function. */
    static void createSchema(Connection c, int accounts, int flags) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, ledger int NOT NULL, flags int NOT NULL, "
                    + "debits_posted bigint NOT NULL DEFAULT 0, credits_posted bigint NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE transfers (id bigint PRIMARY KEY, debit_account_id bigint NOT NULL, "
                    + "credit_account_id bigint NOT NULL, amount bigint NOT NULL, ledger int NOT NULL, "
                    + "code int NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO accounts (id, ledger, flags) SELECT g, " + BenchAccounts.currency.ledger()
                    + ", " + flags + " FROM generate_series(1, " + accounts + ") g");
            s.execute("ANALYZE accounts");
        }
        BatchedSqlLedger.install(c);
    }

    static SqlLedger ledger(Baseline baseline, Connection c) throws SQLException {
        return baseline == Baseline.postgres ? new PerTransferSqlLedger(c) : new BatchedSqlLedger(c);
    }

    private Outcome drive(PrintWriter err) throws InterruptedException {
        LatencyHistogram[] latencies = new LatencyHistogram[plan.clients()];
        Thread[] threads = new Thread[plan.clients()];
        long start = System.nanoTime();
        try (Progress ignored = new Progress(plan.baseline().label, "transfers", plan.maxTransfers(), done, err)) {
            for (int i = 0; i < plan.clients(); i++) {
                LatencyHistogram h = latencies[i] = new LatencyHistogram();
                SplittableRandom random = new SplittableRandom(plan.seed() + i);
                threads[i] = new Thread(() -> work(random, h), "bench-postgres-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new BenchFailure(plan.baseline() + " baseline failed: " + failure.get(), failure.get());
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : latencies) {
            all.add(h);
        }
        return new Outcome(done.get(), seconds, all);
    }

    private void work(SplittableRandom random, LatencyHistogram latencies) {
        int partitions = plan.baseline() == Baseline.postgres ? 1 : plan.partitions();
        try (SqlLedger ledger = ledger(plan.baseline(), DriverManager.getConnection(jdbcUrl))) {
            while (failure.get() == null && System.nanoTime() < deadlineNanos) {
                long first = claimed.getAndAdd(chunk);
                if (first >= plan.maxTransfers()) {
                    return;
                }
                int n = (int) Math.min(chunk, plan.maxTransfers() - first);
                long[] ids = new long[n];
                long[] debits = new long[n];
                long[] credits = new long[n];
                long[] amounts = new long[n];
                int group = random.nextInt(partitions);
                int inGroup = (plan.accounts() - group + partitions - 1) / partitions;
                for (int k = 0; k < n; k++) {
                    ids[k] = first + 1 + k;
                    int debit = random.nextInt(inGroup);
                    int credit = random.nextInt(inGroup - 1);
                    if (credit >= debit) {
                        credit++;
                    }
                    debits[k] = 1 + group + (long) debit * partitions;
                    credits[k] = 1 + group + (long) credit * partitions;
                    amounts[k] = 1 + random.nextLong(TransferLoad.maxAmount);
                }
                long sent = System.nanoTime();
                Result[] results = ledger.transfer(ids, debits, credits, amounts, BenchAccounts.currency.ledger(),
                        transferCode);
                latencies.recordNanos(System.nanoTime() - sent);
                for (int k = 0; k < n; k++) {
                    if (results[k] != Result.ok) {
                        throw new BenchFailure(plan.baseline() + " refused transfer " + ids[k] + ": " + results[k]);
                    }
                }
                done.addAndGet(n);
            }
        } catch (SQLException | BenchFailure e) {
            failure.compareAndSet(null, e);
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
