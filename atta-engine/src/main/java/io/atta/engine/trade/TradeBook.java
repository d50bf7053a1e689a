package io.atta.engine.trade;

import io.atta.core.trade.TradeStatus;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One shard's merchants, trades and merchant notifications: the trade domain's part of the shard
 * state machine (docs/ARCHITECTURE.md §2, package {@code trade}). {@link TradeCommands} applies the rules;
 * this class holds the state and answers reads.
 *
 * <p>A trade has up to two records. Its <em>order</em> lives on the shard its number names
 * (derived from the merchant and its out_trade_no, so that either finds it): the terms, the buyer
 * once bound, and an unpaid close. From payment on, the <em>trade</em> lives on the buyer's shard,
 * next to the buyer's wallet and the escrow account that holds the money, so that every later
 * change of the trade moves its money in the same command.
 *
 * <p>Not thread-safe: the shard's apply thread writes; readers hold the shard's read lock.
 */
public final class TradeBook {
    final Long2ObjectHashMap<Merchant> merchants = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<Order> orders = new Long2ObjectHashMap<>();
    /**
     * Names claimed for trades placed on their buyers' shards (docs/TRADES.md, "Placement"): name
     * number → trade number, on the shard the name number names. An order of that very number
     * holds its name without a claim. Trade numbers are never 0, the map's missing value.
     */
    final Long2LongHashMap claims = new Long2LongHashMap(0);
    final Long2ObjectHashMap<Trade> trades = new Long2ObjectHashMap<>();
    /**
     * Trade numbers per party (buyer and merchant) of the trades on this shard that were open when
     * added, oldest first: what closing an account asks (see {@link #hasOpenTrades}).
     */
    final Long2ObjectHashMap<LongArrayList> tradesByParty = new Long2ObjectHashMap<>();
    /** Order numbers per merchant and per bound buyer, oldest first. */
    final Long2ObjectHashMap<LongArrayList> ordersByMerchant = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<LongArrayList> ordersByBuyer = new Long2ObjectHashMap<>();
    /**
     * Orders bound by a payment (the first step of the pay saga, {@link TradeCommands#bindBuyer})
     * while their pay window may still be open, by deadline: where the saga's recovery looks for
     * a payment that never reached the buyer's shard. Derived from the orders (their
     * {@code bound_to_buyer} event), so snapshots do not write it; an entry past its deadline is
     * dropped by the next tick.
     */
    final TreeSet<Bind> binds = new TreeSet<>();
    /** Merchants' receivable accounts on this shard, by account id (stable order for sweeps). */
    final TreeMap<Long, Receivable> receivables = new TreeMap<>();
    /** The receivable account of (merchant, ledger): key {@link #receivableKey}. */
    final TreeMap<String, Long> receivableIds = new TreeMap<>();
    /** Time-driven rules, earliest first; an entry whose trade moved on is skipped when due. */
    final TreeSet<Due> due = new TreeSet<>();
    final Outbox<Notification> outbox = new Outbox<>(Notification::seq, Notification::nextAttemptAt);
    long nextNotificationSeq = 1;
    long abandonedNotifications;

    /** A merchant's receivable on this shard, swept to its settlement account. */
    public record Receivable(long accountId, long merchantId, int ledger, long settlementAccountId) {
    }

