package io.atta.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Limits;
import io.atta.engine.ledger.ShardLedger;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list of deposits, withdrawals or payments, newest first: items ordered by
 * (time, id) descending, at most {@code limit} of them, and the cursor ({@code next_after}) that
 * continues with the older ones, or null on the last page.
 */
public record ListPage<T>(List<T> items, Cursor next) {
    /** Items a page holds when the request does not say. */
    public static final int defaultPageSize = 100;

    /** Where a page starts: strictly after (older than) the item at ({@code at}, {@code id}). */
    public record Cursor(long at, long id) {
        public static final Cursor first = new Cursor(Long.MAX_VALUE, Long.MAX_VALUE);

        public boolean admits(long itemAt, long itemId) {
            return itemAt < at || (itemAt == at && itemId < id);
        }

        /** The text a reply shows as {@code next_after}: {@code "<time ns>:<id>"}. */
        public String text() {
            return at + ":" + id;
        }

        /** {@code after}: a {@code next_after} of an earlier page; null gives the first page. */
        public static Cursor parse(String text) {
            if (text == null) {
                return first;
            }
            int colon = text.indexOf(':');
            long at = colon < 0 ? -1 : ValueText.decimalId(text.substring(0, colon));
            long id = colon < 0 ? -1 : ValueText.decimalId(text.substring(colon + 1));
            if (at < 0 || id <= 0) {
                throw ApiException.invalidField("after", "must be the next_after of an earlier page, such as "
                        + "\"1795000000000000000:42\"");
            }
            return new Cursor(at, id);
        }
    }

    /** What a list request asks for: at most {@code limit} items past {@code after}. */
    public record Query(int limit, Cursor after) {
        /** The {@code limit} and {@code after} query parameters; {@code known} lists every parameter of the route. */
        public static Query of(ApiCall call, Set<String> known) {
            return new Query(ListPage.limit(call.query("limit", known)), Cursor.parse(call.query("after", known)));
        }
    }

    /** {@code limit}: 1 to {@link Limits#maxPageSize}, {@link #defaultPageSize} when absent. */
    public static int limit(String text) {
        if (text == null) {
            return defaultPageSize;
        }
        long v = ValueText.decimalId(text);
        if (v < 1 || v > Limits.maxPageSize) {
            throw ApiException.invalidField("limit", "must be an integer from 1 to " + Limits.maxPageSize
                    + " (maxPageSize)");
        }
        return (int) v;
    }

    /** Cuts items already ordered newest first and past the cursor to a page. */
    public static <T> ListPage<T> of(List<T> ordered, int limit, ToLongFunction<T> at, ToLongFunction<T> id) {
        if (ordered.size() <= limit) {
            return new ListPage<>(List.copyOf(ordered), null);
        }
        List<T> shown = List.copyOf(ordered.subList(0, limit));
        T last = shown.get(limit - 1);
        return new ListPage<>(shown, new Cursor(at.applyAsLong(last), id.applyAsLong(last)));
    }

    /**
     * A page over the given shards: each shard's {@code read} answers its matching records (copies),
     * each shard keeps those past the cursor, newest first, one more than the page; the pieces are
     * merged and cut.
     */
    public static <T> CompletableFuture<ListPage<T>> acrossShards(ServerLedger ledger, int[] shards,
                                                                  Function<ShardLedger, List<T>> read,
                                                                  ToLongFunction<T> at, ToLongFunction<T> id,
                                                                  Query query) {
        Cursor after = query.after();
        int limit = query.limit();
        Comparator<T> newestFirst = Comparator.comparingLong(at).thenComparingLong(id).reversed();
        List<CompletableFuture<List<T>>> pieces = new ArrayList<>(shards.length);
        for (int shard : shards) {
            pieces.add(ledger.readShard(shard, l -> {
                List<T> out = new ArrayList<>();
                for (T item : read.apply(l)) {
                    if (after.admits(at.applyAsLong(item), id.applyAsLong(item))) {
                        out.add(item);
                    }
                }
                out.sort(newestFirst);
                return out.size() > limit ? new ArrayList<>(out.subList(0, limit + 1)) : out;
            }));
        }
        return CompletableFuture.allOf(pieces.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> merged = new ArrayList<>();
            for (CompletableFuture<List<T>> p : pieces) {
                merged.addAll(p.join());
            }
            merged.sort(newestFirst);
            return of(merged, limit, at, id);
        });
    }

    /** Writes one item's fields. */
    @FunctionalInterface
    public interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** The page as a reply: its items under {@code name}, and {@code next_after} (null on the last page). */
    public Reply reply(String name, ItemWriter<T> item) {
        return Reply.ok(g -> {
            g.writeArrayFieldStart(name);
            for (T t : items) {
                g.writeStartObject();
                item.write(g, t);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (next == null) {
                g.writeNullField("next_after");
            } else {
                g.writeStringField("next_after", next.text());
            }
        });
    }

    /** Every shard's number, for lists that span them all. */
    public static int[] allShards(ServerLedger ledger) {
        int[] all = new int[ledger.shardCount()];
        for (int s = 0; s < all.length; s++) {
            all[s] = s;
        }
        return all;
    }
}
