package io.atta.engine.trade;

import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.SnapshotDigest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Writes and reads a {@link TradeBook}, records in key order so that equal books write equal
 * bytes (which {@link #digest} hashes). The indexes and the queue of time-driven rules are not
 * written: they are rebuilt from the records.
 *
 * <p>It writes the {@link #current} format and reads the older ones: {@link #escrowOnly}, which
 * had no trade kinds or notify URLs, and {@link #withGateway}, which also held the gateway's apps
 * and notifications (handed to the {@link NotifyUrlHook} to read, as the gateway module keeps them
 * now), had no name claims, and held every order and trade ever made. The current one holds the
 * orders and trades in the heap and counts the final ones, which are in the shard's history store
 * ({@link TradeArchive}).
 */
public final class TradeSnapshot {
    /** The format before the Alipay gateway: every trade escrow, every notification a webhook. */
    public static final int escrowOnly = 1;
    /** Adds apps, trade kinds and refund windows, orders' app and URLs, and gateway notifications. */
    public static final int withGateway = 2;
    /**
     * As {@link #withGateway} without the gateway module's part (apps and gateway notifications),
     * with only the orders and trades in the heap (final ones are in the history store: their
     * counts and hash are here), and with the names claimed for trades placed on their buyers'
     * shards, at the end.
     */
    public static final int current = 3;

    private TradeSnapshot() {
    }

    public static void write(TradeBook b, DataOutput out) throws IOException {
        writeMerchants(b, out);
        writeOrdersAndTrades(b, out);
        writeOutboxAndClaims(b, out);
        out.writeLong(b.archive.archivedOrders);
        out.writeLong(b.archive.archivedTrades);
        out.writeLong(b.archive.archivedHash);
    }

    /** The outbox, its counters and the name claims. */
    private static void writeOutboxAndClaims(TradeBook b, DataOutput out) throws IOException {
        out.writeInt(b.outbox.size());
        for (Notification n : b.outbox.values()) {
            writeNotification(n, out);
        }
        out.writeLong(b.nextNotificationSeq);
        out.writeLong(b.abandonedNotifications);
        List<Long> names = sorted(b.claims.keySet());
        out.writeInt(names.size());
        for (long name : names) {
            out.writeLong(name);
            out.writeLong(b.claims.get(name));
        }
    }

    static void writeMerchants(TradeBook b, DataOutput out) throws IOException {
        List<Long> ids = sorted(b.merchants.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            Merchant m = b.merchants.get(id);
            out.writeLong(m.merchantId());
            out.writeLong(m.settlementAccountId());
            out.writeInt(m.feeRatePpm());
            out.writeUTF(m.name());
            out.writeUTF(m.webhookUrl());
            out.writeUTF(m.webhookSecret());
            out.writeLong(m.createdAt());
        }
    }

    /** The orders and trades in the heap and the merchants' receivables: what lies between merchants and the outbox. */
    static void writeOrdersAndTrades(TradeBook b, DataOutput out) throws IOException {
        List<Long> ids = sorted(b.orders.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            TradeRecordCodec.writeOrder(b.orders.get(id), out);
        }
        ids = sorted(b.trades.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            TradeRecordCodec.writeTrade(b.trades.get(id), out);
        }
        writeReceivables(b, out);
    }

    private static void writeReceivables(TradeBook b, DataOutput out) throws IOException {
        out.writeInt(b.receivables.size());
        for (TradeBook.Receivable r : b.receivables.values()) {
            out.writeLong(r.accountId());
            out.writeLong(r.merchantId());
            out.writeInt(r.ledger());
            out.writeLong(r.settlementAccountId());
        }
    }

    /** One notification of an outbox (the gateway's writes its own the same way). */
    public static void writeNotification(Notification n, DataOutput out) throws IOException {
        out.writeLong(n.seq());
        out.writeLong(n.merchantId());
        out.writeLong(n.tradeNo());
        out.writeUTF(n.outTradeNo());
        out.writeByte(n.event().code());
        out.writeByte(n.status().code());
        out.writeLong(n.refundId());
        out.writeLong(n.amount());
        out.writeInt(n.ledger());
        out.writeLong(n.at());
        out.writeInt(n.attempts());
        out.writeLong(n.nextAttemptAt());
    }

    /** Reads what {@link #writeNotification} wrote. */
    public static Notification readNotification(DataInput in) throws IOException {
        return new Notification(in.readLong(), in.readLong(), in.readLong(), in.readUTF(),
                TradeEventType.ofCode(in.readByte()), TradeStatus.ofCode(in.readByte()), in.readLong(), in.readLong(),
                in.readInt(), in.readLong(), in.readInt(), in.readLong());
    }

    /**
     * Replaces the book's state with the snapshot's, of {@code format}, and rebuilds its indexes and
     * rule queue; the gateway's part of an older format goes to {@code hook}.
     */
    public static void read(TradeBook b, DataInput in, int format, NotifyUrlHook hook) throws IOException {
        if (format < escrowOnly || format > current) {
            throw new IOException("unknown trade snapshot format " + format);
        }
        boolean gateway = format >= withGateway;
        boolean legacy = format < current;
        clear(b);
        if (legacy) {
            hook.legacyBegin();
        }
        int merchants = in.readInt();
        for (int i = 0; i < merchants; i++) {
            Merchant m = new Merchant(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readLong());
            b.merchants.put(m.merchantId(), m);
        }
        if (format == withGateway) {
            hook.legacyApps(in);
        }
        int orders = in.readInt();
        List<Order> byCreation = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            Order o = TradeRecordCodec.readOrder(in, gateway);
            byCreation.add(o);
        }
        byCreation.sort(Comparator.comparingLong((Order o) -> o.createdAt).thenComparingLong(o -> o.tradeNo));
        for (Order o : byCreation) {
            b.addOrder(o);
            for (TradeEvent e : o.events) {
                if (e.type() == TradeEventType.bound_to_buyer) {
                    b.addBind(o, e.at());
                }
            }
        }
        int trades = in.readInt();
        for (int i = 0; i < trades; i++) {
            Trade t = TradeRecordCodec.readTrade(in, gateway);
            for (Refund full : t.refunds) {
                if (full.status == RefundStatus.requested) {
                    b.due.add(new TradeBook.Due(full.answerBy, t.tradeNo, TradeBook.DueKind.refundGrant,
                            full.refundId));
                }
            }
            b.addTrade(t);
            if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt != 0) {
                b.due.add(new TradeBook.Due(t.confirmAt, t.tradeNo, TradeBook.DueKind.autoConfirm, 0));
            }
            if (t.status == TradeStatus.TRADE_SUCCESS) {
                b.due.add(new TradeBook.Due(t.refundWindowEndsAt, t.tradeNo, TradeBook.DueKind.refundWindowEnd, 0));
            }
        }
        int receivables = in.readInt();
        for (int i = 0; i < receivables; i++) {
            TradeBook.Receivable r = new TradeBook.Receivable(in.readLong(), in.readLong(), in.readInt(),
                    in.readLong());
            b.receivables.put(r.accountId(), r);
            b.receivableIds.put(TradeBook.receivableKey(r.merchantId(), r.ledger()), r.accountId());
        }
        int outbox = in.readInt();
        for (int i = 0; i < outbox; i++) {
            Notification n = readNotification(in);
            if (format != withGateway || !hook.legacyNotice(n, in)) {
                b.putNotification(n);
            }
        }
        b.nextNotificationSeq = in.readLong();
        b.abandonedNotifications = in.readLong();
        int claims = format >= current ? in.readInt() : 0;
        for (int i = 0; i < claims; i++) {
            b.claims.put(in.readLong(), in.readLong());
        }
        if (format >= current) {
            b.archive.archivedOrders = in.readLong();
            b.archive.archivedTrades = in.readLong();
            b.archive.archivedHash = in.readLong();
        }
        // Loading is no command: what it added is not checked for finality here. An older section
        // held every record ever made; its final ones move to the archive now (bound orders past
        // their pay deadline after the next command, as that needs the log's time). The state
        // hash counts a record alike in either place.
        b.forgetTouched();
        if (format < current) {
            b.trades.keySet().forEach(b::touch);
            b.orders.keySet().forEach(b::touch);
            b.archiveFinal(Long.MIN_VALUE);
        }
    }

    static void clear(TradeBook b) {
        b.merchants.clear();
        b.orders.clear();
        b.claims.clear();
        b.trades.clear();
        b.tradesByParty.clear();
        b.ordersByMerchant.clear();
        b.ordersByBuyer.clear();
        b.receivables.clear();
        b.receivableIds.clear();
        b.due.clear();
        b.binds.clear();
        b.clearOutbox();
        b.nextNotificationSeq = 1;
        b.abandonedNotifications = 0;
        b.archive.clear();
        b.forgetTouched();
        b.clearPayable();
    }

    /**
     * A 64-bit hash of the whole book: equal books (same records) hash equal, whatever their history.
     * Orders and trades count alike whether they are in the heap or in the history store (the sum
     * of their records' hashes), so the hash depends neither on when a record left the heap nor on
     * whether the store's indexer has caught up.
     */
    public static long digest(TradeBook b) {
        long records = b.archive.archivedHash;
        for (Order o : b.orders.values()) {
            records += TradeArchive.hash(TradeArchive.encode(out -> TradeRecordCodec.writeOrder(o, out)));
        }
        for (Trade t : b.trades.values()) {
            records += TradeArchive.hash(TradeArchive.encode(out -> TradeRecordCodec.writeTrade(t, out)));
        }
        long rest = SnapshotDigest.of(out -> {
            writeMerchants(b, out);
            writeReceivables(b, out);
            writeOutboxAndClaims(b, out);
            out.writeLong(b.orderCount());
            out.writeLong(b.tradeCount());
        });
        return rest * 0x9E3779B97F4A7C15L + records;
    }

    private static List<Long> sorted(java.util.Set<Long> keys) {
        List<Long> ids = new ArrayList<>(keys);
        Collections.sort(ids);
        return ids;
    }
}