    /**
     * Adds an order with its places in the merchant's and the buyer's lists and, while no buyer
     * is bound and it is open, its pay deadline in the time rules. Orders are added oldest first.
     */
    void addOrder(Order o) {
        orders.put(o.tradeNo, o);
        ordersByMerchant.computeIfAbsent(o.merchantId, k -> new LongArrayList()).addLong(o.tradeNo);
        if (o.buyerUserId != 0) {
            ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new LongArrayList()).addLong(o.tradeNo);
        } else if (!o.isClosed()) {
            due.add(new Due(o.payDeadline, o.tradeNo, DueKind.orderClose, 0));
        }
    }

    /**
     * Adds a newly bound order to its buyer's list where its creation time puts it: orders are
     * bound in any order, and the list must stay oldest first by creation, as pages are cut by
     * creation time and a snapshot rebuilds the list in that order.
     */
    void indexBoundOrder(Order o) {
        LongArrayList numbers = ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new LongArrayList());
        int at = numbers.size();
        while (at > 0 && orders.get(numbers.getLong(at - 1)).createdAt > o.createdAt) {
            at--;
        }
        numbers.addLong(at, o.tradeNo);
    }

    /**
     * Adds a trade, and one that is open to its buyer's and its merchant's lists. A trade closed
     * when added (an unpaid order closed on the buyer's shard) never opens again: no list needs it.
     */
    void addTrade(Trade t) {
        trades.put(t.tradeNo, t);
        if (t.status != TradeStatus.TRADE_CLOSED) {
            tradesByParty.computeIfAbsent(t.buyerUserId, k -> new LongArrayList()).addLong(t.tradeNo);
            tradesByParty.computeIfAbsent(t.merchantId, k -> new LongArrayList()).addLong(t.tradeNo);
        }
    }

    /** An order bound by a payment at {@code boundAt}, payable until {@code payDeadline} (ns). */
    record Bind(long payDeadline, long tradeNo, long boundAt) implements Comparable<Bind> {
        @Override
        public int compareTo(Bind o) {
            int c = Long.compare(payDeadline, o.payDeadline);
            return c != 0 ? c : Long.compare(tradeNo, o.tradeNo);
        }
    }

    /** Keeps an open order bound by a payment at {@code boundAt} among the {@link #binds}. */
    void addBind(Order o, long boundAt) {
        if (!o.isClosed()) {
            binds.add(new Bind(o.payDeadline, o.tradeNo, boundAt));
        }
    }

    /** Drops the binds whose pay window ended before {@code ts}: no payment can follow them. */
    void dropBindsPast(long ts) {
        while (!binds.isEmpty() && binds.first().payDeadline() < ts) {
            binds.pollFirst();
        }
    }

    /** Puts a notification in the outbox, or replaces the one with its number. */
    void putNotification(Notification n) {
        outbox.put(n);
    }

    /** Takes a notification out of the outbox. */
    void removeNotification(long seq) {
        outbox.remove(seq);
    }

    /** The next number of the shard's notification sequence (the gateway's outbox numbers from it too). */
    public long nextNotificationSeq() {
        return nextNotificationSeq;
    }

    /** Empties the outbox. */
    void clearOutbox() {
        outbox.clear();
    }

    enum DueKind {
        orderClose,
        autoConfirm,
        refundGrant,
        refundWindowEnd
    }

    record Due(long at, long tradeNo, DueKind kind, long refundId) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            if (c == 0) {
                c = Long.compare(tradeNo, o.tradeNo);
            }
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : Long.compare(refundId, o.refundId);
        }
    }

    static String receivableKey(long merchantId, int ledger) {
        return merchantId + ":" + ledger;
    }

    // ---- Reads (callers keep the applying thread out while they read) ----

    public Merchant merchant(long merchantId) {
        return merchants.get(merchantId);
    }

    /** The trade's order record, if this shard is the one its number names and it exists. */
    public OrderView order(long tradeNo) {
        Order o = orders.get(tradeNo);
        return o == null ? null : o.view();
    }

    /**
     * The trade that holds a name number (a merchant's out_trade_no) on this shard, the one the
     * name number names: the trade its claim names, or the order of that very number; 0 when
     * neither is here. A claimed trade may not exist (its create never happened).
     */
    public long holderOfName(long nameNo) {
        long claimed = claims.get(nameNo);
        if (claimed != 0) {
            return claimed;
        }
        return orders.containsKey(nameNo) ? nameNo : 0;
    }

    /** The trade's record on its buyer's shard, if this is that shard and it was paid (or closed unpaid). */
    public TradeView trade(long tradeNo) {
        Trade t = trades.get(tradeNo);
        return t == null ? null : t.view();
    }

    /**
     * Orders of this shard by a merchant, newest first: at most {@code limit} created before
     * {@code beforeCreatedAt} (ns; {@link Long#MAX_VALUE} for the newest).
     */
    public List<OrderView> ordersOfMerchant(long merchantId, long beforeCreatedAt, int limit) {
        return page(ordersByMerchant.get(merchantId), beforeCreatedAt, limit);
    }

    /** As {@link #ordersOfMerchant}, for orders bound to a buyer. */
    public List<OrderView> ordersOfBuyer(long buyerUserId, long beforeCreatedAt, int limit) {
        return page(ordersByBuyer.get(buyerUserId), beforeCreatedAt, limit);
    }

    private List<OrderView> page(LongArrayList numbers, long before, int limit) {
        List<OrderView> out = new ArrayList<>();
        if (numbers == null) {
            return out;
        }
        for (int i = numbers.size() - 1; i >= 0 && out.size() < limit; i--) {
            Order o = orders.get(numbers.getLong(i));
            if (o.createdAt < before) {
                out.add(o.view());
            }
        }
        return out;
    }

    /**
     * True when the user is the buyer or the merchant of a trade on this shard that may still
     * move money: paid and not yet finished or closed (an instant trade's refund window is open
     * until it finishes), or with a refund request open.
     */
    public boolean hasOpenTrades(long userId) {
        LongArrayList numbers = tradesByParty.get(userId);
        if (numbers == null) {
            return false;
        }
        for (int i = 0; i < numbers.size(); i++) {
            Trade t = trades.get(numbers.getLong(i));
            boolean settled = t.status == TradeStatus.TRADE_FINISHED || t.status == TradeStatus.TRADE_CLOSED;
            if (!settled || t.openRefund() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Orders bound by a payment before {@code boundBefore} that are still open and payable at
     * {@code now} (ns), at most {@code max}, the earliest deadline first: the pay saga's first
     * step done, its second (the payment on the buyer's shard) perhaps not. Only the buyer's
     * shard knows whether it was paid.
     */
    public List<OrderView> bindsOpenAt(long now, long boundBefore, int max) {
        List<OrderView> out = new ArrayList<>();
        for (Bind b : binds.tailSet(new Bind(now, Long.MIN_VALUE, 0), true)) {
            if (out.size() >= max) {
                break;
            }
            Order o = orders.get(b.tradeNo());
            if (b.boundAt() < boundBefore && !o.isClosed()) {
                out.add(o.view());
            }
        }
        return out;
    }

    /** The merchants' receivable accounts of this shard, by account id. */
    public List<Receivable> receivables() {
        return List.copyOf(receivables.values());
    }

    /**
     * Webhook notifications due for delivery by {@code now} (ns), the longest due first, at most
     * {@code max} (the gateway module has the notifications of trades with a notify_url).
     */
    public List<Notification> notificationsDue(long now, int max) {
        return outbox.due(now, max);
    }

    public int outboxSize() {
        return outbox.size();
    }

    /** Notifications abandoned after their last delivery, webhooks and the gateway's. */
    public long abandonedNotifications() {
        return abandonedNotifications;
    }

    /** The sum of the amounts trades hold in escrow now, per ledger: what the escrow accounts must hold. */
    public java.util.Map<Integer, Long> heldByLedger() {
        java.util.Map<Integer, Long> out = new java.util.HashMap<>();
        for (Trade t : trades.values()) {
            if (t.held != 0) {
                out.merge(t.ledger, t.held, Long::sum);
            }
        }
        return out;
    }

    public int orderCount() {
        return orders.size();
    }

    public int tradeCount() {
        return trades.size();
    }

    /** When the next time-driven trade rule is due (ns), or {@link Long#MAX_VALUE}. */
    public long nextDueAt() {
        return due.isEmpty() ? Long.MAX_VALUE : due.first().at();
    }
}
