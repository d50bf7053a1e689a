package io.atta.server.trades;

import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.TradeView;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.merchants.MerchantDirectory.KnownMerchant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads trades as the API shows them: the order from the shard the trade number names, merged
 * with the record on the buyer's shard. Every read is linearizable (nothing here is kept: a
 * trade's status changes).
 */
final class TradeReader {
    private final ServerLedger ledger;
    private final MerchantDirectory merchants;

    TradeReader(ServerLedger ledger, MerchantDirectory merchants) {
        this.ledger = ledger;
        this.merchants = merchants;
    }

    private record OrderRead(OrderView order, long shardNow) {
    }

    /** An order, and its trade when both live on the shard read (a trade placed on its buyer's shard). */
    private record PlacedRead(OrderView order, TradeView trade, boolean tradeHere, long shardNow) {
    }

    /** A page of orders from one shard, read with that shard's clock. */
    private record ShardPage(List<OrderView> orders, long shardNow) {
    }

    /** One trade as the caller may see it; 404 when there is none, 403 when not the caller's. */
    CompletableFuture<TradeState> view(Caller caller, long tradeNo) {
        return state(tradeNo).thenApply(s -> {
            if (s == null) {
                throw ApiException.notFound("no trade " + tradeNo);
            }
            if (!TradeParties.maySee(caller, s.order().merchantId(), s.order().buyerUserId())) {
                throw ApiException.forbidden("this key may not see trade " + tradeNo, null);
            }
            return s;
        });
    }

    /** One trade, or null when there is none. */
    CompletableFuture<TradeState> state(long tradeNo) {
        int shard = ledger.shardOf(tradeNo);
        return ledger.readShard(shard, l -> {
            OrderView o = l.trades().order(tradeNo);
            boolean here = o != null && o.buyerUserId() != 0 && ledger.shardOf(o.buyerUserId()) == shard;
            return new PlacedRead(o, here ? l.trades().trade(tradeNo) : null, here, l.lastTimestamp());
        }).thenCompose(r -> {
            OrderView o = r.order();
            if (o == null) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<TradeView> trade = o.buyerUserId() == 0 || r.tradeHere()
                    ? CompletableFuture.completedFuture(r.trade())
                    : ledger.readShard(ledger.shardOf(o.buyerUserId()), l -> l.trades().trade(tradeNo));
            return trade.thenCombine(merchants.merchant(o.merchantId()),
                    (t, m) -> new TradeState(o, t, ledgerNow(r.shardNow()), feeRate(m)));
        });
    }

    /**
     * The trade a merchant's out_trade_no names, or null: the one that holds its name on the
     * shard the name number names (the order of that number, or the trade its claim names, which
     * may never have been created).
     */
    CompletableFuture<TradeState> find(long merchantId, String outTradeNo) {
        long nameNo = TradeIds.tradeNo(merchantId, outTradeNo);
        return ledger.readShard(ledger.shardOf(nameNo), l -> l.trades().holderOfName(nameNo))
                .thenCompose(tradeNo -> tradeNo == 0 ? CompletableFuture.completedFuture(null) : state(tradeNo))
                .thenApply(s -> s == null || s.order().merchantId() != merchantId
                        || !s.order().outTradeNo().equals(outTradeNo) ? null : s);
    }

    /** Where a page of a list starts: strictly after the item at ({@code createdAt}, {@code tradeNo}). */
    record Cursor(long createdAt, long tradeNo) {
        static final Cursor first = new Cursor(Long.MAX_VALUE, Long.MAX_VALUE);

        boolean admits(OrderView o) {
            return o.createdAt() < createdAt || o.createdAt() == createdAt && o.tradeNo() < tradeNo;
        }

        String text() {
            return createdAt + ":" + tradeNo;
        }
    }

    record Page(List<TradeState> trades, Cursor next) {
    }

