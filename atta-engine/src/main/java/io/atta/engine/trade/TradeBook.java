package io.atta.engine.trade;

import io.atta.core.trade.TradeStatus;
import io.atta.engine.shard.RecordArchive;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>A trade or an order that reached a final state leaves the heap for the shard's history
 * ({@link TradeArchive}) at the end of the command or tick that finished it: every replica at the
 * same log index. A command that names it again finds it there and brings it back for the command
 * (a repeat answers as before; a later refund of a finished escrow trade changes it), and it
 * leaves again when the command is done. Reads find it there too.
 *
 * <p>Not thread-safe: the shard's apply thread writes; readers hold the shard's read lock.
 */
public final class TradeBook {
    final Long2ObjectHashMap<Merchant> merchants = new Long2ObjectHashMap<>();
    /** The orders and trades in the heap: open ones, and final ones a command brought back for itself. */
    final Long2ObjectHashMap<Order> orders = new Long2ObjectHashMap<>();
    /**
     * Names claimed for trades placed on their buyers' shards (docs/TRADES.md, "Placement"): name
     * number → trade number, on the shard the name number names. An order of that very number
     * holds its name without a claim. Trade numbers are never 0, the map's missing value.
     */
    final Long2LongHashMap claims = new Long2LongHashMap(0);
    final Long2ObjectHashMap<Trade> trades = new Long2ObjectHashMap<>();
    /** Where final orders and trades go. */
    final TradeArchive archive;
    /** Numbers whose order or trade the command being applied looked up or changed: checked for finality after it. */
    private final LongArrayList touched = new LongArrayList();
    /**
     * Bound orders in the heap, open, by pay deadline: once it has passed, only a close can change
     * one, so it leaves the heap (no rule of time for it: it is found after the next command or
     * tick past its deadline, at most {@link #maxPastDeadlineArchivedPerStep} at a time).
     */
    private final TreeSet<Bind> payable = new TreeSet<>();
    static final int maxPastDeadlineArchivedPerStep = 64;
    /**
     * Trade numbers per party (buyer and merchant) of the trades in the heap that were open when
     * added: what closing an account asks (see {@link #hasOpenTrades}). A final trade has left.
     */
    final Long2ObjectHashMap<LongHashSet> tradesByParty = new Long2ObjectHashMap<>();
    /** The orders in the heap per merchant and per bound buyer, by creation; final ones are in the archive's lists. */
    final Long2ObjectHashMap<TreeSet<Place>> ordersByMerchant = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<TreeSet<Place>> ordersByBuyer = new Long2ObjectHashMap<>();
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

    /** An order's place in a party's list: by creation time, then number. */
    record Place(long createdAt, long tradeNo) implements Comparable<Place> {
        @Override
        public int compareTo(Place o) {
            int c = Long.compare(createdAt, o.createdAt);
            return c != 0 ? c : Long.compare(tradeNo, o.tradeNo);
        }
    }

    TradeBook(RecordArchive archive) {
        this.archive = new TradeArchive(archive);
    }

    /** A merchant's receivable on this shard, swept to its settlement account. */
    public record Receivable(long accountId, long merchantId, int ledger, long settlementAccountId) {
    }

