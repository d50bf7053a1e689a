package io.atta.cluster.transaction;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The transactions this node has answered and not yet resolved everywhere, by shard. A caller
 * is answered once the decision is durable; its pieces on other shards are posted a moment
 * later. A read through this node waits for that moment, so whoever got the answer reads its
 * effect on every shard (read-your-writes through the node that answered, docs/API.md).
 */
final class Settling {
    /** Longest a read waits for resolves in flight, so a participant that is down does not stall reads. */
    static final long maxSettleWaitMs = 5_000;

    private final ConcurrentHashMap<Integer, Set<CompletableFuture<Void>>> byShard = new ConcurrentHashMap<>();

    /** Tracks {@code work} on every shard of the bit set until it completes. */
    void track(long shards, CompletableFuture<Void> work) {
        for (long m = shards; m != 0; m &= m - 1) {
            Set<CompletableFuture<Void>> set = byShard.computeIfAbsent(Long.numberOfTrailingZeros(m),
                    s -> ConcurrentHashMap.newKeySet());
            set.add(work);
            work.whenComplete((v, e) -> set.remove(work));
        }
    }

    /**
     * Completes (never exceptionally) once the work tracked on {@code shard} before the call is
     * done, or after {@link #maxSettleWaitMs}.
     */
    CompletableFuture<Void> settled(int shard) {
        Set<CompletableFuture<Void>> set = byShard.get(shard);
        Object[] now = set == null ? new Object[0] : set.toArray();
        if (now.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[now.length];
        for (int i = 0; i < now.length; i++) {
            all[i] = (CompletableFuture<?>) now[i];
        }
        return CompletableFuture.allOf(all).handle((v, e) -> (Void) null)
                .completeOnTimeout(null, maxSettleWaitMs, TimeUnit.MILLISECONDS);
    }
}