    /**
     * A merchant's trades ({@code bySeller}) or a buyer's, newest first: every shard's newest
     * orders after the cursor, merged, cut to {@code limit}, and completed from their buyers'
     * shards with one read per shard.
     */
    CompletableFuture<Page> list(boolean bySeller, long partyId, Cursor after, int limit) {
        // A shard stamps each command with its own time, so at most one of its orders shares the
        // cursor's time: asking for two more than the page shows whether another page follows.
        long before = after.createdAt() == Long.MAX_VALUE ? Long.MAX_VALUE : after.createdAt() + 1;
        int fetch = limit + 2;
        List<CompletableFuture<ShardPage>> pages = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            pages.add(ledger.readShard(s, l -> new ShardPage(bySeller
                    ? l.trades().ordersOfMerchant(partyId, before, fetch)
                    : l.trades().ordersOfBuyer(partyId, before, fetch), l.lastTimestamp())));
        }
        return CompletableFuture.allOf(pages.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            List<OrderRead> merged = new ArrayList<>();
            for (CompletableFuture<ShardPage> p : pages) {
                ShardPage page = p.join();
                for (OrderView o : page.orders()) {
                    if (after.admits(o)) {
                        merged.add(new OrderRead(o, page.shardNow()));
                    }
                }
            }
            merged.sort(Comparator.comparingLong((OrderRead r) -> r.order().createdAt())
                    .thenComparingLong(r -> r.order().tradeNo()).reversed());
            boolean more = merged.size() > limit;
            List<OrderRead> shown = merged.subList(0, Math.min(limit, merged.size()));
            OrderView last = shown.isEmpty() ? null : shown.get(shown.size() - 1).order();
            Cursor next = more ? new Cursor(last.createdAt(), last.tradeNo()) : null;
            return complete(shown).thenApply(states -> new Page(states, next));
        });
    }

    /** The orders with their buyers' shards' records (one read per shard) and merchants' fee rates. */
    private CompletableFuture<List<TradeState>> complete(List<OrderRead> orders) {
        Map<Integer, List<Long>> byBuyerShard = new HashMap<>();
        Set<Long> sellers = new HashSet<>();
        for (OrderRead r : orders) {
            sellers.add(r.order().merchantId());
            if (r.order().buyerUserId() != 0) {
                byBuyerShard.computeIfAbsent(ledger.shardOf(r.order().buyerUserId()), s -> new ArrayList<>())
                        .add(r.order().tradeNo());
            }
        }
        Map<Long, TradeView> trades = new HashMap<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (Map.Entry<Integer, List<Long>> e : byBuyerShard.entrySet()) {
            List<Long> tradeNos = e.getValue();
            reads.add(ledger.readShard(e.getKey(), l -> {
                List<TradeView> out = new ArrayList<>();
                for (Long tradeNo : tradeNos) {
                    TradeView t = l.trades().trade(tradeNo);
                    if (t != null) {
                        out.add(t);
                    }
                }
                return out;
            }).thenAccept(found -> {
                synchronized (trades) {
                    found.forEach(t -> trades.put(t.tradeNo(), t));
                }
            }));
        }
        CompletableFuture<Map<Long, KnownMerchant>> ms = merchants.merchants(sellers);
        reads.add(ms.thenAccept(m -> { }));
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<TradeState> out = new ArrayList<>(orders.size());
            for (OrderRead r : orders) {
                out.add(new TradeState(r.order(), trades.get(r.order().tradeNo()), ledgerNow(r.shardNow()),
                        feeRate(ms.join().get(r.order().merchantId()))));
            }
            return out;
        });
    }

    /**
     * The time an unpaid trade's deadline is judged by: the order shard's last batch, or the
     * ledger's clock when that is later. A shard that applied nothing since (no rule of it was
     * due: an order bound to a buyer has none) would otherwise keep a trade past its deadline
     * waiting for payment that its buyer's shard refuses (by its own clock) from the deadline on.
     */
    private long ledgerNow(long orderShardNow) {
        return Math.max(orderShardNow, ledger.now());
    }

    private static int feeRate(KnownMerchant m) {
        if (m == null) {
            throw new IllegalStateException("a trade names a merchant its shard lacks");
        }
        return m.record().feeRatePpm();
    }
}
