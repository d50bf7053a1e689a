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
 * which had no trade kinds or notify URLs, and {@link #withGateway}, which also held the gateway's
 * apps and notifications (handed to the {@link NotifyUrlHook} to read, as the gateway module keeps
 * them now) and had no name claims.
 */
public final class TradeSnapshot {
    /** The format before the Alipay gateway: every trade escrow, every notification a webhook. */
    public static final int escrowOnly = 1;
    /** Adds apps, trade kinds and refund windows, orders' app and URLs, and gateway notifications. */
    public static final int withGateway = 2;
    /**
     * As {@link #withGateway} without the gateway module's part (apps and gateway notifications),
     * and with the names claimed for trades placed on their buyers' shards, at the end.
     */
    public static final int current = 3;

    private TradeSnapshot() {
    }

    public static void write(TradeBook b, DataOutput out) throws IOException {
        writeMerchants(b, out);
        writeOrdersAndTrades(b, out);
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

    /** The orders, the trades and the merchants' receivables: what lies between merchants and the outbox. */
    static void writeOrdersAndTrades(TradeBook b, DataOutput out) throws IOException {
        List<Long> ids = sorted(b.orders.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            Order o = b.orders.get(id);
            out.writeLong(o.tradeNo);
            out.writeLong(o.merchantId);
            out.writeUTF(o.outTradeNo);
            out.writeLong(o.buyerUserId);
            out.writeLong(o.amount);
            out.writeInt(o.ledger);
            out.writeByte(o.goodsType.code());
            out.writeInt(o.payTimeoutSeconds);
            out.writeBoolean(o.notifyMerchant);
            out.writeUTF(o.subject);
            out.writeLong(o.createdAt);
            out.writeLong(o.closedAt);
            out.writeLong(o.appId);
            out.writeUTF(o.notifyUrl);
            out.writeUTF(o.returnUrl);
            out.writeByte(o.kind.code());
            writeEvents(o.events, out);
        }
        ids = sorted(b.trades.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            Trade t = b.trades.get(id);
            out.writeLong(t.tradeNo);
            out.writeLong(t.merchantId);
            out.writeUTF(t.outTradeNo);
            out.writeLong(t.buyerUserId);
            out.writeLong(t.buyerWalletId);
            out.writeLong(t.amount);
            out.writeInt(t.ledger);
            out.writeByte(t.goodsType.code());
            out.writeInt(t.feeRatePpm);
            out.writeLong(t.settlementAccountId);
            out.writeBoolean(t.notifyMerchant);
            out.writeByte(t.status.code());
            out.writeByte(t.kind.code());
            out.writeLong(t.appId);
            out.writeUTF(t.notifyUrl);
            out.writeUTF(t.subject);
            out.writeLong(t.createdAt);
            out.writeLong(t.paidAt);
            out.writeLong(t.holdId);
            out.writeLong(t.held);
            out.writeInt(t.transfers);
            out.writeLong(t.refunded);
            out.writeLong(t.refundedBeforeRelease);
            out.writeLong(t.released);
            out.writeLong(t.fee);
            out.writeLong(t.feeRefunded);
            out.writeLong(t.confirmAt);
            out.writeLong(t.confirmPausedRemaining);
            out.writeLong(t.extendedSeconds);
            out.writeUTF(t.carrier);
            out.writeUTF(t.trackingNo);
            out.writeLong(t.shippedAt);
            out.writeLong(t.finishedAt);
            out.writeLong(t.closedAt);
            out.writeLong(t.refundWindowEndsAt);
            out.writeInt(t.refunds.size());
            for (Refund r : t.refunds) {
                out.writeLong(r.refundId);
                out.writeUTF(r.outRequestNo);
                out.writeLong(r.amount);
                out.writeUTF(r.reason);
                out.writeByte(r.status.code());
                out.writeLong(r.requestedAt);
                out.writeLong(r.answerBy);
                out.writeUTF(r.sellerReason);
                out.writeLong(r.resolvedAt);
                out.writeBoolean(r.byTimeout);
            }
            writeEvents(t.events, out);
        }
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

    private static void writeEvents(List<TradeEvent> events, DataOutput out) throws IOException {
        out.writeInt(events.size());
        for (TradeEvent e : events) {
            out.writeLong(e.at());
            out.writeByte(e.type().code());
            out.writeLong(e.refundId());
            out.writeLong(e.amount());
            out.writeUTF(e.note());
        }
    }

    private static List<TradeEvent> readEvents(DataInput in) throws IOException {
        int n = in.readInt();
        List<TradeEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TradeEvent(in.readLong(), TradeEventType.ofCode(in.readByte()), in.readLong(), in.readLong(),
                    in.readUTF()));
        }
        return out;
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
            long tradeNo = in.readLong();
            long merchantId = in.readLong();
            String outTradeNo = in.readUTF();
            long buyerUserId = in.readLong();
            long amount = in.readLong();
            int ledger = in.readInt();
            GoodsType goodsType = GoodsType.ofCode(in.readByte());
            int payTimeoutSeconds = in.readInt();
            boolean notifyMerchant = in.readBoolean();
            String subject = in.readUTF();
            long createdAt = in.readLong();
            long closedAt = in.readLong();
            Order o = gateway
                    ? new Order(tradeNo, merchantId, outTradeNo, buyerUserId, amount, ledger, goodsType,
                            payTimeoutSeconds, notifyMerchant, subject, createdAt, in.readLong(), in.readUTF(),
                            in.readUTF(), TradeKind.ofCode(in.readByte()))
                    : new Order(tradeNo, merchantId, outTradeNo, buyerUserId, amount, ledger, goodsType,
                            payTimeoutSeconds, notifyMerchant, subject, createdAt, 0, "", "", TradeKind.escrow);
            o.closedAt = closedAt;
            o.events.addAll(readEvents(in));
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
            Trade t = readTradeTerms(in, gateway);
            t.paidAt = in.readLong();
            t.holdId = in.readLong();
            t.held = in.readLong();
            t.transfers = in.readInt();
            t.refunded = in.readLong();
            t.refundedBeforeRelease = in.readLong();
            t.released = in.readLong();
            t.fee = in.readLong();
            t.feeRefunded = in.readLong();
            t.confirmAt = in.readLong();
            t.confirmPausedRemaining = in.readLong();
            t.extendedSeconds = in.readLong();
            t.carrier = in.readUTF();
            t.trackingNo = in.readUTF();
            t.shippedAt = in.readLong();
            t.finishedAt = in.readLong();
            t.closedAt = in.readLong();
            t.refundWindowEndsAt = gateway ? in.readLong() : 0;
            int refunds = in.readInt();
            for (int k = 0; k < refunds; k++) {
                long refundId = in.readLong();
                String outRequestNo = in.readUTF();
                long amount = in.readLong();
                String reason = in.readUTF();
                RefundStatus status = RefundStatus.ofCode(in.readByte());
                Refund full = new Refund(refundId, outRequestNo, amount, reason, in.readLong(), in.readLong());
                full.status = status;
                full.sellerReason = in.readUTF();
                full.resolvedAt = in.readLong();
                full.byTimeout = in.readBoolean();
                t.refunds.add(full);
                if (full.status == RefundStatus.requested) {
                    b.due.add(new TradeBook.Due(full.answerBy, t.tradeNo, TradeBook.DueKind.refundGrant,
                            full.refundId));
                }
            }
            t.events.addAll(readEvents(in));
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
    }

    /** A trade's terms, which do not change after payment, and its status. */
    private static Trade readTradeTerms(DataInput in, boolean gateway) throws IOException {
        long tradeNo = in.readLong();
        long merchantId = in.readLong();
        String outTradeNo = in.readUTF();
        long buyerUserId = in.readLong();
        long buyerWalletId = in.readLong();
        long amount = in.readLong();
        int ledger = in.readInt();
        GoodsType goodsType = GoodsType.ofCode(in.readByte());
        int feeRatePpm = in.readInt();
        long settlementAccountId = in.readLong();
        boolean notifyMerchant = in.readBoolean();
        TradeStatus status = TradeStatus.ofCode(in.readByte());
        if (!gateway) {
            return new Trade(tradeNo, merchantId, outTradeNo, buyerUserId, buyerWalletId, amount, ledger, goodsType,
                    feeRatePpm, settlementAccountId, notifyMerchant, status, TradeKind.escrow, 0, "", "", 0);
        }
        return new Trade(tradeNo, merchantId, outTradeNo, buyerUserId, buyerWalletId, amount, ledger, goodsType,
                feeRatePpm, settlementAccountId, notifyMerchant, status, TradeKind.ofCode(in.readByte()),
                in.readLong(), in.readUTF(), in.readUTF(), in.readLong());
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
    }

    /** A 64-bit hash of the whole book: equal books (same records) hash equal, whatever their history. */
    public static long digest(TradeBook b) {
        return SnapshotDigest.of(out -> write(b, out));
    }

    private static List<Long> sorted(java.util.Set<Long> keys) {
        List<Long> ids = new ArrayList<>(keys);
        Collections.sort(ids);
        return ids;
    }
}
