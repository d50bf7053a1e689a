package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Writes and reads a {@link TradeBook}, records in key order so that equal books write equal
 * bytes (which {@link #digest} hashes). The indexes and the queue of time-driven rules are not
 * written: they are rebuilt from the records.
 */
public final class TradeSnapshot {
    private TradeSnapshot() {
    }

    public static void write(TradeBook b, DataOutput out) throws IOException {
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
        ids = sorted(b.orders.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            Order o = b.orders.get(id);
            out.writeLong(o.tradeNo);
            out.writeLong(o.merchantId);
            out.writeUTF(o.outTradeNo);
            out.writeLong(o.buyerUserId);
            out.writeLong(o.amount);
            out.writeInt(o.ledger);
            out.writeByte(o.goodsType.ordinal());
            out.writeInt(o.payTimeoutSeconds);
            out.writeBoolean(o.notifyMerchant);
            out.writeUTF(o.subject);
            out.writeLong(o.createdAt);
            out.writeLong(o.closedAt);
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
            out.writeByte(t.goodsType.ordinal());
            out.writeInt(t.feeRatePpm);
            out.writeLong(t.settlementAccountId);
            out.writeBoolean(t.notifyMerchant);
            out.writeByte(t.status.ordinal());
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
            out.writeInt(t.refunds.size());
            for (Refund r : t.refunds) {
                out.writeLong(r.refundId);
                out.writeUTF(r.outRequestNo);
                out.writeLong(r.amount);
                out.writeUTF(r.reason);
                out.writeByte(r.status.ordinal());
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
        out.writeInt(b.outbox.size());
        for (Notification n : b.outbox.values()) {
            out.writeLong(n.seq());
            out.writeLong(n.merchantId());
            out.writeLong(n.tradeNo());
            out.writeUTF(n.outTradeNo());
            out.writeByte(n.event().ordinal());
            out.writeByte(n.status().ordinal());
            out.writeLong(n.refundId());
            out.writeLong(n.amount());
            out.writeInt(n.ledger());
            out.writeLong(n.at());
            out.writeInt(n.attempts());
            out.writeLong(n.nextAttemptAt());
        }
        out.writeLong(b.nextNotificationSeq);
        out.writeLong(b.abandonedNotifications);
    }

    private static void writeEvents(List<TradeEvent> events, DataOutput out) throws IOException {
        out.writeInt(events.size());
        for (TradeEvent e : events) {
            out.writeLong(e.at());
            out.writeByte(e.type().ordinal());
            out.writeLong(e.refundId());
            out.writeLong(e.amount());
            out.writeUTF(e.note());
        }
    }

    private static List<TradeEvent> readEvents(DataInput in) throws IOException {
        int n = in.readInt();
        List<TradeEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TradeEvent(in.readLong(), TradeEventType.values()[in.readByte()], in.readLong(), in.readLong(),
                    in.readUTF()));
        }
        return out;
    }

    /** Replaces the book's state with the snapshot's and rebuilds its indexes and rule queue. */
    public static void read(TradeBook b, DataInput in) throws IOException {
        clear(b);
        int merchants = in.readInt();
        for (int i = 0; i < merchants; i++) {
            Merchant m = new Merchant(in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readLong());
            b.merchants.put(m.merchantId(), m);
        }
        int orders = in.readInt();
        List<Order> byCreation = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            Order o = new Order(in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readInt(),
                    GoodsType.values()[in.readByte()], in.readInt(), in.readBoolean(), in.readUTF(), in.readLong());
            o.closedAt = in.readLong();
            o.events.addAll(readEvents(in));
            byCreation.add(o);
        }
        byCreation.sort(Comparator.comparingLong((Order o) -> o.createdAt).thenComparingLong(o -> o.tradeNo));
        for (Order o : byCreation) {
            b.addOrder(o);
        }
        int trades = in.readInt();
        for (int i = 0; i < trades; i++) {
            Trade t = new Trade(in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                    in.readInt(), GoodsType.values()[in.readByte()], in.readInt(), in.readLong(), in.readBoolean(),
                    TradeStatus.values()[in.readByte()]);
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
            int refunds = in.readInt();
            for (int k = 0; k < refunds; k++) {
                long refundId = in.readLong();
                String outRequestNo = in.readUTF();
                long amount = in.readLong();
                String reason = in.readUTF();
                RefundStatus status = RefundStatus.values()[in.readByte()];
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
            b.trades.put(t.tradeNo, t);
            if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt != 0) {
                b.due.add(new TradeBook.Due(t.confirmAt, t.tradeNo, TradeBook.DueKind.autoConfirm, 0));
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
                    TradeEventType.values()[in.readByte()], TradeStatus.values()[in.readByte()], in.readLong(),
                    in.readLong(), in.readInt(), in.readLong(), in.readInt(), in.readLong());
            b.putNotification(n);
        }
        b.nextNotificationSeq = in.readLong();
        b.abandonedNotifications = in.readLong();
    }

    static void clear(TradeBook b) {
        b.merchants.clear();
        b.orders.clear();
        b.trades.clear();
        b.ordersByMerchant.clear();
        b.ordersByBuyer.clear();
        b.receivables.clear();
        b.receivableIds.clear();
        b.due.clear();
        b.clearOutbox();
        b.nextNotificationSeq = 1;
        b.abandonedNotifications = 0;
    }

    /** A 64-bit hash of the whole book: equal books (same records) hash equal, whatever their history. */
    public static long digest(TradeBook b) {
        HashingStream h = new HashingStream();
        try (DataOutputStream out = new DataOutputStream(h)) {
            write(b, out);
        } catch (IOException e) {
            throw new IllegalStateException("hashing writes to memory", e);
        }
        return h.hash;
    }

    private static List<Long> sorted(java.util.Set<Long> keys) {
        List<Long> ids = new ArrayList<>(keys);
        Collections.sort(ids);
        return ids;
    }

    /** FNV-1a over 64 bits of everything written. */
    private static final class HashingStream extends OutputStream {
        long hash = 0xcbf29ce484222325L;

        @Override
        public void write(int b) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
    }
}
