package io.atta.server.http;

import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A listing over shards: each shard read gives its matching items after the page's cursor, and
 * the page is the first {@code limit} of them all in id order. Ids are unique platform-wide (they
 * carry their slot), so the cursor, the last id shown, continues the listing exactly.
 */
public final class ShardPages {
    private ShardPages() {
    }

    /**
     * One page of the items {@code matching} reads from {@code shards} (null: every shard).
     * {@code matching} runs under the shard's read lock and must return copies.
     */
    public static <T> CompletableFuture<List<T>> page(ServerLedger ledger, int[] shards, PageQuery page,
                                                      ToLongFunction<T> idOf, Function<ShardLedger, List<T>> matching) {
        Comparator<T> byId = Comparator.comparingLong(idOf);
        List<CompletableFuture<List<T>>> reads = new ArrayList<>();
        int count = shards == null ? ledger.shardCount() : shards.length;
        for (int i = 0; i < count; i++) {
            reads.add(ledger.readShard(shards == null ? i : shards[i], l -> {
                List<T> out = new ArrayList<>();
                for (T item : matching.apply(l)) {
                    if (idOf.applyAsLong(item) > page.afterId()) {
                        out.add(item);
                    }
                }
                out.sort(byId);
                return out.size() > page.limit() ? new ArrayList<>(out.subList(0, page.limit())) : out;
            }));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> all = new ArrayList<>();
            reads.forEach(r -> all.addAll(r.join()));
            all.sort(byId);
            return all.size() > page.limit() ? all.subList(0, page.limit()) : all;
        });
    }

    /** Writes {@code next_after}: the cursor of the next page, null when this one is the last. */
    public static <T> void writeNext(com.fasterxml.jackson.core.JsonGenerator g, PageQuery page, List<T> shown,
                                     ToLongFunction<T> idOf) throws java.io.IOException {
        String next = page.nextAfter(shown.size(), shown.isEmpty() ? 0 : idOf.applyAsLong(shown.get(shown.size() - 1)));
        if (next == null) {
            g.writeNullField("next_after");
        } else {
            g.writeStringField("next_after", next);
        }
    }
}