    /**
     * Adds an order with its places in the merchant's and the buyer's lists and, while no buyer
     * is bound and it is open, its pay deadline in the time rules. Orders are added oldest first.
     */
    void addOrder(Order o) {
        orders.put(o.tradeNo, o);
        touched.addLong(o.tradeNo);
        ordersByMerchant.computeIfAbsent(o.merchantId, k -> new TreeSet<>()).add(new Place(o.createdAt, o.tradeNo));
        if (o.buyerUserId != 0) {
            ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new TreeSet<>()).add(new Place(o.createdAt, o.tradeNo));
            if (!o.isClosed()) {
                payable.add(new Bind(o.payDeadline, o.tradeNo, 0));
            }
        } else if (!o.isClosed()) {
            due.add(new Due(o.payDeadline, o.tradeNo, DueKind.orderClose, 0));
        }
    }

    /** Adds a newly bound order to its buyer's list and to the {@link #payable} ones. */
    void indexBoundOrder(Order o) {
        ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new TreeSet<>()).add(new Place(o.createdAt, o.tradeNo));
        payable.add(new Bind(o.payDeadline, o.tradeNo, 0));
    }

    /**
     * Adds a trade, and one that is open to its buyer's and its merchant's lists. A trade closed
     * when added (an unpaid order closed on the buyer's shard) never opens again: no list needs it.
     */
    void addTrade(Trade t) {
        trades.put(t.tradeNo, t);
        touched.addLong(t.tradeNo);
        if (t.status != TradeStatus.TRADE_CLOSED) {
            tradesByParty.computeIfAbsent(t.buyerUserId, k -> new LongHashSet()).add(t.tradeNo);
            tradesByParty.computeIfAbsent(t.merchantId, k -> new LongHashSet()).add(t.tradeNo);
        }
    }

    // ---- Final records: out of the heap, and back for a command that names them ----

    /** The trade for a command to apply to: in the heap, or brought back from the archive; null if none. */
    Trade tradeToApply(long tradeNo) {
        touched.addLong(tradeNo);
        Trade t = trades.get(tradeNo);
        if (t == null) {
            t = archive.trade(tradeNo);
            if (t != null) {
                archive.broughtBack(t);
                // Back in the heap for this command, as open as its state says (a refund may reopen it).
                trades.put(tradeNo, t);
                tradesByParty.computeIfAbsent(t.buyerUserId, k -> new LongHashSet()).add(tradeNo);
                tradesByParty.computeIfAbsent(t.merchantId, k -> new LongHashSet()).add(tradeNo);
            }
        }
        return t;
    }

    /** The order for a command to apply to: in the heap, or brought back from the archive; null if none. */
    Order orderToApply(long tradeNo) {
        touched.addLong(tradeNo);
        Order o = orders.get(tradeNo);
        if (o == null) {
            o = archive.order(tradeNo);
            if (o != null) {
                archive.broughtBack(o);
                orders.put(tradeNo, o);
                ordersByMerchant.computeIfAbsent(o.merchantId, k -> new TreeSet<>())
                        .add(new Place(o.createdAt, o.tradeNo));
                if (o.buyerUserId != 0) {
                    ordersByBuyer.computeIfAbsent(o.buyerUserId, k -> new TreeSet<>())
                            .add(new Place(o.createdAt, o.tradeNo));
                }
            }
        }
        return o;
    }

    void forgetTouched() {
        touched.clear();
    }

    void clearPayable() {
        payable.clear();
    }

    /** Notes that a rule of time changed or may have finished the order or trade {@code tradeNo}. */
    void touch(long tradeNo) {
        touched.addLong(tradeNo);
    }

    /**
     * Moves every order and trade the last command or tick looked up that is now final out of the
     * heap into the archive: called after each, so every replica moves the same records at the same
     * log index ({@code ts} is the log's time, never a clock's).
     */
    void archiveFinal(long ts) {
        for (int n = 0; n < maxPastDeadlineArchivedPerStep && !payable.isEmpty() && payable.first().payDeadline() < ts;
             n++) {
            touched.addLong(payable.pollFirst().tradeNo());
        }
        for (int i = 0; i < touched.size(); i++) {
            long no = touched.getLong(i);
            Trade t = trades.get(no);
            if (t != null && isFinal(t)) {
                archive.put(t);
                trades.remove(no);
                dropParty(t.buyerUserId, no);
                dropParty(t.merchantId, no);
            }
            Order o = orders.get(no);
            if (o != null && isFinal(o, ts)) {
                archive.put(o);
                orders.remove(no);
                dropPlace(ordersByMerchant, o.merchantId, o);
                if (o.buyerUserId != 0) {
                    dropPlace(ordersByBuyer, o.buyerUserId, o);
                }
                binds.remove(new Bind(o.payDeadline, no, 0));
                payable.remove(new Bind(o.payDeadline, no, 0));
            }
        }
        touched.clear();
    }

    /**
     * A trade no rule of time changes any more and that holds nothing: finished (confirmed, or an
     * instant trade past its refund window) or closed, with no refund request open. A later refund
     * of a finished escrow trade brings it back.
     */
    static boolean isFinal(Trade t) {
        return (t.status == TradeStatus.TRADE_FINISHED || t.status == TradeStatus.TRADE_CLOSED) && t.held == 0
                && t.openRefund() == null;
    }

    /** An order that is closed, or bound and past its pay deadline (no payment can reach it; a close still may). */
    static boolean isFinal(Order o, long ts) {
        return o.isClosed() || o.buyerUserId != 0 && ts > o.payDeadline;
    }

    private void dropParty(long party, long tradeNo) {
        LongHashSet numbers = tradesByParty.get(party);
        if (numbers != null && numbers.remove(tradeNo) && numbers.isEmpty()) {
            tradesByParty.remove(party);
        }
    }

    private static void dropPlace(Long2ObjectHashMap<TreeSet<Place>> lists, long party, Order o) {
        TreeSet<Place> places = lists.get(party);
        if (places != null && places.remove(new Place(o.createdAt, o.tradeNo)) && places.isEmpty()) {
            lists.remove(party);
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
        if (o == null) {
            o = archive.order(tradeNo);
        }
        return o == null ? null : o.view();
    }

    /**
     * The trade that holds a name number (a merchant's out_trade_no) on this shard, the one the
     * name number names: the trade its claim names, or the order of that very number; 0 when
     * neither is here (in the heap or the archive). A claimed trade may not exist (its create never
     * happened).
     */
    public long holderOfName(long nameNo) {
        long claimed = claims.get(nameNo);
        if (claimed != 0) {
            return claimed;
        }
        // A final order holds its name from the archive as it did from the heap.
        return orders.containsKey(nameNo) || archive.order(nameNo) != null ? nameNo : 0;
    }

    /** The trade's record on its buyer's shard, if this is that shard and it was paid (or closed unpaid). */
    public TradeView trade(long tradeNo) {
        Trade t = trades.get(tradeNo);
        if (t == null) {
            t = archive.trade(tradeNo);
        }
        return t == null ? null : t.view();
    }

    /**
     * Orders of this shard by a merchant, newest first: at most {@code limit} created before
     * {@code beforeCreatedAt} (ns; {@link Long#MAX_VALUE} for the newest).
     */
    public List<OrderView> ordersOfMerchant(long merchantId, long beforeCreatedAt, int limit) {
        return page(ordersByMerchant.get(merchantId), TradeArchive.ordersOfMerchant, merchantId, beforeCreatedAt,
                limit);
    }

    /** As {@link #ordersOfMerchant}, for orders bound to a buyer. */
    public List<OrderView> ordersOfBuyer(long buyerUserId, long beforeCreatedAt, int limit) {
        return page(ordersByBuyer.get(buyerUserId), TradeArchive.ordersOfBuyer, buyerUserId, beforeCreatedAt, limit);
    }

    /**
     * The newest {@code limit} orders created before {@code before} of a party: those in the heap
     * merged with the archive's, which holds the final ones (an order brought back into the heap
     * by the command being applied is in both: the heap's counts).
     */
    private List<OrderView> page(TreeSet<Place> live, byte list, long party, long before, int limit) {
        TreeMap<Place, Order> merged = new TreeMap<>(Comparator.reverseOrder());
        if (live != null) {
            for (Place p : live.headSet(new Place(before, Long.MIN_VALUE), false).descendingSet()) {
                if (merged.size() >= limit) {
                    break;
                }
                merged.put(p, orders.get(p.tradeNo()));
            }
        }
        LongArrayList archived = new LongArrayList();
        archive.store().list(list, party, before, limit, archived);
        for (int i = 0; i < archived.size(); i++) {
            long no = archived.getLong(i);
            Order o = orders.containsKey(no) ? orders.get(no) : archive.order(no);
            merged.putIfAbsent(new Place(o.createdAt, no), o);
        }
        List<OrderView> out = new ArrayList<>(Math.min(limit, merged.size()));
        for (Order o : merged.values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(o.view());
        }
        return out;
    }

    /**
     * True when the user is the buyer or the merchant of a trade on this shard that may still
     * move money: paid and not yet finished or closed (an instant trade's refund window is open
     * until it finishes), or with a refund request open.
     */
    public boolean hasOpenTrades(long userId) {
        LongHashSet numbers = tradesByParty.get(userId);
        if (numbers == null) {
            return false;
        }
        for (LongHashSet.LongIterator it = numbers.iterator(); it.hasNext(); ) {
            Trade t = trades.get(it.nextValue());
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
            // An order no longer in the heap is final: closed, so not payable.
            if (o != null && b.boundAt() < boundBefore && !o.isClosed()) {
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

    /**
     * Orders this shard holds, in the heap and in the archive (between commands, where reads are,
     * no archived one is in the heap).
     */
    public long orderCount() {
        return orders.size() + archive.archivedOrders;
    }

    /** Trades this shard holds, in the heap and in the archive. */
    public long tradeCount() {
        return trades.size() + archive.archivedTrades;
    }

    /** Orders in the heap now: the open ones (what memory holds of them). */
    public int ordersInMemory() {
        return orders.size();
    }

    /** Trades in the heap now: the open ones (what memory holds of them). */
    public int tradesInMemory() {
        return trades.size();
    }

    /** When the next time-driven trade rule is due (ns), or {@link Long#MAX_VALUE}. */
    public long nextDueAt() {
        return due.isEmpty() ? Long.MAX_VALUE : due.first().at();
    }
}
