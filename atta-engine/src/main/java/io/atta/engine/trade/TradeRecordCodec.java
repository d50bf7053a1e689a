package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one order and one trade: what a snapshot writes of each live record, and
 * what the history store holds of each final one ({@link TradeArchive}). The {@code gateway}
 * flag reads the form before the Alipay gateway ({@link TradeSnapshot#escrowOnly}) when false.
 */
final class TradeRecordCodec {
    private TradeRecordCodec() {
    }

    static void writeOrder(Order o, DataOutput out) throws IOException {
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

    static Order readOrder(DataInput in, boolean gateway) throws IOException {
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
        return o;
    }

    static void writeTrade(Trade t, DataOutput out) throws IOException {
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

    /** A trade with its refunds and timeline; the caller puts its time rules in the book's queue. */
    static Trade readTrade(DataInput in, boolean gateway) throws IOException {
        Trade t = readTerms(in, gateway);
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
        }
        t.events.addAll(readEvents(in));
        return t;
    }

    /** A trade's terms, which do not change after payment, and its status. */
    private static Trade readTerms(DataInput in, boolean gateway) throws IOException {
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

    static void writeEvents(List<TradeEvent> events, DataOutput out) throws IOException {
        out.writeInt(events.size());
        for (TradeEvent e : events) {
            out.writeLong(e.at());
            out.writeByte(e.type().code());
            out.writeLong(e.refundId());
            out.writeLong(e.amount());
            out.writeUTF(e.note());
        }
    }

    static List<TradeEvent> readEvents(DataInput in) throws IOException {
        int n = in.readInt();
        List<TradeEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TradeEvent(in.readLong(), TradeEventType.ofCode(in.readByte()), in.readLong(), in.readLong(),
                    in.readUTF()));
        }
        return out;
    }
}
