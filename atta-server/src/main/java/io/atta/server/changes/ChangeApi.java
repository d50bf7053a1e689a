package io.atta.server.changes;

import io.atta.cluster.Change;
import io.atta.cluster.HistoryReader;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/changes?shard=&after=&limit=&wait=} (admin or reporting key): a shard's committed
 * changes after a cursor, in commit order (docs/REPORTING.md). The read is linearizable: it sees
 * every change acknowledged before it. With {@code wait}, a reader at the end of the stream is
 * answered as soon as a batch lands, or empty after {@code wait} seconds; the wait holds no thread.
 * Delivery is at least once: a reader that stores the last cursor it processed, and passes it as
 * {@code after}, never misses a change, and may see one again only if it did not store its cursor.
 */
final class ChangeApi {
    /** Most changes one reply carries. */
    static final int maxChangesPerPage = 10_000;
    static final int defaultChangesPerPage = 1_000;
    /** The longest a long poll waits for a change (s). */
    static final int maxWaitSeconds = 30;
    private static final Set<String> params = Set.of("shard", "after", "limit", "wait");

    private final ServerLedger ledger;
    private final Map<Byte, RecordChangeJson> records;
    private final Executor serverThreads;

    ChangeApi(ServerLedger ledger, Map<Byte, RecordChangeJson> records, Executor serverThreads) {
        this.ledger = ledger;
        this.records = records;
        this.serverThreads = serverThreads;
    }

    CompletableFuture<Reply> get(ApiCall call) {
        int shard = shard(call.query("shard", params));
        Cursor after = Cursor.parse(call.query("after", params), "after");
        int limit = bounded(call.query("limit", params), "limit", 1, maxChangesPerPage, defaultChangesPerPage,
                "maxChangesPerPage");
        int wait = bounded(call.query("wait", params), "wait", 0, maxWaitSeconds, 0, "maxWaitSeconds");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        return ledger.history(shard).thenCompose(h -> read(h, shard, after, limit, deadline));
    }

    /** Reads a page; an empty one waits (bounded) for the store to pass where it was, then reads again. */
    private CompletableFuture<Reply> read(HistoryReader h, int shard, Cursor after, int limit, long deadline) {
        HistoryReader.ChangePage page = h.changes(after.index(), after.seq(), limit);
        long left = deadline - System.nanoTime();
        if (!page.changes().isEmpty() || left <= 0) {
            return CompletableFuture.completedFuture(reply(shard, after, limit, page));
        }
        return h.indexedPast(page.indexedIndex()).completeOnTimeout(null, left, TimeUnit.NANOSECONDS)
                .thenComposeAsync(v -> read(h, shard, after, limit, deadline), serverThreads);
    }

    private Reply reply(int shard, Cursor after, int limit, HistoryReader.ChangePage page) {
        List<Change> changes = page.changes();
        Change last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        String next = last == null ? after.text() : new Cursor(last.index(), last.seq()).text();
        return new Reply(200, Json.write(256 + changes.size() * 400, g -> {
            g.writeStartObject();
            g.writeNumberField("shard", shard);
            g.writeArrayFieldStart("changes");
            for (Change c : changes) {
                ChangeJson.write(g, shard, c, records);
            }
            g.writeEndArray();
            g.writeStringField("next_cursor", next);
            g.writeBooleanField("more", changes.size() == limit);
            g.writeEndObject();
        }));
    }

    private int shard(String text) {
        if (text == null) {
            throw ApiException.missingField("shard");
        }
        int count = ledger.shardCount();
        try {
            int s = Integer.parseInt(text);
            if (s >= 0 && s < count) {
                return s;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("shard", "must be a shard number, 0.." + (count - 1));
    }

    private static int bounded(String text, String field, int min, int max, int absent, String limitName) {
        if (text == null) {
            return absent;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField(field, "must be an integer in " + min + ".." + max + " (" + limitName + ")");
    }
}
