package io.atta.cli.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every shard's change stream into the PostgreSQL projection (docs/REPORTING.md), one
 * thread and one connection per shard, each page in one transaction with the shard's cursor
 * ({@link ProjectionWriter}). A server that is down or restarting, or a database that is, is
 * retried after {@link #retryDelayMs}; nothing is skipped meanwhile. With {@code once} it stops
 * when every shard has been read to its end; otherwise it long-polls for ever.
 */
final class ReportSync {
    /** How long a shard's reader waits before trying again after the server or database failed it. */
    static final long retryDelayMs = 1_000;
    /** Consecutive failures after which a {@code once} run gives up (a follower never does). */
    static final int maxFailuresOnce = 60;

    record Options(ChangeFeed feed, String jdbcUrl, boolean once, int pageLimit, int waitSeconds) {
    }

    /** What a run did: changes read, rows written, wall time. */
    record Totals(long changes, long rows, long nanos) {
        double changesPerSecond() {
            return nanos == 0 ? 0 : changes * 1e9 / nanos;
        }

        double rowsPerSecond() {
            return nanos == 0 ? 0 : rows * 1e9 / nanos;
        }
    }

    private final Options options;
    private final PrintWriter log;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    ReportSync(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    Totals run() throws IOException, InterruptedException, SQLException {
        long began = System.nanoTime();
        int shards = retrying("read the shard count", options.feed()::shards);
        try (Connection c = DriverManager.getConnection(options.jdbcUrl())) {
            ProjectionSchema.create(c);
        }
        ExecutorService threads = Executors.newFixedThreadPool(shards, r -> {
            Thread t = new Thread(r, "report-sync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> each = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int shard = s;
                each.add(threads.submit(() -> {
                    follow(shard);
                    return null;
                }));
            }
            for (Future<Void> f : each) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("shard sync failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
        }
        return new Totals(changes.get(), rows.get(), System.nanoTime() - began);
    }

    /** Follows one shard: reads a page after the stored cursor and writes it with the next cursor. */
    private void follow(int shard) throws IOException, InterruptedException, SQLException {
        int failures = 0;
        while (true) {
            try (ProjectionWriter writer = new ProjectionWriter(DriverManager.getConnection(options.jdbcUrl(),
                    ProjectionWriter.connectionProperties()))) {
                String cursor = writer.cursor(shard);
                while (true) {
                    ChangeFeed.Page page = options.feed().page(shard, cursor, options.pageLimit(),
                            options.once() ? 0 : options.waitSeconds());
                    ProjectionWriter.Applied applied = writer.apply(page, cursor);
                    failures = 0;
                    if (!applied.written()) {
                        log.printf("shard %d: another sync moved the cursor past %s; going on from there%n", shard,
                                cursor);
                        cursor = writer.cursor(shard);
                        continue;
                    }
                    changes.addAndGet(applied.changes());
                    rows.addAndGet(applied.rows());
                    cursor = page.nextCursor();
                    if (options.once() && !page.more()) {
                        return;
                    }
                }
            } catch (IOException | SQLException e) {
                failures++;
                if (options.once() && failures >= maxFailuresOnce) {
                    throw e;
                }
                log.printf("shard %d: %s; trying again in %d ms%n", shard, e.getMessage(), retryDelayMs);
                Thread.sleep(retryDelayMs);
            }
        }
    }

    private interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    private <T> T retrying(String what, Call<T> call) throws IOException, InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (options.once() && failures >= maxFailuresOnce) {
                    throw e;
                }
                log.printf("cannot %s: %s; trying again in %d ms%n", what, e.getMessage(), retryDelayMs);
                Thread.sleep(retryDelayMs);
            }
        }
    }
}
