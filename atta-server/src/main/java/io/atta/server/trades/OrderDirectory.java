package io.atta.server.trades;

import io.atta.engine.trade.OrderView;
import io.atta.server.cache.BoundedCache;
import io.atta.server.http.PerShard;
import io.atta.server.http.ServerLedger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Trades' order terms by trade number. An order bound to its buyer no longer changes in
 * anything the edge routes by, so bound orders are kept after their first read and a paid
 * trade's later actions read no order shard; an unbound order is read every time (a buyer may
 * bind it at any moment).
 */
final class OrderDirectory {
    /** Bound orders kept in memory (a couple of hundred bytes each). */
    static final int maxCachedOrders = 1 << 18;

    private final ServerLedger ledger;
    private final BoundedCache<OrderTerms> bound = new BoundedCache<>(maxCachedOrders);

    OrderDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The orders of these trade numbers, those not kept read once per order shard; unknown ones are absent. */
    CompletableFuture<Map<Long, OrderTerms>> lookup(Collection<Long> tradeNos) {
        Map<Long, OrderTerms> known = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (Long tradeNo : tradeNos) {
            OrderTerms kept = bound.get(tradeNo);
            if (kept != null) {
                known.put(tradeNo, kept);
            } else {
                missing.add(tradeNo);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        return PerShard.read(ledger, missing, (l, tradeNo) -> {
            OrderView o = l.trades().order(tradeNo);
            return o == null ? null : OrderTerms.of(o);
        }).thenApply(read -> {
            read.values().forEach(this::remember);
            known.putAll(read);
            return known;
        });
    }

    /** One order, or null. */
    CompletableFuture<OrderTerms> lookup(long tradeNo) {
        return lookup(Set.of(tradeNo)).thenApply(m -> m.get(tradeNo));
    }

    /** Keeps an order's terms once it is bound to its buyer. */
    void remember(OrderTerms terms) {
        if (terms.bound()) {
            bound.put(terms.tradeNo(), terms);
        }
    }
}
