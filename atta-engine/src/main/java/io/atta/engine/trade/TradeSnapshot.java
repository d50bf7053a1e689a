package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
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
 * <p>It writes the {@link #current} format and reads every older one: {@link #escrowOnly} had no
 * apps, trade kinds, notify URLs or gateway notifications; {@link #withGateway} held every order and
 * trade ever made, where the current one holds those in the heap and counts the final ones, which
 * are in the shard's history store ({@link TradeArchive}).
 */
public final class TradeSnapshot {
    /** The format before the Alipay gateway: every trade escrow, every notification a webhook. */
    public static final int escrowOnly = 1;
    /** Adds apps, trade kinds and refund windows, orders' app and URLs, and gateway notifications. */
    public static final int withGateway = 2;
    /** Final orders and trades are in the history store: only their counts and hash are here. */
    public static final int current = 3;

    private TradeSnapshot() {
    }

    public static void write(TradeBook b, DataOutput out) throws IOException {
        writeParties(b, out);
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
        writeMoneyAndOutbox(b, out);
        out.writeLong(b.archive.archivedOrders);
        out.writeLong(b.archive.archivedTrades);
        out.writeLong(b.archive.archivedHash);
    }

    /** Merchants and their apps. */
    private static void writeParties(TradeBook b, DataOutput out) throws IOException {
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
        ids = sorted(b.apps.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            App a = b.apps.get(id);
            out.writeLong(a.appId());
            out.writeLong(a.merchantId());
            out.writeUTF(a.name());
            out.writeUTF(a.publicKey());
            out.writeLong(a.createdAt());
        }
    }

    /** Receivables, the outbox and its counters. */
    private static void writeMoneyAndOutbox(TradeBook b, DataOutput out) throws IOException {
        out.writeInt(b.receivables.size());
        for (TradeBook.Receivable r : b.receivables.values()) {
            out.writeLong(r.accountId());
            out.writeLong(r.merchantId());
            out.writeInt(r.ledger());
            out.writeLong(r.settlementAccountId());
        }
        out.writeInt(b.outbox.size());
        for (Notification n : b.outbox.values()) {
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
            writeGateway(n.gateway(), out);
        }
        out.writeLong(b.nextNotificationSeq);
        out.writeLong(b.abandonedNotifications);
    }

    private static void writeGateway(GatewayNotice g, DataOutput out) throws IOException {
        out.writeBoolean(g != null);
        if (g != null) {
            out.writeLong(g.appId());
            out.writeUTF(g.notifyUrl());
            out.writeUTF(g.subject());
            out.writeLong(g.buyerUserId());
            out.writeLong(g.totalAmount());
            out.writeLong(g.createdAt());
            out.writeLong(g.paidAt());
            out.writeLong(g.refundedTotal());
            out.writeUTF(g.outRequestNo());
        }
    }

    private static GatewayNotice readGateway(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new GatewayNotice(in.readLong(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readUTF());
    }

    /** Replaces the book's state with the snapshot's, of the {@link #current} format. */
    public static void read(TradeBook b, DataInput in) throws IOException {
        read(b, in, current);
    }

    /** Replaces the book's state with the snapshot's, of {@code format}, and rebuilds its indexes and rule queue. */
    public static void read(TradeBook b, DataInput in, int format) throws IOException {
        if (format < escrowOnly || format > current) {
            throw new IOException("unknown trade snapshot format " + format);
        }
        boolean gateway = format >= withGateway;
        clear(b);
        int merchants = in.readInt();
        for (int i = 0; i < merchants; i++) {
            Merchant m = new Merchant(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readLong());
            b.merchants.put(m.merchantId(), m);
        }
        int apps = gateway ? in.readInt() : 0;
        List<App> byRegistration = new ArrayList<>(apps);
        for (int i = 0; i < apps; i++) {
            byRegistration.add(new App(in.readLong(), in.readLong(), in.readUTF(), in.readUTF(), in.readLong()));
        }
        byRegistration.sort(Comparator.comparingLong(App::createdAt).thenComparingLong(App::appId));
        byRegistration.forEach(b::addApp);
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
            Notification n = new Notification(in.readLong(), in.readLong(), in.readLong(), in.readUTF(),
                    TradeEventType.ofCode(in.readByte()), TradeStatus.ofCode(in.readByte()), in.readLong(),
                    in.readLong(), in.readInt(), in.readLong(), in.readInt(), in.readLong(),
                    gateway ? readGateway(in) : null);
            b.putNotification(n);
        }
        b.nextNotificationSeq = in.readLong();
        b.abandonedNotifications = in.readLong();
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
        b.apps.clear();
        b.appsByMerchant.clear();
        b.orders.clear();
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
            writeParties(b, out);
            writeMoneyAndOutbox(b, out);
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
